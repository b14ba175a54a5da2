// The read cache keeps sessions and hazard settings in the process, and never lets a logged-out, revoked, disabled,
// idle or expired session through: changes made behind the app's back (as another process or the CLI would) drop
// the copies through the database's notification, on PGlite before the writing statement returns.
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app';
import { Client, createTestEnv, signedIn, type TestEnv } from '../testing/harness';
import { clock } from './clock';
import { openDatabase } from './db';
import { cacheOf, figuresCacheOf, ReadCache } from './read-cache';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(async () => {
  clock.reset();
  await env?.close();
});

const sessionKey = (c: Client) =>
  `session:${createHash('sha256')
    .update(c.cookie.replace(/^ps_session=/, ''))
    .digest('hex')}`;

/** On PGlite the change is seen at once; a PostgreSQL notification travels on a connection of its own. */
async function statusSoon(c: Client, url: string, want: number): Promise<number> {
  const deadline = Date.now() + (env.database.kind === 'postgres' ? 2000 : 0);
  for (;;) {
    const status = (await c.get(url)).statusCode;
    if (status === want || Date.now() >= deadline) return status;
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('read cache', () => {
  it('keeps a session after a request, and drops it when the session is revoked in the database', async () => {
    const c = await signedIn(env.app, 'supervisor');
    expect((await c.get('/api/hazards')).statusCode).toBe(200);
    expect(cacheOf(env.database.db)?.get(sessionKey(c))).toBeDefined();
    await env.owner.db.execute(sql`update sessions set revoked_at = now() where id = ${sessionKey(c).slice(8)}`);
    expect(await statusSoon(c, '/api/hazards', 401)).toBe(401);
  });

  it('refuses a cached session once its user is disabled, and shows a renamed user at once', async () => {
    const c = await signedIn(env.app, 'leader');
    expect((await c.get('/api/auth/session')).statusCode).toBe(200);
    await env.owner.db.execute(sql`update users set display_name = '改名后的领导' where username = 'leader'`);
    const deadline = Date.now() + (env.database.kind === 'postgres' ? 2000 : 0);
    let name = '';
    do {
      name = ((await c.get('/api/auth/session')).json() as { me: { displayName: string } }).me.displayName;
    } while (name !== '改名后的领导' && Date.now() < deadline);
    expect(name).toBe('改名后的领导');
    await env.owner.db.execute(sql`update users set disabled = true where username = 'leader'`);
    try {
      expect(await statusSoon(c, '/api/hazards', 401)).toBe(401);
    } finally {
      await env.owner.db.execute(sql`update users set disabled = false where username = 'leader'`);
    }
  });

  it('ends a cached session on logout at once, for every holder of the cookie', async () => {
    const c = await signedIn(env.app, 'supervisor');
    const other = new Client(env.app);
    other.cookie = c.cookie;
    expect((await c.get('/api/hazards')).statusCode).toBe(200);
    expect((await c.post('/api/auth/logout')).statusCode).toBeLessThan(300);
    expect((await other.get('/api/hazards')).statusCode).toBe(401);
  });

  it('does not keep a cached session past its idle limit or its absolute expiry', async () => {
    const c = await signedIn(env.app, 'supervisor');
    expect((await c.get('/api/hazards')).statusCode).toBe(200);
    try {
      clock.advance(env.config.sessionIdleMinutes * 60_000 + 1000);
      expect((await c.get('/api/hazards')).statusCode).toBe(401);
    } finally {
      clock.reset();
    }
    const d = await signedIn(env.app, 'supervisor');
    expect((await d.get('/api/hazards')).statusCode).toBe(200);
    await env.owner.db.execute(
      sql`update sessions set expires_at = now() - interval '1 second' where id = ${sessionKey(d).slice(8)}`,
    );
    expect(await statusSoon(d, '/api/hazards', 401)).toBe(401);
  });

  it("drops a park's cached re-check limit when the settings change", async () => {
    const c = await signedIn(env.app, 'supervisor');
    const [{ park_id: parkId }] = (
      (await env.owner.db.execute(sql`select park_id from users where username = 'supervisor'`)) as unknown as {
        rows: { park_id: string }[];
      }
    ).rows as [{ park_id: string }];
    expect((await c.get('/api/hazards')).statusCode).toBe(200);
    const cache = cacheOf(env.database.db);
    expect(cache?.get(`hazard-settings:${parkId}`)).toBeTypeOf('number');
    await env.owner.db.execute(
      sql`insert into hazard_settings (park_id, recheck_days) values (${parkId}, 9)
          on conflict (park_id) do update set recheck_days = excluded.recheck_days`,
    );
    const deadline = Date.now() + (env.database.kind === 'postgres' ? 2000 : 0);
    while (cache?.get(`hazard-settings:${parkId}`) !== undefined && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(cache?.get(`hazard-settings:${parkId}`)).toBeUndefined();
    expect((await c.get('/api/hazards/settings')).json()).toMatchObject({ recheckDays: 9 });
  });

  it("keeps the dashboard's park-wide figures until an inspection changes, without dropping the sessions", async () => {
    const c = await signedIn(env.app, 'supervisor');
    const [{ park_id: parkId, enterprise_id: enterpriseId }] = (
      (await env.owner.db.execute(
        sql`select u.park_id, (select id from enterprises e where e.park_id = u.park_id and e.status <> 'cancelled'
                                order by id limit 1) as enterprise_id
              from users u where u.username = 'supervisor'`,
      )) as unknown as { rows: { park_id: string; enterprise_id: string }[] }
    ).rows as [{ park_id: string; enterprise_id: string }];
    const url = '/api/dashboard?from=2026-01-01&to=2026-12-31';
    const figure = async (key: string) =>
      ((await c.get(url)).json() as { figures: { key: string; value: number | null }[] }).figures.find(
        (f) => f.key === key,
      )?.value;
    const before = await figure('inspections');
    const figures = figuresCacheOf(env.database.db);
    const kept = () => figures?.keys().filter((k) => k.startsWith('inspection-figures:') || k.startsWith('coverage-'));
    expect(kept()?.length).toBe(2);
    // Another process's inspection (written behind this app's back): the figures go, the session copy stays.
    await env.owner.db.execute(
      sql`insert into inspections (park_id, enterprise_id, inspected_on, kind, inspector_names)
          values (${parkId}, ${enterpriseId}, '2026-03-02', 'supervision', array['缓存测试'])`,
    );
    const deadline = Date.now() + (env.database.kind === 'postgres' ? 2000 : 0);
    while (kept()?.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(kept()).toEqual([]);
    expect(cacheOf(env.database.db)?.get(sessionKey(c))).toBeDefined();
    expect(await figure('inspections')).toBe(Number(before) + 1);
    await env.owner.db.execute(sql`delete from inspections where inspector_names = array['缓存测试']`);
  });

  it('reads a cold figure once for callers arriving together, and afresh for one arriving after a drop', async () => {
    const cache = new ReadCache();
    cache.setLive(true);
    let reads = 0;
    const gates: (() => void)[] = [];
    const read = () =>
      new Promise<number>((resolve) => {
        reads++;
        const n = reads;
        gates.push(() => resolve(n));
      });
    const together = [cache.getOrRead('k', read), cache.getOrRead('k', read), cache.getOrRead('k', read)];
    expect(reads).toBe(1);
    // A change lands while the read is in progress: a later caller must not get the read that may have missed it.
    cache.clear();
    const after = cache.getOrRead('k', read);
    expect(reads).toBe(2);
    for (const open of gates) open();
    expect(await Promise.all(together)).toEqual([1, 1, 1]);
    expect(await after).toBe(2);
    // The first read (older generation) was not kept; the second was.
    expect(cache.get('k')).toBe(2);
    expect(await cache.getOrRead('k', read)).toBe(2);
    expect(reads).toBe(2);
    // A failed read is shared by its waiters and not kept: the next caller reads again.
    const failing = () => Promise.reject(new Error('boom'));
    cache.clear();
    const both = [cache.getOrRead('x', failing), cache.getOrRead('x', failing)];
    await expect(both[0]).rejects.toThrow('boom');
    await expect(both[1]).rejects.toThrow('boom');
    expect(await cache.getOrRead('x', async () => 7)).toBe(7);
  });

  it.runIf(process.env.TEST_DATABASE_URL)(
    'a logout in one server process ends the session in another that had it cached',
    async () => {
      const second = await openDatabase({ databaseUrl: env.config.databaseUrl, dataDir: 'memory://' });
      const otherApp = await createApp(env.config, second);
      try {
        const c = await signedIn(env.app, 'supervisor');
        const inOther = await otherApp.inject({ method: 'GET', url: '/api/hazards', headers: { cookie: c.cookie } });
        expect(inOther.statusCode).toBe(200);
        expect(cacheOf(second.db)?.get(sessionKey(c))).toBeDefined();
        expect((await c.post('/api/auth/logout')).statusCode).toBeLessThan(300);
        const deadline = Date.now() + 2000;
        let status = 200;
        while (status !== 401 && Date.now() < deadline) {
          status = (await otherApp.inject({ method: 'GET', url: '/api/hazards', headers: { cookie: c.cookie } }))
            .statusCode;
        }
        expect(status).toBe(401);
      } finally {
        await otherApp.close();
        await second.close();
      }
    },
  );
});
