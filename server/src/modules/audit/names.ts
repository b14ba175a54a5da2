// The audit list names each row's object the way people know it (a hazard's serial, a case's number, an enterprise's
// name) instead of its UUID: one query per entity type on the page, by primary key, within the admin's park. An
// object that no longer exists (a deleted attachment, a replaced park plan) is named from the row's own before/after.

import { type SQL, sql } from 'drizzle-orm';
import { type Db, rows, uuidArray } from '../../platform/db';
import { maskedIdNumber } from '../../platform/personal-data';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** For each entity type, the query answering (id, name) for the given ids of the park. */
const LOOKUPS: Record<string, (parkId: string, ids: SQL) => SQL> = {
  user: (p, ids) =>
    sql`select id::text, display_name || '（' || username || '）' as name from users where park_id = ${p} and id = any(${ids})`,
  organisation: (p, ids) => sql`select id::text, name from organisations where park_id = ${p} and id = any(${ids})`,
  enterprise: (p, ids) => sql`select id::text, name from enterprises where park_id = ${p} and id = any(${ids})`,
  park: (p, ids) => sql`select id::text, name from parks where id = ${p} and id = any(${ids})`,
  // Park-wide settings are audited under the park's id.
  riskThresholds: (p, ids) =>
    sql`select id::text, name || ' 风险分级界限' as name from parks where id = ${p} and id = any(${ids})`,
  hazardSettings: (p, ids) =>
    sql`select id::text, name || ' 复查时限' as name from parks where id = ${p} and id = any(${ids})`,
  hazard: (p, ids) =>
    sql`select id::text, serial || ' ' || left(description, 24) as name from hazards where park_id = ${p} and id = any(${ids})`,
  campaign: (p, ids) => sql`select id::text, name from campaigns where park_id = ${p} and id = any(${ids})`,
  inspection: (p, ids) =>
    sql`select i.id::text, e.name || ' ' || i.inspected_on::text || ' 检查' as name
          from inspections i join enterprises e on e.id = i.enterprise_id
         where i.park_id = ${p} and i.id = any(${ids})`,
  document: (p, ids) =>
    sql`select id::text, doc_no as name from issued_documents where park_id = ${p} and id = any(${ids})`,
  criterion: (p, ids) =>
    sql`select id::text, code || ' v' || version::text as name from major_hazard_criteria where park_id = ${p} and id = any(${ids})`,
  checklist: (p, ids) =>
    sql`select id::text, name || ' v' || version::text as name from checklist_templates where park_id = ${p} and id = any(${ids})`,
  file: (p, ids) => sql`select id::text, original_name as name from files where park_id = ${p} and id = any(${ids})`,
  parkPlan: (p, ids) =>
    sql`select id::text, original_name as name from park_plans where park_id = ${p} and id = any(${ids})`,
  penaltyCase: (p, ids) =>
    sql`select c.id::text, c.case_no || ' ' || e.name as name
          from penalty_cases c join enterprises e on e.id = c.enterprise_id
         where c.park_id = ${p} and c.id = any(${ids})`,
  jointAction: (p, ids) =>
    sql`select id::text, title as name from joint_enforcement_actions where park_id = ${p} and id = any(${ids})`,
  riskPoint: (p, ids) =>
    sql`select r.id::text, e.name || ' · ' || r.name as name from risk_points r join enterprises e on e.id = r.enterprise_id
         where r.park_id = ${p} and r.id = any(${ids})`,
  survey: (p, ids) => sql`select id::text, title as name from surveys where park_id = ${p} and id = any(${ids})`,
  surveySection: (p, ids) =>
    sql`select id::text, title as name from survey_sections where park_id = ${p} and id = any(${ids})`,
  surveyQuestion: (p, ids) =>
    sql`select id::text, title as name from survey_questions where park_id = ${p} and id = any(${ids})`,
  surveyResponse: (p, ids) =>
    sql`select r.id::text, e.name || ' 的答卷' as name from survey_responses r join enterprises e on e.id = r.enterprise_id
         where r.park_id = ${p} and r.id = any(${ids})`,
  'hazard-sources': (p, ids) =>
    sql`select id::text, name from major_hazard_sources where park_id = ${p} and id = any(${ids})`,
  equipment: (p, ids) => sql`select id::text, name from special_equipment where park_id = ${p} and id = any(${ids})`,
  plans: (p, ids) => sql`select id::text, title as name from emergency_plans where park_id = ${p} and id = any(${ids})`,
  // The modules built after the audit page (responsibility, credit, activities, reports): named by their serial or
  // title, with the enterprise where the record is one enterprise's.
  responsibilityTemplate: (p, ids) =>
    sql`select id::text, year::text || ' 年度' || case version when 'department' then '部门版' when 'enterprise' then '企业版'
                 when 'village' then '村居版' else version end || '责任书' as name
          from responsibility_templates where park_id = ${p} and id = any(${ids})`,
  responsibilityLetter: (p, ids) =>
    sql`select l.id::text, o.name || ' 的责任书' as name from responsibility_letters l join organisations o on o.id = l.party_id
         where l.park_id = ${p} and l.id = any(${ids})`,
  assessmentRound: (p, ids) =>
    sql`select id::text, title as name from assessment_rounds where park_id = ${p} and id = any(${ids})`,
  commendation: (p, ids) =>
    sql`select id::text, commendation_no || ' ' || coalesce(person_name, unit_name, '') as name from commendations
         where park_id = ${p} and id = any(${ids})`,
  accident: (p, ids) =>
    sql`select a.id::text, a.serial || ' ' || e.name as name from accidents a join enterprises e on e.id = a.enterprise_id
         where a.park_id = ${p} and a.id = any(${ids})`,
  commitment: (p, ids) =>
    sql`select c.id::text, e.name || ' ' || c.period_start::text || ' 承诺' as name
          from commitments c join enterprises e on e.id = c.enterprise_id
         where c.park_id = ${p} and c.id = any(${ids})`,
  commitmentType: (p, ids) =>
    sql`select id::text, name from commitment_types where park_id = ${p} and id = any(${ids})`,
  workPlan: (p, ids) =>
    sql`select id::text, title as name from work_plan_items where park_id = ${p} and id = any(${ids})`,
  meeting: (p, ids) => sql`select id::text, topic as name from meetings where park_id = ${p} and id = any(${ids})`,
  meetingTask: (p, ids) =>
    sql`select id::text, left(decision, 30) as name from meeting_tasks where park_id = ${p} and id = any(${ids})`,
  publicity: (p, ids) =>
    sql`select id::text, theme as name from publicity_activities where park_id = ${p} and id = any(${ids})`,
  fundExpense: (p, ids) =>
    sql`select id::text, serial || ' ' || purpose as name from fund_expenses where park_id = ${p} and id = any(${ids})`,
  trainingSession: (p, ids) =>
    sql`select id::text, title as name from training_sessions where park_id = ${p} and id = any(${ids})`,
  trainingPlan: (p, ids) =>
    sql`select t.id::text, e.name || ' ' || t.year::text || ' 年度培训计划' as name
          from training_plans t join enterprises e on e.id = t.enterprise_id
         where t.park_id = ${p} and t.id = any(${ids})`,
  drill: (p, ids) => sql`select id::text, title as name from drills where park_id = ${p} and id = any(${ids})`,
  drillPlan: (p, ids) => sql`select id::text, title as name from drill_plans where park_id = ${p} and id = any(${ids})`,
  resumptionSeason: (p, ids) =>
    sql`select id::text, name from resumption_seasons where park_id = ${p} and id = any(${ids})`,
  resumption: (p, ids) =>
    sql`select r.id::text, r.serial || ' ' || e.name as name
          from resumption_applications r join enterprises e on e.id = r.enterprise_id
         where r.park_id = ${p} and r.id = any(${ids})`,
  guidance: (p, ids) =>
    sql`select g.id::text, g.serial || ' ' || e.name as name from guidance_records g join enterprises e on e.id = g.enterprise_id
         where g.park_id = ${p} and g.id = any(${ids})`,
  provider: (p, ids) => sql`select id::text, name from service_providers where park_id = ${p} and id = any(${ids})`,
  fireServiceContract: (p, ids) =>
    sql`select id::text, title as name from fire_service_contracts where park_id = ${p} and id = any(${ids})`,
  fireServiceVisit: (p, ids) =>
    sql`select v.id::text, v.serial || ' ' || e.name as name from fire_service_visits v join enterprises e on e.id = v.enterprise_id
         where v.park_id = ${p} and v.id = any(${ids})`,
  periodReport: (p, ids) =>
    sql`select id::text, title as name from period_reports where park_id = ${p} and id = any(${ids})`,
  certificates: (p, ids) =>
    sql`select id::text, holder_name as name, certificate_no as id_number from certificates
         where park_id = ${p} and id = any(${ids})`,
};

