// The audit log at 20,000,000 rows (issue 16): one park's chain over two years on PostgreSQL, ~27,000 rows a day.
// Measures, through the real Fastify app as the administrator (session, validation, scope, serialisation included), the
// audit list with the filters the console offers (p50/p95), and the verification of one day's records.
//
// Seeding is set-based SQL: the rows of every day but one carry placeholder digests (computing 20M HMAC-SM3 in node
// would take longer than the bench); the rows of the verified day are appended with their real keyed MACs, linked to
// the row before them, so that day's verification checks real MACs and links. The whole-chain verification is not
// run here for that reason. The month partitions are made first and the empty ones UNLOGGED; ranges go in three at a
// time (BENCH_AUDIT_SEED_JOBS), and a seed cut off resumes. npm run bench -- audit-archive measures a month's archive.
//
//   npm run bench -- audit
//   BENCH_AUDIT_ROWS=2000000 npm run bench -- audit      (a smaller run)
//   BENCH_AUDIT_ROWS=2000000 BENCH_AUDIT_DAYS=73 npm run bench -- audit   (days as dense as at 20,000,000 rows)
//   DATABASE_URL=postgres://user@host:5432/db npm run bench -- audit   (default …/parksafe_bench_audit)
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { createApp } from '../server/src/app';
import { auditMac, configureAuditKey, GENESIS_HASH } from '../server/src/platform/audit';
import { loadConfig } from '../server/src/platform/config';
import { type Db, migrate, openDatabase, rows } from '../server/src/platform/db';
import { hashPassword } from '../server/src/platform/passwords';
import { Client } from '../server/src/testing/harness';
import { ensureDatabase, stats } from './enterprises';

const TOTAL = Number(process.env.BENCH_AUDIT_ROWS ?? 20_000_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 100);
/** Days the rows spread over (two years); fewer days make each day as dense as at 20,000,000 rows with fewer rows. */
const DAYS = Number(process.env.BENCH_AUDIT_DAYS ?? 730);
const CHUNK = 500_000;
/** Connections seeding at once. */
const JOBS = Number(process.env.BENCH_AUDIT_SEED_JOBS ?? 3);
export const PARK_CODE = 'bench-audit';
const USERNAME = 'bench-audit-supervisor';
/** The day whose records are verified: 30 days before the newest, so later rows follow it. */
const VERIFIED_DAY_OFFSET = DAYS - 30;
const log = (m: string) => console.log(`[bench] ${m}`);
const n = (v: number) => v.toLocaleString('en-US');

async function one<T>(db: Db, q: ReturnType<typeof sql>): Promise<T> {
  return (await rows<T>(db, q))[0]!;
}

const ACTIONS = ['create', 'update', 'submit', 'approve', 'recheckPass', 'recheckFail', 'close', 'login', 'export'];
const TYPES = ['hazard', 'inspection', 'enterprise', 'campaign', 'user', 'session', 'training', 'document'];
const NAMES = ['张伟', '王芳', '李娜', '刘洋', '陈静', '杨磊', '赵敏', '黄强', '周杰', '吴婷', '徐明', '孙丽'];

/** A text[] literal (drizzle would expand a JS array into a record). The words here hold no quotes or commas. */
const pgArray = (words: string[]) => `{${words.join(',')}}`;

/** Rows [from, to] of the chain, set-based, placed evenly over DAYS days ending yesterday. */
async function seedRange(db: Db, parkId: string, from: number, to: number, start: Date): Promise<void> {
  const perRow = (DAYS * 86_400_000) / TOTAL;
  await db.execute(sql`
    insert into audit_log (park_id, seq, id, at, actor_user_id, actor_name, actor_organisation_id, actor_role, ip,
                           action, entity_type, entity_id, before, after, prev_hash, hash, enterprise_id)
    select ${parkId}::uuid, g, gen_random_uuid(),
           ${start.toISOString()}::timestamptz + (g * ${perRow}::float8) * interval '1 millisecond',
           null, (${pgArray(NAMES)}::text[])[1 + g % ${NAMES.length}], null, 'supervisor', '10.0.' || (g % 250) || '.' || (g % 200),
           (${pgArray(ACTIONS)}::text[])[1 + (g / 7) % ${ACTIONS.length}], (${pgArray(TYPES)}::text[])[1 + g % ${TYPES.length}],
           'E' || (g % 400000), '{"status":"rectifying"}'::jsonb, jsonb_build_object('status', 'submitted', 'n', g),
           md5((g - 1)::text) || md5((g - 1)::text), md5(g::text) || md5(g::text), null
      from generate_series(${from}::bigint, ${to}::bigint) g`);
}

