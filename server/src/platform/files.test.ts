import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import {
  cleanFileName,
  FileStore,
  fileMaxBytes,
  formatBytes,
  inlineDisposition,
  parseExifDate,
  processImage,
  readExifEvidence,
  servedName,
  sniff,
  UnreadableImageError,
} from './files';

const solid = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: '#c0392b' } });

/** A camera-like JPEG: 400×300 stored sideways (orientation 6), taken in Zibo at 09:26:53 local time. */
async function cameraJpeg(): Promise<Buffer> {
  return solid(400, 300)
    .jpeg()
    .withMetadata({ orientation: 6 })
    .withExifMerge({
      IFD0: { Make: 'ParkSafeCam', Model: 'Evidence 1' },
      IFD2: { DateTimeOriginal: '2026:03:14 09:26:53', OffsetTimeOriginal: '+08:00' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '36/1 48/1 1234/100',
        GPSLongitudeRef: 'E',
        GPSLongitude: '118/1 3/1 0/1',
      },
    })
    .toBuffer();
}

describe('sniff: the type is what the bytes say', () => {
  it('recognises JPEG, PNG, WebP, HEIF/AVIF and PDF', async () => {
    expect(sniff(await solid(8, 8).jpeg().toBuffer())).toBe('jpeg');
    expect(sniff(await solid(8, 8).png().toBuffer())).toBe('png');
    expect(sniff(await solid(8, 8).webp().toBuffer())).toBe('webp');
    expect(sniff(await solid(8, 8).avif().toBuffer())).toBe('heif');
    expect(sniff(Buffer.from('%PDF-1.7\n%âãÏÓ\n'))).toBe('pdf');
  });

  it('refuses executables, scripts, SVG, GIF, ZIP and empty input', () => {
    expect(sniff(Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff', 'latin1'))).toBeNull();
    expect(sniff(Buffer.from('\x7fELF\x02\x01\x01', 'latin1'))).toBeNull();
    expect(sniff(Buffer.from('#!/bin/sh\nrm -rf /\n'))).toBeNull();
    expect(sniff(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'))).toBeNull();
    expect(sniff(Buffer.from('GIF89a'))).toBeNull();
    expect(sniff(Buffer.from('PK\x03\x04', 'latin1'))).toBeNull();
    expect(sniff(Buffer.alloc(0))).toBeNull();
    expect(sniff(Buffer.from('%PDF-'))).toBeNull();
  });
});

describe('EXIF evidence', () => {
  it('reads DateTimeOriginal with its offset and the GPS position', async () => {
    const meta = await sharp(await cameraJpeg()).metadata();
    const evidence = readExifEvidence(meta.exif);
    expect(evidence.capturedAt?.toISOString()).toBe('2026-03-14T01:26:53.000Z');
    expect(evidence.gps).toEqual({ lat: 36.803428, lng: 118.05 });
  });

  it('signs southern and western positions, and takes a photo without offset as Shanghai time', async () => {
    const jpeg = await solid(10, 10)
      .jpeg()
      .withExif({
        IFD2: { DateTimeOriginal: '2025:12:31 23:59:59' },
        IFD3: {
          GPSLatitudeRef: 'S',
          GPSLatitude: '33/1 52/1 0/1',
          GPSLongitudeRef: 'W',
          GPSLongitude: '70/1 30/1 0/1',
        },
      })
      .toBuffer();
    const evidence = readExifEvidence((await sharp(jpeg).metadata()).exif);
    expect(evidence.capturedAt?.toISOString()).toBe('2025-12-31T15:59:59.000Z');
    expect(evidence.gps).toEqual({ lat: -33.866667, lng: -70.5 });
  });

  it('gives nothing for missing, unset or broken data rather than failing', async () => {
    expect(readExifEvidence(undefined)).toEqual({ capturedAt: null, gps: null });
    expect(readExifEvidence(Buffer.from('Exif\0\0garbage-garbage'))).toEqual({ capturedAt: null, gps: null });
    const cut = (await sharp(await cameraJpeg()).metadata()).exif!.subarray(0, 40);
    expect(readExifEvidence(cut)).toEqual({ capturedAt: null, gps: null });
    expect(parseExifDate('0000:00:00 00:00:00', null)).toBeNull();
    expect(parseExifDate('2026:02:30 10:00:00', null)).toBeNull();
    expect(parseExifDate('2026:02:28 24:00:00', null)).toBeNull();
    expect(parseExifDate('2026:02:28 10:00:00', '-05:00')?.toISOString()).toBe('2026-02-28T15:00:00.000Z');
    const noFix = await solid(10, 10)
      .jpeg()
      .withExif({
        IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '0/1 0/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '0/1 0/1 0/1' },
      })
      .toBuffer();
    expect(readExifEvidence((await sharp(noFix).metadata()).exif).gps).toBeNull();
  });
});

describe('processImage', () => {
  it('turns the photo upright, strips every piece of metadata and makes a thumbnail', async () => {
    const out = await processImage(await cameraJpeg(), 'jpeg');
    expect([out.width, out.height]).toEqual([300, 400]);
    expect(out.capturedAt).not.toBeNull();
    expect(out.gps).not.toBeNull();
    const served = await sharp(out.main).metadata();
    expect(served.format).toBe('jpeg');
    expect(served.exif).toBeUndefined();
    expect(served.xmp).toBeUndefined();
    expect(served.icc).toBeUndefined();
    expect(served.orientation).toBeUndefined();
    expect(out.main.includes(Buffer.from('ParkSafeCam'))).toBe(false);
    const thumb = await sharp(out.thumb).metadata();
    expect([thumb.width, thumb.height]).toEqual([240, 320]);
  });

  it('limits the long side to 2560 px and flattens transparency', async () => {
    const big = await sharp({
      create: { width: 4000, height: 1000, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } },
    })
      .png()
      .toBuffer();
    const out = await processImage(big, 'png');
    expect([out.width, out.height]).toEqual([2560, 640]);
    const { data } = await sharp(out.main).raw().toBuffer({ resolveWithObject: true });
    expect(data[0]).toBeGreaterThan(240); // transparent became white, not black
  });

  it('refuses bytes the decoder does not agree with', async () => {
    const fakePng = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64)]);
    await expect(processImage(fakePng, 'png')).rejects.toBeInstanceOf(UnreadableImageError);
    const jpeg = await solid(8, 8).jpeg().toBuffer();
    await expect(processImage(jpeg, 'png')).rejects.toMatchObject({ reason: 'decode' });
  });
});

