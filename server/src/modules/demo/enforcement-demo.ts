// The demo park's enforcement work (pure, deterministic), as the seed's half-year summary tells it: "会同区应急、商务、
// 公安、交通运输等部门打击取缔非法加油车〔点〕3起，对非法运输车辆由交警部门暂扣；对园区内未严格进行隐患整改的企业进行了
// 行政处罚". One joint action during the flood-season/high-temperature check, with those departments and that result,
// and penalty cases against enterprises of the spring and summer checks that did not rectify in time.
import type { PenaltyMeasure, PenaltyStatus } from '../../../../shared/src/enforcement';
import type { DemoHazardHistory } from './hazard-demo';

export interface DemoJointAction {
  actionDate: string;
  title: string;
  /** Organisation keys of the demo park (generator.ts). */
  leadKey: string;
  participantKeys: string[];
  results: string;
  resultCounts: { item: string; count: number; unit: string }[];
}

export interface DemoPenalty {
  enterpriseKey: string;
  /** Indexes into history.hazards. */
  hazardIndexes: number[];
  legalBasis: string;
  measures: PenaltyMeasure[];
  fineAmount: number | null;
  filedOn: string;
  decidedOn: string | null;
  executedOn: string | null;
  closedOn: string | null;
  status: PenaltyStatus;
  note: string;
}

const LEGAL_BASIS =
  '《中华人民共和国安全生产法》第一百零二条：生产经营单位未采取措施消除事故隐患的，责令立即消除或者限期消除，' +
  '处五万元以下的罚款；生产经营单位拒不执行的，责令停产停业整顿。';

const addDays = (iso: string, n: number) => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

/** Up to three enterprises of the spring and summer checks whose rectification was late or refused more time. */
function lateEnterprises(
  history: DemoHazardHistory,
): { enterpriseKey: string; hazardIndexes: number[]; after: string }[] {
  const late = new Map<string, { hazardIndexes: number[]; after: string }>();
  history.hazards.forEach((h, i) => {
    if (!['spring', 'summer'].includes(h.campaignKey) || h.fixedOnSpot) return;
    const refused = h.extension?.status === 'refused';
    const lateClose = h.closedOn != null && h.closedOn > h.deadline;
    const open = h.status !== 'closed';
    if (!refused && !lateClose && !open) return;
    const entry = late.get(h.enterpriseKey) ?? { hazardIndexes: [], after: h.deadline };
    if (entry.hazardIndexes.length < 3) entry.hazardIndexes.push(i);
    if (h.deadline > entry.after) entry.after = h.deadline;
    late.set(h.enterpriseKey, entry);
  });
  // Enterprises with the most late hazards first (the ones a clerk would file against), then by key for determinism.
  return [...late.entries()]
    .sort((a, b) => b[1].hazardIndexes.length - a[1].hazardIndexes.length || a[0].localeCompare(b[0]))
    .slice(0, 3)
    .map(([enterpriseKey, v]) => ({ enterpriseKey, ...v }));
}

export function generateEnforcement(history: DemoHazardHistory, today: string) {
  const summer = history.campaigns.find((c) => c.key === 'summer');
  const year = today.slice(0, 4);
  const jointDate = summer ? addDays(summer.startsOn, 8) : `${year}-06-18`;
  const jointActions: DemoJointAction[] =
    jointDate <= today
      ? [
          {
            actionDate: jointDate,
            title: '打击非法加油车（点）联合执法行动',
            leadKey: 'committee',
            participantKeys: ['dept-emergency', 'dept-commerce', 'dept-police', 'dept-traffic', 'dept-transport'],
            results:
              '会同区应急、商务、公安、交通运输等部门打击取缔非法加油车（点）3起，对非法运输车辆由交警部门暂扣。',
            resultCounts: [{ item: '打击取缔非法加油车（点）', count: 3, unit: '起' }],
          },
        ]
      : [];

  // Three cases at different stages: closed, executed, decided (a case's dates never pass today).
  const stages: { measures: PenaltyMeasure[]; fine: number | null; status: PenaltyStatus }[] = [
    { measures: ['warning', 'fine'], fine: 20000, status: 'closed' },
    { measures: ['fine'], fine: 10000, status: 'executed' },
    { measures: ['warning'], fine: null, status: 'decided' },
  ];
  const penalties: DemoPenalty[] = [];
  lateEnterprises(history).forEach((e, i) => {
    const stage = stages[i]!;
    const filedOn = addDays(e.after, 5 + i * 3);
    if (filedOn > today) return;
    const until = (d: string, reached: boolean) => (reached && d <= today ? d : null);
    const order = ['filed', 'decided', 'executed', 'closed'] as const;
    const reached = (s: PenaltyStatus) => order.indexOf(s) <= order.indexOf(stage.status);
    const decidedOn = until(addDays(filedOn, 10), reached('decided'));
    const executedOn = decidedOn ? until(addDays(decidedOn, 15), reached('executed')) : null;
    const closedOn = executedOn ? until(addDays(executedOn, 10), reached('closed')) : null;
    const status: PenaltyStatus = closedOn ? 'closed' : executedOn ? 'executed' : decidedOn ? 'decided' : 'filed';
    penalties.push({
      enterpriseKey: e.enterpriseKey,
      hazardIndexes: e.hazardIndexes,
      legalBasis: LEGAL_BASIS,
      measures: stage.measures,
      fineAmount: stage.fine,
      filedOn,
      decidedOn,
      executedOn,
      closedOn,
      status,
      note: '隐患逾期未整改，经责令限期整改仍未按期完成',
    });
  });
  return { jointActions, penalties };
}
