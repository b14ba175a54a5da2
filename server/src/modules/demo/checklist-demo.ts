// The demo park's checklist templates and the item results of some demo inspections (pure, deterministic).
// Item wording is plain inspection questions. A basis is given only where an item links to a criterion of the
// library, and then in the criterion's own words (criterionBasis); no other clause numbers are invented.
// Results are laid over the existing hazard history without adding inspections or hazards, so the seed's figures
// (245 人次, 183 家次, 422 处) stay as they are: a failed item is the one a hazard found there matches.
import type { ItemResult } from '../../../../shared/src/checklists';
import { createRng } from './generator';
import type { DemoHazardHistory } from './hazard-demo';

export interface DemoChecklistItem {
  content: string;
  domain: 'production' | 'fire';
  criterionCode?: string;
  method?: string;
  /** Demo hazard descriptions this item's failure stands for (hazard-demo.ts GENERAL texts). */
  matches?: string[];
  /** How often the item does not apply to an enterprise (e.g. no gas cylinders). */
  naRate?: number;
}

export interface DemoChecklist {
  key: string;
  code: string;
  name: string;
  domains: ('production' | 'fire')[];
  description: string;
  /** Version 1 first; every later version supersedes the one before. */
  versions: DemoChecklistItem[][];
}

const GENERAL_V1: DemoChecklistItem[] = [
  { content: '是否建立全员安全生产责任制并落实到岗位', domain: 'production', method: '查资料' },
  {
    content: '是否建立隐患排查治理台账并定期开展排查',
    domain: 'production',
    method: '查资料',
    matches: ['未建立隐患排查治理台账'],
  },
  {
    content: '特种作业人员是否经专门的安全作业培训并取得相应资格后上岗',
    domain: 'production',
    criterionCode: 'GM2023-3-2',
    method: '查证件',
  },
  {
    content: '是否对承包单位、承租单位的安全生产工作统一协调、管理并定期进行安全检查',
    domain: 'production',
    criterionCode: 'GM2023-3-1',
    method: '查资料',
    naRate: 0.4,
  },
  {
    content: '配电箱（柜）是否完好、上锁，临时用电是否规范',
    domain: 'production',
    method: '现场查看',
    matches: ['配电箱未上锁，箱门破损', '车间临时用电私拉乱接'],
  },
  { content: '机械设备的防护罩、防护栏等是否齐全有效', domain: 'production', matches: ['机床防护罩缺失'] },
  { content: '从业人员是否正确佩戴劳动防护用品', domain: 'production', matches: ['员工未佩戴防护眼镜作业'] },
  {
    content: '叉车等厂内机动车辆驾驶人员是否持证作业',
    domain: 'production',
    method: '查证件',
    matches: ['叉车司机未持证上岗'],
    naRate: 0.3,
  },
  { content: '气瓶是否分类存放、固定并有防倾倒措施', domain: 'production', matches: ['气瓶未固定且混放'], naRate: 0.4 },
  { content: '电缆线路穿越通道处是否有防护', domain: 'production', matches: ['电缆穿越通道无防护'] },
  { content: '灭火器是否完好有效并按月检查', domain: 'fire', matches: ['灭火器压力不足，未按月检查'] },
  { content: '疏散通道、安全出口是否畅通', domain: 'fire', matches: ['疏散通道堆放货物'] },
  { content: '应急照明和疏散指示标志是否完好', domain: 'fire', matches: ['安全出口指示灯损坏'] },
  {
    content: '是否制定生产安全事故应急预案并定期组织演练',
    domain: 'production',
    method: '查资料',
    matches: ['应急预案未组织演练'],
  },
];