/**
 * Rows [from, to] of the chain with their real keyed MACs, each linked to the one before (the first to `prevHash`), with
 * the same contents as the set-based seed; returns the last row's MAC.
 */
export async function insertKeyed(
  db: Db,
  key: string,
  parkId: string,
  start: Date,
  from: number,
  to: number,
  prevHash: string,
  onProgress?: (done: number) => void,
): Promise<string> {
  const perRow = (DAYS * 86_400_000) / TOTAL;
  const batch: Record<string, unknown>[] = [];
  const flush = async () => {
    if (!batch.length) return;
    await db.execute(sql`
      insert into audit_log (park_id, seq, id, at, actor_user_id, actor_name, actor_organisation_id, actor_role, ip,
                             action, entity_type, entity_id, before, after, prev_hash, hash, enterprise_id)
      select ${parkId}::uuid, s, i, a, null, nm, null, 'supervisor', ip, ac, et, ei, '{"status":"rectifying"}'::jsonb,
             af, ph, h, null
        from jsonb_to_recordset(${JSON.stringify(batch)}::jsonb)
          as t(s bigint, i uuid, a timestamptz, nm text, ip text, ac text, et text, ei text, af jsonb, ph text, h text)`);
    batch.length = 0;
  };
  for (let g = from; g <= to; g++) {
    // Whole milliseconds, as the database keeps them and the verification reads them.
    const at = new Date(Math.floor(start.getTime() + g * perRow));
    const f = {
      parkId,
      seq: g,
      id: randomUUID(),
      at,
      actorUserId: null,
      actorName: NAMES[g % NAMES.length]!,
      actorOrganisationId: null,
      actorRole: 'supervisor',
      ip: `10.0.${g % 250}.${g % 200}`,
      action: ACTIONS[Math.floor(g / 7) % ACTIONS.length]!,
      entityType: TYPES[g % TYPES.length]!,
      entityId: `E${g % 400000}`,
      before: { status: 'rectifying' },
      after: { status: 'submitted', n: g },
      prevHash,
      enterpriseId: null,
    };
    const hash = auditMac(key, f);
    batch.push({
      s: g,
      i: f.id,
      a: at.toISOString(),
      nm: f.actorName,
      ip: f.ip,
      ac: f.action,
      et: f.entityType,
      ei: f.entityId,
      af: f.after,
      ph: prevHash,
      h: hash,
    });
    prevHash = hash;
    if (batch.length === 2000) {
      await flush();
      onProgress?.(g - from + 1);
    }
  }
  await flush();
  return prevHash;
}

