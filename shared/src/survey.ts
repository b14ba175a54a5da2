// Safety status survey (安全生产状况调查, DOMAIN.md §2.1): a questionnaire a park configures per survey year, answered
// once per enterprise. The schemas here are the API contract; the rules about answers (which questions show, what a
// valid answer is) live here too, so the console's form and the server decide the same way.
import { z } from 'zod';
import { PageQuery, pageOf } from './common';
import { SUPERVISION_TAGS } from './enterprises';
import { optionalText, text } from './validators';

export const SURVEY_STATUSES = ['draft', 'open', 'closed'] as const;
export type SurveyStatus = (typeof SURVEY_STATUSES)[number];

/** notStarted is not stored: an enterprise without a response row. */
export const RESPONSE_STATUSES = ['notStarted', 'draft', 'submitted', 'returned'] as const;
export type ResponseStatus = (typeof RESPONSE_STATUSES)[number];

export const QUESTION_TYPES = ['single', 'multiple', 'yesNo', 'number', 'text', 'date'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

type Dict = Record<string, { zh: string; en: string }>;

export const SURVEY_STATUS_LABELS: Dict = {
  draft: { zh: '草稿', en: 'Draft' },
  open: { zh: '填报中', en: 'Open' },
  closed: { zh: '已结束', en: 'Closed' },
};

export const RESPONSE_STATUS_LABELS: Dict = {
  notStarted: { zh: '未填报', en: 'Not started' },
  draft: { zh: '草稿', en: 'Draft' },
  submitted: { zh: '已提交', en: 'Submitted' },
  returned: { zh: '已退回', en: 'Returned' },
};

export const QUESTION_TYPE_LABELS: Dict = {
  single: { zh: '单选', en: 'Single choice' },
  multiple: { zh: '多选', en: 'Multiple choice' },
  yesNo: { zh: '是/否', en: 'Yes / no' },
  number: { zh: '数字', en: 'Number' },
  text: { zh: '文本', en: 'Text' },
  date: { zh: '日期', en: 'Date' },
};

/** A yes/no answer is stored as a boolean; conditions name it 'true' / 'false'. */
export const YES_NO_VALUES = ['true', 'false'] as const;
export const YES_NO_LABELS: Dict = { true: { zh: '是', en: 'Yes' }, false: { zh: '否', en: 'No' } };

export const defaultSurveyTitle = (year: number) => `${year}年度工贸企业安全生产状况调查`;

// ---- Configuration ---------------------------------------------------------------------------------------------

const year = z
  .number({ error: '请输入调查年度' })
  .int('调查年度应为整数')
  .min(2000, '调查年度应在 2000–2100 之间')
  .max(2100, '调查年度应在 2000–2100 之间');
const surveyTitle = text({ error: '请输入调查标题' })
  .trim()
  .min(2, '调查标题至少 2 个字')
  .max(100, '调查标题不能超过 100 个字');

export const SurveyCreate = z
  .object({
    year,
    title: surveyTitle,
    description: optionalText(1000),
    /** defaults: the questions ParkSafe ships; copy: another survey's questions (e.g. last year's); blank: none. */
    source: z.enum(['defaults', 'copy', 'blank'], { error: '请选择题目来源' }).default('defaults'),
    copyFromId: z.uuid({ error: '请选择要复制的调查' }).nullish(),
  })
  .refine((v) => v.source !== 'copy' || !!v.copyFromId, { message: '请选择要复制的调查', path: ['copyFromId'] });
export type SurveyCreate = z.infer<typeof SurveyCreate>;

export const SurveyUpdate = z.object({
  year: year.optional(),
  title: surveyTitle.optional(),
  description: optionalText(1000).optional(),
  rowVersion: z.number({ error: '缺少版本号' }).int(),
});
export type SurveyUpdate = z.infer<typeof SurveyUpdate>;

export const SectionInput = z.object({
  title: text({ error: '请输入分组名称' }).trim().min(1, '请输入分组名称').max(60, '分组名称不能超过 60 个字'),
  description: optionalText(500),
});
export type SectionInput = z.infer<typeof SectionInput>;

/** Shown (and required) only when an earlier choice or yes/no question has one of these answers. */
export const QuestionCondition = z.object({
  questionId: z.uuid({ error: '请选择条件题目' }),
  anyOf: z.array(text().trim().min(1).max(100)).min(1, '请选择触发条件的答案').max(30),
});
export type QuestionCondition = z.infer<typeof QuestionCondition>;

// Without defaults: an update leaves out what it does not change (a default inside .partial() would still apply).
const QuestionFields = z.object({
  sectionId: z.uuid({ error: '请选择所属分组' }),
  questionType: z.enum(QUESTION_TYPES, { error: '请选择题型' }),
  title: text({ error: '请输入题目' }).trim().min(2, '题目至少 2 个字').max(200, '题目不能超过 200 个字'),
  helpText: text().trim().max(500, '填写说明不能超过 500 个字').nullable(),
  required: z.boolean({ error: '请选择是否必答' }),
  options: z.array(text().trim().min(1, '选项不能为空').max(100, '选项不能超过 100 个字')).max(30, '选项最多 30 个'),
  minValue: z.number({ error: '最小值应为数字' }).nullable(),
  maxValue: z.number({ error: '最大值应为数字' }).nullable(),
  integerOnly: z.boolean(),
  unit: text().trim().max(20, '单位不能超过 20 个字').nullable(),
  condition: QuestionCondition.nullable(),
});

/** Rules of a question's own settings, shared by create and (merged) update. */
export function questionSettingsProblems(q: {
  questionType: QuestionType;
  options: string[];
  minValue: number | null;
  maxValue: number | null;
}): Record<string, string> {
  const problems: Record<string, string> = {};
  if (q.questionType === 'single' || q.questionType === 'multiple') {
    if (q.options.length < 2) problems.options = '单选题和多选题至少需要 2 个选项';
    else if (new Set(q.options).size !== q.options.length) problems.options = '选项不能重复';
  }
  if (q.questionType === 'number' && q.minValue !== null && q.maxValue !== null && q.minValue > q.maxValue) {
    problems.maxValue = '最大值不能小于最小值';
  }
  return problems;
}

export const QuestionInput = QuestionFields.extend({
  helpText: QuestionFields.shape.helpText.optional().transform((v) => v || null),
  required: QuestionFields.shape.required.default(true),
  options: QuestionFields.shape.options.default([]),
  minValue: QuestionFields.shape.minValue.optional().transform((v) => v ?? null),
  maxValue: QuestionFields.shape.maxValue.optional().transform((v) => v ?? null),
  integerOnly: QuestionFields.shape.integerOnly.default(false),
  unit: QuestionFields.shape.unit.optional().transform((v) => v || null),
  condition: QuestionFields.shape.condition.optional().transform((v) => v ?? null),
}).superRefine((q, ctx) => {
  for (const [path, message] of Object.entries(questionSettingsProblems(q))) {
    ctx.addIssue({ code: 'custom', message, path: [path] });
  }
});
export type QuestionInput = z.infer<typeof QuestionInput>;

/** Only the settings given change; null clears an optional setting. */
export const QuestionUpdate = QuestionFields.partial();
export type QuestionUpdate = z.infer<typeof QuestionUpdate>;

/** The whole order in one request: every section of the survey, each with every one of its questions. */
export const SurveyOrder = z.object({
  sections: z
    .array(z.object({ id: z.uuid(), questionIds: z.array(z.uuid()).max(500) }))
    .min(1)
    .max(100),
});
export type SurveyOrder = z.infer<typeof SurveyOrder>;

export const SurveyListQuery = PageQuery.extend({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  status: z.enum(SURVEY_STATUSES).optional(),
}).extend({ order: z.enum(['asc', 'desc']).default('desc') });

// ---- Views -----------------------------------------------------------------------------------------------------

export const QuestionView = z.object({
  id: z.uuid(),
  sectionId: z.uuid(),
  /** 1-based place across the whole survey, in order (conditional questions included): the editor's order. */
  number: z.number().int(),
  /** 第 n 题 as the reader sees it (questionLabels): 1, 2, 3 … for questions that always show, 6.1 under 6. */
  label: z.string(),
  position: z.number().int(),
  questionType: z.enum(QUESTION_TYPES),
  title: z.string(),
  helpText: z.string().nullable(),
  required: z.boolean(),
  options: z.array(z.string()),
  minValue: z.number().nullable(),
  maxValue: z.number().nullable(),
  integerOnly: z.boolean(),
  unit: z.string().nullable(),
  condition: QuestionCondition.nullable(),
});
export type QuestionView = z.infer<typeof QuestionView>;

export const SectionView = z.object({
  id: z.uuid(),
  position: z.number().int(),
  title: z.string(),
  description: z.string().nullable(),
  questions: z.array(QuestionView),
});
export type SectionView = z.infer<typeof SectionView>;

export const SurveyView = z.object({
  id: z.uuid(),
  year: z.number().int(),
  title: z.string(),
  description: z.string().nullable(),
  status: z.enum(SURVEY_STATUSES),
  questionCount: z.number().int(),
  copiedFromId: z.uuid().nullable(),
  openedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  rowVersion: z.number().int(),
  /** Completion figures for the committee; null for enterprise users. */
  completion: z.object({ total: z.number().int(), submitted: z.number().int() }).nullable(),
});
export type SurveyView = z.infer<typeof SurveyView>;
export const SurveyPage = pageOf(SurveyView);
export type SurveyPage = z.infer<typeof SurveyPage>;

export const SurveyDetail = SurveyView.extend({ sections: z.array(SectionView) });
export type SurveyDetail = z.infer<typeof SurveyDetail>;

// ---- Answers ---------------------------------------------------------------------------------------------------

export const AnswerValue = z.union([
  text().max(2000, '回答不能超过 2000 个字'),
  z.array(text().max(100)).max(30),
  z.number(),
  z.boolean(),
  z.null(),
]);
export type AnswerValue = z.infer<typeof AnswerValue>;

export const Answers = z
  .record(z.uuid({ error: '题目编号不正确' }), AnswerValue)
  .refine((a) => Object.keys(a).length <= 500, '回答过多');
export type Answers = Record<string, AnswerValue>;

export const ResponseSave = z.object({
  answers: Answers,
  /** The version the form loaded; 0 when the enterprise had not started. A stale one gets 409. */
  rowVersion: z.number({ error: '缺少版本号' }).int().min(0),
});
export type ResponseSave = z.infer<typeof ResponseSave>;

export const ResponseReturn = z.object({
  reason: text({ error: '请填写退回原因' }).trim().min(2, '退回原因至少 2 个字').max(500, '退回原因不能超过 500 个字'),
});

export const EnterpriseSurveyParams = z.object({ id: z.uuid(), enterpriseId: z.uuid({ error: '企业编号不正确' }) });

export const ResponseView = z.object({
  surveyId: z.uuid(),
  enterpriseId: z.uuid(),
  enterpriseName: z.string(),
  status: z.enum(RESPONSE_STATUSES),
  answers: z.record(z.string(), AnswerValue),
  rowVersion: z.number().int(),
  updatedAt: z.string().nullable(),
  updatedByName: z.string().nullable(),
  submittedAt: z.string().nullable(),
  submittedByName: z.string().nullable(),
  returnedAt: z.string().nullable(),
  returnedByName: z.string().nullable(),
  returnReason: z.string().nullable(),
});
export type ResponseView = z.infer<typeof ResponseView>;

/** What an enterprise user's 状况调查 page shows: the open survey (else the latest closed one) and its own answers. */
export const CurrentSurvey = z.object({ survey: SurveyDetail.nullable(), response: ResponseView.nullable() });
export type CurrentSurvey = z.infer<typeof CurrentSurvey>;

// ---- Figures ---------------------------------------------------------------------------------------------------

export const RESPONSE_FILTERS = ['all', 'notSubmitted', 'notStarted', 'draft', 'returned', 'submitted'] as const;

export const ResponseListQuery = PageQuery.extend({
  state: z.enum(RESPONSE_FILTERS).default('all'),
  q: text().trim().max(64).optional(),
  area: text().trim().max(50).optional(),
  tag: z.enum(SUPERVISION_TAGS).optional(),
  sort: z.enum(['enterpriseName', 'area', 'submittedAt', 'updatedAt']).default('enterpriseName'),
});

export const ResponseRow = z.object({
  enterpriseId: z.uuid(),
  enterpriseName: z.string(),
  creditCode: z.string(),
  area: z.string().nullable(),
  supervisionTags: z.array(z.string()),
  principalName: z.string().nullable(),
  principalPhone: z.string().nullable(),
  safetyManagerName: z.string().nullable(),
  safetyManagerPhone: z.string().nullable(),
  status: z.enum(RESPONSE_STATUSES),
  submittedAt: z.string().nullable(),
  updatedAt: z.string().nullable(),
  returnReason: z.string().nullable(),
});
export type ResponseRow = z.infer<typeof ResponseRow>;
export const ResponsePage = pageOf(ResponseRow);
export type ResponsePage = z.infer<typeof ResponsePage>;

const Completion = z.object({
  key: z.string(),
  total: z.number().int(),
  submitted: z.number().int(),
  /** submitted / total, 0 when total is 0. */
  rate: z.number(),
});
export type Completion = z.infer<typeof Completion>;

/** Completion over enterprises in scope that are not 注销; by area and by key-supervision tag (every tag listed). */
export const SurveyProgress = z.object({
  surveyId: z.uuid(),
  total: z.number().int(),
  submitted: z.number().int(),
  draft: z.number().int(),
  returned: z.number().int(),
  notStarted: z.number().int(),
  rate: z.number(),
  byArea: z.array(Completion),
  byTag: z.array(Completion),
});
export type SurveyProgress = z.infer<typeof SurveyProgress>;

// ---- Rules about answers, shared by the form and the server ------------------------------------------------------

type QuestionRule = Pick<
  QuestionView,
  | 'id'
  | 'label'
  | 'questionType'
  | 'title'
  | 'required'
  | 'options'
  | 'minValue'
  | 'maxValue'
  | 'integerOnly'
  | 'condition'
>;

export const questionName = (q: Pick<QuestionView, 'label' | 'title'>) => `第 ${q.label} 题「${q.title}」`;

/**
 * The numbers questions are shown with. Questions that always show are numbered 1, 2, 3 … in order, so the numbers
 * run on without gaps whichever conditional questions the answers hide; a conditional question is numbered under the
 * question it depends on (6.1, 6.2 after 6; 6.1.1 under 6.1), so it keeps its number whether it shows or not.
 * Questions are passed in survey order (a condition always points back).
 */
export function questionLabels(
  questions: readonly { id: string; condition: { questionId: string } | null }[],
): Map<string, string> {
  const labels = new Map<string, string>();
  const childCount = new Map<string, number>();
  let top = 0;
  for (const q of questions) {
    const parentId = q.condition?.questionId;
    const parent = parentId === undefined ? undefined : labels.get(parentId);
    if (parentId === undefined || parent === undefined) {
      labels.set(q.id, String(++top));
      continue;
    }
    const k = (childCount.get(parentId) ?? 0) + 1;
    childCount.set(parentId, k);
    labels.set(q.id, `${parent}.${k}`);
  }
  return labels;
}

/** The answer as the strings a condition compares against. */
export function conditionValues(value: AnswerValue | undefined): string[] {
  if (value === null || value === undefined) return [];
  if (Array.isArray(value)) return value;
  return [String(value)];
}

/**
 * Whether a question shows, given the answers so far: its condition's question must itself show and have one of the
 * listed answers. Questions are passed in order, so a condition always points back.
 */
export function visibleQuestions<Q extends QuestionRule>(questions: Q[], answers: Answers): Set<string> {
  const shown = new Set<string>();
  for (const q of questions) {
    const c = q.condition;
    if (!c || (shown.has(c.questionId) && conditionValues(answers[c.questionId]).some((v) => c.anyOf.includes(v)))) {
      shown.add(q.id);
    }
  }
  return shown;
}

export const isBlank = (v: AnswerValue | undefined) =>
  v === null || v === undefined || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0);

