// An audited change read field by field, the way the forms name the fields: the audit log and the enterprise's
// 变更记录 show before/after as rows of (字段, 修改前, 修改后) instead of raw JSON. Labels come from the same tables the
// forms and validation messages use (FIELD_LABELS, the route-specific ROUTE_FIELD_LABELS, the registry's export
// headers), so a field is called the same everywhere.
import { FUND_PURPOSE_NAMES, MEETING_KIND_NAMES, PUBLICITY_KIND_NAMES, TASK_STATE_NAMES } from './activities';
import { PENALTY_MEASURE_LABELS, PENALTY_STATUS_LABELS, resultText } from './enforcement';
import { STATUS_NAMES } from './hazards';
import {
  CERTIFICATE_TYPE_LABELS,
  type Dict,
  ENTERPRISE_FIELD_LABELS,
  ENTERPRISE_STATUS_LABELS,
  ENTITY_TYPE_LABELS,
  EQUIPMENT_STATUS_LABELS,
  EQUIPMENT_TYPE_LABELS,
  FILING_STATUS_LABELS,
  fieldLabel,
  HAZARD_SOURCE_LEVEL_LABELS,
  type Lang,
  label,
  PLAN_KIND_LABELS,
  RISK_LEVEL_LABELS,
  RISK_POINT_FIELD_LABELS,
  ROLE_LABELS,
  SCALE_LABELS,
  SITE_TYPE_LABELS,
  SUPERVISION_TAG_LABELS,
} from './labels';
import { PLAN_KIND_NAMES, PLAN_LINK_KIND_NAMES, PLAN_STATE_NAMES } from './plans';
import { RESUMPTION_STATE_NAMES } from './resumption';

/** The route whose form edits each kind of object: its route-specific labels apply (fieldLabel). */
const ENTITY_ROUTES: Record<string, string> = {
  hazard: '/api/hazards',
  inspection: '/api/inspections',
  campaign: '/api/campaigns',
  criterion: '/api/criteria',
  checklist: '/api/checklists',
  riskPoint: '/api/risk',
  survey: '/api/surveys',
  surveySection: '/api/surveys',
  surveyQuestion: '/api/surveys',
  surveyResponse: '/api/surveys',
  jointAction: '/api/enforcement/joint-actions',
  penaltyCase: '/api/enforcement/penalty-cases',
  publicity: '/api/publicity',
  meeting: '/api/meetings',
  meetingTask: '/api/meetings',
  fundExpense: '/api/funds',
  workPlan: '/api/plans',
  reportDraft: '/api/reports',
  periodReport: '/api/reports',
  drill: '/api/drills',
  drillPlan: '/api/drills',
  resumption: '/api/resumption',
  resumptionSeason: '/api/resumption',
  guidance: '/api/guidance',
  fireServiceContract: '/api/fire-service',
  fireServiceVisit: '/api/fire-service',
};

/** Fields of the recorded views that no form has (names resolved for display, derived figures, export facts). */
const VIEW_LABELS: Record<string, string> = {
  enterpriseName: '企业',
  landlordName: '出租方',
  industryName: '行业名称',
  serial: '隐患编号',
  hazards: '关联隐患',
  leadOrganisation: '牵头单位',
  participants: '参与单位',
  targetEnterprises: '检查对象',
  resultSummary: '行动成果',
  docNo: '文号',
  disabled: '停用',
  mustChangePassword: '首次登录需改密',
  totpEnabled: '动态验证码',
  lockedUntil: '锁定至',
  originalName: '文件名',
  width: '宽度（像素）',
  height: '高度（像素）',
  sha256: '文件摘要（SHA-256）',
  filters: '筛选条件',
  rows: '行数',
  jobId: '任务编号',
  occurredAt: '发生时间',
  recordedAt: '录入时间',
  backfillReason: '补录原因',
  recheckDays: '复查时限（天）',
  closedAt: '销号时间',
  submittedOn: '提交复查日期',
  listing: '挂牌督办',
  stoppage: '停产标记',
  overrideLevel: '调整后的风险等级',
  overrideReason: '调整原因',
  score: '风险值',
  article: '条款序号',
  item: '条款内容',
  standard: '判定标准',
  verified: '已核对',
  retired: '已停用',
  inspectorCount: '检查人数',
  hazardCount: '发现隐患数',
  recordedByName: '登记人',
  size: '大小（字节）',
  mime: '文件类型',
  count: '数量',
  // Publicity, meetings, funds (issue 13): names resolved for display and derived figures.
  photos: '活动照片',
  spent: '投入资金（元）',
  attendeeOrganisations: '参会单位',
  minutes: '会议纪要',
  tasks: '决定事项任务',
  taskCounts: '任务统计',
  meetingKind: '会议类型',
  meetingTopic: '会议',
  meetingHeldOn: '会议日期',
  ownerName: '责任单位',
  overdue: '已逾期',
  doneOn: '完成日期',
  notes: '进展记录',
  attachments: '附件',
  // Drills, resumption, guidance (issue 14).
  planTitle: '应急预案',
  participantEnterprises: '参演企业',
  problemCount: '发现问题数',
  convertedCount: '已转隐患数',
  problem: '演练发现的问题',
  hazardId: '转成的隐患',
  seasonName: '复工批次',
  enterpriseStatus: '企业当前状态',
  priorStatus: '申请时状态',
  state: '办理状态',
  returns: '退回次数',
  decidedByName: '办理人',
  decidedAt: '办理时间',
  lastOpinion: '办理意见',
  appliedAt: '申请时间',
  reason: '原因',
  by: '依据',
  openFollowUps: '未办结跟进事项',
  overdueFollowUps: '逾期跟进事项',
};