export const DEMO_CHECKLISTS: DemoChecklist[] = [
  {
    key: 'general',
    code: 'TY-001',
    name: '通用安全生产检查表',
    domains: ['production', 'fire'],
    description: '适用于园区各类企业的综合性检查，涵盖安全管理、作业现场和消防安全。',
    versions: [
      GENERAL_V1,
      // Version 2 adds the article on failed monitoring, alarm and protective facilities.
      [
        ...GENERAL_V1,
        {
          content: '直接关系生产安全的监控、报警、防护等设施、设备、装置是否完好有效',
          domain: 'production',
          criterionCode: 'GM2023-14',
          method: '现场查看',
        },
      ],
    ],
  },
  {
    key: 'dust',
    code: 'FC-001',
    name: '粉尘涉爆企业专项检查表',
    domains: ['production'],
    description: '存在粉尘爆炸危险的工贸企业专项检查，逐项对照重大事故隐患判定标准。',
    versions: [
      [
        {
          content:
            '粉尘爆炸危险场所是否设置在非框架结构的多层建（构）筑物内，或场所内设有员工宿舍、会议室、办公室、休息室等人员聚集场所',
          domain: 'production',
          criterionCode: 'GM2023-11-1',
          method: '现场查看',
        },
        {
          content: '是否存在不同类别的可燃性粉尘、不同建（构）筑物或不同防火分区共用一套除尘系统、除尘系统互联互通',
          domain: 'production',
          criterionCode: 'GM2023-11-2',
          method: '现场查看',
        },
        {
          content: '干式除尘系统是否采取泄爆、惰化、抑爆等爆炸防控措施',
          domain: 'production',
          criterionCode: 'GM2023-11-3',
          method: '现场查看',
        },
        {
          content: '铝镁等金属粉尘除尘系统采用正压吹送粉尘时，是否采取火花探测消除等防范点燃源措施',
          domain: 'production',
          criterionCode: 'GM2023-11-4',
        },
        {
          content: '除尘系统是否采用重力沉降室除尘，或采用干式巷道式构筑物作为除尘风道',
          domain: 'production',
          criterionCode: 'GM2023-11-5',
        },
        {
          content: '铝镁等金属粉尘、木质粉尘的干式除尘系统是否设置锁气卸灰装置',
          domain: 'production',
          criterionCode: 'GM2023-11-6',
        },
        {
          content: '除尘器、收尘仓等20区粉尘爆炸危险场所的电气设备是否符合防爆要求',
          domain: 'production',
          criterionCode: 'GM2023-11-7',
        },
        {
          content: '是否落实粉尘清理制度，作业现场有无严重积尘',
          domain: 'production',
          criterionCode: 'GM2023-11-10',
          method: '现场查看、查记录',
        },
        { content: '是否开展粉尘防爆安全教育培训并留有记录', domain: 'production', method: '查资料' },
      ],
    ],
  },
  {
    key: 'confined',
    code: 'YX-001',
    name: '有限空间作业检查表',
    domains: ['production'],
    description: '涉及有限空间作业企业的专项检查：辨识、审批、通风检测和现场监护。',
    versions: [
      [
        {
          content: '是否对有限空间进行辨识、建立安全管理台账并设置明显的安全警示标志',
          domain: 'production',
          criterionCode: 'GM2023-13-1',
          method: '查资料、现场查看',
        },
        {
          content: '是否落实有限空间作业审批，执行“先通风、再检测、后作业”，作业现场是否设置监护人员',
          domain: 'production',
          criterionCode: 'GM2023-13-2',
          method: '查资料、现场查看',
        },
        { content: '是否配备气体检测报警仪器、通风设备和呼吸防护用品', domain: 'production', method: '现场查看' },
        { content: '作业前是否对作业人员进行安全交底', domain: 'production', method: '查记录、询问' },
        { content: '是否制定有限空间作业应急处置方案并组织演练', domain: 'production', method: '查资料' },
      ],
    ],
  },
];

/** Checklists each demo campaign lists (by template key). */
export const DEMO_CAMPAIGN_CHECKLISTS: Record<string, string[]> = {
  spring: ['general', 'dust'],
  summer: ['general', 'confined'],
  'national-day': ['general'],
  winter: ['general', 'dust'],
};

/** Campaign → the version of the general checklist its inspections were recorded against. */
const FILLED: Record<string, number> = { 'national-day': 1, winter: 2 };

export interface DemoInspectionResults {
  inspectionKey: string;
  templateKey: string;
  version: number;
  /** One per item of that version, in order; hazardIndex points into history.hazards. */
  results: { result: ItemResult; note: string | null; hazardIndex: number | null }[];
}

/** Item results for the pre-National-Day and winter inspections, matched to the hazards each one found. */
export function generateChecklistResults(history: DemoHazardHistory, seed: number): DemoInspectionResults[] {
  const rng = createRng(seed, 'checklists');
  const general = DEMO_CHECKLISTS.find((c) => c.key === 'general')!;
  const hazardsOf = new Map<string, number[]>();
  history.hazards.forEach((h, i) => {
    hazardsOf.set(h.inspectionKey, [...(hazardsOf.get(h.inspectionKey) ?? []), i]);
  });
  const out: DemoInspectionResults[] = [];
  for (const insp of history.inspections) {
    const version = FILLED[insp.campaignKey];
    if (!version) continue;
    const items = general.versions[version - 1]!;
    const results: DemoInspectionResults['results'] = items.map((it) => ({
      result: it.naRate && rng.chance(it.naRate) ? 'na' : 'pass',
      note: null,
      hazardIndex: null,
    }));
    for (const hi of hazardsOf.get(insp.key) ?? []) {
      const h = history.hazards[hi]!;
      const at = items.findIndex((it) =>
        h.criterionCode ? it.criterionCode === h.criterionCode : it.matches?.includes(h.description),
      );
      // One hazard per item; further hazards of the same kind stay recorded on the inspection only.
      if (at < 0 || results[at]!.hazardIndex !== null) continue;
      results[at] = { result: 'fail', note: h.location ? `${h.location}：${h.description}` : null, hazardIndex: hi };
    }
    out.push({ inspectionKey: insp.key, templateKey: 'general', version, results });
  }
  return out;
}
