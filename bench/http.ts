// npm run bench -- http: the HTTP server against its own SQL, on a data set shaped like the open-source peer's
// (300 enterprises, 30,000 hazards over two years, ~2.2k open). It drops and recreates a PostgreSQL database, seeds
// it, starts the real server (`node server/src/main.ts`, production mode) against it, signs in as a supervisor, then
// for each request: captures the statements one warm request runs (a hook on the pg driver, in this process, through
// the same app and the same session), runs them with pgbench (10 clients), runs the endpoint with autocannon
// (10 connections), and prints name, req/s, p50, p99, SQL tps and endpoint/SQL.
//   npm run bench -- http                       (BENCH_PG=postgres://postgres@127.0.0.1:5432, BENCH_SECONDS=8,
//                                               BENCH_DB=parksafe_bench_http: dropped and made anew)
//   BENCH_BASELINE=/path/to/earlier/checkout npm run bench -- http   before and after in one run (see main)
//   BENCH_SQL=1 npm run bench -- http           also prints the captured statements
//   BENCH_PGBENCH_MODE=extended npm run bench -- http   SQL planned on every run (default: prepared, as the
//                                               server's named statements are)
//   BENCH_PROFILE=1 npm run bench -- http       also profiles the server (node --cpu-prof) under the ledger load and
//                                               prints its top functions in ms per request
//   BENCH_ONLY=ledger npm run bench -- http     only the requests whose name contains it
//   BENCH_WORKERS=2 npm run bench -- http       also runs this checkout's server with PARKSAFE_WORKERS=2 (node:cluster,
//                                               one port), request by request beside the one-process server
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import autocannon from 'autocannon';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { createApp } from '../server/src/app';
import { organisations, parks, users } from '../server/src/db/schema';
import { seedEnterprises } from '../server/src/modules/demo/seed';
import { loadConfig } from '../server/src/platform/config';
import { migrate, openDatabase } from '../server/src/platform/db';
import { hashPassword } from '../server/src/platform/passwords';

const PG = process.env.BENCH_PG ?? 'postgres://postgres@127.0.0.1:5432';
const DB_NAME = process.env.BENCH_DB ?? 'parksafe_bench_http';
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const CONNECTIONS = 10;
const ENTERPRISES = 300;
const HAZARDS = 30_000;
const PROFILE = process.env.BENCH_PROFILE === '1';
const WORKERS = Number(process.env.BENCH_WORKERS ?? 1);
// pgbench's protocol: 'prepared' (each statement parsed and planned once per connection, as the server's named
// statements are) or 'extended' (parsed and planned every time, as unnamed statements are).
const PGBENCH_MODE = process.env.BENCH_PGBENCH_MODE === 'extended' ? 'extended' : 'prepared';
const log = (m: string) => console.error(`[bench] ${m}`);

const ALL_REQUESTS = [
  { name: 'ledger, open, page 3', url: '/api/hazards?status=rectifying&page=3' },
  // The same page asked for without compression (17 KB written instead of gzip-1's 3.6 KB).
  { name: 'ledger, page 3, not gzipped', url: '/api/hazards?status=rectifying&page=3', identity: true },
  { name: 'ledger, closed, page 50', url: '/api/hazards?status=closed&page=50' },
  { name: 'status counts', url: '/api/hazards/counts' },
  { name: 'home', url: '/api/home' },
];
// BENCH_ONLY=ledger: only the requests whose name contains it (a shorter run on a busy machine).
const REQUESTS = ALL_REQUESTS.filter((r) => !process.env.BENCH_ONLY || r.name.includes(process.env.BENCH_ONLY));

