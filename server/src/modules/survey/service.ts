// Survey rules: who configures and answers, the survey's life (draft → open → closed, reopen), questions frozen once
// open, one response per enterprise (draft → submitted → returned → submitted), required answers checked on submit,
// completion figures over enterprises in scope that are not 注销. Every change is one transaction with its audit row.
import type { z } from 'zod';
import { SUPERVISION_TAGS } from '../../../../shared/src/enterprises';
import {
  type AnswerValue,
  checkAnswers,
  type QuestionInput,
  type QuestionUpdate,
  type QuestionView,
  questionName,
  questionSettingsProblems,
  type ResponseListQuery,
  type ResponseSave,
  type ResponseView,
  type SectionInput,
  type SectionView,
  type SurveyCreate,
  type SurveyDetail,
  type SurveyListQuery,
  type SurveyOrder,
  type SurveyProgress,
  type SurveyUpdate,
  type SurveyView,
  YES_NO_VALUES,
} from '../../../../shared/src/survey';
import type { Actor, RequestContext } from '../../platform/actor';
import { appendAudit } from '../../platform/audit';
import { now } from '../../platform/clock';
import type { Db } from '../../platform/db';
import { conflict, notFound, unprocessable } from '../../platform/errors';
import { assertCan, can } from '../../platform/permissions';
import { invalidReference } from '../../platform/references';
import * as credit from '../credit/service';
import { DEFAULT_SECTIONS } from './defaults';
import { buildWorkbook } from './export';
import * as repo from './repository';

// ---- Helpers ---------------------------------------------------------------------------------------------------

/** The committee reads every survey; an enterprise user sees surveys once they open. */
function assertMaySee(actor: Actor) {
  if (!can(actor, 'survey.read')) assertCan(actor, 'survey.answer');
}

async function visibleSurvey(db: Db, actor: Actor, id: string, lock: 'none' | 'share' | 'update' = 'none') {
  const survey = await repo.getSurvey(db, actor.parkId, id, lock);
  if (!survey || (survey.status === 'draft' && !can(actor, 'survey.read'))) throw notFound('调查');
  return survey;
}

function assertDraft(survey: repo.SurveyRecord) {
  if (survey.status !== 'draft') {
    throw unprocessable(
      'SURVEY_NOT_DRAFT',
      `「${survey.title}」已开放填报，题目和基本信息不能再修改（可复制为下一年度调查后调整）`,
    );
  }
}

const flatQuestions = (sections: SectionView[]) => sections.flatMap((s) => s.questions);

async function withCompletion(db: Db, actor: Actor, list: repo.SurveyRecord[]): Promise<SurveyView[]> {
  if (!can(actor, 'survey.read')) return list.map((s) => ({ ...s, completion: null }));
  const figures = await repo.completionOf(
    db,
    actor,
    list.map((s) => s.id),
  );
  return list.map((s) => ({ ...s, completion: figures.get(s.id) ?? null }));
}

async function detail(db: Db, actor: Actor, survey: repo.SurveyRecord): Promise<SurveyDetail> {
  const [view] = await withCompletion(db, actor, [survey]);
  return { ...view!, sections: await repo.loadSections(db, actor.parkId, survey.id) };
}

/** Unique-key violations (same year, a second open survey) become a 409; the transaction has rolled back. */
async function mapUnique<T>(work: () => Promise<T>, message: string, fields?: Record<string, string>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    const code = (err as { cause?: { code?: string }; code?: string }).cause?.code ?? (err as { code?: string }).code;
    if (code === '23505') throw conflict('SURVEY_CONFLICT', message, fields);
    throw err;
  }
}

// ---- Surveys ---------------------------------------------------------------------------------------------------

export async function list(db: Db, actor: Actor, q: z.infer<typeof SurveyListQuery>) {
  assertMaySee(actor);
  const { items, total } = await repo.listSurveys(db, actor.parkId, q, { includeDrafts: can(actor, 'survey.read') });
  return { items: await withCompletion(db, actor, items), total, page: q.page, pageSize: q.pageSize };
}

