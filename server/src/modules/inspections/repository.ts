import { and, count, desc, eq, gte, lte, ne, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { INSPECTION_KINDS, InspectionListQuery } from '../../../../shared/src/campaigns';
import type { ChecklistStatus, InspectionItemResultView, ItemResult } from '../../../../shared/src/checklists';
import {
  campaigns,
  checklistFamilies,
  checklistTemplates,
  enterprises,
  inspectionItemResults,
  inspectionSignatures,
  inspections,
} from '../../db/schema';
import type { Actor } from '../../platform/actor';
import { type Db, fastRows, rows } from '../../platform/db';
import { cachedFigure } from '../../platform/read-cache';
import { enterpriseScope, seesWholePark } from '../../platform/scope';

const hazardCount = sql<number>`(select count(*) from hazards h where h.park_id = ${inspections.parkId} and h.inspection_id = ${inspections.id})::int`;
// Result counts (null without a checklist) and whether each side has signed, per inspection row.
const resultCounts = sql<{ pass: number; fail: number; na: number } | null>`(
  select case when ${inspections.checklistTemplateId} is null then null else jsonb_build_object(
    'pass', count(*) filter (where r.result = 'pass'),
    'fail', count(*) filter (where r.result = 'fail'),
    'na', count(*) filter (where r.result = 'na')) end
  from inspection_item_results r where r.park_id = ${inspections.parkId} and r.inspection_id = ${inspections.id})`;
const signed = (role: 'inspector' | 'enterprise') =>
  sql<boolean>`exists (select 1 from inspection_signatures s where s.park_id = ${inspections.parkId}
                        and s.inspection_id = ${inspections.id} and s.role = ${role})`;

function select(db: Db) {
  return db
    .select({
      i: inspections,
      enterpriseName: enterprises.name,
      campaignName: campaigns.name,
      hazardCount,
      resultCounts,
      signedByInspector: signed('inspector'),
      signedByEnterprise: signed('enterprise'),
      t: {
        id: checklistTemplates.id,
        familyId: checklistTemplates.familyId,
        name: checklistTemplates.name,
        version: checklistTemplates.version,
        status: checklistTemplates.status,
      },
      code: checklistFamilies.code,
    })
    .from(inspections)
    .innerJoin(
      enterprises,
      and(eq(enterprises.parkId, inspections.parkId), eq(enterprises.id, inspections.enterpriseId)),
    )
    .leftJoin(campaigns, and(eq(campaigns.parkId, inspections.parkId), eq(campaigns.id, inspections.campaignId)))
    .leftJoin(
      checklistTemplates,
      and(
        eq(checklistTemplates.parkId, inspections.parkId),
        eq(checklistTemplates.id, inspections.checklistTemplateId),
      ),
    )
    .leftJoin(checklistFamilies, eq(checklistFamilies.id, checklistTemplates.familyId));
}

type Row = Awaited<ReturnType<ReturnType<typeof select>['where']>>[number];

const toView = (r: Row, names: Map<string, string>) => {
  const inspectors = [...r.i.inspectorIds.map((id) => names.get(id) ?? id), ...r.i.inspectorNames];
  return {
    id: r.i.id,
    campaignId: r.i.campaignId,
    campaignName: r.campaignName,
    enterpriseId: r.i.enterpriseId,
    enterpriseName: r.enterpriseName,
    inspectedOn: r.i.inspectedOn,
    kind: r.i.kind as (typeof INSPECTION_KINDS)[number],
    domains: r.i.domains,
    inspectors,
    inspectorCount: inspectors.length,
    recordedByName: r.i.recordedByName,
    summary: r.i.summary,
    enterpriseSigner: r.i.enterpriseSigner,
    hazardCount: Number(r.hazardCount),
    checklist:
      r.t?.id && r.code
        ? {
            id: r.t.id,
            familyId: r.t.familyId,
            code: r.code,
            name: r.t.name,
            version: r.t.version,
            status: r.t.status as ChecklistStatus,
          }
        : null,
    resultCounts: r.resultCounts
      ? {
          pass: Number(r.resultCounts.pass),
          fail: Number(r.resultCounts.fail),
          na: Number(r.resultCounts.na),
        }
      : null,
    signedByInspector: Boolean(r.signedByInspector),
    signedByEnterprise: Boolean(r.signedByEnterprise),
    createdAt: r.i.createdAt.toISOString(),
  };
};

async function userNames(db: Db, rowsIn: Row[]): Promise<Map<string, string>> {
  const ids = [...new Set(rowsIn.flatMap((r) => r.i.inspectorIds))];
  if (ids.length === 0) return new Map();
  const r = (await db.execute(
    sql`select id, display_name from users where id in (${sql.join(
      ids.map((i) => sql`${i}::uuid`),
      sql`, `,
    )})`,
  )) as unknown as { rows: { id: string; display_name: string }[] };
  return new Map(r.rows.map((u) => [u.id, u.display_name]));
}

type ListFilters = Omit<z.infer<typeof InspectionListQuery>, 'page' | 'pageSize' | 'order'>;

/** The scoped WHERE of the inspections list, shared by the period figures (家次, 人次) so both count the same rows. */
export function listWhere(actor: Actor, q: ListFilters): SQL {
  const conds: (SQL | undefined)[] = [
    enterpriseScope(actor, { parkId: inspections.parkId, enterpriseId: inspections.enterpriseId }),
    q.campaignId ? eq(inspections.campaignId, q.campaignId) : undefined,
    q.enterpriseId ? eq(inspections.enterpriseId, q.enterpriseId) : undefined,
    q.kind ? eq(inspections.kind, q.kind) : undefined,
    q.supervisory === 'true' ? ne(inspections.kind, 'selfInspection') : undefined,
    q.supervisory === 'false' ? eq(inspections.kind, 'selfInspection') : undefined,
    q.from ? gte(inspections.inspectedOn, q.from) : undefined,
    q.to ? lte(inspections.inspectedOn, q.to) : undefined,
  ];
  return and(...conds) as SQL;
}

export interface InspectionPeriodFigures {
  inspections: number;
  inspectorVisits: number;
  enterprises: number;
  byMonth: { key: string; n: number }[];
}

/**
 * A period's inspection figures with the list's WHERE: 家次 (inspections), 人次 (their inspectors, internal and
 * external, each once), the distinct enterprises inspected, and 家次 by month. Park-wide roles filtering by period
 * and kind only read 家次 and 人次 from the day rollup (0046, kept exact by triggers) and count the distinct
 * enterprises over inspections_period (index-only); any other scope or filter counts the list's rows (counted). The
 * test compares both paths.
 */
export async function periodFigures(
  db: Db,
  actor: Actor,
  q: ListFilters,
  withEnterprises = true,
): Promise<InspectionPeriodFigures> {
  if (!seesWholePark(actor) || q.campaignId || q.enterpriseId) return counted(db, actor, q);
  // The distinct enterprises inspected group the period's inspections per enterprise (a year at 100,000
  // enterprises: ~70,000 groups); kept in the figures cache until an inspection changes (read-cache.ts).
  return cachedFigure(db, `inspection-figures:${actor.parkId}:${withEnterprises}:${JSON.stringify(q)}`, () =>
    fromRollup(db, actor, q, withEnterprises),
  );
}

type FigureRow = { month: string | null; n: number; visits: number; enterprises: number | null };

function assemble(groups: FigureRow[]): InspectionPeriodFigures {
  const total = groups.find((g) => g.month === null);
  return {
    inspections: Number(total?.n ?? 0),
    inspectorVisits: Number(total?.visits ?? 0),
    enterprises: Number(total?.enterprises ?? 0),
    byMonth: groups
      .filter((g) => g.month !== null)
      .map((g) => ({ key: g.month!, n: Number(g.n) }))
      .sort((a, b) => a.key.localeCompare(b.key)),
  };
}

/** The kind filters of the list (kind, supervisory) over a table whose kind column is `kind`. */
function kindConds(q: ListFilters): SQL[] {
  const out: SQL[] = [];
  if (q.kind) out.push(sql`kind = ${q.kind}`);
  if (q.supervisory === 'true') out.push(sql`kind <> 'selfInspection'`);
  if (q.supervisory === 'false') out.push(sql`kind = 'selfInspection'`);
  return out;
}

/** YYYY-MM-DD of a UTC date. */
const iso = (d: Date) => d.toISOString().slice(0, 10);

/**
 * The whole months within [from, to] (first days of the first and the last), and the days of the period outside
 * them (its partial first and last months), or null when the period holds no whole month.
 */
export function wholeMonths(
  from: string,
  to: string,
): { first: string; last: string; edges: [string, string][] } | null {
  const f = new Date(`${from}T00:00:00Z`);
  const t = new Date(`${to}T00:00:00Z`);
  const first = f.getUTCDate() === 1 ? f : new Date(Date.UTC(f.getUTCFullYear(), f.getUTCMonth() + 1, 1));
  // The first day of the month after the last whole month: to's month if to is its month's last day.
  const dayAfter = new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate() + 1));
  const end = dayAfter.getUTCDate() === 1 ? dayAfter : new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), 1));
  if (first >= end) return null;
  const last = new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth() - 1, 1));
  const edges: [string, string][] = [];
  if (first > f) edges.push([from, iso(new Date(first.getTime() - 86_400_000))]);
  if (end <= t) edges.push([iso(end), to]);
  return { first: iso(first), last: iso(last), edges };
}

