import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AuditEntry,
  appendAuditMany,
  auditHash,
  auditMac,
  type HashedFields,
  NO_PARK,
  verifyAuditChains,
} from '../../platform/audit';
import {
  checkLatestCheckpoints,
  readCheckpoints,
  startAuditCheckpoints,
  writeAuditCheckpoints,
} from '../../platform/audit-checkpoints';
import { clock } from '../../platform/clock';
import { loadConfig } from '../../platform/config';
import { type Database, type Db, migrate, openDatabase, rows } from '../../platform/db';
import { auditRoleReport, auditRoleWarning, openServerDatabase, urlAs } from '../../platform/db-roles';
import {
  Client,
  createTestDatabase,
  createTestEnv,
  signedIn,
  TEST_AUDIT_KEY,
  TEST_ROLES,
  type TestEnv,
} from '../../testing/harness';
import { runCli } from '../../testing/server-process';
import { entityNames, NAMED_TYPES } from './names';
import { AUDIT_COUNT_CAP } from './repository';

let env: TestEnv;
let checkpointFile: string;
beforeAll(async () => {
  env = await createTestEnv();
  checkpointFile = env.config.auditCheckpointFile!;
});
afterAll(async () => {
  await env?.close();
});

// ---- helpers: a chain of its own per scenario (a random park), and tampering as the database owner would ----

/** Appends n audit rows to a new chain and returns its park id. */
async function newChain(db: Db, n: number): Promise<string> {
  const park = randomUUID();
  const entries: AuditEntry[] = Array.from({ length: n }, (_, i) => ({
    action: 'test.write',
    entityType: 'test',
    entityId: String(i + 1),
    after: { n: i + 1, note: `第 ${i + 1} 次写入` },
    parkId: park,
  }));
  await db.transaction((tx) => appendAuditMany(tx as unknown as Db, { actor: null, ip: '10.0.0.9' }, entries));
  return park;
}

interface Row extends HashedFields {
  hash: string;
}

/** The rows of a chain as verify reads them. */
async function chainRows(db: Db, park: string): Promise<Row[]> {
  const found = await rows<Record<string, string | null>>(
    db,
    sql`select park_id, seq, id, to_char("at" at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as at,
               actor_user_id, actor_name, actor_organisation_id, actor_role, ip, action, entity_type, entity_id,
               before::text as before, after::text as after, prev_hash, hash, enterprise_id
          from audit_log where park_id = ${park} order by seq`,
  );
  return found.map((r) => ({
    parkId: r.park_id!,
    seq: Number(r.seq),
    id: r.id!,
    at: new Date(r.at!),
    actorUserId: r.actor_user_id ?? null,
    actorName: r.actor_name ?? null,
    actorOrganisationId: r.actor_organisation_id ?? null,
    actorRole: r.actor_role ?? null,
    ip: r.ip ?? null,
    action: r.action!,
    entityType: r.entity_type!,
    entityId: r.entity_id ?? null,
    before: r.before ? JSON.parse(r.before) : null,
    after: r.after ? JSON.parse(r.after) : null,
    prevHash: r.prev_hash!,
    enterpriseId: r.enterprise_id ?? null,
    hash: r.hash!,
  }));
}

const lit = (v: unknown) => (v === null || v === undefined ? 'NULL' : `'${String(v).replace(/'/g, "''")}'`);

/** Runs a script as the owner with every guard trigger of the audit tables off, as an attacker holding it would. */
async function behindTriggers(owner: Database, script: string) {
  const tables = ['audit_log', 'audit_chain_heads', 'audit_legacy_boundary'];
  await owner.exec(`BEGIN;
${tables.map((t) => `ALTER TABLE ${t} DISABLE TRIGGER USER;`).join('\n')}
${script}
${tables.map((t) => `ALTER TABLE ${t} ENABLE TRIGGER USER;`).join('\n')}
COMMIT;`);
}

/**
 * Edits one row's `after`, then recomputes the chain from there with the given hash function and moves the head:
 * everything the database holds is consistent again.
 */
async function editAndRecompute(owner: Database, park: string, seq: number, hashOf: (f: HashedFields) => string) {
  const all = await chainRows(owner.db, park);
  let prev = all.find((r) => r.seq === seq - 1)?.hash ?? '0'.repeat(64);
  const updates: string[] = [];
  for (const r of all.filter((x) => x.seq >= seq)) {
    const fields: HashedFields = { ...r, prevHash: prev, after: r.seq === seq ? { n: 999, note: '改过' } : r.after };
    const hash = hashOf(fields);
    updates.push(
      `UPDATE audit_log SET after = ${lit(JSON.stringify(fields.after))}::jsonb, prev_hash = ${lit(prev)}, hash = ${lit(hash)}
        WHERE park_id = ${lit(park)} AND seq = ${r.seq};`,
    );
    prev = hash;
  }
  updates.push(`UPDATE audit_chain_heads SET last_hash = ${lit(prev)} WHERE park_id = ${lit(park)};`);
  await behindTriggers(owner, updates.join('\n'));
}

