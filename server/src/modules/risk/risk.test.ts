// Risk graded control through the API: calculator and service agree, thresholds re-band points and enterprises
// (audited), the enterprise level follows its points and keeps an override, data scope, review, import, hazards.
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assess } from '../../../../shared/src/risk';
import { usccCheckChar } from '../../../../shared/src/uscc';
import { shanghaiToday } from '../../../../shared/src/validators';
import { rows } from '../../platform/db';
import { indicatorProvider } from '../../platform/indicators';
import { addDays } from './repository';
import './indicators';
import { type Client, createTestEnv, signedIn, type TestEnv } from '../../testing/harness';

let env: TestEnv;
let sup: Client;
let admin: Client;
let ent1: Client;
let own: string;
let other: string;

const err = (res: { json(): unknown }) =>
  (res.json() as { error: { code: string; message: string; fields?: Record<string, string> } }).error;

function creditCode(n: number): string {
  for (let i = n; ; i++) {
    const body = `91370300MA${String(i).padStart(7, '0')}`;
    const check = usccCheckChar(body);
    if (check) return body + check;
  }
}

let codeSeq = 1000;
/** A fresh enterprise of the park with no risk points. */
async function newEnterprise(name: string, tags: string[] = []): Promise<{ id: string; creditCode: string }> {
  const code = creditCode(codeSeq);
  codeSeq += 37;
  const res = await sup.post('/api/enterprises', {
    name,
    creditCode: code,
    siteType: 'ownSite',
    area: '东区',
    supervisionTags: tags,
  });
  expect(res.statusCode, res.body).toBe(200);
  return { id: (res.json() as { id: string }).id, creditCode: code };
}

const point = (enterpriseId: string, extra: Record<string, unknown> = {}) => ({
  enterpriseId,
  name: '液氨制冷机房',
  location: '制冷机房',
  activity: '制冷系统运行',
  hazardFactors: '液氨泄漏、安全阀失效',
  accidentTypes: ['poisoningAsphyxiation', 'vesselExplosion'],
  method: 'LEC',
  likelihood: 6,
  exposure: 6,
  consequence: 15,
  controlMeasures: { engineering: '氨气泄漏报警与事故排风联锁', management: '每班巡检' },
  controlTier: 'company',
  responsiblePerson: '张三',
  nextReviewDate: '2099-06-30',
  ...extra,
});

type PointJson = { id: string; score: number; level: string; colour: string; version: number; reviewStatus: string };
type EntRisk = {
  level: string | null;
  computedLevel: string | null;
  override: { level: string; reason: string } | null;
};

beforeAll(async () => {
  env = await createTestEnv();
  sup = await signedIn(env.app, 'supervisor');
  admin = await signedIn(env.app, 'admin');
  ent1 = await signedIn(env.app, 'enterprise1');
  own = ((await ent1.get('/api/auth/session')).json() as { me: { enterpriseId: string } }).me.enterpriseId;
  const [o] = await rows<{ id: string }>(
    env.database.db,
    sql`select organisation_id as id from users where username = 'enterprise2'`,
  );
  other = o!.id;
});
afterAll(async () => {
  await env?.close();
});

