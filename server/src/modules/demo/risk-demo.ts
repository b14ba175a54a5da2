// Risk graded control for the demo park (pure and deterministic like the park generator): risk points per enterprise
// from its key-supervision tags (more for the high-risk ones), a few major-risk enterprises, review states and next
// review dates around `today`, a generated park plan (SVG: roads, plots, area names — no online tiles) and each
// enterprise's position on it, inside its area (tenants around their landlord's building).
import {
  type AccidentType,
  assess,
  type ControlTier,
  DEFAULT_THRESHOLDS,
  type RiskLevel,
  type RiskMethod,
} from '../../../../shared/src/risk';
import { createRng, type DemoEnterprise, type Rng } from './generator';
import { AREAS } from './names';

export interface DemoRiskPoint {
  enterpriseKey: string;
  name: string;
  location: string;
  activity: string;
  hazardFactors: string;
  accidentTypes: AccidentType[];
  method: RiskMethod;
  likelihood: number;
  exposure: number | null;
  consequence: number | null;
  severity: number | null;
  score: number;
  level: RiskLevel;
  controlMeasures: Record<'engineering' | 'management' | 'training' | 'ppe' | 'emergency', string | null>;
  controlTier: ControlTier;
  responsiblePerson: string;
  nextReviewDate: string;
  reviewStatus: 'pending' | 'accepted' | 'returned';
  reviewReason: string | null;
}

interface Template {
  name: string;
  location: string;
  activity: string;
  hazardFactors: string;
  accidentTypes: AccidentType[];
  /** LEC [L, E, C] or LS [L, S]. */
  lec?: [number, number, number];
  ls?: [number, number];
  /** The factors of a site whose control is weak (used for the few major-risk enterprises). */
  majorLec?: [number, number, number];
  majorLs?: [number, number];
  measures: DemoRiskPoint['controlMeasures'];
  tier: ControlTier;
}

const m = (
  engineering: string | null,
  management: string | null,
  training: string | null,
  ppe: string | null,
  emergency: string | null,
) => ({ engineering, management, training, ppe, emergency });

const COMMON: Template[] = [
  {
    name: '配电室',
    location: '厂区配电室',
    activity: '配电设备巡检与操作',
    hazardFactors: '电气设备绝缘老化、带电作业、无证操作',
    accidentTypes: ['electrocution', 'fire'],
    lec: [1, 6, 7],
    measures: m(
      '设置漏电保护和接地，配电柜前铺设绝缘垫',
      '执行停送电工作票制度，每月巡检',
      '电工持证上岗，每年安全培训',
      '绝缘手套、绝缘鞋',
      '配置干粉灭火器，制定触电事故现场处置方案',
    ),
    tier: 'workshop',
  },
  {
    name: '消防通道及疏散设施',
    location: '生产车间及仓库',
    activity: '日常生产与物料存放',
    hazardFactors: '疏散通道堆放物品、安全出口锁闭、应急照明损坏',
    accidentTypes: ['fire'],
    lec: [1, 6, 15],
    measures: m(
      '设置自动喷水灭火系统和火灾自动报警系统',
      '每日防火巡查，通道划线管理',
      '全员消防“四个能力”培训',
      null,
      '每半年开展一次疏散演练',
    ),
    tier: 'company',
  },
];

