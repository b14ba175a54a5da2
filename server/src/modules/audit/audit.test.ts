import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChains } from '../../platform/audit';
import { rows } from '../../platform/db';
import { Client, createTestEnv, signedIn, type TestEnv } from '../../testing/harness';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(async () => {
  await env?.close();
});

describe('audit log', () => {
  it('records logins, failed logins and writes with who, role, address and before/after (secrets masked)', async () => {
    await new Client(env.app, '10.1.1.1').login('leader', 'Wrong#Pass1');
    const admin = await signedIn(env.app, 'admin');
    const list = await admin.get('/api/users?q=leader');
    const leader = (list.json() as { items: { id: string }[] }).items[0]!;
    await admin.post(`/api/users/${leader.id}/reset-password`, { password: 'Reset#Pass2026' });

    const failed = await rows<{ actor_name: string; ip: string; after: { reason: string } }>(
      env.database.db,
      sql`select actor_name, ip, after from audit_log where action = 'auth.loginFailed' and actor_name = 'leader'`,
    );
    expect(failed[0]).toMatchObject({ actor_name: 'leader', ip: '10.1.1.1', after: { reason: 'wrongPassword' } });

    const res = await admin.get(`/api/audit?entityId=${leader.id}&action=user.resetPassword`);
    expect(res.statusCode).toBe(200);
    const row = (res.json() as { items: { actorRole: string; after: Record<string, unknown> }[] }).items[0]!;
    expect(row.actorRole).toBe('admin');
    expect(JSON.stringify(row.after)).not.toContain('$argon2');
  });

  it('refuses UPDATE and DELETE on audit rows at the database', async () => {
    // Drizzle wraps the driver's error; the database's own message is its cause.
    const refusal = async (q: ReturnType<typeof sql>) =>
      env.database.db.execute(q).then(
        () => 'accepted',
        (e: Error & { cause?: Error }) => String(e.cause?.message ?? e.message),
      );
    expect(await refusal(sql`update audit_log set action = 'x'`)).toMatch(/append-only: UPDATE refused/);
    expect(await refusal(sql`delete from audit_log`)).toMatch(/append-only: DELETE refused/);
  });

  it('verifies the chain, and names the first row altered behind the trigger', async () => {
    const admin = await signedIn(env.app, 'admin');
    const ok = await admin.get('/api/audit/verify');
    expect(ok.json()).toMatchObject({ ok: true, firstBroken: null });
    const [target] = await rows<{ park_id: string; seq: number; id: string }>(
      env.database.db,
      sql`select park_id, seq, id from audit_log where action = 'demo.seed'`,
    );
    await env.database.exec(`
      ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_delete;
      UPDATE audit_log SET after = '{"enterprises": 1}' WHERE id = '${target!.id}';
      ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update_delete;`);
    const result = await verifyAuditChains(env.database.db);
    expect(result.ok).toBe(false);
    expect(result.firstBroken).toMatchObject({ id: target!.id, seq: Number(target!.seq), parkId: target!.park_id });
    const viaApi = await admin.get('/api/audit/verify');
    expect(viaApi.json()).toMatchObject({ ok: false, firstBroken: { id: target!.id } });
  });

  it('keeps the audit page for admins only', async () => {
    const sup = await signedIn(env.app, 'supervisor');
    expect((await sup.get('/api/audit')).statusCode).toBe(403);
  });
});