/** What is wrong with one (non-blank) answer, as a Chinese sentence naming the question; null when it fits. */
export function answerProblem(q: QuestionRule, v: AnswerValue): string | null {
  const name = questionName(q);
  switch (q.questionType) {
    case 'single':
      return typeof v === 'string' && q.options.includes(v) ? null : `${name}的答案不是该题的选项`;
    case 'multiple':
      return Array.isArray(v) && v.every((x) => q.options.includes(x)) && new Set(v).size === v.length
        ? null
        : `${name}的答案含有该题没有的选项`;
    case 'yesNo':
      return typeof v === 'boolean' ? null : `${name}应回答“是”或“否”`;
    case 'number': {
      if (typeof v !== 'number' || !Number.isFinite(v)) return `${name}应填写数字`;
      if (q.integerOnly && !Number.isInteger(v)) return `${name}应填写整数`;
      if (q.minValue !== null && v < q.minValue) return `${name}不能小于 ${q.minValue}`;
      if (q.maxValue !== null && v > q.maxValue) return `${name}不能大于 ${q.maxValue}`;
      return null;
    }
    case 'text':
      return typeof v === 'string' ? null : `${name}应填写文字`;
    case 'date':
      return typeof v === 'string' && isRealDate(v) ? null : `${name}应为 YYYY-MM-DD 格式的真实日期`;
  }
}

