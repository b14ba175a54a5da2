// Background jobs: a queue in the `jobs` table, a runner in every server process, files in DATA_DIR/exports.
//
// - A module registers a handler per job kind (`jobRunner(deps).register('enterprises.export', handler)`) and
//   enqueues jobs; the runner claims queued jobs with SELECT … FOR UPDATE SKIP LOCKED, so several processes sharing
//   one PostgreSQL server never run a job twice, and runs the handler with the creator's actor (data scope, audit).
// - Work that must run where its input is (an upload held in memory) runs "inline": recorded as a job, so progress
//   and the result file use the same mechanism, but executed by the process that created it and never re-queued.
// - Progress updates are throttled and never awaited by the handler: on PGlite a query outside a running transaction
//   waits for that transaction, so awaiting one inside it would deadlock.
// - A process that stops (SIGTERM → app.close) aborts its running jobs: queued jobs go back to the queue, inline
//   ones fail. Jobs of a process that died are found by their stale heartbeat and treated the same way.
// - Finished jobs and their files are removed after 7 days.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { JobStatus, JobView } from '../../../shared/src/io';
import type { RequestContext } from './actor';
import { now } from './clock';
import type { Config } from './config';
import { type Database, type Db, rows } from './db';
import { AppError } from './errors';

export const JOB_RETENTION_MS = 7 * 24 * 3600_000;
const STALE_AFTER_MS = 5 * 60_000;
const HEARTBEAT_MS = 30_000;
const PROGRESS_EVERY_MS = 400;
const CLEANUP_EVERY_MS = 3600_000;
const MAX_ATTEMPTS = 3;

export interface JobRecord {
  parkId: string;
  id: string;
  kind: string;
  status: JobStatus;
  params: unknown;
  context: RequestContext;
  inline: boolean;
  progress: number;
  total: number | null;
  message: string | null;
  result: unknown;
  resultFile: string | null;
  resultName: string | null;
  attempts: number;
  createdBy: string;
  createdAt: Date;
  startedAt: Date | null;
  heartbeatAt: Date | null;
  finishedAt: Date | null;
  error: string | null;
}

/** What a finished handler leaves behind. file.path must be runner.filePath(job, ext) (written by the handler). */
export interface JobOutcome {
  result?: unknown;
  message?: string;
  file?: { path: string; name: string };
}

export interface JobRun<P> {
  job: JobRecord;
  params: P;
  /** The creator's actor and address: data scope and audit of the work are theirs. */
  ctx: RequestContext;
  signal: AbortSignal;
  /** Throttled, not awaited: safe to call inside a transaction and in tight loops. */
  progress(done: number, total?: number | null, message?: string | null): void;
  /** Where to write the job's file (DATA_DIR/exports/<job id><ext>). */
  filePath(ext: string): string;
  log(message: string): void;
}

export type JobHandler<P> = (run: JobRun<P>) => Promise<JobOutcome>;

/** Thrown by a handler that noticed run.signal: the runner re-queues (or fails, inline) the job. */
export class JobAborted extends Error {
  constructor() {
    super('job aborted');
    this.name = 'JobAborted';
  }
}

export function throwIfAborted(signal: AbortSignal): void {
  if (signal.aborted) throw new JobAborted();
}

interface JobRow {
  park_id: string;
  id: string;
  kind: string;
  status: JobStatus;
  params: unknown;
  context: unknown;
  inline: boolean;
  progress: number;
  total: number | null;
  message: string | null;
  result: unknown;
  result_file: string | null;
  result_name: string | null;
  attempts: number;
  created_by: string;
  created_at: string | Date;
  started_at: string | Date | null;
  heartbeat_at: string | Date | null;
  finished_at: string | Date | null;
  error: string | null;
}

// Both drivers hand jsonb back parsed.
const json = (v: unknown) => v;
const date = (v: string | Date | null) => (v == null ? null : new Date(v));

