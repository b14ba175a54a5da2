// A server process's life: starting → ready → stopping, the requests in flight, and a shutdown that ends the process
// within SHUTDOWN_TIMEOUT_SECONDS whatever it was doing.
//
// SIGTERM: readiness answers 503 at once (a load balancer stops sending), the listening socket closes (new
// connections are refused and go to another process), requests in flight finish, the job runner hands its jobs back
// and the scheduler finishes its sweep (the app's onClose hooks), the database closes, the process exits 0.
// If that is not over by the deadline, the process logs what was still open (requests, jobs, the step it was on) and
// exits 1 anyway. The deadline is kept twice: by a timer on the main thread, and by a watchdog thread that does not
// need the main thread at all — a main thread stuck in a synchronous wait (Atomics.wait: pino's stdout writer
// retrying a full pipe, esbuild's synchronous transform after its service died with the process group) never runs a
// timer again, and the watchdog then kills the process with SIGKILL after writing one line to stderr.
import { Worker } from 'node:worker_threads';

export type LifecycleState = 'starting' | 'ready' | 'stopping';

export interface OpenRequest {
  id: string;
  method: string;
  url: string;
  startedAt: number;
}

export class Lifecycle {
  state: LifecycleState = 'starting';
  /** The shutdown step in progress (logged when the deadline passes). */
  step = '';
  readonly inflight = new Map<string, OpenRequest>();
  private readonly reporters = new Map<string, () => string[]>();

  /** Something that may still be busy at shutdown (the job runner, a scheduler) says what it is doing. */
  report(name: string, describe: () => string[]): void {
    this.reporters.set(name, describe);
  }

  /** Human-readable list of everything still open. */
  openWork(at = Date.now()): string[] {
    const out = [...this.inflight.values()].map(
      (r) => `request ${r.id} ${r.method} ${r.url} (${((at - r.startedAt) / 1000).toFixed(1)} s)`,
    );
    for (const [name, describe] of this.reporters) {
      try {
        for (const line of describe()) out.push(`${name}: ${line}`);
      } catch {
        // a reporter must never stop the shutdown
      }
    }
    return out;
  }
}

/** SHUTDOWN_TIMEOUT_SECONDS (default 10, at least 1): how long SIGTERM waits for open work before exiting anyway. */
export function shutdownTimeoutMs(env: NodeJS.ProcessEnv = process.env): number {
  const v = env.SHUTDOWN_TIMEOUT_SECONDS;
  const secs = v && /^\d+(\.\d+)?$/.test(v) ? Number(v) : 10;
  return Math.max(1, secs) * 1000;
}

// Plain CommonJS run by eval: no loader hooks, no transform, nothing from the main thread.
const WATCHDOG = `
const { workerData } = require('node:worker_threads');
const fs = require('node:fs');
setTimeout(() => {
  try { fs.writeSync(2, '[parksafe] shutdown watchdog: the main thread did not exit ' + workerData.graceMs + ' ms after the deadline (blocked in a synchronous wait); killing process ' + process.pid + '\\n'); } catch {}
  process.kill(process.pid, 'SIGKILL');
}, workerData.ms);
`;

/** Starts the watchdog thread: SIGKILL after ms unless the process has exited. */
export function startWatchdog(ms: number, graceMs: number): Worker {
  // execArgv []: none of the main thread's loader hooks (tsx) or flags (--input-type) reach this plain script.
  const worker = new Worker(WATCHDOG, { eval: true, workerData: { ms, graceMs }, execArgv: [] });
  worker.unref();
  return worker;
}

export interface ShutdownDeps {
  lifecycle: Lifecycle;
  /** Stops accepting, waits for requests in flight, runs the onClose hooks (jobs, scheduler). */
  closeApp(): Promise<void>;
  closeDatabase(): Promise<void>;
  /** Bounded flush of buffered log lines before exit (platform/log.ts); resolves false when they were given up. */
  flushLogs?(ms: number): Promise<boolean>;
  log(msg: string): void;
  timeoutMs: number;
  /** process.exit in the server; a test may watch instead. */
  exit(code: number): void;
  /** Extra time the watchdog thread gives the main thread's own deadline timer before it kills (default 2 s). */
  watchdogGraceMs?: number;
}

/**
 * Runs the shutdown once; later calls (a second signal) exit at once with 1 after logging what was open.
 * Resolves when the process has been told to exit.
 */
export function createShutdown(deps: ShutdownDeps): (reason: string) => Promise<void> {
  let running: Promise<void> | null = null;
  const { lifecycle, log } = deps;
  const logOpen = (prefix: string) => {
    const open = lifecycle.openWork();
    log(`${prefix}; step: ${lifecycle.step || '-'}; still open: ${open.length ? open.join('; ') : 'nothing'}`);
  };
  return (reason: string) => {
    if (running) {
      logOpen(`[parksafe] ${reason} again during shutdown: exiting now`);
      deps.exit(1);
      return running;
    }
    const started = Date.now();
    lifecycle.state = 'stopping';
    log(`[parksafe] ${reason} received: closing (at most ${deps.timeoutMs / 1000} s)`);
    const grace = deps.watchdogGraceMs ?? 2000;
    const watchdog = startWatchdog(deps.timeoutMs + grace, grace);
    let exited = false;
    const exit = (code: number) => {
      if (exited) return;
      exited = true;
      deps.exit(code);
    };
    running = new Promise<void>((resolve) => {
      const deadline = setTimeout(() => {
        logOpen(`[parksafe] shutdown deadline of ${deps.timeoutMs / 1000} s passed, exiting anyway`);
        void deps.flushLogs?.(0); // gives up a log buffer stdout cannot take now, so exit does not wait on it
        exit(1);
        void watchdog.terminate();
        resolve();
      }, deps.timeoutMs);
      void (async () => {
        let code = 0;
        try {
          lifecycle.step = 'closing the server (requests in flight, jobs, scheduler)';
          await deps.closeApp();
          lifecycle.step = 'closing the database';
          await deps.closeDatabase();
          lifecycle.step = 'flushing the log';
          const left = Math.max(100, Math.min(2000, deps.timeoutMs - (Date.now() - started) - 100));
          if (deps.flushLogs && !(await deps.flushLogs(left))) {
            log(`[parksafe] log lines still buffered after ${left} ms were dropped: stdout is not being read`);
          }
          lifecycle.step = 'exiting';
          log(`[parksafe] closed in ${Date.now() - started} ms`);
        } catch (err) {
          code = 1;
          log(`[parksafe] error while closing: ${(err as Error)?.stack ?? String(err)}`);
        }
        clearTimeout(deadline);
        // The watchdog stays until the process is gone: exit handlers (a logger flushing) may still block.
        exit(code);
        void watchdog.terminate(); // reached only when exit() returns (a test's exit)
        resolve();
      })();
    });
    return running;
  };
}
