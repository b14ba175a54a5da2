// Uploaded files (DOMAIN.md §3 Files), the part every module shares: where bytes live on disk, what an upload really
// is (decided by its first bytes, never by its name), and how a photo becomes the copy we serve — decoded, turned
// upright, re-encoded without any metadata, with a thumbnail — after its capture time and position were read from
// EXIF as evidence. Which user may see which file is the files module's business (data scope of its enterprise).
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Metadata, SharpOptions } from 'sharp';
import type { Gps } from '../../../shared/src/files';

export const DEFAULT_FILE_MAX_BYTES = 10 * 1024 * 1024;
/** Long side of the served copy of a photo, and of its thumbnail. */
export const IMAGE_MAX_SIDE = 2560;
export const THUMB_SIDE = 320;
export const JPEG_QUALITY = 82;
/** Decompression-bomb guard: a 10 MB file may still claim gigapixels. 200 MP covers today's phone cameras. */
export const MAX_INPUT_PIXELS = 200_000_000;

/** FILE_MAX_BYTES: the largest upload, enforced while the request is parsed. */
export function fileMaxBytes(env: NodeJS.ProcessEnv = process.env): number {
  const v = env.FILE_MAX_BYTES;
  return v && /^\d+$/.test(v) && Number(v) > 0 ? Number(v) : DEFAULT_FILE_MAX_BYTES;
}