describe('calculator and service agree', () => {
  it('stores the must-show scores, levels and colours', async () => {
    const e = await newEnterprise('风险计算验证有限公司');
    const major = await sup.post('/api/risk/points', point(e.id));
    expect(major.statusCode, major.body).toBe(200);
    expect(major.json()).toMatchObject({ score: 540, level: 'major', colour: 'red', reviewStatus: 'accepted' });
    const general = await sup.post(
      '/api/risk/points',
      point(e.id, { name: '冷库作业区', likelihood: 3, exposure: 6, consequence: 7 }),
    );
    expect(general.json()).toMatchObject({ score: 126, level: 'general', colour: 'yellow' });
    const ls = await sup.post(
      '/api/risk/points',
      point(e.id, { name: '危化品仓库', method: 'LS', likelihood: 4, severity: 5, exposure: null, consequence: null }),
    );
    expect(ls.json()).toMatchObject({ score: 20, level: 'major', colour: 'red' });
    // The web form's calculator gives the same answers.
    for (const res of [major, general, ls]) {
      const p = res.json() as PointJson & {
        method: 'LEC' | 'LS';
        likelihood: number;
        exposure: number | null;
        consequence: number | null;
        severity: number | null;
      };
      const a = assess(p.method, p);
      expect([a.score, a.level, a.colour]).toEqual([p.score, p.level, p.colour]);
    }
  });

  it('refuses factors outside the method’s table with a Chinese message naming the field', async () => {
    const e = await newEnterprise('取值校验有限公司');
    const bad = await sup.post('/api/risk/points', point(e.id, { likelihood: 5 }));
    expect(bad.statusCode).toBe(400);
    expect(err(bad).fields?.likelihood).toContain('10、6、3、1、0.5、0.2、0.1');
    expect(err(bad).message).toContain('L（事故发生的可能性）');
    const noType = await sup.post('/api/risk/points', point(e.id, { accidentTypes: ['爆炸'] }));
    expect(noType.statusCode).toBe(400);
    expect(err(noType).message).toContain('GB 6441');
    const mixed = await sup.post('/api/risk/points', point(e.id, { method: 'LS', likelihood: 4, severity: 5 }));
    expect(mixed.statusCode).toBe(400);
    expect(err(mixed).message).toContain('LS 法不使用');
  });
});

describe('enterprise level', () => {
  it('follows its points when one is added, changed or removed', async () => {
    const e = await newEnterprise('等级跟随有限公司');
    const level = async () => ((await sup.get(`/api/risk/enterprises/${e.id}`)).json() as EntRisk).level;
    expect(await level()).toBeNull();
    const low = (
      await sup.post('/api/risk/points', point(e.id, { name: '配电室', likelihood: 1, exposure: 6, consequence: 7 }))
    ).json() as PointJson;
    expect(low.level).toBe('low');
    expect(await level()).toBe('low');
    const high = (await sup.post('/api/risk/points', point(e.id))).json() as PointJson;
    expect(await level()).toBe('major');
    // The enterprise list filters and sorts by it.
    const listed = (await sup.get('/api/enterprises?riskLevel=major&q=等级跟随')).json() as {
      items: { id: string; riskLevel: string }[];
    };
    expect(listed.items.map((i) => i.id)).toEqual([e.id]);
    expect(listed.items[0]!.riskLevel).toBe('major');
    const changed = await sup.patch(`/api/risk/points/${high.id}`, {
      version: high.version,
      likelihood: 3,
      consequence: 7,
    });
    expect(changed.json()).toMatchObject({ score: 126, level: 'general' });
    expect(await level()).toBe('general');
    const stale = await sup.patch(`/api/risk/points/${high.id}`, { version: high.version, likelihood: 1 });
    expect(stale.statusCode).toBe(409);
    // Review reminders: a past next review date is overdue, one within 30 days due soon (derived at read time).
    const overdue = await sup.patch(`/api/risk/points/${low.id}`, {
      version: low.version,
      nextReviewDate: '2020-01-01',
    });
    expect(overdue.json()).toMatchObject({ reviewDue: 'overdue' });
    const overdueList = (await sup.get(`/api/risk/points?due=overdue&enterpriseId=${e.id}`)).json() as {
      items: { id: string }[];
    };
    expect(overdueList.items.map((i) => i.id)).toEqual([low.id]);
    expect(
      ((await sup.get(`/api/risk/points?due=dueSoon&enterpriseId=${e.id}`)).json() as { total: number }).total,
    ).toBe(0);
    const removed = await sup.request('DELETE', `/api/risk/points/${high.id}?version=${high.version + 1}`);
    expect(removed.statusCode, removed.body).toBe(200);
    expect(await level()).toBe('low');
    const sorted = (await sup.get('/api/enterprises?sort=riskLevel&order=desc&pageSize=5')).json() as {
      items: { riskLevel: string | null }[];
    };
    expect(sorted.items[0]!.riskLevel).toBe('major');
  });

  it('derives the right level when points of one enterprise are written at the same time', async () => {
    const e = await newEnterprise('并发写入有限公司');
    const factors: [number, number, number][] = [
      [1, 6, 7],
      [3, 6, 7],
      [3, 6, 15],
      [6, 6, 15],
      [0.5, 1, 1],
    ];
    const results = await Promise.all(
      factors.map(([l, ex, c], i) =>
        sup.post(
          '/api/risk/points',
          point(e.id, { name: `并发风险点${i}`, likelihood: l, exposure: ex, consequence: c }),
        ),
      ),
    );
    expect(results.map((r) => r.statusCode)).toEqual([200, 200, 200, 200, 200]);
    expect(((await sup.get(`/api/risk/enterprises/${e.id}`)).json() as EntRisk).level).toBe('major');
  });

  it('keeps a supervisor’s override with its reason until it is cleared', async () => {
    const e = await newEnterprise('等级调整有限公司');
    const p = (await sup.post('/api/risk/points', point(e.id, { likelihood: 3, consequence: 7 }))).json() as PointJson;
    expect(p.level).toBe('general');
    const noReason = await sup.request('PUT', `/api/risk/enterprises/${e.id}/override`, { level: 'major' });
    expect(noReason.statusCode).toBe(400);
    expect(err(noReason).message).toContain('调整企业风险等级须填写原因');
    const byEnterprise = await ent1.request('PUT', `/api/risk/enterprises/${own}/override`, {
      level: 'low',
      reason: '自行降级',
    });
    expect(byEnterprise.statusCode).toBe(403);
    const set = await sup.request('PUT', `/api/risk/enterprises/${e.id}/override`, {
      level: 'major',
      reason: '近期发生液氨泄漏未遂事件',
    });
    expect(set.json()).toMatchObject({
      level: 'major',
      computedLevel: 'general',
      override: { level: 'major', reason: '近期发生液氨泄漏未遂事件', byName: '张安监' },
    });
    // A point change moves the computed level; the override sticks.
    await sup.patch(`/api/risk/points/${p.id}`, { version: p.version, likelihood: 1 });
    const after = (await sup.get(`/api/risk/enterprises/${e.id}`)).json() as EntRisk;
    expect(after).toMatchObject({
      level: 'major',
      computedLevel: 'low',
      override: { reason: '近期发生液氨泄漏未遂事件' },
    });
    const major = (await sup.get('/api/risk/major-enterprises?q=等级调整')).json() as {
      items: { enterpriseId: string }[];
    };
    expect(major.items.map((i) => i.enterpriseId)).toEqual([e.id]);
    const cleared = await sup.request('PUT', `/api/risk/enterprises/${e.id}/override`, { level: null });
    expect(cleared.json()).toMatchObject({ level: 'low', override: null });
    const [audit] = await rows<{ n: number }>(
      env.database.db,
      sql`select count(*)::int as n from audit_log where entity_id = ${e.id} and action in ('risk.override', 'risk.overrideCleared')`,
    );
    expect(audit!.n).toBe(2);
  });
});

