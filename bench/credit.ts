// npm run bench -- credit: enterprise credit at scale on PostgreSQL. A park of BENCH_CREDIT_ENTERPRISES enterprises
// (default 10,000) with BENCH_CREDIT_HAZARDS hazards (default 500,000; 2% major, open ones past their deadline,
// re-check failures on 1%), seeded set-based once. Prints the time to recompute every enterprise's events and score
// from the records (twice: the second run must change nothing), then p50/p95 through the real app (app.inject as a
// supervisor) of one enterprise's score and history, the grade-filtered list, and a hazard write with its credit
// refresh in the same transaction.
//   DATABASE_URL=postgres://user@host:5432/db npm run bench -- credit   (default …/parksafe_bench_credit)
//   BENCH_CREDIT_ENTERPRISES=100000 BENCH_CREDIT_HAZARDS=5000000 npm run bench -- credit   (the issue's full scale)
//   BENCH_CREDIT_FRESH=1: remove the park's credit events and scores first (measures a first recompute again)
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { createApp } from '../server/src/app';
import { recomputePark } from '../server/src/modules/credit/service';
import { loadConfig } from '../server/src/platform/config';
import { type Db, migrate, openDatabase, rows } from '../server/src/platform/db';
import { hashPassword } from '../server/src/platform/passwords';
import { ensureDatabase, stats } from './enterprises';

const ENTERPRISES = Number(process.env.BENCH_CREDIT_ENTERPRISES ?? 10_000);
const HAZARDS = Number(process.env.BENCH_CREDIT_HAZARDS ?? 500_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 200);
const CHUNK = 250_000;
const PARK_CODE = 'bench-credit';
export const USERNAME = 'bench-credit-supervisor';
const log = (m: string) => console.log(`[bench] ${m}`);
const n = (v: number) => v.toLocaleString('en-US');

async function one<T>(db: Db, q: ReturnType<typeof sql>): Promise<T> {
  return (await rows<T>(db, q))[0]!;
}

