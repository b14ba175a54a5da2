import fs from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ErrorBody, IdParams } from '../../../../shared/src/common';
import { JobList, JobView } from '../../../../shared/src/io';
import { XLSX_MIME } from '../../platform/excel';
import { type AppDeps, actorOf } from '../../platform/http';
import { contentDisposition, jobRunner, toJobView } from '../../platform/jobs';
import * as service from './service';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

/** Job status and downloads; also starts and stops the process's job runner with the application. */
export async function jobRoutes(base: FastifyInstance, deps: AppDeps) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = deps.database;
  const runner = jobRunner(deps);
  app.addHook('onReady', async () => {
    runner.start((msg) => app.log.info(msg));
  });
  app.addHook('onClose', async () => {
    await runner.stop();
  });

  app.get(
    '/',
    { schema: { summary: '我的后台任务（近 7 天）', response: { 200: JobList, ...errors } } },
    async (req) => ({ items: (await service.listMine(db, actorOf(req))).map(toJobView) }),
  );
  app.get(
    '/:id',
    { schema: { summary: '后台任务状态与进度', params: IdParams, response: { 200: JobView, ...errors } } },
    async (req) => toJobView(await service.getOwn(db, actorOf(req), req.params.id)),
  );
  app.get(
    '/:id/download',
    {
      schema: {
        summary: '下载任务生成的文件（仅创建者）',
        params: IdParams,
        response: errors,
      },
    },
    async (req, reply) => {
      const { file, name } = await service.download(db, runner, actorOf(req), req.params.id);
      return reply
        .header('content-type', name.endsWith('.xlsx') ? XLSX_MIME : 'application/octet-stream')
        .header('content-disposition', contentDisposition(name))
        .header('cache-control', 'private, no-store')
        .send(fs.createReadStream(file) as never); // binary: the error schemas only describe failures
    },
  );
}
