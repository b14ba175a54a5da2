// npm run bench -- responsibility: the responsibility system at province scale on PostgreSQL — 100,000 enterprises,
// each with this year's enterprise letter (90% signed), an open assessment round (figures a snapshot taken from the
// ledger) and a published one (figures frozen) over all of them. Prints p50/p95 of the signing-rate table, the
// unsigned list and the assessment results (a page of the ranking and one enterprise's own result), through the real
// app (app.inject as a supervisor / an enterprise account: auth, validation, data scope and serialisation included).
// Seeding is set-based SQL (generate_series / insert … select), never the API; it happens once per database.
//   DATABASE_URL=postgres://user@host:5432/db npm run bench -- responsibility   (default …/parksafe_bench_resp)
//   BENCH_RESP_HAZARDS (default 1,000,000): hazards seeded for the live figures; 5,000,000 takes several minutes more.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { createApp } from '../server/src/app';
import { takeSnapshot } from '../server/src/modules/responsibility/assessment';
import { getRound } from '../server/src/modules/responsibility/repository';
import { loadConfig } from '../server/src/platform/config';
import { type Db, migrate, openDatabase, rows } from '../server/src/platform/db';
import { DEFAULT_GRADE_BANDS, defaultLetterContent, defaultRubric } from '../shared/src/responsibility';
import { ensureDatabase, preparePark, stats } from './enterprises';
import { seedHazards } from './hazards';

const HAZARDS = Number(process.env.BENCH_RESP_HAZARDS ?? 1_000_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 40);
/** Committee scores timed on the open round (each writes its party's row; ranks are read). */
const LIVE_REQUESTS = Number(process.env.BENCH_LIVE_REQUESTS ?? 10);
const log = (m: string) => console.log(`[bench] ${m}`);
// The hazards bench spreads hazards over 2024-01-01 … +1,000 days; 2025 is fully inside.
const YEAR = 2025;
const PUBLISHED_YEAR = 2024;
/** A round opened and published through the routes and jobs each run (BENCH_RESP_NO_LIFECYCLE=1 skips it). */
const LIFECYCLE_YEAR = 2023;

async function one<T>(db: Db, q: ReturnType<typeof sql>): Promise<T> {
  return (await rows<T>(db, q))[0]!;
}

