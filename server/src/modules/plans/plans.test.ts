// Work plan (issue 15): items written by the committee with audit, bad input refused naming the field, enterprises
// kept out; state and progress derived from the linked records (未开始 → 进行中 → 已完成, 逾期 on a fixed clock);
// another park's record refused as a link; 生成检查行动 creates the campaign through its service and keeps the link;
// the seasonal calendar proposes the quarter's checks; 导出计划文档 writes a quarter's items as an official Word document.
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PlanItemView, seasonalProposals } from '../../../../shared/src/plans';
import { clock } from '../../platform/clock';
import { rows } from '../../platform/db';
import { docxText, unzip } from '../../testing/docx';
import { type Client, createTestEnv, signedIn, type TestEnv } from '../../testing/harness';
import { deriveState } from './service';

let env: TestEnv;
let sup: Client;
let leader: Client;
let ent1: Client;
let enterpriseId: string;
let foreignCampaign: string;
let foreignOrganisation: string;
type Err = { error: { code: string; message: string; fields?: Record<string, string> } };

const one = async <T>(q: ReturnType<typeof sql>) => (await rows<T>(env.database.db, q))[0]!;
const count = async (where: string) =>
  Number((await one<{ n: number }>(sql`select count(*)::int as n from ${sql.raw(where)}`)).n);

beforeAll(async () => {
  clock.set(new Date('2026-11-23T02:00:00Z'));
  env = await createTestEnv();
  sup = await signedIn(env.app, 'supervisor');
  leader = await signedIn(env.app, 'leader');
  ent1 = await signedIn(env.app, 'enterprise1');
  enterpriseId = ((await ent1.get('/api/auth/session')).json() as { me: { enterpriseId: string } }).me.enterpriseId;
  // A campaign and an organisation of another park: neither may be named by this park's plan.
  const park = await one<{ id: string }>(sql`insert into parks (code, name) values ('OTHER', '外园区') returning id`);
  foreignCampaign = (
    await one<{ id: string }>(
      sql`insert into campaigns (park_id, name, campaign_types, starts_on, ends_on)
          values (${park.id}, '外园区冬季大检查', array['other'], '2026-11-01', '2026-12-31') returning id`,
    )
  ).id;
  foreignOrganisation = (
    await one<{ id: string }>(
      sql`insert into organisations (park_id, kind, name) values (${park.id}, 'department', '外园区应急局') returning id`,
    )
  ).id;
});
afterAll(async () => {
  clock.reset();
  await env?.close();
});

const item = (extra: Record<string, unknown> = {}) => ({
  year: 2026,
  quarter: 4,
  kind: 'campaign',
  title: '元旦前安全生产专项检查',
  content: '有针对性地开展元旦前安全生产专项检查，确保节日期间的安全生产。',
  ownerUnit: '高新区安委办',
  dueOn: '2026-12-31',
  season: 'newYear',
  ...extra,
});
const campaign = (extra: Record<string, unknown> = {}) =>
  sup.post('/api/campaigns', {
    name: '冬季危险化学品专项检查',
    campaignType: 'other',
    startsOn: '2026-11-20',
    endsOn: '2027-01-31',
    target: { enterpriseIds: [enterpriseId] },
    ...extra,
  });

describe('derived state', () => {
  it('follows the rule: all counted links done → 已完成; past due → 逾期; a link → 进行中; none → 未开始', () => {
    expect(deriveState([], '2026-12-31', '2026-11-23')).toEqual({ state: 'notStarted', progress: 0 });
    expect(deriveState([], '2026-11-01', '2026-11-23')).toEqual({ state: 'overdue', progress: 0 });
    expect(deriveState(['ongoing', 'done'], '2026-12-31', '2026-11-23')).toEqual({
      state: 'inProgress',
      progress: 50,
    });
    expect(deriveState(['ongoing'], '2026-11-01', '2026-11-23').state).toBe('overdue');
    expect(deriveState(['done', 'void'], '2026-11-01', '2026-11-23')).toEqual({ state: 'done', progress: 100 });
    expect(deriveState(['void'], '2026-12-31', '2026-11-23').state).toBe('notStarted');
  });
});

