// UI strings of the credit pages (诚信体系), one dictionary per language. Menu names live in app/messages.ts; the
// Chinese names of event kinds and risk levels are shared/src's (the records'), their English ones are here.
import { CREDIT_KIND_INFO, type CreditEventKind } from '../../../../shared/src/credit';
import { RISK_LEVEL_NAMES, type RiskLevel } from '../../../../shared/src/risk-levels';
import { useI18n } from '../../app/i18n';

/** An event kind's name and source in the reader's language; the Chinese are the records' (CREDIT_KIND_INFO). */
type KindText = { name: string; from: string };
const kindZh = (k: string): KindText | undefined => CREDIT_KIND_INFO[k as CreditEventKind];

const KIND_EN: Record<CreditEventKind, KindText> = {
  majorHazard: {
    name: 'Major accident hazard',
    from: 'Hazards graded major (no longer once downgraded), from the day found',
  },
  hazardOverdue: {
    name: 'Overdue rectification',
    from: 'Hazards past their deadline with no recheck submitted, or submitted late, from the day after the deadline',
  },
  recheckFailed: { name: 'Recheck failed', from: 'Every failed recheck, from the recheck date' },
  penaltyDecided: { name: 'Administrative penalty', from: 'Cases with a penalty decision, from the decision date' },
  accidentGeneral: { name: 'General accident', from: 'Accident records, from the day of the accident' },
  accidentLarger: { name: 'Larger accident', from: 'Accident records, from the day of the accident' },
  accidentMajor: { name: 'Major accident', from: 'Accident records, from the day of the accident' },
  accidentEspeciallyMajor: {
    name: 'Especially major accident',
    from: 'Accident records, from the day of the accident',
  },
  commitmentMissed: {
    name: 'Missed safety commitment',
    from: 'A required period with no commitment, after the grace period, from the day after the period',
  },
  jointActionFinding: {
    name: 'Joint enforcement finding',
    from: 'Joint enforcement actions aimed at the enterprise with findings recorded',
  },
  standardGrade1: {
    name: 'Standardisation grade 1',
    from: 'The standardisation grade of a submitted survey, from submission',
  },
  standardGrade2: {
    name: 'Standardisation grade 2',
    from: 'The standardisation grade of a submitted survey, from submission',
  },
  standardGrade3: {
    name: 'Standardisation grade 3',
    from: 'The standardisation grade of a submitted survey, from submission',
  },
  assessmentExcellent: {
    name: 'Annual assessment: excellent',
    from: 'Published annual assessment results, from publication',
  },
  assessmentGood: { name: 'Annual assessment: good', from: 'Published annual assessment results, from publication' },
  assessmentPass: { name: 'Annual assessment: pass', from: 'Published annual assessment results, from publication' },
  assessmentFailed: { name: 'Annual assessment: fail', from: 'Published annual assessment results, from publication' },
  commendation: { name: 'Commendation', from: 'Commendations of the enterprise or its staff, from the award date' },
};
const RISK_EN: Record<RiskLevel, string> = {
  major: 'Major',
  significant: 'Significant',
  general: 'General',
  low: 'Low',
};

const zh = {
  /** The name of an event kind (the server's Chinese name when the kind is unknown here, e.g. 人工调整). */
  kindName: (kind: string, fallback: string) => kindZh(kind)?.name ?? fallback,
  kindFrom: (kind: string, fallback: string) => kindZh(kind)?.from ?? fallback,
  riskName: (l: RiskLevel) => RISK_LEVEL_NAMES[l],
  credit: {
    ruleNote: (s: string) => `（${s}）`,
    score: '诚信分',
    grade: '诚信等级',
    base: '基础分',
    riskLevel: '风险等级',
    unrated: '未评定',
    required: '要求检查频次',
    perYear: (n: number) => `每年 ${n} 次`,
    enterprise: '企业',
    creditCode: '统一社会信用代码',
    area: '片区',
    computedOn: '计算日期',
    search: '企业名称 / 信用代码',
    all: '全部',
    sortScore: '按分数',
    sortGrade: '按等级',
    sortName: '按名称',
    recompute: '按记录重新计算',
    recomputed: (n: number, ms: number) => `已重新计算 ${n} 家企业（${ms} 毫秒）`,
    rules: '评分规则',
    empty: '暂无企业',
    events: '诚信记录',
    eventKind: '事件',
    source: '来源记录',
    occurredOn: '发生日期',
    points: '分值',
    countsUntil: '计分至',
    counting: '计分中',
    expired: '已过期',
    noEvents: '暂无诚信事件',
    why: (base: number, sum: number) => `基础分 ${base}，计分中的事件合计 ${sum >= 0 ? '+' : ''}${sum}`,
    thresholds: (a: number, b: number, c: number) => `A ≥ ${a}，B ≥ ${b}，C ≥ ${c}，其余为 D`,
    ruleVersion: (v: number) => (v === 0 ? '默认规则' : `规则第 ${v} 版`),
    adjust: '人工调整',
    adjustTitle: '人工调整诚信分',
    adjustPoints: '调整分值（正数加分，负数扣分）',
    adjustReason: '调整理由',
    adjustValid: '有效天数',
    adjustDone: '已调整，记入审计日志',
    adjustedBy: (name: string) => `调整人：${name}`,
    open: '打开',
  },
  rules: {
    intro:
      '诚信分 = 基础分 + 仍在有效期内的诚信事件分值（含人工调整）。事件由隐患、处罚、事故、承诺等记录自动产生；保存后生成新版本，全部企业按新规则重新评分。',
    version: (v: number, by: string | null, at: string) => `现行：第 ${v} 版（${by ?? '—'}，${at}）`,
    defaults: '现行：默认规则（尚未保存过本园区的版本）',
    kind: '事件类型',
    from: '取自记录',
    points: '分值',
    validDays: '有效天数',
    notFed: '未接入',
    thresholds: '等级分数线',
    frequency: '检查频次表（每年次数，等级 × 风险等级）',
    note: '修改说明',
    save: '保存为新版本',
    saved: '已保存，全部企业已按新规则重新评分',
    readOnly: '只有系统管理员可以修改评分规则',
    versions: '历史版本',
  },
};