/**
 * A period's inspections per enterprise of a park (enterprise_id, n > 0), with the kind filters `kinds` (over a
 * column `kind`): the one definition behind coverage's inspections per enterprise and the distinct enterprises
 * inspected. The whole months come from the month rollup (0047, kept exact by triggers), the partial first and last
 * months from a range of inspections_period (0040); a period without a whole month counts the inspections.
 */
export function perEnterpriseSql(parkId: string, period: { from: string; to: string }, kinds: SQL[]): SQL {
  const kindWhere = kinds.length ? sql` and ${sql.join(kinds, sql` and `)}` : sql``;
  const months = wholeMonths(period.from, period.to);
  if (!months) {
    return sql`select enterprise_id, count(*)::int as n from inspections
                where park_id = ${parkId}${kindWhere} and inspected_on between ${period.from} and ${period.to}
                group by enterprise_id`;
  }
  // Each partial month its own range of inspections_period (index-only; an OR of the two was a bitmap heap scan).
  const edges = months.edges.map(
    ([a, b]) => sql` union all
          select enterprise_id, 1 from inspections
           where park_id = ${parkId}${kindWhere} and inspected_on between ${a} and ${b}`,
  );
  return sql`select enterprise_id, sum(n)::int as n
               from (select enterprise_id, n from inspection_month_counts
                      where park_id = ${parkId}${kindWhere} and month between ${months.first} and ${months.last}
                     ${sql.join(edges, sql``)}) x
              group by enterprise_id`;
}

