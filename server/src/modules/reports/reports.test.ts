// The period summary (工作总结, issue 15) through the API: a half-year with known records (two campaigns with exactly
// 245 人次, 183 家次, 422 处; 2 安委会扩大会议; a joint action with 3 results) gives a Word document whose text states
// those sentences, and the dashboard states the same figures for the same period; regenerating the closed period gives
// the same figures; a stale draft save gets 409; bad periods and another park are refused by name.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DashboardView } from '../../../../shared/src/dashboard';
import type { Analysis } from '../../../../shared/src/fire-service';
import type { JobView } from '../../../../shared/src/io';
import type {
  ReportDraftView,
  ReportFigure,
  ReportGenerateAccepted,
  ReportList,
  ReportPreview,
} from '../../../../shared/src/reports';
import { clock } from '../../platform/clock';
import { rows } from '../../platform/db';
import { docxText, unzip } from '../../testing/docx';
import { type Client, createTestEnv, signedIn, type TestEnv } from '../../testing/harness';

let env: TestEnv;
let sup: Client;
let sup2: Client;
let leader: Client;
let inspector: Client;
let parkId: string;
type Err = { error: { code: string; message: string; fields?: Record<string, string> } };
// A half-year the demo park has no records in (the clock stands in November 2026).
const H1 = { kind: 'half', from: '2024-01-01', to: '2024-06-30' } as const;
const Q = `kind=${H1.kind}&from=${H1.from}&to=${H1.to}`;

