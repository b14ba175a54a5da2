// Offline capture synced later (issue 17): a replay answers with the first result and records nothing twice, photos
// with a device-made id are idempotent and must be images, and the server refuses a record outside the user's scope,
// captured by another user, from a clock far ahead, or a rectification of a hazard closed meanwhile.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { InjectOptions } from 'fastify';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clock } from '../../platform/clock';
import { rows } from '../../platform/db';
import { type Client, createTestEnv, signedIn, type TestEnv } from '../../testing/harness';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

let env: TestEnv;
let sup: Client;
let insp: Client;
let ent1: Client;
let inspectorId: string;
let ent1UserId: string;
let assigned: string;
let outside: string;
let ownEnterprise: string;

const one = async <T>(q: ReturnType<typeof sql>) => (await rows<T>(env.database.db, q))[0]!;
const count = async (table: string, where = sql`true`) =>
  (await one<{ n: number }>(sql`select count(*)::int as n from ${sql.raw(table)} where ${where}`)).n;

/** POST /api/files/device as the device sends a photo it made an id for. */
const putPhoto = (c: Client, id: string, enterpriseId: string, bytes: Buffer, purpose = 'hazardBefore') => {
  const form = new FormData();
  form.append('id', id);
  form.append('purpose', purpose);
  form.append('enterpriseId', enterpriseId);
  form.append('file', new Blob([new Uint8Array(bytes)]), 'photo.jpg');
  return c.app.inject({
    method: 'POST',
    url: '/api/files/device',
    headers: { cookie: c.cookie, 'x-csrf-token': c.csrf },
    payload: form as unknown as InjectOptions['payload'],
  });
};

const envelope = (userId: string, capturedAt = '2026-11-23T01:30:00Z') => ({
  deviceRecordId: randomUUID(),
  idempotencyKey: `insp-${randomUUID()}`,
  capturedBy: userId,
  capturedAt,
});

const inspection = (enterpriseId: string, photoIds: string[]) => ({
  enterpriseId,
  inspectedOn: '2026-11-23',
  kind: 'supervision',
  inspectorIds: [inspectorId],
  summary: '离线现场检查',
  hazards: [
    {
      description: '配电箱门未关闭，线路裸露',
      category: 'unsafeCondition',
      source: 'routine',
      deadline: '2026-12-10',
      beforePhotoIds: photoIds.slice(0, 2),
    },
    {
      description: '消防通道堆放杂物',
      category: 'unsafeAct',
      source: 'routine',
      deadline: '2026-12-10',
      beforePhotoIds: photoIds.slice(2),
    },
  ],
});

beforeAll(async () => {
  clock.set(new Date('2026-11-23T02:00:00Z'));
  env = await createTestEnv();
  sup = await signedIn(env.app, 'supervisor');
  insp = await signedIn(env.app, 'inspector');
  ent1 = await signedIn(env.app, 'enterprise1');
  ({ id: inspectorId } = await one<{ id: string }>(sql`select id from users where username = 'inspector'`));
  ({ id: ent1UserId, enterpriseId: ownEnterprise } = await one<{ id: string; enterpriseId: string }>(
    sql`select id, organisation_id as "enterpriseId" from users where username = 'enterprise1'`,
  ));
  const list = (await insp.get('/api/enterprises?pageSize=5')).json() as { items: { id: string }[] };
  assigned = list.items[0]!.id;
  ({ id: outside } = await one<{ id: string }>(
    sql`select id from enterprises where id not in (select enterprise_id from inspector_assignments)
        and id not in (select enterprise_id from campaign_enterprises) order by name limit 1`,
  ));
});
afterAll(async () => {
  clock.reset();
  await env?.close();
});

