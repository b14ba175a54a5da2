// Rules for uploaded files: who may upload and for which enterprise, what is accepted (by content), one transaction
// for the row and its audit record with the bytes placed before it and removed if it fails, and the data-scope check
// of the file's enterprise before any byte or detail is shown. Other modules attach files through assertFilesUsable.
import { randomUUID } from 'node:crypto';
import {
  type DevicePartsStatus,
  type DeviceUploadComplete,
  FILE_TYPES_ALLOWED_MESSAGE,
  type FilePurpose,
  type FileUploadFields,
  type FileView,
  type ParkFileKind,
  PHOTO_PART_MAX_BYTES,
} from '../../../../shared/src/files';
import type { Role } from '../../../../shared/src/roles';
import type { Actor, RequestContext } from '../../platform/actor';
import { appendAudit } from '../../platform/audit';
import { now } from '../../platform/clock';
import type { Db } from '../../platform/db';
import { AppError, badRequest, forbidden, notFound, unprocessable } from '../../platform/errors';
import {
  type ContentKind,
  type FileStore,
  formatBytes,
  isImageKind,
  MAX_INPUT_PIXELS,
  processImage,
  readHead,
  servedName,
  sha256Of,
  sha256OfFile,
  sniff,
  UnreadableImageError,
} from '../../platform/files';
import { assertEnterpriseInScope } from '../../platform/scope';
import { parkFileKindRule } from './kinds';
import type { FileRow } from './repository';
import * as repo from './repository';