/**
 * The whole park's figures in one statement: 家次 and 人次 by month from the day rollup (a year: at most 365 × kinds
 * rows; months whose inspections were all deleted keep zero rows, which HAVING leaves out as the scan never sees
 * them), and the distinct enterprises from the inspections per enterprise (perEnterpriseSql: the month rollup for
 * the whole months, inspections_period for the partial ones; a period open at either end counts the inspections).
 */
export async function fromRollup(
  db: Db,
  actor: Actor,
  q: ListFilters,
  withEnterprises = true,
): Promise<InspectionPeriodFigures> {
  const days = [
    sql`park_id = ${actor.parkId}`,
    ...(q.from ? [sql`inspected_on >= ${q.from}`] : []),
    ...(q.to ? [sql`inspected_on <= ${q.to}`] : []),
    ...kindConds(q),
  ];
  const where = sql.join(days, sql` and `);
  const perEnterprise =
    q.from && q.to
      ? perEnterpriseSql(actor.parkId, { from: q.from, to: q.to }, kindConds(q))
      : sql`select enterprise_id from inspections where ${where} group by enterprise_id`;
  const groups = await fastRows<FigureRow>(
    db,
    sql`select to_char(inspected_on, 'YYYY-MM') as month, sum(n)::int as n,
               sum(inspectors)::int as visits, null::int as enterprises
          from inspection_day_counts where ${where}
         group by 1 having sum(n) <> 0
        union all
        select null, coalesce(sum(n), 0)::int, coalesce(sum(inspectors), 0)::int,
               ${withEnterprises ? sql`(select count(*)::int from (${perEnterprise}) d)` : sql`null::int`}
          from inspection_day_counts where ${where}`,
  );
  return assemble(groups);
}