describe('the annual assessment’s 风险点按期复评', () => {
  it('is the percent of accepted, dated points not past their review date on the year’s last counted day', async () => {
    const e = await newEnterprise('按期复评有限公司');
    const none = await newEnterprise('无风险点有限公司');
    // Dates relative to the day the points are recorded (their created_at is the database's time).
    const today = shanghaiToday(new Date());
    const year = Number(today.slice(0, 4));
    for (const [name, next] of [
      ['复评逾期点', addDays(today, -30)],
      ['复评按期点一', addDays(today, 400)],
      ['复评按期点二', addDays(today, 500)],
    ] as const) {
      const res = await sup.post('/api/risk/points', point(e.id, { name, nextReviewDate: next }));
      expect(res.statusCode, res.body).toBe(200);
    }
    // A point with no review date is not counted either way.
    const undated = await sup.post('/api/risk/points', point(e.id, { name: '未定复评日期点', nextReviewDate: null }));
    expect(undated.statusCode, undated.body).toBe(200);
    const [{ park_id: parkId }] = (await rows<{ park_id: string }>(
      env.database.db,
      sql`select park_id from enterprises where id = ${e.id}`,
    )) as [{ park_id: string }];
    const provider = indicatorProvider('riskPointsReviewed')!;
    const figures = async (y: number, on: string) =>
      provider(env.database.db, { parkId, year: y, today: on, enterpriseIds: [e.id, none.id] });
    // The year in progress counts to today: one of three dated points is past its date.
    const now = await figures(year, today);
    expect(now.get(e.id)).toEqual({
      value: 66.7,
      link: `/risk/points?enterpriseId=${e.id}&reviewStatus=accepted&sort=nextReviewDate&order=asc`,
    });
    expect(now.get(none.id)!.value).toBeNull();
    // A year over counts to its last day (the same point past its date then).
    expect((await figures(year, `${year + 1}-02-01`)).get(e.id)!.value).toBe(66.7);
    // Before the points were recorded nothing was due.
    expect((await figures(year - 1, today)).get(e.id)!.value).toBeNull();
    // An enterprise’s own point waits for review and does not count until accepted.
    const mine = await ent1.post(
      '/api/risk/points',
      point(own, { name: '自报复评逾期点', nextReviewDate: '2020-01-01' }),
    );
    expect(mine.statusCode, mine.body).toBe(200);
    expect((mine.json() as PointJson).reviewStatus).toBe('pending');
    const ownBefore = (await provider(env.database.db, { parkId, year, today, enterpriseIds: [own] })).get(own)!.value;
    const [{ dated, on_time }] = (await rows<{ dated: number; on_time: number }>(
      env.database.db,
      sql`select count(*)::int as dated, count(*) filter (where next_review_date >= ${today}::date)::int as on_time
            from risk_points where enterprise_id = ${own} and review_status = 'accepted' and next_review_date is not null`,
    )) as [{ dated: number; on_time: number }];
    expect(ownBefore).toBe(dated ? Math.round((on_time / dated) * 1000) / 10 : null);
  });
});

