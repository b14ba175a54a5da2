import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ErrorBody, IdParams } from '../../../../shared/src/common';
import {
  DocumentFileQuery,
  IssuedDocumentPage,
  IssuedDocumentQuery,
  IssuedDocumentView,
  RecheckOpinionBody,
  RectificationNoticeBody,
  ReissueBody,
} from '../../../../shared/src/documents';
import { type AppDeps, actorOf, ctxOf } from '../../platform/http';
import { contentDisposition } from '../../platform/jobs';
import * as service from './service';

const errors = {
  400: ErrorBody,
  401: ErrorBody,
  403: ErrorBody,
  404: ErrorBody,
  409: ErrorBody,
  422: ErrorBody,
  503: ErrorBody,
};

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
        summary:
          '事故隐患整改通知书（Word 或 PDF）：所选隐患，或企业（某次检查）的全部待整改隐患；首次出具时编号，以后下载（任一格式）沿用同一文号',
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
        summary: '事故隐患整改复查意见书（Word 或 PDF），依据该隐患最近一次复查；同一次复查只编一个文号',
        body: RecheckOpinionBody,
        response: errors,
      },
    },
    async (req, reply) => sendDocument(reply, await service.generateRecheckOpinion(db, ctxOf(req), req.body)),
  );
  app.get(
    '/',
    {
      schema: {
        summary: '发文登记：已出具的文书（按企业、检查记录或隐患；含已作废的文号）',
        querystring: IssuedDocumentQuery,
        response: { 200: IssuedDocumentPage, ...errors },
      },
    },
    (req) => service.listIssued(db, actorOf(req), req.query),
  );
  app.get(
    '/:id/file',
    {
      schema: {
        summary: '再次下载已出具的文书（同一内容与文号，Word 或 PDF；已作废的不能下载）',
        params: IdParams,
        querystring: DocumentFileQuery,
        response: errors,
      },
    },
    async (req, reply) =>
      sendDocument(reply, await service.downloadIssued(db, ctxOf(req), req.params.id, req.query.format)),
  );
  app.post(
    '/:id/reissue',
    {
      schema: {
        summary: '重新出具（安监人员）：原文号作废，同一事项取新文号（须说明原因，记入审计）',
        params: IdParams,
        body: ReissueBody,
        response: { 200: IssuedDocumentView, ...errors },
      },
    },
    (req) => service.reissue(db, ctxOf(req), req.params.id, req.body),
  );
}