/** The entity types named from their tables (tests run every lookup). */
export const NAMED_TYPES = Object.keys(LOOKUPS);

/** The fields of a recorded before/after that name its object, in order of preference. */
const NAME_FIELDS = ['caseNo', 'serial', 'docNo', 'number', 'title', 'name', 'displayName', 'originalName', 'code'];

function nameFromRecord(value: unknown): string | null {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return null;
  const v = value as Record<string, unknown>;
  for (const f of NAME_FIELDS) if (typeof v[f] === 'string' && v[f]) return v[f] as string;
  return null;
}

export interface Nameable {
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
}

/** Names of the rows' objects, keyed `${entityType}:${entityId}`. */
export async function entityNames(db: Db, parkId: string, list: readonly Nameable[]): Promise<Map<string, string>> {
  const byType = new Map<string, Set<string>>();
  for (const r of list) {
    if (!r.entityId || !UUID.test(r.entityId) || !LOOKUPS[r.entityType]) continue;
    const set = byType.get(r.entityType) ?? new Set<string>();
    set.add(r.entityId.toLowerCase());
    byType.set(r.entityType, set);
  }
  const names = new Map<string, string>();
  await Promise.all(
    [...byType].map(async ([type, ids]) => {
      const found = await rows<{ id: string; name: string; id_number?: string | null }>(
        db,
        LOOKUPS[type]!(parkId, uuidArray([...ids])),
      );
      // A sealed number (特种作业操作证) is named by its mask, like everything the audit log shows.
      for (const f of found) {
        names.set(`${type}:${f.id}`, f.id_number ? `${f.name} ${maskedIdNumber(f.id_number)}` : f.name);
      }
    }),
  );
  for (const r of list) {
    if (!r.entityId) continue;
    const key = `${r.entityType}:${r.entityId.toLowerCase()}`;
    if (names.has(key)) continue;
    const recorded = nameFromRecord(r.after) ?? nameFromRecord(r.before);
    if (recorded) names.set(key, recorded);
  }
  return names;
}

export const nameKey = (r: { entityType: string; entityId: string | null }) =>
  r.entityId ? `${r.entityType}:${r.entityId.toLowerCase()}` : '';