describe('thresholds', () => {
  it('re-bands existing points and enterprises when an admin changes them, audited', async () => {
    const e = await newEnterprise('界限调整有限公司');
    const p = (await sup.post('/api/risk/points', point(e.id, { likelihood: 3, consequence: 7 }))).json() as PointJson;
    expect(p.level).toBe('general');
    expect(
      (await sup.request('PUT', '/api/risk/thresholds', { LEC: { major: 100, significant: 50, general: 20 } }))
        .statusCode,
    ).toBe(403);
    const bad = await admin.request('PUT', '/api/risk/thresholds', {
      LEC: { major: 50, significant: 100, general: 20 },
    });
    expect(bad.statusCode).toBe(400);
    expect(err(bad).message).toContain('重大 > 较大 > 一般');
    const changed = await admin.request('PUT', '/api/risk/thresholds', {
      LEC: { major: 100, significant: 50, general: 20 },
    });
    expect(changed.statusCode, changed.body).toBe(200);
    const body = changed.json() as {
      pointsChanged: number;
      enterprisesChanged: number;
      thresholds: { isDefault: { LEC: boolean } };
    };
    expect(body.pointsChanged).toBeGreaterThan(0);
    expect(body.enterprisesChanged).toBeGreaterThan(0);
    expect(body.thresholds.isDefault.LEC).toBe(false);
    expect(((await sup.get(`/api/risk/points/${p.id}`)).json() as PointJson).level).toBe('major');
    expect(((await sup.get(`/api/risk/enterprises/${e.id}`)).json() as EntRisk).level).toBe('major');
    // Every stored level agrees with the calculator under the new thresholds.
    const stored = await rows<{
      method: 'LEC';
      score: number;
      level: string;
      likelihood: number;
      exposure: number;
      consequence: number;
      severity: number;
    }>(env.database.db, sql`select method, score, level, likelihood, exposure, consequence, severity from risk_points`);
    const t = { LEC: { major: 100, significant: 50, general: 20 }, LS: { major: 20, significant: 15, general: 9 } };
    for (const s of stored) expect(assess(s.method, s, t).level).toBe(s.level);
    const [audit] = await rows<{ after: { pointsChanged: number } }>(
      env.database.db,
      sql`select after from audit_log where action = 'risk.thresholds' order by seq desc limit 1`,
    );
    expect(audit!.after.pointsChanged).toBe(body.pointsChanged);
    // Back to the reference defaults: the point is 一般 again.
    const reset = await admin.request('PUT', '/api/risk/thresholds', { LEC: null });
    expect(
      (reset.json() as { thresholds: { isDefault: { LEC: boolean }; LEC: { major: number } } }).thresholds,
    ).toMatchObject({
      isDefault: { LEC: true },
      LEC: { major: 320 },
    });
    expect(((await sup.get(`/api/risk/points/${p.id}`)).json() as PointJson).level).toBe('general');
  });
});