function toRecord(r: JobRow): JobRecord {
  return {
    parkId: r.park_id,
    id: r.id,
    kind: r.kind,
    status: r.status,
    params: json(r.params),
    context: json(r.context) as RequestContext,
    inline: r.inline,
    progress: Number(r.progress),
    total: r.total == null ? null : Number(r.total),
    message: r.message,
    result: json(r.result) ?? null,
    resultFile: r.result_file,
    resultName: r.result_name,
    attempts: Number(r.attempts),
    createdBy: r.created_by,
    createdAt: new Date(r.created_at),
    startedAt: date(r.started_at),
    heartbeatAt: date(r.heartbeat_at),
    finishedAt: date(r.finished_at),
    error: r.error,
  };
}

export function toJobView(j: JobRecord): JobView {
  return {
    id: j.id,
    kind: j.kind,
    status: j.status,
    progress: j.progress,
    total: j.total,
    message: j.message,
    result: j.result ?? null,
    resultName: j.resultName,
    downloadUrl: j.status === 'succeeded' && j.resultFile ? `/api/jobs/${j.id}/download` : null,
    error: j.error,
    createdAt: j.createdAt.toISOString(),
    startedAt: j.startedAt?.toISOString() ?? null,
    finishedAt: j.finishedAt?.toISOString() ?? null,
    expiresAt: j.finishedAt ? new Date(j.finishedAt.getTime() + JOB_RETENTION_MS).toISOString() : null,
  };
}

export async function getJob(db: Db, id: string): Promise<JobRecord | null> {
  const [r] = await rows<JobRow>(db, sql`select * from jobs where id = ${id}`);
  return r ? toRecord(r) : null;
}

/** The queued or running jobs of these kinds under these singleton keys (what a page shows as 进行中). */
export async function activeJobs(db: Db, kinds: readonly string[], keys: readonly string[]): Promise<JobRecord[]> {
  if (!kinds.length || !keys.length) return [];
  const found = await rows<JobRow>(
    db,
    sql`select * from jobs where status in ('queued', 'running')
          and kind in (${sql.join(
            kinds.map((k) => sql`${k}`),
            sql`, `,
          )})
          and singleton_key in (${sql.join(
            keys.map((k) => sql`${k}`),
            sql`, `,
          )})`,
  );
  return found.map(toRecord);
}

/** A user's jobs of the retention period, newest first. */
export async function listJobsOf(db: Db, userId: string, limit = 20): Promise<JobRecord[]> {
  const since = new Date(now().getTime() - JOB_RETENTION_MS).toISOString();
  const found = await rows<JobRow>(
    db,
    sql`select * from jobs where created_by = ${userId} and created_at >= ${since}
         order by created_at desc limit ${limit}`,
  );
  return found.map(toRecord);
}

/** DATA_DIR/exports; a throw-away directory when DATA_DIR is the in-memory marker of the test suite. */
function resolveFilesDir(config: Config): { dir: string; temporary: boolean } {
  if (path.basename(config.dataDir) === 'memory:') {
    return {
      dir: path.join(os.tmpdir(), `parksafe-exports-${process.pid}-${randomUUID().slice(0, 8)}`),
      temporary: true,
    };
  }
  return { dir: path.join(config.dataDir, 'exports'), temporary: false };
}

const FILE_NAME = /^[0-9a-f-]{36}(\.[a-z0-9.]+)?$/;

interface Running {
  job: JobRecord;
  abort: AbortController;
  done: Promise<JobRecord>;
}

export interface RunnerOptions {
  pollMs?: number;
  concurrency?: number;
}

export class JobRunner {
  readonly filesDir: string;
  private readonly temporaryDir: boolean;
  // biome-ignore lint/suspicious/noExplicitAny: handlers of different parameter types share one map
  private readonly handlers = new Map<string, JobHandler<any>>();
  private readonly running = new Map<string, Running>();
  private readonly pollMs: number;
  private readonly concurrency: number;
  private timer: NodeJS.Timeout | null = null;
  private started = false;
  private stopping = false;
  private polling: Promise<void> | null = null;
  private pollAgain = false;
  private lastCleanup = 0;
  private log: (msg: string) => void = () => {};

