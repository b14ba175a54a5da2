import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ErrorBody } from '../../../../shared/src/common';
import { RecheckOpinionBody, RectificationNoticeBody } from '../../../../shared/src/documents';
import { type AppDeps, ctxOf } from '../../platform/http';
import { contentDisposition } from '../../platform/jobs';
import * as service from './service';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 422: ErrorBody, 503: ErrorBody };

/** The file as a download; X-Document-Number carries the number given (URL-encoded: headers are ASCII). */
function sendDocument(reply: FastifyReply, doc: service.GeneratedDocument) {
  return reply
    .header('content-type', doc.format === 'pdf' ? service.PDF_MIME : service.DOCX_MIME)
    .header('content-disposition', contentDisposition(doc.fileName))
    .header('x-document-number', encodeURIComponent(doc.number))
    .header('cache-control', 'private, no-store')
    .send(doc.buffer as never); // binary: the error schemas only describe failures
}

export async function documentRoutes(base: FastifyInstance, deps: AppDeps) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = deps.database;

  app.post(
    '/rectification-notice',
    {
      schema: {
        summary: '生成事故隐患整改通知书（Word 或 PDF）：所选隐患，或企业（某次检查）的全部待整改隐患',
        body: RectificationNoticeBody,
        response: errors,
      },
    },
    async (req, reply) => sendDocument(reply, await service.generateRectificationNotice(db, ctxOf(req), req.body)),
  );
  app.post(
    '/recheck-opinion',
    {
      schema: {
        summary: '生成事故隐患整改复查意见书（Word 或 PDF），依据该隐患最近一次复查',
        body: RecheckOpinionBody,
        response: errors,
      },
    },
    async (req, reply) => sendDocument(reply, await service.generateRecheckOpinion(db, ctxOf(req), req.body)),
  );
}
