// Enterprise registry at province scale: 100,000 enterprises in one park on PostgreSQL.
// Measures, through the real Fastify app (app.inject, signed in as a supervisor: session lookup, validation, data
// scope and serialisation included): the filtered list, Chinese name search and detail (p50/p95 over 200 requests
// each), then a full export of every enterprise as a background job, with the process's peak RSS.
//
//   npm run bench -- enterprises
//   DATABASE_URL=postgres://user@host:5432/db npm run bench -- enterprises   (default …/parksafe_bench)
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, count, eq, sql } from 'drizzle-orm';
import pg from 'pg';
import { createApp } from '../server/src/app';
import { enterprises, organisations, parks, users } from '../server/src/db/schema';
import { findParkId } from '../server/src/modules/demo/seed';
import { loadConfig } from '../server/src/platform/config';
import { type Database, migrate, openDatabase, rows } from '../server/src/platform/db';
import { hashPassword } from '../server/src/platform/passwords';
import { SUPERVISION_TAGS } from '../shared/src/enterprises';
import type { JobView } from '../shared/src/io';

const TOTAL = 100_000;
const REQUESTS = 200;
const WARMUP = 20;
const PARK_CODE = 'bench';
const USERNAME = 'bench-supervisor';

const log = (m: string) => console.log(`[bench] ${m}`);

/** Creates the database when the server does not have it yet. */
export async function ensureDatabase(url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const c = new pg.Client({ connectionString: admin.toString() });
  await c.connect();
  try {
    const found = await c.query('select 1 from pg_database where datname = $1', [name]);
    if (found.rowCount === 0) {
      log(`creating database ${name}`);
      await c.query(`create database "${name.replace(/"/g, '""')}"`);
    }
  } finally {
    await c.end();
  }
}

/** The bench park with 100,000 enterprises (seeded once), and a supervisor with a fresh password. */
export async function preparePark(
  database: Database,
  env: { url: string; secret: string; dataDir: string },
): Promise<{ parkId: string; password: string }> {
  const { url, secret, dataDir } = env;
  const { db } = database;
  let parkId = await findParkId(db, PARK_CODE);
  if (!parkId) {
    [{ id: parkId }] = (await db
      .insert(parks)
      .values({ code: PARK_CODE, name: '压测园区 bench' })
      .returning({ id: parks.id })) as [{ id: string }];
  }
  const [{ n }] = (await db.select({ n: count() }).from(enterprises).where(eq(enterprises.parkId, parkId))) as [
    { n: number },
  ];
  if (Number(n) < TOTAL) {
    if (Number(n) > 0) {
      log(`park has ${n} of ${TOTAL} enterprises (an interrupted seed): starting over`);
      await db.execute(sql`delete from enterprises where park_id = ${parkId}`);
      await db.execute(sql`delete from organisations where park_id = ${parkId} and kind = 'enterprise'
                            and id not in (select organisation_id from users)`);
    }
    log(`seeding ${TOTAL.toLocaleString('en-US')} enterprises (once; later runs reuse them)`);
    // In a child process (the seed CLI), so this process's memory figures are the server's alone.
    const started = Date.now();
    const child = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'server/src/cli/seed.ts', '--enterprises', String(TOTAL), '--park-code', PARK_CODE],
      { stdio: 'inherit', env: { ...process.env, DATABASE_URL: url, PARKSAFE_SECRET: secret, DATA_DIR: dataDir } },
    );
    if (child.status !== 0) throw new Error('seeding failed');
    log(`seeded in ${((Date.now() - started) / 1000).toFixed(1)} s; ANALYZE`);
    await db.execute(sql`analyze enterprises`);
    await db.execute(sql`analyze organisations`);
  } else {
    log(`park ${PARK_CODE} already has ${Number(n).toLocaleString('en-US')} enterprises`);
  }

  const password = `Bench#${randomBytes(9).toString('base64url')}1a`;
  const passwordHash = await hashPassword(password);
  const [committee] = await db
    .select({ id: organisations.id })
    .from(organisations)
    .where(and(eq(organisations.parkId, parkId), eq(organisations.kind, 'committee')));
  const committeeId =
    committee?.id ??
    (
      (await db
        .insert(organisations)
        .values({ parkId, kind: 'committee', name: '压测园区管委会' })
        .returning({ id: organisations.id })) as [{ id: string }]
    )[0].id;
  const [user] = await db.select({ id: users.id }).from(users).where(eq(users.username, USERNAME));
  if (user) {
    await db
      .update(users)
      .set({ passwordHash, failedAttempts: 0, lockedUntil: null, disabled: false, mustChangePassword: false })
      .where(eq(users.id, user.id));
  } else {
    await db.insert(users).values({
      parkId,
      organisationId: committeeId,
      username: USERNAME,
      displayName: '压测安监',
      role: 'supervisor',
      passwordHash,
      mustChangePassword: false,
    });
  }
  return { parkId, password };
}