  constructor(
    private readonly database: Database,
    config: Config,
    opts: RunnerOptions = {},
  ) {
    const files = resolveFilesDir(config);
    this.filesDir = files.dir;
    this.temporaryDir = files.temporary;
    this.pollMs = opts.pollMs ?? 2000;
    this.concurrency = opts.concurrency ?? (database.kind === 'pglite' ? 1 : 2);
  }

  register<P>(kind: string, handler: JobHandler<P>): void {
    if (this.handlers.has(kind)) throw new Error(`job kind ${kind} registered twice`);
    this.handlers.set(kind, handler);
  }

  start(log?: (msg: string) => void): void {
    if (this.started) return;
    this.started = true;
    this.stopping = false;
    if (log) this.log = log;
    const tick = () => {
      this.wake();
      this.timer = setTimeout(tick, this.pollMs);
      this.timer.unref();
    };
    tick();
  }

  /** Aborts running jobs and waits for them to hand back (queued jobs are re-queued, inline ones fail). */
  async stop(): Promise<void> {
    this.stopping = true;
    this.started = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    for (const r of this.running.values()) r.abort.abort();
    await Promise.allSettled([...this.running.values()].map((r) => r.done));
    await this.polling?.catch(() => {});
    if (this.temporaryDir) fs.rmSync(this.filesDir, { recursive: true, force: true });
  }

  /** The jobs this process is running, for the shutdown log. */
  describeRunning(at = Date.now()): string[] {
    return [...this.running.values()].map(
      (r) =>
        `${r.job.kind} ${r.job.id}${r.job.inline ? ' (inline)' : ''} running ${((at - (r.job.startedAt?.getTime() ?? at)) / 1000).toFixed(1)} s${r.abort.signal.aborted ? ', asked to stop' : ''}`,
    );
  }

  /** Polls now (after an enqueue in this process) instead of at the next tick. */
  wake(): void {
    if (!this.started || this.stopping) return;
    if (this.polling) {
      this.pollAgain = true;
      return;
    }
    this.polling = this.poll()
      .catch((err: unknown) => this.log(`[jobs] poll failed: ${(err as Error).message}`))
      .finally(() => {
        this.polling = null;
        if (this.pollAgain) {
          this.pollAgain = false;
          this.wake();
        }
      });
  }

  filePath(jobId: string, ext: string): string {
    fs.mkdirSync(this.filesDir, { recursive: true });
    return path.join(this.filesDir, `${jobId}${ext}`);
  }

  /** Absolute path of a job's file, or null when it has none or it is gone. */
  resultPath(job: JobRecord): string | null {
    if (!job.resultFile || !FILE_NAME.test(job.resultFile)) return null;
    const file = path.join(this.filesDir, job.resultFile);
    return fs.existsSync(file) ? file : null;
  }

  /** Queues a job for any process's runner. */
  async enqueue(
    ctx: RequestContext,
    spec: { kind: string; params: unknown; total?: number | null; message?: string },
  ): Promise<JobRecord> {
    if (!this.handlers.has(spec.kind)) throw new Error(`no handler for job kind ${spec.kind}`);
    const job = await this.insert(ctx, spec, false);
    this.wake();
    return job;
  }