/** "10 MB", "512 KB": the limit as people read it. */
export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${Number((n / 1024 / 1024).toFixed(1))} MB`;
  if (n >= 1024) return `${Number((n / 1024).toFixed(1))} KB`;
  return `${n} B`;
}

// ---------------------------------------------------------------------------------------------------------------
// Content type by magic bytes

export type ContentKind = 'jpeg' | 'png' | 'webp' | 'heif' | 'pdf';
export const IMAGE_KINDS: readonly ContentKind[] = ['jpeg', 'png', 'webp', 'heif'];
/** How many leading bytes sniff() needs. */
export const SNIFF_BYTES = 32;

const HEIF_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'mif1', 'msf1', 'avif', 'avis']);

/**
 * The kind of file these leading bytes start, or null for anything we do not accept (executables, scripts, SVG,
 * archives, Office files…), whatever the file is called.
 */
export function sniff(head: Buffer): ContentKind | null {
  const ascii = (from: number, to: number) => head.toString('latin1', from, to);
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'jpeg';
  if (head.length >= 8 && head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) {
    return 'png';
  }
  if (head.length >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'webp';
  if (head.length >= 12 && ascii(4, 8) === 'ftyp' && HEIF_BRANDS.has(ascii(8, 12))) return 'heif';
  if (head.length >= 8 && /^%PDF-[12]\.\d/.test(ascii(0, 8))) return 'pdf';
  return null;
}

/** The first bytes of a file on disk. */
export async function readHead(file: string, bytes = SNIFF_BYTES): Promise<Buffer> {
  const handle = await fsp.open(file, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buf, 0, bytes, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

// ---------------------------------------------------------------------------------------------------------------
// EXIF evidence: when and where the photo was taken

export interface ExifEvidence {
  capturedAt: Date | null;
  /** WGS-84 as the camera recorded it (not GCJ-02), 6 decimals (~0.1 m). */
  gps: Gps | null;
}

const TAG_EXIF_IFD = 0x8769;
const TAG_GPS_IFD = 0x8825;
const TAG_DATE_TIME_ORIGINAL = 0x9003;
const TAG_OFFSET_TIME_ORIGINAL = 0x9011;
const TAG_GPS_LAT_REF = 1;
const TAG_GPS_LAT = 2;
const TAG_GPS_LNG_REF = 3;
const TAG_GPS_LNG = 4;
const TYPE_SIZES: Record<number, number> = {
  1: 1,
  2: 1,
  3: 2,
  4: 4,
  5: 8,
  6: 1,
  7: 1,
  8: 2,
  9: 4,
  10: 8,
  11: 4,
  12: 8,
};
/** Photos without an offset tag were taken in the park: Asia/Shanghai has no daylight saving. */
const DEFAULT_OFFSET = '+08:00';

interface IfdEntry {
  type: number;
  count: number;
  /** Where the value starts, relative to the TIFF header. */
  at: number;
}

/** A minimal TIFF/EXIF reader: IFD0 → Exif IFD (DateTimeOriginal, OffsetTimeOriginal) and GPS IFD. */
class TiffReader {
  private readonly le: boolean;
  constructor(private readonly tiff: Buffer) {
    const order = tiff.toString('latin1', 0, 2);
    if (order !== 'II' && order !== 'MM') throw new Error('not a TIFF header');
    this.le = order === 'II';
    if (this.u16(2) !== 42) throw new Error('not a TIFF header');
  }
  u16 = (at: number) => (this.le ? this.tiff.readUInt16LE(at) : this.tiff.readUInt16BE(at));
  u32 = (at: number) => (this.le ? this.tiff.readUInt32LE(at) : this.tiff.readUInt32BE(at));

  ifd(offset: number): Map<number, IfdEntry> {
    const entries = new Map<number, IfdEntry>();
    const n = this.u16(offset);
    for (let i = 0; i < n; i++) {
      const e = offset + 2 + i * 12;
      const type = this.u16(e + 2);
      const count = this.u32(e + 4);
      const size = (TYPE_SIZES[type] ?? 0) * count;
      if (size === 0) continue;
      const at = size <= 4 ? e + 8 : this.u32(e + 8);
      if (at + size > this.tiff.length) continue; // points outside the block: ignore the tag
      entries.set(this.u16(e), { type, count, at });
    }
    return entries;
  }

  ifd0(): Map<number, IfdEntry> {
    return this.ifd(this.u32(4));
  }

  pointer(entry: IfdEntry | undefined): number | null {
    if (!entry || (entry.type !== 4 && entry.type !== 13)) return null;
    return this.u32(entry.at);
  }

  ascii(entry: IfdEntry | undefined): string | null {
    if (entry?.type !== 2) return null;
    return this.tiff
      .toString('latin1', entry.at, entry.at + entry.count)
      .replace(/\0[\s\S]*$/, '')
      .trim();
  }

  rationals(entry: IfdEntry | undefined): number[] | null {
    if (entry?.type !== 5) return null;
    const out: number[] = [];
    for (let i = 0; i < entry.count; i++) {
      const num = this.u32(entry.at + i * 8);
      const den = this.u32(entry.at + i * 8 + 4);
      if (den === 0) return null;
      out.push(num / den);
    }
    return out;
  }
}

/** "2026:03:14 09:26:53" (+ "+08:00") → the instant, or null for unset ("0000:00:00 …") or impossible values. */
export function parseExifDate(value: string | null, offset: string | null): Date | null {
  const m = value?.match(/^(\d{4}):(\d{2}):(\d{2})[ T](\d{2}):(\d{2}):(\d{2})/);
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m;
  const zone = offset && /^[+-]\d{2}:\d{2}$/.test(offset) ? offset : DEFAULT_OFFSET;
  const at = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}${zone}`);
  if (Number.isNaN(at.getTime()) || Number(y) < 1990) return null;
  // Date() rolls 02-30 over to March: accept only a calendar date that exists.
  const check = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  if (check.getUTCMonth() !== Number(mo) - 1 || check.getUTCDate() !== Number(d)) return null;
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return null;
  return at;
}

function coordinate(dms: number[] | null, ref: string | null, negative: string, max: number): number | null {
  if (!dms || dms.length < 1 || !ref) return null;
  const [deg = 0, min = 0, sec = 0] = dms;
  let v = deg + min / 60 + sec / 3600;
  if (ref.toUpperCase().startsWith(negative)) v = -v;
  if (!Number.isFinite(v) || Math.abs(v) > max) return null;
  return Math.round(v * 1e6) / 1e6;
}

