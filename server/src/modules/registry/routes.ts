import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBody, IdParams, Ok, patchOf } from '../../../../shared/src/common';
import { AttachmentListQuery } from '../../../../shared/src/registry';
import { appendAudit } from '../../platform/audit';
import { XLSX_MIME } from '../../platform/excel';
import { type AppDeps, ctxOf } from '../../platform/http';
import { scopeLabel } from '../../platform/scope';
import { DEFINITIONS } from './definitions';
import { certificatesWorkbook } from './export';
import * as service from './service';

const AttachmentExportQuery = AttachmentListQuery.omit({ page: true, pageSize: true });

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody };

/** /api/registry/{hazard-sources|equipment|plans|certificates}: list (with due filters), create, read, edit, delete. */
export async function registryRoutes(base: FastifyInstance, deps: AppDeps) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = deps.database;

  base.get<{ Querystring: z.infer<typeof AttachmentExportQuery> }>(
    '/certificates/export',
    {
      schema: {
        summary: '导出特种作业证书（当前筛选条件，按数据范围）为 Excel；证书编号仅对管理员、安监人员完整显示',
        querystring: AttachmentExportQuery,
        produces: [XLSX_MIME],
        response: errors,
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const { buffer, rows, clear } = await certificatesWorkbook(db, ctx.actor!, req.query, scopeLabel(ctx.actor!));
      await db.transaction((tx) =>
        appendAudit(tx, ctx, {
          action: 'certificates.export',
          entityType: 'certificates',
          after: { filters: req.query, rows, personalData: clear ? 'clear' : 'masked' },
        }),
      );
      return reply
        .type(XLSX_MIME)
        .header(
          'content-disposition',
          `attachment; filename="certificates.xlsx"; filename*=UTF-8''${encodeURIComponent('特种作业证书.xlsx')}`,
        )
        .header('cache-control', 'no-store')
        .send(buffer);
    },
  );

  for (const def of Object.values(DEFINITIONS)) {
    const path = `/${def.kind}`;
    app.get(
      path,
      {
        schema: {
          summary: `${def.label}列表（可按企业、到期状态筛选）`,
          querystring: AttachmentListQuery,
          response: { 200: def.page, ...errors },
        },
      },
      (req) => service.list(db, def, ctxOf(req), req.query),
    );
    app.post(
      path,
      {
        schema: {
          summary: `登记${def.label}`,
          body: def.input.extend({ enterpriseId: z.uuid({ error: '请选择企业' }) }),
          response: { 200: def.view, ...errors },
        },
      },
      (req) => {
        const { enterpriseId, ...input } = req.body as { enterpriseId: string } & Record<string, unknown>;
        return service.create(db, def, ctxOf(req), enterpriseId, input);
      },
    );
    app.get(
      `${path}/:id`,
      { schema: { summary: `${def.label}详情`, params: IdParams, response: { 200: def.view, ...errors } } },
      (req) => service.get(db, def, ctxOf(req), req.params.id),
    );
    app.patch(
      `${path}/:id`,
      {
        schema: {
          summary: `修改${def.label}`,
          params: IdParams,
          body: patchOf(def.input),
          response: { 200: def.view, ...errors },
        },
      },
      (req) => service.update(db, def, ctxOf(req), req.params.id, req.body as Record<string, unknown>),
    );
    app.delete(
      `${path}/:id`,
      { schema: { summary: `删除${def.label}`, params: IdParams, response: { 200: Ok, ...errors } } },
      async (req) => {
        await service.remove(db, def, ctxOf(req), req.params.id);
        return { ok: true as const };
      },
    );
  }
}
