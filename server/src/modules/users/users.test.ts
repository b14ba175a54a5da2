// Who manages whose accounts: a supervisor opens and disables enterprise accounts only; the committee's, the member
// departments' and every other organisation's accounts, and every role change, are the administrator's.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../platform/db';
import { type Client, createTestEnv, signedIn, type TestEnv } from '../../testing/harness';

let env: TestEnv;
let sup: Client;
let ids: Record<string, { user: string; org: string }>;

beforeAll(async () => {
  env = await createTestEnv();
  sup = await signedIn(env.app, 'supervisor');
  const found = await rows<{ username: string; user: string; org: string }>(
    env.database.db,
    sql`select username, id as user, organisation_id as org from users`,
  );
  ids = Object.fromEntries(found.map((r) => [r.username, { user: r.user, org: r.org }]));
});
afterAll(async () => {
  await env?.close();
});

describe('enterprise accounts', () => {
  it("refuses a supervisor's PATCH of the administrator: 403, and the admin's sessions survive", async () => {
    const admin = await signedIn(env.app, 'admin');
    const res = await sup.patch(`/api/enterprises/${ids.admin!.org}/users/${ids.admin!.user}`, { disabled: true });
    expect(res.statusCode, res.body).toBe(403);
    expect(res.json().error.code).toBe('ENTERPRISE_ACCOUNTS_ONLY');
    expect((await admin.get('/api/auth/session')).statusCode).toBe(200);
    const [row] = await rows<{ disabled: boolean }>(
      env.database.db,
      sql`select disabled from users where id = ${ids.admin!.user}`,
    );
    expect(row!.disabled).toBe(false);
  });

  it("refuses to list or open accounts of the committee or a department, and other organisations' users", async () => {
    for (const who of ['admin', 'department']) {
      const org = ids[who]!.org;
      const list = await sup.get(`/api/enterprises/${org}/users`);
      expect(list.statusCode, list.body).toBe(403);
      expect(list.body).not.toContain(ids[who]!.user);
      const created = await sup.post(`/api/enterprises/${org}/users`, {
        username: `intruder-${who}`,
        displayName: '冒名人员',
        password: 'Intrude#2026pass',
      });
      expect(created.statusCode, created.body).toBe(403);
    }
    // The department user through its own organisation, and enterprise2's user through enterprise1's page.
    const dept = await sup.patch(`/api/enterprises/${ids.department!.org}/users/${ids.department!.user}`, {
      disabled: true,
    });
    expect(dept.statusCode).toBe(403);
    const crossed = await sup.patch(`/api/enterprises/${ids.enterprise1!.org}/users/${ids.enterprise2!.user}`, {
      disabled: true,
    });
    expect(crossed.statusCode).toBe(404);
    // An unknown organisation is not found; the general user routes stay the administrator's.
    expect((await sup.get('/api/enterprises/00000000-0000-4000-8000-000000000000/users')).statusCode).toBe(404);
    expect((await sup.patch(`/api/users/${ids.admin!.user}`, { role: 'leader' })).statusCode).toBe(403);
    expect((await sup.patch(`/api/users/${ids.enterprise1!.user}`, { disabled: true })).statusCode).toBe(403);
  });

  it("still lets a supervisor list, open and disable an enterprise's accounts", async () => {
    const org = ids.enterprise3!.org;
    const list = (await sup.get(`/api/enterprises/${org}/users`)).json() as { items: { id: string }[] };
    expect(list.items.map((u) => u.id)).toContain(ids.enterprise3!.user);
    const off = await sup.patch(`/api/enterprises/${org}/users/${ids.enterprise3!.user}`, { disabled: true });
    expect(off.statusCode, off.body).toBe(200);
    expect(off.json().disabled).toBe(true);
  });
});
