// Coverage (全覆盖) and the leaders' dashboard (issue 15) through the API on the demo park: coverage of enterprises with
// known risk levels, grades and inspections is exactly what the frequency table requires; the campaign for the
// uncovered targets exactly them; every dashboard figure equals the count of the list it links to (same filters);
// bad periods and another park are refused by name.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoveragePage, DashboardView } from '../../../../shared/src/dashboard';
import { periodOf, requiredInPeriod } from '../../../../shared/src/dashboard';
import { usccCheckChar } from '../../../../shared/src/uscc';
import { clock } from '../../platform/clock';
import { rows } from '../../platform/db';
import { periodFigure } from '../../platform/period-figures';
import { type Client, createTestEnv, signedIn, type TestEnv } from '../../testing/harness';

let env: TestEnv;
let sup: Client;
let leader: Client;
let parkId: string;
type Err = { error: { code: string; message: string; fields?: Record<string, string> } };
const AREA = '覆盖测试片区';
const H1 = { from: '2026-01-01', to: '2026-06-30' };

/** Five enterprises of one area with known risk level, grade and inspections (E5 unrated and not scored: base A). */
const FIXTURE = [
  { key: 'E1', risk: 'major', grade: 'D', inspections: [] as string[], self: [] as string[] },
  { key: 'E2', risk: 'low', grade: 'A', inspections: ['2026-03-01'], self: [] },
  { key: 'E3', risk: 'general', grade: 'B', inspections: ['2026-05-20'], self: ['2026-05-21'] },
  { key: 'E4', risk: 'significant', grade: 'C', inspections: ['2026-02-01', '2026-06-30', '2026-07-01'], self: [] },
  { key: 'E5', risk: null, grade: null, inspections: [], self: [] },
] as const;
const ids = new Map<string, string>();