/** The park, its enterprises and hazards (set-based, once), and a supervisor with a fresh password. */
export async function prepare(db: Db): Promise<{ parkId: string; password: string }> {
  let park = await one<{ id: string } | undefined>(db, sql`select id from parks where code = ${PARK_CODE}`);
  if (!park)
    park = await one<{ id: string }>(
      db,
      sql`insert into parks (code, name) values (${PARK_CODE}, '诚信压测园区') returning id`,
    );
  const parkId = park.id;
  const have = Number(
    (await one<{ n: string }>(db, sql`select count(*) as n from enterprises where park_id = ${parkId}`)).n,
  );
  if (have < ENTERPRISES) {
    log(`seeding ${n(ENTERPRISES - have)} enterprises`);
    await db.execute(sql`
      with o as (
        insert into organisations (park_id, kind, name)
        select ${parkId}, 'enterprise', '压测企业' || lpad(g::text, 7, '0') from generate_series(${have + 1}::int, ${ENTERPRISES}::int) g
        returning id, name)
      insert into enterprises (park_id, id, name, credit_code, area, site_type, status, supervision_tags, risk_level, risk_rank)
      select ${parkId}, o.id, o.name, '91' || lpad(substr(o.name, 5), 16, '0'),
             (array['东区','西区','南区','北区'])[1 + (hashtext(o.name) & 3)], 'ownSite', 'operating',
             case when hashtext(o.name) % 5 = 0 then '{hazardousChemicals}'::text[] else '{specialEquipmentUser}'::text[] end,
             (array['major','significant','general','low'])[1 + ((hashtext(o.name) >> 3) & 3)],
             1 + ((hashtext(o.name) >> 3) & 3)
        from o`);
    await db.execute(sql`analyze enterprises`);
  }
  const hazards = Number(
    (await one<{ n: string }>(db, sql`select count(*) as n from hazards where park_id = ${parkId}`)).n,
  );
  if (hazards < HAZARDS) {
    log(`seeding ${n(HAZARDS - hazards)} hazards in chunks of ${n(CHUNK)}`);
    const started = Date.now();
    for (let from = hazards + 1; from <= HAZARDS; from += CHUNK) {
      const to = Math.min(HAZARDS, from + CHUNK - 1);
      await db.execute(sql`
        with e as (select array_agg(id order by id) ids, count(*)::int n from enterprises where park_id = ${parkId})
        insert into hazards (park_id, serial, enterprise_id, description, location, domain, category, source, grade,
                             requirement, deadline, status, found_on, created_at, submitted_on)
        select ${parkId}::uuid, 'C' || lpad(g::text, 8, '0'), e.ids[1 + ((g::bigint * 7919) % e.n)::int],
               (array['配电箱未上锁','灭火器压力不足','疏散通道堆放货物','机床防护罩缺失','气瓶未固定'])[1 + g % 5],
               '一号车间', 'production', 'unsafeCondition', 'routine',
               case when g % 50 = 0 then 'major' else 'general' end, '按要求整改',
               current_date - 700 + (g % 700) + 20,
               (array['closed','closed','closed','closed','closed','rectifying','assigned','submitted'])[1 + (g / 3) % 8],
               current_date - 700 + (g % 700), now(),
               case when (g / 3) % 8 = 7 then current_date - 700 + (g % 700) + 10 end
          from generate_series(${from}::int, ${to}::int) g, e`);
      log(`hazards ${n(to)}/${n(HAZARDS)} (${n(Math.round((to - hazards) / ((Date.now() - started) / 1000)))}/s)`);
    }
    // Re-check failures on 1% of them (an event each).
    await db.execute(sql`
      insert into hazard_events (park_id, hazard_id, action, from_status, to_status, reason, actor_name, occurred_at, recorded_at)
      select park_id, id, 'recheckFail', 'submitted', 'rectifying', '整改不到位', '压测', found_on + 5, now()
        from hazards where park_id = ${parkId} and serial like 'C%' and substr(serial, 2)::int % 100 = 7`);
    await db.execute(sql`analyze hazards`);
    await db.execute(sql`analyze hazard_events`);
  }
  const committee =
    (await one<{ id: string } | undefined>(
      db,
      sql`select id from organisations where park_id = ${parkId} and kind = 'committee'`,
    )) ??
    (await one<{ id: string }>(
      db,
      sql`insert into organisations (park_id, kind, name) values (${parkId}, 'committee', '压测管委会') returning id`,
    ));
  const password = `Bench#${randomBytes(9).toString('base64url')}1a`;
  const hash = await hashPassword(password);
  await db.execute(sql`
    insert into users (park_id, organisation_id, username, display_name, role, password_hash, must_change_password)
    values (${parkId}, ${committee.id}, ${USERNAME}, '诚信压测安监', 'supervisor', ${hash}, false)
    on conflict (username) do update set password_hash = excluded.password_hash, failed_attempts = 0, locked_until = null`);
  return { parkId, password };
}