beforeAll(async () => {
  clock.set(new Date('2026-11-23T02:00:00Z'));
  env = await createTestEnv();
  sup = await signedIn(env.app, 'supervisor');
  leader = await signedIn(env.app, 'leader');
  inspector = await signedIn(env.app, 'inspector');
  sup2 = await signedIn(env.app, 'supervisor');
  const [park] = await rows<{ park_id: string }>(env.database.db, sql`select park_id from enterprises limit 1`);
  parkId = park!.park_id;
  const db = env.owner.db;
  // Two campaigns; 183 inspections (62 by two inspectors, 121 by one: 245 人次) over the park's enterprises.
  await db.execute(sql`
    insert into campaigns (park_id, name, campaign_types, starts_on, ends_on, status)
    values (${parkId}, '春季安全生产大检查', array['comprehensive'], '2024-03-01', '2024-04-30', 'closed'),
           (${parkId}, '汛期和高温期间安全生产大检查', array['comprehensive'], '2024-06-01', '2024-06-30', 'closed')`);
  await db.execute(sql`
    with c as (select id, row_number() over (order by starts_on) as k from campaigns
                where park_id = ${parkId} and starts_on >= '2024-01-01' and starts_on < '2024-07-01'),
         e as (select id, row_number() over (order by id) - 1 as i, count(*) over () as n from enterprises
                where park_id = ${parkId})
    insert into inspections (park_id, campaign_id, enterprise_id, inspected_on, kind, inspector_names)
    select ${parkId}, c.id, e.id,
           case when g <= 100 then date '2024-03-10' + (g % 40) else date '2024-06-05' + (g % 20) end,
           'supervision',
           case when g <= 62 then array['检查员甲', '检查员乙'] else array['检查员甲'] end
      from generate_series(1, 183) g
      join c on c.k = case when g <= 100 then 1 else 2 end
      join e on e.i = g % e.n`);
  // 422 hazards found in the period: 300 production, 122 fire; 2 of them major; 400 closed.
  await db.execute(sql`
    with e as (select id, row_number() over (order by id) - 1 as i, count(*) over () as n from enterprises
                where park_id = ${parkId})
    insert into hazards (park_id, serial, enterprise_id, description, category, source, grade, requirement, deadline,
                         status, found_on, domain)
    select ${parkId}, 'RPT' || lpad(g::text, 6, '0'), e.id, '总结测试隐患 ' || g, 'unsafeAct', 'routine',
           case when g <= 2 then 'major' else 'general' end, '整改', date '2024-07-31',
           case when g <= 400 then 'closed' else 'assigned' end,
           date '2024-03-15' + (g % 90), case when g <= 300 then 'production' else 'fire' end
      from generate_series(1, 422) g join e on e.i = g % e.n`);
  await db.execute(sql`
    insert into meetings (park_id, kind, held_on, topic)
    values (${parkId}, 'committeeEnlarged', '2024-02-20', '2024年第一次安委会扩大会议'),
           (${parkId}, 'committeeEnlarged', '2024-05-18', '2024年第二次安委会扩大会议')`);
  // Commendations awarded in the period: one enterprise, two individuals (one awarded after the period: not counted).
  await db.execute(sql`
    insert into commendations (park_id, commendation_no, year, kind, enterprise_id, person_name, unit_name, honour,
                               reason, awarded_on, created_at)
    select ${parkId}, 'JJ-T' || g, 2023, case when g = 1 then 'enterprise' else 'individual' end, e.id,
           case when g = 1 then null else '安全员' || g end, e.name, '安全生产先进', '总结测试',
           case when g = 4 then date '2024-07-02' else date '2024-01-20' end, now()
      from generate_series(1, 4) g, (select id, name from enterprises where park_id = ${parkId} limit 1) e`);
  await db.execute(sql`
    insert into joint_enforcement_actions (park_id, action_date, title, lead_organisation_id, result_counts)
    select ${parkId}, '2024-05-08', '打击非法加油车（点）专项行动', o.id,
           '[{"item":"打击取缔非法加油车（点）","count":3,"unit":"起"}]'::jsonb
      from organisations o where o.park_id = ${parkId} and o.kind = 'committee' limit 1`);
  // Work resumption: 41 applications confirmed with their on-site check in the period (41 enterprises of one season);
  // one confirmed after the period and one still submitted are not counted.
  await db.execute(sql`
    insert into resumption_seasons (park_id, name, starts_on, ends_on, checklist)
    values (${parkId}, '2024年春节后复工复产', '2024-02-01', '2024-03-31', '[]'::jsonb)`);
  await db.execute(sql`
    with s as (select id from resumption_seasons where park_id = ${parkId} and name = '2024年春节后复工复产'),
         e as (select id, row_number() over (order by id) as i from enterprises where park_id = ${parkId})
    insert into resumption_applications (park_id, serial, season_id, enterprise_id, prior_status, state, planned_on,
                                         contact_name, checklist, checked_on)
    select ${parkId}, 'FG-T' || lpad(e.i::text, 4, '0'), s.id, e.id, 'suspended',
           case when e.i <= 42 then 'confirmed' else 'submitted' end, date '2024-02-20', '联系人', '[]'::jsonb,
           case when e.i <= 41 then date '2024-02-18' + (e.i::int % 30) when e.i = 42 then date '2024-07-03' end
      from e, s where e.i <= 43`);
  // Drills: three in the period (120 + 85 + 60 = 265 人次), one after it.
  await db.execute(sql`
    insert into drills (park_id, serial, level, enterprise_id, title, scenario, held_on, place, organiser, headcount)
    select ${parkId}, 'YL-T' || g, 'enterprise', e.id, '总结测试演练 ' || g, 'fire',
           (array[date '2024-03-12', date '2024-06-16', date '2024-06-28', date '2024-07-10'])[g], '厂区', '安全科',
           (array[120, 85, 60, 200])[g]
      from generate_series(1, 4) g, (select id from enterprises where park_id = ${parkId} limit 1) e`);
  // Fire service: a contract, 5 visits in the period, and 12 of the fire hazards above found by them (6 消防设施器材,
  // 4 安全疏散, 1 电气线路与用电, 1 动火作业; all closed).
  await db.execute(sql`
    insert into service_providers (park_id, name, kinds) values (${parkId}, '总结测试消防技术服务机构', array['fireService'])`);
  await db.execute(sql`
    insert into fire_service_contracts (park_id, serial, title, provider_id, starts_on, ends_on, amount, content, covers_all)
    select ${parkId}, 'XF-T1', '2024年消防技术服务', p.id, '2024-01-01', '2024-12-31', 50000, '消防技术服务', true
      from service_providers p where p.park_id = ${parkId} and p.name = '总结测试消防技术服务机构'`);
  await db.execute(sql`
    insert into fire_service_visits (park_id, serial, contract_id, enterprise_id, visited_on, provider_staff, content)
    select ${parkId}, 'XFV-T' || g, c.id, e.id, date '2024-04-01' + g, array['专家甲'], '消防检查'
      from generate_series(1, 5) g, (select id from fire_service_contracts where park_id = ${parkId} and serial = 'XF-T1') c,
           (select id from enterprises where park_id = ${parkId} limit 1) e`);
  await db.execute(sql`
    insert into fire_service_findings (park_id, visit_id, hazard_id, problem, position)
    select ${parkId}, v.id, h.id,
           case when g <= 6 then 'facilities' when g <= 10 then 'evacuation' when g = 11 then 'electrical' else 'hotWork' end,
           g
      from generate_series(1, 12) g
      join hazards h on h.park_id = ${parkId} and h.serial = 'RPT' || lpad((300 + g)::text, 6, '0')
      join fire_service_visits v on v.park_id = ${parkId} and v.serial = 'XFV-T' || (1 + g % 5)`);
  // Responsibility letters of 2024: a 部门版 issued to five member units, four of them signed.
  await db.execute(sql`
    insert into responsibility_templates (park_id, year, version, created_at, updated_at)
    values (${parkId}, 2024, 'department', '2024-01-05', '2024-01-05') on conflict do nothing`);
  await db.execute(sql`
    insert into responsibility_template_revisions (park_id, template_id, revision, content, created_at)
    select ${parkId}, t.id, 1, '{"title":"2024年度安全生产目标责任书","preamble":"","articles":[],"indicators":[]}'::jsonb,
           '2024-01-05'
      from responsibility_templates t where t.park_id = ${parkId} and t.year = 2024 and t.version = 'department'
    on conflict do nothing`);
  await db.execute(sql`
    with t as (select id from responsibility_templates where park_id = ${parkId} and year = 2024 and version = 'department'),
         o as (select id, row_number() over (order by id) as i from organisations
                where park_id = ${parkId} and kind = 'department' limit 5)
    insert into responsibility_letters (park_id, template_id, party_id, revision, issued_at, signed_at, signer_name,
                                        signature_png, digest)
    select ${parkId}, t.id, o.id, 1, '2024-01-10',
           case when o.i <= 4 then timestamptz '2024-01-20 10:00+08' end,
           case when o.i <= 4 then '负责人' || o.i end,
           case when o.i <= 4 then '\\x89504e47'::bytea end,
           case when o.i <= 4 then repeat('a', 64) end
      from t, o
    on conflict do nothing`);
  // The year's safety status survey, closed: 200 enterprises submitted, 10 drafts not counted.
  await db.execute(sql`
    insert into surveys (park_id, year, title, status, opened_at, closed_at)
    values (${parkId}, 2024, '2024年工贸行业企业安全生产状况调查', 'closed', '2024-03-01', '2024-05-31')`);
  await db.execute(sql`
    with s as (select id from surveys where park_id = ${parkId} and year = 2024),
         e as (select id, row_number() over (order by id) as i from enterprises
                where park_id = ${parkId} and status <> 'cancelled')
    insert into survey_responses (park_id, survey_id, enterprise_id, status, submitted_at)
    select ${parkId}, s.id, e.id, case when e.i <= 200 then 'submitted' else 'draft' end,
           case when e.i <= 200 then timestamptz '2024-04-10 10:00+08' end
      from s, e where e.i <= 210`);
});
afterAll(async () => {
  clock.reset();
  await env?.close();
});

