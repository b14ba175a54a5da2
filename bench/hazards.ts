// npm run bench -- hazards: 5,000,000 hazards over the 100,000 enterprises of the bench park on PostgreSQL; prints
// p50/p95 of ledger pages and status/grade counts, then time, rate and peak RSS of a 1,000,000-row ledger export.
// Requests go through the real app (app.inject as a supervisor): auth, validation, data scope and serialisation count.
//   DATABASE_URL=postgres://user@host:5432/db npm run bench -- hazards   (default …/parksafe_bench)
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { createApp } from '../server/src/app';
import { loadConfig } from '../server/src/platform/config';
import { migrate, openDatabase, rows } from '../server/src/platform/db';
import { ensureDatabase, preparePark, stats } from './enterprises';

const HAZARDS = Number(process.env.BENCH_HAZARDS ?? 5_000_000);
const CHUNK = 250_000;
const REQUESTS = 100;
const log = (m: string) => console.log(`[bench] ${m}`);

async function seedHazards(db: Parameters<typeof rows>[0], parkId: string): Promise<void> {
  const [{ n }] = (await rows<{ n: string }>(db, sql`select count(*) as n from hazards where park_id = ${parkId}`)) as [
    { n: string },
  ];
  if (Number(n) >= HAZARDS) {
    log(`park already has ${Number(n).toLocaleString('en-US')} hazards`);
    return;
  }
  log(`seeding ${HAZARDS.toLocaleString('en-US')} hazards in chunks of ${CHUNK.toLocaleString('en-US')} (once)`);
  const started = Date.now();
  for (let from = Number(n) + 1; from <= HAZARDS; from += CHUNK) {
    const to = Math.min(HAZARDS, from + CHUNK - 1);
    // Set-based generation: spread over enterprises, 1,000 days, statuses (most closed), 2% major.
    await db.execute(sql`
      with e as (select array_agg(id order by id) ids, count(*)::int n from enterprises where park_id = ${parkId})
      insert into hazards (park_id, serial, enterprise_id, description, location, domain, category, source, grade,
                           requirement, deadline, status, found_on, closed_at, created_at)
      select ${parkId}::uuid, 'B' || lpad(g::text, 8, '0'), e.ids[1 + ((g::bigint * 7919) % e.n)::int],
             (array['配电箱未上锁','灭火器压力不足','疏散通道堆放货物','机床防护罩缺失','气瓶未固定'])[1 + g % 5] || '（' || g || '）',
             (array['一号车间','仓库','配电室','罐区'])[1 + g % 4],
             (array['production','fire','production','food'])[1 + g % 4],
             (array['unsafeAct','unsafeCondition','managementDefect'])[1 + g % 3],
             (array['routine','comprehensive','seasonal','holiday'])[1 + g % 4],
             case when g % 50 = 0 then 'major' else 'general' end,
             '按要求整改',
             date '2024-01-01' + (g % 1000) + 20,
             (array['closed','closed','closed','closed','closed','rectifying','assigned','submitted'])[1 + (g / 3) % 8],
             date '2024-01-01' + (g % 1000),
             null, now()
        from generate_series(${from}::int, ${to}::int) g, e`);
    log(
      `hazards ${to.toLocaleString('en-US')}/${HAZARDS.toLocaleString('en-US')} (${Math.round(to / ((Date.now() - started) / 1000))}/s)`,
    );
  }
  log('ANALYZE hazards');
  await db.execute(sql`analyze hazards`);
}

