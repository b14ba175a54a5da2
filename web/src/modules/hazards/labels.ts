// Labels of the hazard codes (status, grade, category, source, domain, events), one entry per language, read with
// useI18n().l. The Chinese wording follows shared/src/hazards.ts (STATUS_NAMES, ACTION_NAMES, PLAN_ITEM_NAMES).
import { ACTION_NAMES, PLAN_ITEM_NAMES, STATUS_NAMES } from '../../../../shared/src/hazards';

type Dict = Record<string, { zh: string; en: string }>;

export const HAZARD_STATUS_LABELS: Dict = {
  assigned: { zh: STATUS_NAMES.assigned, en: 'To rectify' },
  rectifying: { zh: STATUS_NAMES.rectifying, en: 'Rectifying' },
  submitted: { zh: STATUS_NAMES.submitted, en: 'Awaiting re-check' },
  closed: { zh: STATUS_NAMES.closed, en: 'Closed' },
};

/** Tag colours: open work warm, waiting for the committee blue, done green. */
export const HAZARD_STATUS_COLORS: Record<string, string> = {
  assigned: 'orange',
  rectifying: 'gold',
  submitted: 'blue',
  closed: 'green',
};

export const HAZARD_GRADE_LABELS: Dict = {
  general: { zh: '一般', en: 'General' },
  major: { zh: '重大', en: 'Major' },
};

export const HAZARD_CATEGORY_LABELS: Dict = {
  unsafeAct: { zh: '人的不安全行为', en: 'Unsafe act' },
  unsafeCondition: { zh: '物的不安全状态', en: 'Unsafe condition' },
  managementDefect: { zh: '管理缺陷', en: 'Management defect' },
  environment: { zh: '环境因素', en: 'Environment' },
};

export const HAZARD_SOURCE_LABELS: Dict = {
  routine: { zh: '日常排查', en: 'Routine' },
  comprehensive: { zh: '综合性排查', en: 'Comprehensive' },
  specialised: { zh: '专业性排查', en: 'Specialised' },
  seasonal: { zh: '季节性排查', en: 'Seasonal' },
  holiday: { zh: '节假日前排查', en: 'Before holidays' },
  accidentAnalogy: { zh: '事故类比排查', en: 'Accident analogy' },
  resumption: { zh: '复产复工前排查', en: 'Before resumption' },
  externalExpert: { zh: '外聘专家诊断', en: 'External expert' },
  controlFailure: { zh: '管控措施失效', en: 'Control failure' },
  other: { zh: '其他', en: 'Other' },
};

export const HAZARD_DOMAIN_LABELS: Dict = {
  production: { zh: '安全生产', en: 'Work safety' },
  fire: { zh: '消防安全', en: 'Fire safety' },
  food: { zh: '食品安全', en: 'Food safety' },
};

/** Names of the timeline's events (the four transitions plus the records around them). */
export const HAZARD_EVENT_LABELS: Dict = {
  create: { zh: '登记隐患', en: 'Recorded' },
  fixOnSpot: { zh: '即查即改销号', en: 'Fixed on the spot' },
  start: { zh: ACTION_NAMES.start, en: 'Rectification started' },
  submit: { zh: ACTION_NAMES.submit, en: 'Submitted for re-check' },
  recheckPass: { zh: ACTION_NAMES.recheckPass, en: 'Re-check passed (closed)' },
  recheckFail: { zh: ACTION_NAMES.recheckFail, en: 'Re-check failed' },
  plan: { zh: '更新整改方案（五落实）', en: 'Plan updated' },
  extensionRequested: { zh: '申请延期', en: 'Extension requested' },
  extensionApproved: { zh: '同意延期', en: 'Extension approved' },
  extensionRefused: { zh: '不同意延期', en: 'Extension refused' },
  listed: { zh: '挂牌督办', en: 'Listed for supervision' },
  delisted: { zh: '摘牌', en: 'Delisted' },
  downgraded: { zh: '降级为一般隐患', en: 'Downgraded to general' },
  stoppage: { zh: '停产停业标记', en: 'Stoppage marked' },
};

export const HAZARD_EVENT_COLORS: Record<string, string> = {
  create: 'blue',
  fixOnSpot: 'green',
  recheckPass: 'green',
  recheckFail: 'red',
  extensionRefused: 'red',
  listed: 'red',
  delisted: 'green',
  stoppage: 'red',
};

export const PLAN_ITEM_LABELS: Dict = {
  responsibility: { zh: PLAN_ITEM_NAMES.responsibility, en: 'Responsibility' },
  measures: { zh: PLAN_ITEM_NAMES.measures, en: 'Measures' },
  funds: { zh: PLAN_ITEM_NAMES.funds, en: 'Funds' },
  timeLimit: { zh: PLAN_ITEM_NAMES.timeLimit, en: 'Time limit' },
  emergencyPlan: { zh: PLAN_ITEM_NAMES.emergencyPlan, en: 'Emergency plan' },
};

export const LISTING_LEVELS = ['province', 'city', 'district', 'park'] as const;
export const LISTING_LEVEL_LABELS: Dict = {
  province: { zh: '省级挂牌', en: 'Province' },
  city: { zh: '市级挂牌', en: 'City' },
  district: { zh: '区县级挂牌', en: 'District' },
  park: { zh: '园区挂牌', en: 'Park' },
};

export const STOPPAGE_LABELS: Dict = {
  none: { zh: '未停产', en: 'No stoppage' },
  partial: { zh: '局部停产停业', en: 'Partial stoppage' },
  full: { zh: '全部停产停业', en: 'Full stoppage' },
};

export const EXTENSION_STATUS_LABELS: Dict = {
  pending: { zh: '待审批', en: 'Pending' },
  approved: { zh: '已同意', en: 'Approved' },
  refused: { zh: '不同意', en: 'Refused' },
};
export const EXTENSION_STATUS_COLORS: Record<string, string> = {
  pending: 'processing',
  approved: 'success',
  refused: 'error',
};