export async function get(db: Db, actor: Actor, id: string): Promise<SurveyDetail> {
  assertMaySee(actor);
  return detail(db, actor, await visibleSurvey(db, actor, id));
}

const yearTaken = (year: number, title?: string) =>
  conflict('SURVEY_YEAR_TAKEN', `${year}年度已有调查${title ? `「${title}」` : ''}，每个年度只能有一份调查`, {
    year: `${year}年度已有调查`,
  });

export async function create(db: Db, ctx: RequestContext, input: SurveyCreate): Promise<SurveyDetail> {
  const actor = ctx.actor!;
  assertCan(actor, 'survey.configure');
  return mapUnique(
    () =>
      db.transaction(async (tx) => {
        const same = await repo.surveyByYear(tx, actor.parkId, input.year);
        if (same) throw yearTaken(input.year, same.title);
        const source =
          input.source === 'copy' ? await repo.getSurvey(tx, actor.parkId, input.copyFromId ?? '') : undefined;
        if (input.source === 'copy' && !source) {
          throw unprocessable('SURVEY_COPY_SOURCE_MISSING', '要复制的调查不存在', { copyFromId: '要复制的调查不存在' });
        }
        const id = await repo.insertSurvey(tx, {
          parkId: actor.parkId,
          year: input.year,
          title: input.title,
          description: input.description,
          copiedFromId: source?.id ?? null,
        });
        if (input.source === 'defaults') await insertDefaults(tx, actor.parkId, id);
        if (source) await copyQuestions(tx, actor.parkId, source.id, id);
        const after = await detail(tx, actor, (await repo.getSurvey(tx, actor.parkId, id))!);
        await appendAudit(tx, ctx, {
          action: 'survey.create',
          entityType: 'survey',
          entityId: id,
          after: { ...surveySummary(after), source: input.source, copiedFrom: source?.title ?? null },
        });
        return after;
      }),
    `${input.year}年度已有调查，每个年度只能有一份调查`,
    { year: `${input.year}年度已有调查` },
  );
}

const surveySummary = (s: SurveyDetail | repo.SurveyRecord) => ({
  year: s.year,
  title: s.title,
  description: s.description,
  status: s.status,
  questionCount: s.questionCount,
});

async function insertDefaults(tx: Db, parkId: string, surveyId: string) {
  const ids = new Map<string, string>();
  for (const [si, section] of DEFAULT_SECTIONS.entries()) {
    const sectionId = await repo.insertSection(tx, {
      parkId,
      surveyId,
      title: section.title,
      description: section.description ?? null,
      position: si + 1,
    });
    for (const [qi, q] of section.questions.entries()) {
      const id = await repo.insertQuestion(
        tx,
        parkId,
        surveyId,
        normalise({
          sectionId,
          questionType: q.questionType,
          title: q.title,
          helpText: q.helpText ?? null,
          required: q.required ?? true,
          options: q.options ?? [],
          minValue: q.minValue ?? null,
          maxValue: q.maxValue ?? null,
          integerOnly: q.integerOnly ?? false,
          unit: q.unit ?? null,
          condition: q.condition ? { questionId: ids.get(q.condition.key)!, anyOf: q.condition.anyOf } : null,
        }),
        qi + 1,
      );
      ids.set(q.key, id);
    }
  }
}

/** Copies sections and questions with new ids; conditions are pointed at the copies of their questions. */
async function copyQuestions(tx: Db, parkId: string, fromId: string, toId: string) {
  const ids = new Map<string, string>();
  for (const section of await repo.loadSections(tx, parkId, fromId)) {
    const sectionId = await repo.insertSection(tx, {
      parkId,
      surveyId: toId,
      title: section.title,
      description: section.description,
      position: section.position,
    });
    for (const q of section.questions) {
      const condition = q.condition && ids.has(q.condition.questionId) ? q.condition : null;
      const id = await repo.insertQuestion(
        tx,
        parkId,
        toId,
        {
          ...questionValues(q),
          sectionId,
          condition: condition ? { questionId: ids.get(condition.questionId)!, anyOf: condition.anyOf } : null,
        },
        q.position,
      );
      ids.set(q.id, id);
    }
  }
}

