// UI strings of the inspection records (检查记录), one dictionary per language. Code labels are here too: the shared
// contract (shared/src/campaigns.ts) names campaign types in Chinese only and inspection kinds not at all.
import { useI18n } from '../../app/i18n';

type Dict = Record<string, { zh: string; en: string }>;

export const INSPECTION_KIND_LABELS: Dict = {
  supervision: { zh: '监管检查', en: 'Supervision' },
  selfInspection: { zh: '企业自查', en: 'Self-inspection' },
  thirdParty: { zh: '第三方服务', en: 'Third-party service' },
  jointEnforcement: { zh: '联合执法', en: 'Joint enforcement' },
  expertService: { zh: '专家指导服务', en: 'Expert service' },
};

const zh = {
  create: '登记检查',
  selfCreate: '登记企业自查',
  createTitle: '登记检查记录',
  campaign: '检查行动',
  campaignNone: '不属于检查行动',
  campaignSearch: '输入行动名称搜索',
  enterprise: '被检查企业',
  inspectedOn: '检查日期',
  kind: '检查类型',
  domains: '检查领域',
  inspectors: '检查人员',
  inspectorsHint: '填写实际参加检查的人员（计入人次）；代为登记他人的纸质记录时，登记人未参加检查的请去掉本人',
  inspectorsRequired: '请至少填写一名检查人员',
  me: '本人',
  recordedBy: '登记人',
  recordedByValue: (name: string, at: string) => `${name}（${at} 登记）`,
  externalInspectors: '其他检查人员',
  externalPlaceholder: '输入姓名后回车',
  inspectorCount: (n: number) => `${n} 人次`,
  summary: '检查情况',
  summaryPlaceholder: '检查范围、总体情况、现场指导意见等',
  signer: '企业签字人',
  hazards: '发现隐患',
  hazardCount: (n: number) => `${n} 处`,
  noHazards: '未发现隐患',
  addHazard: '添加隐患',
  removeHazard: '删除此条',
  hazardN: (n: number) => `隐患 ${n}`,
  submit: '提交检查记录',
  created: (n: number) => (n ? `检查记录已登记，发现隐患 ${n} 处` : '检查记录已登记'),
  detailTitle: '检查记录',
  from: '开始日期',
  to: '结束日期',
  notice: '下达整改通知书',
  noticeHint: '列出本次检查发现、尚未销号的全部隐患',
  noticeSaved: (what: string) => `已生成 ${what}`,
  openLedger: '在隐患台账中查看',
  empty: '暂无检查记录',
  createdAt: '登记时间',
  chooseEnterpriseFirst: '请先选择企业',
};

const en: typeof zh = {
  create: 'Record inspection',
  selfCreate: 'Record self-inspection',
  createTitle: 'Record an inspection',
  campaign: 'Campaign',
  campaignNone: 'Not part of a campaign',
  campaignSearch: 'Type a campaign name',
  enterprise: 'Enterprise',
  inspectedOn: 'Date',
  kind: 'Kind',
  domains: 'Domains',
  inspectors: 'Inspectors',
  inspectorsHint: 'Those who took part (counted in person-times); remove yourself when entering someone else’s record',
  inspectorsRequired: 'Name at least one inspector',
  me: 'me',
  recordedBy: 'Entered by',
  recordedByValue: (name: string, at: string) => `${name} (${at})`,
  externalInspectors: 'Other inspectors',
  externalPlaceholder: 'Type a name, then Enter',
  inspectorCount: (n: number) => `${n} person-times`,
  summary: 'Findings',
  summaryPlaceholder: 'Scope, overall state, advice given on site',
  signer: 'Signed for the enterprise by',
  hazards: 'Hazards found',
  hazardCount: (n: number) => `${n}`,
  noHazards: 'No hazards found',
  addHazard: 'Add hazard',
  removeHazard: 'Remove',
  hazardN: (n: number) => `Hazard ${n}`,
  submit: 'Save inspection',
  created: (n: number) => (n ? `Inspection saved with ${n} hazards` : 'Inspection saved'),
  detailTitle: 'Inspection',
  from: 'From',
  to: 'To',
  notice: 'Issue rectification notice',
  noticeHint: 'Lists every hazard of this inspection not yet closed',
  noticeSaved: (what: string) => `Generated ${what}`,
  openLedger: 'Open in the ledger',
  empty: 'No inspections',
  createdAt: 'Recorded at',
  chooseEnterpriseFirst: 'Choose the enterprise first',
};

const TEXT = { zh, en };

export function useInspectionText() {
  const i18n = useI18n();
  return { ...i18n, x: TEXT[i18n.lang] };
}
