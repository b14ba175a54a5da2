// Personal data at rest (issue 16): SM4 + HMAC-SM3 round trip and tamper detection, the key check at start-up, no
// clear phone in the tables, masked answers, search through the digest, reveal with its permission and audit, edits
// that keep an untouched mask, export masking by role, the start-up backfill and the key rotation.
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobView } from '../../../shared/src/io';
import { shanghaiToday } from '../../../shared/src/validators';
import { createApp } from '../app';
import { type Client, createTestEnv, signedIn, type TestEnv } from '../testing/harness';
import { rows } from './db';
import {
  configurePersonalDataKey,
  isSealed,
  maskIdNumber,
  maskPhone,
  PersonalDataError,
  PersonalDataKey,
  personalDataKey,
  preparePersonalData,
  rotateDataKey,
  WrongDataKeyError,
} from './personal-data';

const secret = () => randomBytes(32).toString('hex');
const MASKED = /^\d{3}\*{4}\d{4}$/;
// A phone standing alone: not inside a longer token, such as a hex digest that happens to start with 11 digits.
const CLEAR_PHONE = /(?<![0-9A-Za-z])1[3-9]\d{9}(?![0-9A-Za-z])/;

describe('SM4 sealing', () => {
  const key = new PersonalDataKey(secret());

  it('round-trips, with a fresh IV each time, and refuses another key', () => {
    const a = key.seal('13812341234');
    const b = key.seal('13812341234');
    expect(a).toMatch(/^sm4:[0-9a-f]{8}:/);
    expect(a).not.toBe(b);
    expect(a).not.toContain('13812341234');
    expect(key.open(a)).toBe('13812341234');
    expect(key.open(key.seal('0512-66668888'))).toBe('0512-66668888');
    expect(() => new PersonalDataKey(secret()).open(a)).toThrow(PersonalDataError);
  });

  it('detects any altered byte (encrypt-then-MAC)', () => {
    const sealed = key.seal('13812341234');
    const [prefix, kid, body] = sealed.split(':');
    const raw = Buffer.from(body!, 'base64url');
    for (const at of [0, 20, raw.length - 1]) {
      const bad = Buffer.from(raw);
      bad[at] = bad[at]! ^ 1;
      expect(() => key.open(`${prefix}:${kid}:${bad.toString('base64url')}`)).toThrow(/校验失败/);
    }
    expect(() => key.open(`${prefix}:${kid}:${raw.subarray(0, 40).toString('base64url')}`)).toThrow(/不完整/);
  });

  it('masks phones and ID numbers, and digests with the key', () => {
    expect(maskPhone('13812341234')).toBe('138****1234');
    expect(maskPhone('0512-66668888')).toBe('0512-****8888');
    expect(maskIdNumber('320102199001011234')).toBe('3201**********1234');
    expect(key.digest('13812341234')).toBe(key.digest('138 1234 1234'));
    expect(key.digest('13812341234')).not.toBe(new PersonalDataKey(secret()).digest('13812341234'));
  });
});

let env: TestEnv;
let sup: Client;
let ent1: Client;
let inspector: Client;
let ownId: string;
let otherId: string;

beforeAll(async () => {
  env = await createTestEnv();
  sup = await signedIn(env.app, 'supervisor');
  ent1 = await signedIn(env.app, 'enterprise1');
  inspector = await signedIn(env.app, 'inspector');
  ownId = ((await ent1.get('/api/auth/session')).json() as { me: { enterpriseId: string } }).me.enterpriseId;
  const [other] = await rows<{ id: string }>(
    env.database.db,
    sql`select id from enterprises where id <> ${ownId} order by name limit 1`,
  );
  otherId = other!.id;
});
afterAll(async () => {
  await env?.close();
});

const reveal = (c: Client, body: Record<string, unknown>) =>
  c.post('/api/personal-data/reveal', { reason: '联系企业核实隐患整改', ...body });

/** Every phone column, as the database holds it. */
async function storedPhones(): Promise<(string | null)[]> {
  const r = await rows<{ v: string | null }>(
    env.database.db,
    sql`select principal_phone as v from enterprises union all select safety_manager_phone from enterprises
        union all select actual_controller_phone from enterprises
        union all select x->>'phone' from enterprises, jsonb_array_elements(extra_safety_managers) x
        union all select contact_phone from organisations union all select phone from users
        union all select contact_phone from service_providers union all select phone from training_attendees
        union all select contact_phone from resumption_applications`,
  );
  return r.map((x) => x.v);
}

