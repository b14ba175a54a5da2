// TOTP guessing and replay (issue 9 item 2): wrong codes are limited per challenge and per account, a challenge is
// consumed by its success, and a code is accepted once in its time step. The clock is fixed so each test knows the
// 30-second step it is in.
import { sql } from 'drizzle-orm';
import { generateSync } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clock, now } from '../../platform/clock';
import { rows } from '../../platform/db';
import { Client, createTestEnv, DEMO_PASSWORD, signedIn, type TestEnv } from '../../testing/harness';

// A higher account threshold than the per-challenge limit, so each limit shows on its own.
const THRESHOLD = 8;
let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv({ env: { LOGIN_LOCK_THRESHOLD: String(THRESHOLD) } });
});
afterAll(async () => {
  clock.reset();
  await env?.close();
});

const errorOf = (res: { json(): unknown }) => (res.json() as { error: { code: string; message: string } }).error;
const code = (secret: string, offsetSteps = 0) =>
  generateSync({ secret, epoch: Math.floor(now().getTime() / 1000) + offsetSteps * 30 });
/** A six-digit code that is not the right one in the current window (±1 step). */
const wrongCode = (secret: string, i: number) => {
  const valid = new Set([code(secret, -1), code(secret), code(secret, 1)]);
  for (let n = i; ; n++) {
    const candidate = String((n * 7919) % 1_000_000).padStart(6, '0');
    if (!valid.has(candidate)) return candidate;
  }
};

/** Signs in with the password; returns the TOTP challenge. */
async function passwordStep(c: Client, username: string): Promise<string> {
  const res = await c.post('/api/auth/login', { username, password: DEMO_PASSWORD });
  expect(res.statusCode).toBe(200);
  const body = res.json() as { status: string; challenge: string };
  expect(body.status).toBe('totpRequired');
  return body.challenge;
}

/** Enrols TOTP for a user through the account page's setup + confirm; returns the secret. */
async function enrol(username: string): Promise<string> {
  const c = await signedIn(env.app, username);
  const setup = (await c.post('/api/auth/totp/setup')).json() as { secret: string };
  const confirm = await c.post('/api/auth/totp/confirm', { secret: setup.secret, code: code(setup.secret) });
  expect(confirm.statusCode).toBe(200);
  clock.advance(30_000); // the enrolment code's step is used up
  return setup.secret;
}

const step = (s: number) => new Date(Date.UTC(2026, 10, 23, 2, 0, 0) + s * 30_000 + 5_000);

describe('TOTP sign-in', () => {
  it('kills a challenge after 5 wrong codes: 10 wrong codes, then the right code fails with it', async () => {
    clock.set(step(0));
    const secret = await enrol('supervisor');
    const c = new Client(env.app, '10.30.0.1');
    const challenge = await passwordStep(c, 'supervisor');
    const results: string[] = [];
    for (let i = 0; i < 10; i++) {
      const res = await c.post('/api/auth/login/totp', { challenge, code: wrongCode(secret, i) });
      expect(res.statusCode).toBe(401);
      results.push(errorOf(res).code);
    }
    expect(results.slice(0, 5).every((r) => r === 'AUTH_TOTP_INVALID')).toBe(true);
    expect(results.slice(5).every((r) => r === 'AUTH_CHALLENGE_INVALID')).toBe(true);
    const right = await c.post('/api/auth/login/totp', { challenge, code: code(secret) });
    expect(right.statusCode).toBe(401);
    expect(errorOf(right).code).toBe('AUTH_CHALLENGE_INVALID');

    // A new challenge works, and the success clears the account's failures.
    const fresh = await passwordStep(c, 'supervisor');
    expect((await c.post('/api/auth/login/totp', { challenge: fresh, code: code(secret) })).statusCode).toBe(200);
    const [u] = await rows<{ failed_attempts: number }>(
      env.database.db,
      sql`select failed_attempts from users where username = 'supervisor'`,
    );
    expect(u?.failed_attempts).toBe(0);
  });

  it('counts wrong codes against the account across challenges and locks it at the threshold', async () => {
    clock.set(step(100));
    const secret = await enrol('leader');
    const c = new Client(env.app, '10.30.1.1');
    const statuses: number[] = [];
    for (let round = 0; round < 2; round++) {
      const challenge = await passwordStep(c, 'leader');
      for (let i = 0; i < 4; i++) {
        statuses.push(
          (await c.post('/api/auth/login/totp', { challenge, code: wrongCode(secret, round * 4 + i) })).statusCode,
        );
      }
    }
    // The eighth wrong code reaches the threshold: the account is locked, the password is refused.
    expect(statuses).toEqual([401, 401, 401, 401, 401, 401, 401, 403]);
    const locked = await c.post('/api/auth/login', { username: 'leader', password: DEMO_PASSWORD });
    expect(locked.statusCode).toBe(403);
    expect(errorOf(locked).code).toBe('AUTH_ACCOUNT_LOCKED');
  });

  it('refuses a replayed challenge and code, and a code already used in its time step', async () => {
    clock.set(step(200));
    const secret = await enrol('department');
    const c = new Client(env.app, '10.30.2.1');
    const challenge = await passwordStep(c, 'department');
    const first = await c.post('/api/auth/login/totp', { challenge, code: code(secret) });
    expect(first.statusCode).toBe(200);

    const replay = await new Client(env.app, '10.30.2.2').post('/api/auth/login/totp', {
      challenge,
      code: code(secret),
    });
    expect(replay.statusCode).toBe(401);
    expect(errorOf(replay).code).toBe('AUTH_CHALLENGE_INVALID');

    // Someone who saw the code uses it with a challenge of their own, within the same 30 seconds.
    const other = new Client(env.app, '10.30.2.3');
    const second = await passwordStep(other, 'department');
    const reused = await other.post('/api/auth/login/totp', { challenge: second, code: code(secret) });
    expect(reused.statusCode).toBe(401);
    expect(errorOf(reused).code).toBe('AUTH_TOTP_INVALID');
    // The next step's code is accepted.
    clock.advance(30_000);
    expect((await other.post('/api/auth/login/totp', { challenge: second, code: code(secret) })).statusCode).toBe(200);
  });

  it('lets a parallel burst of the right code with one challenge open one session only', async () => {
    clock.set(step(300));
    const secret = await enrol('enterprise2');
    const c = new Client(env.app, '10.30.3.1');
    const challenge = await passwordStep(c, 'enterprise2');
    const burst = await Promise.all(
      Array.from({ length: 10 }, () => c.post('/api/auth/login/totp', { challenge, code: code(secret) })),
    );
    expect(burst.filter((r) => r.statusCode === 200)).toHaveLength(1);
  });
});

