// Attached registry records for the demo park (pure and deterministic like the park generator): special equipment
// for equipment users, major hazard sources for chemical/ammonia/chlorine sites, emergency plans, certificates, with
// a realistic share of inspections and certificates due soon or overdue relative to `today`.
import { createRng, type DemoEnterprise } from './generator';

export interface DemoAttachments {
  equipment: {
    enterpriseKey: string;
    equipmentType: string;
    name: string;
    registrationNo: string;
    location: string;
    lastInspectionDate: string;
    nextInspectionDate: string;
  }[];
  hazardSources: {
    enterpriseKey: string;
    name: string;
    level: number;
    location: string;
    substances: { name: string; quantityTonnes: number; criticalTonnes: number }[];
    identifiedDate: string;
    filingNo: string;
  }[];
  plans: {
    enterpriseKey: string;
    planKind: 'comprehensive' | 'special' | 'onSite';
    title: string;
    filingStatus: 'notFiled' | 'filed';
    filingNo: string | null;
    issuedDate: string;
    nextReviewDate: string;
  }[];
  certificates: {
    enterpriseKey: string;
    holderName: string;
    certificateType: string;
    operationItem: string;
    certificateNo: string;
    issuedDate: string;
    expiryDate: string;
  }[];
}

const EQUIPMENT = [
  { type: 'fieldVehicle', name: '叉车', prefix: '车' },
  { type: 'crane', name: '桥式起重机', prefix: '起' },
  { type: 'pressureVessel', name: '储气罐', prefix: '容' },
  { type: 'boiler', name: '燃气蒸汽锅炉', prefix: '锅' },
  { type: 'elevator', name: '载货电梯', prefix: '梯' },
] as const;

const SUBSTANCES: Record<string, { name: string; critical: number }[]> = {
  hazardousChemicals: [
    { name: '甲醇', critical: 500 },
    { name: '乙酸乙酯', critical: 500 },
    { name: '甲苯', critical: 500 },
  ],
  ammoniaRefrigeration: [{ name: '液氨', critical: 10 }],
  chlorine: [{ name: '氯气', critical: 5 }],
};

const CERTS = [
  { type: 'electrician', item: '低压电工作业' },
  { type: 'welding', item: '熔化焊接与热切割作业' },
  { type: 'specialEquipmentOperator', item: '叉车司机' },
  { type: 'refrigeration', item: '制冷与空调设备运行操作作业' },
] as const;

const SURNAMES = '王李张刘陈杨赵黄周吴徐孙马朱胡郭何林高罗';
const GIVEN = '伟芳娜敏静强磊军洋勇艳杰涛明超秀霞平刚桂英华建国';

function shiftDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function generateDemoAttachments(enterprises: DemoEnterprise[], today: string, seed: number): DemoAttachments {
  const rng = createRng(seed, 'registry');
  const out: DemoAttachments = { equipment: [], hazardSources: [], plans: [], certificates: [] };
  let serial = 1;
  const person = () =>
    SURNAMES[rng.int(0, SURNAMES.length - 1)]! +
    GIVEN[rng.int(0, GIVEN.length - 1)]! +
    (rng.chance(0.5) ? GIVEN[rng.int(0, GIVEN.length - 1)]! : '');
  // Next due dates spread from 40 days ago to 11 months ahead: roughly 1 in 10 overdue, 1 in 10 due within 30 days.
  const nextDue = () => shiftDays(today, rng.int(-40, 330));

  for (const e of enterprises) {
    if (e.status === 'cancelled') continue;
    const tags = new Set(e.supervisionTags);
    if (tags.has('specialEquipmentUser')) {
      const n = rng.int(1, e.employees > 300 ? 5 : 3);
      for (let i = 0; i < n; i++) {
        const kind = EQUIPMENT[rng.int(0, EQUIPMENT.length - 1)]!;
        const next = nextDue();
        out.equipment.push({
          enterpriseKey: e.key,
          equipmentType: kind.type,
          name: `${i + 1}号${kind.name}`,
          registrationNo: `${kind.prefix}${String(10 + rng.int(0, 20))}鲁C${String(serial++).padStart(5, '0')}`,
          location: rng.pick(['一号车间', '二号车间', '仓库', '锅炉房', '装卸区']),
          lastInspectionDate: shiftDays(next, -365),
          nextInspectionDate: next,
        });
      }
    }
    for (const [tag, substances] of Object.entries(SUBSTANCES)) {
      if (!tags.has(tag) || !rng.chance(0.6)) continue;
      const s = rng.pick(substances);
      const ratio = 1 + rng.next() * 3;
      out.hazardSources.push({
        enterpriseKey: e.key,
        name: `${s.name}储存区`,
        level: ratio > 3 ? 2 : ratio > 2 ? 3 : 4,
        location: rng.pick(['罐区', '甲类仓库', '制冷机房']),
        substances: [
          { name: s.name, quantityTonnes: Math.round(s.critical * ratio * 10) / 10, criticalTonnes: s.critical },
        ],
        identifiedDate: shiftDays(today, -rng.int(200, 1500)),
        filingNo: `WXY-${today.slice(0, 4)}-${String(serial++).padStart(4, '0')}`,
      });
    }
    if (e.status === 'operating' && (e.siteType === 'ownSite' || rng.chance(0.5))) {
      const filed = rng.chance(0.8);
      out.plans.push({
        enterpriseKey: e.key,
        planKind: 'comprehensive',
        title: '生产安全事故综合应急预案',
        filingStatus: filed ? 'filed' : 'notFiled',
        filingNo: filed ? `YA-${String(serial++).padStart(5, '0')}` : null,
        issuedDate: shiftDays(today, -rng.int(100, 1000)),
        nextReviewDate: shiftDays(today, rng.int(-60, 700)),
      });
      out.plans.push({
        enterpriseKey: e.key,
        planKind: 'onSite',
        title: rng.pick([
          '火灾事故现场处置方案',
          '触电事故现场处置方案',
          '机械伤害现场处置方案',
          '有限空间作业中毒窒息现场处置方案',
        ]),
        filingStatus: 'notFiled',
        filingNo: null,
        issuedDate: shiftDays(today, -rng.int(100, 1000)),
        nextReviewDate: shiftDays(today, rng.int(-30, 700)),
      });
    }
    if (e.status === 'operating' && rng.chance(0.45)) {
      const n = rng.int(1, 3);
      for (let i = 0; i < n; i++) {
        const c = rng.pick(CERTS);
        const expiry = shiftDays(today, rng.int(-20, 5 * 365));
        out.certificates.push({
          enterpriseKey: e.key,
          holderName: person(),
          certificateType: c.type,
          operationItem: c.item,
          certificateNo: `T${String(37000000 + serial++)}${String(rng.int(1000, 9999))}`,
          issuedDate: shiftDays(expiry, -6 * 365),
          expiryDate: expiry,
        });
      }
    }
  }
  return out;
}