export async function update(db: Db, ctx: RequestContext, id: string, input: SurveyUpdate): Promise<SurveyDetail> {
  const actor = ctx.actor!;
  assertCan(actor, 'survey.configure');
  const { rowVersion, ...patch } = input;
  return mapUnique(
    () =>
      db.transaction(async (tx) => {
        const before = await visibleSurvey(tx, actor, id, 'update');
        assertDraft(before);
        if (before.rowVersion !== rowVersion) {
          throw conflict('SURVEY_STALE', '该调查已被他人修改，请刷新后再保存');
        }
        if (patch.year !== undefined && patch.year !== before.year) {
          const same = await repo.surveyByYear(tx, actor.parkId, patch.year);
          if (same) throw yearTaken(patch.year, same.title);
        }
        await repo.patchSurvey(tx, actor.parkId, id, patch, now(), rowVersion);
        const after = (await repo.getSurvey(tx, actor.parkId, id))!;
        await appendAudit(tx, ctx, {
          action: 'survey.update',
          entityType: 'survey',
          entityId: id,
          before: surveySummary(before),
          after: surveySummary(after),
        });
        return detail(tx, actor, after);
      }),
    `${input.year}年度已有调查，每个年度只能有一份调查`,
    { year: `${input.year}年度已有调查` },
  );
}

export async function remove(db: Db, ctx: RequestContext, id: string): Promise<{ ok: true }> {
  const actor = ctx.actor!;
  assertCan(actor, 'survey.configure');
  return db.transaction(async (tx) => {
    const before = await visibleSurvey(tx, actor, id, 'update');
    if (before.status !== 'draft') {
      throw unprocessable('SURVEY_NOT_DRAFT', `「${before.title}」已开放过填报，不能删除，只能结束`);
    }
    await repo.deleteSurvey(tx, actor.parkId, id);
    await appendAudit(tx, ctx, {
      action: 'survey.delete',
      entityType: 'survey',
      entityId: id,
      before: surveySummary(before),
    });
    return { ok: true as const };
  });
}

/** Opens a draft (or reopens a closed survey for late answers). Only one survey of a park is open at a time. */
export async function open(db: Db, ctx: RequestContext, id: string): Promise<SurveyDetail> {
  const actor = ctx.actor!;
  assertCan(actor, 'survey.configure');
  const busy = '园区已有正在填报的调查，同一时间只能开放一份调查，请先结束它';
  return mapUnique(
    () =>
      db.transaction(async (tx) => {
        const before = await visibleSurvey(tx, actor, id, 'update');
        if (before.status === 'open') throw unprocessable('SURVEY_ALREADY_OPEN', `「${before.title}」已在填报中`);
        if (before.questionCount === 0) {
          throw unprocessable('SURVEY_EMPTY', `「${before.title}」还没有题目，不能开放填报`);
        }
        const other = await repo.openSurvey(tx, actor.parkId);
        if (other) {
          throw conflict('SURVEY_OTHER_OPEN', `「${other.title}」正在填报中，同一时间只能开放一份调查，请先结束它`);
        }
        const at = now();
        await repo.patchSurvey(
          tx,
          actor.parkId,
          id,
          {
            status: 'open',
            ...(before.status === 'draft' ? { openedAt: at } : {}),
            closedAt: null,
          },
          at,
        );
        const after = (await repo.getSurvey(tx, actor.parkId, id))!;
        await appendAudit(tx, ctx, {
          action: before.status === 'draft' ? 'survey.open' : 'survey.reopen',
          entityType: 'survey',
          entityId: id,
          before: { status: before.status },
          after: { status: after.status, title: after.title },
        });
        return detail(tx, actor, after);
      }),
    busy,
  );
}