const BY_TAG: Record<string, Template[]> = {
  combustibleDust: [
    {
      name: '除尘系统',
      location: '打磨车间除尘器',
      activity: '除尘器运行与清灰',
      hazardFactors: '铝镁粉尘积聚、除尘器未设泄爆装置、清灰不及时',
      accidentTypes: ['otherExplosion', 'fire'],
      lec: [3, 6, 15],
      majorLec: [6, 6, 15],
      measures: m(
        '湿式除尘，设置泄爆片、隔爆阀和火花探测熄灭装置',
        '每班清灰并记录，粉尘防爆安全检查表',
        '粉尘防爆专项培训',
        '防静电工作服',
        '粉尘爆炸现场处置方案，每年演练',
      ),
      tier: 'company',
    },
    {
      name: '打磨抛光作业',
      location: '打磨抛光工位',
      activity: '金属制品打磨抛光',
      hazardFactors: '作业区粉尘浓度高、电气设备非防爆、砂轮破损',
      accidentTypes: ['otherExplosion', 'machinery'],
      lec: [3, 6, 7],
      measures: m(
        '采用防爆电气，作业点设吸尘罩',
        '执行粉尘清扫制度',
        '岗位操作规程培训',
        '防尘口罩、护目镜',
        '配置灭火器材',
      ),
      tier: 'team',
    },
  ],
  ammoniaRefrigeration: [
    {
      name: '液氨制冷机房',
      location: '制冷机房及储氨器',
      activity: '制冷系统运行、充氨与维修',
      hazardFactors: '液氨泄漏、管道阀门腐蚀、安全阀失效',
      accidentTypes: ['poisoningAsphyxiation', 'vesselExplosion'],
      lec: [3, 6, 15],
      majorLec: [3, 10, 15],
      measures: m(
        '设置氨气泄漏报警与事故排风、紧急切断联锁',
        '压力容器定期检验，每班巡检',
        '制冷作业人员持证上岗',
        '防毒面具、空气呼吸器',
        '氨泄漏专项应急预案，配备应急水喷淋',
      ),
      tier: 'company',
    },
    {
      name: '冷库作业区',
      location: '低温冷库',
      activity: '货物出入库',
      hazardFactors: '人员被困冷库、低温冻伤、叉车作业',
      accidentTypes: ['poisoningAsphyxiation', 'vehicle'],
      lec: [1, 6, 7],
      measures: m(
        '冷库门内设置安全开门装置和呼救按钮',
        '进出库登记制度',
        '岗位安全培训',
        '防寒服',
        '人员被困应急处置卡',
      ),
      tier: 'workshop',
    },
  ],
  confinedSpace: [
    {
      name: '污水池及地下有限空间',
      location: '污水处理站',
      activity: '清淤、检修作业',
      hazardFactors: '硫化氢等有毒气体积聚、缺氧、未检测先进入',
      accidentTypes: ['poisoningAsphyxiation', 'drowning'],
      lec: [3, 3, 15],
      measures: m(
        '设置强制通风和气体检测报警',
        '执行有限空间作业审批，“先通风、再检测、后作业”',
        '有限空间作业专项培训',
        '正压式空气呼吸器、安全绳',
        '有限空间事故应急预案，禁止盲目施救',
      ),
      tier: 'company',
    },
  ],
  hazardousChemicals: [
    {
      name: '危险化学品仓库',
      location: '甲类仓库',
      activity: '危化品储存与出入库',
      hazardFactors: '易燃液体泄漏、禁忌物料混存、静电火花',
      accidentTypes: ['fire', 'otherExplosion', 'poisoningAsphyxiation'],
      ls: [3, 5],
      majorLs: [4, 5],
      measures: m(
        '防爆电气、可燃气体报警、防火堤',
        '专库专人管理，双人双锁，出入库台账',
        '危化品安全作业培训',
        '防静电服、防护手套',
        '危化品泄漏专项预案，配备应急物资',
      ),
      tier: 'company',
    },
    {
      name: '危化品装卸作业',
      location: '装卸区',
      activity: '槽车装卸',
      hazardFactors: '静电积聚、车辆未熄火、软管破裂',
      accidentTypes: ['vehicle', 'scald', 'fire'],
      lec: [3, 3, 7],
      measures: m('装卸区设静电接地报警器', '装卸作业票及监护制度', '装卸人员培训', '防化服', '现场处置方案'),
      tier: 'team',
    },
  ],
  chlorine: [
    {
      name: '液氯钢瓶储存间',
      location: '加氯间',
      activity: '液氯钢瓶储存与更换',
      hazardFactors: '氯气泄漏、钢瓶阀门损坏',
      accidentTypes: ['poisoningAsphyxiation'],
      ls: [4, 4],
      measures: m(
        '设置氯气泄漏报警和碱液吸收装置',
        '钢瓶专人管理',
        '岗位应急培训',
        '空气呼吸器',
        '氯气泄漏现场处置方案',
      ),
      tier: 'company',
    },
  ],
  metalSmelting: [
    {
      name: '熔炼炉',
      location: '熔炼车间',
      activity: '金属熔炼与浇注',
      hazardFactors: '高温熔融金属遇水爆炸、炉体冷却水泄漏、吊运熔融金属',
      accidentTypes: ['scald', 'otherExplosion', 'lifting'],
      lec: [3, 6, 15],
      majorLec: [6, 6, 15],
      measures: m(
        '炉体冷却水断水报警，浇注区地面防潮',
        '熔融金属吊运专项管理',
        '岗位安全培训',
        '隔热服、防护面罩',
        '熔融金属喷溅现场处置方案',
      ),
      tier: 'company',
    },
  ],
  fireworksRetail: [
    {
      name: '烟花爆竹储存点',
      location: '零售店储存间',
      activity: '烟花爆竹储存与销售',
      hazardFactors: '超量储存、明火、电气线路老化',
      accidentTypes: ['explosiveExplosion', 'fire'],
      lec: [1, 6, 40],
      measures: m('储存间防爆灯具', '限量储存，严禁烟火', '从业人员培训', null, '配置灭火器和消防水桶'),
      tier: 'company',
    },
  ],
  crowdedPlace: [
    {
      name: '人员密集区域',
      location: '营业大厅',
      activity: '营业与人员聚集',
      hazardFactors: '人员密集、疏散不畅、装修材料可燃',
      accidentTypes: ['fire', 'otherInjury'],
      lec: [1, 10, 15],
      measures: m('设置应急照明和疏散指示', '高峰时段人流管控', '员工疏散引导培训', null, '每季度疏散演练'),
      tier: 'company',
    },
  ],
  construction: [
    {
      name: '高处作业',
      location: '在建工地',
      activity: '脚手架搭设与外墙施工',
      hazardFactors: '临边洞口无防护、未系安全带、脚手架不稳',
      accidentTypes: ['fallFromHeight', 'objectStrike'],
      lec: [3, 6, 7],
      measures: m(
        '临边洞口设置防护栏杆和安全网',
        '高处作业审批',
        '三级安全教育',
        '安全带、安全帽',
        '高处坠落现场处置方案',
      ),
      tier: 'workshop',
    },
    {
      name: '起重吊装作业',
      location: '塔吊作业区',
      activity: '塔吊吊装',
      hazardFactors: '超载、吊索具损坏、无信号指挥',
      accidentTypes: ['lifting', 'objectStrike'],
      lec: [1, 6, 15],
      measures: m('力矩限制器、限位装置', '吊装作业票', '司索信号工持证', '安全帽', '起重伤害现场处置方案'),
      tier: 'team',
    },
  ],
  specialEquipmentUser: [
    {
      name: '叉车作业',
      location: '仓库及厂区道路',
      activity: '物料搬运',
      hazardFactors: '超速、视线受阻、无证驾驶',
      accidentTypes: ['vehicle'],
      lec: [1, 6, 7],
      measures: m('厂区道路限速和人车分流标识', '叉车定期检验', '叉车司机持证上岗', '反光背心', '车辆伤害现场处置卡'),
      tier: 'team',
    },
  ],
};

