import fs from 'node:fs';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ErrorBody, Id, IdParams } from '../../../../shared/src/common';
import {
  DevicePartsQuery,
  DevicePartsStatus,
  DeviceUploadComplete,
  FileUploadFields,
  FileView,
  PHOTO_MAX_PARTS,
  PHOTO_PART_MAX_BYTES,
} from '../../../../shared/src/files';
import { AppError, badRequest } from '../../platform/errors';
import { cleanFileName, FileStore, fileMaxBytes, formatBytes, inlineDisposition } from '../../platform/files';
import { type AppDeps, actorOf, ctxOf } from '../../platform/http';
import * as service from './service';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };
/** Room for the form's boundaries and its two short fields when judging an announced Content-Length. */
const FORM_OVERHEAD_BYTES = 64 * 1024;
/** Served content runs nothing: images and the browser's PDF viewer only. */
const CONTENT_CSP =
  "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; object-src 'self'; frame-ancestors 'self'";

const tooLarge = (max: number) => {
  const message = `文件超过 ${formatBytes(max)} 上限，请压缩或缩小后重新上传`;
  return new AppError(413, 'FILE_TOO_LARGE', message, { file: message });
};
const oneFile = () =>
  badRequest('FILE_ONE_ONLY', '一次只能上传一个文件（字段名 file）', { file: '一次只能上传一个文件' });

/**
 * Streams the form's one file part to a temp file of the store, stopping at the size limit, and collects the fields
 * (which may come before or after the file). On any failure the temp file is gone before the error leaves.
 */
