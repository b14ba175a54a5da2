// The job runner against a real database (PGlite, or PostgreSQL with TEST_DATABASE_URL): exactly-once claiming
// across runners, progress, failures, shutdown, dead processes and the 7-day clean-up.
import fs from 'node:fs';
import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../testing/harness';
import type { Actor, RequestContext } from './actor';
import { clock, now } from './clock';
import { rows } from './db';
import { AppError } from './errors';
import { contentDisposition, getJob, type JobRecord, JobRunner, throwIfAborted, toJobView } from './jobs';

let env: TestEnv;
let ctx: RequestContext;
const runners: JobRunner[] = [];

beforeAll(async () => {
  env = await createTestEnv();
  const [u] = await rows<{ id: string; park_id: string; organisation_id: string }>(
    env.database.db,
    sql`select id, park_id, organisation_id from users where username = 'supervisor'`,
  );
  const actor: Actor = {
    userId: u!.id,
    username: 'supervisor',
    displayName: '张安监',
    role: 'supervisor',
    parkId: u!.park_id,
    organisationId: u!.organisation_id,
    enterpriseId: null,
    mustChangePassword: false,
  };
  ctx = { actor, ip: '10.1.2.3' };
});
afterEach(async () => {
  clock.reset();
  await Promise.all(runners.splice(0).map((r) => r.stop()));
});
afterAll(async () => {
  await env?.close();
});

function runner(opts: { concurrency?: number } = {}): JobRunner {
  const r = new JobRunner(env.database, env.config, { pollMs: 20, ...opts });
  runners.push(r);
  return r;
}