const HIGH_RISK_TAGS = ['combustibleDust', 'ammoniaRefrigeration', 'metalSmelting', 'hazardousChemicals'];
/** How many enterprises get the weak-control factors of their highest template (重大风险企业). */
export const DEMO_MAJOR_ENTERPRISES = 5;

const RETURN_REASONS = [
  '管控措施不具体，请补充工程技术措施和责任人',
  '事故类型辨识不全，请补充中毒和窒息',
  '评价取值偏低，请按实际暴露频率重新评价',
];

function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

function pointOf(rng: Rng, e: DemoEnterprise, t: Template, major: boolean, today: string): DemoRiskPoint {
  const lec = major && t.majorLec ? t.majorLec : t.lec;
  const ls = major && t.majorLs ? t.majorLs : t.ls;
  const method: RiskMethod = lec ? 'LEC' : 'LS';
  const factors = lec
    ? { likelihood: lec[0], exposure: lec[1], consequence: lec[2], severity: null }
    : { likelihood: ls![0], exposure: null, consequence: null, severity: ls![1] };
  const a = assess(method, factors, DEFAULT_THRESHOLDS);
  const r = rng.next();
  const reviewStatus = r < 0.8 ? 'accepted' : r < 0.94 ? 'pending' : 'returned';
  // Mostly within the year ahead; about one in ten past (overdue) and some within 30 days (due soon).
  const nextReviewDate = addDays(today, rng.int(-45, 330));
  return {
    enterpriseKey: e.key,
    name: t.name,
    location: t.location,
    activity: t.activity,
    hazardFactors: t.hazardFactors,
    accidentTypes: t.accidentTypes,
    method,
    ...factors,
    score: a.score,
    level: a.level,
    controlMeasures: t.measures,
    controlTier: t.tier,
    responsiblePerson: t.tier === 'company' ? e.principalName : e.safetyManagerName,
    nextReviewDate,
    reviewStatus,
    reviewReason: reviewStatus === 'returned' ? rng.pick(RETURN_REASONS) : null,
  };
}