export async function main(): Promise<void> {
  process.env.LOG_LEVEL ??= 'silent';
  process.env.SCHEDULER = 'off';
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
  await migrate(database, log);
  const { parkId, password } = await preparePark(database, { url, secret, dataDir });
  await seedHazards(database.db, parkId);

  const app = await createApp(config, database);
  await app.ready();
  let peakRss = 0;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 50);
  try {
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'bench-supervisor', password },
    });
    if (login.statusCode !== 200) throw new Error(`login failed: ${login.body}`);
    const cookie = `ps_session=${login.cookies.find((c) => c.name === 'ps_session')!.value}`;
    const csrf = (login.json() as { csrfToken: string }).csrfToken;
    const get = (u: string) => app.inject({ method: 'GET', url: u, headers: { cookie } });
    const enterprisesSample = await rows<{ id: string }>(
      database.db,
      sql`select id from enterprises where park_id = ${parkId} order by md5(id::text) limit ${REQUESTS}`,
    );
    const statuses = ['assigned', 'rectifying', 'submitted', 'closed'];
    const time = async (label: string, urlOf: (i: number) => string) => {
      for (let i = 0; i < 10; i++) await get(urlOf(i)); // warm-up
      const samples: number[] = [];
      for (let i = 0; i < REQUESTS; i++) {
        const t = performance.now();
        const res = await get(urlOf(i));
        samples.push(performance.now() - t);
        if (res.statusCode !== 200) throw new Error(`${label}: ${res.statusCode} ${res.body.slice(0, 200)}`);
      }
      return { label, ...stats(samples) };
    };
    const results = [
      await time('ledger page, status filter', (i) => `/api/hazards?status=${statuses[i % 4]}&page=${1 + (i % 20)}`),
      await time('ledger page, major + overdue', (i) => `/api/hazards?grade=major&overdue=true&page=${1 + (i % 5)}`),
      await time('ledger page, one enterprise', (i) => `/api/hazards?enterpriseId=${enterprisesSample[i]!.id}`),
      await time('ledger page, no filter', (i) => `/api/hazards?page=${1 + (i % 50)}`),
      await time('counts, whole park', () => '/api/hazards/counts'),
      await time('counts, one enterprise', (i) => `/api/hazards/counts?enterpriseId=${enterprisesSample[i]!.id}`),
    ];

    // ~1,000,000 rows: the last 200 of the 1,000 days the seed spreads hazards over.
    const foundFrom = '2026-03-13';
    const started = performance.now();
    peakRss = process.memoryUsage().rss;
    const rssBefore = peakRss;
    const res = await app.inject({
      method: 'POST',
      url: '/api/hazards/export',
      headers: { cookie, 'x-csrf-token': csrf },
      payload: { foundFrom },
    });
    if (res.statusCode !== 202) throw new Error(`export: ${res.statusCode} ${res.body}`);
    let job = (res.json() as { job: { id: string; status: string; progress: number } }).job;
    while (job.status !== 'succeeded' && job.status !== 'failed') {
      await new Promise((r) => setTimeout(r, 500));
      job = (await get(`/api/jobs/${job.id}`)).json() as typeof job;
      process.stdout.write(`\r[bench] export ${job.progress.toLocaleString('en-US')} rows`);
    }
    process.stdout.write('\n');
    const secs = (performance.now() - started) / 1000;
    if (job.status !== 'succeeded') throw new Error('export failed');
    const exported = job.progress;

    console.log(
      `\nParkSafe hazard ledger benchmark — ${HAZARDS.toLocaleString('en-US')} hazards, 100,000 enterprises, PostgreSQL`,
    );
    console.log('via app.inject as a supervisor (auth, validation, data scope, serialisation included)\n');
    console.log('| query                          |   n | p50 ms | p95 ms | max ms | target |');
    console.log('|--------------------------------|----:|-------:|-------:|-------:|--------|');
    for (const r of results) {
      const target = r.label.startsWith('counts') ? 200 : 100;
      console.log(
        `| ${r.label.padEnd(30)} | ${String(r.n).padStart(3)} | ${r.p50.toFixed(1).padStart(6)} | ${r.p95.toFixed(1).padStart(6)} | ${r.max.toFixed(1).padStart(6)} | p95 < ${target}: ${r.p95 < target ? 'ok' : 'MISSED'} |`,
      );
    }
    const rate = exported / secs;
    console.log(
      `\n| export | ${exported.toLocaleString('en-US')} rows in ${secs.toFixed(1)} s = ${Math.round(rate).toLocaleString('en-US')} rows/s (target ≥ 20,000: ${rate >= 20_000 ? 'ok' : 'MISSED'}) |`,
    );
    console.log(
      `| memory | RSS before ${(rssBefore / 1048576).toFixed(0)} MB, peak ${(peakRss / 1048576).toFixed(0)} MB (target < 400 MB: ${peakRss < 400 * 1048576 ? 'ok' : 'MISSED'}) |`,
    );
  } finally {
    clearInterval(sampler);
    await app.close();
    await database.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