export async function close(db: Db, ctx: RequestContext, id: string): Promise<SurveyDetail> {
  const actor = ctx.actor!;
  assertCan(actor, 'survey.configure');
  return db.transaction(async (tx) => {
    const before = await visibleSurvey(tx, actor, id, 'update');
    if (before.status !== 'open') throw unprocessable('SURVEY_NOT_OPEN', `「${before.title}」不在填报中，无需结束`);
    const at = now();
    await repo.patchSurvey(tx, actor.parkId, id, { status: 'closed', closedAt: at }, at);
    const after = (await repo.getSurvey(tx, actor.parkId, id))!;
    const [figures] = await withCompletion(tx, actor, [after]);
    await appendAudit(tx, ctx, {
      action: 'survey.close',
      entityType: 'survey',
      entityId: id,
      before: { status: before.status },
      after: { status: after.status, title: after.title, completion: figures?.completion },
    });
    return detail(tx, actor, after);
  });
}

// ---- Sections and questions (draft only) -----------------------------------------------------------------------

/** Runs a change to a draft survey's questions, checks every condition afterwards, audits, returns the new detail. */
async function changeQuestions(
  db: Db,
  ctx: RequestContext,
  surveyId: string,
  audit: { action: string; entityType: string },
  work: (tx: Db, sections: SectionView[]) => Promise<{ entityId: string; before?: unknown; after?: unknown }>,
): Promise<SurveyDetail> {
  const actor = ctx.actor!;
  assertCan(actor, 'survey.configure');
  return db.transaction(async (tx) => {
    const survey = await visibleSurvey(tx, actor, surveyId, 'update');
    assertDraft(survey);
    const sections = await repo.loadSections(tx, actor.parkId, surveyId);
    const change = await work(tx, sections);
    const afterSections = await repo.loadSections(tx, actor.parkId, surveyId);
    assertConditions(flatQuestions(afterSections));
    await repo.touchSurvey(tx, actor.parkId, surveyId, now());
    await appendAudit(tx, ctx, { ...audit, ...change, after: change.after ?? null });
    return detail(tx, actor, (await repo.getSurvey(tx, actor.parkId, surveyId))!);
  });
}

/** Every condition points back to an earlier choice or yes/no question, with answers that question can have. */
function assertConditions(questions: QuestionView[]) {
  const seen = new Map<string, QuestionView>();
  for (const q of questions) {
    const c = q.condition;
    if (c) {
      const target = seen.get(c.questionId);
      const fail = (message: string) => {
        const text = `${questionName(q)}的显示条件${message}`;
        throw unprocessable('SURVEY_CONDITION_INVALID', text, { condition: text });
      };
      if (!target) fail('必须依据排在它前面的题目');
      else if (target.questionType === 'yesNo') {
        if (!c.anyOf.every((v) => (YES_NO_VALUES as readonly string[]).includes(v))) fail('应为“是”或“否”');
      } else if (target.questionType === 'single' || target.questionType === 'multiple') {
        const missing = c.anyOf.find((v) => !target.options.includes(v));
        if (missing) fail(`中的答案「${missing}」不是${questionName(target)}的选项`);
      } else fail(`只能依据单选、多选或是/否题（${questionName(target)}是${target.questionType}题）`);
    }
    seen.set(q.id, q);
  }
}

/** The section of the survey; an id from the path is "not found", one from the body (field) a 422 naming it. */
function findSection(sections: SectionView[], id: string, field?: string): SectionView {
  const s = sections.find((x) => x.id === id);
  if (!s) throw field ? invalidReference(field, '不存在或不属于本调查') : notFound('分组');
  return s;
}

function findQuestion(sections: SectionView[], id: string): QuestionView {
  const q = flatQuestions(sections).find((x) => x.id === id);
  if (!q) throw notFound('题目');
  return q;
}

const questionValues = (q: QuestionView): repo.QuestionValues => ({
  sectionId: q.sectionId,
  questionType: q.questionType,
  title: q.title,
  helpText: q.helpText,
  required: q.required,
  options: q.options,
  minValue: q.minValue,
  maxValue: q.maxValue,
  integerOnly: q.integerOnly,
  unit: q.unit,
  condition: q.condition,
});

/** Settings that do not apply to a question's type are cleared, so a stored question says only what it means. */
function normalise(v: repo.QuestionValues): repo.QuestionValues {
  const choice = v.questionType === 'single' || v.questionType === 'multiple';
  const number = v.questionType === 'number';
  return {
    ...v,
    helpText: v.helpText || null,
    options: choice ? v.options : [],
    minValue: number ? v.minValue : null,
    maxValue: number ? v.maxValue : null,
    integerOnly: number ? v.integerOnly : false,
    unit: number ? v.unit || null : null,
  };
}