const checkpointsNow = () => readCheckpoints([checkpointFile], TEST_AUDIT_KEY);
const checkpoint = (db: Db) => writeAuditCheckpoints(db, { file: checkpointFile, key: TEST_AUDIT_KEY });
const verifyPark = async (park: string) =>
  verifyAuditChains(env.database.db, { parkIds: [park], key: TEST_AUDIT_KEY, checkpoints: await checkpointsNow() });

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

  it('names the objects of every module by serial, title or enterprise instead of their ids', async () => {
    const admin = await signedIn(env.app, 'admin');
    const UUID_TEXT = /^[0-9a-f]{8}-[0-9a-f]{4}-/i;
    const seen: string[] = [];
    for (const type of NAMED_TYPES) {
      // Every lookup runs (an id of nothing names nothing, and is no error).
      const none = await entityNames(env.database.db, randomUUID(), [
        { entityType: type, entityId: randomUUID(), before: null, after: null },
      ]);
      expect(none.size, type).toBe(0);
      const res = await admin.get(`/api/audit?entityType=${type}&pageSize=100`);
      expect(res.statusCode, type).toBe(200);
      const { items } = res.json() as {
        items: { entityId: string | null; entityName: string | null; action: string }[];
      };
      for (const r of items.filter((x) => x.entityId && !x.action.endsWith('delete'))) {
        expect(r.entityName, `${type} ${r.action} ${r.entityId}`).toBeTruthy();
        expect(r.entityName, `${type} ${r.action}`).not.toMatch(UUID_TEXT);
      }
      if (items.length) seen.push(type);
    }
    // The demo park's history covers the later modules too (responsibility, credit, activities).
    expect(seen).toEqual(expect.arrayContaining(['responsibilityTemplate', 'commendation', 'assessmentRound']));
  });

  it("lists the archived months to the administrator with the rows of its own park's chain only", async () => {
    const admin = await signedIn(env.app, 'admin');
    const [{ park_id: parkId }] = (
      (await env.owner.db.execute(sql`select park_id from users where username = 'admin'`)) as unknown as {
        rows: { park_id: string }[];
      }
    ).rows as [{ park_id: string }];
    const otherPark = randomUUID();
    const chain = (park: string, n: number) => ({
      park,
      rows: n,
      firstSeq: 1,
      firstHash: 'a',
      lastSeq: n,
      lastHash: 'b',
      lastId: randomUUID(),
    });
    // As `npm run audit:archive` records it (the owner's write), for this park, another park and the park-less chain.
    await env.owner.db.execute(
      sql`insert into audit_archives (month, from_at, to_at, rows, chains, file_name, sha256, sm3, archived_at,
                                      archived_by, dropped_at, mac)
          values ('2019-01', '2018-12-31T16:00:00Z', '2019-01-31T16:00:00Z', 1234,
                  ${JSON.stringify([chain(parkId, 1000), chain(otherPark, 200), chain(NO_PARK, 34)])}::jsonb,
                  '/srv/archives/audit-2019-01.ndjson.gz', ${'5'.repeat(64)}, ${'3'.repeat(64)},
                  '2019-03-01T02:00:00Z', 'postgres', '2019-09-01T02:00:00Z', 'mac'),
                 ('2019-02', '2019-01-31T16:00:00Z', '2019-02-28T16:00:00Z', 7,
                  ${JSON.stringify([chain(otherPark, 7)])}::jsonb,
                  '/srv/archives/audit-2019-02.ndjson.gz', ${'6'.repeat(64)}, ${'4'.repeat(64)},
                  '2019-04-01T02:00:00Z', 'postgres', null, 'mac')`,
    );
    try {
      const res = await admin.get('/api/audit/archives');
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({
        items: [
          {
            month: '2019-02',
            rows: 0,
            fileName: 'audit-2019-02.ndjson.gz',
            sha256: '6'.repeat(64),
            sm3: '4'.repeat(64),
            archivedAt: '2019-04-01T02:00:00.000Z',
            archivedBy: 'postgres',
            droppedAt: null,
          },
          {
            month: '2019-01',
            rows: 1034,
            fileName: 'audit-2019-01.ndjson.gz',
            sha256: '5'.repeat(64),
            sm3: '3'.repeat(64),
            archivedAt: '2019-03-01T02:00:00.000Z',
            archivedBy: 'postgres',
            droppedAt: '2019-09-01T02:00:00.000Z',
          },
        ],
      });
      expect(res.body).not.toContain(otherPark);
      expect(res.body).not.toContain('/srv/archives');
      for (const who of ['supervisor', 'enterprise1']) {
        expect((await (await signedIn(env.app, who)).get('/api/audit/archives')).statusCode, who).toBe(403);
      }
    } finally {
      await env.owner.db.execute(sql`delete from audit_archives where month in ('2019-01', '2019-02')`);
    }
  });

  it('refuses UPDATE and DELETE on audit rows at the database, even to the owner while the trigger stands', async () => {
    // Drizzle wraps the driver's error; the database's own message is its cause.
    const refusal = async (q: ReturnType<typeof sql>) =>
      env.owner.db.execute(q).then(
        () => 'accepted',
        (e: Error & { cause?: Error }) => String(e.cause?.message ?? e.message),
      );
    expect(await refusal(sql`update audit_log set action = 'x'`)).toMatch(/append-only: UPDATE refused/);
    expect(await refusal(sql`delete from audit_log`)).toMatch(/append-only: DELETE refused/);
    expect(await refusal(sql`update audit_chain_heads set last_seq = 1`)).toMatch(/only moves forward/);
    expect(await refusal(sql`delete from audit_chain_heads`)).toMatch(/DELETE refused/);
  });

  it('verifies the chain, and names the first row altered behind the trigger', async () => {
    const admin = await signedIn(env.app, 'admin');
    const ok = await admin.get('/api/audit/verify');
    expect(ok.json()).toMatchObject({ ok: true, firstBroken: null, legacy: 0, warnings: [] });
    // The checkpoint written when the app started covers the admin's chain.
    expect((ok.json() as { checkpoints: { valid: number } }).checkpoints.valid).toBeGreaterThan(0);
    const [target] = await rows<{ park_id: string; seq: number; id: string }>(
      env.database.db,
      sql`select park_id, seq, id from audit_log where action = 'demo.seed'`,
    );
    await behindTriggers(env.owner, `UPDATE audit_log SET after = '{"enterprises": 1}' WHERE id = '${target!.id}';`);
    const result = await verifyAuditChains(env.database.db, { checkpoints: await checkpointsNow() });
    expect(result.ok).toBe(false);
    expect(result.firstBroken).toMatchObject({
      id: target!.id,
      seq: Number(target!.seq),
      parkId: target!.park_id,
      kind: 'edited',
    });
    const viaApi = await admin.get('/api/audit/verify');
    expect(viaApi.json()).toMatchObject({ ok: false, firstBroken: { id: target!.id, kind: 'edited' } });
    expect((viaApi.json() as { firstBroken: { reason: string } }).firstBroken.reason).toMatch(/记录被修改/);
  });

  it('lists both chains newest first, pages them, counts the whole log from the heads and caps a filtered count', async () => {
    const admin = await signedIn(env.app, 'admin');
    // An unknown user name goes to the park-less chain; the admin's writes to the park's: the list merges them.
    await new Client(env.app, '10.1.1.2').login('no-such-user', 'Wrong#Pass1');
    const all = (await admin.get('/api/audit?pageSize=100')).json() as {
      items: { at: string; action: string }[];
      total: number;
      totalCapped: boolean;
    };
    const heads = await rows<{ n: string }>(
      env.database.db,
      sql`select coalesce(sum(last_seq), 0) as n from audit_chain_heads
           where park_id in (select park_id from users where username = 'admin') or park_id = ${NO_PARK}`,
    );
    expect(all.totalCapped).toBe(false);
    expect(all.total).toBe(Number(heads[0]!.n));
    const times = all.items.map((r) => r.at);
    expect(times).toEqual([...times].sort().reverse());
    expect(all.items.some((r) => r.action === 'auth.loginFailed')).toBe(true);

    // More matches than are counted: the total says "more than", and the pages still follow one another.
    const parkId = (
      await rows<{ park_id: string }>(env.database.db, sql`select park_id from users where username = 'admin'`)
    )[0]!.park_id;
    const bulk: AuditEntry[] = Array.from({ length: AUDIT_COUNT_CAP + 5 }, (_, i) => ({
      action: 'test.bulk',
      entityType: 'test',
      entityId: String(i),
      parkId,
    }));
    await env.database.db.transaction((tx) =>
      appendAuditMany(tx as unknown as Db, { actor: null, ip: '10.0.0.9' }, bulk),
    );
    const first = (await admin.get('/api/audit?action=test.bulk&pageSize=50&order=asc')).json() as {
      items: { entityId: string }[];
      total: number;
      totalCapped: boolean;
    };
    expect(first).toMatchObject({ total: AUDIT_COUNT_CAP, totalCapped: true });
    const second = (await admin.get('/api/audit?action=test.bulk&pageSize=50&page=2&order=asc')).json() as {
      items: { entityId: string }[];
    };
    expect(second.items.map((r) => r.entityId)).toEqual(Array.from({ length: 50 }, (_, i) => String(50 + i)));
    // The actor filter matches the beginning of the name.
    const byActor = (await admin.get('/api/audit?actor=no-such')).json() as { items: { actorName: string }[] };
    expect(byActor.items.map((r) => r.actorName)).toContain('no-such-user');
    expect(((await admin.get('/api/audit?actor=such-user')).json() as { total: number }).total).toBe(0);
    const few = (await admin.get('/api/audit?action=test.bulk&entityId=7')).json() as {
      total: number;
      totalCapped: boolean;
    };
    expect(few).toMatchObject({ total: 1, totalCapped: false });
  });

  it('keeps the audit page for admins only', async () => {
    const sup = await signedIn(env.app, 'supervisor');
    expect((await sup.get('/api/audit')).statusCode).toBe(403);
  });
});