describe('offline inspection sync', () => {
  it('applies an inspection with two hazards and three photos once; a replay returns the first result', async () => {
    const photoIds = [randomUUID(), randomUUID(), randomUUID()];
    for (const id of photoIds) {
      const res = await putPhoto(insp, id, assigned, PNG);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().id).toBe(id);
      // A retry of the same photo (its response lost) answers with the stored photo, not a copy.
      const again = await putPhoto(insp, id, assigned, PNG);
      expect(again.statusCode, again.body).toBe(200);
      expect(again.json().id).toBe(id);
    }
    expect(await count('files', sql`id in (${sql.join(photoIds, sql`, `)})`)).toBe(3);

    const before = { inspections: await count('inspections'), hazards: await count('hazards') };
    const body = { ...envelope(inspectorId), inspection: inspection(assigned, photoIds) };
    const first = await insp.post('/api/sync/inspections', body);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ kind: 'inspection', replayed: false, capturedAt: '2026-11-23T01:30:00.000Z' });
    const replay = await insp.post('/api/sync/inspections', body);
    expect(replay.statusCode, replay.body).toBe(200);
    expect(replay.json()).toMatchObject({ entityId: first.json().entityId, replayed: true });
    // The same device record under a fresh key (the device lost its note of the key) is still applied once.
    const rekeyed = await insp.post('/api/sync/inspections', { ...body, idempotencyKey: `insp-${randomUUID()}` });
    expect(rekeyed.json()).toMatchObject({ entityId: first.json().entityId, replayed: true });

    expect(await count('inspections')).toBe(before.inspections + 1);
    expect(await count('hazards')).toBe(before.hazards + 2);
    // Capture time (the phone's) and receipt time (the server's) are both kept.
    const rec = await one<{ captured: string; received: string }>(
      sql`select to_char(captured_at at time zone 'UTC', 'HH24:MI') as captured,
                 to_char(received_at at time zone 'UTC', 'HH24:MI') as received
          from sync_records where device_record_id = ${body.deviceRecordId}`,
    );
    expect(rec).toEqual({ captured: '01:30', received: '02:00' });
    const detail = await insp.get(`/api/inspections/${first.json().entityId}`);
    expect(detail.json().hazardCount).toBe(2);
  });

  it('refuses an enterprise outside the scope, another user, a clock far ahead — and saves nothing', async () => {
    const before = await count('inspections');
    const out = await insp.post('/api/sync/inspections', {
      ...envelope(inspectorId),
      inspection: inspection(outside, []),
    });
    expect(out.statusCode).toBe(403);
    expect(out.json().error.code).toBe('SYNC_OUT_OF_SCOPE');
    expect(out.json().error.message).toContain('数据范围');

    const other = await sup.post('/api/sync/inspections', {
      ...envelope(inspectorId),
      inspection: inspection(assigned, []),
    });
    expect(other.statusCode).toBe(403);
    expect(other.json().error).toMatchObject({ code: 'SYNC_WRONG_USER' });
    expect(other.json().error.message).toContain('采集人本人');

    const ahead = await insp.post('/api/sync/inspections', {
      ...envelope(inspectorId, '2026-11-23T05:00:00Z'),
      inspection: inspection(assigned, []),
    });
    expect(ahead.statusCode).toBe(422);
    expect(ahead.json().error).toMatchObject({ code: 'SYNC_CLOCK_AHEAD' });
    expect(ahead.json().error.fields).toHaveProperty('capturedAt');

    // The same rules as online: a hazard photo of another enterprise is refused, naming the hazard.
    const foreign = randomUUID();
    expect((await putPhoto(sup, foreign, outside, PNG)).statusCode).toBe(200);
    const bad = await insp.post('/api/sync/inspections', {
      ...envelope(inspectorId),
      inspection: inspection(assigned, [foreign]),
    });
    expect(bad.statusCode).toBe(422);
    expect(Object.keys(bad.json().error.fields ?? {})[0]).toMatch(/^hazards\.0\./);
    expect(await count('inspections')).toBe(before);
    expect(await count('sync_records')).toBe(1);
  });

  it('refuses a photo whose content is not an image, and a photo id another user took', async () => {
    const id = randomUUID();
    const pdf = await putPhoto(insp, id, assigned, PDF);
    expect(pdf.statusCode).toBe(400);
    expect(pdf.json().error.code).toBe('FILE_NOT_IMAGE');
    expect(await count('files', sql`id = ${id}`)).toBe(0);
    const text = await putPhoto(insp, id, assigned, Buffer.from('not a photo at all'));
    expect(text.statusCode).toBe(400);
    expect(text.json().error.code).toBe('FILE_TYPE_NOT_ALLOWED');

    expect((await putPhoto(insp, id, assigned, PNG)).statusCode).toBe(200);
    const taken = await putPhoto(sup, id, assigned, PNG);
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.code).toBe('FILE_ID_TAKEN');
  });
});