describe('data scope and review', () => {
  it('lets enterprise1 keep only its own points, pending review', async () => {
    const mine = await ent1.post('/api/risk/points', point(own, { name: '企业自评风险点' }));
    expect(mine.statusCode, mine.body).toBe(200);
    const p = mine.json() as PointJson;
    expect(p.reviewStatus).toBe('pending');
    const foreign = await ent1.post('/api/risk/points', point(other, { name: '越权风险点' }));
    expect([403, 404]).toContain(foreign.statusCode);
    const [theirs] = await rows<{ id: string; version: number }>(
      env.database.db,
      sql`select id, version from risk_points where enterprise_id = ${other} limit 1`,
    );
    expect((await ent1.get(`/api/risk/points/${theirs!.id}`)).statusCode).toBe(404);
    expect(
      (await ent1.patch(`/api/risk/points/${theirs!.id}`, { version: theirs!.version, name: '改名' })).statusCode,
    ).toBe(404);
    expect((await ent1.request('DELETE', `/api/risk/points/${theirs!.id}?version=${theirs!.version}`)).statusCode).toBe(
      404,
    );
    const listed = (await ent1.get('/api/risk/points?pageSize=100')).json() as {
      items: { enterpriseId: string }[];
      total: number;
    };
    expect(listed.total).toBeGreaterThan(0);
    expect(new Set(listed.items.map((i) => i.enterpriseId))).toEqual(new Set([own]));
    expect((await ent1.get('/api/risk/map')).statusCode).toBe(403);
    // Review: an enterprise cannot review; a return needs a reason; accept works from pending.
    expect(
      (await ent1.post(`/api/risk/points/${p.id}/review`, { action: 'accept', version: p.version })).statusCode,
    ).toBe(403);
    const noReason = await sup.post(`/api/risk/points/${p.id}/review`, { action: 'return', version: p.version });
    expect(noReason.statusCode).toBe(422);
    expect(err(noReason).message).toContain('退回原因');
    const returned = await sup.post(`/api/risk/points/${p.id}/review`, {
      action: 'return',
      reason: '管控措施不具体',
      version: p.version,
    });
    expect(returned.json()).toMatchObject({ reviewStatus: 'returned', reviewReason: '管控措施不具体' });
    const r = returned.json() as PointJson;
    const edited = await ent1.patch(`/api/risk/points/${p.id}`, {
      version: r.version,
      controlMeasures: { engineering: '增设氨气泄漏报警', emergency: '氨泄漏专项预案' },
    });
    expect(edited.json()).toMatchObject({ reviewStatus: 'pending', reviewReason: null });
    const e = edited.json() as PointJson;
    const accepted = await sup.post(`/api/risk/points/${p.id}/review`, { action: 'accept', version: e.version });
    expect(accepted.json()).toMatchObject({ reviewStatus: 'accepted', reviewedByName: '张安监' });
    const again = await sup.post(`/api/risk/points/${p.id}/review`, { action: 'accept', version: e.version + 1 });
    expect(again.statusCode).toBe(409);
  });
});