describe('keyed chain (HMAC-SM3 with a key outside the database)', () => {
  it('(i) a row edited and the chain recomputed with the unkeyed hashing code fails, naming the row', async () => {
    const park = await newChain(env.database.db, 6);
    await checkpoint(env.database.db);
    expect((await verifyPark(park)).ok).toBe(true);
    const target = (await chainRows(env.database.db, park)).find((r) => r.seq === 3)!;

    await editAndRecompute(env.owner, park, 3, auditHash);
    const result = await verifyPark(park);
    expect(result.ok).toBe(false);
    expect(result.firstBroken).toMatchObject({ parkId: park, seq: 3, id: target.id, kind: 'edited' });
    expect(result.firstBroken!.reason).toMatch(/HMAC-SM3/);
  });

  it('a chain recomputed with a guessed key fails the same way', async () => {
    const park = await newChain(env.database.db, 4);
    await checkpoint(env.database.db);
    const target = (await chainRows(env.database.db, park)).find((r) => r.seq === 2)!;
    await editAndRecompute(env.owner, park, 2, (f) => auditMac('a-guessed-key-a-guessed-key-a-guessed-key', f));
    expect((await verifyPark(park)).firstBroken).toMatchObject({ seq: 2, id: target.id, kind: 'edited' });
  });

  it('a chain recomputed with the stolen key is still caught by the checkpoint that saw the old digest', async () => {
    const park = await newChain(env.database.db, 4);
    await checkpoint(env.database.db);
    const last = (await chainRows(env.database.db, park)).find((r) => r.seq === 4)!;
    await editAndRecompute(env.owner, park, 2, (f) => auditMac(TEST_AUDIT_KEY, f));
    const result = await verifyPark(park);
    expect(result.firstBroken).toMatchObject({ seq: 4, id: last.id, kind: 'edited' });
    expect(result.firstBroken!.reason).toMatch(/检查点/);
  });

  it('(ii) a forged row with the chain head moved forward fails as inserted, naming the row', async () => {
    const park = await newChain(env.database.db, 4);
    await checkpoint(env.database.db);
    const last = (await chainRows(env.database.db, park)).at(-1)!;
    const forged: HashedFields = {
      ...last,
      seq: 5,
      id: randomUUID(),
      action: 'user.delete',
      after: { note: '伪造' },
      prevHash: last.hash,
    };
    const hash = auditHash(forged);
    // The server's own role may append and move the head: that is all a forger needs, and still not enough.
    await env.database.exec(`
      INSERT INTO audit_log (park_id, seq, id, at, ip, action, entity_type, entity_id, after, prev_hash, hash)
      VALUES (${lit(park)}, 5, ${lit(forged.id)}, ${lit(forged.at.toISOString())}, ${lit(forged.ip)}, 'user.delete', 'test',
              ${lit(forged.entityId)}, '{"note": "伪造"}', ${lit(last.hash)}, ${lit(hash)});
      UPDATE audit_chain_heads SET last_seq = 5, last_hash = ${lit(hash)} WHERE park_id = ${lit(park)};`);
    const result = await verifyPark(park);
    expect(result.ok).toBe(false);
    expect(result.firstBroken).toMatchObject({ parkId: park, seq: 5, id: forged.id, kind: 'inserted' });
    expect(result.firstBroken!.reason).toMatch(/伪造或插入/);
  });

  it('(iii) the last rows deleted and the head reset are caught by the checkpoint, naming the rows', async () => {
    const park = await newChain(env.database.db, 6);
    await checkpoint(env.database.db);
    const all = await chainRows(env.database.db, park);
    const third = all.find((r) => r.seq === 3)!;
    const sixth = all.find((r) => r.seq === 6)!;
    await behindTriggers(
      env.owner,
      `DELETE FROM audit_log WHERE park_id = ${lit(park)} AND seq > 3;
       UPDATE audit_chain_heads SET last_seq = 3, last_hash = ${lit(third.hash)} WHERE park_id = ${lit(park)};`,
    );
    const result = await verifyPark(park);
    expect(result.ok).toBe(false);
    expect(result.firstBroken).toMatchObject({ parkId: park, seq: 4, kind: 'truncated' });
    expect(result.firstBroken!.reason).toContain('第 4–6 条记录被删除');
    expect(result.firstBroken!.reason).toContain(sixth.id);
    // The next start-up says so in the log, before anyone runs verify.
    const problems = await checkLatestCheckpoints(env.database.db, await checkpointsNow());
    expect(problems.join()).toContain(`园区 ${park}：检查点记录的第 6 条（id ${sixth.id}）已不存在`);
  });

  it('a row deleted inside the chain is named as deleted', async () => {
    const park = await newChain(env.database.db, 5);
    await checkpoint(env.database.db);
    await behindTriggers(env.owner, `DELETE FROM audit_log WHERE park_id = ${lit(park)} AND seq = 2;`);
    const result = await verifyPark(park);
    expect(result.firstBroken).toMatchObject({ parkId: park, seq: 2, kind: 'deleted' });
  });
});