beforeAll(async () => {
  clock.set(new Date('2026-11-23T02:00:00Z'));
  env = await createTestEnv();
  sup = await signedIn(env.app, 'supervisor');
  leader = await signedIn(env.app, 'leader');
  const [park] = await rows<{ park_id: string }>(env.database.db, sql`select park_id from enterprises limit 1`);
  parkId = park!.park_id;
  const rank = { major: 4, significant: 3, general: 2, low: 1 } as Record<string, number>;
  let n = 0;
  const statements: string[] = [];
  const pq = (v: string | null) => (v === null ? 'null' : `'${v}'`);
  for (const f of FIXTURE) {
    n += 1;
    const first17 = `9133019999990000${n}`;
    const created = await sup.post('/api/enterprises', {
      name: `覆盖测试企业${f.key}`,
      creditCode: `${first17}${usccCheckChar(first17)}`,
      area: AREA,
      siteType: 'ownSite',
      status: 'operating',
    });
    expect(created.statusCode, created.body).toBe(200);
    const id = (created.json() as { id: string }).id;
    ids.set(f.key, id);
    statements.push(
      `update enterprises set risk_level = ${pq(f.risk)}, risk_rank = ${f.risk ? rank[f.risk] : 0} where id = '${id}'`,
    );
    if (f.grade) {
      statements.push(
        `insert into credit_scores (park_id, enterprise_id, score, grade, rule_version, computed_on)
         select park_id, '${id}', 50, '${f.grade}', 0, '2026-11-23' from enterprises where id = '${id}'
         on conflict (park_id, enterprise_id) do update set score = 50, grade = excluded.grade`,
      );
    }
    for (const [days, kind] of [
      [f.inspections, 'supervision'],
      [f.self, 'selfInspection'],
    ] as const) {
      for (const d of days) {
        statements.push(
          `insert into inspections (park_id, enterprise_id, inspected_on, kind, inspector_names)
           select park_id, '${id}', '${d}', '${kind}', array['专家甲'] from enterprises where id = '${id}'`,
        );
      }
    }
  }
  for (const s of statements) await env.owner.exec(s);
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

describe('coverage', () => {
  it('requires what the frequency table says for the period, and judges covered / uncovered / over exactly', async () => {
    const page = await get<CoveragePage>(
      sup,
      `/api/coverage?from=${H1.from}&to=${H1.to}&area=${encodeURIComponent(AREA)}&pageSize=100`,
    );
    // 181 days: 12/yr → 6, 1/yr → 0, 2/yr → 1, 6/yr → 3, 1/yr → 0 (defaults: D×重大 12, A×低 1, B×一般 2, C×较大 6, A×未评定 1).
    expect(page.days).toBe(181);
    expect([12, 1, 2, 6].map((y) => requiredInPeriod(y, 181))).toEqual([6, 0, 1, 3]);
    const by = new Map(page.items.map((r) => [r.name.slice(-2), r]));
    const pick = (k: string) => {
      const r = by.get(k)!;
      return [r.grade, r.requiredPerYear, r.required, r.inspections, r.status];
    };
    expect(pick('E1')).toEqual(['D', 12, 6, 0, 'uncovered']);
    expect(pick('E2')).toEqual(['A', 1, 0, 1, 'over']);
    // The self-inspection does not count; the inspection of 1 July is outside the period.
    expect(pick('E3')).toEqual(['B', 2, 1, 1, 'covered']);
    expect(pick('E4')).toEqual(['C', 6, 3, 2, 'uncovered']);
    expect(pick('E5')).toEqual(['A', 1, 0, 0, 'covered']);
    // Never inspected first.
    expect(page.items[0]!.name).toBe('覆盖测试企业E1');
    expect(page.summary).toMatchObject({ enterprises: 5, uncovered: 2, covered: 2, over: 1, neverInspected: 2 });
    expect(page.summary.coverageRate).toBe(60);
    const uncovered = await get<CoveragePage>(
      sup,
      `/api/coverage?from=${H1.from}&to=${H1.to}&area=${encodeURIComponent(AREA)}&status=uncovered`,
    );
    expect(uncovered.total).toBe(2);
    expect(uncovered.items.map((r) => r.name).sort()).toEqual(['覆盖测试企业E1', '覆盖测试企业E4']);
    // Filters by grade and tag narrow the same rows.
    const gradeD = await get<CoveragePage>(
      sup,
      `/api/coverage?from=${H1.from}&to=${H1.to}&area=${encodeURIComponent(AREA)}&grade=D`,
    );
    expect(gradeD.items.map((r) => r.name)).toEqual(['覆盖测试企业E1']);
  });

  it("each row's rectification coverage equals the ledger's counts for that enterprise and period", async () => {
    const page = await get<CoveragePage>(
      sup,
      `/api/coverage?from=${H1.from}&to=${H1.to}&sort=inspections&order=desc&pageSize=5`,
    );
    expect(page.items.length).toBe(5);
    for (const r of page.items) {
      const q = `enterpriseId=${r.enterpriseId}&foundFrom=${H1.from}&foundTo=${H1.to}`;
      const all = await get<{ total: number }>(sup, `/api/hazards/counts?${q}`);
      const closed = await get<{ total: number }>(sup, `/api/hazards/counts?${q}&status=closed`);
      const insp = await get<{ total: number }>(
        sup,
        `/api/inspections?enterpriseId=${r.enterpriseId}&supervisory=true&from=${H1.from}&to=${H1.to}`,
      );
      expect([r.hazardsFound, r.hazardsClosed, r.inspections]).toEqual([all.total, closed.total, insp.total]);
    }
  });

  it("the summary's hazards found and closed are those of the selected enterprises, cancelled ones aside", async () => {
    const db = env.database.db;
    // An enterprise with hazards in the period is cancelled: the park-wide summary (read from the day rollup, less
    // cancelled enterprises' hazards) and the filtered ones (counted) must both leave its hazards out.
    const [busy] = await rows<{ id: string; area: string | null }>(
      db,
      sql`select h.enterprise_id as id, e.area from hazards h join enterprises e on e.id = h.enterprise_id
           where h.park_id = ${parkId} and h.found_on between ${H1.from} and ${H1.to}
           group by 1, 2 order by count(*) desc, 1 limit 1`,
    );
    expect(busy?.area).toBeTruthy();
    const truth = async (cond: ReturnType<typeof sql>) => {
      const [t] = await rows<{ found: number; closed: number }>(
        db,
        sql`select count(*)::int as found, count(*) filter (where h.status = 'closed')::int as closed
              from hazards h join enterprises e on e.id = h.enterprise_id
             where h.park_id = ${parkId} and h.found_on between ${H1.from} and ${H1.to}
               and e.status <> 'cancelled' and ${cond}`,
      );
      return [t!.found, t!.closed];
    };
    const summary = async (extra: string) => {
      const p = await get<CoveragePage>(sup, `/api/coverage?from=${H1.from}&to=${H1.to}${extra}`);
      return [p.summary.hazardsFound, p.summary.hazardsClosed];
    };
    const area = `&area=${encodeURIComponent(busy!.area!)}`;
    const [status] = await rows<{ status: string }>(db, sql`select status from enterprises where id = ${busy!.id}`);
    for (const cancelled of [false, true]) {
      if (cancelled) await db.execute(sql`update enterprises set status = 'cancelled' where id = ${busy!.id}`);
      const all = await truth(sql`true`);
      expect(all[0]).toBeGreaterThan(0);
      expect(await summary('')).toEqual(all);
      expect(await summary(area)).toEqual(await truth(sql`e.area = ${busy!.area}`));
      expect(await summary(`${area}&riskLevel=none`)).toEqual(
        await truth(sql`e.area = ${busy!.area} and e.risk_level is null`),
      );
      // The dashboard's coverage reads the same summary.
      const v = await get<DashboardView>(sup, `/api/dashboard?from=${H1.from}&to=${H1.to}`);
      const enterprises = v.coverage.reduce((t, c) => t + c.value, 0);
      const [n] = await rows<{ n: number }>(
        db,
        sql`select count(*)::int as n from enterprises where park_id = ${parkId} and status <> 'cancelled'`,
      );
      expect(enterprises).toBe(n!.n);
    }
    await db.execute(sql`update enterprises set status = ${status!.status} where id = ${busy!.id}`);
  });

  it('creates a campaign targeting exactly the uncovered enterprises, through the campaigns service', async () => {
    const r = await sup.post('/api/coverage/campaign', {
      coverage: { from: H1.from, to: H1.to, area: AREA },
      name: '上半年未覆盖企业补充检查',
      campaignTypes: ['other'],
      startsOn: '2026-11-24',
      endsOn: '2026-12-20',
    });
    expect(r.statusCode, r.body).toBe(200);
    const campaign = r.json() as { id: string; target: { enterprises: { id: string }[] } };
    expect(campaign.target.enterprises.map((e) => e.id).sort()).toEqual([ids.get('E1'), ids.get('E4')].sort());
    const targets = await get<{ enterpriseId: string }[]>(sup, `/api/campaigns/${campaign.id}/coverage`);
    expect(targets.map((t) => t.enterpriseId).sort()).toEqual([ids.get('E1'), ids.get('E4')].sort());
    // A leader reads coverage but plans no campaign.
    const denied = await leader.post('/api/coverage/campaign', {
      coverage: { from: H1.from, to: H1.to, area: AREA },
      name: '上半年未覆盖企业补充检查',
      campaignTypes: ['other'],
      startsOn: '2026-11-24',
      endsOn: '2026-12-20',
    });
    expect(denied.statusCode).toBe(403);
  });

  it('exports the filtered coverage as Excel', async () => {
    const r = await sup.get(`/api/coverage/export?from=${H1.from}&to=${H1.to}&area=${encodeURIComponent(AREA)}`);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.headers['content-type']).toContain('spreadsheetml');
    expect(r.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });
});

describe('dashboard', () => {
  it('each hazard and inspection figure equals the count of the list it links to', async () => {
    const h1 = periodOf('half', '2026-03-15');
    expect(h1).toEqual(H1);
    const v = await get<DashboardView>(leader, `/api/dashboard?from=${H1.from}&to=${H1.to}`);
    const fig = (k: string) => v.figures.find((f) => f.key === k)!;
    expect(fig('hazardsFound').value).toBeGreaterThan(0);
    const countOf = async (link: string) => {
      const [path, query] = link.split('?') as [string, string];
      const params = new URLSearchParams(query);
      if (path === '/hazards') return (await get<{ total: number }>(leader, `/api/hazards/counts?${params}`)).total;
      if (path === '/inspections') return (await get<{ total: number }>(leader, `/api/inspections?${params}`)).total;
      if (path === '/enterprises') return (await get<{ total: number }>(leader, `/api/enterprises?${params}`)).total;
      if (path === '/coverage') return (await get<CoveragePage>(leader, `/api/coverage?${params}`)).total;
      throw new Error(path);
    };
    for (const k of ['hazardsFound', 'hazardsRectified', 'hazardsOverdue', 'hazardsMajor', 'inspections']) {
      expect(await countOf(fig(k).link!), k).toBe(fig(k).value);
    }
    // 检查企业数 (家): the park's enterprises with a supervisory inspection in the period — read from coverage's
    // statement for a park-wide role — is the inspections' own count.
    const [inspected] = await rows<{ n: number }>(
      env.database.db,
      sql`select count(distinct enterprise_id)::int as n from inspections
           where park_id = ${parkId} and kind <> 'selfInspection' and inspected_on between ${H1.from} and ${H1.to}`,
    );
    expect(inspected!.n).toBeGreaterThan(0);
    expect(fig('enterprisesInspected').value).toBe(inspected!.n);
    const rate = fig('rectificationRate').value;
    expect(rate).toBe(Math.round((fig('hazardsRectified').value! / fig('hazardsFound').value!) * 1000) / 10);
    for (const p of [...v.byDomain, ...v.byTag, ...v.byStatus, ...v.riskLevels, ...v.creditGrades, ...v.coverage]) {
      if (p.link) expect(await countOf(p.link), p.label).toBe(p.value);
    }
    for (const m of v.trend.filter((t) => t.hazardsFound > 0).slice(0, 2)) {
      expect(await countOf(m.hazardsLink)).toBe(m.hazardsFound);
      expect(await countOf(m.inspectionsLink)).toBe(m.inspections);
    }
    // The months add up to the period's figures.
    expect(v.trend.reduce((t, m) => t + m.hazardsFound, 0)).toBe(fig('hazardsFound').value);
    expect(v.trend.reduce((t, m) => t + m.inspections, 0)).toBe(fig('inspections').value);
    expect(v.trend.map((m) => m.month)).toEqual(['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06']);
    // A module's slot shows the module's own figure for the period; a module not connected is 未接入, never zero.
    const training = (await leader.get(`/api/training/figures?from=${H1.from}&to=${H1.to}`)).json() as {
      sessions: number;
      attendees: number;
    };
    expect(fig('trainings')).toMatchObject({ connected: true, value: training.sessions });
    expect(fig('trainingAttendees')).toMatchObject({ connected: true, value: training.attendees });
    for (const k of ['drills', 'drillParticipants', 'resumptions']) expect(fig(k).connected, k).toBe(true);
    expect(fig('inspections').definition).toContain('不含企业自查');
  });

  it('drills and resumption figures equal the totals of the lists they open, and the period figures agree', async () => {
    // The demo's 2023: the 有限空间 observation day and enterprise drills, the season of 41 confirmations.
    const Y = { from: '2023-01-01', to: '2023-12-31' };
    const v = await get<DashboardView>(leader, `/api/dashboard?from=${Y.from}&to=${Y.to}`);
    const fig = (k: string) => v.figures.find((f) => f.key === k)!;
    const api = (link: string) => {
      const [path, query] = link.split('?') as [string, string];
      return `/api${path}?${query}`;
    };
    expect(fig('drills').value).toBeGreaterThan(0);
    expect(fig('drills').link).toBe(`/drills?from=${Y.from}&to=${Y.to}`);
    const drills = await get<{ total: number; items: { headcount: number }[] }>(
      leader,
      `${api(fig('drills').link!)}&pageSize=100`,
    );
    expect(drills.total).toBe(fig('drills').value);
    expect(drills.items.reduce((n, d) => n + d.headcount, 0)).toBe(fig('drillParticipants').value);
    expect(fig('resumptions').value).toBeGreaterThanOrEqual(41);
    expect(fig('resumptions').link).toBe(`/resumption?state=confirmed&checkedFrom=${Y.from}&checkedTo=${Y.to}`);
    expect((await get<{ total: number }>(leader, api(fig('resumptions').link!))).total).toBe(fig('resumptions').value);
    // The period summary reads the same queries over the park.
    const q = { parkId, from: Y.from, to: Y.to };
    expect(await periodFigure(env.database.db, 'drillsHeld', q)).toBe(fig('drills').value);
    expect(await periodFigure(env.database.db, 'drillParticipants', q)).toBe(fig('drillParticipants').value);
    expect(await periodFigure(env.database.db, 'resumptionsConfirmed', q)).toBe(fig('resumptions').value);
    // A period without any: zero, connected (not 未接入).
    const empty = await get<DashboardView>(leader, '/api/dashboard?from=2020-01-01&to=2020-03-31');
    expect(empty.figures.find((f) => f.key === 'drills')).toMatchObject({ connected: true, value: 0 });
    expect(empty.figures.find((f) => f.key === 'resumptions')).toMatchObject({ connected: true, value: 0 });
  });

  it('downloads a figure table as Excel', async () => {
    const r = await leader.get(`/api/dashboard/export?from=${H1.from}&to=${H1.to}&table=byDomain`);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('refuses a period ending before it starts, one in the future and a park the user cannot see, by name', async () => {
    const backwards = await leader.get('/api/dashboard?from=2026-06-30&to=2026-01-01');
    expect(backwards.statusCode).toBe(400);
    expect((backwards.json() as Err).error.fields?.to).toContain('结束日期不能早于开始日期');
    const future = await leader.get('/api/dashboard?from=2027-01-01&to=2027-06-30');
    expect(future.statusCode).toBe(422);
    expect((future.json() as Err).error).toMatchObject({
      code: 'PERIOD_IN_FUTURE',
      fields: { from: '开始日期不能晚于今天' },
    });
    const other = await leader.get(`/api/dashboard?from=${H1.from}&to=${H1.to}&parkId=${randomUUID()}`);
    expect(other.statusCode).toBe(403);
    expect((other.json() as Err).error).toMatchObject({
      code: 'PARK_NOT_VISIBLE',
      fields: { parkId: '无权查看该园区' },
    });
    const own = await leader.get(`/api/dashboard?from=${H1.from}&to=${H1.to}&parkId=${parkId}`);
    expect(own.statusCode, own.body).toBe(200);
    const coverageFuture = await sup.get('/api/coverage?from=2027-01-01&to=2027-03-31');
    expect(coverageFuture.statusCode).toBe(422);
    const ent = await signedIn(env.app, 'enterprise1');
    expect((await ent.get(`/api/dashboard?from=${H1.from}&to=${H1.to}`)).statusCode).toBe(403);
  });
});
