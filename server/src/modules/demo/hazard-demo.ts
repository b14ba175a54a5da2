// A credible year of hazard work for the demo park (pure, deterministic). The spring and the flood-season/high-
// temperature checks reproduce the seed's figures exactly: 245 人次, 183 家次, 422 处. A pre-National-Day check and
// a winter campaign still under way leave hazards in every state: open, overdue, re-check pending, major and listed.
import { DEFAULT_CRITERIA } from '../../../../shared/src/criteria';
import { createRng, type DemoEnterprise } from './generator';

type Status = 'assigned' | 'rectifying' | 'submitted' | 'closed';

export interface DemoCampaign {
  key: string;
  name: string;
  /** The seed's 汛期和高温期间大检查 carries two types. */
  campaignTypes: string[];
  startsOn: string;
  endsOn: string;
  targetKeys: string[];
}
export interface DemoInspection {
  key: string;
  campaignKey: string;
  enterpriseKey: string;
  inspectedOn: string;
  kind: string;
  inspectorCount: number;
}
export interface DemoHazard {
  inspectionKey: string;
  campaignKey: string;
  enterpriseKey: string;
  description: string;
  location: string;
  domain: 'production' | 'fire';
  category: string;
  source: string;
  grade: 'general' | 'major';
  criterionCode: string | null;
  requirement: string;
  /** 整改责任人: the enterprise's safety manager, its principal for a major hazard. */
  responsiblePerson: string;
  foundOn: string;
  deadline: string;
  status: Status;
  fixedOnSpot: boolean;
  closedOn: string | null;
  events: { action: string; from: Status | null; to: Status; on: string; reason: string | null }[];
  extension: {
    requestedDeadline: string;
    reason: string;
    status: 'pending' | 'approved' | 'refused';
    requestedOn: string;
  } | null;
  listed: boolean;
  plan: Record<string, string>;
}
export interface DemoHazardHistory {
  campaigns: DemoCampaign[];
  inspections: DemoInspection[];
  hazards: DemoHazard[];
}

const GENERAL: { text: string; domain: 'production' | 'fire'; category: string; req: string }[] = [
  {
    text: '配电箱未上锁，箱门破损',
    domain: 'production',
    category: 'unsafeCondition',
    req: '更换箱门并加锁，设置警示标识',
  },
  { text: '灭火器压力不足，未按月检查', domain: 'fire', category: 'unsafeCondition', req: '更换灭火器，建立月检记录' },
  { text: '安全出口指示灯损坏', domain: 'fire', category: 'unsafeCondition', req: '修复应急照明和疏散指示标志' },
  { text: '疏散通道堆放货物', domain: 'fire', category: 'unsafeAct', req: '清理通道，保持畅通' },
  { text: '机床防护罩缺失', domain: 'production', category: 'unsafeCondition', req: '恢复防护罩，作业前检查' },
  { text: '员工未佩戴防护眼镜作业', domain: 'production', category: 'unsafeAct', req: '配发并督促佩戴劳动防护用品' },
  { text: '叉车司机未持证上岗', domain: 'production', category: 'managementDefect', req: '停止无证作业，组织培训取证' },
  { text: '未建立隐患排查治理台账', domain: 'production', category: 'managementDefect', req: '建立台账，按月排查' },
  { text: '气瓶未固定且混放', domain: 'production', category: 'unsafeCondition', req: '分类存放，设置防倾倒装置' },
  { text: '电缆穿越通道无防护', domain: 'production', category: 'unsafeCondition', req: '加装线槽保护' },
  { text: '应急预案未组织演练', domain: 'production', category: 'managementDefect', req: '制定演练计划并组织实施' },
  { text: '车间临时用电私拉乱接', domain: 'fire', category: 'unsafeAct', req: '拆除临时线路，规范用电' },
];

const MAJOR_CODES = ['GM2023-11-3', 'GM2023-11-2', 'GM2023-14', 'HG2017-12', 'HG2017-20'];

function day(d: string, plus: number): string {
  const x = new Date(`${d}T00:00:00Z`);
  x.setUTCDate(x.getUTCDate() + plus);
  return x.toISOString().slice(0, 10);
}

/** Splits total into n positive parts as evenly as the randomness allows (sums exactly). */
function split(rng: ReturnType<typeof createRng>, total: number, n: number, min: number): number[] {
  const parts = Array.from({ length: n }, () => min);
  for (let left = total - n * min; left > 0; left--) parts[rng.int(0, n - 1)]! += 1;
  return parts;
}