/** Risk points of the demo park; cancelled enterprises have none. */
export function generateDemoRiskPoints(list: DemoEnterprise[], today: string, seed: number): DemoRiskPoint[] {
  const rng = createRng(seed, 'risk');
  const candidates = list.filter(
    (e) => e.status === 'operating' && e.supervisionTags.some((t) => HIGH_RISK_TAGS.includes(t)),
  );
  const majors = new Set(
    rng
      .shuffled(candidates)
      .slice(0, DEMO_MAJOR_ENTERPRISES)
      .map((e) => e.key),
  );
  const points: DemoRiskPoint[] = [];
  for (const e of list) {
    if (e.status === 'cancelled') continue;
    const templates = [...COMMON.slice(0, rng.chance(0.6) ? 2 : 1)];
    for (const tag of e.supervisionTags) templates.push(...(BY_TAG[tag] ?? []));
    const seen = new Set<string>();
    for (const t of templates) {
      if (seen.has(t.name)) continue;
      seen.add(t.name);
      const major = majors.has(e.key) && Boolean(t.majorLec || t.majorLs);
      points.push(pointOf(rng, e, t, major, today));
    }
  }
  return points;
}

// ---------------------------------------------------------------------------------------------- park plan

export const PLAN_WIDTH = 2400;
export const PLAN_HEIGHT = 1600;

interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface DemoPlan {
  svg: string;
  width: number;
  height: number;
  /** enterprise key → position as fractions 0..1 of the plan. */
  positions: Map<string, { x: number; y: number }>;
}

const esc = (s: string) => s.replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c]!);
const round = (v: number) => Math.round(v * 10_000) / 10_000;

/**
 * The plan: the park's areas in a 3 × 2 grid separated by named roads, each area divided into plots. Own-site
 * enterprises get a plot each; tenants sit in a grid inside their landlord's plot (a building); others in a free plot.
 */