/** The figures counted over the list's own rows (scoped roles, a campaign's or an enterprise's inspections). */
export async function counted(db: Db, actor: Actor, q: ListFilters): Promise<InspectionPeriodFigures> {
  const where = listWhere(actor, q);
  // One pass over the period's inspections (a range of inspections_period, 0040), hashed by month; the distinct
  // enterprises hashed apart (count(distinct) within grouping sets sorted every row: 170 ms at 24,000 rows).
  const groups = await fastRows<FigureRow>(
    db,
    sql`with p as materialized (
          select date_trunc('month', inspected_on)::date as m, enterprise_id,
                 cardinality(inspector_ids) + cardinality(inspector_names) as v
            from inspections where ${where})
        select to_char(m, 'YYYY-MM') as month, count(*)::int as n, coalesce(sum(v), 0)::int as visits,
               null::int as enterprises
          from p group by m
        union all
        select null, count(*)::int, coalesce(sum(v), 0)::int,
               (select count(*)::int from (select enterprise_id from p group by enterprise_id) d)
          from p`,
  );
  return assemble(groups);
}

export async function list(db: Db, actor: Actor, q: z.infer<typeof InspectionListQuery>) {
  const where = listWhere(actor, q);
  const [items, [total]] = await Promise.all([
    select(db)
      .where(where)
      .orderBy(desc(inspections.inspectedOn), desc(inspections.createdAt))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ n: count() }).from(inspections).where(where),
  ]);
  const names = await userNames(db, items);
  return { items: items.map((r) => toView(r, names)), total: Number(total?.n ?? 0) };
}

export async function get(db: Db, actor: Actor, id: string) {
  const [r] = await select(db).where(
    and(
      enterpriseScope(actor, { parkId: inspections.parkId, enterpriseId: inspections.enterpriseId }),
      eq(inspections.id, id),
    ),
  );
  return r ? toView(r, await userNames(db, [r])) : null;
}

export async function insert(tx: Db, values: typeof inspections.$inferInsert): Promise<string> {
  const [r] = await tx.insert(inspections).values(values).returning({ id: inspections.id });
  return r!.id;
}

export async function insertResults(tx: Db, values: (typeof inspectionItemResults.$inferInsert)[]): Promise<void> {
  if (values.length > 0) await tx.insert(inspectionItemResults).values(values);
}

export async function insertSignatures(tx: Db, values: (typeof inspectionSignatures.$inferInsert)[]): Promise<void> {
  if (values.length > 0) await tx.insert(inspectionSignatures).values(values);
}

export async function setResultHazard(tx: Db, parkId: string, inspectionId: string, itemId: string, hazardId: string) {
  await tx
    .update(inspectionItemResults)
    .set({ hazardId })
    .where(
      and(
        eq(inspectionItemResults.parkId, parkId),
        eq(inspectionItemResults.inspectionId, inspectionId),
        eq(inspectionItemResults.itemId, itemId),
      ),
    );
}

/** One result with its item, locked (the one-step hazard of a failed item). */
export async function resultForUpdate(tx: Db, parkId: string, inspectionId: string, itemId: string) {
  const [r] = await rows<{
    result: ItemResult;
    note: string | null;
    photo_ids: string[];
    hazard_id: string | null;
    content: string;
    basis: string | null;
    domain: 'production' | 'fire' | 'food';
    criterion_code: string | null;
    standard: string | null;
    article: string | null;
  }>(
    tx,
    sql`select r.result, r.note, r.photo_ids, r.hazard_id, i.content, i.basis, i.domain, i.criterion_code,
               c.standard, c.article
          from inspection_item_results r
          join checklist_items i on i.id = r.item_id
          left join major_hazard_criteria c on c.id = i.criterion_id
         where r.park_id = ${parkId} and r.inspection_id = ${inspectionId} and r.item_id = ${itemId}
         for update of r`,
  );
  return r ?? null;
}