async function stage(
  req: FastifyRequest,
  store: FileStore,
  maxBytes: number,
): Promise<{ staged: service.StagedUpload; fields: Record<string, string> }> {
  if (!req.isMultipart()) {
    throw badRequest('FILE_MISSING', '请以 multipart/form-data 上传文件（字段名 file）', { file: '请选择文件' });
  }
  // Refuse an announced oversize body before reading a byte of it.
  if (Number(req.headers['content-length'] ?? 0) > maxBytes + FORM_OVERHEAD_BYTES) throw tooLarge(maxBytes);
  const fields: Record<string, string> = {};
  let staged: service.StagedUpload | null = null;
  try {
    for await (const part of req.parts()) {
      if (part.type !== 'file') {
        fields[part.fieldname] = String(part.value ?? '');
        continue;
      }
      if (part.fieldname !== 'file') {
        part.file.resume();
        throw badRequest('FILE_MISSING', '请用字段名 file 上传文件', { file: '请选择要上传的文件' });
      }
      if (staged) {
        part.file.resume();
        throw oneFile();
      }
      const current: service.StagedUpload = {
        tempFile: store.tempPath(),
        originalName: cleanFileName(part.filename),
        size: 0,
      };
      staged = current;
      const count = new Transform({
        transform(chunk: Buffer, _enc, done) {
          current.size += chunk.length;
          done(null, chunk);
        },
      });
      await pipeline(part.file, count, fs.createWriteStream(current.tempFile, { flags: 'wx' }));
      if (part.file.truncated) throw tooLarge(maxBytes);
    }
  } catch (err) {
    await store.discard([staged?.tempFile]);
    const code = (err as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge(maxBytes);
    if (code === 'FST_FILES_LIMIT') throw oneFile();
    if (code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') {
      throw badRequest('FILE_FORM_INVALID', '上传表单的字段过多');
    }
    throw err;
  }
  if (!staged || staged.size === 0) {
    await store.discard([staged?.tempFile]);
    throw badRequest('FILE_MISSING', '请选择要上传的文件', { file: '请选择要上传的文件' });
  }
  return { staged, fields };
}

/** The form's purpose and enterpriseId, or 400 naming the field. */
function uploadFields(fields: Record<string, string>): FileUploadFields {
  const parsed = FileUploadFields.safeParse(fields);
  if (!parsed.success) {
    const byField: Record<string, string> = {};
    for (const issue of parsed.error.issues) byField[String(issue.path[0] ?? 'file')] ??= issue.message;
    throw badRequest('VALIDATION_FAILED', Object.values(byField)[0] ?? '请求参数不正确', byField);
  }
  return parsed.data;
}

/** /api/files: upload (multipart), content, thumbnail and details — each behind its enterprise's data scope. */
export async function fileRoutes(base: FastifyInstance, deps: AppDeps) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = deps.database;
  const store = FileStore.forDataDir(deps.config.dataDir);
  await store.init();
  app.addHook('onClose', () => store.destroy());
  const maxBytes = fileMaxBytes();

  await app.register(multipart, {
    limits: { fileSize: maxBytes, files: 1, fields: 4, fieldSize: 200, parts: 5 },
    throwFileSizeLimit: true,
  });

  app.post(
    '/',
    {
      schema: {
        summary: '上传照片或文件（multipart：file + purpose + enterpriseId）',
        description:
          `按文件内容判断类型：JPG/PNG/WebP/HEIC 图片或 PDF，不超过 ${formatBytes(maxBytes)}（FILE_MAX_BYTES）。` +
          '图片按拍摄方向转正后重新编码为 JPEG（长边不超过 2560 像素，去除全部元数据），并生成 320 像素缩略图；' +
          '重新编码前读取 EXIF 拍摄时间与 GPS 位置作为取证信息。purpose：hazardBefore | hazardAfter | evidence | document | signature（检查记录签名）。',
        consumes: ['multipart/form-data'],
        response: { 200: FileView, ...errors, 413: ErrorBody, 422: ErrorBody },
      },
    },
    async (req) => {
      // Read-only roles are refused before a byte of the body is read.
      service.assertCanUpload(actorOf(req));
      const { staged, fields } = await stage(req, store, maxBytes);
      try {
        return await service.upload(db, store, ctxOf(req), staged, uploadFields(fields));
      } finally {
        await store.discard([staged.tempFile]);
      }
    },
  );

  app.post(
    '/device',
    {
      schema: {
        summary: '以设备生成的编号上传照片（离线采集后同步；同一编号重试返回已保存的照片，不重复保存）',
        description:
          '表单：file + id（设备生成的 UUID）+ purpose + enterpriseId。只接受图片（按内容判断，否则 400 FILE_NOT_IMAGE）；' +
          '同一用户、同一企业与用途以同一编号重试，返回第一次保存的照片；编号已被其他照片使用时 409 FILE_ID_TAKEN。',
        consumes: ['multipart/form-data'],
        response: { 200: FileView, ...errors, 409: ErrorBody, 413: ErrorBody, 422: ErrorBody },
      },
    },
    async (req) => {
      service.assertCanUpload(actorOf(req));
      const { staged, fields } = await stage(req, store, maxBytes);
      try {
        const id = Id.safeParse(fields.id);
        if (!id.success) throw badRequest('VALIDATION_FAILED', '照片编号不正确', { id: '照片编号不正确' });
        return await service.upload(db, store, ctxOf(req), staged, uploadFields(fields), {
          id: id.data,
          imagesOnly: true,
        });
      } finally {
        await store.discard([staged.tempFile]);
      }
    },
  );

  app.get(
    '/device/parts',
    {
      schema: {
        summary: '查询设备照片已收到的分片（断点续传：只补传缺少的分片）',
        querystring: DevicePartsQuery,
        response: { 200: DevicePartsStatus, ...errors, 409: ErrorBody },
      },
    },
    (req) => service.devicePartsStatus(db, store, actorOf(req), req.query.id),
  );

  app.post(
    '/device/parts',
    {
      schema: {
        summary: '上传设备照片的一个分片（multipart：file + id + index；同一分片重传覆盖，不重复）',
        description: `每片不超过 ${PHOTO_PART_MAX_BYTES / 1024} KB，至多 ${PHOTO_MAX_PARTS} 片；分片只属于上传者本人。`,
        consumes: ['multipart/form-data'],
        response: { 200: DevicePartsStatus, ...errors, 409: ErrorBody, 413: ErrorBody },
      },
    },
    async (req) => {
      service.assertCanUpload(actorOf(req));
      const { staged, fields } = await stage(req, store, PHOTO_PART_MAX_BYTES);
      try {
        const id = Id.safeParse(fields.id);
        if (!id.success) throw badRequest('VALIDATION_FAILED', '照片编号不正确', { id: '照片编号不正确' });
        const index = Number(fields.index);
        if (!/^\d+$/.test(fields.index ?? '') || index >= PHOTO_MAX_PARTS) {
          throw badRequest('VALIDATION_FAILED', '分片序号不正确', { index: '分片序号不正确' });
        }
        return await service.putDevicePart(db, store, actorOf(req), staged, { id: id.data, index }, maxBytes);
      } finally {
        await store.discard([staged.tempFile]);
      }
    },
  );

  app.post(
    '/device/complete',
    {
      schema: {
        summary: '合并设备照片的全部分片并保存（校验大小与 SHA-256；与整张上传同样的规则与幂等）',
        body: DeviceUploadComplete,
        response: { 200: FileView, ...errors, 409: ErrorBody, 422: ErrorBody },
      },
    },
    (req) => service.completeDeviceUpload(db, store, ctxOf(req), req.body),
  );

  const send = async (req: FastifyRequest, reply: FastifyReply, id: string, variant: 'file' | 'thumb') => {
    const c = await service.content(db, store, actorOf(req), id, variant);
    reply
      .header('cache-control', 'private, max-age=3600')
      .header('etag', c.etag)
      .header('content-security-policy', CONTENT_CSP);
    if (req.headers['if-none-match'] === c.etag) return reply.status(304).send();
    return reply
      .header('content-type', c.mime)
      .header('content-length', c.size)
      .header('content-disposition', inlineDisposition(c.name))
      .send(store.open(c.key) as never); // binary: the error schemas only describe failures
  };

  app.get(
    '/:id',
    { schema: { summary: '查看文件（重新编码后的图片或 PDF）', params: IdParams, response: errors } },
    (req, reply) => send(req, reply, req.params.id, 'file'),
  );
  app.get(
    '/:id/thumb',
    { schema: { summary: '图片缩略图（320 像素 JPEG）', params: IdParams, response: errors } },
    (req, reply) => send(req, reply, req.params.id, 'thumb'),
  );
  app.get(
    '/:id/meta',
    {
      schema: {
        summary: '文件信息（拍摄时间与位置仅对安监、管理员、检查人员显示）',
        params: IdParams,
        response: { 200: FileView, ...errors },
      },
    },
    (req) => service.meta(db, actorOf(req), req.params.id),
  );
}
