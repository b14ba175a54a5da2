import type { Actor } from '../../platform/actor';
import type { Db } from '../../platform/db';
import { conflict, notFound } from '../../platform/errors';
import { getJob, type JobRecord, type JobRunner, listJobsOf } from '../../platform/jobs';

/** A job is its creator's alone: anyone else gets the same 404 as for a job that does not exist. */
export async function getOwn(db: Db, actor: Actor, id: string): Promise<JobRecord> {
  const job = await getJob(db, id);
  if (!job || job.createdBy !== actor.userId || job.parkId !== actor.parkId) throw notFound('任务');
  return job;
}

export function listMine(db: Db, actor: Actor): Promise<JobRecord[]> {
  return listJobsOf(db, actor.userId);
}

/** The finished job's file: path on disk and the name to offer. */
export async function download(db: Db, runner: JobRunner, actor: Actor, id: string) {
  const job = await getOwn(db, actor, id);
  if (job.status === 'queued' || job.status === 'running') {
    throw conflict('JOB_NOT_FINISHED', '任务尚未完成，请稍后再下载');
  }
  const file = job.status === 'succeeded' ? runner.resultPath(job) : null;
  if (!file || !job.resultName) throw notFound('文件（可能已过期，超过 7 天的文件会被清理）', 'FILE_NOT_FOUND');
  return { file, name: job.resultName };
}