type Text = typeof zh;

const en: Text = {
  kindName: (kind, fallback) =>
    KIND_EN[kind as CreditEventKind]?.name ?? (kind === 'adjustment' ? 'Manual adjustment' : fallback),
  kindFrom: (kind, fallback) => KIND_EN[kind as CreditEventKind]?.from ?? fallback,
  riskName: (l) => RISK_EN[l],
  credit: {
    ruleNote: (s) => ` (${s})`,
    score: 'Credit score',
    grade: 'Credit grade',
    base: 'Base score',
    riskLevel: 'Risk level',
    unrated: 'Not rated',
    required: 'Required inspections',
    perYear: (n: number) => `${n} a year`,
    enterprise: 'Enterprise',
    creditCode: 'Credit code',
    area: 'Area',
    computedOn: 'Computed on',
    search: 'Name / credit code',
    all: 'All',
    sortScore: 'By score',
    sortGrade: 'By grade',
    sortName: 'By name',
    recompute: 'Recompute from records',
    recomputed: (n: number, ms: number) => `Recomputed ${n} enterprises (${ms} ms)`,
    rules: 'Scoring rules',
    empty: 'No enterprises',
    events: 'Credit history',
    eventKind: 'Event',
    source: 'Source record',
    occurredOn: 'Date',
    points: 'Points',
    countsUntil: 'Counts until',
    counting: 'Counting',
    expired: 'Expired',
    noEvents: 'No credit events',
    why: (base: number, sum: number) => `Base ${base}, counting events ${sum >= 0 ? '+' : ''}${sum}`,
    thresholds: (a: number, b: number, c: number) => `A ≥ ${a}, B ≥ ${b}, C ≥ ${c}, otherwise D`,
    ruleVersion: (v: number) => (v === 0 ? 'Default rules' : `Rules v${v}`),
    adjust: 'Adjust',
    adjustTitle: 'Adjust the credit score',
    adjustPoints: 'Points (positive adds, negative deducts)',
    adjustReason: 'Reason',
    adjustValid: 'Valid days',
    adjustDone: 'Adjusted and audited',
    adjustedBy: (name: string) => `By ${name}`,
    open: 'Open',
  },
  rules: {
    intro:
      'Score = base + points of the credit events still valid (adjustments included). Events come from hazards, penalties, accidents and commitments; saving makes a new version and rescores every enterprise.',
    version: (v: number, by: string | null, at: string) => `In force: v${v} (${by ?? '—'}, ${at})`,
    defaults: 'In force: the default rules (no park version saved yet)',
    kind: 'Event kind',
    from: 'From',
    points: 'Points',
    validDays: 'Valid days',
    notFed: 'Not connected',
    thresholds: 'Grade thresholds',
    frequency: 'Inspection frequency (a year, grade × risk level)',
    note: 'Note',
    save: 'Save as a new version',
    saved: 'Saved; every enterprise rescored',
    readOnly: 'Only the administrator may change the rules',
    versions: 'Versions',
  },
};

export function useCreditText() {
  const { lang } = useI18n();
  return lang === 'en' ? en : zh;
}

export { en, zh };
export const TEXTS = { zh, en };