describe('level from accepted points only', () => {
  it('does not let an enterprise’s own pending point make it 重大; it shows as pending until accepted', async () => {
    type Listed = { items: { id: string; version: number; reviewStatus: string }[] };
    const mine = (await sup.get(`/api/risk/points?enterpriseId=${own}&pageSize=100`)).json() as Listed;
    // The committee returns every accepted point of the enterprise: none counts any more.
    for (const p of mine.items.filter((x) => x.reviewStatus === 'accepted')) {
      const r = await sup.post(`/api/risk/points/${p.id}/review`, {
        action: 'return',
        reason: '复核管控措施',
        version: p.version,
      });
      expect(r.statusCode, r.body).toBe(200);
    }
    await sup.request('PUT', `/api/risk/enterprises/${own}/override`, { level: null });
    type Summary = EntRisk & {
      pendingLevel: string | null;
      byLevel: { level: string; count: number }[];
      pendingByLevel: { level: string; count: number }[];
    };
    const summary = async () => (await sup.get(`/api/risk/enterprises/${own}`)).json() as Summary;
    expect(await summary()).toMatchObject({ level: null, computedLevel: null });

    // The enterprise records a 重大 point itself (D = 540): pending review, not counted, shown as pending.
    const created = await ent1.post('/api/risk/points', point(own, { name: '企业自评液氨储罐区' }));
    expect(created.statusCode, created.body).toBe(200);
    const p = created.json() as PointJson;
    expect(p).toMatchObject({ level: 'major', reviewStatus: 'pending' });
    const pending = await summary();
    expect(pending).toMatchObject({ level: null, computedLevel: null, pendingLevel: 'major' });
    expect(pending.byLevel.find((b) => b.level === 'major')!.count).toBe(0);
    expect(pending.pendingByLevel.find((b) => b.level === 'major')!.count).toBeGreaterThanOrEqual(1);
    const majors = (await sup.get('/api/risk/major-enterprises?pageSize=100')).json() as {
      items: { enterpriseId: string }[];
    };
    expect(majors.items.map((e) => e.enterpriseId)).not.toContain(own);

    // Accepted: now it counts.
    const accepted = await sup.post(`/api/risk/points/${p.id}/review`, { action: 'accept', version: p.version });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(await summary()).toMatchObject({ level: 'major', computedLevel: 'major' });
    const [audit] = await rows<{ after: Record<string, unknown> }>(
      env.database.db,
      sql`select after from audit_log where action = 'riskPoint.accept' and entity_id = ${p.id}`,
    );
    expect(JSON.stringify(audit!.after)).toContain('major');
  });
});

describe('hazards linked to a risk point', () => {
  it('records a control-failure hazard against the point and shows it on the point', async () => {
    const e = await newEnterprise('隐患关联有限公司');
    const p = (await sup.post('/api/risk/points', point(e.id))).json() as PointJson;
    const h = await sup.post('/api/hazards', {
      enterpriseId: e.id,
      description: '氨气泄漏报警器失效未修复',
      category: 'unsafeCondition',
      source: 'controlFailure',
      deadline: '2099-12-31',
      riskPointId: p.id,
    });
    expect(h.statusCode, h.body).toBe(200);
    expect(h.json()).toMatchObject({ riskPointId: p.id, riskPointName: '液氨制冷机房', source: 'controlFailure' });
    const hazardId = (h.json() as { id: string }).id;
    const detail = (await sup.get(`/api/risk/points/${p.id}`)).json() as {
      hazards: { id: string }[];
      openHazards: number;
    };
    expect(detail.hazards.map((x) => x.id)).toEqual([hazardId]);
    expect(detail.openHazards).toBe(1);
    const filtered = (await sup.get(`/api/hazards?riskPointId=${p.id}`)).json() as { items: { id: string }[] };
    expect(filtered.items.map((x) => x.id)).toEqual([hazardId]);
    // A point of another enterprise cannot be linked, and a point with hazards cannot be deleted.
    const f = await newEnterprise('隐患关联其他公司');
    const wrong = await sup.post('/api/hazards', {
      enterpriseId: f.id,
      description: '报警器失效',
      category: 'unsafeCondition',
      source: 'controlFailure',
      deadline: '2099-12-31',
      riskPointId: p.id,
    });
    expect(wrong.statusCode).toBe(422);
    expect((await sup.request('DELETE', `/api/risk/points/${p.id}?version=${p.version}`)).statusCode).toBe(409);
    // The major-risk list shows the open hazard as the control state.
    const major = (await sup.get('/api/risk/major-enterprises?q=隐患关联')).json() as {
      items: { controlState: string; majorPoints: { openHazards: number }[] }[];
    };
    expect(major.items[0]).toMatchObject({ controlState: 'openHazards', majorPoints: [{ openHazards: 1 }] });
  });
});