export function addSection(db: Db, ctx: RequestContext, surveyId: string, input: SectionInput) {
  return changeQuestions(
    db,
    ctx,
    surveyId,
    { action: 'survey.sectionCreate', entityType: 'surveySection' },
    async (tx) => {
      const id = await repo.insertSection(tx, { parkId: ctx.actor!.parkId, surveyId, ...input });
      return { entityId: id, after: input };
    },
  );
}

export function updateSection(
  db: Db,
  ctx: RequestContext,
  surveyId: string,
  sectionId: string,
  input: Partial<SectionInput>,
) {
  return changeQuestions(
    db,
    ctx,
    surveyId,
    { action: 'survey.sectionUpdate', entityType: 'surveySection' },
    async (tx, sections) => {
      const before = findSection(sections, sectionId);
      await repo.updateSection(tx, ctx.actor!.parkId, sectionId, input);
      return {
        entityId: sectionId,
        before: { title: before.title, description: before.description },
        after: { title: input.title ?? before.title, description: input.description ?? before.description },
      };
    },
  );
}

export function removeSection(db: Db, ctx: RequestContext, surveyId: string, sectionId: string) {
  return changeQuestions(
    db,
    ctx,
    surveyId,
    { action: 'survey.sectionDelete', entityType: 'surveySection' },
    async (tx, sections) => {
      const before = findSection(sections, sectionId);
      const inside = new Set(before.questions.map((q) => q.id));
      const dependent = flatQuestions(sections).find(
        (q) => !inside.has(q.id) && q.condition && inside.has(q.condition.questionId),
      );
      if (dependent) {
        const msg = `${questionName(dependent)}的显示条件依据了该分组中的题目，请先修改该题的显示条件`;
        throw unprocessable('SURVEY_QUESTION_REFERENCED', msg);
      }
      await repo.deleteSection(tx, ctx.actor!.parkId, sectionId);
      return {
        entityId: sectionId,
        before: { title: before.title, questions: before.questions.map((q) => q.title) },
      };
    },
  );
}

export function addQuestion(db: Db, ctx: RequestContext, surveyId: string, input: QuestionInput) {
  return changeQuestions(
    db,
    ctx,
    surveyId,
    { action: 'survey.questionCreate', entityType: 'surveyQuestion' },
    async (tx, sections) => {
      findSection(sections, input.sectionId, 'sectionId');
      const values = normalise(input);
      const id = await repo.insertQuestion(tx, ctx.actor!.parkId, surveyId, values);
      return { entityId: id, after: values };
    },
  );
}

export function updateQuestion(
  db: Db,
  ctx: RequestContext,
  surveyId: string,
  questionId: string,
  input: QuestionUpdate,
) {
  return changeQuestions(
    db,
    ctx,
    surveyId,
    { action: 'survey.questionUpdate', entityType: 'surveyQuestion' },
    async (tx, sections) => {
      const before = findQuestion(sections, questionId);
      // Absent keeps a setting; null clears it.
      const given = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
      const merged = normalise({ ...questionValues(before), ...given });
      const problems = questionSettingsProblems(merged);
      const first = Object.values(problems)[0];
      if (first) throw unprocessable('SURVEY_QUESTION_INVALID', first, problems);
      findSection(sections, merged.sectionId, 'sectionId');
      const moved = merged.sectionId !== before.sectionId;
      const position = moved
        ? Math.max(0, ...findSection(sections, merged.sectionId).questions.map((q) => q.position)) + 1
        : undefined;
      await repo.updateQuestion(tx, ctx.actor!.parkId, questionId, { ...merged, position });
      return { entityId: questionId, before: questionValues(before), after: merged };
    },
  );
}

