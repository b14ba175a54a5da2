import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { generateSync } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clock } from '../../platform/clock';
import { rows } from '../../platform/db';
import { Client, createTestEnv, DEMO_PASSWORD, rememberTotp, signedIn, type TestEnv } from '../../testing/harness';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(async () => {
  clock.reset();
  await env?.close();
});

const errorOf = (res: { json(): unknown }) => (res.json() as { error: { code: string; message: string } }).error;

describe('login', () => {
  it('signs a supervisor in with a session cookie, and the session names the user', async () => {
    const c = new Client(env.app, '10.0.0.1');
    const res = await c.login('supervisor');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ok', me: { username: 'supervisor', role: 'supervisor' } });
    const cookie = res.cookies.find((k) => k.name === 'ps_session');
    expect(cookie?.httpOnly).toBe(true);
    const session = await c.get('/api/auth/session');
    expect(session.json()).toMatchObject({ me: { username: 'supervisor', parkName: '高新区' } });
  });

  it('refuses a wrong password with a Chinese message that names the lockout rule, not the attempts left', async () => {
    const c = new Client(env.app, '10.0.0.2');
    const res = await c.login('leader', 'Wrong#Pass1');
    expect(res.statusCode).toBe(401);
    expect(errorOf(res)).toMatchObject({ code: 'AUTH_INVALID_CREDENTIALS' });
    expect(errorOf(res).message).toContain('用户名或密码错误');
    expect(errorOf(res).message).not.toContain('再错');
  });

  it('locks the account after 5 wrong passwords; the right password then fails too', async () => {
    const c = new Client(env.app, '10.0.0.3');
    const codes: number[] = [];
    for (let i = 0; i < 5; i++) codes.push((await c.login('enterprise5', `Wrong#Pass${i}`)).statusCode);
    expect(codes).toEqual([401, 401, 401, 401, 403]);
    const locked = await c.login('enterprise5', DEMO_PASSWORD);
    expect(locked.statusCode).toBe(403);
    expect(errorOf(locked).code).toBe('AUTH_ACCOUNT_LOCKED');
    expect(errorOf(locked).message).toMatch(/账户已锁定/);
    // 15 minutes later the right password works again.
    clock.advance(15 * 60_000 + 1000);
    try {
      expect((await c.login('enterprise5', DEMO_PASSWORD)).statusCode).toBe(200);
    } finally {
      clock.reset();
    }
  });

  it('throttles one client address that fails against many accounts', async () => {
    const c = new Client(env.app, '10.0.9.9');
    const statuses: number[] = [];
    for (let i = 0; i < env.config.ipFailureLimit + 1; i++) {
      statuses.push((await c.login(`nobody${i}`, 'Wrong#Pass1')).statusCode);
    }
    expect(statuses.slice(0, -1).every((s) => s === 401)).toBe(true);
    const last = await c.login('supervisor');
    expect(last.statusCode).toBe(429);
    expect(errorOf(last).code).toBe('AUTH_TOO_MANY_ATTEMPTS');
  });

  it('validates the body with a Chinese message naming the field', async () => {
    const res = await new Client(env.app).post('/api/auth/login', { username: '', password: 'x' });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).code).toBe('VALIDATION_FAILED');
    expect(errorOf(res).message).toContain('用户名');
  });
});

