// UI strings of the accident register (生产安全事故), one dictionary per language. Level names are
// shared/src/accidents' (the records' Chinese), accident types shared/src/labels.ts' ACCIDENT_TYPE_LABELS.
import { ACCIDENT_LEVEL_NAMES, ACCIDENT_LEVELS_SOURCE, type AccidentLevel } from '../../../../shared/src/accidents';
import { ACCIDENT_TYPE_LABELS } from '../../../../shared/src/labels';
import type { AccidentType } from '../../../../shared/src/risk';
import { useI18n } from '../../app/i18n';

const zh = {
  levelName: (l: AccidentLevel) => ACCIDENT_LEVEL_NAMES[l],
  typeName: (t: AccidentType) => ACCIDENT_TYPE_LABELS[t]?.zh ?? t,
  levelLine: (label: string, name: string) => `${label}：${name}`,
  levelSource: ACCIDENT_LEVELS_SOURCE,
  exportFile: '生产安全事故.xlsx',
  create: '登记事故',
  createTitle: '登记生产安全事故',
  editTitle: '修改事故记录',
  export: '导出',
  serial: '编号',
  enterprise: '企业',
  occurredAt: '发生时间',
  place: '事故地点',
  type: '事故类别（GB 6441）',
  deaths: '死亡（人）',
  seriousInjuries: '重伤（人，含急性工业中毒）',
  seriousShort: '重伤（人）',
  minorInjuries: '轻伤（人）',
  directLoss: '直接经济损失（万元）',
  level: '事故等级',
  summary: '简要经过',
  recordedBy: '登记人',
  recordedAt: '登记时间',
  levelHint: '等级按死亡、重伤人数和直接经济损失自动判定，取三项中达到的最高等级。',
  unverified: '等级划分标准待核对',
  search: '编号 / 地点 / 企业',
  from: '起始日期',
  to: '截止日期',
  empty: '暂无事故记录',
  totals: (n: number, d: number, s: number, loss: number) =>
    `共 ${n} 起 · 死亡 ${d} 人 · 重伤 ${s} 人 · 直接经济损失 ${loss} 万元`,
  saved: '已保存',
  save: '保存',
  edit: '修改',
};

export type AccidentsText = typeof zh;

const LEVEL_EN: Record<AccidentLevel, string> = {
  general: 'General accident (一般事故)',
  larger: 'Larger accident (较大事故)',
  major: 'Major accident (重大事故)',
  especiallyMajor: 'Especially major accident (特别重大事故)',
};

const en: AccidentsText = {
  levelName: (l) => LEVEL_EN[l],
  typeName: (t) => ACCIDENT_TYPE_LABELS[t]?.en ?? t,
  levelLine: (label, name) => `${label}: ${name}`,
  levelSource:
    'Regulations on the Reporting, Investigation and Handling of Work Safety Accidents (State Council Decree No. 493), Article 3',
  exportFile: 'accidents.xlsx',
  create: 'Record accident',
  createTitle: 'Record a work-safety accident',
  editTitle: 'Edit accident',
  export: 'Export',
  serial: 'No.',
  enterprise: 'Enterprise',
  occurredAt: 'Occurred at',
  place: 'Place',
  type: 'Type (GB 6441)',
  deaths: 'Deaths',
  seriousInjuries: 'Serious injuries',
  seriousShort: 'Serious',
  minorInjuries: 'Minor injuries',
  directLoss: 'Direct loss (10k yuan)',
  level: 'Level',
  summary: 'Summary',
  recordedBy: 'Recorded by',
  recordedAt: 'Recorded at',
  levelHint: 'The level follows from deaths, serious injuries and direct loss: the highest any of them reaches.',
  unverified: 'Level thresholds to be verified',
  search: 'No. / place / enterprise',
  from: 'From',
  to: 'To',
  empty: 'No accidents',
  totals: (n: number, d: number, s: number, loss: number) =>
    `${n} accident${n === 1 ? '' : 's'} · ${d} death${d === 1 ? '' : 's'} · ${s} serious injur${s === 1 ? 'y' : 'ies'} · direct loss ${loss} (10k yuan)`,
  saved: 'Saved',
  save: 'Save',
  edit: 'Edit',
};

export function useAccidentsText(): AccidentsText {
  const { lang } = useI18n();
  return lang === 'en' ? en : zh;
}

export { en, zh };
export const TEXTS = { zh, en };
