// Industry classes of GB/T 4754-2017 (国民经济行业分类) that a high-tech industrial park commonly registers.
// Not the whole standard: a curated subset of four-digit classes (小类), each checked against the 2017 code table.
// Codes are written with their section letter, e.g. 'C3311' = section C (制造业), class 3311 (金属结构制造).
import type { SUPERVISION_TAGS } from './enterprises';

type SupervisionTag = (typeof SUPERVISION_TAGS)[number];

export const INDUSTRY_SECTIONS = {
  C: '制造业',
  D: '电力、热力、燃气及水生产和供应业',
  E: '建筑业',
  F: '批发和零售业',
  G: '交通运输、仓储和邮政业',
  H: '住宿和餐饮业',
  I: '信息传输、软件和信息技术服务业',
  K: '房地产业',
  L: '租赁和商务服务业',
  M: '科学研究和技术服务业',
  N: '水利、环境和公共设施管理业',
  R: '文化、体育和娱乐业',
} as const;
export type IndustrySection = keyof typeof INDUSTRY_SECTIONS;

export interface Industry {
  /** Section letter + four-digit class, e.g. 'C3391'. */
  code: string;
  name: string;
  section: IndustrySection;
  sectionName: string;
  /**
   * Key-supervision tags (DOMAIN.md §2.1) an enterprise of this class typically carries because of its process:
   * a suggestion for the registry form and the basis of the demo generator, never a rule — an actual enterprise's
   * tags are whatever the supervisor records.
   */
  typicalTags: readonly SupervisionTag[];
}

type Row = [code: string, name: string, typicalTags?: readonly SupervisionTag[]];

const ROWS: readonly Row[] = [
  // C 制造业 — food and drink
  ['C1352', '禽类屠宰', ['ammoniaRefrigeration']],
  ['C1361', '水产品冷冻加工', ['ammoniaRefrigeration']],
  ['C1391', '淀粉及淀粉制品制造', ['combustibleDust']],
  ['C1419', '饼干及其他焙烤食品制造', ['combustibleDust']],
  ['C1432', '速冻食品制造', ['ammoniaRefrigeration']],
  ['C1441', '液体乳制造', ['ammoniaRefrigeration']],
  ['C1462', '酱油、食醋及类似制品制造', ['confinedSpace']],
  ['C1513', '啤酒制造', ['confinedSpace', 'ammoniaRefrigeration']],
  // textiles, wood, paper, printing
  ['C1713', '棉印染精加工', ['confinedSpace']],
  ['C1819', '其他机织服装制造'],
  ['C2021', '胶合板制造', ['combustibleDust']],
  ['C2110', '木质家具制造', ['combustibleDust']],
  ['C2221', '机制纸及纸板制造', ['confinedSpace']],
  ['C2231', '纸和纸板容器制造'],
  ['C2319', '包装装潢及其他印刷'],
  // chemicals, pharmaceuticals, plastics, building materials
  ['C2612', '无机碱制造', ['hazardousChemicals', 'chlorine']],
  ['C2614', '有机化学原料制造', ['hazardousChemicals']],
  ['C2641', '涂料制造', ['hazardousChemicals']],
  ['C2651', '初级形态塑料及合成树脂制造', ['hazardousChemicals']],
  ['C2661', '化学试剂和助剂制造', ['hazardousChemicals']],
  ['C2720', '化学药品制剂制造', ['hazardousChemicals']],
  ['C2770', '卫生材料及医药用品制造'],
  ['C2921', '塑料薄膜制造'],
  ['C2929', '塑料零件及其他塑料制品制造', ['combustibleDust']],
  ['C3021', '水泥制品制造'],
  // metals
  ['C3120', '炼钢', ['metalSmelting']],
  ['C3216', '铝冶炼', ['metalSmelting']],
  ['C3311', '金属结构制造'],
  ['C3360', '金属表面处理及热处理加工', ['hazardousChemicals']],
  ['C3381', '金属制厨房用器具制造', ['combustibleDust']],
  ['C3391', '黑色金属铸造', ['metalSmelting']],
  ['C3392', '有色金属铸造', ['metalSmelting', 'combustibleDust']],
  // machinery, electrical, electronics, instruments
  ['C3421', '金属切削机床制造'],
  ['C3484', '机械零部件加工'],
  ['C3581', '医疗诊断、监护及治疗设备制造'],
  ['C3670', '汽车零部件及配件制造'],
  ['C3825', '光伏设备及元器件制造'],
  ['C3831', '电线、电缆制造'],
  ['C3841', '锂离子电池制造', ['fireSafetyKeyUnit']],
  ['C3976', '光电子器件制造'],
  ['C3982', '电子电路制造', ['hazardousChemicals']],
  ['C4011', '工业自动控制系统装置制造'],
  // D utilities
  ['D4430', '热力生产和供应', ['specialEquipmentUser']],
  ['D4511', '天然气生产和供应业', ['hazardousChemicals']],
  ['D4610', '自来水生产和供应', ['chlorine', 'confinedSpace']],
  ['D4620', '污水处理及其再生利用', ['confinedSpace']],
  // E construction
  ['E4790', '其他房屋建筑业', ['construction']],
  ['E4910', '电气安装', ['construction']],
  ['E5011', '公共建筑装饰和装修', ['construction']],
  // F trade
  ['F5169', '其他化工产品批发', ['hazardousChemicals']],
  ['F5211', '百货零售', ['crowdedPlace']],
  ['F5212', '超级市场零售', ['crowdedPlace']],
  ['F5265', '机动车燃油零售', ['hazardousChemicals']],
  ['F5299', '其他未列明零售业'],
  // G transport and storage
  ['G5431', '普通货物道路运输'],
  ['G5920', '通用仓储'],
  ['G5930', '低温仓储', ['ammoniaRefrigeration']],
  ['G5942', '危险化学品仓储', ['hazardousChemicals']],
  // H hotels and catering
  ['H6110', '旅游饭店', ['crowdedPlace']],
  ['H6121', '经济型连锁酒店', ['crowdedPlace']],
  ['H6210', '正餐服务', ['crowdedPlace']],
  // I, K, L, M, N, R services
  ['I6513', '应用软件开发'],
  ['K7040', '房地产租赁经营'],
  ['L7221', '园区管理服务'],
  ['M7320', '工程和技术研究和试验发展'],
  ['M7452', '检测服务'],
  ['N7723', '固体废物治理', ['confinedSpace']],
  ['R9011', '歌舞厅娱乐活动', ['crowdedPlace']],
];

export const INDUSTRIES: readonly Industry[] = ROWS.map(([code, name, typicalTags = []]) => {
  const section = code[0] as IndustrySection;
  return { code, name, section, sectionName: INDUSTRY_SECTIONS[section], typicalTags };
});

const BY_CODE = new Map<string, Industry>(INDUSTRIES.map((i) => [i.code, i]));
const BY_DIGITS = new Map<string, Industry>(INDUSTRIES.map((i) => [i.code.slice(1), i]));

/** The listed class for 'C3311' (or its bare digits '3311'); undefined when the code is not in the list. */
export function industryByCode(code: string): Industry | undefined {
  const c = code.trim().toUpperCase();
  return BY_CODE.get(c) ?? (/^\d{4}$/.test(c) ? BY_DIGITS.get(c) : undefined);
}

/** Chinese name of a listed class ('C3311' → '金属结构制造'); null when unknown. */
export function industryName(code: string): string | null {
  return industryByCode(code)?.name ?? null;
}
