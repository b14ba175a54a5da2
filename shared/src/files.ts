// Uploaded photos and documents (DOMAIN.md §3 Files): what an upload says it is for, and how a file is shown.
// A file belongs to one enterprise's records and is served only through that enterprise's data scope — or it is a park
// file of the committee's own records (no enterprise), read as the park's files or, with a record kind, per record.
import { z } from 'zod';

/** 隐患整改前照片 · 整改后照片 · 检查取证 · 文档资料 · 检查记录签名 (a PNG drawn on a canvas). */
export const FILE_PURPOSES = ['hazardBefore', 'hazardAfter', 'evidence', 'document', 'signature'] as const;
export const FilePurpose = z.enum(FILE_PURPOSES, { error: '请选择文件用途' });
export type FilePurpose = z.infer<typeof FilePurpose>;

/** What may be uploaded, decided by the bytes (never by the name or the browser's type). */
export const FILE_TYPES_ALLOWED_MESSAGE = '只能上传 JPG/PNG/WebP 图片或 PDF 文件';
/** Images are re-encoded to JPEG; documents are kept as sent. */
export const STORED_MIMES = ['image/jpeg', 'application/pdf'] as const;
export type StoredMime = (typeof STORED_MIMES)[number];

/**
 * The kinds of the committee's records whose park files are read per record (migrations/0041): 培训记录 (a committee
 * session's materials and photos, read by whoever reads the session) and 服务合同 (a fire-service contract's
 * scanned copy, read by those who see the contract's amount) and 宣传活动 (an activity's photos, read by everyone in the
 * park who reads the activity — enterprises too). Other park files (meetings, funds, publicity photos uploaded before
 * the kind existed) have none.
 */
export const PARK_FILE_KINDS = ['trainingSession', 'fireServiceContract', 'publicityActivity'] as const;
export const ParkFileKind = z.enum(PARK_FILE_KINDS, { error: '文件所属记录类型不正确' });
export type ParkFileKind = z.infer<typeof ParkFileKind>;

/** The form fields of POST /api/files (multipart, beside the "file" part). */
export const FileUploadFields = z.object({
  purpose: FilePurpose,
  /** For a park file of one kind of record (no enterprise): read per record of that kind. */
  recordKind: z.preprocess((v) => (v === '' || v === null ? undefined : v), ParkFileKind.optional()),
  /** Empty for the committee's own records (publicity photos, meeting minutes, fund receipts): a park file. */
  enterpriseId: z.preprocess(
    (v) => (v === '' || v === null ? undefined : v),
    z.uuid({ error: '请选择企业' }).optional(),
  ),
});
export type FileUploadFields = z.infer<typeof FileUploadFields>;

export const Gps = z.object({ lat: z.number(), lng: z.number() });
export type Gps = z.infer<typeof Gps>;

/**
 * A file as shown to a user. capturedAt and gps (read from the photo's EXIF before it was stripped) are evidence
 * fields: present only for the committee's supervisors, administrators and inspectors, absent for everyone else.
 */
export const FileView = z.object({
  id: z.uuid(),
  /** null: a file of the committee's own records. */
  enterpriseId: z.uuid().nullable(),
  /** The kind of record a park file is read through (null: read as the park's own files, or an enterprise's). */
  recordKind: ParkFileKind.nullable().optional(),
  purpose: FilePurpose,
  mime: z.enum(STORED_MIMES),
  size: z.number().int(),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  originalName: z.string(),
  createdAt: z.string(),
  /** GET this for the content (the re-encoded image or the PDF). */
  url: z.string(),
  /** A 320 px JPEG for images; null for documents. */
  thumbUrl: z.string().nullable(),
  capturedAt: z.string().nullable().optional(),
  gps: Gps.nullable().optional(),
});
export type FileView = z.infer<typeof FileView>;

// --- A photo captured offline, uploaded in parts (issue 17): a weak signal that drops mid-photo costs one part, and
// the phone asks which parts the server holds before sending the rest. The parts are the uploading user's alone.

/** The size the console cuts a photo into; the server accepts parts up to PHOTO_PART_MAX_BYTES. */
export const PHOTO_PART_BYTES = 64 * 1024;
export const PHOTO_PART_MAX_BYTES = 256 * 1024;
export const PHOTO_MAX_PARTS = 400;

/** GET /api/files/device/parts?id=: which parts of the device's photo the server holds, or that it is stored. */
export const DevicePartsQuery = z.object({ id: z.uuid({ error: '照片编号不正确' }) });
export const DevicePartsStatus = z.object({
  /** Part indexes received so far (0-based). */
  received: z.array(z.number().int()),
  /** The photo is stored already (an earlier complete succeeded): nothing more to send. */
  complete: z.boolean(),
});
export type DevicePartsStatus = z.infer<typeof DevicePartsStatus>;

/** POST /api/files/device/complete: the parts 0…parts-1 put together, checked, and stored as one photo. */
export const DeviceUploadComplete = z.object({
  id: z.uuid({ error: '照片编号不正确' }),
  purpose: FilePurpose,
  enterpriseId: z.uuid({ error: '请选择企业' }).nullish(),
  parts: z.number({ error: '请填写分片数' }).int().min(1, '分片数至少为 1').max(PHOTO_MAX_PARTS, '分片数过多'),
  size: z.number({ error: '请填写照片大小' }).int().min(1, '照片大小不正确'),
  /** SHA-256 of the whole photo, hex; optional because a console served over plain http has no Web Crypto. */
  sha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/, '照片摘要不正确')
    .nullish(),
});
export type DeviceUploadComplete = z.infer<typeof DeviceUploadComplete>;
