// Runs the deadline sweep once per period (10 minutes, SCHEDULER_SWEEP_SECONDS) across all server processes: every
// process wakes just after each period boundary (and once shortly after it starts), a claim row (scheduler_runs) lets
// the first one of the period do the work, the per-park advisory lock keeps two concurrent sweeps apart, and the
// dedupe keys make a repeated sweep harmless anyway. Periods are counted from the epoch, so "once per period" means
// the same thing in every process and is checked from the claim's start time (rolling-restart.test.ts).
// Started with the app, stopped (waiting for a running sweep) when it closes.
import { now } from '../../platform/clock';
import type { Db } from '../../platform/db';
import { refreshStale } from '../credit/service';
import * as repo from './repository';
import { type SweepResult, sweepDeadlineNotifications } from './sweep';

export const SWEEP_TASK = 'notifications.deadlineSweep';

/**
 * Work another module runs with each sweep (e.g. the open assessment rounds' nightly snapshot, which does nothing
 * until the day changes). Registered once at import (a module's register.ts); a failure is logged, not fatal.
 */
const sweepTasks = new Map<string, (db: Db) => Promise<unknown>>();
export function registerSweepTask(name: string, task: (db: Db) => Promise<unknown>): void {
  sweepTasks.set(name, task);
}
export const SWEEP_INTERVAL_MS = 10 * 60_000;

/**
 * SCHEDULER=off disables scheduled work in this process (e.g. a process kept for the API only); the test suite
 * (NODE_ENV=test) runs without it unless SCHEDULER=on, and calls the sweep itself with the clock moved.
 */
export function schedulerEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  const setting = env.SCHEDULER ?? (env.NODE_ENV === 'test' ? 'off' : 'on');
  return setting !== 'off';
}

/** SCHEDULER_SWEEP_SECONDS (default 600, at least 1): the sweep's period. */
export function sweepIntervalMs(env: NodeJS.ProcessEnv = process.env): number {
  const v = env.SCHEDULER_SWEEP_SECONDS;
  return v && /^\d+$/.test(v) ? Math.max(1, Number(v)) * 1000 : SWEEP_INTERVAL_MS;
}

/** How long after a period boundary the processes wake (their clocks and timers need not agree to the millisecond). */
const AFTER_BOUNDARY_MS = 50;

export interface SchedulerOptions {
  intervalMs?: number;
  /** Delay before the first run after start (lets the server finish starting; default 15 s, at most a fifth of the period). */
  firstRunMs?: number;
  log?: (msg: string) => void;
}

export class NotificationScheduler {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = true;
  private readonly intervalMs: number;
  private readonly firstRunMs: number;
  private readonly log: (msg: string) => void;

  constructor(
    private readonly db: Db,
    opts: SchedulerOptions = {},
  ) {
    this.intervalMs = opts.intervalMs ?? SWEEP_INTERVAL_MS;
    // A fifth of the period at most: a process restarted part-way through a period must get to it before it ends,
    // or a rolling restart whose other process is down at the boundary leaves that period without a sweep.
    this.firstRunMs = opts.firstRunMs ?? Math.min(15_000, Math.floor(this.intervalMs / 5));
    this.log = opts.log ?? (() => {});
  }

  get started(): boolean {
    return !this.stopped;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(this.firstRunMs);
  }

  /** Stops the timer and waits for a sweep in progress to finish (its transactions commit or roll back). */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  /**
   * One scheduled run: claims the interval (another process may have it), sweeps, records the outcome. Returns the
   * sweep's result, or null when this process did not get the claim.
   */
  async runOnce(): Promise<SweepResult | null> {
    if (!(await repo.claimRun(this.db, SWEEP_TASK, now(), this.intervalMs))) return null;
    const result = await sweepDeadlineNotifications(this.db);
    // Credit facts that change with the calendar (deadlines passing, validity windows ending): once a day per park.
    await refreshStale(this.db);
    for (const [name, task] of sweepTasks) {
      await task(this.db).catch((err: unknown) => this.log(`[scheduler] ${name} failed: ${(err as Error).message}`));
    }
    await repo.finishRun(this.db, SWEEP_TASK, now(), result);
    if (result.dueSoon || result.overdue || result.recheckDueSoon || result.recheckOverdue) {
      this.log(
        `[notifications] deadline sweep: ${result.dueSoon} due soon, ${result.overdue} overdue, ` +
          `${result.recheckDueSoon} re-checks due soon, ${result.recheckOverdue} re-checks overdue`,
      );
    }
    return result;
  }

  private schedule(delay: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      const firedAt = now().getTime();
      this.running = this.runOnce()
        .then(() => {})
        .catch((err: unknown) => this.log(`[notifications] deadline sweep failed: ${(err as Error).message}`))
        .finally(() => {
          this.running = null;
          // Just after the boundary that follows this run's start: a timer that fired a little early finds its period
          // claimed and comes back a few milliseconds later for the next one; a sweep that outlasted its period is
          // followed at once by the next period's (that period is not skipped).
          const boundary = Math.ceil((firedAt + 1) / this.intervalMs) * this.intervalMs;
          this.schedule(Math.max(0, boundary - now().getTime()) + AFTER_BOUNDARY_MS);
        });
    }, delay);
    this.timer.unref();
  }
}
