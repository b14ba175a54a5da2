// Queries of the survey module (SQL; the tables are in migrations/0004_survey.sql). No rules here: the service decides
// who may do what and when; every enterprise-owned query takes the data scope from platform/scope.ts.
import { type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type {
  AnswerValue,
  Completion,
  QuestionCondition,
  QuestionType,
  QuestionView,
  ResponseListQuery,
  ResponseRow,
  ResponseStatus,
  SectionView,
  SurveyListQuery,
  SurveyStatus,
  SurveyView,
} from '../../../../shared/src/survey';
import { questionLabels } from '../../../../shared/src/survey';
import type { Actor } from '../../platform/actor';
import { type Db, rows } from '../../platform/db';
import { likePattern } from '../../platform/pagination';
import { maskedPhone } from '../../platform/personal-data';
import { enterpriseScopeSql } from '../../platform/scope';

const iso = (v: unknown): string | null => (v === null || v === undefined ? null : new Date(v as string).toISOString());
const json = <T>(v: unknown): T => (typeof v === 'string' ? (JSON.parse(v) as T) : (v as T));
const n = (v: unknown) => Number(v ?? 0);

// ---- Surveys ---------------------------------------------------------------------------------------------------

interface SurveyDbRow {
  id: string;
  year: number;
  title: string;
  description: string | null;
  status: SurveyStatus;
  copied_from_id: string | null;
  opened_at: unknown;
  closed_at: unknown;
  created_at: unknown;
  updated_at: unknown;
  row_version: number;
  question_count: string | number;
}

export type SurveyRecord = Omit<SurveyView, 'completion'>;

const toSurvey = (r: SurveyDbRow): SurveyRecord => ({
  id: r.id,
  year: Number(r.year),
  title: r.title,
  description: r.description,
  status: r.status,
  questionCount: n(r.question_count),
  copiedFromId: r.copied_from_id,
  openedAt: iso(r.opened_at),
  closedAt: iso(r.closed_at),
  createdAt: iso(r.created_at)!,
  updatedAt: iso(r.updated_at)!,
  rowVersion: Number(r.row_version),
});

const surveyColumns = sql`s.id, s.year, s.title, s.description, s.status, s.copied_from_id, s.opened_at, s.closed_at,
  s.created_at, s.updated_at, s.row_version,
  (select count(*) from survey_questions q where q.park_id = s.park_id and q.survey_id = s.id) as question_count`;

export async function listSurveys(
  db: Db,
  parkId: string,
  q: z.infer<typeof SurveyListQuery>,
  opts: { includeDrafts: boolean },
): Promise<{ items: SurveyRecord[]; total: number }> {
  const conds: SQL[] = [sql`s.park_id = ${parkId}`];
  if (!opts.includeDrafts) conds.push(sql`s.status <> 'draft'`);
  if (q.year) conds.push(sql`s.year = ${q.year}`);
  if (q.status) conds.push(sql`s.status = ${q.status}`);
  const where = sql.join(conds, sql` and `);
  const dir = q.order === 'asc' ? sql`asc` : sql`desc`;
  const [items, [total]] = await Promise.all([
    rows<SurveyDbRow>(
      db,
      sql`select ${surveyColumns} from surveys s where ${where} order by s.year ${dir}, s.id
          limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`,
    ),
    rows<{ total: string | number }>(db, sql`select count(*) as total from surveys s where ${where}`),
  ]);
  return { items: items.map(toSurvey), total: n(total?.total) };
}

export async function getSurvey(
  db: Db,
  parkId: string,
  id: string,
  lock: 'none' | 'share' | 'update' = 'none',
): Promise<SurveyRecord | null> {
  const locking = lock === 'update' ? sql`for update of s` : lock === 'share' ? sql`for share of s` : sql``;
  const [r] = await rows<SurveyDbRow>(
    db,
    sql`select ${surveyColumns} from surveys s where s.park_id = ${parkId} and s.id = ${id} ${locking}`,
  );
  return r ? toSurvey(r) : null;
}

export async function surveyByYear(db: Db, parkId: string, year: number): Promise<SurveyRecord | null> {
  const [r] = await rows<SurveyDbRow>(
    db,
    sql`select ${surveyColumns} from surveys s where s.park_id = ${parkId} and s.year = ${year}`,
  );
  return r ? toSurvey(r) : null;
}

export async function openSurvey(db: Db, parkId: string): Promise<SurveyRecord | null> {
  const [r] = await rows<SurveyDbRow>(
    db,
    sql`select ${surveyColumns} from surveys s where s.park_id = ${parkId} and s.status = 'open'`,
  );
  return r ? toSurvey(r) : null;
}

/** The open survey, else the most recent closed one: what an enterprise's 状况调查 page shows. */
export async function currentSurvey(db: Db, parkId: string): Promise<SurveyRecord | null> {
  const [r] = await rows<SurveyDbRow>(
    db,
    sql`select ${surveyColumns} from surveys s where s.park_id = ${parkId} and s.status <> 'draft'
        order by (s.status = 'open') desc, s.year desc limit 1`,
  );
  return r ? toSurvey(r) : null;
}

export async function insertSurvey(
  tx: Db,
  v: { parkId: string; year: number; title: string; description: string | null; copiedFromId: string | null },
): Promise<string> {
  const [r] = await rows<{ id: string }>(
    tx,
    sql`insert into surveys (park_id, year, title, description, copied_from_id)
        values (${v.parkId}, ${v.year}, ${v.title}, ${v.description}, ${v.copiedFromId}) returning id`,
  );
  return r!.id;
}

/** Changes the survey row and bumps its version; false when rowVersion is stale. */
export async function patchSurvey(
  tx: Db,
  parkId: string,
  id: string,
  patch: {
    year?: number;
    title?: string;
    description?: string | null;
    status?: SurveyStatus;
    openedAt?: Date;
    closedAt?: Date | null;
  },
  at: Date,
  rowVersion?: number,
): Promise<boolean> {
  const sets: SQL[] = [sql`updated_at = ${at.toISOString()}`, sql`row_version = row_version + 1`];
  if (patch.year !== undefined) sets.push(sql`year = ${patch.year}`);
  if (patch.title !== undefined) sets.push(sql`title = ${patch.title}`);
  if (patch.description !== undefined) sets.push(sql`description = ${patch.description}`);
  if (patch.status !== undefined) sets.push(sql`status = ${patch.status}`);
  if (patch.openedAt !== undefined) sets.push(sql`opened_at = ${patch.openedAt.toISOString()}`);
  if (patch.closedAt !== undefined) sets.push(sql`closed_at = ${patch.closedAt ? patch.closedAt.toISOString() : null}`);
  const version = rowVersion === undefined ? sql`` : sql`and row_version = ${rowVersion}`;
  const done = await rows<{ id: string }>(
    tx,
    sql`update surveys set ${sql.join(sets, sql`, `)} where park_id = ${parkId} and id = ${id} ${version} returning id`,
  );
  return done.length > 0;
}

/** A change to the questions counts as a change to the survey (version, updated time). */
export async function touchSurvey(tx: Db, parkId: string, id: string, at: Date): Promise<void> {
  await patchSurvey(tx, parkId, id, {}, at);
}

export async function deleteSurvey(tx: Db, parkId: string, id: string): Promise<void> {
  await tx.execute(sql`delete from survey_questions where park_id = ${parkId} and survey_id = ${id}`);
  await tx.execute(sql`delete from survey_sections where park_id = ${parkId} and survey_id = ${id}`);
  await tx.execute(sql`delete from surveys where park_id = ${parkId} and id = ${id}`);
}

/** Enterprises that count (in scope, not 注销) and how many of them have submitted, per survey. */
export async function completionOf(
  db: Db,
  actor: Actor,
  surveyIds: string[],
): Promise<Map<string, { total: number; submitted: number }>> {
  const out = new Map<string, { total: number; submitted: number }>();
  if (surveyIds.length === 0) return out;
  const scope = enterpriseScopeSql(actor, 'e', 'id');
  const [t] = await rows<{ total: string | number }>(
    db,
    sql`select count(*) as total from enterprises e where ${scope} and e.status <> 'cancelled'`,
  );
  const submitted = await rows<{ survey_id: string; submitted: string | number }>(
    db,
    sql`select r.survey_id, count(*) as submitted
          from survey_responses r join enterprises e on e.park_id = r.park_id and e.id = r.enterprise_id
         where r.park_id = ${actor.parkId} and r.status = 'submitted' and e.status <> 'cancelled' and ${scope}
           and r.survey_id in (${sql.join(
             surveyIds.map((id) => sql`${id}`),
             sql`, `,
           )})
         group by r.survey_id`,
  );
  for (const id of surveyIds) out.set(id, { total: n(t?.total), submitted: 0 });
  for (const r of submitted) out.get(r.survey_id)!.submitted = n(r.submitted);
  return out;
}

// ---- Sections and questions ------------------------------------------------------------------------------------

interface QuestionDbRow {
  id: string;
  section_id: string;
  position: number;
  question_type: QuestionType;
  title: string;
  help_text: string | null;
  required: boolean;
  options: unknown;
  min_value: number | string | null;
  max_value: number | string | null;
  integer_only: boolean;
  unit: string | null;
  condition: unknown;
}

/** The survey's sections with their questions, in order, numbered across the survey. */
export async function loadSections(db: Db, parkId: string, surveyId: string): Promise<SectionView[]> {
  const [sections, questions] = await Promise.all([
    rows<{ id: string; position: number; title: string; description: string | null }>(
      db,
      sql`select id, position, title, description from survey_sections
           where park_id = ${parkId} and survey_id = ${surveyId} order by position, id`,
    ),
    rows<QuestionDbRow>(
      db,
      sql`select id, section_id, position, question_type, title, help_text, required, options, min_value, max_value,
                 integer_only, unit, condition
            from survey_questions where park_id = ${parkId} and survey_id = ${surveyId} order by position, id`,
    ),
  ]);
  let number = 0;
  const labels = questionLabels(
    sections.flatMap((s) =>
      questions
        .filter((q) => q.section_id === s.id)
        .map((q) => ({ id: q.id, condition: json<QuestionCondition | null>(q.condition) ?? null })),
    ),
  );
  return sections.map((s) => ({
    id: s.id,
    position: Number(s.position),
    title: s.title,
    description: s.description,
    questions: questions
      .filter((q) => q.section_id === s.id)
      .map(
        (q): QuestionView => ({
          id: q.id,
          sectionId: q.section_id,
          number: ++number,
          label: labels.get(q.id) ?? String(number),
          position: Number(q.position),
          questionType: q.question_type,
          title: q.title,
          helpText: q.help_text,
          required: q.required,
          options: json<string[]>(q.options) ?? [],
          minValue: q.min_value === null ? null : Number(q.min_value),
          maxValue: q.max_value === null ? null : Number(q.max_value),
          integerOnly: q.integer_only,
          unit: q.unit,
          condition: json<QuestionCondition | null>(q.condition) ?? null,
        }),
      ),
  }));
}

export async function insertSection(
  tx: Db,
  v: { parkId: string; surveyId: string; title: string; description: string | null; position?: number },
): Promise<string> {
  const position =
    v.position === undefined
      ? sql`(select coalesce(max(position), 0) + 1 from survey_sections where park_id = ${v.parkId} and survey_id = ${v.surveyId})`
      : sql`${v.position}`;
  const [r] = await rows<{ id: string }>(
    tx,
    sql`insert into survey_sections (park_id, survey_id, position, title, description)
        values (${v.parkId}, ${v.surveyId}, ${position}, ${v.title}, ${v.description}) returning id`,
  );
  return r!.id;
}

export async function updateSection(
  tx: Db,
  parkId: string,
  id: string,
  v: { title?: string; description?: string | null; position?: number },
): Promise<void> {
  const sets: SQL[] = [];
  if (v.title !== undefined) sets.push(sql`title = ${v.title}`);
  if (v.description !== undefined) sets.push(sql`description = ${v.description}`);
  if (v.position !== undefined) sets.push(sql`position = ${v.position}`);
  if (sets.length === 0) return;
  await tx.execute(sql`update survey_sections set ${sql.join(sets, sql`, `)} where park_id = ${parkId} and id = ${id}`);
}

export async function deleteSection(tx: Db, parkId: string, id: string): Promise<void> {
  await tx.execute(sql`delete from survey_questions where park_id = ${parkId} and section_id = ${id}`);
  await tx.execute(sql`delete from survey_sections where park_id = ${parkId} and id = ${id}`);
}

export interface QuestionValues {
  sectionId: string;
  questionType: QuestionType;
  title: string;
  helpText: string | null;
  required: boolean;
  options: string[];
  minValue: number | null;
  maxValue: number | null;
  integerOnly: boolean;
  unit: string | null;
  condition: QuestionCondition | null;
}

const jsonb = (v: unknown) => (v === null ? sql`null` : sql`${JSON.stringify(v)}::jsonb`);

export async function insertQuestion(
  tx: Db,
  parkId: string,
  surveyId: string,
  v: QuestionValues,
  position?: number,
): Promise<string> {
  const pos =
    position === undefined
      ? sql`(select coalesce(max(position), 0) + 1 from survey_questions where park_id = ${parkId} and section_id = ${v.sectionId})`
      : sql`${position}`;
  const [r] = await rows<{ id: string }>(
    tx,
    sql`insert into survey_questions (park_id, survey_id, section_id, position, question_type, title, help_text,
                                      required, options, min_value, max_value, integer_only, unit, condition)
        values (${parkId}, ${surveyId}, ${v.sectionId}, ${pos}, ${v.questionType}, ${v.title}, ${v.helpText},
                ${v.required}, ${jsonb(v.options)}, ${v.minValue}, ${v.maxValue}, ${v.integerOnly}, ${v.unit},
                ${jsonb(v.condition)})
        returning id`,
  );
  return r!.id;
}

export async function updateQuestion(
  tx: Db,
  parkId: string,
  id: string,
  v: QuestionValues & { position?: number },
): Promise<void> {
  const position = v.position === undefined ? sql`position` : sql`${v.position}`;
  await tx.execute(
    sql`update survey_questions
           set section_id = ${v.sectionId}, position = ${position}, question_type = ${v.questionType},
               title = ${v.title}, help_text = ${v.helpText}, required = ${v.required}, options = ${jsonb(v.options)},
               min_value = ${v.minValue}, max_value = ${v.maxValue}, integer_only = ${v.integerOnly},
               unit = ${v.unit}, condition = ${jsonb(v.condition)}
         where park_id = ${parkId} and id = ${id}`,
  );
}

export async function setQuestionPlace(
  tx: Db,
  parkId: string,
  id: string,
  sectionId: string,
  position: number,
): Promise<void> {
  await tx.execute(
    sql`update survey_questions set section_id = ${sectionId}, position = ${position}
         where park_id = ${parkId} and id = ${id}`,
  );
}

export async function deleteQuestion(tx: Db, parkId: string, id: string): Promise<void> {
  await tx.execute(sql`delete from survey_questions where park_id = ${parkId} and id = ${id}`);
}

// ---- Responses -------------------------------------------------------------------------------------------------

export interface EnterpriseBrief {
  id: string;
  name: string;
  status: string;
}

/** The enterprise if it is in the actor's data scope; null otherwise (callers answer 404). */
export async function enterpriseInScope(db: Db, actor: Actor, id: string): Promise<EnterpriseBrief | null> {
  const [r] = await rows<EnterpriseBrief>(
    db,
    sql`select e.id, e.name, e.status from enterprises e
         where e.id = ${id} and ${enterpriseScopeSql(actor, 'e', 'id')}`,
  );
  return r ?? null;
}

export interface ResponseRecord {
  id: string;
  status: Exclude<ResponseStatus, 'notStarted'>;
  answers: Record<string, AnswerValue>;
  rowVersion: number;
  updatedAt: string | null;
  updatedByName: string | null;
  submittedAt: string | null;
  submittedByName: string | null;
  returnedAt: string | null;
  returnedByName: string | null;
  returnReason: string | null;
}

export async function getResponse(
  db: Db,
  parkId: string,
  surveyId: string,
  enterpriseId: string,
  lock = false,
): Promise<ResponseRecord | null> {
  const [r] = await rows<{
    id: string;
    status: ResponseRecord['status'];
    answers: unknown;
    row_version: number;
    updated_at: unknown;
    updated_by_name: string | null;
    submitted_at: unknown;
    submitted_by_name: string | null;
    returned_at: unknown;
    returned_by_name: string | null;
    return_reason: string | null;
  }>(
    db,
    sql`select r.id, r.status, r.answers, r.row_version, r.updated_at, r.submitted_at, r.returned_at, r.return_reason,
               uu.display_name as updated_by_name, us.display_name as submitted_by_name,
               ur.display_name as returned_by_name
          from survey_responses r
          left join users uu on uu.id = r.updated_by
          left join users us on us.id = r.submitted_by
          left join users ur on ur.id = r.returned_by
         where r.park_id = ${parkId} and r.survey_id = ${surveyId} and r.enterprise_id = ${enterpriseId}
         ${lock ? sql`for update of r` : sql``}`,
  );
  if (!r) return null;
  return {
    id: r.id,
    status: r.status,
    answers: json<Record<string, AnswerValue>>(r.answers) ?? {},
    rowVersion: Number(r.row_version),
    updatedAt: iso(r.updated_at),
    updatedByName: r.updated_by_name,
    submittedAt: iso(r.submitted_at),
    submittedByName: r.submitted_by_name,
    returnedAt: iso(r.returned_at),
    returnedByName: r.returned_by_name,
    returnReason: r.return_reason,
  };
}

/** The first save of an enterprise's response; false when another save got there first. */
export async function insertResponse(
  tx: Db,
  v: {
    parkId: string;
    surveyId: string;
    enterpriseId: string;
    status: 'draft' | 'submitted';
    answers: Record<string, AnswerValue>;
    userId: string;
    at: Date;
  },
): Promise<boolean> {
  const at = v.at.toISOString();
  const submitted = v.status === 'submitted';
  const done = await rows<{ id: string }>(
    tx,
    sql`insert into survey_responses (park_id, survey_id, enterprise_id, status, answers, submitted_at, submitted_by,
                                      updated_by, created_at, updated_at)
        values (${v.parkId}, ${v.surveyId}, ${v.enterpriseId}, ${v.status}, ${jsonb(v.answers)},
                ${submitted ? at : null}, ${submitted ? v.userId : null}, ${v.userId}, ${at}, ${at})
        on conflict (park_id, survey_id, enterprise_id) do nothing
        returning id`,
  );
  return done.length > 0;
}

/** Saves answers and/or moves the status, if the stored version is still rowVersion. */
export async function updateResponse(
  tx: Db,
  parkId: string,
  id: string,
  rowVersion: number,
  v: {
    status: ResponseRecord['status'];
    answers?: Record<string, AnswerValue>;
    userId: string;
    at: Date;
    returnReason?: string;
  },
): Promise<boolean> {
  const at = v.at.toISOString();
  const sets: SQL[] = [
    sql`status = ${v.status}`,
    sql`row_version = row_version + 1`,
    sql`updated_at = ${at}`,
    sql`updated_by = ${v.userId}`,
  ];
  if (v.answers !== undefined) sets.push(sql`answers = ${jsonb(v.answers)}`);
  if (v.status === 'submitted') sets.push(sql`submitted_at = ${at}`, sql`submitted_by = ${v.userId}`);
  if (v.status === 'returned') {
    sets.push(sql`returned_at = ${at}`, sql`returned_by = ${v.userId}`, sql`return_reason = ${v.returnReason ?? null}`);
  }
  const done = await rows<{ id: string }>(
    tx,
    sql`update survey_responses set ${sql.join(sets, sql`, `)}
         where park_id = ${parkId} and id = ${id} and row_version = ${rowVersion} returning id`,
  );
  return done.length > 0;
}

// ---- Figures ---------------------------------------------------------------------------------------------------

/** Enterprises counted by the figures: in the actor's scope and not 注销. */
const counted = (actor: Actor) => sql`${enterpriseScopeSql(actor, 'e', 'id')} and e.status <> 'cancelled'`;
const joinResponse = (surveyId: string) =>
  sql`left join survey_responses r on r.park_id = e.park_id and r.survey_id = ${surveyId} and r.enterprise_id = e.id`;

export async function progress(db: Db, actor: Actor, surveyId: string) {
  const toCompletion = (r: { key: string | null; total: unknown; submitted: unknown }): Completion => {
    const total = n(r.total);
    const submitted = n(r.submitted);
    return { key: r.key ?? '未填写', total, submitted, rate: total === 0 ? 0 : submitted / total };
  };
  const [byStatus, byArea, byTag] = await Promise.all([
    rows<{ status: ResponseStatus; count: string | number }>(
      db,
      sql`select coalesce(r.status, 'notStarted') as status, count(*) as count
            from enterprises e ${joinResponse(surveyId)} where ${counted(actor)} group by 1`,
    ),
    rows<{ key: string | null; total: unknown; submitted: unknown }>(
      db,
      sql`select e.area as key, count(*) as total, count(*) filter (where r.status = 'submitted') as submitted
            from enterprises e ${joinResponse(surveyId)} where ${counted(actor)} group by 1 order by 1 nulls last`,
    ),
    rows<{ key: string; total: unknown; submitted: unknown }>(
      db,
      sql`select t as key, count(*) as total, count(*) filter (where r.status = 'submitted') as submitted
            from enterprises e cross join unnest(e.supervision_tags) t ${joinResponse(surveyId)}
           where ${counted(actor)} group by 1`,
    ),
  ]);
  const count = (s: ResponseStatus) => n(byStatus.find((r) => r.status === s)?.count);
  return {
    byStatus: {
      notStarted: count('notStarted'),
      draft: count('draft'),
      returned: count('returned'),
      submitted: count('submitted'),
    },
    byArea: byArea.map(toCompletion),
    byTag: byTag.map(toCompletion),
  };
}

const RESPONSE_SORT: Record<z.infer<typeof ResponseListQuery>['sort'], SQL> = {
  enterpriseName: sql`e.name`,
  area: sql`e.area`,
  submittedAt: sql`r.submitted_at`,
  updatedAt: sql`r.updated_at`,
};

export async function listResponses(
  db: Db,
  actor: Actor,
  surveyId: string,
  q: z.infer<typeof ResponseListQuery>,
): Promise<{ items: ResponseRow[]; total: number }> {
  const conds: SQL[] = [counted(actor)];
  if (q.state === 'notSubmitted') conds.push(sql`(r.status is null or r.status <> 'submitted')`);
  else if (q.state === 'notStarted') conds.push(sql`r.status is null`);
  else if (q.state !== 'all') conds.push(sql`r.status = ${q.state}`);
  if (q.q) conds.push(sql`(e.name ilike ${likePattern(q.q)} or e.credit_code = ${q.q.toUpperCase()})`);
  if (q.area) conds.push(sql`e.area = ${q.area}`);
  if (q.tag) conds.push(sql`${q.tag} = any(e.supervision_tags)`);
  const where = sql.join(conds, sql` and `);
  const dir = q.order === 'desc' ? sql`desc` : sql`asc`;
  const [items, [total]] = await Promise.all([
    rows<{
      enterprise_id: string;
      name: string;
      credit_code: string;
      area: string | null;
      supervision_tags: string[];
      principal_name: string | null;
      principal_phone: string | null;
      safety_manager_name: string | null;
      safety_manager_phone: string | null;
      status: ResponseStatus | null;
      submitted_at: unknown;
      updated_at: unknown;
      return_reason: string | null;
    }>(
      db,
      sql`select e.id as enterprise_id, e.name, e.credit_code, e.area, e.supervision_tags, e.principal_name,
                 e.principal_phone, e.safety_manager_name, e.safety_manager_phone, r.status, r.submitted_at,
                 r.updated_at, r.return_reason
            from enterprises e ${joinResponse(surveyId)}
           where ${where}
           order by ${RESPONSE_SORT[q.sort]} ${dir} nulls last, e.id
           limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`,
    ),
    rows<{ total: unknown }>(
      db,
      sql`select count(*) as total from enterprises e ${joinResponse(surveyId)} where ${where}`,
    ),
  ]);
  return {
    items: items.map((r) => ({
      enterpriseId: r.enterprise_id,
      enterpriseName: r.name,
      creditCode: r.credit_code.trim(),
      area: r.area,
      supervisionTags: json<string[]>(r.supervision_tags) ?? [],
      principalName: r.principal_name,
      // Sealed in the registry; shown masked here as everywhere (the enterprise's page reveals one, audited).
      principalPhone: maskedPhone(r.principal_phone),
      safetyManagerName: r.safety_manager_name,
      safetyManagerPhone: maskedPhone(r.safety_manager_phone),
      status: r.status ?? 'notStarted',
      submittedAt: iso(r.submitted_at),
      updatedAt: iso(r.updated_at),
      returnReason: r.status === 'returned' ? r.return_reason : null,
    })),
    total: n(total?.total),
  };
}

export interface ExportRow {
  name: string;
  creditCode: string;
  area: string | null;
  siteType: string;
  enterpriseStatus: string;
  supervisionTags: string[];
  status: ResponseStatus;
  answers: Record<string, AnswerValue>;
  submittedAt: string | null;
}

/** One row per enterprise the figures count, plus any other enterprise in scope that has answers. */
export async function exportRows(db: Db, actor: Actor, surveyId: string): Promise<ExportRow[]> {
  const list = await rows<{
    name: string;
    credit_code: string;
    area: string | null;
    site_type: string;
    enterprise_status: string;
    supervision_tags: string[];
    status: ResponseStatus | null;
    answers: unknown;
    submitted_at: unknown;
  }>(
    db,
    sql`select e.name, e.credit_code, e.area, e.site_type, e.status as enterprise_status, e.supervision_tags,
               r.status, r.answers, r.submitted_at
          from enterprises e ${joinResponse(surveyId)}
         where ${enterpriseScopeSql(actor, 'e', 'id')} and (e.status <> 'cancelled' or r.id is not null)
         order by e.area nulls last, e.name, e.id`,
  );
  return list.map((r) => ({
    name: r.name,
    creditCode: r.credit_code.trim(),
    area: r.area,
    siteType: r.site_type,
    enterpriseStatus: r.enterprise_status,
    supervisionTags: json<string[]>(r.supervision_tags) ?? [],
    status: r.status ?? 'notStarted',
    answers: json<Record<string, AnswerValue>>(r.answers) ?? {},
    submittedAt: iso(r.submitted_at),
  }));
}