/** A port nothing listens on (another bench or server on the machine keeps its own). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

async function recreateDatabase(): Promise<string> {
  const admin = new pg.Client({ connectionString: `${PG}/postgres` });
  await admin.connect();
  try {
    await admin.query(`drop database if exists ${DB_NAME} with (force)`);
    await admin.query(`create database ${DB_NAME}`);
  } finally {
    await admin.end();
  }
  return `${PG}/${DB_NAME}`;
}

/** The peer-shaped park: 300 enterprises, 30,000 hazards found over the last two years, ~2.2k not yet closed. */
async function seed(url: string, dataDir: string, password: string): Promise<void> {
  const database = await openDatabase({ databaseUrl: url, dataDir });
  try {
    await migrate(database);
    const { db } = database;
    const [park] = await db.insert(parks).values({ code: 'peer', name: '压测园区 peer' }).returning({ id: parks.id });
    const parkId = park!.id;
    await seedEnterprises(db, parkId, ENTERPRISES, 7, () => {});
    const [committee] = await db
      .insert(organisations)
      .values({ parkId, kind: 'committee', name: '压测园区管委会' })
      .returning({ id: organisations.id });
    await db.insert(users).values({
      parkId,
      organisationId: committee!.id,
      username: 'bench-supervisor',
      displayName: '压测安监',
      role: 'supervisor',
      passwordHash: await hashPassword(password),
      mustChangePassword: false,
    });
    // Per mille of g: 30 assigned, 30 rectifying, 13 submitted (2,190 open), the rest closed; 2 % major.
    await db.execute(sql`
      with e as (select array_agg(id order by id) ids, count(*)::int n from enterprises where park_id = ${parkId})
      insert into hazards (park_id, serial, enterprise_id, description, location, domain, category, source, grade,
                           requirement, deadline, status, found_on, closed_at, created_at, submitted_on)
      select ${parkId}::uuid, 'P' || lpad(g::text, 6, '0'), e.ids[1 + ((g::bigint * 7919) % e.n)::int],
             (array['配电箱未上锁','灭火器压力不足','疏散通道堆放货物','机床防护罩缺失','气瓶未固定'])[1 + g % 5] || '（' || g || '）',
             (array['一号车间','仓库','配电室','罐区'])[1 + g % 4],
             (array['production','fire','production','food'])[1 + g % 4],
             (array['unsafeAct','unsafeCondition','managementDefect'])[1 + g % 3],
             (array['routine','comprehensive','seasonal','holiday'])[1 + g % 4],
             case when g % 50 = 0 then 'major' else 'general' end,
             '按要求整改',
             current_date - 730 + (g % 730) + 20,
             case when (g * 37) % 1000 < 30 then 'assigned' when (g * 37) % 1000 < 60 then 'rectifying'
                  when (g * 37) % 1000 < 73 then 'submitted' else 'closed' end,
             current_date - 730 + (g % 730),
             case when (g * 37) % 1000 >= 73 then now() - ((730 - g % 730) || ' days')::interval + interval '15 days' end,
             now(),
             case when (g * 37) % 1000 between 60 and 72 then current_date - 730 + (g % 730) + 10 end
        from generate_series(1, ${HAZARDS}::int) g, e`);
    await db.execute(sql`analyze`);
  } finally {
    await database.close();
  }
}

interface Captured {
  text: string;
  values: unknown[];
}

/** Collects every statement the pg driver sends while `capturing` is set (the driver hook). */
function hookDriver(): { start: () => void; stop: () => Captured[] } {
  let captured: Captured[] | null = null;
  const original = pg.Client.prototype.query as (...args: unknown[]) => unknown;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    if (captured) {
      // query(text, values) or query({ text, values? }, values?) (drizzle passes the values apart).
      const [first, second] = args;
      const q = (typeof first === 'string' ? { text: first } : first) as { text?: string; values?: unknown[] };
      if (q && typeof q.text === 'string') {
        captured.push({ text: q.text, values: Array.isArray(second) ? second : (q.values ?? []) });
      }
    }
    return original.apply(this, args);
  } as typeof pg.Client.prototype.query;
  return {
    start: () => {
      captured = [];
    },
    stop: () => {
      const c = captured ?? [];
      captured = null;
      return c;
    },
  };
}

const literal = (v: unknown): string => {
  if (v === null || v === undefined) return 'NULL';
  if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (v instanceof Date) return `'${v.toISOString()}'`;
  if (Array.isArray(v)) return literal(`{${v.map((x) => `"${String(x).replace(/(["\\])/g, '\\$1')}"`).join(',')}}`);
  return `'${String(v).replace(/'/g, "''")}'`;
};