const get = async <T>(c: Client, url: string) => {
  const r = await c.get(url);
  expect(r.statusCode, r.body).toBe(200);
  return r.json() as T;
};

async function generate(c: Client): Promise<JobView> {
  const res = await c.post('/api/reports/generate', H1);
  expect(res.statusCode, res.body).toBe(202);
  let job = (res.json() as ReportGenerateAccepted).job;
  for (let i = 0; i < 1200 && job.status !== 'succeeded' && job.status !== 'failed'; i++) {
    await new Promise((r) => setTimeout(r, 50));
    job = await get<JobView>(c, `/api/reports/jobs/${job.id}`);
  }
  expect(job.status, job.error ?? '').toBe('succeeded');
  return job;
}

describe('period summary', () => {
  it('writes the half-year with the seed’s sentences and the dashboard’s figures', async () => {
    const saved = await sup.request('PUT', '/api/reports/draft', {
      ...H1,
      version: 0,
      sections: { problems: '一是部分企业主体责任落实不到位。\n二是下一步继续加强隐患排查治理。' },
    });
    expect(saved.statusCode, saved.body).toBe(200);

    const preview = await get<ReportPreview>(sup, `/api/reports/preview?${Q}`);
    expect(preview.title).toContain('2024年');
    expect(preview.title).toContain('上半年工作总结');

    const job = await generate(sup);
    const list = await get<ReportList>(leader, `/api/reports?from=${H1.from}&to=${H1.to}`);
    expect(list.items).toHaveLength(1);
    const report = list.items[0]!;
    expect(report.sm3).toMatch(/^[0-9a-f]{64}$/);
    expect(report.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(job.result).toMatchObject({ reportId: report.id, sm3: report.sm3 });

    // The leader downloads it (read permission); the text holds the seed's sentences with the known numbers.
    const file = await leader.get(report.downloadUrl);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toContain('wordprocessingml');
    const text = docxText(file.rawPayload);
    const dashView = await get<DashboardView>(sup, `/api/dashboard?from=${H1.from}&to=${H1.to}`);
    // GB/T 9704: A4, margins 37/35/28/26 mm, body 三号 (16 pt = 32 half-points) 仿宋, with the installed fallbacks.
    const parts = unzip(file.rawPayload);
    const xml = parts.get('word/document.xml')!.toString('utf8');
    expect(xml).toMatch(/<w:pgSz w:w="1190[56]" w:h="1683[78]"/);
    expect(xml).toMatch(/<w:pgMar w:top="209[78]" w:right="1474" w:bottom="1984" w:left="1587"/);
    expect(xml).toContain('w:eastAsia="仿宋_GB2312"');
    expect(xml).toContain('<w:sz w:val="32"/>');
    expect(parts.get('word/fontTable.xml')!.toString('utf8')).toContain(
      '<w:font w:name="仿宋_GB2312"><w:altName w:val="Noto Serif CJK SC"/>',
    );
    expect(text).toContain('上半年，');
    expect(text).toContain('组织召开了2次安委会扩大会议');
    expect(text).toContain('分别组织开展了春季安全生产大检查、汛期和高温期间安全生产大检查');
    expect(text).toContain('共出动检查人员245人次，共检查生产经营单位183家次，排查安全隐患422处');
    expect(text).toContain('其中安全生产领域300处、消防安全领域122处');
    expect(text).toContain('已整改销号400处，整改率94.8%');
    // Key sectors as the dashboard counts them (the demo enterprises' supervision tags).
    expect(dashView.byTag.some((x) => x.value > 0)).toBe(true);
    for (const t of dashView.byTag.filter((x) => x.value > 0)) expect(text).toContain(`${t.label}（${t.value}处）`);
    expect(text).toContain('排查重大事故隐患2处，已整改销号2处：');
    expect(text).toContain('打击取缔非法加油车（点）3起');
    expect(text).toContain('对辖区内要求复工复产的41家企业进行安全生产条件确认和安全生产指导工作');
    expect(text).toContain('组织企业开展应急救援演练活动3场次，参演人员265人次');
    expect(text).toContain('一是部分企业主体责任落实不到位。');
    // The commendations of the period, the demo park's own among them (ours: 1 enterprise, 2 individuals).
    const awards = await rows<{ kind: string; n: number }>(
      env.database.db,
      sql`select kind, count(*)::int as n from commendations
           where park_id = ${parkId} and awarded_on between ${H1.from} and ${H1.to} group by kind`,
    );
    const n = (k: string) => Number(awards.find((a) => a.kind === k)?.n ?? 0);
    expect(n('enterprise')).toBeGreaterThanOrEqual(1);
    expect(n('individual')).toBeGreaterThanOrEqual(2);
    expect(text).toContain(`对安全生产工作突出的${n('enterprise')}家企业、${n('individual')}名个人颁发嘉奖证书`);
    // Headings 一、…; a figure with nothing recorded (special funds) is left out, never invented.
    expect(text).toMatch(/一、召开会议、学习贯彻/);
    // 二、the survey's completion, as the surveys list states it.
    const surveys = await get<{ items: { year: number; completion: { total: number; submitted: number } }[] }>(
      sup,
      '/api/surveys?year=2024',
    );
    const c = surveys.items[0]!.completion;
    expect(c.submitted).toBe(200);
    expect(text).toContain(
      `组织开展了2024年工贸行业企业安全生产状况调查，应填报企业${c.total}家，已提交200家，完成率${(Math.round((200 / c.total) * 1000) / 10).toFixed(1)}%`,
    );
    // 二、the year's letters: issued, signed and the rate, from one figure; the rate is the dashboard's.
    const [letters] = await rows<{ issued: number; signed: number }>(
      env.database.db,
      sql`select count(*)::int as issued, count(l.signed_at)::int as signed
            from responsibility_letters l join responsibility_templates t on t.id = l.template_id
           where l.park_id = ${parkId} and t.year = 2024`,
    );
    expect(letters!.issued).toBeGreaterThanOrEqual(5);
    const rate = Math.round((letters!.signed / letters!.issued) * 1000) / 10;
    expect(dashView.figures.find((x) => x.key === 'signingRate')?.value).toBe(rate);
    expect(text).toContain(
      `签订安全生产目标责任书，下发${letters!.issued}份，签订${letters!.signed}份，签订率为${rate.toFixed(1)}%`,
    );
    expect(text).not.toContain('投入安全生产专项资金');
    // 六、消防: the visits and the analysis of their findings (the three weak links, most frequent first).
    expect(text).toContain('共服务检查企业5家次');
    expect(text).toContain(
      '通过台账的分析，服务检查共发现消防隐患12处，已整改12处；消防薄弱环节主要集中在消防设施器材（6处）、安全疏散（4处）、电气线路与用电（1处）。',
    );
    const analysis = await get<Analysis>(sup, `/api/fire-service/analysis?from=${H1.from}&to=${H1.to}`);
    expect([analysis.totals.findings, analysis.totals.rectified, analysis.totals.visits]).toEqual([12, 12, 5]);
    expect(analysis.problems.slice(0, 3).map((x) => [x.problem, x.findings])).toEqual([
      ['facilities', 6],
      ['evacuation', 4],
      ['electrical', 1],
    ]);
    expect(text).toContain('数据口径');

    // The dashboard states the same figures for the same period.
    const dash = await get<DashboardView>(sup, `/api/dashboard?from=${H1.from}&to=${H1.to}`);
    const d = (k: string) => dash.figures.find((f) => f.key === k)?.value;
    expect([d('inspectorVisits'), d('inspections'), d('hazardsFound'), d('hazardsRectified')]).toEqual([
      245, 183, 422, 400,
    ]);
    expect(d('meetings')).toBe(2);
    expect([d('hazardsMajor'), dash.majorsClosed]).toEqual([2, 2]);
    expect([d('drills'), d('drillParticipants'), d('resumptions')]).toEqual([3, 265, 41]);
    const { figures } = await get<{ figures: ReportFigure[] }>(sup, `/api/reports/${report.id}`);
    const f = (k: string) => figures.find((x) => x.key === k);
    expect(f('inspectorVisits')).toMatchObject({ value: '245人次', count: 183 });
    expect(f('inspections')).toMatchObject({ value: '183家次', count: 183 });
    expect(f('hazardsFound')).toMatchObject({ value: '422处', count: 422 });
    expect(f('hazardsFound')!.definition).toContain('发现日期');
    expect(f('hazardsFound')!.filters).toContain('2024-01-01 至 2024-06-30');
    expect(f('hazardsMajorClosed')).toMatchObject({ value: '2处', count: 2 });
    expect(f('resumptionsConfirmed')).toMatchObject({ value: '41家', count: 41 });
    expect(f('drillsHeld')).toMatchObject({ value: '3场次', count: 3 });
    expect(f('drillParticipants')).toMatchObject({ value: '265人次', count: 3 });
    expect(f('lettersIssued')?.count).toBe(letters!.issued);
    expect(f('lettersSigned')?.count).toBe(letters!.signed);
    expect(f('signingRate')).toMatchObject({ value: `${rate.toFixed(1)}%`, count: letters!.issued });
    // Every figure of the appendix is in the document.
    for (const x of figures) expect(text).toContain(x.label);
  });

  it('gives the same figures when the closed period is generated again', async () => {
    await generate(sup);
    const list = await get<ReportList>(sup, `/api/reports?from=${H1.from}&to=${H1.to}`);
    expect(list.items).toHaveLength(2);
    const [a, b] = await Promise.all(
      list.items.map((r) => get<{ figures: ReportFigure[] }>(sup, `/api/reports/${r.id}`)),
    );
    expect(a!.figures.length).toBeGreaterThan(8);
    expect(a!.figures).toEqual(b!.figures);
  });

  it('answers a request for a period already generating with the running job', async () => {
    // Two supervisors click 生成 at the same moment: one job, the second request answered with it.
    const [r1, r2] = await Promise.all([sup.post('/api/reports/generate', H1), sup2.post('/api/reports/generate', H1)]);
    expect([r1.statusCode, r2.statusCode]).toEqual([202, 202]);
    const [a, b] = [r1.json() as ReportGenerateAccepted, r2.json() as ReportGenerateAccepted];
    expect(b.job.id).toBe(a.job.id);
    expect([a.alreadyRunning, b.alreadyRunning]).toEqual([false, true]);
    // The colleague follows the job to its end.
    let v = b.job;
    for (let i = 0; i < 1200 && v.status !== 'succeeded' && v.status !== 'failed'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      v = await get<JobView>(sup2, `/api/reports/jobs/${v.id}`);
    }
    expect(v.status).toBe('succeeded');
  });

  it('refuses a stale draft save with 409 and a Chinese message', async () => {
    const cur = await get<ReportDraftView>(sup, `/api/reports/draft?${Q}`);
    expect(cur.version).toBe(1);
    const ok = await sup.request('PUT', '/api/reports/draft', { ...H1, version: 1, sections: { intro: '今年以来……' } });
    expect(ok.statusCode, ok.body).toBe(200);
    expect((ok.json() as ReportDraftView).version).toBe(2);
    // The colleague still holds version 1.
    const stale = await sup2.request('PUT', '/api/reports/draft', { ...H1, version: 1, sections: { intro: '覆盖' } });
    expect(stale.statusCode).toBe(409);
    expect((stale.json() as Err).error.code).toBe('REPORT_DRAFT_STALE');
    expect((stale.json() as Err).error.message).toContain('已被他人修改');
    // A second "first" draft of the same period is stale too.
    const again = await sup2.request('PUT', '/api/reports/draft', { ...H1, version: 0, sections: {} });
    expect(again.statusCode).toBe(409);
    expect((await get<ReportDraftView>(sup, `/api/reports/draft?${Q}`)).sections.intro).toBe('今年以来……');
  });

  it('refuses bad periods, another park and roles without the permission, by name', async () => {
    const backwards = await sup.get(`/api/reports/preview?kind=custom&from=2024-06-30&to=2024-01-01`);
    expect(backwards.statusCode).toBe(400);
    expect(JSON.stringify(backwards.json())).toContain('结束日期不能早于开始日期');
    const future = await sup.post('/api/reports/generate', { kind: 'year', from: '2027-01-01', to: '2027-12-31' });
    expect(future.statusCode).toBe(422);
    expect((future.json() as Err).error.code).toBe('PERIOD_IN_FUTURE');
    const other = await sup.post('/api/reports/generate', { ...H1, parkId: '00000000-0000-4000-8000-000000000001' });
    expect(other.statusCode).toBe(403);
    expect((other.json() as Err).error.code).toBe('PARK_NOT_VISIBLE');
    const badKind = await sup.get(`/api/reports/preview?kind=decade&from=${H1.from}&to=${H1.to}`);
    expect(badKind.statusCode).toBe(400);
    // Leaders read and download but do not write; an inspector reads nothing.
    expect((await leader.post('/api/reports/generate', H1)).statusCode).toBe(403);
    expect((await leader.request('PUT', '/api/reports/draft', { ...H1, version: 2, sections: {} })).statusCode).toBe(
      403,
    );
    expect((await inspector.get('/api/reports')).statusCode).toBe(403);
    expect((await inspector.get(`/api/reports/preview?${Q}`)).statusCode).toBe(403);
    const audit = await rows<{ action: string }>(
      env.database.db,
      sql`select action from audit_log where action like 'report.%' order by seq`,
    );
    expect(audit.map((a) => a.action)).toContain('report.generate');
    expect(audit.map((a) => a.action)).toContain('report.draftSave');
  });
});