export function removeQuestion(db: Db, ctx: RequestContext, surveyId: string, questionId: string) {
  return changeQuestions(
    db,
    ctx,
    surveyId,
    { action: 'survey.questionDelete', entityType: 'surveyQuestion' },
    async (tx, sections) => {
      const before = findQuestion(sections, questionId);
      const dependent = flatQuestions(sections).find((q) => q.condition?.questionId === questionId);
      if (dependent) {
        const msg = `${questionName(dependent)}的显示条件依据了此题，请先修改该题的显示条件`;
        throw unprocessable('SURVEY_QUESTION_REFERENCED', msg);
      }
      await repo.deleteQuestion(tx, ctx.actor!.parkId, questionId);
      return { entityId: questionId, before: questionValues(before) };
    },
  );
}

/** Sets the order of sections and of the questions in them (questions may move between sections). */
export function reorder(db: Db, ctx: RequestContext, surveyId: string, input: SurveyOrder) {
  return changeQuestions(
    db,
    ctx,
    surveyId,
    { action: 'survey.reorder', entityType: 'survey' },
    async (tx, sections) => {
      const sectionIds = sections.map((s) => s.id).sort();
      const questionIds = flatQuestions(sections)
        .map((q) => q.id)
        .sort();
      const givenSections = input.sections.map((s) => s.id).sort();
      const givenQuestions = input.sections.flatMap((s) => s.questionIds).sort();
      if (
        JSON.stringify(sectionIds) !== JSON.stringify(givenSections) ||
        JSON.stringify(questionIds) !== JSON.stringify(givenQuestions)
      ) {
        throw conflict('SURVEY_ORDER_STALE', '题目已被他人修改，排序未保存，请刷新后重试');
      }
      const parkId = ctx.actor!.parkId;
      for (const [si, s] of input.sections.entries()) {
        await repo.updateSection(tx, parkId, s.id, { position: si + 1 });
        for (const [qi, qid] of s.questionIds.entries()) await repo.setQuestionPlace(tx, parkId, qid, s.id, qi + 1);
      }
      const titles = (list: { id: string; questionIds: string[] }[]) => {
        const byId = new Map(flatQuestions(sections).map((q) => [q.id, q.title]));
        return list.flatMap((s) => s.questionIds.map((id) => byId.get(id)));
      };
      return {
        entityId: surveyId,
        before: titles(sections.map((s) => ({ id: s.id, questionIds: s.questions.map((q) => q.id) }))),
        after: titles(input.sections),
      };
    },
  );
}

// ---- Responses -------------------------------------------------------------------------------------------------

function responseView(surveyId: string, enterprise: repo.EnterpriseBrief, r: repo.ResponseRecord | null): ResponseView {
  return {
    surveyId,
    enterpriseId: enterprise.id,
    enterpriseName: enterprise.name,
    status: r?.status ?? 'notStarted',
    answers: r?.answers ?? {},
    rowVersion: r?.rowVersion ?? 0,
    updatedAt: r?.updatedAt ?? null,
    updatedByName: r?.updatedByName ?? null,
    submittedAt: r?.submittedAt ?? null,
    submittedByName: r?.submittedByName ?? null,
    returnedAt: r?.returnedAt ?? null,
    returnedByName: r?.returnedByName ?? null,
    returnReason: r?.status === 'returned' ? (r.returnReason ?? null) : null,
  };
}

async function enterpriseOf(db: Db, actor: Actor, enterpriseId: string) {
  const e = await repo.enterpriseInScope(db, actor, enterpriseId);
  if (!e) throw notFound('企业');
  return e;
}

/** An enterprise's answers; another enterprise's id answers 404, like an id that does not exist. */
export async function getResponse(db: Db, actor: Actor, surveyId: string, enterpriseId: string): Promise<ResponseView> {
  assertMaySee(actor);
  const enterprise = await enterpriseOf(db, actor, enterpriseId);
  await visibleSurvey(db, actor, surveyId);
  return responseView(surveyId, enterprise, await repo.getResponse(db, actor.parkId, surveyId, enterpriseId));
}