export function generateDemoPlan(list: DemoEnterprise[], seed: number): DemoPlan {
  const rng = createRng(seed, 'plan-layout');
  const W = PLAN_WIDTH;
  const H = PLAN_HEIGHT;
  const margin = 80;
  const road = 44;
  const cols = 3;
  const rowsN = Math.ceil(AREAS.length / cols);
  const blockW = (W - 2 * margin - (cols - 1) * road) / cols;
  const blockH = (H - 2 * margin - 60 - (rowsN - 1) * road) / rowsN;
  const top = margin + 60;
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">`,
    `<rect width="${W}" height="${H}" fill="#eef0eb"/>`,
    `<text x="${W / 2}" y="${margin + 10}" font-size="44" text-anchor="middle" fill="#333" font-family="Noto Sans CJK SC, Noto Serif CJK SC, sans-serif">高新区平面示意图</text>`,
    // Ring road.
    `<rect x="${margin - road / 2}" y="${top - road / 2}" width="${W - 2 * margin + road}" height="${H - top - margin + road}" fill="none" stroke="#c9c9c9" stroke-width="${road}"/>`,
  );
  const positions = new Map<string, { x: number; y: number }>();
  const plotsByLandlord = new Map<string, Rect>();
  AREAS.forEach((area, i) => {
    const c = i % cols;
    const r = Math.floor(i / cols);
    const bx = margin + c * (blockW + road);
    const by = top + r * (blockH + road);
    const fill = ['#e3ecd9', '#e7e3d3', '#dfe7ec', '#ece3e3', '#e4e0ee', '#e9ead7'][i % 6]!;
    parts.push(
      `<rect x="${bx}" y="${by}" width="${blockW}" height="${blockH}" fill="${fill}" stroke="#9aa39a" stroke-width="2"/>`,
    );
    // Roads inside the area between plot rows, named after the area's roads.
    const own = list.filter((e) => e.area === area.name && e.siteType === 'ownSite');
    const loose = list.filter((e) => e.area === area.name && e.siteType === 'leased' && !e.landlordKey);
    const plots = Math.max(6, own.length + (loose.length > 0 ? 2 : 0));
    const pc = Math.ceil(Math.sqrt(plots * (blockW / blockH)));
    const pr = Math.ceil(plots / pc);
    const pad = 18;
    const labelH = 56;
    const pw = (blockW - pad * (pc + 1)) / pc;
    const ph = (blockH - labelH - pad * (pr + 1)) / pr;
    const rects: Rect[] = [];
    for (let k = 0; k < pc * pr; k++) {
      const x = bx + pad + (k % pc) * (pw + pad);
      const y = by + labelH + pad + Math.floor(k / pc) * (ph + pad);
      rects.push({ x, y, w: pw, h: ph });
      parts.push(
        `<rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${pw.toFixed(1)}" height="${ph.toFixed(1)}" rx="6" fill="#f8f8f4" stroke="#b8b8ad" stroke-width="1.5"/>`,
      );
    }
    parts.push(
      `<text x="${bx + 16}" y="${by + 40}" font-size="34" font-weight="bold" fill="#2f3b2f" font-family="Noto Sans CJK SC, Noto Serif CJK SC, sans-serif">${esc(area.name)}</text>`,
      `<text x="${bx + blockW - 16}" y="${by + 38}" font-size="20" text-anchor="end" fill="#666" font-family="Noto Sans CJK SC, Noto Serif CJK SC, sans-serif">${esc(area.roads.slice(0, 2).join(' · '))}</text>`,
    );
    const order = rng.shuffled(rects.map((_, k) => k));
    own.forEach((e, k) => {
      const rect = rects[order[k % order.length]!]!;
      plotsByLandlord.set(e.key, rect);
    });
    const free = rects[order[own.length % order.length]!]!;
    loose.forEach((e, k) => {
      positions.set(e.key, spot(free, k, loose.length));
    });
  });
  // Named roads between the blocks.
  for (let c = 1; c < cols; c++) {
    const x = margin + c * (blockW + road) - road / 2;
    parts.push(
      `<line x1="${x}" y1="${top - road / 2}" x2="${x}" y2="${H - margin + road / 2}" stroke="#c9c9c9" stroke-width="${road}"/>`,
    );
    parts.push(
      `<text x="${x}" y="${top + 20}" font-size="20" text-anchor="middle" fill="#555" writing-mode="tb" font-family="Noto Sans CJK SC, Noto Serif CJK SC, sans-serif">${esc(AREAS[c]!.roads[2])}</text>`,
    );
  }
  for (let r = 1; r < rowsN; r++) {
    const y = top + r * (blockH + road) - road / 2;
    parts.push(
      `<line x1="${margin - road / 2}" y1="${y}" x2="${W - margin + road / 2}" y2="${y}" stroke="#c9c9c9" stroke-width="${road}"/>`,
    );
    parts.push(
      `<text x="${margin + 40}" y="${y + 7}" font-size="20" fill="#555" font-family="Noto Sans CJK SC, Noto Serif CJK SC, sans-serif">${esc(AREAS[0]!.roads[1])}</text>`,
    );
  }
  // Own-site enterprises at their plot's centre (first slot); tenants in the slots of their landlord's building.
  const tenants = new Map<string, DemoEnterprise[]>();
  for (const e of list) {
    if (e.siteType === 'leased' && e.landlordKey) {
      const t = tenants.get(e.landlordKey) ?? [];
      t.push(e);
      tenants.set(e.landlordKey, t);
    }
  }
  for (const [key, rect] of plotsByLandlord) {
    const t = tenants.get(key) ?? [];
    const n = t.length + 1;
    positions.set(key, spot(rect, 0, n));
    t.forEach((e, k) => {
      positions.set(e.key, spot(rect, k + 1, n));
    });
  }
  parts.push('</svg>');
  return { svg: parts.join('\n'), width: W, height: H, positions };

  function spot(rect: Rect, k: number, n: number) {
    const gc = Math.max(1, Math.ceil(Math.sqrt(n * (rect.w / rect.h))));
    const gr = Math.max(1, Math.ceil(n / gc));
    const x = rect.x + ((k % gc) + 0.5) * (rect.w / gc);
    const y = rect.y + (Math.floor(k / gc) + 0.5) * (rect.h / gr);
    return { x: round(x / W), y: round(y / H) };
  }
}