/** The park with TOTAL audit rows (once), the verified day's rows with real MACs, and a supervisor. */
async function prepare(db: Db, key: string): Promise<{ parkId: string; password: string; day: string }> {
  let park = await one<{ id: string } | undefined>(db, sql`select id from parks where code = ${PARK_CODE}`);
  if (!park)
    park = await one<{ id: string }>(
      db,
      sql`insert into parks (code, name) values (${PARK_CODE}, '审计压测园区') returning id`,
    );
  const parkId = park.id;
  const meta = await one<{ n: string; first: string | null }>(
    db,
    sql`select count(*) as n, min("at")::text as first from audit_log where park_id = ${parkId}`,
  );
  // Days are the park's (Asia/Shanghai, UTC+8): the chain starts at a Shanghai midnight, so the verified day's rows
  // are exactly one Shanghai day.
  const DAY = 86_400_000;
  const EIGHT = 8 * 3_600_000;
  const t0 = meta.first ? new Date(meta.first).getTime() : Date.now() - DAYS * DAY;
  const start = new Date(t0 - ((t0 + EIGHT) % DAY));
  const day = new Date(start.getTime() + VERIFIED_DAY_OFFSET * DAY + EIGHT).toISOString().slice(0, 10);
  if (Number(meta.n) < TOTAL) {
    // A seed cut off (the process stopped) resumes: each range is one statement, so it is there whole or not at all.
    if (Number(meta.n) > 0) log(`park ${PARK_CODE} has ${n(Number(meta.n))} of ${n(TOTAL)} rows: resuming the seed`);
    // The rows of the verified day are rewritten below with real MACs: seed around them.
    const perDay = TOTAL / DAYS;
    const dayFirst = Math.ceil(VERIFIED_DAY_OFFSET * perDay);
    const dayLast = Math.ceil((VERIFIED_DAY_OFFSET + 1) * perDay) - 1;
    // The audit log is partitioned by park month (migration 0039), which creates the months that have rows and the
    // next two: the back-dated seed needs its two years of month partitions first (as the migration would have).
    await db.execute(sql`select audit_log_create_month(m::date)
                           from generate_series(date_trunc('month', ${start.toISOString()}::timestamptz at time zone 'Asia/Shanghai'),
                                                now() at time zone 'Asia/Shanghai', interval '1 month') m`);
    // The seeded partitions are UNLOGGED: at 20,000,000 rows the WAL of seven indexes (full pages after every
    // checkpoint) made the seed CPU- and disk-bound at 3,000 rows/s on a shared machine. Reads, which the bench
    // measures, are the same on an unlogged table; the bench database is thrown away. Only empty ones (a resumed seed
    // would rewrite the filled ones).
    const seeded = await rows<{ name: string }>(
      db,
      sql`select c.relname as name from pg_inherits i join pg_class c on c.oid = i.inhrelid
           where i.inhparent = 'audit_log'::regclass and c.relname <> 'audit_log_default' and c.relpersistence = 'p'
             and pg_relation_size(c.oid) = 0`,
    );
    for (const p of seeded) await db.execute(sql.raw(`alter table ${p.name} set unlogged`));
    log(`seeding ${n(TOTAL)} audit rows in chunks of ${n(CHUNK)}, ${JOBS} at a time (once; later runs reuse them)`);
    const started = Date.now();
    const ranges: [number, number][] = [];
    for (let f = 1; f <= TOTAL; f += CHUNK) {
      const t = Math.min(TOTAL, f + CHUNK - 1);
      // Split around the verified day.
      if (t < dayFirst || f > dayLast) ranges.push([f, t]);
      else {
        if (f < dayFirst) ranges.push([f, dayFirst - 1]);
        if (t > dayLast) ranges.push([dayLast + 1, t]);
      }
    }
    const present = async (seq: number) =>
      Boolean(
        await one<{ x: number } | undefined>(
          db,
          sql`select 1 as x from audit_log where park_id = ${parkId} and seq = ${seq}`,
        ),
      );
    const todo: [number, number][] = [];
    for (const r of ranges) if (!(await present(r[0]))) todo.push(r);
    // Each range is independent of the others: several connections at once (the machine's cores, not one).
    let seededRows = 0;
    const work = async () => {
      for (let r = todo.shift(); r; r = todo.shift()) {
        await seedRange(db, parkId, r[0], r[1], start);
        seededRows += r[1] - r[0] + 1;
        const s = (Date.now() - started) / 1000;
        log(`audit rows ${n(r[0])}–${n(r[1])} seeded; ${n(seededRows)} this run (${n(Math.round(seededRows / s))}/s)`);
      }
    };
    await Promise.all(Array.from({ length: JOBS }, work));
    // The verified day: real keyed MACs, linked to the placeholder digest before it; the row after it is relinked.
    const before = await one<{ hash: string }>(
      db,
      sql`select hash from audit_log where park_id = ${parkId} and seq = ${dayFirst - 1}`,
    );
    let prevHash = before?.hash ?? GENESIS_HASH;
    if (await present(dayFirst)) {
      const lastOfDay = await one<{ hash: string }>(
        db,
        sql`select hash from audit_log where park_id = ${parkId} and seq = ${dayLast}`,
      );
      prevHash = lastOfDay!.hash;
    } else prevHash = await insertKeyed(db, key, parkId, start, dayFirst, dayLast, prevHash);
    // Placeholder rows carry placeholder links; the row after the day names the day's last MAC as its prev_hash.
    await db.execute(sql`alter table audit_log disable trigger audit_log_no_update_delete`);
    await db.execute(
      sql`update audit_log set prev_hash = ${prevHash} where park_id = ${parkId} and seq = ${dayLast + 1}`,
    );
    await db.execute(sql`alter table audit_log enable trigger audit_log_no_update_delete`);
    // As autovacuum would leave a log that is appended to and never updated: visibility known, statistics fresh.
    log(`seeded in ${Math.round((Date.now() - started) / 1000)} s; vacuum analyze`);
    await db.execute(sql`vacuum analyze audit_log`);
  }
  // The chain head names the last seeded row, so the app's own appends (the sign-in) continue the chain.
  const last = await one<{ seq: string; hash: string }>(
    db,
    sql`select seq, hash from audit_log where park_id = ${parkId} order by seq desc limit 1`,
  );
  await db.execute(sql`insert into audit_chain_heads (park_id, last_seq, last_hash)
                       values (${parkId}, 0, ${GENESIS_HASH}) on conflict (park_id) do nothing`);
  await db.execute(sql`update audit_chain_heads set last_seq = ${last.seq}, last_hash = ${last.hash}
                        where park_id = ${parkId} and last_seq < ${last.seq}`);
  const committee =
    (await one<{ id: string } | undefined>(
      db,
      sql`select id from organisations where park_id = ${parkId} and kind = 'committee'`,
    )) ??
    (await one<{ id: string }>(
      db,
      sql`insert into organisations (park_id, kind, name) values (${parkId}, 'committee', '审计压测管委会') returning id`,
    ));
  const password = `Bench#${randomBytes(9).toString('base64url')}1a`;
  const hash = await hashPassword(password);
  await db.execute(sql`
    insert into users (park_id, organisation_id, username, display_name, role, password_hash, must_change_password)
    values (${parkId}, ${committee.id}, ${USERNAME}, '审计压测管理员', 'admin', ${hash}, false)
    on conflict (username) do update set password_hash = excluded.password_hash, failed_attempts = 0, locked_until = null,
      role = excluded.role, display_name = excluded.display_name, totp_enabled = false, totp_secret = null`);
  return { parkId, password, day };
}