/** The 状况调查 page of an enterprise user: the open (else latest closed) survey and its own response. */
export async function current(db: Db, actor: Actor) {
  assertMaySee(actor);
  const survey = await repo.currentSurvey(db, actor.parkId);
  if (!survey) return { survey: null, response: null };
  const enterprise = actor.enterpriseId ? await repo.enterpriseInScope(db, actor, actor.enterpriseId) : null;
  return {
    survey: await detail(db, actor, survey),
    response: enterprise
      ? responseView(survey.id, enterprise, await repo.getResponse(db, actor.parkId, survey.id, enterprise.id))
      : null,
  };
}

/** Saves a draft, or submits (all required questions that show must be answered). */
export async function saveResponse(
  db: Db,
  ctx: RequestContext,
  surveyId: string,
  enterpriseId: string,
  input: ResponseSave,
  submit: boolean,
): Promise<ResponseView> {
  const actor = ctx.actor!;
  assertCan(actor, 'survey.answer');
  return db.transaction(async (tx) => {
    const enterprise = await enterpriseOf(tx, actor, enterpriseId);
    // FOR SHARE: answers of many enterprises go in parallel; closing the survey waits for them.
    const survey = await visibleSurvey(tx, actor, surveyId, 'share');
    if (survey.status !== 'open') {
      throw unprocessable(
        'SURVEY_NOT_OPEN',
        survey.status === 'closed' ? `「${survey.title}」已结束，不能再填报或修改` : `「${survey.title}」尚未开放填报`,
      );
    }
    if (enterprise.status === 'cancelled') {
      throw unprocessable('ENTERPRISE_CANCELLED', `「${enterprise.name}」已注销，无需填报`);
    }
    const before = await repo.getResponse(tx, actor.parkId, surveyId, enterpriseId, true);
    if (before?.status === 'submitted') {
      throw unprocessable('SURVEY_RESPONSE_SUBMITTED', '答卷已提交，不能再修改；如需修改，请联系园区安监人员退回');
    }
    if ((before?.rowVersion ?? 0) !== input.rowVersion) {
      throw conflict('SURVEY_RESPONSE_STALE', '答卷已被他人修改（企业或安监人员），请刷新后再保存');
    }
    const questions = flatQuestions(await repo.loadSections(tx, actor.parkId, surveyId));
    const check = checkAnswers(questions, input.answers, submit);
    if (check.unknown.length > 0) {
      throw unprocessable('SURVEY_ANSWER_UNKNOWN', '答卷中有本调查没有的题目，请刷新页面后重新填写');
    }
    const problems = Object.values(check.fields);
    if (problems.length > 0) {
      const message = problems.length === 1 ? problems[0]! : `${problems[0]}（共 ${problems.length} 处需要补充或修改）`;
      throw unprocessable(submit ? 'SURVEY_ANSWERS_INCOMPLETE' : 'SURVEY_ANSWER_INVALID', message, check.fields);
    }
    const status = submit ? 'submitted' : before?.status === 'returned' ? 'returned' : 'draft';
    const at = now();
    const saved = before
      ? await repo.updateResponse(tx, actor.parkId, before.id, input.rowVersion, {
          status,
          answers: check.answers,
          userId: actor.userId,
          at,
        })
      : await repo.insertResponse(tx, {
          parkId: actor.parkId,
          surveyId,
          enterpriseId,
          status: status === 'submitted' ? 'submitted' : 'draft',
          answers: check.answers,
          userId: actor.userId,
          at,
        });
    if (!saved) throw conflict('SURVEY_RESPONSE_STALE', '答卷已被他人修改（企业或安监人员），请刷新后再保存');
    // A submitted standardisation grade counts for credit.
    if (submit) await credit.refreshIn(tx, actor.parkId, enterpriseId);
    const after = (await repo.getResponse(tx, actor.parkId, surveyId, enterpriseId))!;
    await appendAudit(tx, ctx, {
      action: submit ? 'survey.responseSubmit' : 'survey.responseSave',
      entityType: 'surveyResponse',
      entityId: after.id,
      enterpriseId,
      before: before ? auditAnswers(before, questions) : null,
      after: { survey: survey.title, ...auditAnswers(after, questions) },
    });
    return responseView(surveyId, enterprise, after);
  });
}

