// Fault test of issue 17: the server is killed (SIGKILL) in the middle of a phone's sync of 50 queued offline
// inspections; after a restart the phone sends its whole queue again, as the outbox does for every record it has no
// answer for, and the server holds each record exactly once. Loopback only, one bounded run.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, rows } from '../../platform/db';
import {
  freePort,
  type HttpSession,
  type ServerProcess,
  signInOverHttp,
  startServer,
  waitReady,
} from '../../testing/server-process';

const PASSWORD = 'Sync#Fault2026';
const QUEUED = 50;
const KILL_AFTER = 20; // acknowledged answers before the kill
const servers: ServerProcess[] = [];
afterAll(() => {
  for (const s of servers) s.child.kill('SIGKILL');
});
const start = (dataDir: string, port: number) => {
  const s = startServer({ dataDir, port, demoPassword: PASSWORD });
  servers.push(s);
  return s;
};
const signIn = (base: string, username: string) => signInOverHttp(base, username, PASSWORD);

// The embedded server is the one under test; the PostgreSQL run of the suite need not repeat it.
describe.skipIf(Boolean(process.env.TEST_DATABASE_URL))('a server killed in the middle of a sync', () => {
  it('holds every one of 50 queued records exactly once after a restart and a full resend', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'parksafe-syncfault-'));
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    let server = start(dataDir, port);
    await waitReady(port, server.output);

    let session = await signIn(base, 'inspector');
    const list = (await (
      await fetch(`${base}/api/enterprises?pageSize=1`, { headers: { cookie: session.cookie } })
    ).json()) as { items: { id: string }[] };
    const enterpriseId = list.items[0]!.id;
    const run = randomUUID().slice(0, 8);
    const deadline = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    const queue = Array.from({ length: QUEUED }, (_, i) => ({
      deviceRecordId: randomUUID(),
      idempotencyKey: `fault-${run}-${i}`,
      capturedBy: session.userId,
      capturedAt: new Date(Date.now() - 3_600_000).toISOString(),
      inspection: {
        enterpriseId,
        inspectedOn: new Date().toISOString().slice(0, 10),
        kind: 'supervision',
        inspectorIds: [session.userId],
        summary: `离线故障测试 ${run} #${i}`,
        hazards: [
          { description: `故障测试隐患 ${run} #${i}`, category: 'unsafeCondition', source: 'routine', deadline },
        ],
      },
    }));
    const send = (s: HttpSession, body: (typeof queue)[number]) =>
      fetch(`${base}/api/sync/inspections`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: s.cookie, 'x-csrf-token': s.csrf },
        body: JSON.stringify(body),
      });

    // Four requests in flight at a time, as a phone on a good connection would; SIGKILL once 20 have answered.
    const acknowledged = new Set<number>();
    let next = 0;
    let killed = false;
    const worker = async () => {
      while (next < QUEUED && !killed) {
        const i = next++;
        const res = await send(session, queue[i]!).catch(() => null);
        if (res?.status === 200) acknowledged.add(i);
        else if (res && !killed) throw new Error(`sync ${i}: ${res.status} ${await res.text()}`);
        if (acknowledged.size >= KILL_AFTER && !killed) {
          killed = true;
          server.child.kill('SIGKILL');
        }
      }
    };
    await Promise.all([worker(), worker(), worker(), worker()]);
    await server.exited;
    expect(killed).toBe(true);
    expect(acknowledged.size).toBeGreaterThanOrEqual(KILL_AFTER);
    expect(acknowledged.size).toBeLessThan(QUEUED);

    // Restart on the same data directory (the dead process's lock is stale) and resend the whole queue.
    server = start(dataDir, port);
    await waitReady(port, server.output);
    session = await signIn(base, 'inspector');
    const entityIds = new Set<string>();
    for (const [i, body] of queue.entries()) {
      const res = await send(session, body);
      expect(res.status, `resend ${i}`).toBe(200);
      const result = (await res.json()) as { entityId: string; replayed: boolean };
      if (acknowledged.has(i)) expect(result.replayed).toBe(true);
      entityIds.add(result.entityId);
    }
    expect(entityIds.size).toBe(QUEUED);

    server.child.kill('SIGTERM');
    await server.exited;
    const database = await openDatabase({ databaseUrl: null, dataDir });
    try {
      const [counts] = await rows<{ inspections: number; hazards: number; keys: number }>(
        database.db,
        sql`select
              (select count(*)::int from inspections where summary like ${`离线故障测试 ${run} #%`}) as inspections,
              (select count(*)::int from hazards where description like ${`故障测试隐患 ${run} #%`}) as hazards,
              (select count(*)::int from sync_records where idempotency_key like ${`fault-${run}-%`}) as keys`,
      );
      expect(counts).toEqual({ inspections: QUEUED, hazards: QUEUED, keys: QUEUED });
    } finally {
      await database.close();
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  }, 420_000);
});
