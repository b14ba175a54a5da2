// Demo data of issue 13 (seed 003 §一 and §四): two 安委会扩大会议 and a 中心组学习 in the first half of 2023 with
// their decisions as tasks (most done, two left open and so overdue by now), the 2023 安全生产月 with the materials
// handed out, a 宣传进企业 day, the national work-safety knowledge contest, and the special-funds payments for them.
// Quantities and amounts are illustrative: the seed names the materials but not how many.
import { sql } from 'drizzle-orm';
import { type Db, rows } from '../../platform/db';
import { nextSerial } from '../../platform/serials';
import { type BackfillExpense, backfill as funds } from '../funds/service';
import { backfill as meetings } from '../meetings/service';
import { type BackfillActivity, backfill as publicity } from '../publicity/service';

export interface ActivitiesDemoResult {
  meetings: number;
  tasks: number;
  publicity: number;
  fundExpenses: number;
}

interface Decision {
  decision: string;
  owner: string;
  dueOn: string;
  /** The day it was finished; absent: still open. */
  doneOn?: string;
  progress?: string;
}

export async function insertActivitiesDemo(
  tx: Db,
  parkId: string,
  people: {
    supervisor: { id: string; name: string };
    organisations: Map<string, string>;
    /** The demo enterprise accounts' enterprises (an enterprise's own task shows on its 我的任务). */
    accountEnterprises: string[];
    /** The demo department user's unit. */
    departmentOrg: string;
  },
): Promise<ActivitiesDemoResult> {
  const org = (key: string) => people.organisations.get(key)!;
  const by = { userId: people.supervisor.id, name: people.supervisor.name };
  const villages = [...people.organisations.entries()].filter(([k]) => k.startsWith('village-')).map(([, id]) => id);
  const departments = [...people.organisations.entries()].filter(([k]) => k.startsWith('dept-')).map(([, id]) => id);
  const [ent1, ent2] = people.accountEnterprises;
  let tasks = 0;

  const meeting = async (
    m: { kind: string; heldOn: string; topic: string; place: string; host: string; summary: string },
    attendees: string[],
    names: string[],
    decisions: Decision[],
  ) => {
    const at = new Date(`${m.heldOn}T08:00:00Z`);
    const id = await meetings.insertMeeting(
      tx,
      parkId,
      { ...m, attendeeOrganisationIds: attendees, attendeeNames: names, minutesFileId: null },
      by,
      at,
    );
    for (const d of decisions) {
      const taskId = await meetings.insertTask(
        tx,
        parkId,
        id,
        { decision: d.decision, ownerOrganisationId: d.owner, dueOn: d.dueOn },
        at,
      );
      tasks++;
      if (d.progress) {
        await meetings.insertNote(
          tx,
          parkId,
          taskId,
          { notedOn: m.heldOn, state: 'inProgress', note: d.progress },
          by,
          at,
        );
        await meetings.setTaskState(tx, parkId, taskId, 'inProgress', null, at);
      }
      if (d.doneOn) {
        const doneAt = new Date(`${d.doneOn}T09:00:00Z`);
        await meetings.insertNote(
          tx,
          parkId,
          taskId,
          { notedOn: d.doneOn, state: 'done', note: '已按要求完成。' },
          by,
          doneAt,
        );
        await meetings.setTaskState(tx, parkId, taskId, 'done', d.doneOn, doneAt);
      }
    }
    return id;
  };

  const committee = org('committee');
  const members = [committee, ...departments, ...villages];
  await meeting(
    {
      kind: 'committeeEnlarged',
      heldOn: '2023-02-16',
      topic: '2023年第一次安委会扩大会议：部署全年安全生产工作',
      place: '管委会三楼会议室',
      host: '管委会分管领导',
      summary: '传达全国安全生产电视电话会议和省、市、区安委会会议精神，部署2023年安全生产检查和专项整治工作。',
    },
    [...members, ...[ent1, ent2].filter((e): e is string => Boolean(e))],
    ['管委会分管领导', '安监办全体人员'],
    [
      {
        decision: '开展春季安全生产大检查，3月底前完成辖区企业检查全覆盖',
        owner: committee,
        dueOn: '2023-03-31',
        doneOn: '2023-03-30',
      },
      {
        decision: '牵头开展燃气和特种设备专项检查',
        owner: org('dept-market'),
        dueOn: '2023-04-30',
        doneOn: '2023-04-26',
      },
      {
        decision: '开展出租房屋和“三合一”场所消防安全排查',
        owner: villages[0] ?? committee,
        dueOn: '2023-04-15',
        doneOn: '2023-04-14',
      },
    ],
  );
  await meeting(
    {
      kind: 'centralGroupStudy',
      heldOn: '2023-03-08',
      topic: '中心组学习：关于安全生产的重要论述和全国安全生产电视电话会议精神',
      place: '管委会二楼会议室',
      host: '管委会主要负责人',
      summary: '学习关于安全生产的重要论述，强调压实责任，强化红线意识和底线思维。',
    },
    [committee],
    ['管委会党工委委员', '管委会各部门负责人'],
    [
      {
        decision: '各部门结合职责制定本年度安全生产工作要点',
        owner: committee,
        dueOn: '2023-03-31',
        doneOn: '2023-03-28',
      },
    ],
  );
  await meeting(
    {
      kind: 'committeeEnlarged',
      heldOn: '2023-06-02',
      topic: '2023年第二次安委会扩大会议：部署“安全生产月”和汛期安全工作',
      place: '管委会三楼会议室',
      host: '管委会分管领导',
      summary: '部署“安全生产月”活动、有限空间专项演练观摩和汛期安全防范工作。',
    },
    [...members, ...[ent1, ent2].filter((e): e is string => Boolean(e))],
    ['管委会分管领导', '安监办全体人员', '重点企业主要负责人'],
    [
      {
        decision: '组织开展“安全生产月”宣传活动，6月底前完成宣传物资发放',
        owner: committee,
        dueOn: '2023-06-30',
        doneOn: '2023-06-29',
      },
      { decision: '组织辖区企业参加全国安全生产知识竞赛', owner: committee, dueOn: '2023-06-30', doneOn: '2023-06-28' },
      {
        decision: '对人员密集场所开展消防安全专项检查',
        owner: org('dept-fire'),
        dueOn: '2023-07-31',
        doneOn: '2023-07-25',
      },
      ...(people.departmentOrg !== committee
        ? [
            {
              decision: '指导企业开展有限空间作业专项排查和应急演练',
              owner: people.departmentOrg,
              dueOn: '2023-07-15',
              progress: '已制定排查方案，正在组织实施。',
            },
          ]
        : []),
      ...(ent1 ? [{ decision: '完成本企业有限空间作业场所辨识和警示标识设置', owner: ent1, dueOn: '2023-06-30' }] : []),
    ],
  );

  // Publicity: the 2023 安全生产月 with its materials, a 宣传进企业 day and the knowledge contest.
  const activity = async (
    v: Omit<BackfillActivity, 'photoIds'>,
    materials: { kind: string; unit: string; quantity: number }[],
  ) => {
    const id = await publicity.insert(tx, parkId, { ...v, photoIds: [] }, by, new Date(`${v.endsOn}T10:00:00Z`));
    await publicity.replaceMaterials(tx, parkId, id, materials);
    return id;
  };
  const month = await activity(
    {
      kind: 'safetyMonth',
      theme: '2023年“安全生产月”：人人讲安全、个个会应急——着力提升发现身边隐患能力',
      startsOn: '2023-06-01',
      endsOn: '2023-06-30',
      places: '辖区企业、村居、学校',
      organiser: '管委会安全生产监督管理办公室',
      participants: 1200,
      summary:
        '采购安全生产横幅、挂图，印制安全生产宣传贴纸，企业负责人、安全员、班组安全知识读本及隐患排查、建筑施工、危险化学品、烟花爆竹、消防、员工安全知识宣传彩页，深入企业一线向职工宣传。',
    },
    [
      { kind: '横幅', unit: '条', quantity: 30 },
      { kind: '挂图', unit: '张', quantity: 300 },
      { kind: '贴纸', unit: '张', quantity: 3000 },
      { kind: '读本', unit: '本', quantity: 900 },
      { kind: '彩页', unit: '份', quantity: 6000 },
    ],
  );
  await activity(
    {
      kind: 'toEnterprises',
      theme: '安全生产知识进企业一线宣传',
      startsOn: '2023-06-14',
      endsOn: '2023-06-16',
      places: '辖区规上企业生产车间',
      organiser: '管委会安全生产监督管理办公室',
      participants: 350,
      summary: '结合“安全生产月”主题，组织人员深入企业一线向职工宣传安全生产知识，提高职工安全生产技能。',
    },
    [
      { kind: '彩页', unit: '份', quantity: 800 },
      { kind: '读本', unit: '本', quantity: 120 },
    ],
  );
  await activity(
    {
      kind: 'competition',
      theme: '全国安全生产知识竞赛（辖区企业参赛）',
      startsOn: '2023-06-05',
      endsOn: '2023-06-25',
      places: '线上答题',
      organiser: '管委会安全生产监督管理办公室',
      participants: 860,
      summary: '组织辖区内企业员工参与全国安全生产知识竞赛活动。',
    },
    [],
  );

  // Special funds: the month's materials, the fire-service experts' training, the year's third-party fire service.
  const pay = async (v: BackfillExpense) => {
    const year = v.paidOn.slice(0, 4);
    const serial = `ZJ${year}-${String(await nextSerial(tx, parkId, `fund-${year}`)).padStart(4, '0')}`;
    await funds.insert(tx, parkId, serial, v, by, new Date(`${v.paidOn}T08:00:00Z`));
  };
  const [fireProvider] = await rows<{ name: string }>(
    tx,
    sql`select name from organisations where id = ${people.organisations.get('provider-fire') ?? committee}`,
  );
  const none = { subjectKind: null, subjectId: null, attachmentIds: [] };
  // The year's third-party fire service is in the ledger from its contract (fire-service-demo.ts).
  await pay({
    purpose: 'publicityMaterials',
    amount: 12800,
    paidOn: '2023-06-05',
    supplier: '高新区广告制作部',
    description: '“安全生产月”横幅、挂图采购',
    subjectKind: 'publicity',
    subjectId: month,
    attachmentIds: [],
  });
  await pay({
    purpose: 'publicityMaterials',
    amount: 36560.5,
    paidOn: '2023-06-08',
    supplier: '高新区印务有限公司',
    description: '安全生产宣传贴纸、安全知识读本和宣传彩页印制',
    subjectKind: 'publicity',
    subjectId: month,
    attachmentIds: [],
  });
  await pay({
    ...none,
    purpose: 'training',
    amount: 8000,
    paidOn: '2023-06-20',
    supplier: fireProvider?.name ?? null,
    description: '聘请消防服务机构专家对企业开展消防专题培训',
  });
  return { meetings: 3, tasks, publicity: 3, fundExpenses: 3 };
}