  /**
   * Enqueues unless a job of this kind and key is queued or running (in any process: a partial unique index decides),
   * and then answers with that one. For work that must not run twice at once, such as one park's period summary.
   */
  async enqueueOnce(
    ctx: RequestContext,
    spec: { kind: string; key: string; params: unknown; total?: number | null; message?: string },
    /**
     * The caller's transaction: the job is queued if and only if the change that needs it commits (no crash between
     * a commit and its queueing can lose it). The caller wakes the runner after the commit.
     */
    tx?: Db,
  ): Promise<{ job: JobRecord; existing: boolean }> {
    if (!this.handlers.has(spec.kind)) throw new Error(`no handler for job kind ${spec.kind}`);
    const db = tx ?? this.database.db;
    // The existing job may finish between a refused insert and the look-up: then try again (bounded).
    for (let attempt = 0; attempt < 5; attempt++) {
      const job = await this.insert(ctx, spec, false, spec.key, db);
      if (job) {
        // Inside a transaction the job is not visible to a poll until the commit.
        if (!tx) this.wake();
        return { job, existing: false };
      }
      const [r] = await rows<JobRow>(
        db,
        sql`select * from jobs where kind = ${spec.kind} and singleton_key = ${spec.key}
                                  and status in ('queued', 'running') limit 1`,
      );
      if (r) return { job: toRecord(r), existing: true };
    }
    throw new AppError(409, 'JOB_BUSY', '同一任务正在反复启动，请稍后重试');
  }

  /**
   * Records a job and runs fn in this process at once (its input lives here). Returns the job as created and a
   * promise of the finished job; the caller may wait for it or answer with the job and let the client poll.
   */
  async runInline<P>(
    ctx: RequestContext,
    spec: { kind: string; params: P; total?: number | null; message?: string },
    fn: JobHandler<P>,
  ): Promise<{ job: JobRecord; done: Promise<JobRecord> }> {
    if (this.stopping) throw new AppError(503, 'SERVER_STOPPING', '服务器正在停止，请稍后重试');
    const job = await this.insert(ctx, spec, true);
    return { job, done: this.execute(job, fn) };
  }

  private async insert(
    ctx: RequestContext,
    spec: { kind: string; params: unknown; total?: number | null; message?: string },
    inline: boolean,
  ): Promise<JobRecord>;
  private async insert(
    ctx: RequestContext,
    spec: { kind: string; params: unknown; total?: number | null; message?: string },
    inline: boolean,
    singletonKey: string,
    db: Db,
  ): Promise<JobRecord | null>;
  private async insert(
    ctx: RequestContext,
    spec: { kind: string; params: unknown; total?: number | null; message?: string },
    inline: boolean,
    singletonKey?: string,
    db: Db = this.database.db,
  ): Promise<JobRecord | null> {
    const actor = ctx.actor;
    if (!actor) throw new Error('a job needs an actor');
    const at = now().toISOString();
    const [r] = await rows<JobRow>(
      db,
      sql`insert into jobs (park_id, kind, status, params, context, inline, total, message, created_by, created_at,
                            started_at, heartbeat_at, attempts, singleton_key)
          values (${actor.parkId}, ${spec.kind}, ${inline ? 'running' : 'queued'}, ${JSON.stringify(spec.params ?? {})}::jsonb,
                  ${JSON.stringify({ actor, ip: ctx.ip })}::jsonb, ${inline}, ${spec.total ?? null},
                  ${spec.message ?? null}, ${actor.userId}, ${at}, ${inline ? at : null}, ${inline ? at : null},
                  ${inline ? 1 : 0}, ${singletonKey ?? null})
          ${singletonKey ? sql`on conflict (kind, singleton_key) where singleton_key is not null and status in ('queued', 'running') do nothing` : sql``}
          returning *`,
    );
    return r ? toRecord(r) : null;
  }

  private async poll(): Promise<void> {
    await this.reapStale();
    if (Date.now() - this.lastCleanup > CLEANUP_EVERY_MS) {
      this.lastCleanup = Date.now();
      await this.cleanup();
    }
    const kinds = [...this.handlers.keys()];
    while (!this.stopping && kinds.length > 0 && this.running.size < this.concurrency) {
      const at = now().toISOString();
      const [r] = await rows<JobRow>(
        this.database.db,
        sql`update jobs set status = 'running', started_at = ${at}, heartbeat_at = ${at}, attempts = attempts + 1,
                            progress = 0, error = null
             where id = (select id from jobs
                          where status = 'queued' and kind in (${sql.join(
                            kinds.map((k) => sql`${k}`),
                            sql`, `,
                          )})
                          order by created_at limit 1
                          for update skip locked)
             returning *`,
      );
      if (!r) return;
      const job = toRecord(r);
      void this.execute(job, this.handlers.get(job.kind)!);
    }
  }

