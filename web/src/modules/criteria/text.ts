// UI strings of the major-hazard criteria library (重大事故隐患判定标准库), one dictionary per language.
import { useI18n } from '../../app/i18n';

const zh = {
  intro:
    '匹配本库条款登记的隐患直接判定为重大事故隐患。条款按编号管理：修订生成新版本，原版本停用但保留，已判定的隐患仍指向当时的版本。标注“待核对”的条款文字尚未与官方文本核对，请管理员核对后确认。',
  all: '全部标准',
  otherStandard: '其他标准',
  search: '编号 / 条款关键字',
  includeRetired: '显示已停用版本',
  code: '编号',
  version: '版本',
  article: '条款',
  item: '判定情形',
  verified: '核对',
  verifiedYes: '已核对',
  unverified: '待核对',
  status: '状态',
  current: '现行',
  retired: '已停用',
  add: '新增条款',
  addTitle: '新增判定条款',
  revise: '修订',
  reviseTitle: (code: string, next: number) => `修订 ${code}（将生成第 ${next} 版）`,
  reviseHint: '保存后原版本停用但保留；此前登记的隐患仍显示原版本的文字。',
  confirmVerified: '确认已核对',
  retire: '停用',
  retireConfirm: (code: string) => `停用条款 ${code}？停用后登记隐患时不能再选择该条款，已登记的隐患不受影响。`,
  standard: '所属标准',
  standardHint: '如 GM2023（工贸）、HG2017（化工和危险化学品），或新标准的代码',
  codeHint: '格式如 GM2023-4-1：标准代码-条-款',
  articleHint: '如：4 冶金',
  verifiedField: '已与官方文本核对',
  created: (code: string) => `条款 ${code} 已新增`,
  revised: (code: string, v: number) => `条款 ${code} 已修订为第 ${v} 版`,
  retiredOk: (code: string) => `条款 ${code} 已停用`,
  required: (label: string) => `请填写${label}`,
  count: (n: number) => `${n} 条`,
};

const en: typeof zh = {
  intro:
    'A hazard recorded against an item of this library is a major hazard. Items keep their code: a revision makes a new version and retires the old one, and recorded hazards keep pointing at the version they were judged against. Items marked "to verify" have wording not yet checked against the official text.',
  all: 'All standards',
  otherStandard: 'Other',
  search: 'Code / keyword',
  includeRetired: 'Show retired versions',
  code: 'Code',
  version: 'Version',
  article: 'Article',
  item: 'Item',
  verified: 'Checked',
  verifiedYes: 'Checked',
  unverified: 'To verify',
  status: 'Status',
  current: 'Current',
  retired: 'Retired',
  add: 'Add item',
  addTitle: 'Add a criterion item',
  revise: 'Revise',
  reviseTitle: (code: string, next: number) => `Revise ${code} (version ${next})`,
  reviseHint: 'The old version is retired but kept; hazards recorded before keep its wording.',
  confirmVerified: 'Confirm checked',
  retire: 'Retire',
  retireConfirm: (code: string) => `Retire ${code}? It can no longer be chosen; recorded hazards are unaffected.`,
  standard: 'Standard',
  standardHint: 'e.g. GM2023, HG2017, or the code of a new standard',
  codeHint: 'Like GM2023-4-1: standard-article-item',
  articleHint: 'e.g. 4 冶金',
  verifiedField: 'Checked against the official text',
  created: (code: string) => `${code} added`,
  revised: (code: string, v: number) => `${code} revised to version ${v}`,
  retiredOk: (code: string) => `${code} retired`,
  required: (label: string) => `Enter ${label}`,
  count: (n: number) => `${n} items`,
};

const TEXT = { zh, en };

export function useCriteriaText() {
  const i18n = useI18n();
  return { ...i18n, c: TEXT[i18n.lang] };
}
