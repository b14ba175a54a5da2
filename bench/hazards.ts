// npm run bench -- hazards: 5,000,000 hazards over the 100,000 enterprises of the bench park on PostgreSQL; prints
// p50/p95 of ledger pages (several filters), status/grade/overdue counts (park-wide, one enterprise, an area, an
// inspector's scope), hazard writes through the counter triggers, then time, rate and peak RSS of a 1,000,000-row
// ledger export. It also checks the counters against COUNT(*) once.
// Requests go through the real app (app.inject as a supervisor): auth, validation, data scope and serialisation count.
//   DATABASE_URL=postgres://user@host:5432/db npm run bench -- hazards   (default …/parksafe_bench)
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { createApp } from '../server/src/app';
import { inspectorAssignments, users } from '../server/src/db/schema';
import { loadConfig } from '../server/src/platform/config';
import { migrate, openDatabase, rows } from '../server/src/platform/db';
import { ensureDatabase, preparePark, stats } from './enterprises';

const HAZARDS = Number(process.env.BENCH_HAZARDS ?? 5_000_000);
const CHUNK = 250_000;
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 100);
const log = (m: string) => console.log(`[bench] ${m}`);

export async function seedHazards(
  db: Parameters<typeof rows>[0],
  parkId: string,
  HAZARDS = Number(process.env.BENCH_HAZARDS ?? 5_000_000),
): Promise<void> {
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
                           requirement, deadline, status, found_on, closed_at, created_at, submitted_on)
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
             null, now(),
             -- 待复查 ones were submitted ten days after they were found (most past the re-check limit: 复查超时).
             case when (g / 3) % 8 = 7 then date '2024-01-01' + (g % 1000) + 10 end
        from generate_series(${from}::int, ${to}::int) g, e`);
    log(
      `hazards ${to.toLocaleString('en-US')}/${HAZARDS.toLocaleString('en-US')} (${Math.round(to / ((Date.now() - started) / 1000))}/s)`,
    );
  }
  // VACUUM as autovacuum would after a bulk load: until the visibility map is set, index-only counts (复查超时, the
  // scoped counters' checks) visit the heap and take ~0.8 s at 5,000,000 rows (the first run of 2026-12-05 showed it).
  log('VACUUM (ANALYZE) hazards');
  await db.execute(sql`vacuum (analyze) hazards`);
}

/** An inspector assigned 500 enterprises (its scope is a list of enterprise ids, not the park). */
async function prepareInspector(db: Parameters<typeof rows>[0], parkId: string): Promise<void> {
  const [sup] = await db
    .select({ organisationId: users.organisationId, passwordHash: users.passwordHash })
    .from(users)
    .where(sql`${users.username} = 'bench-supervisor'`);
  // Kept between runs (sessions refer to it); its password and assignments are reset.
  let [inspector] = await db
    .update(users)
    .set({ passwordHash: sup!.passwordHash, failedAttempts: 0, lockedUntil: null, disabled: false })
    .where(sql`${users.username} = 'bench-inspector'`)
    .returning({ id: users.id });
  if (!inspector) {
    [inspector] = await db
      .insert(users)
      .values({
        parkId,
        organisationId: sup!.organisationId,
        username: 'bench-inspector',
        displayName: '压测网格员',
        role: 'inspector',
        passwordHash: sup!.passwordHash,
        mustChangePassword: false,
      })
      .returning({ id: users.id });
  }
  await db.execute(sql`delete from inspector_assignments where user_id = ${inspector!.id}`);
  const ids = await rows<{ id: string }>(
    db,
    sql`select id from enterprises where park_id = ${parkId} order by md5(id::text || 'i') limit 500`,
  );
  await db.insert(inspectorAssignments).values(ids.map((e) => ({ parkId, userId: inspector!.id, enterpriseId: e.id })));
}

export async function main(): Promise<void> {
  process.env.LOG_LEVEL ??= 'silent';
  process.env.SCHEDULER = 'off';
  const url = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/parksafe_bench';
  // One data directory per bench database, kept between runs (as the dashboard bench's): the personal-data key written
  // on the first start must be the one a rerun on the seeded database reads.
  const dataDir = path.join(os.tmpdir(), `parksafe-bench-${new URL(url).pathname.slice(1)}`);
  fs.mkdirSync(dataDir, { recursive: true });
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
  const migrateStarted = Date.now();
  const applied = await migrate(database, log);
  const migrateSecs = (Date.now() - migrateStarted) / 1000;
  if (applied.length) log(`migrations ${applied.join(', ')} applied in ${migrateSecs.toFixed(1)} s`);
  const { parkId, password } = await preparePark(database, { url, secret, dataDir });
  await seedHazards(database.db, parkId);
  await database.db.execute(sql`analyze hazard_counts`);
  await database.db.execute(sql`analyze hazard_park_counts`);
  await database.db.execute(sql`analyze hazard_area_counts`);
  await prepareInspector(database.db, parkId);

  const app = await createApp(config, database);
  await app.ready();
  let peakRss = 0;
  let peakHeap = 0;
  let peakExternal = 0;
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapTotal);
    peakExternal = Math.max(peakExternal, m.external);
  }, 50);
  try {
    const signIn = async (username: string) => {
      const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
      if (login.statusCode !== 200) throw new Error(`login ${username} failed: ${login.body}`);
      return {
        cookie: `ps_session=${login.cookies.find((c) => c.name === 'ps_session')!.value}`,
        csrf: (login.json() as { csrfToken: string }).csrfToken,
      };
    };
    const { cookie, csrf } = await signIn('bench-supervisor');
    const inspector = await signIn('bench-inspector');
    const get = (u: string, as = cookie) => app.inject({ method: 'GET', url: u, headers: { cookie: as } });
    const post = (u: string, payload: object) =>
      app.inject({ method: 'POST', url: u, headers: { cookie, 'x-csrf-token': csrf }, payload });
    const enterprisesSample = await rows<{ id: string }>(
      database.db,
      sql`select id from enterprises where park_id = ${parkId} order by md5(id::text) limit ${Math.max(REQUESTS, 40)}`,
    );
    const areas = (
      await rows<{ area: string }>(
        database.db,
        sql`select area from enterprises where park_id = ${parkId} and area is not null group by 1 order by count(*) desc limit 5`,
      )
    ).map((a) => encodeURIComponent(a.area));
    const statuses = ['assigned', 'rectifying', 'submitted', 'closed'];
    type Row = ReturnType<typeof stats> & { label: string; target: number | null };
    const time = async (label: string, target: number | null, urlOf: (i: number) => string, as = cookie) => {
      for (let i = 0; i < 10; i++) await get(urlOf(i), as); // warm-up
      const samples: number[] = [];
      for (let i = 0; i < REQUESTS; i++) {
        const t = performance.now();
        const res = await get(urlOf(i), as);
        samples.push(performance.now() - t);
        if (res.statusCode !== 200) throw new Error(`${label}: ${res.statusCode} ${res.body.slice(0, 200)}`);
      }
      const r: Row = { label, target, ...stats(samples) };
      log(`${label}: p50 ${r.p50.toFixed(1)} ms, p95 ${r.p95.toFixed(1)} ms`);
      return r;
    };
    // BENCH_PARTS=writes,export skips the timed queries (e.g. to re-measure the export alone).
    const parts = (process.env.BENCH_PARTS ?? 'queries,writes,export').split(',');
    const results: Row[] = !parts.includes('queries')
      ? []
      : [
          await time(
            'ledger page, status filter',
            100,
            (i) => `/api/hazards?status=${statuses[i % 4]}&page=${1 + (i % 20)}`,
          ),
          await time(
            'ledger page, major + overdue',
            100,
            (i) => `/api/hazards?grade=major&overdue=true&page=${1 + (i % 5)}`,
          ),
          await time(
            'ledger page, one enterprise',
            100,
            (i) => `/api/hazards?enterpriseId=${enterprisesSample[i]!.id}`,
          ),
          await time(
            'ledger page, area + status',
            100,
            (i) => `/api/hazards?area=${areas[i % areas.length]}&status=${statuses[i % 4]}`,
          ),
          await time(
            'ledger page, domain + found from',
            100,
            (i) => `/api/hazards?domain=fire&foundFrom=2026-0${1 + (i % 9)}-01`,
          ),
          await time('ledger page, no filter', 100, (i) => `/api/hazards?page=${1 + (i % 50)}`),
          await time('ledger page, 复查超时', 100, (i) => `/api/hazards?recheckOverdue=true&page=${1 + (i % 5)}`),
          await time('ledger page, inspector scope', 100, (i) => `/api/hazards?page=${1 + (i % 5)}`, inspector.cookie),
          await time('counts, whole park', 200, () => '/api/hazards/counts'),
          await time('counts, park by status', 200, (i) => `/api/hazards/counts?status=${statuses[i % 4]}`),
          await time('counts, park major', 200, () => '/api/hazards/counts?grade=major'),
          await time(
            'counts, one enterprise',
            200,
            (i) => `/api/hazards/counts?enterpriseId=${enterprisesSample[i]!.id}`,
          ),
          await time('counts, one area', 200, (i) => `/api/hazards/counts?area=${areas[i % areas.length]}`),
          await time('counts, inspector scope', 200, () => '/api/hazards/counts', inspector.cookie),
          await time('counts, fallback (domain filter)', null, () => '/api/hazards/counts?domain=food'),
        ];

    // Writes through the counter triggers: hazard registrations and transitions, serial then 16 at once.
    const writeSamples = { create: [] as number[], start: [] as number[] };
    const createdIds: string[] = [];
    for (let i = 0; i < 40; i++) {
      const t = performance.now();
      const res = await post('/api/hazards', {
        enterpriseId: enterprisesSample[i]!.id,
        description: `压测登记隐患 ${i}`,
        category: 'unsafeCondition',
        source: 'routine',
        deadline: '2030-12-31',
      });
      writeSamples.create.push(performance.now() - t);
      if (res.statusCode !== 200) throw new Error(`create: ${res.statusCode} ${res.body.slice(0, 200)}`);
      createdIds.push((res.json() as { id: string }).id);
    }
    for (const id of createdIds.slice(0, 24)) {
      const t = performance.now();
      const res = await post(`/api/hazards/${id}/transitions`, { action: 'start' });
      writeSamples.start.push(performance.now() - t);
      if (res.statusCode !== 200) throw new Error(`start: ${res.statusCode} ${res.body.slice(0, 200)}`);
    }
    const concurrentStarted = performance.now();
    const concurrent = await Promise.all(
      createdIds.slice(24).map((id) => post(`/api/hazards/${id}/transitions`, { action: 'start' })),
    );
    const concurrentMs = performance.now() - concurrentStarted;
    if (concurrent.some((r) => r.statusCode !== 200)) throw new Error('concurrent transitions failed');
    const writes: Row[] = [
      { label: 'write: register hazard', target: null, ...stats(writeSamples.create) },
      { label: 'write: transition (start)', target: null, ...stats(writeSamples.start) },
    ];

    // The counters against COUNT(*) over the park (one full scan).
    const [check] = await rows<{ counted: string; kept: string; overdue: string; keptOverdue: string }>(
      database.db,
      sql`select (select count(*) from hazards where park_id = ${parkId}) as counted,
                 (select sum(n) from hazard_park_counts where park_id = ${parkId}) as kept,
                 (select count(*) from hazards where park_id = ${parkId} and status in ('assigned', 'rectifying')
                     and deadline < current_date) as overdue,
                 (select sum(n) from hazard_park_counts where park_id = ${parkId}
                     and status in ('assigned', 'rectifying') and deadline < current_date) as "keptOverdue"`,
    );

    // ~1,000,000 rows: the last 200 of the 1,000 days the seed spreads hazards over.
    const foundFrom = '2026-03-13';
    const started = performance.now();
    const before = process.memoryUsage();
    peakRss = before.rss;
    peakHeap = before.heapTotal;
    peakExternal = before.external;
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
    // Peak of the export itself: the download below buffers the whole file (app.inject) and is not the export's.
    const exportPeakRss = peakRss;
    const exportPeaks = { heap: peakHeap, external: peakExternal };
    const download = await get(`/api/jobs/${job.id}/download`);
    const fileMb = download.statusCode === 200 ? download.rawPayload.length / 1048576 : Number.NaN;

    console.log(
      `\nParkSafe hazard ledger benchmark — ${HAZARDS.toLocaleString('en-US')} hazards, 100,000 enterprises, PostgreSQL`,
    );
    console.log('via app.inject as a supervisor (auth, validation, data scope, serialisation included)\n');
    console.log('| query                             |   n | p50 ms | p95 ms | max ms | target          |');
    console.log('|-----------------------------------|----:|-------:|-------:|-------:|-----------------|');
    for (const r of [...results, ...writes]) {
      const verdict = r.target === null ? 'n/a' : `p95 < ${r.target}: ${r.p95 < r.target ? 'ok' : 'MISSED'}`;
      console.log(
        `| ${r.label.padEnd(33)} | ${String(r.n).padStart(3)} | ${r.p50.toFixed(1).padStart(6)} | ${r.p95.toFixed(1).padStart(6)} | ${r.max.toFixed(1).padStart(6)} | ${verdict.padEnd(15)} |`,
      );
    }
    console.log(
      `\n| concurrent writes | ${concurrent.length} transitions at once in ${concurrentMs.toFixed(0)} ms (${(concurrent.length / (concurrentMs / 1000)).toFixed(0)}/s), none failed |`,
    );
    console.log(
      `| counters vs COUNT(*) | hazards ${Number(check!.counted).toLocaleString('en-US')} = counters ${Number(check!.kept).toLocaleString('en-US')}: ${check!.counted === check!.kept ? 'ok' : 'MISMATCH'}; overdue ${Number(check!.overdue).toLocaleString('en-US')} = ${Number(check!.keptOverdue).toLocaleString('en-US')}: ${check!.overdue === check!.keptOverdue ? 'ok' : 'MISMATCH'} |`,
    );
    if (applied.length)
      console.log(
        `| migrations | ${applied.join(', ')} applied in ${migrateSecs.toFixed(1)} s (incl. counter backfill) |`,
      );
    const rate = exported / secs;
    console.log(
      `\n| export | ${exported.toLocaleString('en-US')} rows in ${secs.toFixed(1)} s = ${Math.round(rate).toLocaleString('en-US')} rows/s (target ≥ 20,000: ${rate >= 20_000 ? 'ok' : 'MISSED'}) |`,
    );
    console.log(`| export file | ${fileMb.toFixed(1)} MB |`);
    console.log(
      `| memory | RSS before ${(rssBefore / 1048576).toFixed(0)} MB, peak ${(exportPeakRss / 1048576).toFixed(0)} MB (target < 400 MB: ${exportPeakRss < 400 * 1048576 ? 'ok' : 'MISSED'}) |`,
    );
    const mb = (n: number) => `${(n / 1048576).toFixed(0)} MB`;
    console.log(
      `| memory detail | V8 heap ${mb(before.heapTotal)} → peak ${mb(exportPeaks.heap)}, external (buffers) ${mb(before.external)} → peak ${mb(exportPeaks.external)} |`,
    );
  } finally {
    clearInterval(sampler);
    await app.close();
    await database.close();
    // The keys stay for the next run; the export files (~85 MB) go.
    fs.rmSync(path.join(dataDir, 'exports'), { recursive: true, force: true });
  }
}