async function until(id: string, done: (j: JobRecord) => boolean, timeoutMs = 20_000): Promise<JobRecord> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const j = await getJob(env.database.db, id);
    if (j && done(j)) return j;
    if (Date.now() > end) throw new Error(`job ${id} stuck at ${j?.status}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('job runner', () => {
  it('runs each queued job exactly once, however many runners poll (FOR UPDATE SKIP LOCKED)', async () => {
    const ran: string[] = [];
    const handler = async (run: { job: JobRecord }) => {
      ran.push(run.job.id);
      await sleep(15);
      return { result: { by: 'x' } };
    };
    const a = runner({ concurrency: 2 });
    const b = runner({ concurrency: 2 });
    a.register('test.once', handler);
    b.register('test.once', handler);
    const jobs: JobRecord[] = [];
    for (let i = 0; i < 12; i++) jobs.push(await a.enqueue(ctx, { kind: 'test.once', params: { i } }));
    a.start();
    b.start();
    for (const j of jobs) expect((await until(j.id, (x) => x.status === 'succeeded')).attempts).toBe(1);
    expect(ran.sort()).toEqual(jobs.map((j) => j.id).sort());
  });

  it('enqueueOnce: of simultaneous starts with one key across two runners (two processes) one job is made', async () => {
    const a = runner();
    const b = runner();
    const handler = async () => {
      await sleep(50);
      return { result: {} };
    };
    a.register('test.single', handler);
    b.register('test.single', handler);
    const starts = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        (i % 2 ? a : b).enqueueOnce(ctx, { kind: 'test.single', key: 'park:2026-01-01:2026-06-30', params: {} }),
      ),
    );
    const ids = new Set(starts.map((s) => s.job.id));
    expect(ids.size).toBe(1);
    expect(starts.filter((s) => !s.existing)).toHaveLength(1);
    // Another key is another job; once the first has finished, the same key starts a new one.
    const other = await a.enqueueOnce(ctx, { kind: 'test.single', key: 'park:2026-07-01:2026-12-31', params: {} });
    expect(other.existing).toBe(false);
    a.start();
    await until(starts[0]!.job.id, (x) => x.status === 'succeeded');
    const again = await b.enqueueOnce(ctx, { kind: 'test.single', key: 'park:2026-01-01:2026-06-30', params: {} });
    expect(again.existing).toBe(false);
    expect(ids.has(again.job.id)).toBe(false);
  });

  it('records progress while running, then the result, the file and the finish time', async () => {
    const r = runner();
    let release!: () => void;
    const gate = new Promise<void>((res) => {
      release = res;
    });
    r.register<{ n: number }>('test.progress', async (run) => {
      run.progress(5, 10, '一半');
      await gate;
      const file = run.filePath('.txt');
      fs.writeFileSync(file, 'hello');
      return { result: { n: run.params.n }, file: { path: file, name: '测试文件.txt' }, message: '完成' };
    });
    r.start();
    const job = await r.enqueue(ctx, { kind: 'test.progress', params: { n: 7 } });
    const mid = await until(job.id, (j) => j.progress === 5);
    expect(mid).toMatchObject({ status: 'running', total: 10, message: '一半' });
    release();
    const done = await until(job.id, (j) => j.status === 'succeeded');
    expect(done).toMatchObject({ progress: 10, result: { n: 7 }, resultName: '测试文件.txt', message: '完成' });
    expect(done.context).toMatchObject({ actor: { username: 'supervisor' }, ip: '10.1.2.3' });
    expect(fs.readFileSync(r.resultPath(done)!, 'utf8')).toBe('hello');
    expect(toJobView(done)).toMatchObject({ downloadUrl: `/api/jobs/${job.id}/download`, status: 'succeeded' });
    expect(toJobView(done).expiresAt).toBe(new Date(done.finishedAt!.getTime() + 7 * 24 * 3600_000).toISOString());
  });

  it('fails a job with the Chinese message of an AppError, and a generic one otherwise', async () => {
    const r = runner();
    r.register('test.rule', async () => {
      throw new AppError(422, 'X', '企业已注销，不能导出');
    });
    r.register('test.bug', async () => {
      throw new TypeError('undefined is not a function');
    });
    r.start();
    const rule = await r.enqueue(ctx, { kind: 'test.rule', params: {} });
    const bug = await r.enqueue(ctx, { kind: 'test.bug', params: {} });
    expect(await until(rule.id, (j) => j.status === 'failed')).toMatchObject({ error: '企业已注销，不能导出' });
    const failed = await until(bug.id, (j) => j.status === 'failed');
    expect(failed.error).toBe('任务执行失败，请稍后重试');
    expect(failed.finishedAt).not.toBeNull();
  });

  it('on shutdown re-queues a queued job that was running, and fails an inline one', async () => {
    const r = runner({ concurrency: 2 });
    const waitForAbort = async (run: { signal: AbortSignal }) => {
      while (!run.signal.aborted) await sleep(5);
      throwIfAborted(run.signal);
      return {};
    };
    r.register('test.long', waitForAbort);
    r.start();
    const queued = await r.enqueue(ctx, { kind: 'test.long', params: {} });
    await until(queued.id, (j) => j.status === 'running');
    const inline = await r.runInline(ctx, { kind: 'test.inline', params: {} }, waitForAbort);
    expect(inline.job.status).toBe('running');
    await r.stop();
    expect(await getJob(env.database.db, queued.id)).toMatchObject({ status: 'queued', attempts: 1, startedAt: null });
    expect((await inline.done).status).toBe('failed');
    expect((await getJob(env.database.db, inline.job.id))!.error).toMatch(/服务器停止/);
    // The next process picks the queued one up again.
    const next = runner();
    next.register('test.long', async () => ({ result: 'again' }));
    next.start();
    expect(await until(queued.id, (j) => j.status === 'succeeded')).toMatchObject({ attempts: 2, result: 'again' });
  });

  it('hands the jobs of a process that died back to the queue (inline ones fail) once heartbeats stop', async () => {
    const dead = new JobRunner(env.database, env.config);
    const hung = new Promise<never>(() => {});
    dead.register('test.orphan', () => hung);
    // Claimed by a "process" that then vanished: running, with a heartbeat that stops.
    const orphan = await dead.enqueue(ctx, { kind: 'test.orphan', params: {} });
    await env.database.db.execute(
      sql`update jobs set status = 'running', attempts = 1, started_at = ${now().toISOString()},
                          heartbeat_at = ${now().toISOString()} where id = ${orphan.id}`,
    );
    const inline = await dead.runInline(ctx, { kind: 'test.orphanInline', params: {} }, () => hung);
    const r = runner();
    r.register('test.other', async () => ({}));
    r.start();
    await sleep(100);
    expect((await getJob(env.database.db, orphan.id))!.status).toBe('running'); // heartbeat still fresh
    clock.advance(6 * 60_000);
    expect(await until(orphan.id, (j) => j.status === 'queued')).toMatchObject({ progress: 0 });
    expect(await until(inline.job.id, (j) => j.status === 'failed')).toMatchObject({
      error: expect.stringContaining('服务器进程已停止'),
    });
  });

  it('removes finished jobs and their files after 7 days, not before', async () => {
    const r = runner();
    r.register('test.file', async (run) => {
      const file = run.filePath('.xlsx');
      fs.writeFileSync(file, 'x');
      return { file: { path: file, name: 'a.xlsx' } };
    });
    r.start();
    const job = await until(
      (await r.enqueue(ctx, { kind: 'test.file', params: {} })).id,
      (j) => j.status === 'succeeded',
    );
    const file = r.resultPath(job)!;
    clock.advance(7 * 24 * 3600_000 - 60_000);
    await r.cleanup();
    expect(fs.existsSync(file)).toBe(true);
    clock.advance(120_000);
    await r.cleanup();
    expect(fs.existsSync(file)).toBe(false);
    expect(await getJob(env.database.db, job.id)).toBeNull();
  });
});

describe('contentDisposition', () => {
  it('offers the Chinese name as UTF-8 with an ASCII fallback', () => {
    expect(contentDisposition('企业档案_20250101-0930.xlsx')).toBe(
      `attachment; filename="download.xlsx"; filename*=UTF-8''${encodeURIComponent('企业档案_20250101-0930.xlsx')}`,
    );
    expect(contentDisposition("a'(b).xlsx")).toContain("filename*=UTF-8''a%27%28b%29.xlsx");
  });
});