/** Who may upload: an enterprise for its own records, the committee's staff and inspectors for theirs (data scope). */
const UPLOADERS: readonly Role[] = ['admin', 'supervisor', 'inspector', 'enterprise'];
/** Who sees when and where a photo was taken. */
const EVIDENCE_READERS: readonly Role[] = ['admin', 'supervisor', 'inspector'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An upload the HTTP layer has streamed to a temp file of the store (within the size limit). */
export interface StagedUpload {
  tempFile: string;
  originalName: string;
  size: number;
}

/** Who may upload a park file (no enterprise): the committee, for its own records. */
const PARK_UPLOADERS: readonly Role[] = ['admin', 'supervisor'];

export function assertCanUpload(actor: Actor): void {
  if (!UPLOADERS.includes(actor.role)) throw forbidden('当前角色只能查看，不能上传文件', 'FILE_UPLOAD_FORBIDDEN');
}

/**
 * The enterprise of an upload is in scope; an upload without one is the committee's own (a park file), of one kind of
 * record when recordKind is given — uploaded only by that kind's writers.
 */
async function assertOwnerUsable(db: Db, actor: Actor, fields: FileUploadFields): Promise<void> {
  const { enterpriseId, recordKind } = fields;
  if (enterpriseId) {
    if (recordKind) {
      const message = '企业的文件不能作为管委会记录的附件上传';
      throw badRequest('VALIDATION_FAILED', message, { recordKind: message });
    }
    return assertEnterpriseInScope(db, actor, enterpriseId);
  }
  if (!PARK_UPLOADERS.includes(actor.role)) {
    throw badRequest('VALIDATION_FAILED', '请选择企业', { enterpriseId: '请选择企业' });
  }
  if (recordKind && !parkFileKindRule(recordKind)?.uploaders.includes(actor.role)) {
    throw forbidden('当前角色不能为该类记录上传附件', 'FILE_UPLOAD_FORBIDDEN');
  }
}

export function toView(row: FileRow, actor: Actor | null): FileView {
  const view: FileView = {
    id: row.id,
    enterpriseId: row.enterpriseId,
    recordKind: row.recordKind,
    purpose: row.purpose,
    mime: row.mime,
    size: row.size,
    width: row.width,
    height: row.height,
    originalName: row.originalName,
    createdAt: row.createdAt.toISOString(),
    url: `/api/files/${row.id}`,
    thumbUrl: row.thumbKey ? `/api/files/${row.id}/thumb` : null,
  };
  if (actor && EVIDENCE_READERS.includes(actor.role)) {
    view.capturedAt = row.capturedAt?.toISOString() ?? null;
    view.gps = row.gps ?? null;
  }
  return view;
}

/** The audit record: what was stored, never where the photo was taken (enterprise history is readable widely). */
function auditView(row: FileRow) {
  return {
    id: row.id,
    enterpriseId: row.enterpriseId,
    recordKind: row.recordKind,
    purpose: row.purpose,
    originalName: row.originalName,
    mime: row.mime,
    size: row.size,
    sha256: row.sha256,
    width: row.width,
    height: row.height,
    hasCapturedAt: row.capturedAt !== null,
    hasGps: row.gps !== null,
  };
}

interface Prepared {
  mime: FileRow['mime'];
  mainTemp: string;
  thumbTemp: string | null;
  size: number;
  sha256: string;
  width: number | null;
  height: number | null;
  capturedAt: Date | null;
  gps: FileRow['gps'];
}

const typeNotAllowed = () =>
  badRequest('FILE_TYPE_NOT_ALLOWED', FILE_TYPES_ALLOWED_MESSAGE, { file: FILE_TYPES_ALLOWED_MESSAGE });

function unreadable(err: UnreadableImageError): AppError {
  if (err.reason === 'pixels') {
    const message = `图片像素过多（超过 ${MAX_INPUT_PIXELS / 1_000_000} 百万像素），请缩小后重新上传`;
    return badRequest('FILE_IMAGE_TOO_LARGE', message, { file: message });
  }
  if (err.kind === 'heif') {
    const message = 'HEIC 照片无法识别：请在手机相机设置中选择“兼容性最佳”，或转为 JPG 后上传';
    return badRequest('FILE_TYPE_NOT_ALLOWED', message, { file: message });
  }
  const message = '图片已损坏或无法识别，请重新拍摄或导出后上传';
  return badRequest('FILE_UNREADABLE', message, { file: message });
}

/** Decides the type by content; images become the clean served copy plus a thumbnail, in temp files of the store. */
async function prepare(store: FileStore, staged: StagedUpload): Promise<Prepared> {
  const kind: ContentKind | null = sniff(await readHead(staged.tempFile));
  if (!kind) throw typeNotAllowed();
  if (!isImageKind(kind)) {
    return {
      mime: 'application/pdf',
      mainTemp: staged.tempFile,
      thumbTemp: null,
      size: staged.size,
      sha256: await sha256OfFile(staged.tempFile),
      width: null,
      height: null,
      capturedAt: null,
      gps: null,
    };
  }
  let image: Awaited<ReturnType<typeof processImage>>;
  try {
    image = await processImage(staged.tempFile, kind);
  } catch (err) {
    if (err instanceof UnreadableImageError) throw unreadable(err);
    throw err;
  }
  const mainTemp = await store.writeTemp(image.main);
  const thumbTemp = await store.writeTemp(image.thumb).catch(async (err: unknown) => {
    await store.discard([mainTemp]);
    throw err;
  });
  return {
    mime: 'image/jpeg',
    mainTemp,
    thumbTemp,
    size: image.main.length,
    sha256: sha256Of(image.main),
    width: image.width,
    height: image.height,
    capturedAt: image.capturedAt,
    gps: image.gps,
  };
}

/**
 * Stores one upload for an enterprise's records. The bytes are placed first (never waiting on disk inside a
 * transaction), then the row and its audit record commit together; if that fails the placed bytes are removed, so
 * a failed request leaves neither a row nor a file. The caller removes staged.tempFile whatever happens.
 */
export async function upload(
  db: Db,
  store: FileStore,
  ctx: RequestContext,
  staged: StagedUpload,
  fields: FileUploadFields,
  opts: UploadOptions = {},
): Promise<FileView> {
  const actor = ctx.actor!;
  assertCanUpload(actor);
  await assertOwnerUsable(db, actor, fields);
  if (opts.id) {
    const again = await sameUpload(db, actor, opts.id, fields);
    if (again) return again;
  }
  const prepared = await prepare(store, staged);
  if (opts.imagesOnly && prepared.mime !== 'image/jpeg') {
    await store.discard([prepared.mainTemp, prepared.thumbTemp]);
    const message = '照片内容不是图片（只接受 JPG/PNG/WebP 照片），请重新拍摄';
    throw badRequest('FILE_NOT_IMAGE', message, { file: message });
  }
  const id = opts.id ?? randomUUID();
  const createdAt = now();
  const key = store.keyFor(actor.parkId, id, createdAt);
  const thumbKey = prepared.thumbTemp ? store.thumbKeyOf(key) : null;
  const placed: string[] = [];
  try {
    await store.place(prepared.mainTemp, key);
    placed.push(key);
    if (prepared.thumbTemp && thumbKey) {
      await store.place(prepared.thumbTemp, thumbKey);
      placed.push(thumbKey);
    }
    const row = await db.transaction(async (tx) => {
      await assertOwnerUsable(tx, actor, fields);
      const created = await repo.insert(tx, {
        parkId: actor.parkId,
        id,
        enterpriseId: fields.enterpriseId ?? null,
        recordKind: fields.recordKind ?? null,
        purpose: fields.purpose,
        originalName: staged.originalName,
        mime: prepared.mime,
        size: prepared.size,
        sha256: prepared.sha256,
        storageKey: key,
        thumbKey,
        width: prepared.width,
        height: prepared.height,
        capturedAt: prepared.capturedAt,
        gps: prepared.gps,
        uploadedBy: actor.userId,
        createdAt,
      });
      await appendAudit(tx, ctx, {
        action: 'file.upload',
        entityType: 'file',
        entityId: id,
        enterpriseId: fields.enterpriseId ?? null,
        after: auditView(created),
      });
      return created;
    });
    return toView(row, actor);
  } catch (err) {
    await store.remove(placed).catch(() => {});
    // Two retries of one device photo raced: the one that committed is the answer.
    if (opts.id && isDuplicateKey(err)) {
      const again = await sameUpload(db, actor, opts.id, fields);
      if (again) return again;
    }
    throw err;
  } finally {
    await store.discard([prepared.mainTemp, prepared.thumbTemp]);
  }
}

export interface UploadOptions {
  /** An id made on the device (offline capture): a retry with the same id returns the stored file, never a copy. */
  id?: string;
  /** Refuse documents: a photo's content must be an image. */
  imagesOnly?: boolean;
}

const isDuplicateKey = (err: unknown) =>
  (err as { code?: string }).code === '23505' || String(err).includes('duplicate key');

/**
 * The stored file with this device-made id, when the same user uploaded it for the same enterprise and purpose (a
 * retry); null when there is none. The same id used by another user or for another record is refused (409).
 */
async function sameUpload(db: Db, actor: Actor, id: string, fields: FileUploadFields): Promise<FileView | null> {
  const [row] = await repo.byIds(db, [id]);
  if (!row) return null;
  if (
    row.parkId !== actor.parkId ||
    row.uploadedBy !== actor.userId ||
    row.enterpriseId !== (fields.enterpriseId ?? null) ||
    row.recordKind !== (fields.recordKind ?? null) ||
    row.purpose !== fields.purpose
  ) {
    throw new AppError(409, 'FILE_ID_TAKEN', '照片编号已被其他照片使用，请在设备上重新拍摄该照片');
  }
  return toView(row, actor);
}

/** The file's details, after the data-scope check of its enterprise (another enterprise's file is "not found"). */
export async function meta(db: Db, actor: Actor, id: string): Promise<FileView> {
  return toView(await load(db, actor, id), actor);
}

async function load(db: Db, actor: Actor, id: string): Promise<FileRow> {
  const row = await repo.getInScope(db, actor, id);
  if (!row) throw notFound('文件', 'FILE_NOT_FOUND');
  return row;
}

export interface Content {
  key: string;
  mime: string;
  size: number;
  name: string;
  etag: string;
}

/** What to send for GET /:id or /:id/thumb, after the same data-scope check as the file's enterprise's records. */
export async function content(
  db: Db,
  store: FileStore,
  actor: Actor,
  id: string,
  variant: 'file' | 'thumb',
): Promise<Content> {
  const row = await load(db, actor, id);
  const key = variant === 'thumb' ? row.thumbKey : row.storageKey;
  if (!key) throw new AppError(404, 'FILE_NO_THUMBNAIL', '该文件没有缩略图');
  const size = await store.sizeOf(key);
  if (size === null) throw new AppError(404, 'FILE_CONTENT_MISSING', '文件内容已丢失，请联系管理员');
  return {
    key,
    mime: variant === 'thumb' ? 'image/jpeg' : row.mime,
    size,
    name: servedName(row.originalName, row.mime),
    etag: `"${row.sha256}${variant === 'thumb' ? '-thumb' : ''}"`,
  };
}

/**
 * For modules attaching files to a record of an enterprise (hazard photos, evidence): every id must be a file of
 * that enterprise, visible to the actor, and of one of the purposes when given — otherwise 422 FILE_NOT_FOUND
 * (naming the field when given) and the caller's transaction rolls back.
 */
export async function assertFilesUsable(
  tx: Db,
  actor: Actor,
  /** null: the committee's own files (a park record). */
  enterpriseId: string | null,
  fileIds: readonly string[],
  purpose?: FilePurpose | readonly FilePurpose[],
  field?: string,
): Promise<void> {
  const wanted = [...new Set(fileIds)];
  if (wanted.length === 0) return;
  const purposes = purpose === undefined ? null : typeof purpose === 'string' ? [purpose] : purpose;
  const found = wanted.every((id) => UUID.test(id))
    ? await repo.usableIds(tx, actor, enterpriseId, wanted, purposes)
    : [];
  if (found.length !== wanted.length) {
    const message = '所选文件不存在、不属于该企业或用途不符，请重新上传';
    throw unprocessable('FILE_NOT_FOUND', message, field ? { [field]: message } : undefined);
  }
}

/**
 * For a committee record of one kind (a training session of the committee, a fire-service contract): every id must
 * be a park file uploaded for that kind of record and visible to the actor, of one of the purposes when given —
 * otherwise 422 FILE_NOT_FOUND naming the field (an enterprise's file, another kind's or an unknown id are refused).
 */
export async function assertParkFilesUsable(
  tx: Db,
  actor: Actor,
  recordKind: ParkFileKind,
  fileIds: readonly string[],
  purpose: FilePurpose | readonly FilePurpose[] | undefined,
  field: string,
): Promise<void> {
  const wanted = [...new Set(fileIds)];
  if (wanted.length === 0) return;
  const purposes = purpose === undefined ? null : typeof purpose === 'string' ? [purpose] : purpose;
  const found = wanted.every((id) => UUID.test(id))
    ? await repo.usableIds(tx, actor, null, wanted, purposes, recordKind)
    : [];
  if (found.length !== wanted.length) {
    const message = '所选附件不存在或不是为该记录上传的文件，请重新上传';
    throw unprocessable('FILE_NOT_FOUND', message, { [field]: message });
  }
}

/**
 * Views of files by id, in the order given (unknown ids left out), for showing the files of a record the caller has
 * already scope-checked. With an actor, evidence fields follow that actor's role; without, they are left out.
 */
export async function filesOf(db: Db, ids: readonly string[], actor: Actor | null = null): Promise<FileView[]> {
  const valid = [...new Set(ids)].filter((id) => UUID.test(id));
  const byId = new Map((await repo.byIds(db, valid)).map((r) => [r.id, r]));
  return valid.flatMap((id) => {
    const row = byId.get(id);
    return row && (!actor || row.parkId === actor.parkId) ? [toView(row, actor)] : [];
  });
}

export { registerParkFileKind } from './kinds';
// For modules that attach uploaded files to their records (inspections).
export { byIds } from './repository';

// --- Photos in parts (offline capture on a weak signal). The parts are kept under the uploading user; complete
// puts them together, checks the size and digest the phone sent, and stores the photo through upload() with the
// device's id, so every rule of a whole upload (scope, images only, id reuse, audit) applies unchanged.

async function storedPhoto(db: Db, actor: Actor, id: string): Promise<boolean> {
  const [row] = await repo.byIds(db, [id]);
  if (!row) return false;
  if (row.parkId !== actor.parkId || row.uploadedBy !== actor.userId) {
    throw new AppError(409, 'FILE_ID_TAKEN', '照片编号已被其他照片使用，请在设备上重新拍摄该照片');
  }
  return true;
}

export async function devicePartsStatus(
  db: Db,
  store: FileStore,
  actor: Actor,
  id: string,
): Promise<DevicePartsStatus> {
  assertCanUpload(actor);
  if (await storedPhoto(db, actor, id)) return { received: [], complete: true };
  const held = await store.partsOf(actor.userId, id);
  return { received: [...held.keys()].sort((a, b) => a - b), complete: false };
}

export async function putDevicePart(
  db: Db,
  store: FileStore,
  actor: Actor,
  staged: StagedUpload,
  fields: { id: string; index: number },
  maxBytes: number,
): Promise<DevicePartsStatus> {
  assertCanUpload(actor);
  if (staged.size > PHOTO_PART_MAX_BYTES) {
    const message = `分片超过 ${PHOTO_PART_MAX_BYTES / 1024} KB 上限`;
    throw new AppError(413, 'FILE_PART_TOO_LARGE', message, { file: message });
  }
  // A part sent again after its photo was stored (a lost answer to complete) changes nothing.
  if (await storedPhoto(db, actor, fields.id)) return { received: [], complete: true };
  const held = await store.partsOf(actor.userId, fields.id);
  const total = [...held.entries()].reduce((n, [i, size]) => (i === fields.index ? n : n + size), staged.size);
  if (total > maxBytes) {
    const message = `照片超过 ${formatBytes(maxBytes)} 上限，请重新拍摄`;
    throw new AppError(413, 'FILE_TOO_LARGE', message, { file: message });
  }
  await store.placePart(staged.tempFile, actor.userId, fields.id, fields.index);
  held.set(fields.index, staged.size);
  return { received: [...held.keys()].sort((a, b) => a - b), complete: false };
}

export async function completeDeviceUpload(
  db: Db,
  store: FileStore,
  ctx: RequestContext,
  body: DeviceUploadComplete,
): Promise<FileView> {
  const actor = ctx.actor!;
  assertCanUpload(actor);
  const fields: FileUploadFields = { purpose: body.purpose, enterpriseId: body.enterpriseId ?? undefined };
  const again = await sameUpload(db, actor, body.id, fields);
  if (again) return again;
  const held = await store.partsOf(actor.userId, body.id);
  const missing = Array.from({ length: body.parts }, (_, i) => i).filter((i) => !held.has(i));
  if (missing.length > 0) {
    const message = `照片尚缺 ${missing.length} 个分片（第 ${missing.slice(0, 10).join('、')} 片），请继续上传`;
    throw new AppError(409, 'FILE_PARTS_MISSING', message, { parts: message });
  }
  const joined = await store.joinParts(actor.userId, body.id, body.parts);
  try {
    if (joined.size !== body.size || (body.sha256 && joined.sha256 !== body.sha256)) {
      // Parts that do not add up to the photo are of no use: dropped, so the phone sends them all again.
      await store.dropParts(actor.userId, body.id);
      const message = '照片分片与原图不一致（大小或摘要不符），已清除，请重新上传该照片';
      throw unprocessable('FILE_PARTS_CORRUPT', message, { file: message });
    }
    const staged = { tempFile: joined.tempFile, originalName: `${body.id}.jpg`, size: joined.size };
    try {
      const stored = await upload(db, store, ctx, staged, fields, { id: body.id, imagesOnly: true });
      await store.dropParts(actor.userId, body.id);
      return stored;
    } catch (err) {
      // Refused for good (not an image, another enterprise, id taken): the parts would never be used.
      if (err instanceof AppError) await store.dropParts(actor.userId, body.id);
      throw err;
    }
  } finally {
    await store.discard([joined.tempFile]);
  }
}