describe('work plan', () => {
  let a: PlanItemView;

  it('creates an item with its audit record; bad input is refused naming the field, nothing saved', async () => {
    const missing = await sup.post('/api/plans', item({ title: '', ownerUnit: undefined }));
    expect(missing.statusCode).toBe(400);
    const fields = (missing.json() as Err).error.fields ?? {};
    expect(fields.title).toMatch(/计划事项/);
    expect(fields.ownerUnit).toMatch(/责任单位/);
    const quarter = await sup.post('/api/plans', item({ quarter: 5 }));
    expect(quarter.statusCode).toBe(400);
    expect((quarter.json() as Err).error.fields?.quarter).toContain('季度');
    const farDue = await sup.post('/api/plans', item({ dueOn: '2030-01-01' }));
    expect(farDue.statusCode).toBe(400);
    expect((farDue.json() as Err).error.fields?.dueOn).toContain('计划年度');
    const early = await sup.post('/api/plans', item({ dueOn: '2026-03-01' }));
    expect(early.statusCode).toBe(422);
    expect((early.json() as Err).error.code).toBe('PLAN_DUE_BEFORE_QUARTER');
    const foreignOwner = await sup.post('/api/plans', item({ ownerOrganisationId: foreignOrganisation }));
    expect(foreignOwner.statusCode).toBe(422);
    expect((foreignOwner.json() as Err).error.fields?.ownerOrganisationId).toBeTruthy();
    expect(await count('work_plan_items')).toBe(0);

    const created = await sup.post('/api/plans', item());
    expect(created.statusCode, created.body).toBe(200);
    a = created.json() as PlanItemView;
    expect(a).toMatchObject({ state: 'notStarted', progress: 0, links: [], kind: 'campaign', quarter: 4 });
    expect(await count(`audit_log where action = 'workPlan.create' and entity_id = '${a.id}'`)).toBe(1);
  });

  it('keeps enterprises out; leaders read but do not write', async () => {
    expect((await ent1.get('/api/plans')).statusCode).toBe(403);
    expect((await ent1.get(`/api/plans/${a.id}`)).statusCode).toBe(403);
    expect((await ent1.post('/api/plans', item())).statusCode).toBe(403);
    expect((await leader.get(`/api/plans/${a.id}`)).statusCode).toBe(200);
    expect((await leader.post('/api/plans', item())).statusCode).toBe(403);
    expect((await leader.post(`/api/plans/${a.id}/links`, { recordKind: 'campaign', recordId: a.id })).statusCode).toBe(
      403,
    );
  });

  it('refuses a record of another park as a link, and an unknown one', async () => {
    const foreign = await sup.post(`/api/plans/${a.id}/links`, { recordKind: 'campaign', recordId: foreignCampaign });
    expect(foreign.statusCode).toBe(422);
    const e = (foreign.json() as Err).error;
    expect(e.code).toBe('PLAN_LINK_INVALID');
    expect(e.fields?.recordId).toContain('不属于本园区');
    const unknown = await sup.post(`/api/plans/${a.id}/links`, {
      recordKind: 'drill',
      recordId: '00000000-0000-4000-8000-000000000000',
    });
    expect(unknown.statusCode).toBe(422);
    expect(await count('work_plan_links')).toBe(0);
  });

  it('生成检查行动: the campaign is created through its service and linked; closing it completes the item', async () => {
    const noTarget = await sup.post(`/api/plans/${a.id}/campaign`, { target: {} });
    expect(noTarget.statusCode).toBe(422);
    expect((noTarget.json() as Err).error.code).toBe('CAMPAIGN_NO_TARGETS');
    expect(await count("campaigns where name = '元旦前安全生产专项检查'")).toBe(0);

    const res = await sup.post(`/api/plans/${a.id}/campaign`, { target: { enterpriseIds: [enterpriseId] } });
    expect(res.statusCode, res.body).toBe(200);
    const withCampaign = res.json() as PlanItemView;
    expect(withCampaign.state).toBe('inProgress');
    expect(withCampaign.links).toHaveLength(1);
    const link = withCampaign.links[0]!;
    expect(link).toMatchObject({ recordKind: 'campaign', title: '元旦前安全生产专项检查', state: 'ongoing' });
    expect(link.href).toBe(`/campaigns?campaign=${link.recordId}`);
    const c = (await sup.get(`/api/campaigns/${link.recordId}`)).json() as {
      campaignTypes: string[];
      startsOn: string;
      endsOn: string;
    };
    expect(c).toMatchObject({ campaignTypes: ['preHoliday'], startsOn: '2026-11-23', endsOn: '2026-12-31' });
    expect(await count(`audit_log where action = 'campaign.create' and entity_id = '${link.recordId}'`)).toBe(1);
    expect(await count(`audit_log where action = 'workPlan.createCampaign' and entity_id = '${a.id}'`)).toBe(1);

    const again = await sup.post(`/api/plans/${a.id}/links`, { recordKind: 'campaign', recordId: link.recordId });
    expect(again.statusCode).toBe(409);

    expect((await sup.post(`/api/campaigns/${link.recordId}/close`, {})).statusCode).toBe(200);
    const done = (await sup.get(`/api/plans/${a.id}`)).json() as PlanItemView;
    expect(done).toMatchObject({ state: 'done', progress: 100 });
    expect(done.links[0]!.state).toBe('done');
  });

  it('derives 进行中 and then 逾期 on a fixed clock; a cancelled campaign counts for nothing', async () => {
    const b = (
      await sup.post('/api/plans', item({ title: '冬季危化企业专项检查', dueOn: '2026-12-10', season: null }))
    ).json() as PlanItemView;
    const c2 = await campaign();
    expect(c2.statusCode, c2.body).toBe(200);
    const c2Id = (c2.json() as { id: string }).id;
    const linked = await sup.post(`/api/plans/${b.id}/links`, { recordKind: 'campaign', recordId: c2Id });
    expect(linked.statusCode, linked.body).toBe(200);
    expect((linked.json() as PlanItemView).state).toBe('inProgress');
    expect(await count(`audit_log where action = 'workPlan.link' and entity_id = '${b.id}'`)).toBe(1);

    clock.set(new Date('2026-12-15T02:00:00Z'));
    try {
      // Three weeks on, the session has lapsed: sign in again.
      sup = await signedIn(env.app, 'supervisor');
      expect(((await sup.get(`/api/plans/${b.id}`)).json() as PlanItemView).state).toBe('overdue');
      const page = (await sup.get('/api/plans?year=2026&quarter=4&state=overdue')).json() as {
        items: PlanItemView[];
        total: number;
        byState: Record<string, number>;
      };
      expect(page.items.map((i) => i.id)).toEqual([b.id]);
      expect(page.byState).toMatchObject({ overdue: 1, done: 1, inProgress: 0, notStarted: 0 });
      expect((await sup.post(`/api/campaigns/${c2Id}/cancel`, { reason: '并入元旦前检查' })).statusCode).toBe(200);
      const cancelled = (await sup.get(`/api/plans/${b.id}`)).json() as PlanItemView;
      expect(cancelled).toMatchObject({ state: 'overdue', progress: 0 });
      expect(cancelled.links[0]!.state).toBe('void');
      // Unlinking leaves the campaign as it is.
      const unlinked = await sup.request('DELETE', `/api/plans/${b.id}/links/campaign/${c2Id}`);
      expect(unlinked.statusCode, unlinked.body).toBe(200);
      expect((unlinked.json() as PlanItemView).links).toHaveLength(0);
      expect((await sup.get(`/api/campaigns/${c2Id}`)).statusCode).toBe(200);
    } finally {
      clock.set(new Date('2026-11-23T02:00:00Z'));
      sup = await signedIn(env.app, 'supervisor');
    }
  });

  it('reads trainings, meetings, drills and publicity through their modules: a record of something held is done', async () => {
    const training = await sup.post('/api/training/sessions', {
      kind: 'centralised',
      title: '冬季安全生产集中培训',
      occurredOn: '2026-11-20',
      organiserKind: 'committee',
      hours: 2,
    });
    expect(training.statusCode, training.body).toBe(200);
    const meeting = await sup.post('/api/meetings', {
      kind: 'committeeEnlarged',
      heldOn: '2026-11-10',
      topic: '安委会扩大会议：部署冬季安全生产检查',
    });
    expect(meeting.statusCode, meeting.body).toBe(200);
    const drill = await sup.post('/api/drills', {
      level: 'enterprise',
      enterpriseId,
      title: '危化品泄漏应急演练',
      scenario: 'fire',
      heldOn: '2026-11-15',
      place: '罐区',
      organiser: '企业安全部',
      headcount: 30,
    });
    expect(drill.statusCode, drill.body).toBe(200);
    const publicity = await sup.post('/api/publicity', {
      kind: 'toEnterprises',
      theme: '安全宣传进企业',
      startsOn: '2026-11-25',
      endsOn: '2026-11-30',
    });
    expect(publicity.statusCode, publicity.body).toBe(200);
    const c = (
      await sup.post('/api/plans', item({ kind: 'training', title: '冬季培训、会议和演练', season: null }))
    ).json() as PlanItemView;
    const id = (r: { body: string }) => (JSON.parse(r.body) as { id: string }).id;
    for (const [recordKind, res] of [
      ['training', training],
      ['meeting', meeting],
      ['drill', drill],
    ] as const) {
      const linked = await sup.post(`/api/plans/${c.id}/links`, { recordKind, recordId: id(res) });
      expect(linked.statusCode, linked.body).toBe(200);
    }
    const three = (await sup.get(`/api/plans/${c.id}`)).json() as PlanItemView;
    expect(three).toMatchObject({ state: 'done', progress: 100 });
    expect(three.links.map((l) => [l.recordKind, l.title, l.state]).sort()).toEqual([
      ['drill', '危化品泄漏应急演练', 'done'],
      ['meeting', '安委会扩大会议：部署冬季安全生产检查', 'done'],
      ['training', '冬季安全生产集中培训', 'done'],
    ]);
    // A publicity activity still running (its last day is ahead) keeps the item under way.
    const four = await sup.post(`/api/plans/${c.id}/links`, { recordKind: 'publicity', recordId: id(publicity) });
    expect(four.json() as PlanItemView).toMatchObject({ state: 'inProgress', progress: 75 });
    expect((await sup.request('DELETE', `/api/plans/${c.id}`)).statusCode).toBe(200);
  });

  it('edits with the row version, deletes with audit, and exports the filtered plan', async () => {
    const stale = await sup.request('PUT', `/api/plans/${a.id}`, {
      ...item({ title: '元旦前专项检查（修改）' }),
      rowVersion: 99,
    });
    expect(stale.statusCode).toBe(409);
    const ok = await sup.request('PUT', `/api/plans/${a.id}`, {
      ...item({ title: '元旦前专项检查（修改）' }),
      rowVersion: 1,
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect((ok.json() as PlanItemView).title).toBe('元旦前专项检查（修改）');
    expect(await count(`audit_log where action = 'workPlan.update' and entity_id = '${a.id}'`)).toBe(1);

    const file = await sup.get('/api/plans/export?year=2026');
    expect(file.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    const cells: string[] = [];
    wb.getWorksheet('工作计划')!.eachRow((row) => cells.push(JSON.stringify(row.values)));
    expect(cells.join('\n')).toContain('元旦前专项检查（修改）');
    expect(cells.join('\n')).toContain('已完成');

    const temp = (await sup.post('/api/plans', item({ title: '临时事项待删除' }))).json() as PlanItemView;
    expect((await sup.request('DELETE', `/api/plans/${temp.id}`)).statusCode).toBe(200);
    expect((await sup.get(`/api/plans/${temp.id}`)).statusCode).toBe(404);
    expect(await count(`audit_log where action = 'workPlan.delete' and entity_id = '${temp.id}'`)).toBe(1);
  });

  it('proposes the seasonal checks of a quarter, marking those already planned', async () => {
    const q4 = (await sup.get('/api/plans/proposals?year=2026&quarter=4')).json() as {
      items: { season: string; planned: boolean; startsOn: string }[];
      missing: string[];
    };
    expect(q4.items.map((p) => p.season)).toEqual(['newYear']);
    expect(q4.items[0]!.planned).toBe(true);
    const q3 = seasonalProposals(2026, 3).items.map((p) => p.season);
    expect(q3).toEqual(expect.arrayContaining(['floodSeason', 'highTemperature', 'midAutumn', 'nationalDay']));
    const q1 = seasonalProposals(2026, 1).items;
    expect(q1.find((p) => p.season === 'springFestival')).toMatchObject({
      startsOn: '2026-01-28',
      endsOn: '2026-02-16',
    });
    expect(q1.map((p) => p.season)).toContain('twoSessions');
    const q2 = seasonalProposals(2026, 2).items.map((p) => p.season);
    expect(q2).toEqual(expect.arrayContaining(['mayDay', 'safetyMonth', 'floodSeason']));
    // A year the lunar table does not hold: the holiday is left out and named, not guessed.
    const far = seasonalProposals(2031, 1);
    expect(far.items.map((p) => p.season)).not.toContain('springFestival');
    expect(far.missing.join()).toContain('春节');
    expect((await sup.get('/api/plans/proposals?year=2026&quarter=5')).statusCode).toBe(400);
  });
});

describe('plan document (导出计划文档)', () => {
  it('writes the quarter’s items by kind with owner unit, due date and linked records; the leader downloads it', async () => {
    const post = async (extra: Record<string, unknown>) => {
      const r = await sup.post('/api/plans', item(extra));
      expect(r.statusCode, r.body).toBe(200);
      return r.json() as PlanItemView;
    };
    const check = await post({
      year: 2027,
      quarter: 1,
      title: '春节前安全生产大检查',
      content: '检查危险化学品企业的储存和使用\n检查人员密集场所的消防通道',
      ownerUnit: '园区应急管理局',
      dueOn: '2027-02-05',
      season: null,
    });
    await post({
      year: 2027,
      quarter: 1,
      kind: 'training',
      title: '企业主要负责人安全培训',
      content: '组织企业主要负责人和安全管理人员参加年度安全培训。',
      ownerUnit: '园区安委办',
      dueOn: '2027-03-20',
      season: null,
    });
    // A year's item due within the quarter is in it; the second quarter's item is not.
    await post({
      year: 2027,
      quarter: null,
      kind: 'letter',
      title: '签订2027年度安全生产目标责任书',
      content: null,
      ownerUnit: '园区安委办',
      dueOn: '2027-03-31',
      season: null,
    });
    await post({ year: 2027, quarter: 2, title: '安全生产月活动检查', dueOn: '2027-06-30', season: null });
    const c = await campaign({ name: '春节前危险化学品专项检查' });
    expect(c.statusCode, c.body).toBe(200);
    const linked = await sup.post(`/api/plans/${check.id}/links`, {
      recordKind: 'campaign',
      recordId: (c.json() as { id: string }).id,
    });
    expect(linked.statusCode, linked.body).toBe(200);

    const before = await count(`audit_log where action = 'workPlan.document'`);
    const file = await leader.get('/api/plans/document?year=2027&quarter=1');
    expect(file.statusCode, file.body).toBe(200);
    expect(file.headers['content-type']).toContain('wordprocessingml');
    expect(decodeURIComponent(String(file.headers['content-disposition']))).toMatch(/第一季度工作计划\.docx$/);
    const text = docxText(file.rawPayload);
    expect(text).toMatch(/^2027年.+安全生产第一季度工作计划$/m);
    expect(text).toContain('2027年第一季度安全生产工作计划（共3项）如下：');
    expect(text).toContain(
      '一、安全生产检查\n（一）春节前安全生产大检查\n1. 检查危险化学品企业的储存和使用\n2. 检查人员密集场所的消防通道',
    );
    expect(text).toContain('责任单位：园区应急管理局；完成时限：2027年2月5日前。');
    expect(text).toContain('已关联：检查行动“春节前危险化学品专项检查”（2026-11-20 至 2027-01-31）。');
    expect(text).toContain(
      '二、安全生产教育培训\n（一）企业主要负责人安全培训\n组织企业主要负责人和安全管理人员参加年度安全培训。',
    );
    expect(text).toContain('三、安全生产责任制落实\n（一）签订2027年度安全生产目标责任书');
    expect(text).toContain('责任单位：园区安委办；完成时限：2027年3月31日前（年度事项）。');
    expect(text).not.toContain('安全生产月活动检查');
    // The appendix lists the three items; the document is in the summary's GB/T 9704 layout.
    expect(text).toContain('计划事项一览表');
    expect(text).toMatch(/1\n安全生产检查\n春节前安全生产大检查\n园区应急管理局\n2027-02-05/);
    const parts = unzip(file.rawPayload);
    const xml = parts.get('word/document.xml')!.toString('utf8');
    expect(xml).toMatch(/<w:pgMar w:top="209[78]" w:right="1474" w:bottom="1984" w:left="1587"/);
    expect(xml).toContain('w:eastAsia="方正小标宋简体"');
    expect(xml).toContain('w:eastAsia="楷体_GB2312"');
    expect(parts.get('word/fontTable.xml')!.toString('utf8')).toContain('<w:altName w:val="Noto Serif CJK SC"/>');
    expect(await count(`audit_log where action = 'workPlan.document'`)).toBe(before + 1);

    // The whole year holds the second quarter's item too.
    const year = docxText((await sup.get('/api/plans/document?year=2027')).rawPayload);
    expect(year).toMatch(/安全生产年度工作计划/);
    expect(year).toContain('安全生产月活动检查');
  });

  it('refuses a bad or empty period by name, and enterprises', async () => {
    const noYear = await sup.get('/api/plans/document');
    expect(noYear.statusCode).toBe(400);
    expect((noYear.json() as Err).error.fields?.year).toBe('请选择年度');
    const badQuarter = await sup.get('/api/plans/document?year=2027&quarter=5');
    expect(badQuarter.statusCode).toBe(400);
    expect((badQuarter.json() as Err).error.fields?.quarter).toBe('季度应为 1 至 4');
    const badYear = await sup.get('/api/plans/document?year=abc');
    expect(badYear.statusCode).toBe(400);
    expect((badYear.json() as Err).error.fields?.year).toBe('年度应为数字');
    const emptyQuarter = await sup.get('/api/plans/document?year=2027&quarter=3');
    expect(emptyQuarter.statusCode).toBe(422);
    expect((emptyQuarter.json() as Err).error).toMatchObject({
      code: 'PLAN_DOCUMENT_EMPTY',
      fields: { quarter: '2027年第三季度没有计划事项，请先新增计划事项或选择其他期间' },
    });
    const emptyYear = await sup.get('/api/plans/document?year=2031');
    expect(emptyYear.statusCode).toBe(422);
    expect((emptyYear.json() as Err).error.fields?.year).toContain('2031年度没有计划事项');
    expect((await ent1.get('/api/plans/document?year=2027')).statusCode).toBe(403);
  });
});