describe('TOTP enrolment', () => {
  it('binds only a secret the server issued, and gives up a setup after 5 wrong codes', async () => {
    clock.set(step(400));
    const c = await signedIn(env.app, 'enterprise3');
    const chosen = await c.post('/api/auth/totp/confirm', {
      secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
      code: '123456',
    });
    expect(chosen.statusCode).toBe(400);
    expect(errorOf(chosen).code).toBe('TOTP_SETUP_INVALID');

    const setup = (await c.post('/api/auth/totp/setup')).json() as { secret: string };
    for (let i = 0; i < 5; i++) {
      const res = await c.post('/api/auth/totp/confirm', { secret: setup.secret, code: wrongCode(setup.secret, i) });
      expect(errorOf(res).code).toBe('AUTH_TOTP_INVALID');
    }
    const late = await c.post('/api/auth/totp/confirm', { secret: setup.secret, code: code(setup.secret) });
    expect(late.statusCode).toBe(400);
    expect(errorOf(late).code).toBe('TOTP_SETUP_INVALID');

    // A new setup binds; its code cannot then sign in within the same step.
    const again = (await c.post('/api/auth/totp/setup')).json() as { secret: string };
    expect(
      (await c.post('/api/auth/totp/confirm', { secret: again.secret, code: code(again.secret) })).statusCode,
    ).toBe(200);
    const other = new Client(env.app, '10.30.4.1');
    const challenge = await passwordStep(other, 'enterprise3');
    const reused = await other.post('/api/auth/login/totp', { challenge, code: code(again.secret) });
    expect(errorOf(reused).code).toBe('AUTH_TOTP_INVALID');
  });

  it('limits and consumes the enrolment challenge of an administrator’s first sign-in', async () => {
    clock.set(step(500));
    const c = new Client(env.app, '10.30.5.1');
    const first = (await c.post('/api/auth/login', { username: 'admin', password: DEMO_PASSWORD })).json() as {
      status: string;
      challenge: string;
      secret: string;
    };
    expect(first.status).toBe('totpSetupRequired');
    const ok = await c.post('/api/auth/login/totp-setup', { challenge: first.challenge, code: code(first.secret) });
    expect(ok.statusCode).toBe(200);
    const replay = await new Client(env.app, '10.30.5.2').post('/api/auth/login/totp-setup', {
      challenge: first.challenge,
      code: code(first.secret),
    });
    expect(replay.statusCode).toBe(401);
    expect(errorOf(replay).code).toBe('AUTH_CHALLENGE_INVALID');
  });
});