describe('map, distribution and demo data', () => {
  it('has demo risk points, major-risk enterprises, a plan and placed enterprises', async () => {
    const counts = (await sup.get('/api/risk/points/counts')).json() as {
      total: number;
      pendingReview: number;
      overdue: number;
      dueSoon: number;
    };
    expect(counts.total).toBeGreaterThan(287);
    expect(counts.pendingReview).toBeGreaterThan(0);
    expect(counts.overdue).toBeGreaterThan(0);
    expect(counts.dueSoon).toBeGreaterThan(0);
    const map = (await sup.get('/api/risk/map')).json() as {
      plan: { url: string; width: number; height: number };
      placed: { x: number; y: number; level: string | null }[];
      legend: { level: string; count: number }[];
    };
    expect(map.plan).toMatchObject({ width: 2400, height: 1600 });
    expect(map.placed.length).toBeGreaterThan(250);
    expect(map.placed.every((p) => p.x >= 0 && p.x <= 1 && p.y >= 0 && p.y <= 1)).toBe(true);
    expect(map.legend.find((l) => l.level === 'major')!.count).toBeGreaterThanOrEqual(3);
    const img = await sup.get(map.plan.url);
    expect(img.statusCode).toBe(200);
    expect(img.headers['content-type']).toBe('image/jpeg');
    expect(img.rawPayload.subarray(0, 2).toString('hex')).toBe('ffd8');
    const tagged = (await sup.get('/api/risk/map?tag=ammoniaRefrigeration')).json() as { placed: unknown[] };
    expect(tagged.placed.length).toBeGreaterThan(0);
    expect(tagged.placed.length).toBeLessThan(map.placed.length);
    const dist = (await sup.get('/api/risk/distribution')).json() as {
      byLevel: { level: string; count: number }[];
      byArea: { area: string; major: number }[];
    };
    expect(dist.byLevel.reduce((n, l) => n + l.count, 0)).toBeGreaterThan(250);
    expect(dist.byArea.length).toBeGreaterThanOrEqual(6);
  });

  it('lets a supervisor place enterprises and an admin upload the plan', async () => {
    const e = await newEnterprise('平面图放置有限公司');
    expect(
      (await ent1.request('PUT', '/api/risk/map/positions', { positions: [{ enterpriseId: own, x: 0.5, y: 0.5 }] }))
        .statusCode,
    ).toBe(403);
    const out = await sup.request('PUT', '/api/risk/map/positions', {
      positions: [{ enterpriseId: e.id, x: 1.2, y: 0.5 }],
    });
    expect(out.statusCode).toBe(400);
    const placed = await sup.request('PUT', '/api/risk/map/positions', {
      positions: [{ enterpriseId: e.id, x: 0.25, y: 0.75 }],
    });
    expect(placed.json()).toEqual({ updated: 1 });
    expect(((await sup.get(`/api/risk/enterprises/${e.id}`)).json() as { mapX: number }).mapX).toBeCloseTo(0.25);
    const png = await (await import('sharp'))
      .default({
        create: { width: 800, height: 500, channels: 3, background: '#88aa88' },
      })
      .png()
      .toBuffer();
    const upload = async (c: Client) => {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(png)], { type: 'image/png' }), '园区平面图.png');
      return env.app.inject({
        method: 'POST',
        url: '/api/risk/map/plan',
        headers: { cookie: c.cookie, 'x-csrf-token': c.csrf },
        payload: form as unknown as InjectOptions['payload'],
      });
    };
    expect((await upload(sup)).statusCode).toBe(403);
    const up = await upload(admin);
    expect(up.statusCode, up.body).toBe(200);
    expect(up.json()).toMatchObject({ width: 800, height: 500, originalName: '园区平面图.png' });
    const img = await sup.get((up.json() as { url: string }).url);
    expect(img.statusCode).toBe(200);
    expect(img.rawPayload.subarray(0, 2).toString('hex')).toBe('ffd8');
  });
});

