// Default major-hazard criteria library (重大事故隐患判定标准), generated from ../shared/reference/major-hazard-criteria.md.
// Only what the reference gives is shipped: unverified wording carries verified=false and shows as 待核对 until an admin
// confirms it; the 47 industry items of 应急管理部令第10号 Arts. 4–10 are not here (an admin adds them from the official
// text). Do not edit item text by hand: regenerate from the reference.
import { z } from 'zod';
import { text } from './validators';

export const CRITERIA_STANDARDS = {
  GM2023: '工贸企业重大事故隐患判定标准（应急管理部令第10号，2023年5月15日施行）',
  HG2017: '化工和危险化学品生产经营单位重大生产安全事故隐患判定标准（试行）（安监总管三〔2017〕121号）',
} as const;
export type CriteriaStandard = keyof typeof CRITERIA_STANDARDS;

export interface DefaultCriterion {
  code: string;
  standard: CriteriaStandard;
  article: string | null;
  item: string;
  verified: boolean;
}

export const DEFAULT_CRITERIA: readonly DefaultCriterion[] = [
  {
    code: 'GM2023-3-1',
    standard: 'GM2023',
    article: '3 通用',
    item: '未对承包单位、承租单位的安全生产工作统一协调、管理，或者未定期进行安全检查的',
    verified: true,
  },
  {
    code: 'GM2023-3-2',
    standard: 'GM2023',
    article: '3 通用',
    item: '特种作业人员未按照规定经专门的安全作业培训并取得相应资格，上岗作业的',
    verified: true,
  },
  {
    code: 'GM2023-3-3',
    standard: 'GM2023',
    article: '3 通用',
    item: '金属冶炼企业主要负责人、安全生产管理人员未按照规定经考核合格的',
    verified: true,
  },
  {
    code: 'GM2023-11-1',
    standard: 'GM2023',
    article: '11 粉尘',
    item: '粉尘爆炸危险场所设置在非框架结构的多层建（构）筑物内，或者粉尘爆炸危险场所内设有员工宿舍、会议室、办公室、休息室等人员聚集场所',
    verified: true,
  },
  {
    code: 'GM2023-11-2',
    standard: 'GM2023',
    article: '11 粉尘',
    item: '不同类别的可燃性粉尘、可燃性粉尘与可燃气体等易加剧爆炸危险的介质共用一套除尘系统，或者不同建（构）筑物、不同防火分区共用一套除尘系统、除尘系统互联互通',
    verified: true,
  },
  {
    code: 'GM2023-11-3',
    standard: 'GM2023',
    article: '11 粉尘',
    item: '干式除尘系统未采取泄爆、惰化、抑爆等任一种爆炸防控措施',
    verified: true,
  },
  {
    code: 'GM2023-11-4',
    standard: 'GM2023',
    article: '11 粉尘',
    item: '铝镁等金属粉尘除尘系统采用正压吹送粉尘，且未采取火花探测消除等防范点燃源措施',
    verified: true,
  },
  {
    code: 'GM2023-11-5',
    standard: 'GM2023',
    article: '11 粉尘',
    item: '除尘系统采用重力沉降室除尘，或者采用干式巷道式构筑物作为除尘风道',
    verified: true,
  },
  {
    code: 'GM2023-11-6',
    standard: 'GM2023',
    article: '11 粉尘',
    item: '铝镁等金属粉尘、木质粉尘的干式除尘系统未设置锁气卸灰装置',
    verified: false,
  },
  {
    code: 'GM2023-11-7',
    standard: 'GM2023',
    article: '11 粉尘',
    item: '除尘器、收尘仓等划分为20区的粉尘爆炸危险场所电气设备不符合防爆要求',
    verified: false,
  },
  {
    code: 'GM2023-11-8',
    standard: 'GM2023',
    article: '11 粉尘',
    item: '粉碎、研磨、造粒等易产生机械点燃源的工艺设备前，未设置铁、石等杂物去除装置，或者木制品加工企业与砂光机连接的风管未设置火花探测消除装置',
    verified: false,
  },
  {
    code: 'GM2023-11-9',
    standard: 'GM2023',
    article: '11 粉尘',
    item: '遇湿自燃金属粉尘收集、堆放、储存场所未采取通风等防止氢气积聚措施，或者干式收集、堆放、储存场所未采取防水、防潮措施',
    verified: false,
  },
  {
    code: 'GM2023-11-10',
    standard: 'GM2023',
    article: '11 粉尘',
    item: '未落实粉尘清理制度，造成作业现场积尘严重',
    verified: false,
  },
  {
    code: 'GM2023-12-1',
    standard: 'GM2023',
    article: '12 液氨制冷',
    item: '包装、分割、产品整理场所的空调系统采用氨直接蒸发制冷',
    verified: false,
  },
  {
    code: 'GM2023-12-2',
    standard: 'GM2023',
    article: '12 液氨制冷',
    item: '快速冻结装置未设置在单独的作业间内，且作业间内作业人员数量超过9人',
    verified: false,
  },
  {
    code: 'GM2023-13-1',
    standard: 'GM2023',
    article: '13 有限空间',
    item: '未对有限空间进行辨识、建立安全管理台账，并且未设置明显的安全警示标志',
    verified: false,
  },
  {
    code: 'GM2023-13-2',
    standard: 'GM2023',
    article: '13 有限空间',
    item: '未落实有限空间作业审批，或者未执行"先通风、再检测、后作业"要求，或者作业现场未设置监护人员',
    verified: false,
  },
  {
    code: 'GM2023-14',
    standard: 'GM2023',
    article: '14 设施失效',
    item: '直接关系生产安全的监控、报警、防护等设施、设备、装置失效或者无效',
    verified: true,
  },
  {
    code: 'HG2017-1',
    standard: 'HG2017',
    article: null,
    item: '危险化学品生产、经营单位主要负责人和安全生产管理人员未依法经考核合格。',
    verified: true,
  },
  { code: 'HG2017-2', standard: 'HG2017', article: null, item: '特种作业人员未持证上岗。', verified: true },
  {
    code: 'HG2017-3',
    standard: 'HG2017',
    article: null,
    item: '涉及"两重点一重大"的生产装置、储存设施外部安全防护距离不符合国家标准要求。',
    verified: true,
  },
  {
    code: 'HG2017-4',
    standard: 'HG2017',
    article: null,
    item: '涉及重点监管危险化工工艺的装置未实现自动化控制，系统未实现紧急停车功能，装备的自动化控制系统、紧急停车系统未投入使用。',
    verified: true,
  },
  {
    code: 'HG2017-5',
    standard: 'HG2017',
    article: null,
    item: '构成一级、二级重大危险源的危险化学品罐区未实现紧急切断功能；涉及毒性气体、液化气体、剧毒液体的一级、二级重大危险源的危险化学品罐区未配备独立的安全仪表系统。',
    verified: true,
  },
  {
    code: 'HG2017-6',
    standard: 'HG2017',
    article: null,
    item: '全压力式液化烃储罐未按国家标准设置注水措施。',
    verified: true,
  },
  {
    code: 'HG2017-7',
    standard: 'HG2017',
    article: null,
    item: '液化烃、液氨、液氯等易燃易爆、有毒有害液化气体的充装未使用万向管道充装系统。',
    verified: true,
  },
  {
    code: 'HG2017-8',
    standard: 'HG2017',
    article: null,
    item: '光气、氯气等剧毒气体及硫化氢气体管道穿越除厂区（包括化工园区、工业园区）外的公共区域。',
    verified: true,
  },
  {
    code: 'HG2017-9',
    standard: 'HG2017',
    article: null,
    item: '地区架空电力线路穿越生产区且不符合国家标准要求。',
    verified: true,
  },
  {
    code: 'HG2017-10',
    standard: 'HG2017',
    article: null,
    item: '在役化工装置未经正规设计且未进行安全设计诊断。',
    verified: true,
  },
  {
    code: 'HG2017-11',
    standard: 'HG2017',
    article: null,
    item: '使用淘汰落后安全技术工艺、设备目录列出的工艺、设备。',
    verified: true,
  },
  {
    code: 'HG2017-12',
    standard: 'HG2017',
    article: null,
    item: '涉及可燃和有毒有害气体泄漏的场所未按国家标准设置检测报警装置，爆炸危险场所未按国家标准安装使用防爆电气设备。',
    verified: true,
  },
  {
    code: 'HG2017-13',
    standard: 'HG2017',
    article: null,
    item: '控制室或机柜间面向具有火灾、爆炸危险性装置一侧不满足国家标准关于防火防爆的要求。',
    verified: true,
  },
  {
    code: 'HG2017-14',
    standard: 'HG2017',
    article: null,
    item: '化工生产装置未按国家标准要求设置双重电源供电，自动化控制系统未设置不间断电源。',
    verified: true,
  },
  {
    code: 'HG2017-15',
    standard: 'HG2017',
    article: null,
    item: '安全阀、爆破片等安全附件未正常投用。',
    verified: true,
  },
  {
    code: 'HG2017-16',
    standard: 'HG2017',
    article: null,
    item: '未建立与岗位相匹配的全员安全生产责任制或者未制定实施生产安全事故隐患排查治理制度。',
    verified: true,
  },
  { code: 'HG2017-17', standard: 'HG2017', article: null, item: '未制定操作规程和工艺控制指标。', verified: true },
  {
    code: 'HG2017-18',
    standard: 'HG2017',
    article: null,
    item: '未按照国家标准制定动火、进入受限空间等特殊作业管理制度，或者制度未有效执行。',
    verified: true,
  },
  {
    code: 'HG2017-19',
    standard: 'HG2017',
    article: null,
    item: '新开发的危险化学品生产工艺未经小试、中试、工业化试验直接进行工业化生产；国内首次使用的化工工艺未经过省级人民政府有关部门组织的安全可靠性论证；新建装置未制定试生产方案投料开车；精细化工企业未按规范性文件要求开展反应安全风险评估。',
    verified: true,
  },
  {
    code: 'HG2017-20',
    standard: 'HG2017',
    article: null,
    item: '未按国家标准分区分类储存危险化学品，超量、超品种储存危险化学品，相互禁配物质混放混存。',
    verified: true,
  },
];

export const CriterionView = z.object({
  id: z.uuid(),
  code: z.string(),
  version: z.number().int(),
  standard: z.string(),
  article: z.string().nullable(),
  item: z.string(),
  verified: z.boolean(),
  retired: z.boolean(),
});
export const CriterionListQuery = z.object({
  q: text().trim().max(64).optional(),
  standard: text().max(20).optional(),
  includeRetired: z.enum(['true', 'false']).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(50),
});
export const CriterionCreate = z.object({
  code: text()
    .trim()
    .regex(/^[A-Z]{2}\d{4}-[0-9-]+$/, '编号格式如 GM2023-4-1'),
  standard: text().trim().min(2).max(20),
  article: text()
    .trim()
    .max(60)
    .nullish()
    .transform((v) => v ?? null),
  item: text().trim().min(6, '条款内容至少 6 个字').max(1000),
  verified: z.boolean().default(false),
});
export const CriterionRevise = z.object({
  item: text().trim().min(6, '条款内容至少 6 个字').max(1000).optional(),
  article: text().trim().max(60).nullish(),
  verified: z.boolean().optional(),
});