describe('admin TOTP', () => {
  it('requires an admin to enrol TOTP at first login, then asks for a code every time', async () => {
    const c = new Client(env.app, '10.0.1.1');
    const first = await c.post('/api/auth/login', { username: 'admin', password: DEMO_PASSWORD });
    const setup = first.json() as { status: string; challenge: string; secret: string; otpauthUrl: string };
    expect(setup.status).toBe('totpSetupRequired');
    expect(setup.otpauthUrl).toMatch(/^otpauth:\/\/totp\//);
    const bad = await c.post('/api/auth/login/totp-setup', { challenge: setup.challenge, code: '000000' });
    expect(bad.statusCode).toBe(400);
    const ok = await c.post('/api/auth/login/totp-setup', {
      challenge: setup.challenge,
      code: generateSync({ secret: setup.secret }),
    });
    expect(ok.statusCode).toBe(200);
    rememberTotp(env.app, 'admin', setup.secret);

    const again = new Client(env.app, '10.0.1.2');
    const step1 = await again.post('/api/auth/login', { username: 'admin', password: DEMO_PASSWORD });
    expect(step1.json()).toMatchObject({ status: 'totpRequired' });
    const { challenge } = step1.json() as { challenge: string };
    const wrong = await again.post('/api/auth/login/totp', { challenge, code: '123456' });
    expect(wrong.statusCode).toBe(401);
    const right = await again.login('admin');
    expect(right.statusCode).toBe(200);
    expect(right.json()).toMatchObject({ me: { username: 'admin', totpEnabled: true } });
    const forged = await new Client(env.app).post('/api/auth/login/totp', {
      challenge: 'forged.token',
      code: '123456',
    });
    expect(forged.statusCode).toBe(401);
    // An admin cannot turn TOTP off.
    const off = await again.post('/api/auth/totp/disable', { password: DEMO_PASSWORD });
    expect(off.statusCode).toBe(403);
  });
});

describe('sessions', () => {
  it('ends the session on logout, on the server', async () => {
    const c = await signedIn(env.app, 'leader');
    expect((await c.get('/api/home')).statusCode).toBe(200);
    const cookie = c.cookie;
    expect((await c.post('/api/auth/logout')).statusCode).toBe(200);
    c.cookie = cookie; // replaying the old cookie must not work
    expect((await c.get('/api/home')).statusCode).toBe(401);
  });

  it('keeps an active session alive: a request every 40 s never reaches a 1-minute idle limit', async () => {
    // The app reads the setting on every request; this test shortens it for itself.
    env.config.sessionIdleMinutes = 1;
    try {
      clock.set(new Date('2026-11-23T02:00:00Z'));
      const c = await signedIn(env.app, 'leader');
      const statuses: number[] = [];
      for (let i = 0; i < 10; i++) {
        clock.advance(40_000);
        statuses.push((await c.get('/api/home')).statusCode);
      }
      expect(statuses).toEqual(Array(10).fill(200));
      clock.advance(61_000);
      expect((await c.get('/api/home')).statusCode).toBe(401);
    } finally {
      clock.reset();
      env.config.sessionIdleMinutes = 30;
    }
  });

  it('does not write the session on every request: only once half the idle limit has passed', async () => {
    clock.set(new Date('2026-11-23T02:00:00Z'));
    try {
      const c = await signedIn(env.app, 'leader');
      const id = createHash('sha256').update(c.cookie.replace('ps_session=', '')).digest('hex');
      const lastSeen = async () => {
        const [r] = await rows<{ last_seen_at: string | Date }>(
          env.database.db,
          sql`select last_seen_at from sessions where id = ${id}`,
        );
        return new Date(r!.last_seen_at).toISOString();
      };
      const signedInAt = await lastSeen();
      for (let i = 0; i < 5; i++) {
        clock.advance(60_000);
        expect((await c.get('/api/home')).statusCode).toBe(200);
      }
      expect(await lastSeen()).toBe(signedInAt); // 5 minutes of activity, no write
      clock.advance(11 * 60_000); // 16 minutes: more than half of the 30-minute limit used
      expect((await c.get('/api/home')).statusCode).toBe(200);
      expect(await lastSeen()).toBe('2026-11-23T02:16:00.000Z');
    } finally {
      clock.reset();
    }
  });

  it('expires after 30 idle minutes', async () => {
    const c = await signedIn(env.app, 'leader');
    clock.advance(29 * 60_000);
    expect((await c.get('/api/home')).statusCode).toBe(200);
    clock.advance(29 * 60_000); // touched at 29 min: still within 30 idle minutes
    expect((await c.get('/api/home')).statusCode).toBe(200);
    clock.advance(31 * 60_000);
    const res = await c.get('/api/home');
    clock.reset();
    expect(res.statusCode).toBe(401);
  });

  it('refuses a state-changing request without the CSRF token', async () => {
    const c = await signedIn(env.app, 'supervisor');
    c.csrf = '';
    const res = await c.post('/api/auth/logout');
    expect(res.statusCode).toBe(403);
    expect(errorOf(res).code).toBe('CSRF_TOKEN_INVALID');
  });
});

describe('password change', () => {
  it('forces a user created by the admin to change the password first', async () => {
    const admin = await signedIn(env.app, 'admin');
    const orgs = await admin.get('/api/organisations?kind=committee');
    const committee = (orgs.json() as { items: { id: string }[] }).items[0]!;
    const created = await admin.post('/api/users', {
      username: 'newsup',
      displayName: '新安监员',
      role: 'supervisor',
      organisationId: committee.id,
      password: 'Initial#2026',
    });
    expect(created.statusCode).toBe(200);
    expect(created.json()).toMatchObject({ mustChangePassword: true });

    const u = new Client(env.app, '10.0.2.1');
    expect((await u.login('newsup', 'Initial#2026')).statusCode).toBe(200);
    const blocked = await u.get('/api/enterprises');
    expect(blocked.statusCode).toBe(403);
    expect(errorOf(blocked).code).toBe('PASSWORD_CHANGE_REQUIRED');
    const weak = await u.post('/api/auth/password', { currentPassword: 'Initial#2026', newPassword: 'short' });
    expect(weak.statusCode).toBe(400);
    expect(errorOf(weak).message).toContain('至少 8 位');
    const done = await u.post('/api/auth/password', { currentPassword: 'Initial#2026', newPassword: 'Better#2026x' });
    expect(done.statusCode).toBe(200);
    expect((await u.get('/api/enterprises')).statusCode).toBe(200);
  });
});

describe('password rule', () => {
  const weak = ['Password1', 'P@ssw0rd', 'Admin123!', '1qaz@WSX', 'Qwerty123!', '!Iloveyou1'];

  it('refuses common passwords and the user name, wherever a password is set', async () => {
    const leader = await signedIn(env.app, 'leader');
    for (const pw of weak) {
      const res = await leader.post('/api/auth/password', { currentPassword: DEMO_PASSWORD, newPassword: pw });
      expect(res.statusCode, pw).toBe(400);
      expect(errorOf(res).code, pw).toBe('PASSWORD_COMMON');
      expect((res.json() as { error: { fields: Record<string, string> } }).error.fields.newPassword).toContain('常见');
    }
    for (const pw of ['Leader#2026', 'LEADER#2026x', 'my-leader-9X']) {
      const res = await leader.post('/api/auth/password', { currentPassword: DEMO_PASSWORD, newPassword: pw });
      expect(res.statusCode, pw).toBe(400);
      expect(errorOf(res).code, pw).toBe('PASSWORD_CONTAINS_USERNAME');
    }

    const admin = await signedIn(env.app, 'admin');
    const orgs = await admin.get('/api/organisations?kind=committee');
    const committee = (orgs.json() as { items: { id: string }[] }).items[0]!;
    const base = { displayName: '新用户', role: 'supervisor', organisationId: committee.id };
    const common = await admin.post('/api/users', { ...base, username: 'weakling', password: 'P@ssw0rd' });
    expect(errorOf(common).code).toBe('PASSWORD_COMMON');
    const named = await admin.post('/api/users', { ...base, username: 'Zhangwei', password: 'zhangwei#2026' });
    expect(errorOf(named).code).toBe('PASSWORD_CONTAINS_USERNAME');

    const list = (await admin.get('/api/users?q=inspector')).json() as { items: { id: string }[] };
    const reset = await admin.post(`/api/users/${list.items[0]!.id}/reset-password`, { password: 'Inspector#1' });
    expect(errorOf(reset).code).toBe('PASSWORD_CONTAINS_USERNAME');
    const resetCommon = await admin.post(`/api/users/${list.items[0]!.id}/reset-password`, { password: 'Admin123!' });
    expect(errorOf(resetCommon).code).toBe('PASSWORD_COMMON');

    const supervisor = await signedIn(env.app, 'supervisor');
    const me = (await (await signedIn(env.app, 'enterprise2')).get('/api/auth/session')).json() as {
      me: { enterpriseId: string };
    };
    const account = await supervisor.post(`/api/enterprises/${me.me.enterpriseId}/users`, {
      username: 'ent2-safety',
      displayName: '安全员',
      password: '1qaz@WSX',
    });
    expect(errorOf(account).code).toBe('PASSWORD_COMMON');
  });

  it('still accepts the demo passwords and a sound new one', async () => {
    const c = await signedIn(env.app, 'department');
    const res = await c.post('/api/auth/password', { currentPassword: DEMO_PASSWORD, newPassword: 'Demo#2026pass' });
    expect(res.statusCode).toBe(200);
  });
});

describe('the sign-in probe', () => {
  it('answers "not signed in" with 200 before sign-in, while /session still refuses', async () => {
    const c = new Client(env.app, '10.0.7.1');
    const status = await c.get('/api/auth/status');
    expect(status.statusCode).toBe(200);
    expect(status.json()).toEqual({ signedIn: false });
    expect((await c.get('/api/auth/session')).statusCode).toBe(401);
    // A made-up or ended session is "not signed in" too.
    c.cookie = 'ps_session=forged-token';
    expect((await c.get('/api/auth/status')).json()).toEqual({ signedIn: false });
  });

  it('names the signed-in user and hands the CSRF token; after logout it says not signed in', async () => {
    const c = await signedIn(env.app, 'inspector');
    const status = await c.get('/api/auth/status');
    expect(status.statusCode).toBe(200);
    expect(status.json()).toMatchObject({ signedIn: true, me: { username: 'inspector' }, csrfToken: c.csrf });
    expect((await c.post('/api/auth/logout')).statusCode).toBe(200);
    expect((await c.get('/api/auth/status')).json()).toEqual({ signedIn: false });
  });
});