describe('Excel import', () => {
  async function workbook(rowsData: (string | number | null)[][]) {
    const tpl = await sup.get('/api/risk/points/import/template');
    expect(tpl.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(tpl.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('风险点')!;
    ws.spliceRows(2, 1);
    for (const r of rowsData) ws.addRow(r);
    return Buffer.from(await wb.xlsx.writeBuffer());
  }
  async function importFile(buffer: Buffer, mode: string) {
    const form = new FormData();
    form.append('mode', mode);
    form.append('file', new Blob([new Uint8Array(buffer)]), '风险点.xlsx');
    return env.app.inject({
      method: 'POST',
      url: '/api/risk/points/import',
      headers: { cookie: sup.cookie, 'x-csrf-token': sup.csrf },
      payload: form as unknown as InjectOptions['payload'],
    });
  }

  it('rejects a file with bad rows (all or nothing) or saves only the valid rows', async () => {
    const e = await newEnterprise('导入验证有限公司');
    // Columns of the template: 信用代码, 企业名称, 名称, 位置, 作业活动, 危险有害因素, 事故类型, 方法, L, E, C, S,
    // 工程, 管理, 培训, 防护, 应急, 管控层级, 责任人, 下次评审日期.
    const good = [
      e.creditCode,
      null,
      '导入风险点一',
      '车间',
      '打磨',
      '粉尘积聚',
      '其他爆炸、火灾',
      'LEC',
      6,
      6,
      15,
      null,
      '泄爆片',
      null,
      null,
      null,
      null,
      '公司级',
      '李四',
      '2099-01-01',
    ];
    const good2 = [
      e.creditCode,
      null,
      '导入风险点二',
      '仓库',
      '储存',
      '泄漏',
      '中毒和窒息',
      'LS',
      3,
      null,
      null,
      4,
      null,
      '巡检',
      null,
      null,
      null,
      '班组',
      '王五',
      null,
    ];
    const badType = [
      e.creditCode,
      null,
      '导入风险点三',
      '仓库',
      '储存',
      '泄漏',
      '爆炸伤害',
      'LEC',
      3,
      6,
      7,
      null,
      '通风',
      null,
      null,
      null,
      null,
      '岗位级',
      '赵六',
      null,
    ];
    const badCode = [
      '91370300MA0000000X',
      null,
      '导入风险点四',
      '仓库',
      '储存',
      '泄漏',
      '火灾',
      'LEC',
      4,
      6,
      7,
      null,
      '通风',
      null,
      null,
      null,
      null,
      '公司级',
      '钱七',
      null,
    ];
    const file = await workbook([good, good2, badType, badCode]);
    const rejected = await importFile(file, 'allOrNothing');
    expect(rejected.statusCode, rejected.body).toBe(200);
    const r = rejected.json() as {
      outcome: string;
      invalidRows: number;
      errors: { row: number; column: string; message: string }[];
      errorReportUrl: string;
    };
    expect(r.outcome).toBe('rejected');
    expect(r.invalidRows).toBe(2);
    expect(r.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ row: 4, column: '可能导致的事故类型', message: expect.stringContaining('GB 6441') }),
        expect.objectContaining({ row: 5, column: '企业统一社会信用代码' }),
      ]),
    );
    expect((await sup.get(r.errorReportUrl)).statusCode).toBe(200);
    const none = (await sup.get(`/api/risk/points?enterpriseId=${e.id}`)).json() as { total: number };
    expect(none.total).toBe(0);
    const saved = (await importFile(file, 'validRows')).json() as { outcome: string; created: number };
    expect(saved).toMatchObject({ outcome: 'saved', created: 2 });
    const list = (await sup.get(`/api/risk/points?enterpriseId=${e.id}&sort=score`)).json() as { items: PointJson[] };
    expect(list.items.map((p) => [p.score, p.level])).toEqual([
      [540, 'major'],
      [12, 'general'],
    ]);
    expect(((await sup.get(`/api/risk/enterprises/${e.id}`)).json() as EntRisk).level).toBe('major');
  });

  it('exports the points in the caller’s scope as a background job', async () => {
    const res = await ent1.post('/api/risk/points/export', {});
    expect(res.statusCode, res.body).toBe(202);
    const { job } = res.json() as { job: { id: string } };
    type Job = { status: string; downloadUrl: string | null; result: { rows: number } };
    let done: Job | null = null;
    for (let i = 0; i < 200 && !done; i++) {
      const j = (await ent1.get(`/api/jobs/${job.id}`)).json() as Job;
      if (j.status === 'succeeded' || j.status === 'failed') done = j;
      else await new Promise((r) => setTimeout(r, 50));
    }
    expect(done?.status).toBe('succeeded');
    const file = await ent1.get(done!.downloadUrl!);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('风险点')!;
    expect(ws.getRow(1).getCell(1).value).toBe('企业统一社会信用代码');
    const codes = new Set<string>();
    for (let r = 2; r <= ws.rowCount; r++) codes.add(String(ws.getRow(r).getCell(1).value));
    expect(codes.size).toBe(1);
    const mine = (await ent1.get('/api/risk/points?pageSize=1')).json() as { total: number };
    expect(ws.rowCount - 1).toBe(mine.total);
    expect(done!.result.rows).toBe(mine.total);
  });
});
