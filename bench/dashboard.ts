// npm run bench -- dashboard: the leaders' dashboard and coverage (issue 15) at scale on PostgreSQL. Reuses the credit
// bench's park (bench/credit.ts prepare: BENCH_CREDIT_ENTERPRISES enterprises, default 10,000, and
// BENCH_CREDIT_HAZARDS hazards, default 500,000, over the last 700 days) and adds, set-based once, two supervisory
// inspections per enterprise a year (BENCH_INSPECTIONS_PER_ENTERPRISE over the same 700 days). Prints p50/p95 through
// the real app (app.inject as a supervisor) of the dashboard for the last year (every figure and chart), coverage of
// the park for a half-year (first page, never-inspected first) and its Excel export of every enterprise; and the
// half-year summary (工作总结) of the park: its preview (every section's figures, the dashboard's included) and its
// generation (the Word document, a background job: from POST /api/reports/generate to the job's success).
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/parksafe_bench_dash15 npm run bench -- dashboard
//   BENCH_CREDIT_ENTERPRISES=100000 BENCH_CREDIT_HAZARDS=5000000 npm run bench -- dashboard   (the full scale)
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { createApp } from '../server/src/app';
import { loadConfig } from '../server/src/platform/config';
import { migrate, openDatabase, rows } from '../server/src/platform/db';
import { figuresCacheOf } from '../server/src/platform/read-cache';
import { prepare, USERNAME } from './credit';
import { ensureDatabase, stats } from './enterprises';

const PER_ENTERPRISE = Number(process.env.BENCH_INSPECTIONS_PER_ENTERPRISE ?? 4);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 40);
const log = (m: string) => console.log(`[bench] ${m}`);
const n = (v: number) => v.toLocaleString('en-US');