describe('one day verified (a park day, Asia/Shanghai)', () => {
  /** A chain of three rows on each of three park days. */
  async function threeDays(): Promise<string> {
    const park = randomUUID();
    try {
      for (const [i, day] of ['2026-03-01', '2026-03-02', '2026-03-03'].entries()) {
        // 23:30 Shanghai is 15:30 UTC the same date: the rows belong to the park day, not the UTC one.
        clock.set(new Date(`${day}T23:30:00+08:00`));
        const entries: AuditEntry[] = [1, 2, 3].map((k) => ({
          action: 'test.write',
          entityType: 'test',
          entityId: `${i}-${k}`,
          after: { day, k },
          parkId: park,
        }));
        await env.database.db.transaction((tx) =>
          appendAuditMany(tx as unknown as Db, { actor: null, ip: '10.0.0.9' }, entries),
        );
      }
    } finally {
      clock.reset();
    }
    return park;
  }
  const verifyDay = (park: string, day: string) => {
    const from = new Date(`${day}T00:00:00+08:00`);
    return verifyAuditChains(env.database.db, {
      parkIds: [park],
      key: TEST_AUDIT_KEY,
      range: { from, to: new Date(from.getTime() + 86_400_000) },
    });
  };

  it('checks only that day’s rows, and their links to the rows before and after', async () => {
    const park = await threeDays();
    const result = await verifyDay(park, '2026-03-02');
    expect(result).toMatchObject({ ok: true, checked: 3 });
    expect((await verifyDay(park, '2026-03-05')).checked).toBe(0);
    // A row of another day edited: this day still holds; that day does not.
    await editAndRecompute(env.owner, park, 8, auditHash);
    expect((await verifyDay(park, '2026-03-02')).ok).toBe(true);
    expect((await verifyDay(park, '2026-03-03')).firstBroken).toMatchObject({ seq: 8, kind: 'edited' });
  });

  it('names a row of the day edited, its last row recomputed, and a row deleted inside it', async () => {
    const edited = await threeDays();
    const fifth = (await chainRows(env.database.db, edited)).find((r) => r.seq === 5)!;
    await behindTriggers(
      env.owner,
      `UPDATE audit_log SET after = '{"k": 99}' WHERE park_id = ${lit(edited)} AND seq = 5;`,
    );
    expect((await verifyDay(edited, '2026-03-02')).firstBroken).toMatchObject({ seq: 5, id: fifth.id, kind: 'edited' });

    // The day's last row rewritten with a valid MAC (the stolen key): only the next day's first row gives it away.
    const tail = await threeDays();
    const sixth = (await chainRows(env.database.db, tail)).find((r) => r.seq === 6)!;
    const forged: HashedFields = { ...sixth, after: { k: 99 } };
    await behindTriggers(
      env.owner,
      `UPDATE audit_log SET after = '{"k": 99}', hash = ${lit(auditMac(TEST_AUDIT_KEY, forged))}
         WHERE park_id = ${lit(tail)} AND seq = 6;`,
    );
    const broken = await verifyDay(tail, '2026-03-02');
    expect(broken.firstBroken).toMatchObject({ seq: 6, id: sixth.id, kind: 'edited' });
    expect(broken.firstBroken!.reason).toContain('第 7 条');

    const gap = await threeDays();
    await behindTriggers(env.owner, `DELETE FROM audit_log WHERE park_id = ${lit(gap)} AND seq = 5;`);
    expect((await verifyDay(gap, '2026-03-02')).firstBroken).toMatchObject({ seq: 5, kind: 'deleted' });
  });

  it('is asked for by date over the API, and a malformed date is refused naming the field', async () => {
    const admin = await signedIn(env.app, 'admin');
    const ok = await admin.get('/api/audit/verify?date=2026-03-02');
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ ok: true });
    const bad = await admin.get('/api/audit/verify?date=2026-13-40');
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json())).toContain('date');
  });
});

