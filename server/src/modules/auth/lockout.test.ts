// Brute force under concurrency and user enumeration (issue 9 items 1 and 7). The same file runs on PGlite and on
// PostgreSQL; on PostgreSQL the parallel attempts really run at once, spread over two app instances with their own
// connection pools (two server processes sharing one database).
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../app';
import { clock } from '../../platform/clock';
import { openDatabase, rows } from '../../platform/db';
import { passwordVerifications } from '../../platform/passwords';
import { Client, createTestEnv, DEMO_PASSWORD, signedIn, type TestEnv } from '../../testing/harness';

let env: TestEnv;
let apps: FastifyInstance[];
let closeSecond: () => Promise<void> = async () => {};

beforeAll(async () => {
  env = await createTestEnv();
  apps = [env.app];
  if (env.config.databaseUrl) {
    const database = await openDatabase({ databaseUrl: env.config.databaseUrl, dataDir: 'memory://' });
    const second = await createApp(env.config, database);
    await second.ready();
    apps.push(second);
    closeSecond = async () => {
      await second.close();
      await database.close();
    };
  }
});
afterAll(async () => {
  clock.reset();
  await closeSecond();
  await env?.close();
});

/** The answer as a person or a script reads it: the request id differs per request by design and says nothing. */
const bodyOf = (res: { json(): unknown }) => {
  const body = res.json() as { error?: Record<string, unknown> };
  if (body.error) delete body.error.requestId;
  return body;
};
const errorOf = (res: { json(): unknown }) => (res.json() as { error: { code: string; message: string } }).error;

/** The reasons the failed sign-ins of one user name were audited with. */
async function failureReasons(username: string): Promise<string[]> {
  const r = await rows<{ reason: string }>(
    env.database.db,
    sql`select after->>'reason' as reason from audit_log
         where action = 'auth.loginFailed' and actor_name = ${username} order by at, seq`,
  );
  return r.map((x) => x.reason);
}

describe('lockout under concurrency', () => {
  it('locks the account when 100 wrong passwords arrive at once; the right password is then refused', async () => {
    const attempts = Array.from({ length: 100 }, (_, i) =>
      new Client(apps[i % apps.length]!, `10.20.${Math.floor(i / 250)}.${i % 250}`).post('/api/auth/login', {
        username: 'inspector',
        password: `Wrong#Guess${i}`,
      }),
    );
    const statuses = (await Promise.all(attempts)).map((r) => r.statusCode);
    expect(statuses.every((s) => s === 401 || s === 403)).toBe(true);
    expect(statuses.filter((s) => s === 403).length).toBeGreaterThan(0);

    const right = await new Client(env.app, '10.20.9.9').login('inspector', DEMO_PASSWORD);
    expect(right.statusCode).toBe(403);
    expect(errorOf(right).code).toBe('AUTH_ACCOUNT_LOCKED');

    // Only as many passwords as the threshold allows were ever compared; the rest were refused unchecked.
    const reasons = await failureReasons('inspector');
    expect(reasons.filter((r) => r === 'wrongPassword')).toHaveLength(env.config.lockoutThreshold);
    expect(reasons.filter((r) => r === 'locked').length).toBe(101 - env.config.lockoutThreshold);
  });

  it('lets one address have only its limit of attempts evaluated when 80 arrive at once', async () => {
    const ip = '10.21.0.1';
    const attempts = Array.from({ length: 80 }, (_, i) =>
      new Client(apps[i % apps.length]!, ip).post('/api/auth/login', {
        username: `ghost${i}`,
        password: `Wrong#Guess${i}`,
      }),
    );
    const statuses = (await Promise.all(attempts)).map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 401)).toHaveLength(env.config.ipFailureLimit);
    expect(statuses.filter((s) => s === 429)).toHaveLength(80 - env.config.ipFailureLimit);
    // Another address is not affected.
    expect((await new Client(env.app, '10.21.0.2').login('leader')).statusCode).toBe(200);
  });
});

