// Reference checks: every id a request body references must exist in the actor's park, lie within the actor's data
// scope (scope.ts) and, for records of an enterprise, belong to the same enterprise. A reference that fails is 422
// naming the field — an unknown id, another park's and another enterprise's answer alike, so the answer reveals
// nothing — never a 500 from a foreign key, never stored. Modules call these before they write.
import { sql } from 'drizzle-orm';
import { fieldLabel } from '../../../shared/src/labels';
import type { Actor } from './actor';
import { type Db, rows } from './db';
import { type AppError, unprocessable } from './errors';
import { campaignScopeSql, enterpriseScopeSql } from './scope';

/** The label of a (possibly nested: hazards.0.inspectionId, target.enterpriseIds.3) field. */
const labelOf = (field: string) =>
  fieldLabel(
    field
      .split('.')
      .filter((p) => !/^\d+$/.test(p))
      .at(-1) ?? field,
  ) ?? '所选记录';

/** 422 naming the field: 「检查记录」不存在、不属于该企业或不在您的数据范围内. */
export function invalidReference(field: string, reason: string, code = 'REFERENCE_INVALID'): AppError {
  const message = `${labelOf(field)}${reason}`;
  return unprocessable(code, message, { [field]: message });
}

const uuids = (ids: readonly string[]) =>
  sql`array[${sql.join(
    ids.map((id) => sql`${id}::uuid`),
    sql`, `,
  )}]::uuid[]`;

/** Reports the first id of the list that is not among found (the list is one field of a form: a multi-select). */
function assertAll(field: string, ids: readonly string[], found: ReadonlySet<string>, reason: string): void {
  const at = ids.findIndex((id) => !found.has(id));
  if (at < 0) return;
  throw invalidReference(field, ids.length > 1 ? `中的第 ${at + 1} 项${reason}` : reason);
}

/** Enterprises of the park within the actor's scope (campaign targets, joint action targets). */
export async function assertEnterpriseRefs(db: Db, actor: Actor, field: string, ids: readonly string[]) {
  if (ids.length === 0) return;
  const found = await rows<{ id: string }>(
    db,
    sql`select e.id from enterprises e where e.id = any(${uuids(ids)}) and ${enterpriseScopeSql(actor, 'e', 'id')}`,
  );
  assertAll(field, ids, new Set(found.map((r) => r.id)), '不存在、不是本园区的企业或不在您的数据范围内');
}

/** Organisations of the park of one of the kinds (joint departments: department, village). */
export async function assertOrganisationRefs(
  db: Db,
  actor: Actor,
  field: string,
  ids: readonly string[],
  kinds: readonly string[],
  reason: string,
) {
  if (ids.length === 0) return;
  const found = await rows<{ id: string }>(
    db,
    sql`select id from organisations where park_id = ${actor.parkId} and not disabled and id = any(${uuids(ids)})
           and kind in (${sql.join(
             kinds.map((k) => sql`${k}`),
             sql`, `,
           )})`,
  );
  assertAll(field, ids, new Set(found.map((r) => r.id)), reason);
}

export interface InspectionRef {
  id: string;
  campaignId: string | null;
  inspectedOn: string;
}

/** An inspection of the enterprise within the actor's scope (a hazard found by it, a notice citing it). */
export async function assertInspectionRef(
  db: Db,
  actor: Actor,
  field: string,
  id: string,
  enterpriseId: string,
): Promise<InspectionRef> {
  const [found] = await rows<{ id: string; campaign_id: string | null; inspected_on: string }>(
    db,
    sql`select i.id, i.campaign_id, i.inspected_on::text as inspected_on from inspections i
         where i.id = ${id} and i.enterprise_id = ${enterpriseId} and ${enterpriseScopeSql(actor, 'i')}`,
  );
  if (!found) throw invalidReference(field, '不存在、不是该企业的检查记录或不在您的数据范围内');
  return { id: found.id, campaignId: found.campaign_id, inspectedOn: found.inspected_on };
}

export interface CampaignRef {
  id: string;
  name: string;
  startsOn: string;
  endsOn: string;
}

/**
 * A campaign a record of the enterprise may count toward: in the actor's campaign scope, with the enterprise among
 * its targets, and — when a date is given — the date within its period. Otherwise a record from outside would
 * inflate the campaign's figures (人次, 家次, 处).
 */
export async function assertCampaignRef(
  db: Db,
  actor: Actor,
  field: string,
  campaignId: string,
  enterpriseId: string,
  date?: { field: string; value: string; what: string },
): Promise<CampaignRef> {
  const [c] = await rows<{
    id: string;
    name: string;
    starts_on: string;
    ends_on: string;
    target: boolean;
    status: string;
  }>(
    db,
    sql`select c.id, c.name, c.starts_on::text as starts_on, c.ends_on::text as ends_on, c.status,
               exists (select 1 from campaign_enterprises ce where ce.park_id = c.park_id and ce.campaign_id = c.id
                          and ce.enterprise_id = ${enterpriseId}) as target
          from campaigns c where c.id = ${campaignId} and ${campaignScopeSql(actor, 'c')}`,
  );
  if (!c) throw invalidReference(field, '不存在或不在您的数据范围内');
  // A closed campaign may still take a back-filled visit of its period; a cancelled one counts nothing.
  if (c.status === 'cancelled') {
    throw invalidReference(field, `「${c.name}」已取消，不能再计入检查`, 'CAMPAIGN_CANCELLED');
  }
  if (!c.target) {
    throw invalidReference(field, `「${c.name}」的检查对象中没有该企业，不能计入该行动`, 'CAMPAIGN_NOT_TARGET');
  }
  if (date && (date.value < c.starts_on || date.value > c.ends_on)) {
    const message = `${date.what} ${date.value} 不在检查行动「${c.name}」的期间（${c.starts_on} 至 ${c.ends_on}）内，不能计入该行动`;
    throw unprocessable('CAMPAIGN_PERIOD_MISMATCH', message, { [date.field]: message });
  }
  return { id: c.id, name: c.name, startsOn: c.starts_on, endsOn: c.ends_on };
}