/** Bookkeeping every row carries and nobody reads as a change. */
const HIDDEN = new Set([
  'id',
  'parkId',
  'rowVersion',
  'createdAt',
  'updatedAt',
  'passwordHash',
  // Ids whose names the record carries beside them (enterpriseName, hazards, organisationName).
  'enterpriseId',
  'hazardIds',
  'organisationId',
  'landlordEnterpriseId',
]);

const VIEW_LABELS_EN: Record<string, string> = {
  landlordName: 'Landlord',
  industryName: 'Industry',
  disabled: 'Disabled',
  mustChangePassword: 'Must change password',
  totpEnabled: 'TOTP',
};

/** The label of a recorded field of an object of this type. */
export function changeFieldLabel(entityType: string, key: string, lang: Lang = 'zh'): string {
  if (lang === 'en') {
    return VIEW_LABELS_EN[key] ?? ENTERPRISE_FIELD_LABELS[key]?.en ?? RISK_POINT_FIELD_LABELS[key]?.en ?? key;
  }
  if (entityType === 'riskPoint' && RISK_POINT_FIELD_LABELS[key]) return RISK_POINT_FIELD_LABELS[key].zh;
  return (
    fieldLabel(key, ENTITY_ROUTES[entityType] ?? '') ?? VIEW_LABELS[key] ?? ENTERPRISE_FIELD_LABELS[key]?.zh ?? key
  );
}

export const entityTypeLabel = (entityType: string, lang: Lang = 'zh') => label(ENTITY_TYPE_LABELS, entityType, lang);

const HAZARD_STATUS: Dict = Object.fromEntries(
  Object.entries(STATUS_NAMES).map(([k, zh]) => [k, { zh, en: k }]),
) as Dict;
const HAZARD_SOURCE_STATUS: Dict = { active: { zh: '在用', en: 'Active' }, retired: { zh: '已核销', en: 'Retired' } };
const dictOf = (names: Record<string, string>): Dict =>
  Object.fromEntries(Object.entries(names).map(([k, zh]) => [k, { zh, en: k }])) as Dict;
const PUBLICITY_KIND = dictOf(PUBLICITY_KIND_NAMES);
const MEETING_KIND = dictOf(MEETING_KIND_NAMES);
const TASK_STATE = dictOf(TASK_STATE_NAMES);
const PLAN_KIND = dictOf(PLAN_KIND_NAMES);
const PLAN_STATE = dictOf(PLAN_STATE_NAMES);
const PLAN_LINK_KIND = dictOf(PLAN_LINK_KIND_NAMES);
const FUND_PURPOSE = dictOf(FUND_PURPOSE_NAMES);
const RESUMPTION_STATE: Dict = Object.fromEntries(
  Object.entries(RESUMPTION_STATE_NAMES).map(([k, zh]) => [k, { zh, en: k }]),
) as Dict;
const GRADE: Dict = { general: { zh: '一般', en: 'General' }, major: { zh: '重大', en: 'Major' } };