let sessionId: string;
let resumptionId: string;

describe('personal data at rest', () => {
  it("seals training attendees' phones on write and resumption contacts' at start-up; person keys carry no number", async () => {
    const today = shanghaiToday();
    const created = await sup.post('/api/training/sessions', {
      kind: 'warning',
      title: '个人信息加密测试培训',
      occurredOn: today,
      organiserKind: 'committee',
      hours: 2,
      attendees: [
        { name: '孙八', enterpriseId: ownId, phone: '13944445555', passed: true },
        { name: '周九', enterpriseId: otherId, phone: '0512-66668888', passed: true },
        { name: '吴十', enterpriseId: otherId, passed: true },
      ],
    });
    expect(created.statusCode, created.body).toBe(200);
    const s = created.json() as { id: string; attendees: { phone: string | null; personKey: string }[] };
    sessionId = s.id;
    expect(s.attendees.map((a) => a.phone)).toEqual(['139****5555', '0512-****8888', null]);
    expect(JSON.stringify(s)).not.toContain('13944445555');
    const stored = await rows<{ phone: string | null; person_key: string }>(
      env.database.db,
      sql`select phone, person_key from training_attendees where session_id = ${sessionId} order by position`,
    );
    expect(isSealed(stored[0]!.phone)).toBe(true);
    expect(isSealed(stored[1]!.phone)).toBe(true);
    expect(stored[0]!.person_key).toBe(`tel:${personalDataKey().digest('13944445555')}`);
    expect(stored[2]!.person_key).toMatch(/^name:/);

    // The hours list finds the person by the full number (digest), and shows the mask.
    const hours = (await sup.get(`/api/training/hours?year=${today.slice(0, 4)}&q=13944445555`)).json() as {
      people: { name: string; phone: string; attendeeId: string }[];
    };
    expect(hours.people).toEqual([expect.objectContaining({ name: '孙八', phone: '139****5555' })]);

    // A resumption application's contact phone written in clear by an older version: sealed by the start-up backfill.
    const [app] = await rows<{ id: string }>(
      env.database.db,
      sql`select id from resumption_applications order by serial limit 1`,
    );
    resumptionId = app!.id;
    await env.database.db.execute(
      sql`update resumption_applications set contact_phone = '13922221111' where id = ${resumptionId}`,
    );
    const lines: string[] = [];
    await preparePersonalData(env.database.db, currentSecret, (m) => lines.push(m));
    expect(lines.join('\n')).toMatch(/resumption_applications: 1 行已加密/);
    const shown = (await sup.get(`/api/resumption/${resumptionId}`)).json() as { contactPhone: string };
    expect(shown.contactPhone).toBe('139****1111');
  });

  it('leaves no phone in clear text in the tables (a dump of the rows finds none)', async () => {
    await sup.patch(`/api/enterprises/${ownId}`, {
      rowVersion: (await sup.get(`/api/enterprises/${ownId}`)).json().rowVersion,
      safetyManagerPhone: '13966667777',
      extraSafetyManagers: [{ name: '赵六', phone: '13955556666' }],
    });
    const phones = (await storedPhones()).filter(Boolean) as string[];
    expect(phones.length).toBeGreaterThan(10);
    expect(phones.every(isSealed)).toBe(true);
    // The whole rows as text, as a dump would show them: no mobile number anywhere (audit rows keep masks only).
    const dump = await rows<{ t: string }>(
      env.database.db,
      sql`select string_agg(t::text, E'\n') as t from (
            select row_to_json(e)::text as t from enterprises e union all select row_to_json(o)::text from organisations o
            union all select row_to_json(u)::text from users u union all select row_to_json(p)::text from service_providers p
            union all select row_to_json(t)::text from training_attendees t
            union all select row_to_json(r)::text from resumption_applications r
            union all select row_to_json(a)::text from audit_log a
             where a.action like 'enterprise.%' or a.action like 'training.%' or a.action like 'resumption.%'
                or a.action = 'personalData.reveal') x`,
    );
    expect(dump[0]!.t).not.toMatch(CLEAR_PHONE);
    expect(dump[0]!.t).not.toContain('13966667777');
  });

  it('answers masks in lists and details, and finds an enterprise and a user by the full number', async () => {
    const detail = (await sup.get(`/api/enterprises/${ownId}`)).json();
    expect(detail.safetyManagerPhone).toBe('139****7777');
    expect(detail.extraSafetyManagers).toEqual([{ name: '赵六', phone: '139****6666' }]);
    const list = (await sup.get('/api/enterprises?pageSize=50')).json() as { items: { principalPhone: string }[] };
    expect(list.items.filter((i) => i.principalPhone).every((i) => MASKED.test(i.principalPhone))).toBe(true);
    const found = (await sup.get('/api/enterprises?q=13955556666')).json() as { items: { id: string }[] };
    expect(found.items.map((i) => i.id)).toEqual([ownId]);
    expect((await sup.get('/api/enterprises?q=13955556660')).json().total).toBe(0);

    const admin = await signedIn(env.app, 'admin');
    const [u] = await rows<{ id: string }>(env.database.db, sql`select id from users where username = 'inspector'`);
    expect((await admin.patch(`/api/users/${u!.id}`, { phone: '13811112222' })).statusCode).toBe(200);
    const users = (await admin.get('/api/users?q=13811112222')).json() as { items: { id: string; phone: string }[] };
    expect(users.items).toEqual([expect.objectContaining({ id: u!.id, phone: '138****2222' })]);
    // The edit drawer sends the mask back untouched: the number stays; another mask is refused by name.
    expect((await admin.patch(`/api/users/${u!.id}`, { phone: '138****2222', displayName: '王检查' })).statusCode).toBe(
      200,
    );
    expect((await admin.get('/api/users?q=13811112222')).json().total).toBe(1);
    const wrong = await admin.patch(`/api/users/${u!.id}`, { phone: '138****0000' });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().error.fields).toHaveProperty('phone');
  });

  it('keeps a phone left masked in the enterprise form, and refuses a mask that is not the stored one', async () => {
    const before = (await sup.get(`/api/enterprises/${ownId}`)).json();
    const kept = await sup.patch(`/api/enterprises/${ownId}`, {
      rowVersion: before.rowVersion,
      safetyManagerPhone: before.safetyManagerPhone,
      extraSafetyManagers: [...before.extraSafetyManagers, { name: '钱七', phone: '13700002222' }],
    });
    expect(kept.statusCode, kept.body).toBe(200);
    const shown = await reveal(sup, { entityType: 'enterprise', id: ownId, field: 'safetyManagerPhone' });
    expect(shown.json()).toEqual({ value: '13966667777' });
    const first = await reveal(sup, { entityType: 'enterprise', id: ownId, field: 'extraSafetyManagers', index: 0 });
    expect(first.json()).toEqual({ value: '13955556666' });
    const bad = await sup.patch(`/api/enterprises/${ownId}`, {
      rowVersion: kept.json().rowVersion,
      principalPhone: '135****0000',
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error).toMatchObject({ code: 'PERSONAL_DATA_MASKED_VALUE' });
    expect(bad.json().error.fields).toHaveProperty('principalPhone');
  });

  it('reveals one value to admin/supervisor and to an enterprise for its own, audited with who, what and why', async () => {
    const own = await reveal(ent1, { entityType: 'enterprise', id: ownId, field: 'safetyManagerPhone' });
    expect(own.json()).toEqual({ value: '13966667777' });
    expect((await reveal(ent1, { entityType: 'enterprise', id: otherId, field: 'principalPhone' })).statusCode).toBe(
      404,
    );
    const denied = await reveal(inspector, { entityType: 'enterprise', id: ownId, field: 'principalPhone' });
    expect(denied.statusCode).toBe(403);
    expect(denied.json().error.code).toBe('PERSONAL_DATA_REVEAL_FORBIDDEN');
    const noReason = await sup.post('/api/personal-data/reveal', { entityType: 'user', id: ownId, field: 'phone' });
    expect(noReason.statusCode).toBe(400);
    const wrongField = await reveal(sup, { entityType: 'user', id: ownId, field: 'principalPhone' });
    expect(wrongField.statusCode).toBe(400);

    const [audit] = await rows<{ actor_name: string; actor_role: string; entity_id: string; after: unknown }>(
      env.database.db,
      sql`select actor_name, actor_role, entity_id, after from audit_log
           where action = 'personalData.reveal' order by at desc, seq desc limit 1`,
    );
    expect(audit).toMatchObject({
      actor_role: 'enterprise',
      entity_id: ownId,
      after: { field: 'safetyManagerPhone', reason: '联系企业核实隐患整改' },
    });
    expect(JSON.stringify(audit)).not.toContain('13966667777');
    // The enterprise's own history shows who looked.
    const history = (await sup.get(`/api/enterprises/${ownId}/history`)).json() as { items: { action: string }[] };
    expect(history.items.map((i) => i.action)).toContain('personalData.reveal');
  });

  it('exports phones in full to a supervisor and masked to an enterprise, and says which', async () => {
    const exportAs = async (c: Client) => {
      const res = await c.post('/api/enterprises/export', {});
      expect(res.statusCode).toBe(202);
      let job = (res.json() as { job: JobView }).job;
      for (let i = 0; i < 400 && job.status !== 'succeeded' && job.status !== 'failed'; i++) {
        await new Promise((r) => setTimeout(r, 50));
        job = (await c.get(`/api/jobs/${job.id}`)).json() as JobView;
      }
      expect(job.status).toBe('succeeded');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load((await c.get(job.downloadUrl!)).rawPayload as never);
      const cells: string[] = [];
      wb.eachSheet((ws) => ws.eachRow((row) => cells.push(JSON.stringify(row.values))));
      return cells.join('\n');
    };
    const mine = await exportAs(ent1);
    expect(mine).toContain('139****7777');
    expect(mine).not.toMatch(CLEAR_PHONE);
    expect(mine).toContain('已脱敏');
    const full = await exportAs(sup);
    expect(full).toContain('13966667777');
    expect(full).toContain('未脱敏');
  });

  it("keeps an attendee's phone left masked in an edit; reveals attendees' and contacts' phones, audited", async () => {
    const before = (await sup.get(`/api/training/sessions/${sessionId}`)).json();
    const body = (attendees: unknown[]) => ({
      kind: before.kind,
      title: before.title,
      occurredOn: before.occurredOn,
      organiserKind: before.organiserKind,
      hours: before.hours,
      attendees,
      rowVersion: before.rowVersion,
    });
    const asShown = before.attendees.map((a: Record<string, unknown>) => ({
      name: a.name,
      enterpriseId: a.enterpriseId,
      phone: a.phone,
      passed: a.passed,
    }));
    const wrong = await sup.patch(
      `/api/training/sessions/${sessionId}`,
      body([{ ...asShown[0], phone: '139****0000' }, ...asShown.slice(1)]),
    );
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().error).toMatchObject({ code: 'PERSONAL_DATA_MASKED_VALUE' });
    expect(wrong.json().error.fields).toHaveProperty(['attendees.0.phone']);
    const kept = await sup.patch(`/api/training/sessions/${sessionId}`, body(asShown));
    expect(kept.statusCode, kept.body).toBe(200);
    const [own, other] = kept.json().attendees as { id: string; phone: string }[];
    expect(own!.phone).toBe('139****5555');

    // The attendee's own enterprise and the committee see it in full; another enterprise's attendee is not found;
    // an inspector only sees the mask.
    const mine = await reveal(ent1, { entityType: 'trainingAttendee', id: own!.id, field: 'phone' });
    expect(mine.json()).toEqual({ value: '13944445555' });
    expect((await reveal(ent1, { entityType: 'trainingAttendee', id: other!.id, field: 'phone' })).statusCode).toBe(
      404,
    );
    expect((await reveal(sup, { entityType: 'trainingAttendee', id: other!.id, field: 'phone' })).json()).toEqual({
      value: '0512-66668888',
    });
    const denied = await reveal(inspector, { entityType: 'trainingAttendee', id: own!.id, field: 'phone' });
    expect(denied.statusCode).toBe(403);
    expect((await reveal(sup, { entityType: 'resumption', id: resumptionId, field: 'contactPhone' })).json()).toEqual({
      value: '13922221111',
    });
    expect((await reveal(sup, { entityType: 'resumption', id: resumptionId, field: 'phone' })).statusCode).toBe(400);

    const audit = await rows<{ actor_role: string; entity_type: string; entity_id: string; after: unknown }>(
      env.database.db,
      sql`select actor_role, entity_type, entity_id, after from audit_log
           where action = 'personalData.reveal' and entity_type in ('trainingAttendee', 'resumption')
           order by at, seq`,
    );
    expect(audit).toEqual([
      expect.objectContaining({ actor_role: 'enterprise', entity_type: 'trainingAttendee', entity_id: own!.id }),
      expect.objectContaining({ actor_role: 'supervisor', entity_type: 'trainingAttendee', entity_id: other!.id }),
      expect.objectContaining({
        actor_role: 'supervisor',
        entity_type: 'resumption',
        entity_id: resumptionId,
        after: { field: 'contactPhone', reason: '联系企业核实隐患整改' },
      }),
    ]);
    expect(JSON.stringify(audit)).not.toMatch(/13944445555|0512-66668888|13922221111/);
  });

  it("exports training attendees' phones masked to an enterprise and in full to a supervisor", async () => {
    const exportAs = async (c: Client) => {
      const res = await c.get('/api/training/sessions/export');
      expect(res.statusCode).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as never);
      const cells: string[] = [];
      wb.eachSheet((ws) => ws.eachRow((row) => cells.push(JSON.stringify(row.values))));
      return cells.join('\n');
    };
    const mine = await exportAs(ent1);
    expect(mine).toContain('139****5555');
    expect(mine).not.toMatch(CLEAR_PHONE);
    expect(mine).toContain('已脱敏');
    const full = await exportAs(sup);
    expect(full).toContain('13944445555');
    expect(full).toContain('未脱敏');
  });

  it('seals clear values left by an older version at start-up, once', async () => {
    await env.database.db.execute(
      sql`update service_providers set contact_phone = '13600001111'
           where id = (select id from service_providers order by name limit 1)`,
    );
    await env.database.db.execute(
      sql`update users set phone = '13600002222', phone_digest = null where username = 'leader'`,
    );
    const current = personalDataKey();
    const lines: string[] = [];
    await preparePersonalData(env.database.db, currentSecret, (m) => lines.push(m));
    expect(lines.join('\n')).toMatch(/2 行明文已加密/);
    expect(personalDataKey().id).toBe(current.id);
    expect((await storedPhones()).filter(Boolean).every((v) => isSealed(v))).toBe(true);
    const again: string[] = [];
    await preparePersonalData(env.database.db, currentSecret, (m) => again.push(m));
    expect(again).toEqual([]);
    const admin = await signedIn(env.app, 'admin');
    expect((await admin.get('/api/users?q=13600002222')).json().total).toBe(1);
  });

  it('refuses to start with another key, with a clear message, and keeps the right one', async () => {
    const before = personalDataKey().id;
    await expect(preparePersonalData(env.database.db, secret())).rejects.toThrow(WrongDataKeyError);
    await expect(createApp({ ...env.config, dataKey: secret() }, env.database)).rejects.toThrow(
      /个人信息加密密钥与数据库中的数据不符/,
    );
    expect(personalDataKey().id).toBe(before);
  });

  it('rotates every value to a new key in batches; the old key is refused afterwards', async () => {
    const oldSecret = currentSecret;
    const next = secret();
    const n = await rotateDataKey(env.database.db, new PersonalDataKey(oldSecret), new PersonalDataKey(next), {
      batch: 7,
    });
    expect(n).toBeGreaterThan(10);
    const nextKey = new PersonalDataKey(next);
    const stored = (await storedPhones()).filter(Boolean) as string[];
    expect(stored.every((v) => v.startsWith(`sm4:${nextKey.id}:`))).toBe(true);
    await expect(preparePersonalData(env.database.db, oldSecret)).rejects.toThrow(WrongDataKeyError);
    await preparePersonalData(env.database.db, next);
    expect((await sup.get(`/api/enterprises/${ownId}`)).json().safetyManagerPhone).toBe('139****7777');
    expect((await reveal(sup, { entityType: 'enterprise', id: ownId, field: 'safetyManagerPhone' })).json()).toEqual({
      value: '13966667777',
    });
    // The digests were recomputed with the new key: search still finds by the full number.
    expect((await sup.get('/api/enterprises?q=13955556666')).json().total).toBe(1);
    const keys = await rows<{ person_key: string }>(
      env.database.db,
      sql`select person_key from training_attendees where session_id = ${sessionId} order by position`,
    );
    expect(keys[0]!.person_key).toBe(`tel:${nextKey.digest('13944445555')}`);
    expect(keys[2]!.person_key).toMatch(/^name:/);
    configurePersonalDataKey(next);
  });
});

// The harness's in-memory databases share the process's data key (config.dataKey).
let currentSecret: string;
beforeAll(() => {
  currentSecret = env.config.dataKey;
});