describe('FileStore', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'parksafe-store-'));
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
  const park = '7b0e4f3c-1d2a-4c5b-9e8f-0a1b2c3d4e5f';
  const id = '0f9e8d7c-6b5a-4f3e-8d2c-1b0a9f8e7d6c';

  it('places a temp file under <park>/<yyyy>/<mm>/<id> by rename', async () => {
    const store = new FileStore(root);
    await store.init();
    const key = store.keyFor(park, id, new Date('2026-03-01T02:00:00Z'));
    expect(key).toBe(`${park}/2026/03/${id}`);
    const temp = await store.writeTemp(Buffer.from('hello'));
    await store.place(temp, key);
    expect(fs.existsSync(temp)).toBe(false);
    expect(fs.readFileSync(path.join(root, park, '2026', '03', id), 'utf8')).toBe('hello');
    expect(await store.sizeOf(key)).toBe(5);
    await store.remove([key, store.thumbKeyOf(key)]);
    expect(await store.sizeOf(key)).toBeNull();
  });

  it('refuses keys it did not make', () => {
    const store = new FileStore(root);
    expect(() => store.pathOf('../../etc/passwd')).toThrow();
    expect(() => store.pathOf(`${park}/2026/03/../../x`)).toThrow();
  });

  it('sweeps temp files a crashed process left behind, keeping fresh ones', async () => {
    const store = new FileStore(root);
    await store.init();
    const stale = await store.writeTemp(Buffer.from('old'));
    const fresh = await store.writeTemp(Buffer.from('new'));
    const twoHoursAgo = new Date(Date.now() - 2 * 3600_000);
    fs.utimesSync(stale, twoHoursAgo, twoHoursAgo);
    await store.init();
    expect(fs.existsSync(stale)).toBe(false);
    expect(fs.existsSync(fresh)).toBe(true);
  });

  it('uses a throw-away directory for the in-memory test database', async () => {
    const store = FileStore.forDataDir(path.resolve('memory://'));
    expect(store.temporary).toBe(true);
    await store.init();
    await store.destroy();
    expect(fs.existsSync(store.root)).toBe(false);
    expect(FileStore.forDataDir('/srv/parksafe').root).toBe(path.join('/srv/parksafe', 'files'));
  });
});

describe('names and settings', () => {
  it('keeps the device name without folders or control characters', () => {
    expect(cleanFileName('C:\\fakepath\\现场照片.JPG')).toBe('现场照片.JPG');
    expect(cleanFileName('a/b/c.pdf')).toBe('c.pdf');
    expect(cleanFileName('photo\u202Egpj.exe')).toBe('photogpj.exe');
    expect(cleanFileName('\u0000\u0001')).toBe('文件');
    expect(cleanFileName(`${'长'.repeat(300)}.pdf`)).toHaveLength(200);
    expect(cleanFileName(`${'长'.repeat(300)}.pdf`).endsWith('.pdf')).toBe(true);
  });

  it('serves a re-encoded image under a .jpg name and a PDF under .pdf', () => {
    expect(servedName('现场.heic', 'image/jpeg')).toBe('现场.jpg');
    expect(servedName('scan.PNG', 'image/jpeg')).toBe('scan.jpg');
    expect(servedName('IMG_1.jpeg', 'image/jpeg')).toBe('IMG_1.jpeg');
    expect(servedName('整改报告', 'application/pdf')).toBe('整改报告.pdf');
  });

  it('writes an inline disposition with a UTF-8 name and an ASCII fallback', () => {
    expect(inlineDisposition('现场照片.jpg')).toBe(
      `inline; filename="file.jpg"; filename*=UTF-8''${encodeURIComponent('现场照片.jpg')}`,
    );
    expect(inlineDisposition('report "v2".pdf')).toBe(
      `inline; filename="report v2.pdf"; filename*=UTF-8''report%20%22v2%22.pdf`,
    );
  });

  it('reads FILE_MAX_BYTES, defaulting to 10 MB', () => {
    expect(fileMaxBytes({})).toBe(10 * 1024 * 1024);
    expect(fileMaxBytes({ FILE_MAX_BYTES: '2097152' })).toBe(2 * 1024 * 1024);
    expect(fileMaxBytes({ FILE_MAX_BYTES: 'lots' })).toBe(10 * 1024 * 1024);
    expect(formatBytes(10 * 1024 * 1024)).toBe('10 MB');
    expect(formatBytes(1536)).toBe('1.5 KB');
  });
});