/** A template (year, enterprise version) with a letter to every enterprise, 90% signed. Returns the template id. */
async function seedLetters(db: Db, parkId: string, year: number): Promise<string> {
  const found = await rows<{ id: string }>(
    db,
    sql`select id from responsibility_templates where park_id = ${parkId} and year = ${year} and version = 'enterprise'`,
  );
  if (found[0]) return found[0].id;
  // One transaction: an interrupted seed leaves nothing behind, and the next run seeds again.
  return db.transaction(async (tx) => {
    const started = Date.now();
    const at = new Date().toISOString();
    const { id } = await one<{ id: string }>(
      tx,
      sql`insert into responsibility_templates (park_id, year, version, revision, created_at, updated_at)
        values (${parkId}, ${year}, 'enterprise', 1, ${at}, ${at}) returning id`,
    );
    await tx.execute(
      sql`insert into responsibility_template_revisions (park_id, template_id, revision, content, created_at)
        values (${parkId}, ${id}, 1, ${JSON.stringify(defaultLetterContent(year, 'enterprise'))}::jsonb, ${at})`,
    );
    // Every tenth enterprise (by id order) has not signed.
    await tx.execute(sql`
    insert into responsibility_letters (park_id, template_id, party_id, enterprise_id, revision, issued_at, signed_at,
                                        signer_name, signature_png, digest)
    select ${parkId}::uuid, ${id}::uuid, e.id, e.id, 1, ${at}::timestamptz,
           case when n % 10 <> 0 then ${at}::timestamptz + (n % 1000) * interval '1 minute' end,
           case when n % 10 <> 0 then '压测签署人' || n end,
           case when n % 10 <> 0 then decode('89504e47', 'hex') end,
           case when n % 10 <> 0 then encode(sha256(e.id::text::bytea), 'hex') end
      from (select id, row_number() over (order by id) n from enterprises where park_id = ${parkId}) e`);
    log(`letters ${year}: 100,000 issued in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return id;
  });
}

/** A round over the year's letter parties: open (its figures a snapshot, taken by the bench) or published (figures, totals, grades, ranks frozen). */
async function seedRound(db: Db, parkId: string, year: number, published: boolean): Promise<string> {
  const found = await rows<{ id: string }>(
    db,
    sql`select id from assessment_rounds where park_id = ${parkId} and year = ${year} and version = 'enterprise'`,
  );
  if (found[0]) return found[0].id;
  // One transaction: an interrupted seed leaves nothing behind, and the next run seeds again.
  return db.transaction(async (tx) => {
    const started = Date.now();
    const at = new Date().toISOString();
    const rubric = defaultRubric('enterprise');
    const { id } = await one<{ id: string }>(
      tx,
      sql`insert into assessment_rounds (park_id, year, version, title, status, rubric, grade_bands, opened_at,
                                         published_at, created_at, updated_at)
        values (${parkId}, ${year}, 'enterprise', ${`${year} 年度企业安全生产目标考核（压测）`},
                ${published ? 'published' : 'open'}, ${JSON.stringify(rubric)}::jsonb,
                ${JSON.stringify(DEFAULT_GRADE_BANDS)}::jsonb, ${at}, ${published ? at : null}, ${at}, ${at})
        returning id`,
    );
    // Manual items self-assessed and scored; for the published round the computed items' figures are frozen too.
    const figures = Object.fromEntries(
      rubric
        .filter((i) => i.kind === 'computed')
        .map((i) => [i.id, { connected: false, value: null, text: '未接入', link: null }]),
    );
    await tx.execute(sql`
    insert into assessment_parties (park_id, round_id, party_id, enterprise_id, self_assessment, self_submitted_at,
                                     scores, figures, total, grade, rank, updated_at)
    select ${parkId}::uuid, ${id}::uuid, l.party_id, l.enterprise_id,
           jsonb_build_object('m1', jsonb_build_object('text', '已落实', 'fileIds', '[]'::jsonb)), ${at}::timestamptz,
           jsonb_build_object('m1', 5 + n % 6, 'm2', 4 + n % 7),
           ${published ? sql`${JSON.stringify(figures)}::jsonb` : sql`null`},
           ${published ? sql`9 + n % 6 + n % 7` : sql`null`},
           ${published ? sql`case when n % 13 > 9 then 'excellent' when n % 13 > 5 then 'good' else 'pass' end` : sql`null`},
           ${published ? sql`rank() over (order by 9 + n % 6 + n % 7 desc)` : sql`null`},
           ${at}::timestamptz
      from (select l.party_id, l.enterprise_id, row_number() over (order by l.party_id) n
              from responsibility_letters l join responsibility_templates t on t.park_id = l.park_id and t.id = l.template_id
             where l.park_id = ${parkId} and t.year = ${year} and t.version = 'enterprise') l`);
    log(
      `round ${year} (${published ? 'published' : 'open'}): parties seeded in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    return id;
  });
}

export async function main(): Promise<void> {
  process.env.LOG_LEVEL ??= 'silent';
  process.env.SCHEDULER = 'off';
  const benchStarted = Date.now();
  const url = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/parksafe_bench_resp';
  // Kept per bench database (as the dashboard bench does): the personal-data key of the first run seals its rows, so a
  // second run with a fresh key would be refused at start.
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
  const applied = await migrate(database, log);
  if (applied.length) log(`migrations ${applied.join(', ')} applied`);
  const { parkId, password } = await preparePark(database, { url, secret, dataDir });
  const { db } = database;
  await seedHazards(db, parkId, HAZARDS);
  const templateId = await seedLetters(db, parkId, YEAR);
  await seedLetters(db, parkId, PUBLISHED_YEAR);
  const openRound = await seedRound(db, parkId, YEAR, false);
  const publishedRound = await seedRound(db, parkId, PUBLISHED_YEAR, true);
  // As autovacuum leaves a table in steady state: statistics, and the visibility map for index-only counts.
  for (const t of ['responsibility_letters', 'assessment_parties', 'assessment_rounds', 'responsibility_templates']) {
    await db.execute(sql.raw(`vacuum analyze ${t}`));
  }
  const seededSecs = (Date.now() - benchStarted) / 1000;
  if (process.env.BENCH_RESP_SEED_ONLY) {
    log(`seeded in ${seededSecs.toFixed(1)} s (BENCH_RESP_SEED_ONLY: stopping here)`);
    await database.close();
    return;
  }
  // The open round's snapshot (what 重新计算's job, the nightly refresh and the opening do): every party's figures
  // park-wide, one query per indicator, written with totals, grades and ranks.
  const snapStarted = Date.now();
  // BENCH_RESP_KEEP_SNAPSHOT=1: a snapshot a previous run took is kept (its time is that run's).
  const kept = process.env.BENCH_RESP_KEEP_SNAPSHOT && (await getRound(db, parkId, openRound))?.figures_at != null;
  const snapped = kept
    ? 0
    : await db.transaction(async (tx) =>
        takeSnapshot(tx, parkId, (await getRound(tx, parkId, openRound, true))!, (done, total, m) =>
          log(`snapshot ${done}/${total} ${m} (${((Date.now() - snapStarted) / 1000).toFixed(1)} s)`),
        ),
      );
  const snapshotSecs = (Date.now() - snapStarted) / 1000;
  log(`snapshot of the open round: ${snapped} parties in ${snapshotSecs.toFixed(1)} s`);

  // An enterprise account, to time a party reading its own result (its rank still compares every party).
  // An enterprise is an organisation with the same id.
  const { id: entOrg } = await one<{ id: string }>(
    db,
    sql`select id from enterprises where park_id = ${parkId} order by md5(id::text) limit 1`,
  );
  const sup = await one<{ password_hash: string }>(
    db,
    sql`select password_hash from users where username = 'bench-supervisor'`,
  );
  // Kept between runs (sessions and audit refer to it); its enterprise and password are reset.
  await db.execute(sql`insert into users (park_id, organisation_id, username, display_name, role, password_hash,
                                          must_change_password)
                       values (${parkId}, ${entOrg}, 'bench-enterprise', '压测企业', 'enterprise', ${sup.password_hash},
                               false)
                       on conflict (username) do update set organisation_id = excluded.organisation_id,
                         password_hash = excluded.password_hash, failed_attempts = 0, locked_until = null,
                         disabled = false`);

  const app = await createApp(config, database);
  await app.ready();
  try {
    const signIn = async (username: string) => {
      const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
      if (login.statusCode !== 200) throw new Error(`login ${username} failed: ${login.body}`);
      return `ps_session=${login.cookies.find((c) => c.name === 'ps_session')!.value}`;
    };
    const supervisor = await signIn('bench-supervisor');
    const enterprise = await signIn('bench-enterprise');
    type Row = ReturnType<typeof stats> & { label: string; target: number | null; bytes: number };
    const time = async (label: string, target: number | null, n: number, urlOf: (i: number) => string, as: string) => {
      let bytes = 0;
      // Warm-up for the repeated requests.
      for (let i = 0; i < (n >= 10 ? 3 : 0); i++)
        await app.inject({ method: 'GET', url: urlOf(i), headers: { cookie: as } });
      const samples: number[] = [];
      for (let i = 0; i < n; i++) {
        const t = performance.now();
        const res = await app.inject({ method: 'GET', url: urlOf(i), headers: { cookie: as } });
        samples.push(performance.now() - t);
        if (res.statusCode !== 200) throw new Error(`${label}: ${res.statusCode} ${res.body.slice(0, 200)}`);
        bytes = res.rawPayload.length;
      }
      const r: Row = { label, target, bytes, ...stats(samples) };
      log(`${label}: p50 ${r.p50.toFixed(1)} ms, p95 ${r.p95.toFixed(1)} ms, ${(bytes / 1024).toFixed(0)} KB`);
      return r;
    };
    const api = '/api/responsibility';
    const results: Row[] = [
      await time(
        'signing-rate table (templates, year)',
        200,
        REQUESTS,
        () => `${api}/templates?year=${YEAR}`,
        supervisor,
      ),
      await time('signing-rate table (all years)', 200, REQUESTS, () => `${api}/templates`, supervisor),
      await time(
        'unsigned list, page',
        200,
        REQUESTS,
        (i) => `${api}/letters?templateId=${templateId}&signed=false&page=${1 + (i % 20)}`,
        supervisor,
      ),
      await time(
        'letters, name search',
        200,
        REQUESTS,
        (i) =>
          `${api}/letters?templateId=${templateId}&q=${encodeURIComponent(['化工', '机械', '科技', '新材料'][i % 4]!)}`,
        supervisor,
      ),
      await time('rounds list', 200, REQUESTS, () => `${api}/rounds`, supervisor),
      await time(
        'results, published round, page of 50',
        200,
        REQUESTS,
        (i) => `${api}/rounds/${publishedRound}/results?page=${1 + ((i * 37) % 2000)}&pageSize=50`,
        supervisor,
      ),
      await time(
        'results, published round, name search',
        200,
        REQUESTS,
        (i) =>
          `${api}/rounds/${publishedRound}/results?q=${encodeURIComponent(['化工', '机械', '科技', '新材料'][i % 4]!)}`,
        supervisor,
      ),
      await time(
        'results, published round, own (enterprise)',
        200,
        REQUESTS,
        () => `${api}/rounds/${publishedRound}/results`,
        enterprise,
      ),
      // An open round reads its snapshot a page at a time, as a published one reads its frozen results.
      await time(
        'results, open round (snapshot), page of 50',
        200,
        REQUESTS,
        (i) => `${api}/rounds/${openRound}/results?page=${1 + ((i * 37) % 2000)}&pageSize=50`,
        supervisor,
      ),
      await time(
        'results, open round (snapshot), own (enterprise)',
        200,
        REQUESTS,
        () => `${api}/rounds/${openRound}/results`,
        enterprise,
      ),
    ];
    // A committee score: the party's total from its snapshot figures (one row; ranks are read), the first page returned.
    {
      const login = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'bench-supervisor', password },
      });
      const csrf = (login.json() as { csrfToken: string }).csrfToken;
      const cookie = `ps_session=${login.cookies.find((c) => c.name === 'ps_session')!.value}`;
      const parties = await rows<{ party_id: string }>(
        db,
        sql`select party_id from assessment_parties where round_id = ${openRound} order by md5(party_id::text) limit ${LIVE_REQUESTS + 5}`,
      );
      const samples: number[] = [];
      for (const [i, p] of parties.entries()) {
        const t = performance.now();
        const res = await app.inject({
          method: 'POST',
          url: `${api}/rounds/${openRound}/scores`,
          headers: { cookie, 'x-csrf-token': csrf },
          payload: { partyId: p.party_id, scores: [{ itemId: 'm1', points: i % 11 }] },
        });
        if (res.statusCode !== 200) throw new Error(`score: ${res.statusCode} ${res.body.slice(0, 200)}`);
        samples.push(performance.now() - t);
      }
      const r = { label: 'score one party (open round, ranks read)', target: null, bytes: 0, ...stats(samples) };
      log(`${r.label}: p50 ${r.p50.toFixed(1)} ms, p95 ${r.p95.toFixed(1)} ms`);
      results.push(r);
    }
    // The round's life at this size through the real routes and the job runner: open (the state change, the snapshot
    // queued), the snapshot job, a publication refused while it runs, publish (公布中 at once) and the publication's
    // job (final snapshot, freeze, credit events). A round of LIFECYCLE_YEAR, removed first when a run left one.
    let lifecycle = '';
    if (!process.env.BENCH_RESP_NO_LIFECYCLE) {
      const login = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'bench-supervisor', password },
      });
      const csrf = (login.json() as { csrfToken: string }).csrfToken;
      const cookie = `ps_session=${login.cookies.find((c) => c.name === 'ps_session')!.value}`;
      const post = async (url: string, payload?: Record<string, unknown>) => {
        const t = performance.now();
        const res = await app.inject({
          method: 'POST',
          url,
          headers: { cookie, 'x-csrf-token': csrf },
          ...(payload ? { payload } : {}),
        });
        return { res, ms: performance.now() - t };
      };
      await seedLetters(db, parkId, LIFECYCLE_YEAR);
      const old = await rows<{ id: string }>(
        db,
        sql`select id from assessment_rounds where park_id = ${parkId} and year = ${LIFECYCLE_YEAR}`,
      );
      for (const { id } of old) {
        await db.execute(sql`delete from credit_events where park_id = ${parkId} and source_id = ${id}`);
        await db.execute(sql`delete from assessment_parties where park_id = ${parkId} and round_id = ${id}`);
        await db.execute(sql`delete from assessment_rounds where park_id = ${parkId} and id = ${id}`);
      }
      const created = await post(`${api}/rounds`, {
        year: LIFECYCLE_YEAR,
        version: 'enterprise',
        title: `${LIFECYCLE_YEAR}年度压测考核`,
        rubric: defaultRubric('enterprise'),
        gradeBands: DEFAULT_GRADE_BANDS,
      });
      if (created.res.statusCode !== 200) throw new Error(`create round: ${created.res.body.slice(0, 200)}`);
      const id = (created.res.json() as { id: string }).id;
      type View = { status: string; figuresAt: string | null; snapshotJob: { id: string; status: string } | null };
      const waitJob = async (jobId: string) => {
        const t = performance.now();
        for (;;) {
          const job = (
            await app.inject({ method: 'GET', url: `/api/jobs/${jobId}`, headers: { cookie: supervisor } })
          ).json() as { status: string; error: string | null; progress: number };
          if (job.status === 'succeeded') return (performance.now() - t) / 1000;
          if (job.status === 'failed') throw new Error(`job ${jobId} failed: ${job.error}`);
          await new Promise((r) => setTimeout(r, 250));
        }
      };
      const opened = await post(`${api}/rounds/${id}/open`);
      if (opened.res.statusCode !== 200) throw new Error(`open: ${opened.res.body.slice(0, 200)}`);
      const openView = opened.res.json() as View;
      log(`open (100,000 parties added, snapshot queued): ${opened.ms.toFixed(0)} ms`);
      // A publication while the snapshot holds the round: refused at once.
      let busy = 'not tried';
      for (let i = 0; i < 200; i++) {
        const j = (
          await app.inject({
            method: 'GET',
            url: `/api/jobs/${openView.snapshotJob!.id}`,
            headers: { cookie: supervisor },
          })
        ).json() as { status: string; progress: number };
        if (j.status === 'running' && j.progress > 0) {
          const tryPub = await post(`${api}/rounds/${id}/publish`);
          busy = `${tryPub.res.statusCode} ${(tryPub.res.json() as { error?: { code: string } }).error?.code} in ${tryPub.ms.toFixed(0)} ms`;
          break;
        }
        await new Promise((r) => setTimeout(r, 100));
      }
      log(`publish during the snapshot: ${busy}`);
      const snapSecs = opened.ms / 1000 + (await waitJob(openView.snapshotJob!.id));
      log(`open → snapshot job done: ${snapSecs.toFixed(1)} s`);
      // Every party scored (set-based, as a committee would have over the year), the snapshot's totals kept.
      await db.execute(sql`update assessment_parties set scores = '{"m1": 8, "m2": 7}'::jsonb
                            where park_id = ${parkId} and round_id = ${id}`);
      const pageT = performance.now();
      const pageRes = await app.inject({
        method: 'GET',
        url: `${api}/rounds/${id}/results?page=700&pageSize=50`,
        headers: { cookie: supervisor },
      });
      const pageMs = performance.now() - pageT;
      if (pageRes.statusCode !== 200) throw new Error(`page: ${pageRes.body.slice(0, 200)}`);
      const published = await post(`${api}/rounds/${id}/publish`);
      if (published.res.statusCode !== 200) throw new Error(`publish: ${published.res.body.slice(0, 200)}`);
      const pubView = published.res.json() as View;
      log(`publish (公布中, job queued): ${published.ms.toFixed(0)} ms, status ${pubView.status}`);
      const replay = await post(`${api}/rounds/${id}/publish`);
      log(
        `publish replayed during the job: ${replay.res.statusCode} ${replay.res.statusCode === 200 ? (replay.res.json() as View).status : (replay.res.json() as { error: { code: string } }).error.code} in ${replay.ms.toFixed(0)} ms`,
      );
      const pubJobSecs = await waitJob(pubView.snapshotJob!.id);
      const final = await one<{ status: string }>(db, sql`select status from assessment_rounds where id = ${id}`);
      log(`publication job (final snapshot, freeze, credit): ${pubJobSecs.toFixed(1)} s → ${final.status}`);
      lifecycle = `| open request | ${opened.ms.toFixed(0)} ms | snapshot job after it | ${snapSecs.toFixed(1)} s | publish during it | ${busy} |\n| publish request | ${published.ms.toFixed(0)} ms | publication job | ${pubJobSecs.toFixed(1)} s (${final.status}) | page 700 of the new round | ${pageMs.toFixed(0)} ms |`;
    }
    const { n: hazards } = await one<{ n: string }>(
      db,
      sql`select count(*) as n from hazards where park_id = ${parkId}`,
    );
    console.log(
      `\nParkSafe responsibility benchmark — 100,000 enterprises with letters, ${Number(hazards).toLocaleString('en-US')} hazards${Number(hazards) < 5_000_000 ? ' (fewer than the 5,000,000 of the hazards bench, to keep the run short)' : ''}, PostgreSQL`,
    );
    console.log('via app.inject (auth, validation, data scope, serialisation included)\n');
    console.log(
      '| query                                        |   n | p50 ms | p95 ms | max ms | body KB | target          |',
    );
    console.log(
      '|----------------------------------------------|----:|-------:|-------:|-------:|--------:|-----------------|',
    );
    for (const r of results) {
      const verdict = r.target === null ? 'n/a' : `p95 < ${r.target}: ${r.p95 < r.target ? 'ok' : 'MISSED'}`;
      console.log(
        `| ${r.label.padEnd(44)} | ${String(r.n).padStart(3)} | ${r.p50.toFixed(1).padStart(6)} | ${r.p95.toFixed(1).padStart(6)} | ${r.max.toFixed(1).padStart(6)} | ${(r.bytes / 1024).toFixed(0).padStart(7)} | ${verdict.padEnd(15)} |`,
      );
    }
    console.log(
      `\n| setup (migrate, seed if missing) | ${seededSecs.toFixed(1)} s | open round snapshot ${snapshotSecs.toFixed(1)} s | whole run ${((Date.now() - benchStarted) / 1000).toFixed(1)} s |`,
    );
    if (lifecycle) console.log(`\n${lifecycle}`);
    console.log(`load average at the end: ${fs.readFileSync('/proc/loadavg', 'utf8').trim()}`);
  } finally {
    await app.close();
    await database.close();
  }
}
