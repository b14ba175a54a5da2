// Runs the deadline sweep every 10 minutes in every server process; a claim row (scheduler_runs) lets one process per
// interval do the work, the per-park advisory lock keeps two concurrent sweeps apart, and the dedupe keys make a
// repeated sweep harmless anyway. Started with the app, stopped (waiting for a running sweep) when it closes.
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

export interface SchedulerOptions {
  intervalMs?: number;
  /** Delay before the first run after start (lets the server finish starting). */
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
    this.firstRunMs = opts.firstRunMs ?? 15_000;
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
    // A little slack so timers firing slightly early in another process still find the claim free.
    if (!(await repo.claimRun(this.db, SWEEP_TASK, now(), this.intervalMs * 0.9))) return null;
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
      this.running = this.runOnce()
        .then(() => {})
        .catch((err: unknown) => this.log(`[notifications] deadline sweep failed: ${(err as Error).message}`))
        .finally(() => {
          this.running = null;
          this.schedule(this.intervalMs);
        });
    }, delay);
    this.timer.unref();
  }
}