describe('checkpoints outside the database', () => {
  it('are written at start, when a head moves, at shutdown, and to the log; forged lines are ignored', async () => {
    const own = await createTestEnv({ seed: false });
    try {
      const file = own.config.auditCheckpointFile!;
      const park = await newChain(own.database.db, 2);
      const logged: object[] = [];
      const log = { info: (o: object) => logged.push(o), error: (o: object) => logged.push({ error: o }) };
      const cp = await startAuditCheckpoints(own.database.db, { file, key: TEST_AUDIT_KEY, minutes: 5, log });
      const lines = () =>
        fs
          .readFileSync(file, 'utf8')
          .trim()
          .split('\n')
          .map((l) => JSON.parse(l) as { park: string; seq: number; mac: string });
      expect(lines().filter((c) => c.park === park)).toEqual([expect.objectContaining({ seq: 2 })]);
      expect(logged).toEqual([{ auditCheckpoint: expect.objectContaining({ park, seq: 2 }) }]);

      await cp.tick(); // nothing moved: nothing written
      expect(lines().filter((c) => c.park === park)).toHaveLength(1);
      await own.database.db.transaction((tx) =>
        appendAuditMany(tx as unknown as Db, { actor: null, ip: '10.0.0.9' }, [
          { action: 'test.write', entityType: 'test', parkId: park },
        ]),
      );
      await cp.stop(); // shutdown writes the moved head
      expect(
        lines()
          .filter((c) => c.park === park)
          .map((c) => c.seq),
      ).toEqual([2, 3]);

      // A line with its seq changed no longer carries a valid MAC.
      const forged = { ...lines().at(-1)!, seq: 99 };
      fs.appendFileSync(file, `${JSON.stringify(forged)}\n`);
      const set = await readCheckpoints([file], TEST_AUDIT_KEY);
      expect(set.invalid).toBe(1);
      expect(set.byPark.get(park)!.map((c) => c.seq)).toEqual([2, 3]);
      const result = await verifyAuditChains(own.database.db, { key: TEST_AUDIT_KEY, checkpoints: set });
      expect(result.ok).toBe(true);
      expect(result.warnings.join()).toMatch(/签名无效/);

      // The app's own checkpointer (nothing to write at start: no chain yet) writes the head at close.
      const before = lines().filter((c) => c.park === park).length;
      await own.app.close();
      const after = lines().filter((c) => c.park === park);
      expect(after).toHaveLength(before + 1);
      expect(after.at(-1)).toMatchObject({ seq: 3 });
    } finally {
      await own.close();
    }
  });

  it('several processes: checkpoints from any of them, in files or server logs, are all compared', async () => {
    const park = await newChain(env.database.db, 3);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parksafe-cp-'));
    try {
      // Process A checkpoints into its file; process B, later, only into its log (pino JSON lines).
      const fileA = path.join(dir, 'a.jsonl');
      const logB = path.join(dir, 'b.log');
      await writeAuditCheckpoints(env.database.db, { file: fileA, key: TEST_AUDIT_KEY });
      await appendTo(env.database.db, park, 3);
      const logLines: string[] = ['{"level":30,"msg":"server listening"}'];
      await writeAuditCheckpoints(env.database.db, {
        file: null,
        key: TEST_AUDIT_KEY,
        log: (c) => logLines.push(JSON.stringify({ level: 30, auditCheckpoint: c, msg: '审计检查点' })),
      });
      fs.writeFileSync(logB, `${logLines.join('\n')}\n`);
      const set = await readCheckpoints([fileA, logB], TEST_AUDIT_KEY);
      expect(
        set.byPark
          .get(park)!
          .map((c) => c.seq)
          .sort(),
      ).toEqual([3, 6]);
      expect(set.invalid).toBe(0);
      const opts = { parkIds: [park], key: TEST_AUDIT_KEY, checkpoints: set };
      expect((await verifyAuditChains(env.database.db, opts)).ok).toBe(true);

      // Only B's log saw rows 4–6: cut them off and B's checkpoint names them.
      const third = (await chainRows(env.database.db, park)).find((r) => r.seq === 3)!;
      await behindTriggers(
        env.owner,
        `DELETE FROM audit_log WHERE park_id = ${lit(park)} AND seq > 3;
         UPDATE audit_chain_heads SET last_seq = 3, last_hash = ${lit(third.hash)} WHERE park_id = ${lit(park)};`,
      );
      const cut = await verifyAuditChains(env.database.db, opts);
      expect(cut.firstBroken).toMatchObject({ parkId: park, seq: 4, kind: 'truncated' });
      const onlyA = await readCheckpoints([fileA], TEST_AUDIT_KEY);
      expect((await verifyAuditChains(env.database.db, { ...opts, checkpoints: onlyA })).ok).toBe(true);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

async function appendTo(db: Db, park: string, n: number) {
  await db.transaction((tx) =>
    appendAuditMany(
      tx as unknown as Db,
      { actor: null, ip: '10.0.0.9' },
      Array.from({ length: n }, () => ({ action: 'test.write', entityType: 'test', parkId: park })),
    ),
  );
}

describe('rows written before the keyed chain (migration 0014)', () => {
  it('verify with their unkeyed hash up to the recorded boundary; keyed rows follow; rewriting either is caught', async () => {
    const test = await createTestDatabase();
    try {
      await test.migrate({ before: '0014' });
      // Rows as the code before 0014 wrote them: unkeyed SM3, appended as the owner of that time.
      const park = randomUUID();
      let prev = '0'.repeat(64);
      const inserts: string[] = [];
      for (let seq = 1; seq <= 4; seq++) {
        const f: HashedFields = {
          parkId: park,
          seq,
          id: randomUUID(),
          at: new Date(`2025-06-0${seq}T08:00:00.000Z`),
          actorUserId: null,
          actorName: 'admin',
          actorOrganisationId: null,
          actorRole: 'admin',
          ip: '10.0.0.1',
          action: 'test.legacy',
          entityType: 'test',
          entityId: String(seq),
          before: null,
          after: { seq },
          prevHash: prev,
          enterpriseId: null,
        };
        const hash = auditHash(f);
        inserts.push(`INSERT INTO audit_log (park_id, seq, id, at, actor_name, actor_role, ip, action, entity_type,
          entity_id, after, prev_hash, hash) VALUES (${lit(park)}, ${seq}, ${lit(f.id)}, ${lit(f.at.toISOString())},
          'admin', 'admin', '10.0.0.1', 'test.legacy', 'test', ${lit(String(seq))}, '{"seq": ${seq}}', ${lit(prev)}, ${lit(hash)});`);
        prev = hash;
      }
      inserts.push(
        `INSERT INTO audit_chain_heads (park_id, last_seq, last_hash) VALUES (${lit(park)}, 4, ${lit(prev)});`,
      );
      await test.owner.exec(inserts.join('\n'));

      await test.migrate(); // 0014 records the boundary at seq 4
      await appendTo(test.database.db, park, 2);
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parksafe-legacy-'));
      const file = path.join(dir, 'cp.jsonl');
      try {
        await writeAuditCheckpoints(test.database.db, { file, key: TEST_AUDIT_KEY });
        const verify = async () =>
          verifyAuditChains(test.database.db, {
            key: TEST_AUDIT_KEY,
            checkpoints: await readCheckpoints([file], TEST_AUDIT_KEY),
          });
        expect(await verify()).toMatchObject({ ok: true, checked: 6, legacy: 4 });

        // An attacker raises the boundary over the keyed rows and re-hashes them without the key: the
        // checkpoint saw the boundary at 4.
        const all = await chainRows(test.owner.db, park);
        const fifth = all.find((r) => r.seq === 5)!;
        let p = all.find((r) => r.seq === 4)!.hash;
        const script: string[] = [];
        for (const r of all.filter((x) => x.seq > 4)) {
          const h = auditHash({ ...r, prevHash: p });
          script.push(
            `UPDATE audit_log SET prev_hash = ${lit(p)}, hash = ${lit(h)} WHERE park_id = ${lit(park)} AND seq = ${r.seq};`,
          );
          p = h;
        }
        script.push(`UPDATE audit_legacy_boundary SET last_seq = 6, last_hash = ${lit(p)} WHERE park_id = ${lit(park)};
          UPDATE audit_chain_heads SET last_hash = ${lit(p)} WHERE park_id = ${lit(park)};`);
        await behindTriggers(test.owner, script.join('\n'));
        const moved = await verify();
        expect(moved.firstBroken).toMatchObject({ parkId: park, seq: 5, id: fifth.id, kind: 'edited' });
        expect(moved.firstBroken!.reason).toMatch(/分界被改动/);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    } finally {
      await test.close();
    }
  });

  it('legacy rows rewritten and re-hashed up to the boundary are caught at the boundary', async () => {
    const test = await createTestDatabase();
    try {
      await test.migrate({ before: '0014' });
      const park = randomUUID();
      // Two legacy rows through the old algorithm, via the keyed appender's shape but unkeyed hashes.
      let prev = '0'.repeat(64);
      const script: string[] = [];
      const ids = [randomUUID(), randomUUID()];
      for (const seq of [1, 2]) {
        const f: HashedFields = {
          parkId: park,
          seq,
          id: ids[seq - 1]!,
          at: new Date('2025-06-01T08:00:00.000Z'),
          actorUserId: null,
          actorName: null,
          actorOrganisationId: null,
          actorRole: null,
          ip: null,
          action: 'test.legacy',
          entityType: 'test',
          entityId: null,
          before: null,
          after: null,
          prevHash: prev,
          enterpriseId: null,
        };
        const hash = auditHash(f);
        script.push(`INSERT INTO audit_log (park_id, seq, id, at, action, entity_type, prev_hash, hash)
          VALUES (${lit(park)}, ${seq}, ${lit(f.id)}, ${lit(f.at.toISOString())}, 'test.legacy', 'test', ${lit(prev)}, ${lit(hash)});`);
        prev = hash;
      }
      script.push(
        `INSERT INTO audit_chain_heads (park_id, last_seq, last_hash) VALUES (${lit(park)}, 2, ${lit(prev)});`,
      );
      await test.owner.exec(script.join('\n'));
      await test.migrate();
      await appendTo(test.database.db, park, 1);
      expect(await verifyAuditChains(test.database.db, { key: TEST_AUDIT_KEY })).toMatchObject({ ok: true, legacy: 2 });

      await editAndRecompute(test.owner, park, 1, auditHash); // re-hashes rows 1–3 unkeyed
      const result = await verifyAuditChains(test.database.db, { key: TEST_AUDIT_KEY });
      expect(result.firstBroken).toMatchObject({ parkId: park, seq: 2, id: ids[1], kind: 'edited' });
      expect(result.firstBroken!.reason).toMatch(/旧记录被改写/);
    } finally {
      await test.close();
    }
  });
});

describe('the database roles', () => {
  it("the server's role cannot disable or drop the trigger, nor change audit rows; the embedded database warns", async () => {
    const report = await auditRoleReport(env.database.db);
    if (env.database.kind === 'postgres') {
      expect(report).toEqual({ role: TEST_ROLES.app, problems: [] });
      expect(auditRoleWarning('postgres', report)).toBeNull();
      const refusal = async (text: string) =>
        env.database.exec(text).then(
          () => 'accepted',
          (e: Error) => e.message,
        );
      expect(await refusal('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_delete')).toMatch(
        /must be owner of table audit_log/,
      );
      expect(await refusal('ALTER TABLE audit_log DISABLE TRIGGER ALL')).toMatch(/must be owner/);
      expect(await refusal('DROP TRIGGER audit_log_no_update_delete ON audit_log')).toMatch(/must be owner/);
      expect(await refusal('DROP TABLE audit_log')).toMatch(/must be owner/);
      expect(await refusal("UPDATE audit_log SET action = 'x'")).toMatch(/permission denied for table audit_log/);
      expect(await refusal('DELETE FROM audit_log')).toMatch(/permission denied for table audit_log/);
      expect(await refusal('TRUNCATE audit_log')).toMatch(/permission denied for table audit_log/);
      expect(await refusal('DELETE FROM audit_chain_heads')).toMatch(/permission denied/);
      expect(await refusal('UPDATE audit_chain_heads SET park_id = park_id')).toMatch(/permission denied/);
      expect(await refusal('UPDATE audit_chain_heads SET last_seq = 1')).toMatch(/only moves forward/);
      expect(await refusal('DELETE FROM audit_legacy_boundary')).toMatch(/permission denied/);
      expect(await refusal('ALTER TABLE audit_chain_heads DISABLE TRIGGER USER')).toMatch(/must be owner/);
      expect(await refusal('CREATE TABLE x (id int)')).toMatch(/permission denied for schema public/);
      // The owner role, by contrast, is reported (and is never what the server connects as).
      const owner = await auditRoleReport(env.owner.db);
      expect(owner.problems.join()).toMatch(/audit_log 的所有者/);
      expect(auditRoleWarning('postgres', owner)).toMatch(/审计日志只与这个角色一样安全/);

      // Start-up on an empty database: the server's role alone is told to migrate as the owner; with both URLs the
      // server migrates as the owner, grants, and keeps only its own restricted connection.
      const empty = await createTestDatabase();
      try {
        await expect(migrate(empty.database)).rejects.toThrow(/数据库角色无权应用迁移.*DATABASE_OWNER_URL/);
        const config = loadConfig({
          NODE_ENV: 'test',
          PARKSAFE_SECRET: 'x'.repeat(40),
          PARKSAFE_AUDIT_KEY: TEST_AUDIT_KEY,
          DATA_DIR: 'memory://',
          DATABASE_URL: empty.urls!.app,
          DATABASE_OWNER_URL: empty.urls!.owner,
        });
        const served = await openServerDatabase(config);
        try {
          expect(await auditRoleReport(served.db)).toEqual({ role: TEST_ROLES.app, problems: [] });
          expect(await migrate(served)).toEqual([]); // nothing pending: the restricted role may open it alone
        } finally {
          await served.close();
        }
      } finally {
        await empty.close();
      }
    } else {
      expect(report.problems).toContain('是超级用户');
      expect(auditRoleWarning('pglite', report)).toMatch(/审计日志只与这个角色一样安全/);
    }
  });

  it("grants the server's role every business table, including tables of later migrations", async () => {
    const tables = await rows<{ name: string; dml: boolean; update: boolean }>(
      env.database.db,
      sql`select tablename as name,
                 has_table_privilege(quote_ident(tablename), 'SELECT') and has_table_privilege(quote_ident(tablename), 'INSERT') as dml,
                 has_table_privilege(quote_ident(tablename), 'UPDATE') and has_table_privilege(quote_ident(tablename), 'DELETE') as update
            from pg_tables where schemaname = 'public' order by tablename`,
    );
    const audit = ['audit_archives', 'audit_chain_heads', 'audit_legacy_boundary', 'audit_log', 'schema_migrations'];
    // audit_log_pYYYYMM and audit_log_default: the month partitions, reached only through audit_log (archive.test.ts).
    const business = tables.filter((t) => !audit.includes(t.name) && !t.name.startsWith('audit_log_'));
    expect(business.length).toBeGreaterThan(20);
    expect(business.filter((t) => !t.dml || !t.update)).toEqual([]);
    // A table a later migration adds (as the owner) is covered by the default privileges before any grant runs.
    await env.owner.exec('CREATE TABLE later_migration_table (id serial PRIMARY KEY, note text)');
    try {
      await env.database.exec(
        "INSERT INTO later_migration_table (note) VALUES ('ok'); UPDATE later_migration_table SET note = 'x'",
      );
      const [n] = await rows<{ n: number }>(env.database.db, sql`select count(*)::int as n from later_migration_table`);
      expect(n!.n).toBe(1);
    } finally {
      await env.owner.exec('DROP TABLE later_migration_table');
    }
  });
});

describe('npm run db:roles', () => {
  it('creates the roles, hands over what one role used to own, migrates and grants the server role', async () => {
    const adminUrl = process.env.TEST_DATABASE_URL;
    if (!adminUrl) {
      // Nothing to set up on the embedded database: the command says what it needs.
      const usage = await runCli('db-roles.ts', { ...process.env, DATABASE_ADMIN_URL: '' });
      expect(usage.code).toBe(2);
      expect(usage.out).toContain('DATABASE_ADMIN_URL=');
      return;
    }
    // A database a quick start with one (superuser) URL created and migrated.
    const name = `parksafe_t_roles_${randomUUID().slice(0, 8)}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    try {
      const before = await openDatabase({ databaseUrl: url.toString(), dataDir: 'memory://' });
      await migrate(before);
      await before.close();

      const r = await runCli('db-roles.ts', { ...process.env, DATABASE_ADMIN_URL: url.toString() }, [
        '--owner',
        TEST_ROLES.owner,
        '--app',
        TEST_ROLES.app,
      ]);
      expect(r.out).toContain(`DATABASE_URL=postgres://${TEST_ROLES.app}@`);
      expect(r.code).toBe(0);

      const onDb = new pg.Client({ connectionString: url.toString() });
      await onDb.connect();
      const owners = await onDb.query<{ owner: string }>(
        `select distinct owner from (
           select relowner::regrole::text as owner from pg_class c join pg_namespace n on n.oid = c.relnamespace
            where n.nspname = 'public' and c.relkind in ('r', 'S')
           union all
           select proowner::regrole::text from pg_proc p join pg_namespace n on n.oid = p.pronamespace
            where n.nspname = 'public' and p.proname like 'audit%') o`,
      );
      await onDb.end();
      expect(owners.rows).toEqual([{ owner: TEST_ROLES.owner }]);
      const served = await openDatabase({
        databaseUrl: urlAs(url.toString(), TEST_ROLES.app, TEST_ROLES.password),
        dataDir: 'memory://',
      });
      try {
        expect(await auditRoleReport(served.db)).toEqual({ role: TEST_ROLES.app, problems: [] });
        await appendTo(served.db, randomUUID(), 1); // and it can still write its audit trail
      } finally {
        await served.close();
      }
    } finally {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  }, 120_000);
});

describe('the audit key', () => {
  it('is required (at least 32 characters) in production and kept in the data directory in development', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parksafe-key-'));
    try {
      const base = { PARKSAFE_SECRET: 'x'.repeat(40), DATA_DIR: dir };
      expect(() => loadConfig({ ...base, NODE_ENV: 'production' })).toThrow(/PARKSAFE_AUDIT_KEY/);
      expect(() => loadConfig({ ...base, NODE_ENV: 'production', PARKSAFE_AUDIT_KEY: 'short' })).toThrow(
        /至少需要 32 个字符/,
      );
      // The personal-data key is required in production too (platform/personal-data.ts).
      expect(() => loadConfig({ ...base, NODE_ENV: 'production', PARKSAFE_AUDIT_KEY: 'k'.repeat(32) })).toThrow(
        /PARKSAFE_DATA_KEY/,
      );
      const prod = { ...base, NODE_ENV: 'production', PARKSAFE_AUDIT_KEY: 'k'.repeat(32) };
      expect(loadConfig({ ...prod, PARKSAFE_DATA_KEY: 'd'.repeat(32) }).auditKey).toBe('k'.repeat(32));
      expect(loadConfig({ ...prod, PARKSAFE_DATA_KEY: 'd'.repeat(32) }).dataKeySource).toBe('env');
      const first = loadConfig({ ...base, NODE_ENV: 'development' });
      expect(first.auditKey.length).toBeGreaterThanOrEqual(32);
      expect(fs.readFileSync(path.join(dir, 'audit.key'), 'utf8')).toBe(first.auditKey);
      expect(loadConfig({ ...base, NODE_ENV: 'development' }).auditKey).toBe(first.auditKey);
      // The personal-data key likewise: created once, owner-only, and the same at the next start.
      expect(fs.readFileSync(path.join(dir, 'data.key'), 'utf8')).toBe(first.dataKey);
      expect(fs.statSync(path.join(dir, 'data.key')).mode & 0o777).toBe(0o600);
      expect(loadConfig({ ...base, NODE_ENV: 'development' }).dataKey).toBe(first.dataKey);
      expect(first.dataKeySource).toBe('file');
      expect(first.auditKey).not.toBe(first.secret);
      expect(first.auditCheckpointFile).toBe(path.join(dir, 'audit-checkpoints.jsonl'));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('npm run audit:verify', () => {
  it('passes an intact chain and fails a recomputed one, naming the row', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parksafe-cli-'));
    // PGlite: a database in a data directory the command opens; PostgreSQL: this test's database and its roles.
    const test = env.database.kind === 'postgres' ? await createTestDatabase() : null;
    let database: Database;
    let owner: Database;
    if (test) {
      await test.migrate();
      ({ database, owner } = test);
    } else {
      database = await openDatabase({ databaseUrl: null, dataDir: dir });
      await migrate(database);
      owner = database;
    }
    const cliEnv = {
      ...process.env,
      NODE_ENV: 'development',
      DATA_DIR: dir,
      PARKSAFE_AUDIT_KEY: TEST_AUDIT_KEY,
      DATABASE_URL: test?.urls?.app ?? '',
      DATABASE_OWNER_URL: test?.urls?.owner ?? '',
      PARKSAFE_AUDIT_CHECKPOINTS: '',
    };
    const cli = () => runCli('audit-verify.ts', cliEnv);
    try {
      const park = await newChain(database.db, 5);
      await writeAuditCheckpoints(database.db, {
        file: path.join(dir, 'audit-checkpoints.jsonl'),
        key: TEST_AUDIT_KEY,
      });
      const target = (await chainRows(database.db, park)).find((r) => r.seq === 2)!;
      // The command opens the embedded database itself: this process lets go of it meanwhile.
      if (!test) await database.close();
      const intact = await cli();
      expect(intact.out).toContain('审计日志完整：1 条链，5 条记录');
      expect(intact.code).toBe(0);
      if (!test) {
        database = await openDatabase({ databaseUrl: null, dataDir: dir });
        owner = database;
      }
      await editAndRecompute(owner, park, 2, auditHash);
      if (!test) await database.close();
      const broken = await cli();
      expect(broken.code).toBe(1);
      expect(broken.out).toContain(`审计日志被破坏（被修改）：园区 ${park} 第 2 条（id ${target.id}）`);
      expect(broken.out).toContain('有效检查点 1 个');
    } finally {
      if (test) await test.close();
      else await database.close().catch(() => {});
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