describe('user enumeration', () => {
  it('answers an unknown user exactly like a wrong password, without the remaining attempts', async () => {
    const wrong = await new Client(env.app, '10.22.0.1').post('/api/auth/login', {
      username: 'supervisor',
      password: 'Wrong#Pass1',
    });
    const unknown = await new Client(env.app, '10.22.0.2').post('/api/auth/login', {
      username: 'supervisorr',
      password: 'Wrong#Pass1',
    });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(bodyOf(wrong)).toEqual(bodyOf(unknown));
    expect(errorOf(wrong).message).not.toContain('再错');
  });

  it('answers a disabled account with a wrong password like an unknown user, and in the same time', async () => {
    const admin = await signedIn(env.app, 'admin');
    const users = (await admin.get('/api/users?q=enterprise4')).json() as { items: { id: string }[] };
    const disable = await admin.patch(`/api/users/${users.items[0]!.id}`, { disabled: true });
    expect(disable.statusCode).toBe(200);

    const disabled = await new Client(env.app, '10.22.1.1').post('/api/auth/login', {
      username: 'enterprise4',
      password: 'Wrong#Pass1',
    });
    const unknown = await new Client(env.app, '10.22.1.2').post('/api/auth/login', {
      username: 'enterprise44',
      password: 'Wrong#Pass1',
    });
    expect(disabled.statusCode).toBe(401);
    expect(bodyOf(disabled)).toEqual(bodyOf(unknown));
    // Only whoever knows the password learns that the account is disabled.
    const right = await new Client(env.app, '10.22.1.3').post('/api/auth/login', {
      username: 'enterprise4',
      password: DEMO_PASSWORD,
    });
    expect(right.statusCode).toBe(403);
    expect(errorOf(right).code).toBe('AUTH_ACCOUNT_DISABLED');

    // Timing: every path that refuses a password spends exactly one argon2 verification with the same parameters
    // (the dummy hash is made like a real one), so the three answers take the same time. Counted, not clocked: a
    // wall-clock comparison is noise on a loaded machine.
    const work = async (username: string, ip: string) => {
      const before = passwordVerifications();
      await new Client(env.app, ip).post('/api/auth/login', { username, password: 'Wrong#Pass1' });
      return passwordVerifications() - before;
    };
    expect(await work('leader', '10.22.2.1')).toBe(1);
    expect(await work('nobody-timing', '10.22.3.1')).toBe(1);
    expect(await work('enterprise4', '10.22.4.1')).toBe(1);
  });

  it('locks an unknown user name like an account, so the lock message reveals nothing', async () => {
    clock.set(new Date('2026-11-23T02:00:00Z'));
    try {
      const run = async (username: string, ip: string) => {
        const c = new Client(env.app, ip);
        const out: { status: number; body: unknown }[] = [];
        for (let i = 0; i < 6; i++) {
          const res = await c.post('/api/auth/login', { username, password: `Wrong#Pass${i}` });
          out.push({ status: res.statusCode, body: bodyOf(res) });
        }
        return out;
      };
      const real = await run('enterprise3', '10.22.5.1');
      const ghost = await run('enterprise33', '10.22.5.2');
      expect(real.map((r) => r.status)).toEqual([401, 401, 401, 401, 403, 403]);
      expect(ghost).toEqual(real);
    } finally {
      clock.reset();
    }
  });

  it('tells the account owner, by notification, about wrong passwords and the attempts left', async () => {
    const before = await signedIn(env.app, 'enterprise1');
    await before.post('/api/notifications/read-all');
    const res = await new Client(env.app, '10.22.6.1').post('/api/auth/login', {
      username: 'enterprise1',
      password: 'Wrong#Pass1',
    });
    expect(res.statusCode).toBe(401);
    const owner = await signedIn(env.app, 'enterprise1');
    const inbox = (await owner.get('/api/notifications?unreadOnly=true')).json() as {
      items: { kind: string; title: string; body: string }[];
    };
    const notice = inbox.items.find((n) => n.kind === 'accountSecurity');
    expect(notice?.body).toContain('10.22.6.1');
    expect(notice?.body).toContain('再错 4 次');
  });
});
