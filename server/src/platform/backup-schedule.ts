// Scheduled backups of the embedded database, made by the server process itself (it alone may open DATA_DIR):
// every BACKUP_INTERVAL_HOURS (default 24; 0 turns it off) into BACKUP_DIR (default DATA_DIR/backups), keeping the
// newest BACKUP_KEEP archives (default 7). A PostgreSQL installation is backed up from outside (npm run backup from
// cron or a systemd timer, see deploy/), where its own tools and retention apply.
import fs from 'node:fs';
import path from 'node:path';
import { createBackup } from './backup';
import type { Config } from './config';
import type { Database } from './db';

export interface BackupSchedule {
  intervalMs: number;
  dir: string;
  keep: number;
}

export function backupSchedule(config: Config, env: NodeJS.ProcessEnv = process.env): BackupSchedule | null {
  const hours =
    env.BACKUP_INTERVAL_HOURS && /^\d+(\.\d+)?$/.test(env.BACKUP_INTERVAL_HOURS)
      ? Number(env.BACKUP_INTERVAL_HOURS)
      : 24;
  if (hours <= 0) return null;
  const keep = env.BACKUP_KEEP && /^\d+$/.test(env.BACKUP_KEEP) ? Math.max(1, Number(env.BACKUP_KEEP)) : 7;
  return {
    intervalMs: hours * 3600_000,
    dir: path.resolve(env.BACKUP_DIR ?? path.join(config.dataDir, 'backups')),
    keep,
  };
}

const ARCHIVE = /^parksafe-backup-\d{8}-\d{6}Z\.tar$/;

/** The archives in dir, oldest first. */
export function listBackups(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((n) => ARCHIVE.test(n))
    .sort();
}

/** Removes all but the newest `keep` archives; returns the names removed. */
export function pruneBackups(dir: string, keep: number): string[] {
  const all = listBackups(dir);
  const gone = all.slice(0, Math.max(0, all.length - keep));
  for (const n of gone) fs.rmSync(path.join(dir, n), { force: true });
  return gone;
}

export class BackupScheduler {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = true;

  constructor(
    private readonly schedule: BackupSchedule,
    private readonly deps: { config: Config; database: Database; appVersion: string; log: (m: string) => void },
  ) {}

  /** Starts the timer: the first backup when the newest archive is older than the interval (or none exists). */
  start(): void {
    this.stopped = false;
    const newest = listBackups(this.schedule.dir).at(-1);
    const age = newest ? Date.now() - fs.statSync(path.join(this.schedule.dir, newest)).mtimeMs : Infinity;
    this.arm(Math.max(60_000, Math.min(this.schedule.intervalMs, this.schedule.intervalMs - age)));
  }

  get busy(): boolean {
    return this.running !== null;
  }

  async runOnce(): Promise<string> {
    const { file } = await createBackup({
      config: this.deps.config,
      database: this.deps.database,
      out: `${this.schedule.dir}${path.sep}`,
      appVersion: this.deps.appVersion,
    });
    const gone = pruneBackups(this.schedule.dir, this.schedule.keep);
    this.deps.log(`[backup] ${file}${gone.length ? `; removed ${gone.length} old archive(s)` : ''}`);
    return file;
  }

  /** Stops the timer and waits for a backup in progress (the shutdown deadline bounds the wait). */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  private arm(delay: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.running = this.runOnce()
        .then(() => {})
        .catch((err: unknown) => this.deps.log(`[backup] scheduled backup failed: ${(err as Error).message}`))
        .finally(() => {
          this.running = null;
          this.arm(this.schedule.intervalMs);
        });
    }, delay);
    this.timer.unref();
  }
}