/** The bench's fixed audit key, so a rerun (and npm run bench -- audit-archive) verifies the seeded MACs again. */
export const BENCH_AUDIT_KEY = 'bench-audit-key-0123456789abcdef0123456789abcdef';

/** The Shanghai midnight the seeded chain starts at (row g is at start + g × (DAYS days / TOTAL)). */
export function chainStart(firstAt: Date): Date {
  const DAY = 86_400_000;
  const EIGHT = 8 * 3_600_000;
  const t0 = firstAt.getTime();
  return new Date(t0 - ((t0 + EIGHT) % DAY));
}

export async function main(): Promise<void> {
  process.env.LOG_LEVEL ??= 'silent';
  process.env.SCHEDULER = 'off';
  const url = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/parksafe_bench_audit';
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'parksafe-bench-'));
  await ensureDatabase(url);
  const secret = process.env.PARKSAFE_SECRET ?? randomBytes(32).toString('hex');
  // The verified day's MACs are made with this key: a fixed bench key, so a rerun verifies the seeded day again.
  const auditKey = process.env.PARKSAFE_AUDIT_KEY ?? BENCH_AUDIT_KEY;
  const config = loadConfig({
    ...process.env,
    DATABASE_URL: url,
    DATA_DIR: dataDir,
    PARKSAFE_SECRET: secret,
    PARKSAFE_AUDIT_KEY: auditKey,
    // Fixed as well: the database records the person key's check value, and a rerun on the seeded rows must match it.
    PARKSAFE_DATA_KEY: process.env.PARKSAFE_DATA_KEY ?? 'bench-audit-data-key-0123456789abcdef0123456789',
    NODE_ENV: 'development',
  });
  configureAuditKey(auditKey);
  const database = await openDatabase({ databaseUrl: url, dataDir });
  const applied = await migrate(database, log);
  if (applied.length) log(`migrations ${applied.join(', ')} applied`);
  const { db } = database;
  const { password, day } = await prepare(db, auditKey);
  const total = await one<{ n: string }>(db, sql`select count(*) as n from audit_log`);
  const parts = await one<{ n: string; def: string }>(
    db,
    sql`select (select count(*) from pg_inherits where inhparent = 'audit_log'::regclass) as n,
               (select count(*) from audit_log_default) as def`,
  );
  log(`audit_log: ${n(Number(total.n))} rows in ${parts.n} partitions (${n(Number(parts.def))} in the DEFAULT one)`);

  const app = await createApp(config, database);
  await app.ready();
  try {
    // The audit log is the administrator's (signs in with TOTP: the test client enrols it).
    const admin = new Client(app);
    const login = await admin.login(USERNAME, password);
    if (login.statusCode !== 200) throw new Error(`login ${login.statusCode}: ${login.body}`);
    const get = (u: string) => admin.get(u);

    const dayFrom = `${day}T00:00:00.000Z`;
    const dayTo = `${day}T23:59:59.999Z`;
    const month = day.slice(0, 7);
    const cases: [string, (i: number) => string][] = [
      ['newest page, no filter', () => '/api/audit?page=1&pageSize=20'],
      ['page 50, no filter', () => '/api/audit?page=50&pageSize=20'],
      ['one action', (i) => `/api/audit?action=${ACTIONS[i % ACTIONS.length]}&pageSize=20`],
      ['one object type', (i) => `/api/audit?entityType=${TYPES[i % TYPES.length]}&pageSize=20`],
      ['one object’s history', (i) => `/api/audit?entityType=hazard&entityId=E${(i * 8) % 400000}&pageSize=20`],
      ['actor name', (i) => `/api/audit?actor=${encodeURIComponent(NAMES[i % NAMES.length]!)}&pageSize=20`],
      ['one day', () => `/api/audit?from=${dayFrom}&to=${dayTo}&pageSize=20`],
      [
        'one month + type + action',
        (i) =>
          `/api/audit?from=${month}-01T00:00:00.000Z&to=${month}-28T23:59:59.999Z&entityType=${TYPES[i % TYPES.length]}&action=update&pageSize=20`,
      ],
    ];
    const out: Record<string, unknown>[] = [];
    for (const [name, urlOf] of cases) {
      for (let i = 0; i < 3; i++) await get(urlOf(i));
      const samples: number[] = [];
      let totalRows = 0;
      for (let i = 0; i < REQUESTS; i++) {
        const t = performance.now();
        const res = await get(urlOf(i));
        samples.push(performance.now() - t);
        if (res.statusCode !== 200) throw new Error(`${name}: ${res.statusCode} ${res.body.slice(0, 300)}`);
        totalRows = (res.json() as { total: number }).total;
      }
      const s = stats(samples);
      out.push({ request: name, 'p50 ms': Math.round(s.p50), 'p95 ms': Math.round(s.p95), total: n(totalRows) });
      log(`${name}: p50 ${Math.round(s.p50)} ms, p95 ${Math.round(s.p95)} ms`);
    }
    const verifyRuns: number[] = [];
    let verified: { ok: boolean; checked: number } = { ok: false, checked: 0 };
    for (let i = 0; i < 3; i++) {
      const t = performance.now();
      const res = await get(`/api/audit/verify?date=${day}`);
      verifyRuns.push(performance.now() - t);
      if (res.statusCode !== 200) throw new Error(`verify: ${res.statusCode} ${res.body.slice(0, 300)}`);
      verified = res.json() as { ok: boolean; checked: number };
    }
    console.log('');
    console.log(
      `Audit log at ${n(Number(total.n))} rows in ${parts.n} partitions (PostgreSQL), ${REQUESTS} requests each, through the app, load average ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
    );
    console.table(out);
    console.log(
      `verify one day (${day}): ${verifyRuns.map((ms) => `${(ms / 1000).toFixed(2)} s`).join(', ')} — ${n(verified.checked)} records, ${verified.ok ? 'chain holds' : 'BROKEN'}`,
    );
  } finally {
    await app.close();
    await database.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
