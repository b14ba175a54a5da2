// Archive of one full month at 20,000,000-row density (issue 16), on the database `npm run bench -- audit` seeded.
// The seed's rows carry placeholder digests, which the archive's verification refuses (AUDIT_MONTH_BROKEN, shown
// first); so the month's rows are first rewritten once with their real keyed MACs (same contents, linked to the row
// before the month, the row after relinked). Then measures npm run audit:archive's work (verify the month, export it
// gzip'd with its manifest) and npm run audit:verify-archive's on the file. Drop is not measured: it takes months
// oldest first, and the months before this one are not archived.
//
//   npm run bench -- audit                  (first: seeds the 20,000,000 rows)
//   npm run bench -- audit-archive          (BENCH_AUDIT_ARCHIVE_MONTH=YYYY-MM: default the third month of the chain;
//                                            BENCH_AUDIT_ARCHIVE_PREPARE_ONLY=1: only the rewrite)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { archiveMonth, monthOf, parseMonth } from '../server/src/modules/audit/archive';
import { verifyArchiveFile } from '../server/src/modules/audit/archive-verify';
import { auditMac, configureAuditKey } from '../server/src/platform/audit';
import { type Db, migrate, openDatabase, rows } from '../server/src/platform/db';
import { BENCH_AUDIT_KEY, chainStart, insertKeyed, PARK_CODE } from './audit';
import { ensureDatabase } from './enterprises';

const log = (m: string) => console.log(`[bench] ${m}`);
const n = (v: number) => v.toLocaleString('en-US');
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function one<T>(db: Db, q: ReturnType<typeof sql>): Promise<T | undefined> {
  return (await rows<T>(db, q))[0];
}