describe('offline rectification sync', () => {
  const newHazard = async () => {
    const res = await sup.post('/api/hazards', {
      enterpriseId: ownEnterprise,
      description: '车间灭火器过期未更换',
      category: 'unsafeCondition',
      source: 'routine',
      deadline: '2026-12-20',
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json().id as string;
  };
  const afterPhoto = async () => {
    const id = randomUUID();
    expect((await putPhoto(ent1, id, ownEnterprise, PNG, 'hazardAfter')).statusCode).toBe(200);
    return id;
  };

  it('starts and submits an assigned hazard once; a replay adds no second step', async () => {
    const hazardId = await newHazard();
    const body = {
      ...envelope(ent1UserId),
      idempotencyKey: `rect-${randomUUID()}`,
      hazardId,
      note: '已更换灭火器',
      evidenceIds: [await afterPhoto()],
    };
    const first = await ent1.post('/api/sync/rectifications', body);
    expect(first.statusCode, first.body).toBe(200);
    const events = await count('hazard_events', sql`hazard_id = ${hazardId}`);
    const replay = await ent1.post('/api/sync/rectifications', body);
    expect(replay.json()).toMatchObject({ replayed: true, entityId: hazardId });
    expect(await count('hazard_events', sql`hazard_id = ${hazardId}`)).toBe(events);
    expect((await ent1.get(`/api/hazards/${hazardId}`)).json().status).toBe('submitted');
  });

  it('refuses a rectification of a hazard closed meanwhile, with the reason', async () => {
    const hazardId = await newHazard();
    const evidence = await afterPhoto();
    expect((await ent1.post(`/api/hazards/${hazardId}/transitions`, { action: 'start' })).statusCode).toBe(200);
    const sub = await ent1.post(`/api/hazards/${hazardId}/transitions`, { action: 'submit', evidenceIds: [evidence] });
    expect(sub.statusCode, sub.body).toBe(200);
    const pass = await sup.post(`/api/hazards/${hazardId}/transitions`, { action: 'recheckPass' });
    expect(pass.statusCode, pass.body).toBe(200);

    const res = await ent1.post('/api/sync/rectifications', {
      ...envelope(ent1UserId),
      hazardId,
      evidenceIds: [await afterPhoto()],
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('SYNC_HAZARD_CLOSED');
    expect(res.json().error.message).toContain('已于 2026-11-23 复查销号');
  });
});

describe('a photo uploaded in parts (resumable)', () => {
  const PART = 64 * 1024;
  const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
  const putPart = (c: Client, id: string, index: number, bytes: Buffer) => {
    const form = new FormData();
    form.append('id', id);
    form.append('index', String(index));
    form.append('file', new Blob([new Uint8Array(bytes)]), `${id}.part`);
    return c.app.inject({
      method: 'POST',
      url: '/api/files/device/parts',
      headers: { cookie: c.cookie, 'x-csrf-token': c.csrf },
      payload: form as unknown as InjectOptions['payload'],
    });
  };
  const partsOf = (bytes: Buffer) =>
    Array.from({ length: Math.ceil(bytes.length / PART) }, (_, i) => bytes.subarray(i * PART, (i + 1) * PART));
  let photo: Buffer;
  beforeAll(async () => {
    // A noisy JPEG of a few parts: noise does not compress, so the file is a few hundred KB.
    const raw = randomBytes(500 * 400 * 3);
    photo = await sharp(raw, { raw: { width: 500, height: 400, channels: 3 } })
      .jpeg({ quality: 90 })
      .toBuffer();
    expect(photo.length).toBeGreaterThan(2 * PART);
  });

  it('resumes after a lost part, refuses a photo that does not add up, and stores it once', async () => {
    const id = randomUUID();
    const parts = partsOf(photo);
    const complete = (digest = sha(photo)) =>
      insp.post('/api/files/device/complete', {
        id,
        purpose: 'hazardBefore',
        enterpriseId: assigned,
        parts: parts.length,
        size: photo.length,
        sha256: digest,
      });
    // The signal drops after part 0: part 1 never arrives.
    for (const i of [...parts.keys()].filter((i) => i !== 1)) {
      expect((await putPart(insp, id, i, parts[i]!)).statusCode).toBe(200);
    }
    const status = (await insp.get(`/api/files/device/parts?id=${id}`)).json();
    expect(status).toEqual({ received: [...parts.keys()].filter((i) => i !== 1), complete: false });
    const early = await complete();
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('FILE_PARTS_MISSING');

    // A wrong digest: the parts are dropped, and the phone sends them all again.
    expect((await putPart(insp, id, 1, parts[1]!)).statusCode).toBe(200);
    const corrupt = await complete('0'.repeat(64));
    expect(corrupt.statusCode).toBe(422);
    expect(corrupt.json().error.code).toBe('FILE_PARTS_CORRUPT');
    expect((await insp.get(`/api/files/device/parts?id=${id}`)).json()).toEqual({ received: [], complete: false });

    for (const [i, p] of parts.entries()) expect((await putPart(insp, id, i, p)).statusCode).toBe(200);
    const done = await complete();
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ id, mime: 'image/jpeg', enterpriseId: assigned });
    // A lost answer: complete and a part sent again change nothing.
    expect((await complete()).json().id).toBe(id);
    expect((await putPart(insp, id, 0, parts[0]!)).json()).toEqual({ received: [], complete: true });
    expect((await insp.get(`/api/files/device/parts?id=${id}`)).json()).toEqual({ received: [], complete: true });
    expect(await count('files', sql`id = ${id}`)).toBe(1);
  });

  it("keeps parts to their uploader, refuses non-images, another enterprise's id and an oversized part", async () => {
    const id = randomUUID();
    const parts = partsOf(photo);
    for (const [i, p] of parts.entries()) await putPart(insp, id, i, p);
    const body = { id, purpose: 'hazardBefore', parts: parts.length, size: photo.length, sha256: sha(photo) };
    // Another user cannot complete (nor see) the inspector's parts.
    const theirs = await ent1.post('/api/files/device/complete', { ...body, enterpriseId: ownEnterprise });
    expect(theirs.statusCode).toBe(409);
    expect(theirs.json().error.code).toBe('FILE_PARTS_MISSING');
    expect((await ent1.get(`/api/files/device/parts?id=${id}`)).json().received).toEqual([]);
    // The inspector's photo for an enterprise outside its scope is refused, and the parts go.
    const outsideScope = await insp.post('/api/files/device/complete', { ...body, enterpriseId: outside });
    expect([403, 404]).toContain(outsideScope.statusCode);
    expect((await insp.get(`/api/files/device/parts?id=${id}`)).json().received).toEqual([]);
    expect(await count('files', sql`id = ${id}`)).toBe(0);

    const pdfId = randomUUID();
    await putPart(insp, pdfId, 0, PDF);
    const notImage = await insp.post('/api/files/device/complete', {
      id: pdfId,
      purpose: 'hazardBefore',
      enterpriseId: assigned,
      parts: 1,
      size: PDF.length,
    });
    expect(notImage.statusCode).toBe(400);
    expect(notImage.json().error.code).toBe('FILE_NOT_IMAGE');

    const big = await putPart(insp, randomUUID(), 0, randomBytes(300 * 1024));
    expect(big.statusCode).toBe(413);
    const badIndex = await putPart(insp, randomUUID(), -1, parts[0]!);
    expect(badIndex.statusCode).toBe(400);
  });
});
