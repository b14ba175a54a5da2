// Demo data of issue 13's training part: a fire-service company that also trains (消防专题培训 for the park), a training
// centre whose qualification has lapsed (to show the warning), the park's knowledge competition, warning education,
// 双控 training and the training of the year's other new enterprises' principals, the demo accounts' enterprises' annual plans with sessions linked to them, and two
// enterprises that started production weeks ago whose principals and safety managers are not yet trained.
import { sql } from 'drizzle-orm';
import { addDays } from '../../../../shared/src/credit';
import { type AttendeeInput, roleOfPost } from '../../../../shared/src/training';
import { shanghaiToday } from '../../../../shared/src/validators';
import { type Db, rows } from '../../platform/db';
import { nextSerial } from '../../platform/serials';
import { backfill as providers } from '../providers/service';
import { type BackfillSession, backfill as training } from '../training/service';
import { GIVEN_CHARS, SURNAMES } from './names';

export interface TrainingDemoResult {
  sessions: number;
  attendees: number;
  plans: number;
  newEnterprises: string[];
}

interface Ent {
  id: string;
  name: string;
  principal_name: string | null;
  safety_manager_name: string | null;
}

export async function insertTrainingDemo(
  tx: Db,
  parkId: string,
  at: Date,
  people: { supervisor: string; supervisorName: string; accountEnterprises: string[] },
): Promise<TrainingDemoResult> {
  const today = shanghaiToday(at);
  const day = (n: number) => addDays(today, -n);
  let nameSeq = 0;
  const person = () => {
    nameSeq++;
    return `${SURNAMES[(nameSeq * 7) % SURNAMES.length]}${GIVEN_CHARS[(nameSeq * 13) % GIVEN_CHARS.length]}${
      nameSeq % 3 ? GIVEN_CHARS[(nameSeq * 5) % GIVEN_CHARS.length] : ''
    }`;
  };

  const fireCo = await providers.insert(
    tx,
    parkId,
    {
      name: '苏州安达消防技术服务有限公司',
      kinds: ['fireService', 'training'],
      creditCode: null,
      qualification: '消防设施维护保养检测、消防安全评估',
      qualificationNo: 'XF-2024-0317',
      qualificationValidUntil: addDays(today, 400),
      contactPerson: '顾工',
      contactPhone: '13962100317',
      note: '管委会购买服务：消防第三方服务及消防专题培训',
      active: true,
    },
    people.supervisor,
    at,
  );
  const lapsed = await providers.insert(
    tx,
    parkId,
    {
      name: '园区职业安全培训中心',
      kinds: ['training'],
      creditCode: null,
      qualification: '安全生产培训机构',
      qualificationNo: 'AQPX-2021-052',
      qualificationValidUntil: day(40),
      contactPerson: '钱老师',
      contactPhone: '13773100052',
      note: '资质已过期，待换证',
      active: true,
    },
    people.supervisor,
    at,
  );

  const operating = await rows<Ent>(
    tx,
    sql`select id, name, principal_name, safety_manager_name from enterprises
         where park_id = ${parkId} and status = 'operating' order by name`,
  );
  const accounts = new Set(people.accountEnterprises);
  const others = operating.filter((e) => !accounts.has(e.id));
  const accountEnts = operating.filter((e) => accounts.has(e.id));

  // Two enterprises commissioned weeks ago: their principals and safety managers are not trained yet.
  const fresh = others.slice(-2);
  await tx.execute(
    sql`update enterprises set production_start_date = ${day(38)} where park_id = ${parkId} and id = ${fresh[0]!.id}`,
  );
  await tx.execute(
    sql`update enterprises set production_start_date = ${day(12)} where park_id = ${parkId} and id = ${fresh[1]!.id}`,
  );

  let sessions = 0;
  let attendees = 0;
  const by = { userId: people.supervisor, name: people.supervisorName };
  const record = async (
    v: Omit<BackfillSession, 'materialFileIds' | 'photoFileIds' | 'providerExpired' | 'planItemId'> & {
      planItemId?: string | null;
    },
    list: AttendeeInput[],
  ) => {
    const year = v.occurredOn.slice(0, 4);
    const serial = `PX${year}-${String(await nextSerial(tx, parkId, `training-${year}`)).padStart(4, '0')}`;
    const id = await training.insert(
      tx,
      parkId,
      serial,
      { ...v, planItemId: v.planItemId ?? null, providerExpired: false, materialFileIds: [], photoFileIds: [] },
      by,
      new Date(`${v.occurredOn}T09:00:00Z`),
    );
    await training.replaceAttendees(tx, parkId, id, list);
    sessions++;
    attendees += list.length;
    return id;
  };
  const staff = (e: Ent, n: number, post: string, passedEvery = 0): AttendeeInput[] =>
    Array.from({ length: n }, (_, i) => ({
      name: person(),
      enterpriseId: e.id,
      post,
      role: roleOfPost(post),
      phone: null,
      score: passedEvery ? (i % passedEvery === passedEvery - 1 ? 52 : 78 + (i % 20)) : null,
      passed: passedEvery ? i % passedEvery !== passedEvery - 1 : null,
    }));
  const managers = (list: Ent[]): AttendeeInput[] =>
    list.flatMap((e) => [
      {
        name: e.principal_name ?? person(),
        enterpriseId: e.id,
        post: '主要负责人',
        role: 'principal' as const,
        phone: null,
        score: null,
        passed: true,
      },
      {
        name: e.safety_manager_name ?? person(),
        enterpriseId: e.id,
        post: '安全管理人员',
        role: 'safetyManager' as const,
        phone: null,
        score: null,
        passed: true,
      },
    ]);

  const base = {
    enterpriseId: null,
    providerId: null,
    openToAll: true,
    place: '高新区管委会三楼会议室',
    summary: null,
  };
  await record(
    {
      ...base,
      kind: 'fire',
      title: '消防专题培训：火灾隐患辨识与初期火灾扑救',
      occurredOn: day(45),
      organiserKind: 'provider',
      providerId: fireCo,
      trainer: '顾工（苏州安达消防技术服务有限公司）',
      hours: 3,
      summary: '消防法规要点、常见火灾隐患辨识、灭火器和室内消火栓的使用，现场实操演示。',
    },
    [...managers(others.slice(0, 6)), ...others.slice(6, 12).flatMap((e) => staff(e, 2, '消防安全管理员'))],
  );
  await record(
    {
      ...base,
      kind: 'competition',
      title: '高新区安全生产知识竞赛',
      occurredOn: day(95),
      organiserKind: 'committee',
      trainer: '管委会安监办',
      hours: 2,
      summary: '以企业为单位组队参赛，必答、抢答、风险题三轮；成绩记入各参赛人员。',
    },
    others
      .slice(12, 20)
      .flatMap((e, i) =>
        staff(e, 3, '安全员').map((a, j) => ({ ...a, score: 60 + ((i * 7 + j * 11) % 40), passed: true })),
      ),
  );
  await record(
    {
      ...base,
      kind: 'warning',
      title: '生产安全事故案例警示教育',
      occurredOn: day(20),
      organiserKind: 'committee',
      trainer: '县应急管理局',
      hours: 2,
      summary: '观看事故警示片，剖析有限空间、动火作业典型事故。',
    },
    managers(others.slice(20, 30)),
  );
  await record(
    {
      ...base,
      kind: 'dualControl',
      title: '“双控”机制建设大培训',
      occurredOn: day(150),
      organiserKind: 'committee',
      trainer: '市安全生产专家组',
      hours: 4,
    },
    [...managers(others.slice(30, 36)), ...managers(accountEnts.slice(0, 2))],
  );

  // The other enterprises that started production within the year were trained at the committee's session for new
  // enterprises (随投产随培训), so the list shows the two above.
  const recent = await rows<Ent>(
    tx,
    sql`select id, name, principal_name, safety_manager_name from enterprises
         where park_id = ${parkId} and status <> 'cancelled' and production_start_date > ${day(365)}::date
           and id not in (${fresh[0]!.id}, ${fresh[1]!.id})
         order by name`,
  );
  if (recent.length > 0) {
    await record(
      {
        ...base,
        openToAll: false,
        kind: 'newPrincipal',
        title: '新投产企业主要负责人和安全管理人员安全生产培训',
        occurredOn: day(60),
        organiserKind: 'committee',
        trainer: '管委会安监办',
        hours: 8,
        summary: '安全生产法律法规、主体责任、双重预防机制、事故案例；闭卷考试。',
      },
      managers(recent).map((a, i) => ({ ...a, score: 72 + (i % 25) })),
    );
  }

  // The demo accounts' enterprises: this year's plan, and sessions linked to some of its items.
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  let plans = 0;
  for (const [i, e] of accountEnts.entries()) {
    const planId = await training.insertPlan(
      tx,
      parkId,
      { enterpriseId: e.id, year, note: null },
      people.supervisor,
      at,
    );
    const items = [
      {
        id: null,
        month: 1,
        topic: '新员工三级安全教育',
        kind: 'threeLevel' as const,
        plannedHours: 24,
        plannedAttendees: 6,
      },
      {
        id: null,
        month: 3,
        topic: '全员安全生产责任制及操作规程培训',
        kind: 'centralised' as const,
        plannedHours: 4,
        plannedAttendees: 20,
      },
      {
        id: null,
        month: 6,
        topic: '安全生产月事故警示教育',
        kind: 'warning' as const,
        plannedHours: 2,
        plannedAttendees: 20,
      },
      { id: null, month: 11, topic: '冬季消防安全培训', kind: 'fire' as const, plannedHours: 2, plannedAttendees: 15 },
    ];
    for (const [n, item] of items.entries()) await training.upsertItem(tx, parkId, planId, n, item);
    plans++;
    const itemIds = await rows<{ id: string; month: number }>(
      tx,
      sql`select id, month from training_plan_items where park_id = ${parkId} and plan_id = ${planId} order by position`,
    );
    const own = { ...base, enterpriseId: e.id, openToAll: false, organiserKind: 'enterprise', place: '公司培训室' };
    // Months already over get their session (all but one enterprise's June item, which stays 逾期未完成).
    for (const item of itemIds) {
      const m = Number(item.month);
      if (m >= month || (m === 6 && i === 0)) continue;
      const spec = items[itemIds.indexOf(item)]!;
      const occurredOn = `${year}-${String(m).padStart(2, '0')}-${String(10 + i).padStart(2, '0')}`;
      if (occurredOn > today) continue;
      await record(
        {
          ...own,
          kind: spec.kind,
          title: spec.topic,
          occurredOn,
          trainer: e.safety_manager_name ?? '安全管理人员',
          hours: spec.plannedHours,
          planItemId: item.id,
        },
        staff(e, spec.plannedAttendees - (m === 3 ? 2 : 0), spec.kind === 'threeLevel' ? '新员工' : '操作工', 9),
      );
    }
  }
  // A session entrusted to the centre before its qualification lapsed.
  if (accountEnts[1]) {
    await record(
      {
        ...base,
        enterpriseId: accountEnts[1].id,
        openToAll: false,
        kind: 'topical',
        title: '有限空间作业安全专题培训',
        occurredOn: day(70),
        organiserKind: 'provider',
        providerId: lapsed,
        trainer: '钱老师',
        hours: 4,
        place: '园区职业安全培训中心',
      },
      staff(accountEnts[1], 8, '有限空间作业人员', 8),
    );
  }
  return { sessions, attendees, plans, newEnterprises: fresh.map((e) => e.name) };
}