interface Stats {
  n: number;
  p50: number;
  p95: number;
  max: number;
}

export function stats(samples: number[]): Stats {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)]!;
  return { n: s.length, p50: at(0.5), p95: at(0.95), max: s[s.length - 1]! };
}

export async function main(): Promise<void> {
  process.env.LOG_LEVEL ??= 'silent';
  const url = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/parksafe_bench';
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'parksafe-bench-'));
  await ensureDatabase(url);
  const secret = process.env.PARKSAFE_SECRET ?? randomBytes(32).toString('hex');
  const config = loadConfig({
    ...process.env,
    DATABASE_URL: url,
    DATA_DIR: dataDir,
    PARKSAFE_SECRET: secret,
    NODE_ENV: 'development',
  });
  const database = await openDatabase({ databaseUrl: url, dataDir });
  const applied = await migrate(database, log);
  if (applied.length) log(`migrations applied: ${applied.join(', ')}`);
  const { parkId, password } = await preparePark(database, { url, secret, dataDir });

  // Peak RSS of this process (the server), sampled every 50 ms.
  let peakRss = 0;
  let atPeak = process.memoryUsage();
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    if (m.rss > peakRss) {
      peakRss = m.rss;
      atPeak = m;
    }
  }, 50);
  const mb = (v: number) => `${(v / 1024 / 1024).toFixed(0)} MB`;
  const memory = (label: string, m = process.memoryUsage()) =>
    log(
      `memory ${label}: rss ${mb(m.rss)}, heap ${mb(m.heapUsed)}/${mb(m.heapTotal)}, external ${mb(m.external)}, buffers ${mb(m.arrayBuffers)}`,
    );

  memory('before the app');
  const app = await createApp(config, database);
  await app.ready();
  memory('app ready');
  try {
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: USERNAME, password },
    });
    if (login.statusCode !== 200) throw new Error(`login failed: ${login.statusCode} ${login.body}`);
    const cookie = `ps_session=${login.cookies.find((c) => c.name === 'ps_session')!.value}`;
    const csrf = (login.json() as { csrfToken: string }).csrfToken;
    const get = (u: string) => app.inject({ method: 'GET', url: u, headers: { cookie } });

    const areas = (
      await rows<{ area: string }>(
        database.db,
        sql`select distinct area from enterprises where park_id = ${parkId} and area is not null order by area`,
      )
    ).map((r) => r.area);
    const sample = await rows<{ id: string; name: string }>(
      database.db,
      sql`select id, name from enterprises where park_id = ${parkId} order by md5(id::text) limit ${REQUESTS + WARMUP}`,
    );
    const statuses = ['operating', 'suspended', 'pendingResumption', 'operating'];
    const listUrl = (i: number) =>
      `/api/enterprises?area=${encodeURIComponent(areas[i % areas.length]!)}&tag=${SUPERVISION_TAGS[i % SUPERVISION_TAGS.length]}&status=${statuses[i % statuses.length]}`;
    // 2–3 characters from inside a real name (a trade name or a business word: 华东, 精密, 物流 …).
    // What people type: part of the trade name or business words (华东, 精密机, 物流 …), not of the legal form
    // that every name ends with (有限公司 matches everything; measured on its own below).
    const searchTerm = (i: number) => {
      const name = sample[i % sample.length]!.name.replace(/(股份有限公司|有限责任公司|有限公司)$/, '');
      const len = 2 + (i % 2);
      const start = (i * 7) % Math.max(1, name.length - len + 1);
      return name.slice(start, start + len);
    };
    const searchUrl = (i: number) => `/api/enterprises?q=${encodeURIComponent(searchTerm(i))}`;
    const detailUrl = (i: number) => `/api/enterprises/${sample[i % sample.length]!.id}`;

    const measure = async (label: string, urlOf: (i: number) => string, times: number[] = []) => {
      for (let i = 0; i < WARMUP; i++) await get(urlOf(REQUESTS + i));
      let totals = 0;
      for (let i = 0; i < REQUESTS; i++) {
        const t = performance.now();
        const res = await get(urlOf(i));
        times.push(performance.now() - t);
        if (res.statusCode !== 200) throw new Error(`${label}: ${res.statusCode} ${res.body}`);
        totals += (res.json() as { total?: number }).total ?? 1;
      }
      log(`${label}: ${REQUESTS} requests, ${Math.round(totals / REQUESTS)} matches on average`);
      return stats(times);
    };

    const list = await measure('filtered list (area + tag + status)', listUrl);
    const searchTimes: number[] = [];
    const search = await measure('name search (2–3 characters)', searchUrl, searchTimes);
    const byLength = (len: number) => stats(searchTimes.filter((_, i) => searchTerm(i).length === len));
    const search2 = byLength(2);
    const search3 = byLength(3);
    const detail = await measure('detail by id', detailUrl);
    const broad = stats(
      await (async () => {
        const t: number[] = [];
        for (let i = 0; i < 20; i++) {
          const s0 = performance.now();
          await get(`/api/enterprises?q=${encodeURIComponent('有限公司')}`);
          t.push(performance.now() - s0);
        }
        return t;
      })(),
    );
    log(
      `search for 有限公司 (matches every enterprise): p50 ${broad.p50.toFixed(1)} ms, max ${broad.max.toFixed(1)} ms`,
    );

    // Full export of every enterprise as a job.
    memory('after the queries');
    const peakBeforeExport = peakRss;
    const rssBeforeExport = process.memoryUsage().rss;
    peakRss = rssBeforeExport;
    const started = performance.now();
    const created = await app.inject({
      method: 'POST',
      url: '/api/enterprises/export',
      headers: { cookie, 'x-csrf-token': csrf },
      payload: {},
    });
    if (created.statusCode !== 202) throw new Error(`export: ${created.statusCode} ${created.body}`);
    const jobId = (created.json() as { job: JobView }).job.id;
    let job: JobView;
    let lastShown = -1;
    for (;;) {
      await new Promise((r) => setTimeout(r, 100));
      job = (await get(`/api/jobs/${jobId}`)).json() as JobView;
      const pct = job.total ? Math.floor((job.progress / job.total) * 10) : 0;
      if (pct !== lastShown && job.status === 'running') {
        lastShown = pct;
        log(`export ${job.progress.toLocaleString('en-US')}/${(job.total ?? 0).toLocaleString('en-US')}`);
      }
      if (job.status === 'succeeded' || job.status === 'failed') break;
    }
    const exportSeconds = (performance.now() - started) / 1000;
    const exportPeak = peakRss;
    memory('at the export peak', atPeak);
    if (job.status !== 'succeeded') throw new Error(`export failed: ${job.error}`);
    const file = await get(job.downloadUrl!);
    const rowsExported = (job.result as { rows: number }).rows;

    clearInterval(sampler);
    const ms = (v: number) => v.toFixed(1).padStart(7);
    const ok = (v: boolean) => (v ? 'ok' : 'MISSED');
    console.log('');
    console.log(`ParkSafe enterprise registry benchmark — ${TOTAL.toLocaleString('en-US')} enterprises, PostgreSQL`);
    console.log('via app.inject as a supervisor (auth, validation, data scope, serialisation included)');
    console.log('');
    console.log('| query                              |     n |  p50 ms |  p95 ms |  max ms | target p95 < 100 ms |');
    console.log('|------------------------------------|------:|--------:|--------:|--------:|---------------------|');
    for (const [name, s, target] of [
      ['filtered list (area+tag+status)', list, true],
      ['name search (2–3 Chinese chars)', search, true],
      ['  of which 2 characters', search2, true],
      ['  of which 3 characters', search3, true],
      ['detail by id', detail, false],
    ] as const) {
      console.log(
        `| ${name.padEnd(34)} | ${String(s.n).padStart(5)} | ${ms(s.p50)} | ${ms(s.p95)} | ${ms(s.max)} | ${(target ? ok(s.p95 < 100) : '—').padEnd(19)} |`,
      );
    }
    console.log('');
    console.log('| export (background job)            | figure                | target              |');
    console.log('|------------------------------------|-----------------------|---------------------|');
    console.log(
      `| rows                               | ${rowsExported.toLocaleString('en-US').padEnd(21)} |                     |`,
    );
    console.log(
      `| time, request → file ready         | ${`${exportSeconds.toFixed(1)} s`.padEnd(21)} | < 15 s: ${ok(exportSeconds < 15).padEnd(11)} |`,
    );
    console.log(
      `| file size                          | ${`${(file.rawPayload.length / 1024 / 1024).toFixed(1)} MB`.padEnd(21)} |                     |`,
    );
    console.log(
      `| RSS before export (peak so far)    | ${`${(rssBeforeExport / 1024 / 1024).toFixed(0)} MB (${(peakBeforeExport / 1024 / 1024).toFixed(0)} MB)`.padEnd(21)} |                     |`,
    );
    console.log(
      `| peak RSS during export             | ${`${(exportPeak / 1024 / 1024).toFixed(0)} MB`.padEnd(21)} | < 300 MB: ${ok(exportPeak < 300 * 1024 * 1024).padEnd(9)} |`,
    );
    console.log('');
  } finally {
    clearInterval(sampler);
    await app.close();
    await database.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