  private execute<P>(job: JobRecord, handler: JobHandler<P>): Promise<JobRecord> {
    const abort = new AbortController();
    const db = this.database.db;
    let latest: { done: number; total: number | null | undefined; message: string | null | undefined } | null = null;
    let flushing: Promise<void> = Promise.resolve();
    let lastFlush = 0;
    let scheduled = false;
    const flush = () => {
      scheduled = false;
      const p = latest;
      if (!p) return;
      latest = null;
      lastFlush = Date.now();
      flushing = flushing
        .then(() =>
          db.execute(sql`update jobs set progress = ${Math.trunc(p.done)},
                            total = ${p.total === undefined ? sql`total` : p.total},
                            message = ${p.message === undefined ? sql`message` : p.message},
                            heartbeat_at = ${now().toISOString()}
                          where id = ${job.id} and status = 'running'`),
        )
        .then(
          () => {},
          (err: unknown) => this.log(`[jobs] progress of ${job.id} not saved: ${(err as Error).message}`),
        );
    };
    const run: JobRun<P> = {
      job,
      params: job.params as P,
      ctx: job.context,
      signal: abort.signal,
      progress: (done, total, message) => {
        latest = { done, total, message };
        if (scheduled) return;
        const wait = PROGRESS_EVERY_MS - (Date.now() - lastFlush);
        if (wait <= 0) flush();
        else {
          scheduled = true;
          setTimeout(flush, wait).unref();
        }
      },
      filePath: (ext) => this.filePath(job.id, ext),
      log: (msg) => this.log(msg),
    };
    const heartbeat = setInterval(() => {
      flushing = flushing.then(
        () =>
          db
            .execute(
              sql`update jobs set heartbeat_at = ${now().toISOString()} where id = ${job.id} and status = 'running'`,
            )
            .then(() => {}),
        () => {},
      );
    }, HEARTBEAT_MS);
    heartbeat.unref();

    const finish = async (outcome: JobOutcome | null, error: unknown): Promise<JobRecord> => {
      clearInterval(heartbeat);
      if (scheduled) flush();
      await flushing;
      const at = now().toISOString();
      let row: JobRow | undefined;
      if (outcome) {
        const file = outcome.file ? path.basename(outcome.file.path) : null;
        [row] = await rows<JobRow>(
          db,
          sql`update jobs set status = 'succeeded', finished_at = ${at}, heartbeat_at = ${at},
                              progress = greatest(progress, coalesce(total, 0)),
                              result = ${outcome.result === undefined ? null : JSON.stringify(outcome.result)}::jsonb,
                              result_file = ${file}, result_name = ${outcome.file?.name ?? null},
                              message = ${outcome.message ?? sql`message`}
               where id = ${job.id} returning *`,
        );
      } else if (error instanceof JobAborted && !job.inline) {
        // Stopped with the server: back to the queue for the next process (the handler starts over).
        [row] = await rows<JobRow>(
          db,
          sql`update jobs set status = 'queued', started_at = null, heartbeat_at = null, progress = 0
               where id = ${job.id} returning *`,
        );
        this.log(`[jobs] ${job.kind} ${job.id} interrupted, re-queued`);
      } else {
        const message =
          error instanceof JobAborted
            ? '服务器停止，任务已取消（未保存任何数据），请重新提交'
            : error instanceof AppError
              ? error.message
              : '任务执行失败，请稍后重试';
        if (!(error instanceof AppError) && !(error instanceof JobAborted)) {
          this.log(`[jobs] ${job.kind} ${job.id} failed: ${(error as Error)?.stack ?? String(error)}`);
        }
        [row] = await rows<JobRow>(
          db,
          sql`update jobs set status = 'failed', finished_at = ${at}, heartbeat_at = ${at}, error = ${message}
               where id = ${job.id} returning *`,
        );
      }
      return row ? toRecord(row) : job;
    };

    const done = (async () => {
      let outcome: JobOutcome;
      try {
        outcome = await handler(run);
      } catch (err) {
        return await finish(null, err);
      }
      return await finish(outcome, null);
    })()
      .catch((err: unknown) => {
        // Recording the end failed (database gone?): the stale-heartbeat sweep settles the job later.
        this.log(`[jobs] could not record the end of ${job.id}: ${(err as Error).message}`);
        return job;
      })
      .finally(() => {
        this.running.delete(job.id);
        if (!job.inline) this.wake();
      });
    this.running.set(job.id, { job, abort, done });
    return done;
  }

