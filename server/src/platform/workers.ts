// PARKSAFE_WORKERS=N (PostgreSQL only): N server processes sharing one port through node:cluster, for a machine with
// more cores than one Node process can use (a process tops out near 600 ledger pages/s, README「Measured」).
//
// The primary process does no request work: it checks the setting, makes the key files of a development DATA_DIR
// (loadConfig) so the workers do not race to create them, starts the first worker alone (it migrates and creates a
// park's missing criteria library) and the others once it listens, and hands connections out round-robin (node's
// default on Linux). Each worker is an ordinary server process: its own pool, read cache (kept honest across the
// workers by the database's NOTIFY, as across hosts), job runner (jobs claimed FOR UPDATE SKIP LOCKED) and scheduler
// (one sweep per period for all processes, claimed in scheduler_runs) — what several processes behind nginx already
// share safely (rolling-restart.test.ts).
//
// SIGTERM or SIGINT to the primary: every worker is told to shut down (an IPC message) and drains as a lone server does
// (platform/lifecycle.ts); the primary exits when all have, 0 if all closed cleanly, else 1, and kills what is left
// after the workers' own deadline plus 3 s; a second signal to the primary kills the workers and exits 1 at once.
// A signal often reaches the whole process group or cgroup (Ctrl-C in a terminal, systemd's KillMode=control-group,
// `timeout`), so a worker ignores SIGINT, takes SIGTERM as one more request to do the shutdown already under way
// (never as the lone server's "second signal: exit now"), and shuts down too if the primary vanishes (its IPC channel
// closes). A worker that dies while serving is replaced; one that dies before it ever listened stops the whole server
// (exit 1), since its replacement would fail the same way.
//
// The embedded database (PGlite) is one process with a lock on DATA_DIR: N > 1 there is refused at start.
import cluster, { type Worker } from 'node:cluster';

export const WORKERS_VARIABLE = 'PARKSAFE_WORKERS';

/** PARKSAFE_WORKERS: 1 when unset; a positive integer, else an error naming the setting. */
export function workerCount(env: NodeJS.ProcessEnv = process.env): number {
  const v = env[WORKERS_VARIABLE];
  if (v === undefined || v === '') return 1;
  if (!/^\d+$/.test(v) || Number(v) < 1 || Number(v) > 64) {
    throw new Error(`${WORKERS_VARIABLE} 必须是 1 到 64 之间的整数（当前为 "${v}"）`);
  }
  return Number(v);
}

/** Why N workers cannot run here, or null. */
export function workersRefusal(workers: number, databaseUrl: string | null): string | null {
  if (workers > 1 && !databaseUrl) {
    return (
      `${WORKERS_VARIABLE}=${workers} 需要 PostgreSQL（设置 DATABASE_URL）：嵌入式数据库只允许一个进程打开 DATA_DIR。` +
      `请去掉 ${WORKERS_VARIABLE} 或改用 PostgreSQL`
    );
  }
  return null;
}

export interface PrimaryOptions {
  workers: number;
  /** The workers' own shutdown deadline (SHUTDOWN_TIMEOUT_SECONDS) in ms; the primary waits 3 s more. */
  shutdownTimeoutMs: number;
  log(msg: string): void;
  exit(code: number): void;
}

/** Runs the cluster's primary: starts and supervises the workers, forwards SIGTERM/SIGINT. */
export function runPrimary(opts: PrimaryOptions): void {
  const { log } = opts;
  const listened = new WeakSet<Worker>();
  let stopping = false;
  let failed = false;
  const fork = () => {
    const w = cluster.fork();
    w.once('listening', () => listened.add(w));
    return w;
  };
  const alive = () => Object.values(cluster.workers ?? {}).filter((w): w is Worker => !!w && !w.isDead());

  const stop = (reason: string, code: number) => {
    if (stopping) {
      if (code === 0) {
        const left = alive();
        log(`[parksafe] ${reason} again during shutdown: killing ${left.length} worker(s), exiting now`);
        for (const w of left) w.process.kill('SIGKILL');
        opts.exit(1);
      }
      return;
    }
    stopping = true;
    if (code) failed = true;
    const workers = alive();
    log(`[parksafe] ${reason}: stopping ${workers.length} worker(s)`);
    for (const w of workers) w.send(SHUTDOWN_MESSAGE);
    const deadline = setTimeout(() => {
      const left = alive();
      log(`[parksafe] ${left.length} worker(s) still running after the deadline: killed`);
      for (const w of left) w.process.kill('SIGKILL');
      opts.exit(1);
    }, opts.shutdownTimeoutMs + 3000);
    deadline.unref();
    if (!workers.length) opts.exit(failed ? 1 : 0);
  };

  cluster.on('exit', (w, code, signal) => {
    const clean = code === 0 && !signal;
    if (!clean) failed = failed || stopping;
    if (stopping) {
      if (!alive().length) opts.exit(failed ? 1 : 0);
      return;
    }
    const how = signal ? `signal ${signal}` : `code ${code}`;
    if (!listened.has(w)) {
      log(`[parksafe] worker ${w.process.pid} exited (${how}) before it listened: stopping the server`);
      stop('a worker failed to start', 1);
      return;
    }
    log(`[parksafe] worker ${w.process.pid} exited (${how}) while serving: starting another`);
    fork();
  });

  process.on('SIGTERM', () => stop('SIGTERM received', 0));
  process.on('SIGINT', () => stop('SIGINT received', 0));

  // The first worker alone: it migrates and fills in what the database lacks before the others open it.
  const first = fork();
  first.once('listening', () => {
    if (stopping) return;
    for (let i = 1; i < opts.workers; i++) fork();
    log(`[parksafe] ${opts.workers} workers (pid ${process.pid} is the primary)`);
  });
}

const SHUTDOWN_MESSAGE = 'parksafe:shutdown';

let shutdownRequested: ((reason: string) => void) | null = null;

/**
 * In a worker, first thing, in place of the lone server's signal handlers: the primary's message, SIGTERM or the loss
 * of the primary ask for the shutdown; SIGINT is ignored. Asked before the server is up (superviseWorker not yet
 * called: still opening the database or migrating, in a transaction), the worker exits at once with 0 — it has
 * nothing to drain; the primary would otherwise wait out the deadline for it.
 */
export function watchWorkerShutdown(): void {
  const ask = (reason: string) => {
    if (shutdownRequested) shutdownRequested(reason);
    else process.exit(0);
  };
  process.on('SIGINT', () => {});
  process.on('SIGTERM', () => ask('SIGTERM'));
  process.on('message', (m) => {
    if (m === SHUTDOWN_MESSAGE) ask('SIGTERM (from the primary)');
  });
  process.on('disconnect', () => ask('primary process gone'));
}

/** In a worker whose server is up: the shutdown asked for runs once (repeats, from a group-wide signal, ignored). */
export function superviseWorker(shutdown: (reason: string) => void): void {
  let started = false;
  shutdownRequested = (reason) => {
    if (started) return;
    started = true;
    shutdown(reason);
  };
}

export const isClusterWorker = () => cluster.isWorker;