/** A pgbench script running the captured statements with their values written in. */
function pgbenchScript(statements: Captured[]): string {
  return statements
    .map((s) => `${s.text.replace(/\$(\d+)/g, (_, n: string) => literal(s.values[Number(n) - 1])).trim()};\n`)
    .join('');
}

function pgbenchTps(url: string, script: string): number {
  const file = path.join(os.tmpdir(), `parksafe-bench-${process.pid}.sql`);
  fs.writeFileSync(file, script);
  const u = new URL(url);
  const out = execFileSync(
    'pgbench',
    [
      '-n',
      '-M',
      PGBENCH_MODE,
      '-c',
      String(CONNECTIONS),
      '-j',
      '2',
      '-T',
      String(SECONDS),
      '-f',
      file,
      '-h',
      u.hostname,
      '-p',
      u.port || '5432',
      '-U',
      decodeURIComponent(u.username) || 'postgres',
      u.pathname.slice(1),
    ],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
  );
  fs.rmSync(file, { force: true });
  const m = /tps = ([\d.]+) \(without initial connection time\)/.exec(out);
  if (!m) throw new Error(`pgbench: no tps in\n${out}`);
  return Number(m[1]);
}

async function load(url: string, cookie: string, seconds: number, identity = false) {
  const r = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: seconds,
    headers: { cookie, 'accept-encoding': identity ? 'identity' : 'gzip, br' },
  });
  if (r.non2xx > 0 || r.errors > 0) throw new Error(`${url}: ${r.non2xx} non-2xx, ${r.errors} errors`);
  return {
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    requests: r.requests.total,
    bytes: r.throughput.total / r.requests.total,
  };
}

/** CPU seconds (user + system) per process, from /proc (Linux); a process that is gone is left out. */
function cpuSeconds(pids: number[]): Map<number, number> {
  const hz = 100; // USER_HZ, 100 on Linux
  const out = new Map<number, number>();
  for (const pid of pids) {
    try {
      // comm may hold spaces: the fields after it start past the last ')'.
      const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      out.set(pid, (Number(f[11]) + Number(f[12])) / hz);
    } catch {
      // exited
    }
  }
  return out;
}

/** CPU spent between two readings by the processes alive at the second (a new one counts from zero). */
function cpuSpent(before: Map<number, number>, after: Map<number, number>): number {
  let s = 0;
  for (const [pid, t] of after) s += t - (before.get(pid) ?? 0);
  return s;
}

/** The server process and its descendants (a cluster's workers), and every PostgreSQL process on the machine. */
function processGroups(serverPid: number): { server: number[]; postgres: number[] } {
  const all = fs
    .readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .map(Number);
  const parent = new Map<number, number>();
  const postgres: number[] = [];
  for (const pid of all) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      parent.set(pid, Number(stat.split(') ')[1]!.split(' ')[1]));
      if (comm === 'postgres' || comm.startsWith('postgres:')) postgres.push(pid);
    } catch {
      // exited
    }
  }
  const server = [serverPid];
  for (let grew = true; grew; ) {
    grew = false;
    for (const [pid, ppid] of parent) {
      if (server.includes(ppid) && !server.includes(pid)) {
        server.push(pid);
        grew = true;
      }
    }
  }
  return { server, postgres };
}

interface Variant {
  label: string;
  dir: string;
  workers: number;
  port: number;
  base: string;
  server: ChildProcess;
  app: Awaited<ReturnType<typeof createApp>>;
}

function startServer(env: NodeJS.ProcessEnv, profileDir: string | null, cwd: string): ChildProcess {
  const args = ['--import', 'tsx', ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [])];
  // stderr is dropped: start-up warnings (the superuser role) are not the bench's.
  return spawn(process.execPath, [...args, 'server/src/main.ts'], { cwd, env, stdio: ['ignore', 'ignore', 'ignore'] });
}