  /** Jobs whose process stopped sending heartbeats: re-queued (up to 3 attempts) or failed (inline jobs). */
  private async reapStale(): Promise<void> {
    const at = now();
    const cutoff = new Date(at.getTime() - STALE_AFTER_MS).toISOString();
    const mine = [...this.running.keys()];
    const notMine = mine.length
      ? sql`and id not in (${sql.join(
          mine.map((id) => sql`${id}`),
          sql`, `,
        )})`
      : sql``;
    const reaped = await rows<{ id: string; status: string }>(
      this.database.db,
      sql`update jobs set
             status = case when inline or attempts >= ${MAX_ATTEMPTS} then 'failed' else 'queued' end,
             error = case when inline or attempts >= ${MAX_ATTEMPTS}
                          then '执行任务的服务器进程已停止，任务未完成，请重新提交' else null end,
             finished_at = case when inline or attempts >= ${MAX_ATTEMPTS} then ${at.toISOString()}::timestamptz end,
             started_at = case when inline or attempts >= ${MAX_ATTEMPTS} then started_at end,
             progress = case when inline or attempts >= ${MAX_ATTEMPTS} then progress else 0 end
           where status = 'running' and heartbeat_at < ${cutoff} ${notMine}
           returning id, status`,
    );
    for (const r of reaped) this.log(`[jobs] stale job ${r.id} → ${r.status}`);
  }

  /** Removes jobs finished (or queued and never run) more than 7 days ago, and their files. */
  async cleanup(): Promise<number> {
    const cutoff = new Date(now().getTime() - JOB_RETENTION_MS).toISOString();
    const gone = await rows<{ result_file: string | null; id: string }>(
      this.database.db,
      sql`delete from jobs
           where (status in ('succeeded', 'failed') and finished_at < ${cutoff})
              or (status = 'queued' and created_at < ${cutoff})
           returning id, result_file`,
    );
    for (const g of gone) {
      if (g.result_file && FILE_NAME.test(g.result_file)) {
        fs.rmSync(path.join(this.filesDir, g.result_file), { force: true });
      }
    }
    // Files nobody refers to any more (a crash between writing and recording): gone after the same period.
    if (fs.existsSync(this.filesDir)) {
      const limit = Date.now() - JOB_RETENTION_MS;
      for (const name of fs.readdirSync(this.filesDir)) {
        const file = path.join(this.filesDir, name);
        try {
          if (fs.statSync(file).mtimeMs < limit) fs.rmSync(file, { force: true });
        } catch {
          // removed meanwhile
        }
      }
    }
    if (gone.length) this.log(`[jobs] removed ${gone.length} expired job(s)`);
    return gone.length;
  }
}

const runners = new WeakMap<Database, JobRunner>();

/** The job runner of an application (one per database handle): modules register handlers and enqueue with it. */
export function jobRunner(deps: { database: Database; config: Config }): JobRunner {
  let r = runners.get(deps.database);
  if (!r) {
    r = new JobRunner(deps.database, deps.config);
    runners.set(deps.database, r);
  }
  return r;
}

/** Content-Disposition for a download: ASCII fallback plus the UTF-8 (Chinese) name (RFC 6266 / 5987). */
export function contentDisposition(name: string): string {
  const ext = path.extname(name).replace(/[^A-Za-z0-9.]/g, '');
  const fallback = `download${ext}`;
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
