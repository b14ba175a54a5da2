// Service providers: the committee keeps the list, the park reads it, a duplicate name is refused naming the field,
// an expired qualification is derived from today and reported to the module that names the provider.

import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProviderView } from '../../../../shared/src/providers';
import type { Actor } from '../../platform/actor';
import { clock } from '../../platform/clock';
import { rows } from '../../platform/db';
import { type Client, createTestEnv, signedIn, type TestEnv } from '../../testing/harness';
import * as service from './service';

let env: TestEnv;
let sup: Client;
let ent1: Client;
type Err = { error: { code: string; fields?: Record<string, string> } };

beforeAll(async () => {
  clock.set(new Date('2026-11-23T02:00:00Z'));
  env = await createTestEnv();
  sup = await signedIn(env.app, 'supervisor');
  ent1 = await signedIn(env.app, 'enterprise1');
});
afterAll(async () => {
  clock.reset();
  await env?.close();
});

describe('service providers', () => {
  it('records a provider, refuses a duplicate name and bad fields by name, and lets an enterprise read but not write', async () => {
    const res = await sup.post('/api/providers', {
      name: '苏州安消消防技术服务有限公司',
      kinds: ['fireService', 'training', 'training'],
      qualification: '消防设施维护保养检测机构',
      qualificationValidUntil: '2026-11-22',
      contactPhone: '13812345678',
    });
    expect(res.statusCode, res.body).toBe(200);
    const p = res.json() as ProviderView;
    expect(p.kinds).toEqual(['fireService', 'training']);
    expect(p.qualificationExpired).toBe(true);

    const dup = await sup.post('/api/providers', { name: '苏州安消消防技术服务有限公司', kinds: ['training'] });
    expect(dup.statusCode).toBe(409);
    expect((dup.json() as Err).error.fields?.name).toBe('机构名称已存在');

    const bad = await sup.post('/api/providers', { name: '某培训中心', kinds: [], contactPhone: '12345' });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json())).toMatch(/请至少选择一个服务类别/);

    expect((await ent1.post('/api/providers', { name: '企业自建机构', kinds: ['other'] })).statusCode).toBe(403);
    const listed = (await ent1.get('/api/providers?kind=fireService&expired=true')).json() as {
      items: ProviderView[];
      total: number;
    };
    expect(listed.items.map((i) => i.id)).toContain(p.id);
    expect(listed.total).toBe(listed.items.length);

    const renewed = await sup.patch(`/api/providers/${p.id}`, { qualificationValidUntil: '2029-12-31', rowVersion: 1 });
    expect(renewed.statusCode, renewed.body).toBe(200);
    expect((renewed.json() as ProviderView).qualificationExpired).toBe(false);
    const stale = await sup.patch(`/api/providers/${p.id}`, { note: '过期版本', rowVersion: 1 });
    expect(stale.statusCode).toBe(409);
  });

  it('tells another module whether a provider may be named, and warns on an expired qualification', async () => {
    const created = (
      await sup.post('/api/providers', {
        name: '园区安全培训中心',
        kinds: ['training'],
        qualificationValidUntil: '2026-06-30',
      })
    ).json() as ProviderView;
    const [u] = await rows<{ id: string; park_id: string; organisation_id: string }>(
      env.database.db,
      sql`select id, park_id, organisation_id from users where username = 'supervisor'`,
    );
    const actor: Actor = {
      userId: u!.id,
      username: 'supervisor',
      displayName: '监管员',
      role: 'supervisor',
      parkId: u!.park_id,
      organisationId: u!.organisation_id,
      enterpriseId: null,
      mustChangePassword: false,
    };
    const db = env.database.db;
    const use = await service.forUse(db, actor, created.id, 'training', '2026-11-23');
    expect(use.expired).toBe(true);
    expect((await service.forUse(db, actor, created.id, 'training', '2026-06-30')).expired).toBe(false);
    await expect(service.forUse(db, actor, created.id, 'fireService', '2026-11-23')).rejects.toMatchObject({
      code: 'PROVIDER_KIND',
    });
    await sup.patch(`/api/providers/${created.id}`, { active: false });
    await expect(service.forUse(db, actor, created.id, 'training', '2026-11-23')).rejects.toMatchObject({
      code: 'PROVIDER_INACTIVE',
    });
  });
});
