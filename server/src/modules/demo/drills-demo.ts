// Demo data of issue 14: the park's 有限空间专项演练观摩会 in June 2023 (seed 003 §四) hosted at an environmental
// enterprise, enterprise drills in 2023 and this year (about a third of the own-site enterprises without one this year,
// so that list is not empty), annual drill plans; the 2023 春节后复工 season with the seed's 41 confirmations (some
// returned once first) and this year's season with applications pending and returned; guidance visits to the
// medical-supplies producer (seed 003 §五) and talks with the actual controllers of key enterprises (000 §四), with
// follow-ups done, open and overdue.
import { sql } from 'drizzle-orm';
import { addDays } from '../../../../shared/src/credit';
import type { DrillScenario } from '../../../../shared/src/drills';
import { DEFAULT_RESUMPTION_CHECKLIST } from '../../../../shared/src/resumption';
import { shanghaiToday } from '../../../../shared/src/validators';
import { type Db, rows } from '../../platform/db';
import { nextSerial } from '../../platform/serials';
import { backfill as drills } from '../drills/service';
import { backfill as guidanceRecords } from '../guidance/service';
import { backfill as resumption } from '../resumption/service';

interface Ent {
  id: string;
  name: string;
  area: string | null;
  status: string;
  site_type: string;
  industry_code: string | null;
  supervision_tags: string[];
  principal_name: string | null;
  legal_representative: string | null;
  actual_controller_name: string | null;
  safety_manager_name: string | null;
  employees: number | null;
  plan_id: string | null;
}

export interface DrillsDemoResult {
  drills: number;
  confirmed2023: number;
  pending: number;
  guidance: number;
  talks: number;
}

const scenarioOf = (tags: string[]): DrillScenario =>
  tags.includes('hazardousChemicals')
    ? 'leak'
    : tags.includes('combustibleDust')
      ? 'explosion'
      : tags.includes('confinedSpace')
        ? 'confinedSpace'
        : tags.includes('ammoniaRefrigeration') || tags.includes('chlorine')
          ? 'poisoning'
          : 'fire';
const SCENARIO_TITLE: Record<DrillScenario, string> = {
  fire: '初起火灾扑救及人员疏散演练',
  explosion: '粉尘爆炸事故现场处置演练',
  poisoning: '有毒气体泄漏中毒窒息事故应急演练',
  leak: '危险化学品泄漏现场处置演练',
  confinedSpace: '有限空间作业中毒窒息救援演练',
  hazardousChemicals: '危险化学品事故综合应急演练',
  evacuation: '人员紧急疏散演练',
  comprehensive: '生产安全事故综合应急演练',
  other: '专项应急演练',
};
const PROBLEMS = [
  '应急广播音量不足，部分区域人员未听到疏散指令',
  '正压式空气呼吸器一具气瓶压力不足，未按月检查',
  '现场警戒区域设置不及时，无关人员进入',
  '应急物资柜内灭火毯、防毒面具数量与清单不符',
  '部分员工不熟悉应急集合点位置，清点人数用时过长',
];