/** The results of an inspection in template order; photo ids are resolved to files by the caller. */
export async function results(db: Db, parkId: string, inspectionId: string) {
  const r = await rows<{
    item_id: string;
    seq: number;
    content: string;
    basis: string | null;
    domain: 'production' | 'fire' | 'food';
    criterion_code: string | null;
    method: string | null;
    result: ItemResult;
    note: string | null;
    photo_ids: string[];
    c_id: string | null;
    c_code: string | null;
    c_version: number | null;
    c_standard: string | null;
    c_article: string | null;
    c_item: string | null;
    c_verified: boolean | null;
    c_retired: boolean | null;
    h_id: string | null;
    h_serial: string | null;
    h_grade: 'general' | 'major' | null;
    h_status: string | null;
  }>(
    db,
    sql`select r.item_id, i.seq, i.content, i.basis, i.domain, i.criterion_code, i.method, r.result, r.note,
               r.photo_ids, c.id as c_id, c.code as c_code, c.version as c_version, c.standard as c_standard,
               c.article as c_article, c.item as c_item, c.verified as c_verified, c.retired as c_retired,
               h.id as h_id, h.serial as h_serial, h.grade as h_grade, h.status as h_status
          from inspection_item_results r
          join checklist_items i on i.id = r.item_id
          left join major_hazard_criteria c on c.id = i.criterion_id
          left join hazards h on h.id = r.hazard_id
         where r.park_id = ${parkId} and r.inspection_id = ${inspectionId}
         order by i.seq`,
  );
  return r.map((x) => ({
    photoIds: x.photo_ids ?? [],
    view: {
      itemId: x.item_id,
      seq: Number(x.seq),
      content: x.content,
      basis: x.basis,
      domain: x.domain,
      criterionCode: x.criterion_code,
      criterion: x.c_id
        ? {
            id: x.c_id,
            code: x.c_code!,
            version: Number(x.c_version),
            standard: x.c_standard!,
            article: x.c_article,
            item: x.c_item!,
            verified: Boolean(x.c_verified),
            retired: Boolean(x.c_retired),
          }
        : null,
      method: x.method,
      result: x.result,
      note: x.note,
      photos: [],
      hazard: x.h_id ? { id: x.h_id, serial: x.h_serial!, grade: x.h_grade!, status: x.h_status! } : null,
    } satisfies InspectionItemResultView as InspectionItemResultView,
  }));
}

export async function signatures(db: Db, parkId: string, inspectionId: string) {
  return db
    .select()
    .from(inspectionSignatures)
    .where(and(eq(inspectionSignatures.parkId, parkId), eq(inspectionSignatures.inspectionId, inspectionId)))
    .orderBy(inspectionSignatures.role);
}

/** Who may be named as an inspector: the committee's staff and inspectors, or an enterprise user's colleagues. */
export async function inspectorOptions(db: Db, parkId: string, organisationId: string | null) {
  return rows<{ id: string; name: string; role: string; organisation_name: string | null }>(
    db,
    sql`select u.id, u.display_name as name, u.role, o.name as organisation_name
          from users u left join organisations o on o.id = u.organisation_id
         where u.park_id = ${parkId} and not u.disabled
           and ${
             organisationId
               ? sql`u.role = 'enterprise' and u.organisation_id = ${organisationId}`
               : sql`u.role in ('inspector', 'supervisor', 'department')`
           }
         order by case u.role when 'inspector' then 0 when 'supervisor' then 1 else 2 end, u.display_name
         limit 1000`,
  );
}

export async function setEnterpriseSigner(tx: Db, parkId: string, id: string, name: string) {
  await tx
    .update(inspections)
    .set({ enterpriseSigner: name })
    .where(and(eq(inspections.parkId, parkId), eq(inspections.id, id)));
}
