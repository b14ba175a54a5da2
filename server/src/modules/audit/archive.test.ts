import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AuditEntry,
  appendAuditMany,
  archiveMac,
  auditKeyId,
  auditMac,
  GENESIS_HASH,
  type HashedFields,
  verifyAuditChains,
} from '../../platform/audit';
import { clock } from '../../platform/clock';
import { type Database, type Db, migrate, openDatabase, rows } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { createTestDatabase, createTestEnv, TEST_AUDIT_KEY, type TestEnv } from '../../testing/harness';
import { runCli } from '../../testing/server-process';
import { archiveMonth, dropMonth, ensureAuditPartitions, monthOf, parseMonth, retentionMonths } from './archive';
import { verifyArchiveFile } from './archive-verify';
import { listAudit } from './repository';
import { restoreMonth } from './restore';

let env: TestEnv;
let dir: string;
beforeAll(async () => {
  env = await createTestEnv({ seed: false });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parksafe-archive-'));
});
afterAll(async () => {
  clock.reset();
  await env?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/** Appends `n` rows to a chain at a given instant (the clock set there). */
async function write(db: Db, park: string, at: string, n: number) {
  clock.set(new Date(at));
  try {
    const entries: AuditEntry[] = Array.from({ length: n }, (_, i) => ({
      action: 'test.write',
      entityType: 'test',
      entityId: `${at}-${i}`,
      after: { at, i },
      parkId: park,
    }));
    await db.transaction((tx) => appendAuditMany(tx as unknown as Db, { actor: null, ip: '10.0.0.9' }, entries));
  } finally {
    clock.reset();
  }
}

/** The partitions of audit_log and the rows each holds of one chain. */
async function placement(db: Db, park: string) {
  const found = await rows<{ part: string; n: number }>(
    db,
    sql`select tableoid::regclass::text as part, count(*)::int as n from audit_log where park_id = ${park}
         group by 1 order by 1`,
  );
  return Object.fromEntries(found.map((r) => [r.part, r.n]));
}

const refusal = (p: Promise<unknown>) =>
  p.then(
    () => 'accepted',
    (e: unknown) => (e instanceof AppError ? e.code : String((e as Error).message)),
  );

const parkA = randomUUID();
const parkB = randomUUID();
// "Now" for the archive and drop rules: 2025-09, so with 6 months kept 2025-02 is the newest month that may go.
const NOW = '2025-09-10T10:00:00+08:00';

describe('the audit log by month', () => {
  beforeAll(async () => {
    // Past months have partitions when they have rows (the migration creates them from the oldest row); here the
    // owner creates them for the test's back-dated rows.
    for (const m of ['2025-01-01', '2025-02-01', '2025-03-01']) {
      await env.owner.exec(`SELECT audit_log_create_month('${m}')`);
    }
    // 2025-01-31 23:30 Shanghai is 15:30 UTC the same day: a January row of the park month.
    await write(env.database.db, parkA, '2025-01-31T23:30:00+08:00', 3);
    await write(env.database.db, parkB, '2025-01-15T09:00:00+08:00', 2);
    // 2025-02-01 00:10 Shanghai is still 31 January in UTC: a February row.
    await write(env.database.db, parkA, '2025-02-01T00:10:00+08:00', 4);
    await write(env.database.db, parkA, '2025-03-02T08:00:00+08:00', 3);
    await write(env.database.db, parkB, '2025-03-05T08:00:00+08:00', 2);
    // A month without its partition (no partition was created for 2025-09): the DEFAULT partition takes the rows.
    await write(env.database.db, parkA, '2025-09-01T08:00:00+08:00', 2);
  });

  it('routes rows to the partition of their park month, and a month without one to the DEFAULT partition', async () => {
    expect(await placement(env.database.db, parkA)).toEqual({
      audit_log_p202501: 3,
      audit_log_p202502: 4,
      audit_log_p202503: 3,
      audit_log_default: 2,
    });
    expect(await placement(env.database.db, parkB)).toEqual({ audit_log_p202501: 2, audit_log_p202503: 2 });
    // The current month and the next two exist (the migration and the server's start made them); the server's role
    // may ask again any time: nothing more is created.
    const current = parseMonth(monthOf(new Date()));
    const [present] = await rows<{ n: number }>(
      env.database.db,
      sql`select count(*)::int as n from pg_inherits where inhparent = 'audit_log'::regclass
            and inhrelid::regclass::text = ${current.partition}`,
    );
    expect(present!.n).toBe(1);
    expect(await ensureAuditPartitions(env.database.db)).toBe(0);
    // Three callers at once (as three processes would): the month three ahead is created once.
    const created = await Promise.all([1, 2, 3].map(() => ensureAuditPartitions(env.database.db, 3)));
    expect(created.reduce((a, b) => a + b, 0)).toBe(1);
    // Each partition has the indexes of the table (0038's among them) and the append-only trigger.
    const [idx] = await rows<{ n: number }>(
      env.database.db,
      sql`select count(*)::int as n from pg_indexes where tablename = 'audit_log_p202502'
            and (indexdef like '%action%' or indexdef like '%entity_type%' or indexdef like '%actor_name%')`,
    );
    expect(idx!.n).toBeGreaterThanOrEqual(4);
    expect(await refusal(env.owner.exec(`DELETE FROM audit_log_p202502 WHERE park_id = '${parkA}'`))).toMatch(
      /append-only/,
    );
  });

  it('verifies the chains across partitions, and one day across a month boundary', async () => {
    const all = await verifyAuditChains(env.database.db, { parkIds: [parkA, parkB], key: TEST_AUDIT_KEY });
    expect(all).toMatchObject({ ok: true, checked: 16, archivedMonths: [] });
    const from = new Date('2025-02-01T00:00:00+08:00');
    const day = await verifyAuditChains(env.database.db, {
      parkIds: [parkA],
      key: TEST_AUDIT_KEY,
      range: { from, to: new Date(from.getTime() + 86_400_000) },
    });
    expect(day).toMatchObject({ ok: true, checked: 4 });
  });

  it('archives a closed month with a digest that matches its manifest; refuses the current month', async () => {
    clock.set(new Date(NOW));
    try {
      const out = path.join(dir, 'audit-2025-01.ndjson.gz');
      expect(await refusal(archiveMonth(env.owner, { month: '2025-09', out, key: TEST_AUDIT_KEY }))).toBe(
        'AUDIT_MONTH_NOT_CLOSED',
      );
      expect(await refusal(archiveMonth(env.owner, { month: '2025-13', out, key: TEST_AUDIT_KEY }))).toBe(
        'AUDIT_MONTH_INVALID',
      );
      const progress: string[] = [];
      const manifest = await archiveMonth(env.owner, {
        month: '2025-01',
        out,
        key: TEST_AUDIT_KEY,
        onProgress: (m) => progress.push(m),
      });
      expect(progress.join('\n')).toMatch(/已归档 2025-01：5 条记录/);
      const file = fs.readFileSync(out);
      expect(createHash('sha256').update(file).digest('hex')).toBe(manifest.sha256);
      expect(createHash('sm3').update(file).digest('hex')).toBe(manifest.sm3);
      const onDisk = JSON.parse(fs.readFileSync(`${out}.manifest.json`, 'utf8'));
      expect(onDisk).toMatchObject({ format: 'parksafe-audit-archive-v1', month: '2025-01', rows: 5 });
      expect(onDisk.sha256).toBe(manifest.sha256);
      const lines = gunzipSync(file)
        .toString('utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l));
      expect(lines).toHaveLength(5);
      const chainA = onDisk.chains.find((c: { park: string }) => c.park === parkA);
      expect(chainA).toMatchObject({ rows: 3, firstSeq: 1, lastSeq: 3 });
      expect(lines.find((l) => l.park_id === parkA && l.seq === 3).hash).toBe(chainA.lastHash);
      const [recorded] = await rows<{ rows: number; sha256: string; dropped_at: string | null }>(
        env.database.db,
        sql`select rows::int as rows, sha256, dropped_at from audit_archives where month = '2025-01'`,
      );
      expect(recorded).toEqual({ rows: 5, sha256: manifest.sha256, dropped_at: null });
      // An existing file is never overwritten.
      expect(await refusal(archiveMonth(env.owner, { month: '2025-01', out, key: TEST_AUDIT_KEY }))).toBe(
        'AUDIT_ARCHIVE_FILE_EXISTS',
      );
    } finally {
      clock.reset();
    }
  });

  it('verifies an archive file on its own; names a truncated file, an altered row, a missing row, a changed manifest', async () => {
    const out = path.join(dir, 'audit-2025-01.ndjson.gz');
    const manifest = fs.readFileSync(`${out}.manifest.json`, 'utf8');
    const progress: number[] = [];
    const good = await verifyArchiveFile({ file: out, key: TEST_AUDIT_KEY, onProgress: (n) => progress.push(n) });
    expect(good).toMatchObject({ ok: true, month: '2025-01', rows: 5, verified: 5, chains: 2, problems: [] });
    expect(progress.at(-1)).toBe(5);
    // Given the manifest instead of the file: the file beside it is found.
    expect((await verifyArchiveFile({ file: `${out}.manifest.json`, key: TEST_AUDIT_KEY })).ok).toBe(true);
    // Another key can check nothing, and says so.
    expect((await verifyArchiveFile({ file: out, key: 'another-audit-key-0123456789abcdef0123' })).problems).toEqual([
      expect.objectContaining({ code: 'AUDIT_ARCHIVE_OTHER_KEY' }),
    ]);

    /** A copy of the archive (its manifest beside it) whose file is made by `change`. */
    const copy = (name: string, change: (file: Buffer) => Buffer) => {
      const file = path.join(dir, name);
      fs.writeFileSync(file, change(fs.readFileSync(out)));
      fs.writeFileSync(`${file}.manifest.json`, manifest);
      return file;
    };
    const codes = (r: { problems: { code: string }[] }) => r.problems.map((p) => p.code);

    // Cut off (a copy stopped half-way).
    const cut = copy('cut.gz', (b) => b.subarray(0, Math.floor(b.length / 2)));
    const truncated = await verifyArchiveFile({ file: cut, key: TEST_AUDIT_KEY });
    expect(truncated.ok).toBe(false);
    expect(codes(truncated)).toContain('AUDIT_ARCHIVE_TRUNCATED');
    expect(truncated.problems.find((p) => p.code === 'AUDIT_ARCHIVE_TRUNCATED')!.message).toMatch(/归档文件被截断/);

    const lines = gunzipSync(fs.readFileSync(out)).toString('utf8').trim().split('\n');
    const rezip = (ls: string[]) => gzipSync(`${ls.join('\n')}\n`);
    // Cut at a line and compressed again: a clean gzip file, still named as truncated.
    const short = await verifyArchiveFile({
      file: copy('short.gz', () => rezip(lines.slice(0, -1))),
      key: TEST_AUDIT_KEY,
    });
    expect(codes(short)).toEqual(expect.arrayContaining(['AUDIT_ARCHIVE_DIGEST_MISMATCH', 'AUDIT_ARCHIVE_TRUNCATED']));

    // One row altered (the name of who did it), its MAC left as it was.
    const target = JSON.parse(lines[1]!) as { park_id: string; seq: number; id: string; actor_name: string | null };
    const altered = lines.map((l, i) => (i === 1 ? JSON.stringify({ ...target, actor_name: '冒名者' }) : l));
    const edited = await verifyArchiveFile({ file: copy('edited.gz', () => rezip(altered)), key: TEST_AUDIT_KEY });
    expect(edited.ok).toBe(false);
    expect(edited.problems).toContainEqual(
      expect.objectContaining({
        code: 'AUDIT_ARCHIVE_ROW_ALTERED',
        kind: 'altered row',
        parkId: target.park_id,
        seq: target.seq,
        id: target.id,
      }),
    );
    expect(codes(edited)).toContain('AUDIT_ARCHIVE_DIGEST_MISMATCH');
    expect(edited.verified).toBe(4);

    // A row removed from the middle of a chain.
    const chainA = lines
      .map((l) => JSON.parse(l) as { park_id: string; seq: number })
      .filter((r) => r.park_id === parkA);
    expect(chainA.map((r) => r.seq)).toEqual([1, 2, 3]);
    const without = lines.filter((l) => {
      const r = JSON.parse(l) as { park_id: string; seq: number };
      return !(r.park_id === parkA && r.seq === 2);
    });
    const gap = await verifyArchiveFile({ file: copy('gap.gz', () => rezip(without)), key: TEST_AUDIT_KEY });
    expect(gap.problems).toContainEqual(
      expect.objectContaining({ code: 'AUDIT_ARCHIVE_ROW_MISSING', parkId: parkA, seq: 2 }),
    );

    // The manifest changed after the archive (fewer rows claimed): its signature no longer holds.
    const forged = copy('forged.gz', (b) => b);
    fs.writeFileSync(`${forged}.manifest.json`, manifest.replace('"rows": 5', '"rows": 4'));
    expect(codes(await verifyArchiveFile({ file: forged, key: TEST_AUDIT_KEY }))).toContain(
      'AUDIT_ARCHIVE_MANIFEST_TAMPERED',
    );
    // No manifest at all.
    fs.rmSync(`${forged}.manifest.json`);
    expect(codes(await verifyArchiveFile({ file: forged, key: TEST_AUDIT_KEY }))).toEqual([
      'AUDIT_ARCHIVE_MANIFEST_INVALID',
    ]);
  });

  it('verifies a file of many rows with Chinese text, whose characters straddle the chunks it is read in', async () => {
    // Built as audit:archive writes it (rows with their keyed MACs, manifest signed), without the database.
    const park = randomUUID();
    let prev = GENESIS_HASH;
    const lines: string[] = [];
    for (let seq = 1; seq <= 3000; seq++) {
      const f: HashedFields = {
        parkId: park,
        seq,
        id: randomUUID(),
        at: new Date(Date.UTC(2025, 4, 10, 0, 0, seq)),
        actorUserId: null,
        actorName: '园区安全管理员张三',
        actorOrganisationId: null,
        actorRole: 'supervisor',
        ip: '10.0.0.1',
        action: 'update',
        entityType: 'hazard',
        entityId: `H${seq}`,
        before: { 状态: '整改中' },
        after: { 状态: '已提交', 说明: '消防通道堵塞已清理'.repeat(1 + (seq % 3)), n: seq },
        prevHash: prev,
        enterpriseId: null,
      };
      const hash = auditMac(TEST_AUDIT_KEY, f);
      lines.push(
        JSON.stringify({
          park_id: park,
          seq,
          id: f.id,
          at: f.at.toISOString(),
          actor_user_id: null,
          actor_name: f.actorName,
          actor_organisation_id: null,
          actor_role: f.actorRole,
          ip: f.ip,
          action: f.action,
          entity_type: f.entityType,
          entity_id: f.entityId,
          before: f.before,
          after: f.after,
          prev_hash: prev,
          hash,
          enterprise_id: null,
        }),
      );
      prev = hash;
    }
    const file = path.join(dir, 'many.ndjson.gz');
    const gz = gzipSync(`${lines.join('\n')}\n`);
    fs.writeFileSync(file, gz);
    const first = JSON.parse(lines[0]!) as { hash: string };
    const m = parseMonth('2025-05');
    const record = {
      month: '2025-05',
      from: m.from.toISOString(),
      to: m.to.toISOString(),
      rows: 3000,
      chains: [{ park, rows: 3000, firstSeq: 1, firstHash: first.hash, lastSeq: 3000, lastHash: prev, lastId: '' }],
      sha256: createHash('sha256').update(gz).digest('hex'),
      sm3: createHash('sm3').update(gz).digest('hex'),
      archivedAt: new Date().toISOString(),
    };
    record.chains[0]!.lastId = (JSON.parse(lines.at(-1)!) as { id: string }).id;
    const manifest = {
      format: 'parksafe-audit-archive-v1',
      ...record,
      file: 'many.ndjson.gz',
      keyId: auditKeyId(TEST_AUDIT_KEY),
      mac: archiveMac(TEST_AUDIT_KEY, record),
    };
    fs.writeFileSync(`${file}.manifest.json`, JSON.stringify(manifest));
    const result = await verifyArchiveFile({ file, key: TEST_AUDIT_KEY, progressEvery: 1000 });
    expect(result.problems).toEqual([]);
    expect(result).toMatchObject({ ok: true, rows: 3000, verified: 3000 });
  });

  it('refuses to drop a month not archived, too recent, under a retention below 6 months, or out of order', async () => {
    clock.set(new Date(NOW));
    try {
      const drop = (month: string, retention?: string) =>
        refusal(dropMonth(env.owner, { month, retention, key: TEST_AUDIT_KEY }));
      expect(() => retentionMonths('5')).toThrow(/不少于 6/);
      expect(await drop('2025-01', '5')).toBe('AUDIT_RETENTION_TOO_SHORT');
      expect(await drop('2025-01', 'x')).toBe('AUDIT_RETENTION_TOO_SHORT');
      expect(await drop('2025-02')).toBe('AUDIT_MONTH_NOT_ARCHIVED');
      await archiveMonth(env.owner, { month: '2025-03', out: path.join(dir, 'a-2025-03.gz'), key: TEST_AUDIT_KEY });
      expect(await drop('2025-03')).toBe('AUDIT_MONTH_TOO_RECENT');
      // A longer retention keeps even February.
      expect(await drop('2025-02', '7')).toBe('AUDIT_MONTH_TOO_RECENT');
      await archiveMonth(env.owner, { month: '2025-02', out: path.join(dir, 'a-2025-02.gz'), key: TEST_AUDIT_KEY });
      expect(await drop('2025-02')).toBe('AUDIT_EARLIER_MONTH_PRESENT');
      // An archive whose signed record no longer matches (rows count changed by hand) is refused.
      await env.owner.exec(`UPDATE audit_archives SET rows = 99 WHERE month = '2025-02'`);
      expect(await drop('2025-02')).toBe('AUDIT_ARCHIVE_TAMPERED');
      fs.rmSync(path.join(dir, 'a-2025-02.gz'));
      fs.rmSync(path.join(dir, 'a-2025-02.gz.manifest.json'));
      await archiveMonth(env.owner, { month: '2025-02', out: path.join(dir, 'a-2025-02.gz'), key: TEST_AUDIT_KEY });
      // The archive file changed after it was written.
      fs.appendFileSync(path.join(dir, 'audit-2025-01.ndjson.gz'), 'x');
      expect(await drop('2025-01')).toBe('AUDIT_ARCHIVE_FILE_CHANGED');
      fs.truncateSync(
        path.join(dir, 'audit-2025-01.ndjson.gz'),
        fs.statSync(path.join(dir, 'audit-2025-01.ndjson.gz')).size - 1,
      );
    } finally {
      clock.reset();
    }
  });

  it('drops archived months oldest first; verification resumes from their checkpoints; the list still works', async () => {
    clock.set(new Date(NOW));
    try {
      const progress: string[] = [];
      const first = await dropMonth(env.owner, {
        month: '2025-01',
        retention: '6',
        key: TEST_AUDIT_KEY,
        onProgress: (m) => progress.push(m),
      });
      expect(first).toEqual({ month: '2025-01', rows: 5, partition: 'audit_log_p202501' });
      expect(progress.join('\n')).toMatch(/已删除 2025-01：5 条记录/);
      await dropMonth(env.owner, { month: '2025-02', retention: undefined, key: TEST_AUDIT_KEY });
      expect(await refusal(dropMonth(env.owner, { month: '2025-02', retention: '6', key: TEST_AUDIT_KEY }))).toBe(
        'AUDIT_MONTH_DROPPED',
      );
      expect(
        await refusal(
          archiveMonth(env.owner, { month: '2025-01', out: path.join(dir, 'again.gz'), key: TEST_AUDIT_KEY }),
        ),
      ).toBe('AUDIT_MONTH_DROPPED');
    } finally {
      clock.reset();
    }
    expect(await placement(env.database.db, parkA)).toEqual({ audit_log_p202503: 3, audit_log_default: 2 });
    const [gone] = await rows<{ present: boolean }>(
      env.database.db,
      sql`select to_regclass('audit_log_p202501') is not null as present`,
    );
    expect(gone!.present).toBe(false);

    const all = await verifyAuditChains(env.database.db, { parkIds: [parkA, parkB], key: TEST_AUDIT_KEY });
    expect(all).toMatchObject({ ok: true, checked: 7, archivedMonths: ['2025-01', '2025-02'], firstBroken: null });
    expect(all.warnings.join()).toMatch(/2025-01 至 2025-02 的记录已归档并从数据库删除/);
    // One day whose row before is in a dropped month: linked to the archive checkpoint.
    const from = new Date('2025-03-02T00:00:00+08:00');
    const day = await verifyAuditChains(env.database.db, {
      parkIds: [parkA],
      key: TEST_AUDIT_KEY,
      range: { from, to: new Date(from.getTime() + 86_400_000) },
    });
    expect(day).toMatchObject({ ok: true, checked: 3 });

    const page = await listAudit(env.database.db, [parkA, parkB], { page: 1, pageSize: 20, order: 'desc' } as never);
    expect(page.items.map((r) => r.seq)).toEqual([12, 11, 4, 3, 10, 9, 8]);
    const filtered = await listAudit(env.database.db, [parkA], {
      page: 1,
      pageSize: 20,
      order: 'asc',
      action: 'test.write',
      from: '2025-01-01T00:00:00.000Z',
    } as never);
    expect(filtered.items.map((r) => r.seq)).toEqual([8, 9, 10, 11, 12]);

    // The first row after the dropped months removed behind the trigger: named as deleted, not hidden by the archive.
    await env.owner.exec(`BEGIN;
ALTER TABLE audit_log DISABLE TRIGGER USER;
DELETE FROM audit_log WHERE park_id = '${parkB}' AND seq = 3;
ALTER TABLE audit_log ENABLE TRIGGER USER;
COMMIT;`);
    const broken = await verifyAuditChains(env.database.db, { parkIds: [parkB], key: TEST_AUDIT_KEY });
    expect(broken.firstBroken).toMatchObject({ parkId: parkB, seq: 3, kind: 'deleted' });
    // A dropped month's record altered by hand is not used as a checkpoint (and said so).
    await env.owner.exec(`UPDATE audit_archives SET chains = '[]' WHERE month = '2025-02'`);
    const untrusted = await verifyAuditChains(env.database.db, { parkIds: [parkA], key: TEST_AUDIT_KEY });
    expect(untrusted.warnings.join()).toMatch(/归档记录 2025-02 的签名无效/);
    expect(untrusted.firstBroken).toMatchObject({ parkId: parkA, kind: 'deleted' });
  });

  it('restores dropped months newest first, only from the file the database recorded', async () => {
    // 2025-01 and 2025-02 are dropped; 2025-02's record was altered by hand above.
    const restore = (file: string) => refusal(restoreMonth(env.owner, { file, key: TEST_AUDIT_KEY }));
    expect(await restore(path.join(dir, 'audit-2025-01.ndjson.gz'))).toBe('AUDIT_RESTORE_ORDER');
    expect(await restore(path.join(dir, 'a-2025-02.gz'))).toBe('AUDIT_ARCHIVE_TAMPERED');
    // A month still in the database needs no restore.
    expect(await restore(path.join(dir, 'a-2025-03.gz'))).toBe('AUDIT_MONTH_PRESENT');
    // A file that does not verify on its own is refused before the database is touched.
    const cut = path.join(dir, 'cut-2025-01.gz');
    fs.writeFileSync(cut, fs.readFileSync(path.join(dir, 'audit-2025-01.ndjson.gz')).subarray(0, 40));
    fs.copyFileSync(path.join(dir, 'audit-2025-01.ndjson.gz.manifest.json'), `${cut}.manifest.json`);
    expect(await restore(cut)).toBe('AUDIT_RESTORE_FILE_INVALID');
    expect(await placement(env.database.db, parkA)).toEqual({ audit_log_p202503: 3, audit_log_default: 2 });
  });

  it("the server's role cannot archive, drop or detach partitions, nor delete or truncate their rows", async () => {
    if (env.database.kind !== 'postgres') return; // the embedded database has no second role (README)
    const app = env.database;
    const denied = (text: string) => refusal(app.exec(text));
    expect(await denied('DROP TABLE audit_log_p202503')).toMatch(/must be owner/);
    expect(await denied('ALTER TABLE audit_log DETACH PARTITION audit_log_p202503')).toMatch(/must be owner/);
    expect(await denied('ALTER TABLE audit_log_p202503 DISABLE TRIGGER USER')).toMatch(/must be owner/);
    expect(await denied(`DELETE FROM audit_log_p202503`)).toMatch(/permission denied for table audit_log_p202503/);
    expect(await denied(`DELETE FROM audit_log_default`)).toMatch(/permission denied/);
    expect(await denied(`TRUNCATE audit_log_p202503`)).toMatch(/permission denied/);
    expect(await denied(`UPDATE audit_log_p202503 SET action = 'x'`)).toMatch(/permission denied/);
    expect(await denied(`SELECT audit_log_create_month('2030-01-01')`)).toMatch(/permission denied for function/);
    expect(await denied(`UPDATE audit_archives SET dropped_at = now()`)).toMatch(/permission denied/);
    expect(await denied(`DELETE FROM audit_archives`)).toMatch(/permission denied/);
    clock.set(new Date(NOW));
    try {
      const out = path.join(dir, 'by-app.gz');
      expect(await refusal(archiveMonth(app, { month: '2025-03', out, key: TEST_AUDIT_KEY }))).toBe(
        'AUDIT_OWNER_REQUIRED',
      );
      expect(fs.existsSync(out)).toBe(false);
      expect(await refusal(dropMonth(app, { month: '2025-01', retention: '6', key: TEST_AUDIT_KEY }))).toBe(
        'AUDIT_OWNER_REQUIRED',
      );
      expect(
        await refusal(restoreMonth(app, { file: path.join(dir, 'audit-2025-01.ndjson.gz'), key: TEST_AUDIT_KEY })),
      ).toBe('AUDIT_OWNER_REQUIRED');
    } finally {
      clock.reset();
    }
    // A partition the server's own call creates is the owner's alone as well.
    expect(await ensureAuditPartitions(app.db, 5)).toBeGreaterThan(0);
    const [acl] = await rows<{ n: number }>(
      app.db,
      sql`select count(*)::int as n from pg_inherits i where i.inhparent = 'audit_log'::regclass
            and has_table_privilege(i.inhrelid, 'SELECT, INSERT, UPDATE, DELETE, TRUNCATE')`,
    );
    expect(acl!.n).toBe(0);
  });
});

describe('npm run audit:archive and audit:drop', () => {
  it('archive a closed month, refuse a short retention, drop, and verification then passes', async () => {
    const cliDir = fs.mkdtempSync(path.join(os.tmpdir(), 'parksafe-archive-cli-'));
    const test = env.database.kind === 'postgres' ? await createTestDatabase() : null;
    let database: Database;
    let owner: Database;
    if (test) {
      await test.migrate();
      ({ database, owner } = test);
    } else {
      database = await openDatabase({ databaseUrl: null, dataDir: cliDir });
      await migrate(database);
      owner = database;
    }
    const cliEnv = {
      ...process.env,
      NODE_ENV: 'development',
      DATA_DIR: cliDir,
      PARKSAFE_AUDIT_KEY: TEST_AUDIT_KEY,
      DATABASE_URL: test?.urls?.app ?? '',
      DATABASE_OWNER_URL: test?.urls?.owner ?? '',
      PARKSAFE_AUDIT_CHECKPOINTS: '',
    };
    try {
      // A month more than a year old (by the real clock, which the commands use), then one more row now.
      const old = new Date(Date.now() - 400 * 86_400_000);
      const month = monthOf(old);
      await owner.exec(`SELECT audit_log_create_month('${month}-01')`);
      const park = randomUUID();
      await write(database.db, park, old.toISOString(), 3);
      await write(database.db, park, new Date().toISOString(), 1);
      if (!test) await database.close();
      const out = path.join(cliDir, `audit-${month}.ndjson.gz`);
      const archived = await runCli('audit-archive.ts', cliEnv, ['--month', month, '--out', out]);
      expect(archived.out).toContain(`已归档 ${month}：3 条记录`);
      expect(archived.code).toBe(0);
      const checked = await runCli('audit-verify-archive.ts', cliEnv, [out]);
      expect(checked.out).toContain(`归档完整：${month}，1 条链，3 条记录`);
      expect(checked.out).toContain('Archive OK');
      expect(checked.code).toBe(0);
      const cut = path.join(cliDir, 'cut.ndjson.gz');
      fs.writeFileSync(cut, fs.readFileSync(out).subarray(0, 40));
      fs.copyFileSync(`${out}.manifest.json`, `${cut}.manifest.json`);
      const truncated = await runCli('audit-verify-archive.ts', cliEnv, [cut]);
      expect(truncated.out).toContain('归档校验未通过 (archive verification FAILED)');
      expect(truncated.out).toContain('[AUDIT_ARCHIVE_TRUNCATED] (truncated file)');
      expect(truncated.code).toBe(1);
      expect((await runCli('audit-verify-archive.ts', cliEnv, [])).code).toBe(2);
      const current = await runCli('audit-archive.ts', cliEnv, ['--month', monthOf(new Date()), '--out', `${out}.2`]);
      expect(current.code).toBe(2);
      expect(current.out).toContain('拒绝 [AUDIT_MONTH_NOT_CLOSED]');
      const short = await runCli('audit-drop.ts', { ...cliEnv, AUDIT_RETENTION_MONTHS: '3' }, ['--month', month]);
      expect(short.code).toBe(2);
      expect(short.out).toContain('拒绝 [AUDIT_RETENTION_TOO_SHORT]');
      const dropped = await runCli('audit-drop.ts', cliEnv, ['--month', month]);
      expect(dropped.out).toContain(`已删除 ${month}：3 条记录`);
      expect(dropped.code).toBe(0);
      const verified = await runCli('audit-verify.ts', cliEnv, []);
      expect(verified.out).toContain('审计日志完整：1 条链，1 条记录');
      expect(verified.out).toContain(`${month} 的记录已归档并从数据库删除`);
      expect(verified.code).toBe(0);
      // The month back from its file (a truncated copy refused first), verified whole again, and dropped again.
      const badRestore = await runCli('audit-restore.ts', cliEnv, [cut]);
      expect(badRestore.code).toBe(2);
      expect(badRestore.out).toContain('拒绝 [AUDIT_RESTORE_FILE_INVALID]');
      const restored = await runCli('audit-restore.ts', cliEnv, [out]);
      expect(restored.out).toContain(`已恢复 ${month}：3 条记录`);
      expect(restored.code).toBe(0);
      const whole = await runCli('audit-verify.ts', cliEnv, []);
      expect(whole.out).toContain('审计日志完整：1 条链，4 条记录');
      expect(whole.out).not.toContain('已归档并从数据库删除');
      expect(whole.code).toBe(0);
      const again = await runCli('audit-restore.ts', cliEnv, [out]);
      expect(again.code).toBe(2);
      expect(again.out).toContain('拒绝 [AUDIT_MONTH_PRESENT]');
      const droppedAgain = await runCli('audit-drop.ts', cliEnv, ['--month', month]);
      expect(droppedAgain.out).toContain(`已删除 ${month}：3 条记录`);
      expect(droppedAgain.code).toBe(0);
    } finally {
      if (test) await test.close();
      else await database.close().catch(() => {});
      fs.rmSync(cliDir, { recursive: true, force: true });
    }
  }, 180_000);
});