export async function insertDrillsDemo(
  tx: Db,
  parkId: string,
  at: Date,
  people: { supervisor: string; inspector: string; accountEnterprises: string[] },
): Promise<DrillsDemoResult> {
  const today = shanghaiToday(at);
  const year = Number(today.slice(0, 4));
  const ents = await rows<Ent>(
    tx,
    sql`select e.id, e.name, e.area, e.status, e.site_type, e.industry_code, e.supervision_tags, e.principal_name,
               e.legal_representative, e.actual_controller_name, e.safety_manager_name, e.employees,
               (select p.id from emergency_plans p where p.park_id = e.park_id and p.enterprise_id = e.id
                 order by p.plan_kind, p.title limit 1) as plan_id
          from enterprises e where e.park_id = ${parkId} order by e.site_type desc, e.name`,
  );
  const ownSite = ents.filter((e) => e.site_type === 'ownSite');
  const operating = ents.filter((e) => e.status === 'operating');
  const sup = { id: people.supervisor, name: '张安监' };
  const serial = async (prefix: string, series: string, y: number) =>
    `${prefix}${y}-${String(await nextSerial(tx, parkId, `${series}-${y}`)).padStart(4, '0')}`;

  // —— Drills ——
  let drillCount = 0;
  const confined = operating.filter((e) => e.supervision_tags.includes('confinedSpace'));
  const host = operating.find((e) => e.industry_code === 'N7723') ?? confined[0] ?? operating[0]!;
  const observationId = await drills.insert(
    tx,
    parkId,
    await serial('YL', 'drill', 2023),
    {
      level: 'park',
      enterpriseId: host.id,
      title: '全区有限空间专项应急演练观摩会',
      scenario: 'confinedSpace',
      form: 'live',
      heldOn: '2023-06-16',
      place: `${host.name}污水处理站`,
      organiser: '区应急管理局、高新区管委会',
      planId: host.plan_id,
      participantEnterpriseIds: confined
        .filter((e) => e.id !== host.id)
        .slice(0, 10)
        .map((e) => e.id),
      participantUnits: '区应急管理局、区消防救援大队、区人民医院',
      headcount: 46,
      observers: '辖区涉有限空间作业企业主要负责人、安全管理人员',
      observerCount: 120,
      photoIds: [],
      evaluation:
        '演练按“先通风、再检测、后作业”和“科学施救”要求进行，监护人员发现异常后及时报警并使用三脚架、安全绳实施非进入式救援，救援组佩戴正压式空气呼吸器进入施救，处置规范。',
    },
    sup,
  );
  await drills.addProblems(tx, parkId, observationId, [
    { enterpriseId: host.id, description: '作业前气体检测记录未标明检测时间和检测人员' },
    { enterpriseId: host.id, description: '救援三脚架未设置在受限空间入口正上方，架设用时偏长' },
  ]);
  drillCount++;

  // A park-level hazardous-chemicals scenario drill this year (000 §四: 重大危险源爆炸、燃烧、中毒情景演练).
  const chem = operating.filter((e) => e.supervision_tags.includes('hazardousChemicals'));
  if (chem.length > 0) {
    const h = chem[0]!;
    const id = await drills.insert(
      tx,
      parkId,
      await serial('YL', 'drill', year),
      {
        level: 'park',
        enterpriseId: h.id,
        title: '危险化学品重大危险源泄漏爆炸情景构建演练',
        scenario: 'hazardousChemicals',
        form: 'live',
        heldOn: addDays(today, -40) < `${year}-01-01` ? `${year}-01-01` : addDays(today, -40),
        place: `${h.name}罐区`,
        organiser: '高新区管委会应急组',
        planId: h.plan_id,
        participantEnterpriseIds: chem.slice(1, 6).map((e) => e.id),
        participantUnits: '区消防救援大队、区生态环境分局',
        headcount: 68,
        observers: '园区危险化学品企业安全管理人员',
        observerCount: 35,
        photoIds: [],
        evaluation: '各救援小组响应及时，堵漏、洗消、警戒疏散衔接顺畅；企业与园区应急联动需进一步磨合。',
      },
      sup,
    );
    await drills.addProblems(tx, parkId, id, [
      { enterpriseId: h.id, description: '罐区围堰排水阀处于常开状态，泄漏物料可能流出围堰' },
    ]);
    drillCount++;
  }

  for (const [i, e] of ownSite.entries()) {
    if (e.status !== 'operating') continue;
    const scenario = scenarioOf(e.supervision_tags);
    const runs: { y: number; day: string }[] = [];
    if (i % 2 === 0)
      runs.push({
        y: 2023,
        day: `2023-${String(3 + (i % 9)).padStart(2, '0')}-${String(5 + (i % 20)).padStart(2, '0')}`,
      });
    if (i % 3 !== 0) {
      const day = addDays(today, -(15 + ((i * 11) % 200)));
      if (day >= `${year}-01-01`) runs.push({ y: year, day });
    }
    for (const [k, run] of runs.entries()) {
      const id = await drills.insert(
        tx,
        parkId,
        await serial('YL', 'drill', run.y),
        {
          level: 'enterprise',
          enterpriseId: e.id,
          title: SCENARIO_TITLE[k === 0 ? scenario : 'fire'],
          scenario: k === 0 ? scenario : 'fire',
          form: (i + k) % 5 === 0 ? 'tabletop' : 'live',
          heldOn: run.day,
          place: `${e.name}厂区`,
          organiser: `${e.name}安全管理部`,
          planId: e.plan_id,
          participantEnterpriseIds: [],
          participantUnits: null,
          headcount: 12 + ((i * 7) % 60),
          observers: null,
          observerCount: 0,
          photoIds: [],
          evaluation: '演练达到预期目的，员工熟悉报警程序和疏散路线，应急器材使用基本规范。',
        },
        { id: people.supervisor, name: e.safety_manager_name ?? '企业安全管理员' },
      );
      if ((i + k) % 4 === 0) {
        await drills.addProblems(tx, parkId, id, [{ enterpriseId: e.id, description: PROBLEMS[i % PROBLEMS.length]! }]);
      }
      drillCount++;
    }
  }
  // Annual plans this year: a fire drill in June (安全生产月) and the enterprise's own scenario in September.
  for (const e of ownSite.filter((x) => x.status === 'operating')) {
    await drills.insertPlan(
      tx,
      parkId,
      { enterpriseId: e.id, year, month: 6, scenario: 'fire', title: '消防疏散演练' },
      people.supervisor,
    );
    const s = scenarioOf(e.supervision_tags);
    if (s !== 'fire') {
      await drills.insertPlan(
        tx,
        parkId,
        { enterpriseId: e.id, year, month: 9, scenario: s, title: SCENARIO_TITLE[s] },
        people.supervisor,
      );
    }
  }

  // —— Resumption ——
  const s2023 = (await resumption.insertSeason(tx, parkId, {
    name: '2023 春节后复工复产',
    startsOn: '2023-01-28',
    endsOn: '2023-02-28',
    checklist: DEFAULT_RESUMPTION_CHECKLIST,
  }))!;
  const answered = (note: string | null) =>
    DEFAULT_RESUMPTION_CHECKLIST.map((c) => ({
      key: c.key,
      label: c.label,
      required: c.required,
      done: true,
      note: c.evidence === 'training' ? '线上全员培训，签到表已存档' : note,
      evidenceKind: 'none' as const,
      evidenceId: null,
      evidenceLabel: null,
      fileIds: [],
    }));
  // The seed's 41: the own-site enterprises operating today first, then leased ones; every seventh returned once first.
  const confirmedSet = [
    ...operating.filter((e) => e.site_type === 'ownSite'),
    ...operating.filter((e) => e.site_type !== 'ownSite'),
  ]
    .filter((e) => !people.accountEnterprises.includes(e.id))
    .slice(0, 41);
  for (const [i, e] of confirmedSet.entries()) {
    const appliedOn = addDays('2023-01-29', i % 12);
    const appliedAt = new Date(`${appliedOn}T02:00:00Z`);
    const id = await resumption.insert(tx, parkId, {
      serial: await serial('FG', 'resumption', 2023),
      seasonId: s2023,
      enterpriseId: e.id,
      priorStatus: i % 3 === 0 ? 'suspended' : 'pendingResumption',
      plannedOn: addDays(appliedOn, 3),
      contactName: e.safety_manager_name ?? e.principal_name ?? '企业联系人',
      contactPhone: null,
      workforce: Math.max(5, Math.round((e.employees ?? 40) * 0.8)),
      checklist: answered('复工前全面隐患排查已完成并整改'),
      at: appliedAt,
    });
    const ev = (
      action: string,
      from: string | null,
      to: string,
      opinion: string | null,
      dayOffset: number,
      by = '张安监',
    ) =>
      resumption.addEvent(tx, parkId, {
        applicationId: id,
        action,
        from,
        to,
        opinion,
        actorId: by === '张安监' ? people.supervisor : null,
        actorName: by,
        at: new Date(appliedAt.getTime() + dayOffset * 86400_000),
      });
    await ev('submit', null, 'submitted', null, 0, e.safety_manager_name ?? '企业');
    if (i % 7 === 3) {
      await resumption.decide(tx, parkId, id, {
        state: 'returned',
        checkedOn: null,
        opinion: '隐患排查记录不完整，未附整改前后照片；请补充后重新提交',
        byName: '张安监',
        at: new Date(appliedAt.getTime() + 86400_000),
      });
      await ev('return', 'submitted', 'returned', '隐患排查记录不完整，未附整改前后照片；请补充后重新提交', 1);
      await tx.execute(sql`update resumption_applications set state = 'submitted' where id = ${id}`);
      await ev('resubmit', 'returned', 'submitted', null, 2, e.safety_manager_name ?? '企业');
    }
    const checked = addDays(appliedOn, i % 7 === 3 ? 3 : 1);
    await resumption.decide(tx, parkId, id, {
      state: 'confirmed',
      checkedOn: checked,
      opinion: '现场核查：隐患排查整改到位，员工培训已完成，应急预案和人员到位，同意复工复产',
      byName: i % 2 ? '王检查' : '张安监',
      at: new Date(`${checked}T06:00:00Z`),
    });
    await ev(
      'confirm',
      'submitted',
      'confirmed',
      '现场核查合格，同意复工复产',
      i % 7 === 3 ? 3 : 1,
      i % 2 ? '王检查' : '张安监',
    );
  }
  // This year: enterprises that are 停产 / 待复工 today; some have applied (pending), one was returned.
  const sNow = (await resumption.insertSeason(tx, parkId, {
    name: `${year} 年停产企业复工复产`,
    startsOn: `${year}-01-01`,
    endsOn: `${year}-12-31`,
    checklist: DEFAULT_RESUMPTION_CHECKLIST,
  }))!;
  const idle = ents.filter((e) => e.status === 'suspended' || e.status === 'pendingResumption');
  let pending = 0;
  for (const [i, e] of idle.slice(0, 6).entries()) {
    const appliedAt = new Date(at.getTime() - (6 - i) * 86400_000);
    const id = await resumption.insert(tx, parkId, {
      serial: await serial('FG', 'resumption', year),
      seasonId: sNow,
      enterpriseId: e.id,
      priorStatus: e.status,
      plannedOn: addDays(today, 7 + i),
      contactName: e.safety_manager_name ?? e.principal_name ?? '企业联系人',
      contactPhone: null,
      workforce: Math.max(5, Math.round((e.employees ?? 30) * 0.6)),
      checklist: answered(null),
      at: appliedAt,
    });
    await resumption.addEvent(tx, parkId, {
      applicationId: id,
      action: 'submit',
      from: null,
      to: 'submitted',
      opinion: null,
      actorId: null,
      actorName: e.safety_manager_name ?? '企业',
      at: appliedAt,
    });
    if (i === 0) {
      await resumption.decide(tx, parkId, id, {
        state: 'returned',
        checkedOn: null,
        opinion: '未见全员复工培训记录，特种作业人员证书已过期，请补充后重新提交',
        byName: '王检查',
        at: new Date(appliedAt.getTime() + 3600_000),
      });
      await resumption.addEvent(tx, parkId, {
        applicationId: id,
        action: 'return',
        from: 'submitted',
        to: 'returned',
        opinion: '未见全员复工培训记录，特种作业人员证书已过期，请补充后重新提交',
        actorId: people.inspector,
        actorName: '王检查',
        at: new Date(appliedAt.getTime() + 3600_000),
      });
    } else pending++;
  }

  // —— Guidance and talks ——
  let guidance = 0;
  let talks = 0;
  const medical = ents.find((e) => e.industry_code === 'C2770') ?? operating[0]!;
  const visits = [
    {
      day: '2023-01-09',
      topics:
        '疫情期间医疗物资扩产的安全生产指导：新增生产线设备安装调试安全、环氧乙烷灭菌工序管理、员工连续加班疲劳作业风险',
      commitments: '新增产线投用前完成安全条件确认；灭菌间可燃气体报警器每日点检；实行倒班，杜绝疲劳作业',
    },
    {
      day: '2023-02-06',
      topics: '复查扩产后现场：仓库物资堆放与消防通道、临时用电、灭菌废气处理设施运行',
      commitments: '三日内清理占用消防通道的物料；临时用电线路改为规范敷设',
    },
    {
      day: '2023-03-15',
      topics: '常态化生产安全指导：双重预防机制运行、风险点辨识清单更新',
      commitments: '4 月底前完成新增工序风险辨识并更新四色图',
    },
  ];
  for (const v of visits) {
    const id = await guidanceRecords.insert(
      tx,
      parkId,
      await serial('ZD', 'guidance-guidance', 2023),
      {
        kind: 'guidance',
        enterpriseId: medical.id,
        heldOn: v.day,
        staff: '张安监、应急组专家 刘工',
        counterpartName: medical.principal_name ?? medical.legal_representative ?? '企业负责人',
        counterpartRole: 'principal',
        topics: v.topics,
        commitments: v.commitments,
        photoIds: [],
      },
      sup,
    );
    await guidanceRecords.addFollowUps(tx, parkId, id, [
      { content: v.commitments.split('；')[0]!, dueOn: addDays(v.day, 14), owner: medical.safety_manager_name },
    ]);
    await tx.execute(
      sql`update guidance_follow_ups set done_on = ${addDays(v.day, 10)}, result = '已落实，现场复核通过' where record_id = ${id}`,
    );
    guidance++;
  }
  // Talks with the actual controllers of key enterprises this year (hazardous chemicals, dust, confined space).
  const key = operating
    .filter((e) =>
      e.supervision_tags.some((t) => ['hazardousChemicals', 'combustibleDust', 'confinedSpace'].includes(t)),
    )
    .slice(0, 8);
  for (const [i, e] of key.entries()) {
    const day = addDays(today, -(10 + i * 12));
    if (day < `${year}-01-01`) continue;
    const id = await guidanceRecords.insert(
      tx,
      parkId,
      await serial('TH', 'guidance-talk', year),
      {
        kind: 'talk',
        enterpriseId: e.id,
        heldOn: day,
        staff: '李主任、张安监',
        counterpartName: e.actual_controller_name ?? e.legal_representative ?? e.principal_name ?? '实际控制人',
        counterpartRole: 'actualController',
        topics:
          '压实企业主体责任：主要负责人安全生产职责履职情况、重大事故隐患排查整治、安全投入与全员安全生产责任制落实',
        commitments: '每月组织一次主要负责人带队的隐患排查；年内安全投入不低于计划数；完善全员安全生产责任制并考核',
        photoIds: [],
      },
      sup,
    );
    await guidanceRecords.addFollowUps(tx, parkId, id, [
      { content: '报送主要负责人带队隐患排查记录', dueOn: addDays(day, i % 2 ? 7 : 30), owner: e.safety_manager_name },
      { content: '报送全员安全生产责任制修订稿', dueOn: addDays(day, 45), owner: e.principal_name },
    ]);
    if (i % 3 === 0) {
      await tx.execute(
        sql`update guidance_follow_ups set done_on = ${addDays(day, 5) > today ? today : addDays(day, 5)}, result = '已报送'
             where record_id = ${id} and position = 1`,
      );
    }
    talks++;
  }
  return { drills: drillCount, confirmed2023: confirmedSet.length, pending, guidance, talks };
}