/** Code lists a field's values come from, by object type where the same name means different things. */
function codesOf(entityType: string, key: string): Dict | null {
  switch (key) {
    case 'status':
      if (entityType === 'enterprise') return ENTERPRISE_STATUS_LABELS;
      if (entityType === 'equipment') return EQUIPMENT_STATUS_LABELS;
      if (entityType === 'hazard-sources') return HAZARD_SOURCE_STATUS;
      if (entityType === 'hazard') return HAZARD_STATUS;
      if (entityType === 'penaltyCase') return PENALTY_STATUS_LABELS;
      return null;
    case 'level':
      if (entityType === 'hazard-sources') return HAZARD_SOURCE_LEVEL_LABELS;
      if (entityType === 'riskPoint') return RISK_LEVEL_LABELS;
      return null;
    case 'state':
      if (entityType === 'resumption') return RESUMPTION_STATE;
      if (entityType === 'meetingTask') return TASK_STATE;
      if (entityType === 'workPlan') return PLAN_STATE;
      return null;
    case 'priorStatus':
    case 'enterpriseStatus':
      return ENTERPRISE_STATUS_LABELS;
    case 'riskLevel':
    case 'overrideLevel':
      return RISK_LEVEL_LABELS;
    case 'measures':
      return PENALTY_MEASURE_LABELS;
    case 'role':
      return ROLE_LABELS;
    case 'scale':
      return SCALE_LABELS;
    case 'siteType':
      return SITE_TYPE_LABELS;
    case 'supervisionTags':
      return SUPERVISION_TAG_LABELS;
    case 'equipmentType':
      return EQUIPMENT_TYPE_LABELS;
    case 'planKind':
      return PLAN_KIND_LABELS;
    case 'filingStatus':
      return FILING_STATUS_LABELS;
    case 'certificateType':
      return CERTIFICATE_TYPE_LABELS;
    case 'grade':
      return GRADE;
    case 'kind':
      if (entityType === 'publicity') return PUBLICITY_KIND;
      if (entityType === 'meeting') return MEETING_KIND;
      if (entityType === 'workPlan') return PLAN_KIND;
      return null;
    case 'recordKind':
      return entityType === 'workPlan' ? PLAN_LINK_KIND : null;
    case 'meetingKind':
      return MEETING_KIND;
    case 'purpose':
      return entityType === 'fundExpense' ? FUND_PURPOSE : null;
    default:
      return null;
  }
}

/** One element of a recorded list or object as a person reads it: a name, a serial, a counted result. */
function shortOf(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v !== 'object') return String(v);
  const o = v as Record<string, unknown>;
  if (typeof o.item === 'string' && typeof o.count === 'number') {
    return resultText({ item: o.item, count: o.count, unit: typeof o.unit === 'string' ? o.unit : '' });
  }
  if (typeof o.serial === 'string') return o.serial;
  // A major hazard source's substance: name, quantity and critical quantity in tonnes.
  if (typeof o.name === 'string' && typeof o.quantityTonnes === 'number') {
    return `${o.name} ${o.quantityTonnes}t${typeof o.criticalTonnes === 'number' ? `/${o.criticalTonnes}t` : ''}`;
  }
  if (typeof o.name === 'string') return o.phone ? `${o.name}（${o.phone}）` : o.name;
  if (typeof o.title === 'string') return o.title;
  return JSON.stringify(v);
}

/** A recorded value as a person reads it: codes as their labels, lists joined, 是/否 for flags, amounts in 元. */
export function changeValue(entityType: string, key: string, value: unknown, lang: Lang = 'zh'): string {
  const empty = '—';
  if (value === null || value === undefined || value === '') return empty;
  if (typeof value === 'boolean') return value ? (lang === 'zh' ? '是' : 'Yes') : lang === 'zh' ? '否' : 'No';
  const codes = codesOf(entityType, key);
  if (Array.isArray(value)) {
    if (value.length === 0) return empty;
    return value.map((v) => (codes && typeof v === 'string' ? label(codes, v, lang) : shortOf(v))).join('、');
  }
  if (codes && typeof value === 'string') return label(codes, value, lang);
  if (key === 'fineAmount' && typeof value === 'number') {
    return `${value.toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} 元`;
  }
  return shortOf(value);
}

export interface FieldChange {
  key: string;
  before: unknown;
  after: unknown;
}

type Rec = Record<string, unknown>;
const isRecord = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The fields a change touched: every filled field of a created or deleted object, the differing ones of an update. */
export function changesOf(
  row: { before: unknown; after: unknown },
  hidden: ReadonlySet<string> = HIDDEN,
): FieldChange[] {
  const before = isRecord(row.before) ? row.before : null;
  const after = isRecord(row.after) ? row.after : null;
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])].filter((k) => !hidden.has(k));
  return keys
    .map((key) => ({ key, before: before?.[key] ?? null, after: after?.[key] ?? null }))
    .filter((c) => JSON.stringify(c.before) !== JSON.stringify(c.after))
    .filter((c) => !(Array.isArray(c.after) && c.after.length === 0 && c.before === null));
}
