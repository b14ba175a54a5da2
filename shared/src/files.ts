// Uploaded photos and documents (DOMAIN.md §3 Files): what an upload says it is for, and how a file is shown.
// Every file belongs to one enterprise's records and is served only through that enterprise's data scope.
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

/** The form fields of POST /api/files (multipart, beside the "file" part). */
export const FileUploadFields = z.object({
  purpose: FilePurpose,
  enterpriseId: z.uuid({ error: '请选择企业' }),
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
  enterpriseId: z.uuid(),
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