export async function main(): Promise<void> {
  const url = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/parksafe_bench_audit';
  const key = process.env.PARKSAFE_AUDIT_KEY ?? BENCH_AUDIT_KEY;
  configureAuditKey(key);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'parksafe-bench-'));
  await ensureDatabase(url);
  const database = await openDatabase({ databaseUrl: url, dataDir });
  try {
    await migrate(database, log);
    const { db } = database;
    const park = await one<{ id: string; first: string | null }>(
      db,
      sql`select p.id, (select min("at")::text from audit_log where park_id = p.id) as first from parks p
           where p.code = ${PARK_CODE}`,
    );
    if (!park?.first) throw new Error('no seeded audit rows: run npm run bench -- audit first');
    const start = chainStart(new Date(park.first));
    const first = parseMonth(monthOf(start));
    const month = process.env.BENCH_AUDIT_ARCHIVE_MONTH ?? parseMonthIndex(first.index + 3);
    const m = parseMonth(month);
    const span = await one<{ first: string; last: string; n: string }>(
      db,
      sql`select min(seq)::text as first, max(seq)::text as last, count(*)::text as n from audit_log
           where park_id = ${park.id} and "at" >= ${m.from.toISOString()} and "at" < ${m.to.toISOString()}`,
    );
    if (!span?.first) throw new Error(`${month} has no rows`);
    const firstSeq = Number(span.first);
    const lastSeq = Number(span.last);
    log(`${month}: ${n(Number(span.n))} rows (seq ${n(firstSeq)}–${n(lastSeq)}) in ${m.partition}`);

    // Are the month's rows already the real ones (a rerun)? Its first row's MAC tells.
    const row1 = await one<Record<string, unknown>>(
      db,
      sql`select seq, id, to_char("at" at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as at, actor_name, ip,
                 action, entity_type, entity_id, before::text as before, after::text as after, prev_hash, hash
            from audit_log where park_id = ${park.id} and seq = ${firstSeq}`,
    );
    const real =
      row1 &&
      auditMac(key, {
        parkId: park.id,
        seq: firstSeq,
        id: String(row1.id),
        at: new Date(String(row1.at)),
        actorUserId: null,
        actorName: row1.actor_name as string,
        actorOrganisationId: null,
        actorRole: 'supervisor',
        ip: row1.ip as string,
        action: row1.action as string,
        entityType: row1.entity_type as string,
        entityId: row1.entity_id as string,
        before: JSON.parse(String(row1.before)),
        after: JSON.parse(String(row1.after)),
        prevHash: row1.prev_hash as string,
        enterpriseId: null,
      }) === row1.hash;
    const out = path.join(dataDir, `audit-${month}.ndjson.gz`);
    if (!real) {
      // What the archive says of the seed's placeholder digests, before they are replaced.
      const t = performance.now();
      const refused = await archiveMonth(database, { month, out, key }).then(
        () => 'accepted',
        (e: { code?: string; message: string }) => `${e.code ?? ''} ${e.message}`,
      );
      log(`archive of the placeholder rows (${secs(performance.now() - t)}): ${refused}`);
      fs.rmSync(out, { force: true });
      fs.rmSync(`${out}.manifest.json`, { force: true });

      log(`rewriting ${month}'s ${n(lastSeq - firstSeq + 1)} rows with their real keyed MACs (once)`);
      const t0 = performance.now();
      const before = await one<{ hash: string }>(
        db,
        sql`select hash from audit_log where park_id = ${park.id} and seq = ${firstSeq - 1}`,
      );
      await db.execute(sql.raw(`alter table ${m.partition} disable trigger user`));
      await db.execute(sql.raw(`truncate ${m.partition}`));
      await db.execute(sql.raw(`alter table ${m.partition} enable trigger user`));
      const lastHash = await insertKeyed(db, key, park.id, start, firstSeq, lastSeq, before!.hash, (done) => {
        if (done % 100_000 === 0) log(`rewritten ${n(done)}`);
      });
      await db.execute(sql`alter table audit_log disable trigger audit_log_no_update_delete`);
      await db.execute(
        sql`update audit_log set prev_hash = ${lastHash} where park_id = ${park.id} and seq = ${lastSeq + 1}`,
      );
      await db.execute(sql`alter table audit_log enable trigger audit_log_no_update_delete`);
      await db.execute(sql.raw(`vacuum analyze ${m.partition}`));
      log(`rewritten in ${secs(performance.now() - t0)}`);
    }
    // The rewrite may be done while the main bench still seeds other months, and measured later on a quiet database.
    if (process.env.BENCH_AUDIT_ARCHIVE_PREPARE_ONLY) return;
    await db.execute(sql`delete from audit_archives where month = ${month} and dropped_at is null`);

    // The archive reports every batch: every 100,000th row is enough here.
    const progress = (msg: string) => {
      const done = /^已(?:校验|导出) (\d+)/.exec(msg);
      if (!done || Number(done[1]) % 100_000 === 0) log(msg);
    };
    const t1 = performance.now();
    const manifest = await archiveMonth(database, { month, out, key, onProgress: progress });
    const archiveMs = performance.now() - t1;
    const size = fs.statSync(out).size;
    const t2 = performance.now();
    const verified = await verifyArchiveFile({
      file: out,
      key,
      onProgress: (done, total) => {
        if (done % 200_000 === 0 || done === total) log(`verify-archive ${n(done)} / ${n(total)}`);
      },
    });
    const verifyMs = performance.now() - t2;
    const load = os.loadavg().map((l) => l.toFixed(1));
    console.log('');
    console.log(`Archive of ${month} at 20,000,000-row density (PostgreSQL), load average ${load.join(' ')}`);
    console.log(
      `audit:archive        ${secs(archiveMs)} — ${n(manifest.rows)} rows verified and exported (${n(Math.round(manifest.rows / (archiveMs / 1000)))} rows/s), file ${(size / 1048576).toFixed(1)} MB`,
    );
    console.log(
      `audit:verify-archive ${secs(verifyMs)} — ${verified.ok ? 'OK' : `FAILED ${verified.problems.map((p) => p.code).join(', ')}`}, ${n(verified.rows)} rows (${n(Math.round(verified.rows / (verifyMs / 1000)))} rows/s)`,
    );
    // The bench database keeps the archive record out of the way of a rerun.
    await db.execute(sql`delete from audit_archives where month = ${month} and dropped_at is null`);
  } finally {
    await database.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

function parseMonthIndex(index: number): string {
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}