export function generateHazardHistory(enterprises: DemoEnterprise[], today: string, seed: number): DemoHazardHistory {
  const rng = createRng(seed, 'hazards');
  const year = today.slice(0, 4);
  const active = enterprises.filter((e) => e.status !== 'cancelled');
  const out: DemoHazardHistory = { campaigns: [], inspections: [], hazards: [] };
  const keyArea = (e: DemoEnterprise) => e.supervisionTags.length > 0;

  const plan = [
    {
      key: 'spring',
      name: `${year}年春季安全生产大检查`,
      types: ['springCheck'],
      start: `${year}-03-10`,
      end: `${year}-04-30`,
      visits: 96,
      people: 128,
      hazards: 221,
    },
    {
      key: 'summer',
      name: `${year}年汛期和高温期间安全生产大检查`,
      types: ['floodSeason', 'highTemperature'],
      start: `${year}-06-10`,
      end: `${year}-08-31`,
      visits: 87,
      people: 117,
      hazards: 201,
    },
    {
      key: 'national-day',
      name: `${year}年国庆节前安全生产专项检查`,
      types: ['preHoliday'],
      start: `${year}-09-20`,
      end: `${year}-09-30`,
      visits: 30,
      people: 40,
      hazards: 48,
    },
    {
      key: 'winter',
      name: `${year}年元旦前安全生产及消防安全检查`,
      types: ['preHoliday'],
      start: day(today, -14),
      end: `${year}-12-31`,
      visits: 24,
      people: 34,
      hazards: 70,
    },
  ];
  let inspectionNo = 0;
  for (const c of plan) {
    const targets = rng.shuffled(active.filter(keyArea)).slice(0, Math.min(active.filter(keyArea).length, c.visits));
    out.campaigns.push({
      key: c.key,
      name: c.name,
      campaignTypes: c.types,
      startsOn: c.start,
      endsOn: c.end,
      targetKeys: targets.map((t) => t.key),
    });
    const people = split(rng, c.people, c.visits, 1);
    const found = split(rng, c.hazards, c.visits, 0);
    const span = Math.max(1, Math.round((Date.parse(c.end) - Date.parse(c.start)) / 86_400_000));
    const lastDay =
      c.end < today ? span : Math.max(0, Math.round((Date.parse(today) - Date.parse(c.start)) / 86_400_000));
    for (let v = 0; v < c.visits; v++) {
      // Visits beyond the number of targets re-check an enterprise (家次 counts it again).
      const e = targets[v % targets.length]!;
      const inspectedOn = day(c.start, rng.int(0, lastDay));
      const key = `insp-${++inspectionNo}`;
      out.inspections.push({
        key,
        campaignKey: c.key,
        enterpriseKey: e.key,
        inspectedOn,
        kind: rng.chance(0.2) ? 'jointEnforcement' : 'supervision',
        inspectorCount: people[v]!,
      });
      for (let h = 0; h < found[v]!; h++) out.hazards.push(hazardFor(rng, c.key, key, e, inspectedOn, today));
    }
  }
  return out;
}

function hazardFor(
  rng: ReturnType<typeof createRng>,
  campaignKey: string,
  inspectionKey: string,
  e: DemoEnterprise,
  foundOn: string,
  today: string,
): DemoHazard {
  const major =
    (e.supervisionTags.includes('combustibleDust') || e.supervisionTags.includes('hazardousChemicals')) &&
    rng.chance(0.04);
  const g = rng.pick(GENERAL);
  const criterionCode = major ? rng.pick(MAJOR_CODES) : null;
  const criterion = criterionCode ? DEFAULT_CRITERIA.find((c) => c.code === criterionCode) : null;
  const deadline = day(foundOn, major ? rng.int(30, 60) : rng.int(7, 30));
  const age = Math.round((Date.parse(today) - Date.parse(foundOn)) / 86_400_000);
  const events: DemoHazard['events'] = [{ action: 'create', from: null, to: 'assigned', on: foundOn, reason: null }];
  const onSpot = !major && rng.chance(0.15);
  let status = 'assigned' as Status;
  let closedOn: string | null = null;
  const step = (action: string, from: Status, to: Status, on: string, reason: string | null = null) => {
    events.push({ action, from, to, on: on > today ? today : on, reason });
    status = to;
  };
  if (onSpot) {
    step('fixOnSpot', 'assigned', 'closed', foundOn);
    closedOn = foundOn;
  } else {
    // Older hazards are mostly closed; recent ones are spread over the loop; a few are left to run overdue.
    const progress = age > 60 ? (rng.chance(0.97) ? 4 : rng.int(0, 2)) : age > 20 ? rng.int(1, 4) : rng.int(0, 3);
    if (progress >= 1) step('start', 'assigned', 'rectifying', day(foundOn, 1));
    if (progress >= 2) step('submit', 'rectifying', 'submitted', day(foundOn, rng.int(3, 12)));
    if (progress >= 3 && rng.chance(0.15)) {
      step('recheckFail', 'submitted', 'rectifying', day(foundOn, 14), '整改不彻底，现场仍存在同类问题');
      step('submit', 'rectifying', 'submitted', day(foundOn, 18));
    }
    if (progress >= 4) {
      const on = day(foundOn, rng.int(15, 25));
      step('recheckPass', 'submitted', 'closed', on);
      closedOn = on > today ? today : on;
    }
  }
  const open = status !== 'closed';
  const extension =
    open && rng.chance(0.25)
      ? {
          requestedDeadline: day(deadline, 15),
          reason: '整改所需设备采购周期较长',
          status: rng.pick(['pending', 'approved', 'refused'] as const),
          requestedOn: day(foundOn, 3),
        }
      : null;
  return {
    inspectionKey,
    campaignKey,
    enterpriseKey: e.key,
    description: criterion ? criterion.item.replace(/。$/, '') : g.text,
    location: rng.pick(['一号车间', '二号车间', '仓库', '配电室', '除尘系统', '罐区', '办公楼']),
    domain: criterion ? 'production' : g.domain,
    category: criterion ? 'unsafeCondition' : g.category,
    source: rng.pick(['comprehensive', 'seasonal', 'holiday', 'specialised']),
    grade: major ? 'major' : 'general',
    criterionCode,
    requirement: major ? '制定整改方案，落实责任、措施、资金、时限和预案，整改期间停止相关作业' : g.req,
    responsiblePerson: major ? e.principalName : e.safetyManagerName,
    foundOn,
    deadline: extension?.status === 'approved' ? extension.requestedDeadline : deadline,
    status,
    fixedOnSpot: onSpot,
    closedOn,
    events,
    extension,
    listed: major,
    plan:
      major && status !== 'assigned'
        ? {
            responsibility: '企业主要负责人',
            measures: '按判定标准整改并经专家验收',
            funds: '已列支专项资金',
            timeLimit: `${deadline} 前完成`,
            emergencyPlan: '现场处置方案已修订',
          }
        : {},
  };
}
