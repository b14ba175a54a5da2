// Accidents: the level from the national thresholds (the highest any figure reaches, bounds inclusive), a future
// time refused naming the field, the record counted by credit in its own transaction, enterprises reading their own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AccidentView, accidentLevel } from '../../../../shared/src/accidents';
import type { CreditDetail } from '../../../../shared/src/credit';
import { clock } from '../../platform/clock';
import { type Client, createTestEnv, signedIn, type TestEnv } from '../../testing/harness';

describe('accident level', () => {
  it('takes the highest level any of deaths, serious injuries or direct loss reaches', () => {
    const at = (deaths: number, seriousInjuries: number, directLoss: number) =>
      accidentLevel({ deaths, seriousInjuries, directLoss });
    expect(at(0, 0, 0)).toBe('general');
    expect(at(2, 9, 999.99)).toBe('general');
    expect(at(3, 0, 0)).toBe('larger');
    expect(at(0, 10, 0)).toBe('larger');
    expect(at(0, 0, 1000)).toBe('larger');
    expect(at(9, 49, 4999)).toBe('larger');
    expect(at(10, 0, 0)).toBe('major');
    expect(at(0, 50, 0)).toBe('major');
    expect(at(0, 0, 5000)).toBe('major');
    expect(at(30, 0, 0)).toBe('especiallyMajor');
    expect(at(1, 100, 0)).toBe('especiallyMajor');
    expect(at(0, 0, 10000)).toBe('especiallyMajor');
  });
});

let env: TestEnv;
let sup: Client;
let ent1: Client;
let ent1Id: string;
type Err = { error: { code: string; fields?: Record<string, string> } };

beforeAll(async () => {
  clock.set(new Date('2026-11-23T02:00:00Z'));
  env = await createTestEnv();
  sup = await signedIn(env.app, 'supervisor');
  ent1 = await signedIn(env.app, 'enterprise1');
  ent1Id = ((await ent1.get('/api/auth/session')).json() as { me: { enterpriseId: string } }).me.enterpriseId;
});
afterAll(async () => {
  clock.reset();
  await env?.close();
});

describe('accidents through the API', () => {
  const body = () => ({
    enterpriseId: ent1Id,
    occurredAt: '2026-11-20T09:30:00+08:00',
    place: '包装车间',
    accidentType: 'machinery',
    deaths: 0,
    seriousInjuries: 10,
    directLoss: 120.5,
    summary: '包装机防护门联锁失效，清理卡料时多名工人被夹伤',
  });

  it('records an accident with its computed level, lowers the credit score at once, and refuses a future time', async () => {
    const before = ((await sup.get(`/api/credit/enterprises/${ent1Id}`)).json() as CreditDetail).score;
    const res = await sup.post('/api/accidents', body());
    expect(res.statusCode, res.body).toBe(200);
    const a = res.json() as AccidentView;
    expect(a).toMatchObject({
      level: 'larger',
      serial: expect.stringMatching(/^SG2026-\d{4}$/),
      occurredAt: '2026-11-20T01:30:00.000Z',
    });
    const after = (await sup.get(`/api/credit/enterprises/${ent1Id}`)).json() as CreditDetail;
    const ev = after.events.find((e) => e.sourceId === a.id)!;
    expect(ev).toMatchObject({ kind: 'accidentLarger', occurredOn: '2026-11-20', counting: true });
    expect(after.score).toBe(Math.max(0, before + ev.points));

    const future = await sup.post('/api/accidents', { ...body(), occurredAt: '2026-11-24T09:00:00+08:00' });
    expect(future.statusCode).toBe(422);
    expect((future.json() as Err).error.fields).toHaveProperty('occurredAt');
    const badType = await sup.post('/api/accidents', { ...body(), accidentType: 'meteorite' });
    expect(badType.statusCode).toBe(400);
    expect((badType.json() as Err).error.fields).toHaveProperty('accidentType');

    // Edited down to one serious injury: 一般, and the credit event follows.
    const edited = await sup.patch(`/api/accidents/${a.id}`, { seriousInjuries: 1, rowVersion: a.rowVersion });
    expect(edited.statusCode, edited.body).toBe(200);
    expect((edited.json() as AccidentView).level).toBe('general');
    const kinds = ((await sup.get(`/api/credit/enterprises/${ent1Id}`)).json() as CreditDetail).events
      .filter((e) => e.sourceId === a.id)
      .map((e) => e.kind);
    expect(kinds).toEqual(['accidentGeneral']);
    const stale = await sup.patch(`/api/accidents/${a.id}`, { place: '另一处', rowVersion: a.rowVersion });
    expect(stale.statusCode).toBe(409);
  });

  it('lets an enterprise read only its own and record none; filters by level and exports', async () => {
    expect((await ent1.post('/api/accidents', body())).statusCode).toBe(403);
    const mine = (await ent1.get('/api/accidents')).json() as { items: AccidentView[] };
    expect(mine.items.length).toBeGreaterThan(0);
    expect(mine.items.every((i) => i.enterpriseId === ent1Id)).toBe(true);
    const all = (await sup.get('/api/accidents?level=general')).json() as { items: AccidentView[]; total: number };
    expect(all.total).toBeGreaterThanOrEqual(3);
    expect(all.items.every((i) => i.level === 'general')).toBe(true);
    const file = await sup.get('/api/accidents/export?level=general');
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toContain('spreadsheetml');
  });
});
