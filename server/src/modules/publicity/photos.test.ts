// Publicity photos (park files of the 宣传活动 record kind): activities are park-public, so an enterprise reads the
// photos of an activity it sees (view, original and thumbnail), but not a photo no activity lists (unattached, or
// taken off the activity), nor the committee's earlier park photos without the kind, which stay the committee's.
import fs from 'node:fs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PublicityView } from '../../../../shared/src/activities';
import { clock } from '../../platform/clock';
import { type Client, createTestEnv, signedIn, type TestEnv } from '../../testing/harness';

let env: TestEnv;
let sup: Client;
let ent1: Client;
let png: Buffer;

beforeAll(async () => {
  clock.set(new Date('2026-11-23T02:00:00Z'));
  env = await createTestEnv();
  sup = await signedIn(env.app, 'supervisor');
  ent1 = await signedIn(env.app, 'enterprise1');
  const sharp = (await import('sharp')).default;
  png = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#c0392b' } })
    .png()
    .toBuffer();
});
afterAll(async () => {
  clock.reset();
  await env?.close();
});

const photo = async (fields: Record<string, string>) => {
  const res = await sup.upload({ purpose: 'evidence', enterpriseId: '', ...fields }, '横幅.png', png, 'image/png');
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as { id: string }).id;
};

const activity = (photoIds: string[]) => ({
  kind: 'toEnterprises',
  theme: '安全生产宣传进企业（照片）',
  startsOn: '2026-11-10',
  endsOn: '2026-11-10',
  participants: 80,
  materials: [],
  photoIds,
});

describe('publicity photos for enterprises', () => {
  it('an enterprise reads the photos of a public activity, not those no activity lists', async () => {
    const shown = await photo({ recordKind: 'publicityActivity' });
    const unattached = await photo({ recordKind: 'publicityActivity' });
    const legacy = await photo({}); // a park file without a record kind, as publicity photos were stored before
    // Before an activity lists it, only the uploader reads it.
    expect((await ent1.get(`/api/files/${shown}`)).statusCode).toBe(404);

    const res = await sup.post('/api/publicity', activity([shown, legacy]));
    expect(res.statusCode, res.body).toBe(200);
    const a = res.json() as PublicityView;
    expect(a.photos.map((p) => p.id)).toEqual([shown, legacy]);

    // The enterprise sees the activity and its photo of the kind (original and thumbnail), read-only.
    const seen = (await ent1.get(`/api/publicity/${a.id}`)).json() as PublicityView;
    expect(seen.photos.map((p) => p.id)).toEqual([shown]);
    const original = await ent1.get(`/api/files/${shown}`);
    expect(original.statusCode).toBe(200);
    expect(original.headers['content-type']).toContain('image/jpeg');
    expect((await ent1.get(`/api/files/${shown}/thumb`)).statusCode).toBe(200);
    expect((await ent1.get(`/api/files/${shown}/meta`)).statusCode).toBe(200);
    // A photo no activity lists, and the park's own photo without the kind: 404 as if absent.
    expect((await ent1.get(`/api/files/${unattached}`)).statusCode).toBe(404);
    expect((await ent1.get(`/api/files/${legacy}`)).statusCode).toBe(404);
    expect((await sup.get(`/api/files/${legacy}`)).statusCode).toBe(200);

    // Taken off the activity, the photo is no longer the enterprise's to read.
    const edited = await sup.request('PUT', `/api/publicity/${a.id}`, {
      ...activity([legacy]),
      rowVersion: a.rowVersion,
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect((await ent1.get(`/api/files/${shown}`)).statusCode).toBe(404);
    // An enterprise cannot upload one.
    const upload = await ent1.upload(
      { purpose: 'evidence', enterpriseId: '', recordKind: 'publicityActivity' },
      'x.png',
      png,
      'image/png',
    );
    expect([400, 403]).toContain(upload.statusCode);
  });

  it('migration 0043 gives the kind to photos an activity listed before it existed, and then enterprises read them', async () => {
    const legacy = await photo({});
    const loose = await photo({}); // a kind-less park file no activity lists (minutes, a payment's receipt…)
    const res = await sup.post('/api/publicity', activity([legacy]));
    expect(res.statusCode, res.body).toBe(200);
    const a = res.json() as PublicityView;
    expect((await ent1.get(`/api/files/${legacy}`)).statusCode).toBe(404);
    const migration = fs.readFileSync(
      new URL('../../db/migrations/0043_publicity_photo_kind.sql', import.meta.url),
      'utf8',
    );
    await env.database.db.execute(sql.raw(migration));
    const seen = (await ent1.get(`/api/publicity/${a.id}`)).json() as PublicityView;
    expect(seen.photos.map((p) => p.id)).toEqual([legacy]);
    expect((await ent1.get(`/api/files/${legacy}`)).statusCode).toBe(200);
    expect((await ent1.get(`/api/files/${loose}`)).statusCode).toBe(404);
    expect((await sup.get(`/api/files/${loose}`)).statusCode).toBe(200);
  });

  it('refuses another kind’s park file as an activity photo, naming the field', async () => {
    const training = await photo({ recordKind: 'trainingSession' });
    const res = await sup.post('/api/publicity', activity([training]));
    expect(res.statusCode).toBe(422);
    expect((res.json() as { error: { fields?: Record<string, string> } }).error.fields?.photoIds).toBeTruthy();
  });
});