export async function main(): Promise<void> {
  process.env.LOG_LEVEL ??= 'silent';
  process.env.SCHEDULER = 'off';
  const url = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/parksafe_bench_dashboard';
  // One data directory per bench database, kept between runs: the personal-data key written on the first start
  // must be the one later runs read (a fresh key each run was refused at start-up).
  const dataDir = path.join(os.tmpdir(), `parksafe-bench-${new URL(url).pathname.slice(1)}`);
  fs.mkdirSync(dataDir, { recursive: true });
  await ensureDatabase(url);
  const config = loadConfig({
    ...process.env,
    DATABASE_URL: url,
    DATA_DIR: dataDir,
    PARKSAFE_SECRET: process.env.PARKSAFE_SECRET ?? randomBytes(32).toString('hex'),
    NODE_ENV: 'development',
  });
  const database = await openDatabase({ databaseUrl: url, dataDir });
  const applied = await migrate(database, log);
  if (applied.length) log(`migrations ${applied.join(', ')} applied`);
  const { db } = database;
  const { parkId, password } = await prepare(db);
  const [counts] = await rows<{ e: number; h: number; i: number }>(
    db,
    sql`select (select count(*)::int from enterprises where park_id = ${parkId}) as e,
               (select count(*)::int from hazards where park_id = ${parkId}) as h,
               (select count(*)::int from inspections where park_id = ${parkId}) as i`,
  );
  // Seeded once (an earlier version compared with every enterprise × PER_ENTERPRISE, which the one in eight never
  // inspected keeps out of reach, and so added the whole set again on every run).
  const want = counts!.e * PER_ENTERPRISE;
  if (counts!.i === 0) {
    log(`seeding ${n(Math.round((want * 7) / 8))} inspections`);
    // Spread over the last 700 days; one enterprise in eight never inspected (coverage's first rows).
    await db.execute(sql`
      insert into inspections (park_id, enterprise_id, inspected_on, kind, inspector_names)
      select ${parkId}, e.id, current_date - ((hashtext(e.id::text || k) & 1023) % 700), 'supervision',
             array['检查员甲', '专家乙']
        from enterprises e, generate_series(1, ${PER_ENTERPRISE}) k
       where e.park_id = ${parkId} and hashtext(e.id::text) & 7 <> 0`);
    // Vacuumed, not only analysed: the period's inspections are read index-only (inspections_period), which needs
    // the visibility map that autovacuum (off on this machine's PostgreSQL) would otherwise set.
    await db.execute(sql`vacuum (analyze) inspections`);
  }
  // Every run, the tables read index-only whose visibility map autovacuum would keep in production: the month
  // rollup (0047: created and back-filled by its migration, after the seed's vacuum) and the enterprises (their
  // count by risk rank reads enterprises_park_risk). A vacuum of a table already all-visible skips its pages.
  const unvacuumed = await rows<{ relname: string }>(
    db,
    sql`select relname from pg_stat_user_tables
         where relname in ('enterprises', 'inspection_month_counts') and last_vacuum is null`,
  );
  for (const t of unvacuumed) {
    log(`vacuum (analyze) ${t.relname}`);
    await db.execute(sql.raw(`vacuum (analyze) ${t.relname}`));
  }
  const [insp] = await rows<{ i: number }>(
    db,
    sql`select count(*)::int as i from inspections where park_id = ${parkId}`,
  );
  log(`park: ${n(counts!.e)} enterprises, ${n(counts!.h)} hazards, ${n(insp!.i)} inspections`);

  const app = await createApp(config, database);
  await app.ready();
  try {
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: USERNAME, password },
    });
    if (login.statusCode !== 200) throw new Error(`login failed: ${login.body}`);
    const cookie = `ps_session=${login.cookies.find((c) => c.name === 'ps_session')!.value}`;
    const csrf = (login.json() as { csrfToken: string }).csrfToken;
    const day = (offset: number) => {
      const d = new Date(Date.now() + 8 * 3600_000);
      d.setUTCDate(d.getUTCDate() + offset);
      return d.toISOString().slice(0, 10);
    };
    const year = { from: day(-364), to: day(0) };
    const half = { from: day(-181), to: day(0) };
    const time = async (label: string, url: string, count = REQUESTS, before?: () => void) => {
      const samples: number[] = [];
      for (let i = 0; i < count + 3; i++) {
        before?.();
        const t = performance.now();
        const res = await app.inject({ method: 'GET', url, headers: { cookie } });
        if (i >= 3) samples.push(performance.now() - t);
        if (res.statusCode !== 200) throw new Error(`${label}: ${res.statusCode} ${res.body.slice(0, 200)}`);
      }
      const s = stats(samples);
      return { label, p50: s.p50.toFixed(0), p95: s.p95.toFixed(0), n: s.n };
    };
    const out = [
      // Cold: as after any change of an inspection, enterprise or credit score (the figures cache dropped before
      // each request); warm: the park-wide figures from the cache, as between such changes.
      await time(
        'dashboard, last 12 months (every figure and chart), cold',
        `/api/dashboard?from=${year.from}&to=${year.to}`,
        REQUESTS,
        () => figuresCacheOf(database.db)?.clear(),
      ),
      await time(
        'dashboard, last 12 months (every figure and chart), warm',
        `/api/dashboard?from=${year.from}&to=${year.to}`,
      ),
      await time('coverage of the park, last 6 months (first page)', `/api/coverage?from=${half.from}&to=${half.to}`),
      await time(
        'coverage, one area, uncovered only',
        `/api/coverage?from=${half.from}&to=${half.to}&area=${encodeURIComponent('东区')}&status=uncovered`,
      ),
      await time(
        'coverage export, every enterprise (Excel)',
        `/api/coverage/export?from=${half.from}&to=${half.to}`,
        5,
      ),
    ];
    // The half-year summary: the last complete half-year (the figures of a closed period, as the office writes it).
    const nowDay = day(0);
    const h1 = Number(nowDay.slice(5, 7)) > 6;
    const y = Number(nowDay.slice(0, 4));
    const H = h1 ? { from: `${y}-01-01`, to: `${y}-06-30` } : { from: `${y - 1}-07-01`, to: `${y - 1}-12-31` };
    out.push(
      await time(
        'half-year summary, preview (every figure)',
        `/api/reports/preview?kind=half&from=${H.from}&to=${H.to}`,
        5,
      ),
    );
    const generations: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t = performance.now();
      const res = await app.inject({
        method: 'POST',
        url: '/api/reports/generate',
        headers: { cookie, 'x-csrf-token': csrf },
        payload: { kind: 'half', ...H },
      });
      if (res.statusCode !== 202) throw new Error(`generate: ${res.statusCode} ${res.body.slice(0, 200)}`);
      let job = (res.json() as { job: { id: string; status: string; error?: string | null } }).job;
      while (job.status !== 'succeeded' && job.status !== 'failed') {
        if (performance.now() - t > 120_000) throw new Error('generate: still running after 2 minutes');
        await new Promise((r) => setTimeout(r, 50));
        job = (await app.inject({ method: 'GET', url: `/api/reports/jobs/${job.id}`, headers: { cookie } })).json();
      }
      if (job.status !== 'succeeded') throw new Error(`generate: ${job.error}`);
      generations.push(performance.now() - t);
    }
    const g = stats(generations);
    out.push({
      label: 'half-year summary, generation (Word, job done)',
      p50: g.p50.toFixed(0),
      p95: g.p95.toFixed(0),
      n: g.n,
    });
    console.log('');
    console.log(
      `load average ${os
        .loadavg()
        .map((x) => x.toFixed(1))
        .join(' / ')} (1 / 5 / 15 min)`,
    );
    console.log(`Dashboard and coverage at ${n(counts!.e)} enterprises / ${n(counts!.h)} hazards (PostgreSQL)`);
    console.table(out);
  } finally {
    await app.close();
    await database.close();
  }
}