async function waitUp(base: string, child: ChildProcess): Promise<void> {
  // Up to 2 minutes: a start on a machine shared with other work can take that long.
  for (let i = 0; i < 1200; i++) {
    if (child.exitCode !== null) throw new Error('server exited while starting');
    try {
      const r = await fetch(`${base}/api/health`);
      if (r.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('server did not start in 120 s');
}

/** With PARKSAFE_WORKERS=N: until N different processes have answered (a new connection each, handed out in turn). */
async function waitWorkers(base: string, workers: number): Promise<void> {
  const seen = new Set<string>();
  const until = Date.now() + 180_000;
  while (seen.size < workers) {
    if (Date.now() > until) throw new Error(`only ${seen.size} of ${workers} workers answered in 180 s`);
    const id = await new Promise<string>((resolve) => {
      const req = http.get(`${base}/api/health`, { agent: false }, (res) => {
        res.resume();
        resolve(String(res.headers['x-request-id'] ?? '').split('-')[0]!);
      });
      req.on('error', () => resolve(''));
    });
    if (id) seen.add(id);
    if (seen.size < workers) await new Promise((r) => setTimeout(r, 100));
  }
}

async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGINT');
  await exited;
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

/** Self time per function (and per package) of a .cpuprofile, in ms per request. */
function summariseProfile(file: string, requests: number, window: [bigint, bigint]): string[] {
  const p = JSON.parse(fs.readFileSync(file, 'utf8')) as {
    nodes: ProfileNode[];
    startTime: number;
    samples: number[];
    timeDeltas: number[];
  };
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  // Only the samples taken while the load ran (the start-up and warm-up are not the request's); both clocks are
  // the monotonic one, the profile's in microseconds.
  const [from, to] = window.map((ns) => Number(ns / 1000n)) as [number, number];
  let t = p.startTime;
  p.samples.forEach((id, i) => {
    const dt = p.timeDeltas[i] ?? 0;
    t += dt;
    if (t >= from && t <= to) self.set(id, (self.get(id) ?? 0) + dt / 1000);
  });
  const where = (n: ProfileNode) => {
    const u = n.callFrame.url;
    const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(u);
    if (m) return m[1]!;
    if (u.includes('/server/src/') || u.includes('/shared/src/')) return 'parksafe';
    if (u.startsWith('node:')) return 'node';
    return u ? u : `(${n.callFrame.functionName || 'native'})`;
  };
  const fn = new Map<string, number>();
  const pkg = new Map<string, number>();
  let busy = 0;
  for (const [id, ms] of self) {
    const n = byId.get(id)!;
    const name = n.callFrame.functionName || '(anonymous)';
    if (name === '(idle)' || name === '(program)') continue;
    busy += ms;
    const key = `${name} ${where(n)}`;
    fn.set(key, (fn.get(key) ?? 0) + ms);
    const k = where(n);
    pkg.set(k, (pkg.get(k) ?? 0) + ms);
  }
  const top = (m: Map<string, number>, k: number) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, k)
      .map(([name, ms]) => `  ${(ms / requests).toFixed(3)} ms/req  ${((ms / busy) * 100).toFixed(1)} %  ${name}`);
  return [
    `busy ${(busy / requests).toFixed(3)} ms of node CPU per request (${requests} requests)`,
    'by package (self time):',
    ...top(pkg, 12),
    'by function (self time):',
    ...top(fn, 20),
  ];
}

export async function main(): Promise<void> {
  const started = Date.now();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'parksafe-bench-http-'));
  const password = `Bench#${randomBytes(9).toString('base64url')}1a`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    PARKSAFE_SECRET: randomBytes(32).toString('hex'),
    PARKSAFE_AUDIT_KEY: randomBytes(32).toString('hex'),
    PARKSAFE_DATA_KEY: randomBytes(32).toString('hex'),
    DATA_DIR: dataDir,
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    SCHEDULER: 'off',
    COOKIE_SECURE: 'false',
  };
  // This process runs the same app to capture the statements: quiet, and without the background jobs.
  process.env.LOG_LEVEL = 'silent';
  process.env.SCHEDULER = 'off';
  const url = await recreateDatabase();
  env.DATABASE_URL = url;
  log(`seeding ${DB_NAME}: ${ENTERPRISES} enterprises, ${HAZARDS.toLocaleString('en-US')} hazards`);
  await seed(url, dataDir, password);
  log(`seeded in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  const hook = hookDriver();
  const config = loadConfig(env);
  const database = await openDatabase({ databaseUrl: url, dataDir });
  // BENCH_BASELINE=<a checkout of an earlier commit, with node_modules>: its server and app run beside this one's on
  // the same database, request by request, so before and after are measured in the same minutes of the machine.
  const baselineDir = process.env.BENCH_BASELINE ? path.resolve(process.env.BENCH_BASELINE) : null;
  const variants: Variant[] = [];
  const lines: string[] = [];
  const cpuLines: string[] = [];
  try {
    // BENCH_WORKERS=N > 1: this checkout's server once more with PARKSAFE_WORKERS=N, beside the one-process one.
    const runs: [string, string, number][] = [
      ...(baselineDir ? ([['before', baselineDir, 1]] as [string, string, number][]) : []),
      [baselineDir ? 'after' : WORKERS > 1 ? '1 worker' : '', process.cwd(), 1],
      ...(WORKERS > 1 ? ([[`${WORKERS} workers`, process.cwd(), WORKERS]] as [string, string, number][]) : []),
    ];
    for (const [label, dir, workers] of runs) {
      const port = await freePort();
      const server = startServer({ ...env, PORT: String(port), PARKSAFE_WORKERS: String(workers) }, null, dir);
      const appModule =
        dir === process.cwd()
          ? { createApp }
          : ((await import(pathToFileURL(path.join(dir, 'server/src/app.ts')).href)) as {
              createApp: typeof createApp;
            });
      // One capturing app per checkout (a second one of the same code on the same database would register its job
      // kinds twice): the workers' run of this checkout shares the one-process run's.
      const same = variants.find((v) => v.dir === dir);
      const app = same ? same.app : await appModule.createApp(config, database);
      if (!same) await app.ready();
      variants.push({ label, dir, workers, port, base: `http://127.0.0.1:${port}`, server, app });
      await waitUp(`http://127.0.0.1:${port}`, server);
      if (workers > 1) await waitWorkers(`http://127.0.0.1:${port}`, workers);
    }
    const base = variants[variants.length - 1]!.base;
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'bench-supervisor', password }),
    });
    if (login.status !== 200) throw new Error(`login: ${login.status} ${await login.text()}`);
    const token = /ps_session=([^;]+)/.exec(login.headers.get('set-cookie') ?? '')?.[1];
    if (!token) throw new Error('login gave no session cookie');
    const cookie = `ps_session=${token}`;

    lines.push(
      `ParkSafe HTTP bench — ${ENTERPRISES} enterprises, ${HAZARDS.toLocaleString('en-US')} hazards (PostgreSQL), ` +
        `${CONNECTIONS} connections × ${SECONDS} s, supervisor; SQL: the same statements by pgbench -M ${PGBENCH_MODE}, ` +
        `${CONNECTIONS} clients; ` +
        `${os.cpus().length} cores, load average ${os.loadavg()[0]!.toFixed(1)} at start`,
    );
    lines.push(
      `${'request'.padEnd(32)} ${'req/s'.padStart(7)} ${'p50'.padStart(6)} ${'p99'.padStart(6)} ${'bytes'.padStart(7)} ${'stmts'.padStart(5)} ${'SQL tps'.padStart(8)}  endpoint/SQL`,
    );
    console.log(lines.join('\n'));
    for (const r of REQUESTS) {
      for (const v of variants) {
        // Warm (the caches, the plans), then capture what one request runs.
        for (let i = 0; i < 3; i++) await v.app.inject({ method: 'GET', url: r.url, headers: { cookie } });
        hook.start();
        const res = await v.app.inject({ method: 'GET', url: r.url, headers: { cookie } });
        const statements = hook.stop();
        if (res.statusCode !== 200) throw new Error(`${r.name}: ${res.statusCode} ${res.body.slice(0, 200)}`);
        if (process.env.BENCH_SQL === '1') log(`${v.label} ${r.name}:\n${pgbenchScript(statements)}`);
        // The text and its parameters as the server sends them (to EXPLAIN a prepared statement's generic plan).
        if (process.env.BENCH_SQL === 'raw') log(`${v.label} ${r.name}:\n${JSON.stringify(statements, null, 1)}`);
        const tps = statements.length ? pgbenchTps(url, pgbenchScript(statements)) : Number.NaN;
        await load(`${v.base}${r.url}`, cookie, 1, r.identity); // warm-up of the server process
        // Where the 2 cores went during the run: the server (all its processes), PostgreSQL, and this process —
        // autocannon runs in it, the rest of it idles meanwhile.
        const g0 = processGroups(v.server.pid!);
        const before = [cpuSeconds(g0.server), cpuSeconds(g0.postgres), process.cpuUsage()] as const;
        const wall0 = process.hrtime.bigint();
        const h = await load(`${v.base}${r.url}`, cookie, SECONDS, r.identity);
        const wall = Number(process.hrtime.bigint() - wall0) / 1e9;
        const lg = process.cpuUsage(before[2]);
        const g1 = processGroups(v.server.pid!);
        const cpu = {
          node: cpuSpent(before[0], cpuSeconds(g1.server)),
          pg: cpuSpent(before[1], cpuSeconds(g1.postgres)),
          loadgen: (lg.user + lg.system) / 1e6,
        };
        const perReq = (s: number) => ((s * 1000) / h.requests).toFixed(2);
        const idle = Math.max(0, os.cpus().length * wall - cpu.node - cpu.pg - cpu.loadgen) / (os.cpus().length * wall);
        cpuLines.push(
          `${(v.label ? `${r.name} (${v.label})` : r.name).padEnd(40)} node ${perReq(cpu.node)}  PostgreSQL ${perReq(cpu.pg)}  ` +
            `load generator ${perReq(cpu.loadgen)} ms/req; cores idle ${(idle * 100).toFixed(0)} %`,
        );
        const name = v.label ? `${r.name} (${v.label})` : r.name;
        const line = `${name.padEnd(32)} ${h.rps.toFixed(0).padStart(7)} ${`${h.p50}ms`.padStart(6)} ${`${h.p99}ms`.padStart(6)} ${h.bytes.toFixed(0).padStart(7)} ${String(statements.length).padStart(5)} ${tps.toFixed(0).padStart(8)}  endpoint/SQL ${(h.rps / tps).toFixed(2)}  load ${os.loadavg()[0]!.toFixed(1)}`;
        console.log(line);
        lines.push(line);
      }
    }
    console.log(`\nCPU per request during each run (user + system, from /proc):\n${cpuLines.join('\n')}`);
    for (const v of variants) await stopServer(v.server);

    if (PROFILE) {
      for (const v of variants) {
        const profileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'parksafe-prof-'));
        // A profile per process: with workers, the primary's (accepting only) and each worker's.
        const prof = startServer(
          { ...env, PORT: String(v.port), PARKSAFE_WORKERS: String(v.workers) },
          profileDir,
          v.dir,
        );
        await waitUp(v.base, prof);
        if (v.workers > 1) await waitWorkers(v.base, v.workers);
        const r = REQUESTS[0]!;
        await load(`${v.base}${r.url}`, cookie, 1);
        const from = process.hrtime.bigint();
        const h = await load(`${v.base}${r.url}`, cookie, 10);
        const window: [bigint, bigint] = [from, process.hrtime.bigint()];
        await stopServer(prof);
        const files = fs.readdirSync(profileDir).filter((f) => f.endsWith('.cpuprofile'));
        if (!files.length) throw new Error('no .cpuprofile written');
        for (const file of files) {
          const summary = summariseProfile(path.join(profileDir, file), h.requests, window);
          // A thread that did nothing under the load (the shutdown watchdog, a cluster's primary) is left out.
          if (summary[0]!.startsWith('busy 0.0')) continue;
          console.log(
            `\nCPU profile of the server${v.label ? ` (${v.label})` : ''}, ${r.name}, 10 s at ${CONNECTIONS} connections, ` +
              `${h.rps.toFixed(0)} req/s (${profileDir}/${file}${v.workers > 1 ? ', one process of the cluster; ms per request of all requests' : ''})`,
          );
          for (const l of summary) console.log(l);
        }
      }
    }
    log(`done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  } finally {
    for (const v of variants) {
      await stopServer(v.server);
      if (variants.find((o) => o.dir === v.dir) === v) await v.app.close();
    }
    await database.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