/** Reads capture time and position from an EXIF block (as sharp's metadata().exif gives it: "Exif\0\0" + TIFF). */
export function readExifEvidence(exif: Buffer | undefined | null): ExifEvidence {
  const evidence: ExifEvidence = { capturedAt: null, gps: null };
  if (!exif || exif.length < 8) return evidence;
  let reader: TiffReader;
  let ifd0: Map<number, IfdEntry>;
  try {
    reader = new TiffReader(exif.toString('latin1', 0, 6) === 'Exif\0\0' ? exif.subarray(6) : exif);
    ifd0 = reader.ifd0();
  } catch {
    return evidence;
  }
  // Each part on its own: a broken GPS block must not lose a good capture time, and the reverse.
  try {
    const at = reader.pointer(ifd0.get(TAG_EXIF_IFD));
    if (at !== null) {
      const exifIfd = reader.ifd(at);
      evidence.capturedAt = parseExifDate(
        reader.ascii(exifIfd.get(TAG_DATE_TIME_ORIGINAL)),
        reader.ascii(exifIfd.get(TAG_OFFSET_TIME_ORIGINAL)),
      );
    }
  } catch {
    evidence.capturedAt = null;
  }
  try {
    const at = reader.pointer(ifd0.get(TAG_GPS_IFD));
    if (at !== null) {
      const g = reader.ifd(at);
      const lat = coordinate(reader.rationals(g.get(TAG_GPS_LAT)), reader.ascii(g.get(TAG_GPS_LAT_REF)), 'S', 90);
      const lng = coordinate(reader.rationals(g.get(TAG_GPS_LNG)), reader.ascii(g.get(TAG_GPS_LNG_REF)), 'W', 180);
      // 0,0 is what cameras write when they had no fix.
      if (lat !== null && lng !== null && !(lat === 0 && lng === 0)) evidence.gps = { lat, lng };
    }
  } catch {
    evidence.gps = null;
  }
  return evidence;
}

// ---------------------------------------------------------------------------------------------------------------
// Images: evidence first, then the clean copy we serve

export interface ProcessedImage extends ExifEvidence {
  /** JPEG, upright, at most IMAGE_MAX_SIDE px, no metadata at all (no EXIF, XMP, IPTC or ICC). */
  main: Buffer;
  width: number;
  height: number;
  /** JPEG, at most THUMB_SIDE px. */
  thumb: Buffer;
}

/** The image cannot be used: it does not decode as the kind its bytes announce, or it has too many pixels. */
export class UnreadableImageError extends Error {
  constructor(
    readonly kind: ContentKind,
    readonly reason: 'decode' | 'pixels',
    cause?: unknown,
  ) {
    super(`cannot use ${kind} image (${reason})`, { cause });
    this.name = 'UnreadableImageError';
  }
}

const SHARP_FORMAT: Partial<Record<ContentKind, string>> = { jpeg: 'jpeg', png: 'png', webp: 'webp', heif: 'heif' };

/** sharp (libvips, ~28 MB resident) loads with the first photo, not with every process. */
export async function loadSharp(): Promise<typeof import('sharp').default> {
  return (await import('sharp')).default;
}

export async function processImage(input: string | Buffer, kind: ContentKind): Promise<ProcessedImage> {
  const sharp = await loadSharp();
  const options: SharpOptions = { failOn: 'error', limitInputPixels: MAX_INPUT_PIXELS };
  let meta: Metadata;
  try {
    meta = await sharp(input, options).metadata();
  } catch (err) {
    throw new UnreadableImageError(kind, 'decode', err);
  }
  // The decoder must agree with the magic bytes (a PNG header in front of something else is refused).
  if (meta.format !== SHARP_FORMAT[kind]) throw new UnreadableImageError(kind, 'decode');
  if ((meta.width ?? 0) * (meta.height ?? 0) > MAX_INPUT_PIXELS) throw new UnreadableImageError(kind, 'pixels');
  const evidence = readExifEvidence(meta.exif);
  try {
    // sharp writes no metadata unless asked (keepExif / withMetadata): the output carries none, and is sRGB.
    const { data: main, info } = await sharp(input, options)
      .autoOrient()
      .resize({ width: IMAGE_MAX_SIDE, height: IMAGE_MAX_SIDE, fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: JPEG_QUALITY })
      .toBuffer({ resolveWithObject: true });
    const thumb = await sharp(main)
      .resize({ width: THUMB_SIDE, height: THUMB_SIDE, fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality: 75 })
      .toBuffer();
    return { ...evidence, main, width: info.width, height: info.height, thumb };
  } catch (err) {
    throw new UnreadableImageError(kind, 'decode', err);
  }
}

export function isImageKind(kind: ContentKind): boolean {
  return IMAGE_KINDS.includes(kind);
}