export async function main(): Promise<void> {
  process.env.LOG_LEVEL ??= 'silent';
  process.env.SCHEDULER = 'off';
  const url = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/parksafe_bench_credit';
  // Kept per bench database: the personal-data key of the first run seals its rows (a fresh key is refused at start).
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
  const { db } = database;
  const { parkId, password } = await prepare(db);
  log(`park: ${n(ENTERPRISES)} enterprises, ${n(HAZARDS)} hazards`);

  // BENCH_CREDIT_FRESH=1: the park's events and scores removed first, so the first recompute is a first run again.
  if (process.env.BENCH_CREDIT_FRESH === '1') {
    await db.execute(sql`delete from credit_events where park_id = ${parkId}`);
    await db.execute(sql`delete from credit_scores where park_id = ${parkId}`);
    await db.execute(sql`vacuum analyze credit_events`);
    log('credit events and scores removed (BENCH_CREDIT_FRESH)');
  }
  const recomputeRuns: number[] = [];
  let result = { enterprises: 0, events: 0 };
  for (let i = 0; i < 2; i++) {
    const started = Date.now();
    result = await recomputePark(db, parkId);
    recomputeRuns.push(Date.now() - started);
    log(`recompute ${i + 1}: ${((Date.now() - started) / 1000).toFixed(1)} s, ${n(result.events)} events`);
    if (i === 0) await db.execute(sql`analyze credit_events`).then(() => db.execute(sql`analyze credit_scores`));
  }
  const before = await rows<{ h: string }>(
    db,
    sql`select md5(string_agg(enterprise_id::text || score || grade, ',' order by enterprise_id)) as h from credit_scores where park_id = ${parkId}`,
  );
  await recomputePark(db, parkId);
  const again = await rows<{ h: string }>(
    db,
    sql`select md5(string_agg(enterprise_id::text || score || grade, ',' order by enterprise_id)) as h from credit_scores where park_id = ${parkId}`,
  );
  const grades = await rows<{ grade: string; n: number }>(
    db,
    sql`select grade, count(*)::int as n from credit_scores where park_id = ${parkId} group by 1 order by 1`,
  );

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
    const ids = (
      await rows<{ id: string }>(
        db,
        sql`select enterprise_id as id from credit_scores where park_id = ${parkId} order by md5(enterprise_id::text) limit ${REQUESTS}`,
      )
    ).map((r) => r.id);
    const time = async (label: string, urls: string[], method: 'GET' | 'POST' = 'GET', body?: () => unknown) => {
      const samples: number[] = [];
      for (const [i, u] of urls.entries()) {
        const t = performance.now();
        const res = await app.inject({
          method,
          url: u,
          headers: { cookie, 'x-csrf-token': csrf },
          payload: body?.() as object,
        });
        if (i >= 10) samples.push(performance.now() - t);
        if (res.statusCode !== 200) throw new Error(`${label}: ${res.statusCode} ${res.body.slice(0, 200)}`);
      }
      const s = stats(samples);
      return { label, p50: s.p50.toFixed(1), p95: s.p95.toFixed(1), n: s.n };
    };
    const rowsOut = [
      await time(
        'one enterprise: score + history',
        ids.map((id) => `/api/credit/enterprises/${id}`),
      ),
      await time(
        'list, grade C by score',
        Array.from({ length: 60 }, (_, i) => `/api/credit/enterprises?grade=C&page=${1 + (i % 5)}`),
      ),
      await time(
        'list, all by grade',
        Array.from({ length: 60 }, (_, i) => `/api/credit/enterprises?sort=grade&page=${1 + (i % 5)}`),
      ),
      await time(
        'record a major hazard (credit refreshed in its transaction)',
        ids.slice(0, 60).map(() => '/api/hazards'),
        'POST',
        (() => {
          let i = 0;
          return () => ({
            enterpriseId: ids[i++ % ids.length],
            description: '压测：储罐区未设置紧急切断装置',
            category: 'unsafeCondition',
            source: 'routine',
            grade: 'major',
            deadline: '2099-12-31',
          });
        })(),
      ),
    ];
    console.log('');
    console.log(`Credit at ${n(ENTERPRISES)} enterprises / ${n(HAZARDS)} hazards (PostgreSQL)`);
    console.log(
      `recompute all from the records: ${recomputeRuns.map((ms) => `${(ms / 1000).toFixed(1)} s`).join(', then ')} — ${n(result.events)} events, ${n(result.enterprises)} enterprises scored`,
    );
    console.log(`a further recompute left every score as it was: ${before[0]!.h === again[0]!.h ? 'yes' : 'NO'}`);
    console.log(`grades: ${grades.map((g) => `${g.grade} ${n(g.n)}`).join(' · ')}`);
    console.table(rowsOut);
  } finally {
    await app.close();
    await database.close();
  }
}