/** Answers keyed by question number and title, so an audit reader sees what was answered without the survey. */
function auditAnswers(r: repo.ResponseRecord, questions: QuestionView[]) {
  const answers: Record<string, AnswerValue> = {};
  for (const q of questions) if (q.id in r.answers) answers[`${q.label}. ${q.title}`] = r.answers[q.id]!;
  return { status: r.status, answers };
}

/** The committee sends a submission back to the enterprise, with the reason it is shown. */
export async function returnResponse(
  db: Db,
  ctx: RequestContext,
  surveyId: string,
  enterpriseId: string,
  reason: string,
): Promise<ResponseView> {
  const actor = ctx.actor!;
  assertCan(actor, 'survey.review');
  return db.transaction(async (tx) => {
    const enterprise = await enterpriseOf(tx, actor, enterpriseId);
    const survey = await visibleSurvey(tx, actor, surveyId, 'share');
    if (survey.status !== 'open') {
      throw unprocessable('SURVEY_NOT_OPEN', `「${survey.title}」不在填报中，答卷不能退回（可先重新开放）`);
    }
    const before = await repo.getResponse(tx, actor.parkId, surveyId, enterpriseId, true);
    if (before?.status !== 'submitted') {
      throw unprocessable('SURVEY_RESPONSE_NOT_SUBMITTED', '只有已提交的答卷可以退回');
    }
    await repo.updateResponse(tx, actor.parkId, before.id, before.rowVersion, {
      status: 'returned',
      userId: actor.userId,
      at: now(),
      returnReason: reason,
    });
    await credit.refreshIn(tx, actor.parkId, enterpriseId);
    const after = (await repo.getResponse(tx, actor.parkId, surveyId, enterpriseId))!;
    await appendAudit(tx, ctx, {
      action: 'survey.responseReturn',
      entityType: 'surveyResponse',
      entityId: after.id,
      enterpriseId,
      before: { status: before.status },
      after: { status: after.status, reason, survey: survey.title },
    });
    return responseView(surveyId, enterprise, after);
  });
}

// ---- Figures and export ----------------------------------------------------------------------------------------

export async function progress(db: Db, actor: Actor, surveyId: string): Promise<SurveyProgress> {
  assertCan(actor, 'survey.read');
  await visibleSurvey(db, actor, surveyId);
  const p = await repo.progress(db, actor, surveyId);
  const total = p.byStatus.notStarted + p.byStatus.draft + p.byStatus.returned + p.byStatus.submitted;
  // Every tag gets a row, zero included: "no 涉氯 enterprise" is a figure too.
  const byTag = SUPERVISION_TAGS.map(
    (tag) => p.byTag.find((c) => c.key === tag) ?? { key: tag, total: 0, submitted: 0, rate: 0 },
  );
  return {
    surveyId,
    total,
    ...p.byStatus,
    rate: total === 0 ? 0 : p.byStatus.submitted / total,
    byArea: p.byArea,
    byTag,
  };
}

export async function listResponses(db: Db, actor: Actor, surveyId: string, q: z.infer<typeof ResponseListQuery>) {
  assertCan(actor, 'survey.read');
  await visibleSurvey(db, actor, surveyId);
  const { items, total } = await repo.listResponses(db, actor, surveyId, q);
  return { items, total, page: q.page, pageSize: q.pageSize };
}

/** The answers as an Excel workbook (one row per enterprise, one column per question); the export is audited. */
export async function exportAnswers(db: Db, ctx: RequestContext, surveyId: string) {
  const actor = ctx.actor!;
  assertCan(actor, 'survey.read');
  const survey = await visibleSurvey(db, actor, surveyId);
  const [sections, list, figures] = await Promise.all([
    repo.loadSections(db, actor.parkId, surveyId),
    repo.exportRows(db, actor, surveyId),
    progress(db, actor, surveyId),
  ]);
  const buffer = await buildWorkbook(survey, sections, list, figures);
  await db.transaction((tx) =>
    appendAudit(tx, ctx, {
      action: 'survey.export',
      entityType: 'survey',
      entityId: surveyId,
      after: { title: survey.title, rows: list.length },
    }),
  );
  return { buffer, filename: `${survey.title}-答卷.xlsx` };
}