export function sha256Of(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

export async function sha256OfFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

// ---------------------------------------------------------------------------------------------------------------
// Storage on disk: DATA_DIR/files/<park>/<yyyy>/<mm>/<id> (+ "<id>-thumb"), written through DATA_DIR/files/.tmp

const KEY = /^[0-9a-f-]{36}\/\d{4}\/\d{2}\/[0-9a-f-]{36}(-thumb)?$/;
const STALE_TEMP_MS = 60 * 60 * 1000;
const STALE_PARTS_MS = 7 * 24 * 60 * 60 * 1000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export class FileStore {
  private readonly tmpDir: string;

  /**
   * @param root the files directory
   * @param temporary a throw-away directory (the in-memory database of the test suite): removed by destroy()
   */
  constructor(
    readonly root: string,
    readonly temporary = false,
  ) {
    this.tmpDir = path.join(root, '.tmp');
  }

  /** DATA_DIR/files; a throw-away directory when DATA_DIR is the in-memory marker of the test suite. */
  static forDataDir(dataDir: string): FileStore {
    if (path.basename(dataDir) === 'memory:') {
      return new FileStore(path.join(os.tmpdir(), `parksafe-files-${process.pid}-${randomUUID().slice(0, 8)}`), true);
    }
    return new FileStore(path.join(dataDir, 'files'));
  }

  /** Creates the directories and removes temp files a crashed process left behind (older than an hour). */
  async init(): Promise<void> {
    await fsp.mkdir(this.tmpDir, { recursive: true });
    const cutoff = Date.now() - STALE_TEMP_MS;
    for (const name of await fsp.readdir(this.tmpDir)) {
      const file = path.join(this.tmpDir, name);
      const stat = await fsp.stat(file).catch(() => null);
      if (stat && stat.mtimeMs < cutoff) await fsp.rm(file, { force: true });
    }
    // Parts of uploads a phone never completed (a photo discarded on the device) go after a week.
    const partsRoot = path.join(this.root, '.parts');
    const partsCutoff = Date.now() - STALE_PARTS_MS;
    for (const user of await fsp.readdir(partsRoot).catch(() => [] as string[])) {
      for (const id of await fsp.readdir(path.join(partsRoot, user)).catch(() => [] as string[])) {
        const dir = path.join(partsRoot, user, id);
        const stat = await fsp.stat(dir).catch(() => null);
        if (stat && stat.mtimeMs < partsCutoff) await fsp.rm(dir, { recursive: true, force: true });
      }
    }
  }

  /** A fresh path in the temp directory (same file system as the store, so placing it is an atomic rename). */
  tempPath(): string {
    return path.join(this.tmpDir, `${randomUUID()}.part`);
  }

  async writeTemp(data: Buffer): Promise<string> {
    const file = this.tempPath();
    await fsp.writeFile(file, data, { flag: 'wx' });
    return file;
  }

  keyFor(parkId: string, id: string, at: Date): string {
    const yyyy = String(at.getUTCFullYear());
    const mm = String(at.getUTCMonth() + 1).padStart(2, '0');
    return `${parkId}/${yyyy}/${mm}/${id}`;
  }

  thumbKeyOf(key: string): string {
    return `${key}-thumb`;
  }

  /** The absolute path of a key; refuses anything that is not a key we made (no path games from the database). */
  pathOf(key: string): string {
    if (!KEY.test(key)) throw new Error(`invalid storage key ${key}`);
    return path.join(this.root, ...key.split('/'));
  }

  /** Moves a finished temp file to its key. */
  async place(tempFile: string, key: string): Promise<void> {
    const target = this.pathOf(key);
    await fsp.mkdir(path.dirname(target), { recursive: true });
    await fsp.rename(tempFile, target);
  }

  /** Removes stored keys; already missing is fine. */
  async remove(keys: readonly string[]): Promise<void> {
    await Promise.all(keys.map((k) => fsp.rm(this.pathOf(k), { force: true })));
  }

  /** Removes temp files; already missing is fine. */
  async discard(files: readonly (string | null | undefined)[]): Promise<void> {
    await Promise.all(files.filter((f): f is string => !!f).map((f) => fsp.rm(f, { force: true })));
  }

  /** The size of a stored key, or null when its bytes are missing. */
  async sizeOf(key: string): Promise<number | null> {
    const stat = await fsp.stat(this.pathOf(key)).catch(() => null);
    return stat?.isFile() ? stat.size : null;
  }

  open(key: string): fs.ReadStream {
    return fs.createReadStream(this.pathOf(key));
  }

  // Parts of a photo uploaded in pieces: DATA_DIR/files/.parts/<user>/<photo id>/<index>. Per user, so nobody can add
  // to or complete another user's upload; a part is placed by rename, so a part on disk is always whole.

  private partsDir(userId: string, id: string): string {
    if (!UUID.test(userId) || !UUID.test(id)) throw new Error('invalid part owner or id');
    return path.join(this.root, '.parts', userId, id);
  }

  /** Moves a finished temp file in as part `index` (replacing an earlier copy of the same part). */
  async placePart(tempFile: string, userId: string, id: string, index: number): Promise<void> {
    const dir = this.partsDir(userId, id);
    await fsp.mkdir(dir, { recursive: true });
    await fsp.rename(tempFile, path.join(dir, String(index)));
  }

  /** The parts held, index → size. */
  async partsOf(userId: string, id: string): Promise<Map<number, number>> {
    const dir = this.partsDir(userId, id);
    const held = new Map<number, number>();
    for (const name of await fsp.readdir(dir).catch(() => [] as string[])) {
      if (!/^\d+$/.test(name)) continue;
      const stat = await fsp.stat(path.join(dir, name)).catch(() => null);
      if (stat?.isFile()) held.set(Number(name), stat.size);
    }
    return held;
  }

  /** Parts 0…count-1 written one after the other to a temp file, with its size and SHA-256. */
  async joinParts(
    userId: string,
    id: string,
    count: number,
  ): Promise<{ tempFile: string; size: number; sha256: string }> {
    const dir = this.partsDir(userId, id);
    const tempFile = this.tempPath();
    const hash = createHash('sha256');
    let size = 0;
    const out = fs.createWriteStream(tempFile, { flags: 'wx' });
    try {
      for (let i = 0; i < count; i++) {
        const bytes = await fsp.readFile(path.join(dir, String(i)));
        hash.update(bytes);
        size += bytes.length;
        if (!out.write(bytes)) await new Promise<void>((r) => out.once('drain', () => r()));
      }
      await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
    } catch (err) {
      out.destroy();
      await fsp.rm(tempFile, { force: true });
      throw err;
    }
    return { tempFile, size, sha256: hash.digest('hex') };
  }

  async dropParts(userId: string, id: string): Promise<void> {
    await fsp.rm(this.partsDir(userId, id), { recursive: true, force: true });
  }

  async destroy(): Promise<void> {
    if (this.temporary) await fsp.rm(this.root, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Names

/** Control characters, and the bidirectional controls that make "photo\u202Egpj.exe" read as "photoexe.jpg". */
const UNSAFE_CHAR = (c: string) => {
  const code = c.codePointAt(0) ?? 0;
  return code < 0x20 || code === 0x7f || (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069);
};

/** The name as the user's device called it: no folders ("C:\fakepath\…"), no control characters, ≤ 200 chars. */
export function cleanFileName(name: string | undefined, fallback = '文件'): string {
  const last = (name ?? '').normalize('NFC').split(/[\\/]/).pop() ?? '';
  const base = [...last]
    .filter((c) => !UNSAFE_CHAR(c))
    .join('')
    .trim();
  if (!base) return fallback;
  if (base.length <= 200) return base;
  const ext = path.extname(base).slice(0, 16);
  return base.slice(0, 200 - ext.length) + ext;
}

/** The name to serve under: a re-encoded image is a JPEG whatever it was called ("现场.heic" → "现场.jpg"). */
export function servedName(originalName: string, mime: string): string {
  const ext = path.extname(originalName);
  if (mime === 'application/pdf') return /^\.pdf$/i.test(ext) ? originalName : `${originalName}.pdf`;
  if (/^\.jpe?g$/i.test(ext)) return originalName;
  return `${ext ? originalName.slice(0, -ext.length) : originalName}.jpg`;
}

/** Content-Disposition for showing in the browser, with the UTF-8 name (RFC 6266 / 5987) and an ASCII fallback. */
export function inlineDisposition(name: string): string {
  const ext = path.extname(name).replace(/[^A-Za-z0-9.]/g, '');
  const ascii = name.replace(/[^\x20-\x7e]|["\\%;]/g, '').trim();
  const fallback = ascii && ascii !== ext ? ascii : `file${ext}`;
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `inline; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