function isRealDate(v: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

export interface AnswerCheck {
  /** Answers kept: known questions, non-blank, trimmed; on submit also only the questions that show. */
  answers: Answers;
  /** answers.<questionId> → message. */
  fields: Record<string, string>;
  unknown: string[];
}

/**
 * Checks answers against the questions. A draft may leave anything blank; a submission must answer every required
 * question that shows, and drops answers to questions that do not show (their condition is not met).
 */
export function checkAnswers<Q extends QuestionRule>(questions: Q[], input: Answers, submit: boolean): AnswerCheck {
  const byId = new Map(questions.map((q) => [q.id, q]));
  const answers: Answers = {};
  const fields: Record<string, string> = {};
  const unknown = Object.keys(input).filter((id) => !byId.has(id));
  for (const q of questions) {
    const raw = input[q.id];
    const v = typeof raw === 'string' ? raw.trim() : raw;
    if (isBlank(v)) continue;
    const problem = answerProblem(q, v as AnswerValue);
    if (problem) fields[`answers.${q.id}`] = problem;
    else answers[q.id] = v as AnswerValue;
  }
  if (submit) {
    const shown = visibleQuestions(questions, answers);
    for (const q of questions) {
      if (!shown.has(q.id)) {
        delete answers[q.id];
        delete fields[`answers.${q.id}`];
      } else if (q.required && isBlank(answers[q.id]) && !fields[`answers.${q.id}`]) {
        fields[`answers.${q.id}`] = `${questionName(q)}为必答题，请填写`;
      }
    }
  }
  return { answers, fields, unknown };
}

/** How an answer reads in a table or a spreadsheet. */
export function answerText(
  q: Pick<QuestionView, 'questionType'>,
  v: AnswerValue | undefined,
  lang: 'zh' | 'en' = 'zh',
) {
  if (v === null || v === undefined) return '';
  if (q.questionType === 'yesNo') return YES_NO_LABELS[String(v)]?.[lang] ?? String(v);
  if (Array.isArray(v)) return v.join(lang === 'zh' ? '、' : ', ');
  return String(v);
}
