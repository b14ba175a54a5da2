// npm run bench -- memory: the embedded default's resident memory (issue 11). Starts the real server
// (`node --import tsx server/src/main.ts`, production mode, no DATABASE_URL) on a fresh temporary DATA_DIR — the first
// start creates the database, migrates and seeds the demo park — and reads /proc/<pid>/status while it runs: the
// resident set (VmRSS) once /api/health answers and 5 s later, and the peak (VmHWM). Then it stops the server and
// starts it again on the same DATA_DIR (a later start: nothing to migrate or seed). A first start prepares the database
// in a child process (main.ts): its peak is sampled apart. Linux only.
//   npm run bench -- memory
//   BENCH_MEMORY_ENV='PGLITE_SHARED_BUFFERS=128MB' npm run bench -- memory   the same with other settings
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const log = (m: string) => console.error(`[bench] ${m}`);

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

/** VmRSS and VmHWM of a process, in MB. */
function memoryOf(pid: number): { rss: number; peak: number } | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0);
    return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
  } catch {
    return null;
  }
}

/** The peak (VmHWM) of the server's child processes seen so far, in MB (the first start's setup child). */
let childPeak = 0;
function sampleChildren(pid: number): void {
  try {
    for (const c of fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').split(/\s+/).filter(Boolean)) {
      childPeak = Math.max(childPeak, memoryOf(Number(c))?.peak ?? 0);
    }
  } catch {
    // gone
  }
}

async function waitUp(base: string, child: ChildProcess): Promise<number> {
  const started = Date.now();
  for (let i = 0; i < 3000; i++) {
    sampleChildren(child.pid!);
    if (child.exitCode !== null) throw new Error('server exited while starting');
    try {
      const r = await fetch(`${base}/api/health`);
      if (r.ok) return Date.now() - started;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('server did not start in 300 s');
}

async function start(env: NodeJS.ProcessEnv, label: string): Promise<string> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    env: { ...env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  childPeak = 0;
  try {
    const ms = await waitUp(`http://127.0.0.1:${port}`, child);
    const atStart = memoryOf(child.pid!);
    await new Promise((r) => setTimeout(r, 5000));
    const settled = memoryOf(child.pid!);
    return `${label.padEnd(14)} up in ${(ms / 1000).toFixed(1).padStart(5)} s   RSS at start ${atStart?.rss.toFixed(0).padStart(4)} MB   5 s later ${settled?.rss.toFixed(0).padStart(4)} MB   peak ${settled?.peak.toFixed(0).padStart(4)} MB${childPeak ? `   setup child's peak ${childPeak.toFixed(0)} MB` : ''}   load ${os.loadavg()[0]!.toFixed(1)}`;
  } finally {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGINT');
    await exited;
  }
}

export async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'parksafe-bench-memory-'));
  const extra = Object.fromEntries(
    (process.env.BENCH_MEMORY_ENV ?? '')
      .split(/\s+/)
      .filter(Boolean)
      .map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]),
  );
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: '',
    NODE_ENV: 'production',
    PARKSAFE_SECRET: randomBytes(32).toString('hex'),
    PARKSAFE_AUDIT_KEY: randomBytes(32).toString('hex'),
    PARKSAFE_DATA_KEY: randomBytes(32).toString('hex'),
    DATA_DIR: dataDir,
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    COOKIE_SECURE: 'false',
    ...extra,
  };
  delete env.DATABASE_URL;
  try {
    console.log(
      `ParkSafe embedded memory — ${
        Object.keys(extra).length
          ? Object.entries(extra)
              .map(([k, v]) => `${k}=${v}`)
              .join(' ')
          : 'defaults'
      }`,
    );
    console.log(await start(env, 'first start'));
    console.log(await start(env, 'later start'));
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
    log('done');
  }
}
