// Demo data of the third-party fire service (seed 003 §六): a fire technical service company, the committee's 2023
// contract with it, a year of monthly visits to the enterprises it covers and their findings — fire hazards, most
// rectified and closed, some still open — with problems that come back at the same enterprise, so the analysis shows
// weak links, common problems and key areas. Entered as history (as the hazard demo is): rows and events as they
// happened, serial numbers taken from the park's counters. The demo accounts' enterprises are left out so their
// figures stay those the other demos describe.
import { sql } from 'drizzle-orm';
import type { FireProblem } from '../../../../shared/src/fire-service';
import { hazardEvents, hazards } from '../../db/schema';
import { type Db, rows } from '../../platform/db';
import { nextSerial } from '../../platform/serials';
import { contractFundEntry, backfill as fire } from '../fire-service/service';
import { backfill as funds } from '../funds/service';

const YEAR = 2023;
const at = (day: string, hour = 10) => new Date(`${day}T${String(hour).padStart(2, '0')}:00:00+08:00`);
const addDays = (day: string, n: number) => {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

/** Findings by kind: what a visit finds, with the place and the requirement the service staff wrote. */
const FINDINGS: Record<FireProblem, { description: string; location: string; requirement: string }[]> = {
  facilities: [
    { description: '灭火器压力指针位于红区，无法正常使用', location: '生产车间', requirement: '立即更换或充装' },
    { description: '室内消火栓箱内水带、水枪缺失', location: '仓库', requirement: '配齐水带、水枪并定期检查' },
    { description: '自动喷水灭火系统末端试水装置压力不足', location: '办公楼三层', requirement: '委托维保单位检修' },
  ],
  evacuation: [
    { description: '疏散通道堆放货物，通道宽度不足', location: '成品仓库', requirement: '清理通道，保持畅通' },
    { description: '安全出口指示标志不亮', location: '车间东侧', requirement: '更换应急疏散指示标志' },
    { description: '安全出口上锁，无法从内部开启', location: '宿舍楼一层', requirement: '拆除锁具，保持可从内部开启' },
  ],
  electrical: [
    { description: '私拉乱接电线，插线板串接使用', location: '办公区', requirement: '拆除私接线路，规范布线' },
    { description: '配电箱周边堆放可燃物', location: '配电室', requirement: '清理可燃物，保持间距' },
  ],
  combustibles: [
    { description: '易燃包装材料在车间内大量堆放', location: '包装车间', requirement: '限量存放，设置专门区域' },
    { description: '油漆等易燃液体未存放于专用仓库', location: '维修间', requirement: '设置专用防爆柜存放' },
  ],
  hotWork: [
    { description: '动火作业未办理动火证，现场无监护人', location: '设备检修区', requirement: '严格执行动火审批' },
  ],
  separation: [
    { description: '常闭式防火门处于常开状态', location: '楼梯间', requirement: '恢复防火门常闭功能' },
    { description: '防火分区处管线穿孔未封堵', location: '车间隔墙', requirement: '用防火材料封堵' },
  ],
  controlRoom: [
    { description: '消防控制室值班人员未持证上岗', location: '消防控制室', requirement: '安排持证人员值班' },
  ],
  management: [
    { description: '防火巡查记录缺失，未落实每日巡查', location: '企业安全管理台账', requirement: '落实每日防火巡查' },
    {
      description: '消防安全管理制度未更新，责任人未明确',
      location: '企业安全管理台账',
      requirement: '修订制度，明确责任人',
    },
  ],
  training: [
    { description: '员工不会使用灭火器，未开展消防培训', location: '生产车间', requirement: '组织全员消防培训' },
  ],
  other: [{ description: '厂区消防车通道被车辆占用', location: '厂区道路', requirement: '设置禁停标识，保持畅通' }],
};
// How often each kind is found: the common problems (设施器材、疏散、用电) dominate, as the seed's ledger suggests.
const WEIGHTED: FireProblem[] = [
  'facilities',
  'facilities',
  'facilities',
  'evacuation',
  'evacuation',
  'evacuation',
  'electrical',
  'electrical',
  'combustibles',
  'management',
  'management',
  'separation',
  'hotWork',
  'training',
  'controlRoom',
  'other',
];

export async function insertFireServiceDemo(
  tx: Db,
  parkId: string,
  people: { supervisor: string; skipEnterprises: string[] },
): Promise<{ visits: number; findings: number; rectified: number }> {
  const [provider] = await rows<{ id: string }>(
    tx,
    sql`insert into service_providers (park_id, name, kinds, qualification, qualification_no, qualification_valid_until,
                                       contact_person, contact_phone, created_by)
        values (${parkId}, '安诚消防技术服务有限公司', ${'{fireService}'}::text[], '消防设施维护保养检测机构',
                'XF-WB-2021-0086', '2025-06-30', '陈立新', '13905510086', ${people.supervisor})
        returning id`,
  );
  const skip = new Set(people.skipEnterprises);
  // Enterprises with fire exposure first (消防安全重点单位, 人员密集, 粉尘涉爆, 危化), then others, across areas.
  const candidates = await rows<{ id: string; name: string; area: string | null; tags: string[] }>(
    tx,
    sql`select id, name, area, supervision_tags as tags from enterprises
         where park_id = ${parkId} and status = 'operating'
         order by (supervision_tags && array['fireSafetyKeyUnit', 'crowdedPlace', 'combustibleDust',
                                             'hazardousChemicals']::text[]) desc, name
         limit 200`,
  );
  // Spread across the areas (one from each in turn), so the analysis has areas to compare.
  const byArea = new Map<string, typeof candidates>();
  for (const e of candidates.filter((c) => !skip.has(c.id))) {
    const key = e.area ?? '';
    byArea.set(key, [...(byArea.get(key) ?? []), e]);
  }
  const covered: typeof candidates = [];
  for (let round = 0; covered.length < 18 && round < 200; round++) {
    for (const list of byArea.values()) if (list[round] && covered.length < 18) covered.push(list[round]!);
  }
  const contractSerial = `XFHT${YEAR}-${String(await nextSerial(tx, parkId, `fire-contract-${YEAR}`)).padStart(3, '0')}`;
  const contractId = await fire.insertContract(
    tx,
    parkId,
    contractSerial,
    {
      title: `${YEAR}年度高新区企业消防安全第三方技术服务`,
      contractNo: `GXQ-XF-${YEAR}-001`,
      providerId: provider!.id,
      signedOn: `${YEAR}-01-06`,
      startsOn: `${YEAR}-01-01`,
      endsOn: `${YEAR}-12-31`,
      amount: 198000,
      content: '对园区重点企业开展日常消防安全指导检查，督促隐患整改，建立服务台账，按季度分析消防薄弱环节和共性问题',
      coversAll: false,
      enterpriseIds: covered.map((e) => e.id),
      note: '政府购买服务',
      fileIds: [],
    },
    people.supervisor,
    at(`${YEAR}-01-06`),
  );
  // Its amount in the special-funds ledger (专项资金 · 购买服务), as createContract records it through the funds service.
  const fund = contractFundEntry({
    id: contractId,
    title: `${YEAR}年度高新区企业消防安全第三方技术服务`,
    amount: 198000,
    signedOn: `${YEAR}-01-06`,
    startsOn: `${YEAR}-01-01`,
    providerName: '安诚消防技术服务有限公司',
  });
  await funds.insertFromSubject(
    tx,
    parkId,
    `ZJ${YEAR}-${String(await nextSerial(tx, parkId, `fund-${YEAR}`)).padStart(4, '0')}`,
    {
      purpose: fund.purpose,
      amount: fund.amount,
      paidOn: fund.date,
      supplier: fund.supplier,
      description: fund.description,
      subjectKind: fund.subjectKind,
      subjectId: fund.subjectId,
      attachmentIds: [],
    },
    { userId: people.supervisor, name: '张安监' },
    at(`${YEAR}-01-06`),
  );

  let visits = 0;
  let findings = 0;
  let rectified = 0;
  const staff = [
    ['陈立新', '周海'],
    ['周海', '吴静'],
    ['陈立新', '吴静'],
  ];
  // Each enterprise is visited every two or three months; month and day spread the visits through the year.
  for (const [i, e] of covered.entries()) {
    const every = i % 3 === 0 ? 2 : 3;
    // An enterprise's own recurring weakness: a kind that comes back on most visits (repeat findings).
    const drawn = WEIGHTED[(i * 5) % WEIGHTED.length]!;
    const weakness = drawn === 'other' ? 'evacuation' : drawn;
    for (let month = 1 + (i % every); month <= 12; month += every) {
      const day = `${YEAR}-${String(month).padStart(2, '0')}-${String(5 + ((i * 7 + month * 3) % 20)).padStart(2, '0')}`;
      const serial = `XF${YEAR}-${String(await nextSerial(tx, parkId, `fire-visit-${YEAR}`)).padStart(5, '0')}`;
      const visitId = await fire.insertVisit(
        tx,
        parkId,
        serial,
        {
          contractId,
          enterpriseId: e.id,
          visitedOn: day,
          providerStaff: staff[(i + month) % staff.length]!,
          content: '检查消防设施器材完好情况、疏散通道和安全出口、用电安全及防火巡查记录，现场指导整改',
          outsidePeriod: false,
        },
        { userId: people.supervisor, name: '张安监' },
        at(day, 17),
      );
      visits++;
      const n = (i + month) % 4 === 0 ? 0 : 1 + ((i + month) % 3);
      const kinds: FireProblem[] = [];
      for (let k = 0; k < n; k++) {
        const kind =
          k === 0 && (month + i) % 3 !== 0 ? weakness : WEIGHTED[(i * 3 + month * 7 + k * 5) % WEIGHTED.length]!;
        if (!kinds.includes(kind)) kinds.push(kind);
      }
      for (const [position, kind] of kinds.entries()) {
        const pick = FINDINGS[kind][(i + month + position) % FINDINGS[kind].length]!;
        const deadline = addDays(day, 15);
        // Most are closed within the month; the later in the year, the likelier one is still open.
        const open = month >= 11 && (i + position) % 3 === 0;
        const startOn = addDays(day, 2);
        const submitOn = addDays(day, 8 + ((i + position) % 6));
        const closedOn = addDays(submitOn, 2);
        const h = await nextSerial(tx, parkId, `hazard-${YEAR}`);
        const [row] = await tx
          .insert(hazards)
          .values({
            parkId,
            serial: `YH${YEAR}-${String(h).padStart(6, '0')}`,
            enterpriseId: e.id,
            description: pick.description,
            location: pick.location,
            domain: 'fire',
            category: ['hotWork'].includes(kind)
              ? 'unsafeAct'
              : ['management', 'training', 'controlRoom'].includes(kind)
                ? 'managementDefect'
                : 'unsafeCondition',
            source: 'externalExpert',
            grade: 'general',
            requirement: pick.requirement,
            responsiblePerson: '企业安全管理人员',
            deadline,
            status: open ? 'rectifying' : 'closed',
            fixedOnSpot: false,
            foundOn: day,
            closedAt: open ? null : at(closedOn, 15),
            submittedOn: open ? null : submitOn,
            createdBy: people.supervisor,
            createdAt: at(day, 17),
          })
          .returning({ id: hazards.id });
        const steps: { action: string; from: string | null; to: string; on: string; byEnterprise: boolean }[] = [
          { action: 'create', from: null, to: 'assigned', on: day, byEnterprise: false },
          { action: 'start', from: 'assigned', to: 'rectifying', on: startOn, byEnterprise: true },
        ];
        if (!open) {
          steps.push({ action: 'submit', from: 'rectifying', to: 'submitted', on: submitOn, byEnterprise: true });
          steps.push({ action: 'recheckPass', from: 'submitted', to: 'closed', on: closedOn, byEnterprise: false });
        }
        await tx.insert(hazardEvents).values(
          steps.map((s) => ({
            parkId,
            hazardId: row!.id,
            action: s.action,
            fromStatus: s.from,
            toStatus: s.to,
            actorUserId: s.byEnterprise ? null : people.supervisor,
            actorName: s.byEnterprise ? '企业安全管理人员' : '张安监',
            occurredAt: at(s.on, 15),
            recordedAt: at(s.on, 15),
          })),
        );
        await fire.insertFinding(tx, parkId, visitId, row!.id, kind, position);
        findings++;
        if (!open) rectified++;
      }
    }
  }
  return { visits, findings, rectified };
}
