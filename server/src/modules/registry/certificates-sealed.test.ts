// 特种作业证书 numbers as personal data (issue 16), through the real API on PGlite or (TEST_DATABASE_URL) PostgreSQL:
// sealed with SM4 on write and by the start-up backfill, no clear number in a dump of the rows, the per park and type
// uniqueness through the keyed digest (same 409 naming the field), search by the full number, masks in answers, the
// audit log and the export (full for admin/supervisor), an untouched mask kept on edit, the audited reveal, rotation.
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../platform/db';
import {
  configurePersonalDataKey,
  isSealed,
  maskIdNumber,
  PersonalDataKey,
  personalDataKey,
  preparePersonalData,
  rotateDataKey,
} from '../../platform/personal-data';
import { type Client, createTestEnv, signedIn, type TestEnv } from '../../testing/harness';

const ID_NO = '320102199001011234';
const ID_MASK = '3201**********1234';
/** An 18-character ID-card number anywhere in a text (digits, or 17 digits and X). */
const CLEAR_ID = /(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/;

let env: TestEnv;
let sup: Client;
let admin: Client;
let ent1: Client;
let inspector: Client;
let ownId: string;
let otherId: string;
let certId: string;

beforeAll(async () => {
  env = await createTestEnv();
  sup = await signedIn(env.app, 'supervisor');
  admin = await signedIn(env.app, 'admin');
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

const cert = (over: Record<string, unknown> = {}) => ({
  enterpriseId: ownId,
  holderName: '钱七',
  certificateType: 'electrician',
  operationItem: '低压电工作业',
  certificateNo: ID_NO,
  issuedDate: '2024-03-01',
  expiryDate: '2030-03-01',
  ...over,
});
const err = (res: { json(): unknown }) =>
  (res.json() as { error: { code: string; message: string; fields?: Record<string, string> } }).error;
const reveal = (c: Client, id: string) =>
  c.post('/api/personal-data/reveal', {
    entityType: 'certificates',
    id,
    field: 'certificateNo',
    reason: '核对特种作业人员身份',
  });
const stored = async (id: string) =>
  (
    await rows<{ no: string; digest: string | null }>(
      env.database.db,
      sql`select certificate_no as no, certificate_no_digest as digest from certificates where id = ${id}`,
    )
  )[0]!;

async function workbookText(c: Client): Promise<string> {
  const res = await c.get(`/api/registry/certificates/export?enterpriseId=${ownId}`);
  expect(res.statusCode, res.body).toBe(200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as never);
  const cells: string[] = [];
  wb.eachSheet((ws) => ws.eachRow((row) => cells.push(JSON.stringify(row.values))));
  return cells.join('\n');
}

describe('特种作业证书 numbers at rest', () => {
  it('masks ID numbers of every length', () => {
    expect(maskIdNumber(ID_NO)).toBe(ID_MASK);
    expect(maskIdNumber('32010219900101123X')).toBe('3201**********123X');
    expect(maskIdNumber('T370000001234')).toBe('T370*****1234');
    expect(maskIdNumber('12345678')).toBe('******78');
    expect(maskIdNumber('12345')).toBe('*****');
  });

  it('seals the number on write, answers the mask, and keeps no clear number in the rows or the audit log', async () => {
    const res = await sup.post('/api/registry/certificates', cert());
    expect(res.statusCode, res.body).toBe(200);
    const view = res.json() as { id: string; certificateNo: string; certificateNoDigest?: string };
    certId = view.id;
    expect(view.certificateNo).toBe(ID_MASK);
    expect(view.certificateNoDigest).toBeUndefined();
    const row = await stored(certId);
    expect(isSealed(row.no)).toBe(true);
    expect(row.digest).toBe(personalDataKey().digest(ID_NO));
    expect((await sup.get(`/api/registry/certificates/${certId}`)).json().certificateNo).toBe(ID_MASK);
    const list = (await ent1.get(`/api/registry/certificates?enterpriseId=${ownId}`)).json() as {
      items: { id: string; certificateNo: string }[];
    };
    expect(list.items.find((i) => i.id === certId)?.certificateNo).toBe(ID_MASK);
    expect(list.items.every((i) => i.certificateNo.includes('*'))).toBe(true);

    // The whole rows as a dump would show them: the certificates and their audit rows.
    const dump = await rows<{ t: string }>(
      env.database.db,
      sql`select string_agg(t, E'\n') as t from (
            select row_to_json(c)::text as t from certificates c
            union all select row_to_json(a)::text from audit_log a
             where a.action like 'certificates.%' or a.action = 'personalData.reveal') x`,
    );
    expect(dump[0]!.t).not.toContain(ID_NO);
    expect(dump[0]!.t).not.toMatch(CLEAR_ID);
    // The audit log names the record by its holder and the mask.
    const audit = (await admin.get(`/api/audit?entityType=certificates&entityId=${certId}`)).json() as {
      items: { entityName: string | null }[];
    };
    expect(audit.items[0]?.entityName).toBe(`钱七 ${ID_MASK}`);
  });

  it('refuses the same number for the same type in the park with the 409 naming the field; another type is fine', async () => {
    for (const same of [ID_NO, '3201 0219 9001 0112 34']) {
      const dup = await ent1.post('/api/registry/certificates', cert({ holderName: '李四', certificateNo: same }));
      expect(dup.statusCode).toBe(409);
      const body = err(dup);
      expect(body.code).toBe('RECORD_DUPLICATE');
      expect(body.message).toBe('同类别下该证书编号已登记');
      expect(body.fields?.certificateNo).toBe('同类别下该证书编号已登记');
    }
    // Another enterprise of the park: still the same park-wide rule.
    expect((await sup.post('/api/registry/certificates', cert({ enterpriseId: otherId }))).statusCode).toBe(409);
    const welding = await sup.post('/api/registry/certificates', cert({ certificateType: 'welding' }));
    expect(welding.statusCode, welding.body).toBe(200);
    // An edit onto a number already taken is refused the same way.
    const other = await sup.post('/api/registry/certificates', cert({ certificateNo: 'T370302198001015678' }));
    expect(other.statusCode).toBe(200);
    const clash = await sup.patch(`/api/registry/certificates/${other.json().id}`, { certificateNo: ID_NO });
    expect(clash.statusCode).toBe(409);
    expect(err(clash).fields?.certificateNo).toBeDefined();
  });

  it('finds a certificate by its full number only (digest), and still by the holder name', async () => {
    const find = async (c: Client, q: string) =>
      (
        (await c.get(`/api/registry/certificates?q=${encodeURIComponent(q)}`)).json() as {
          items: { id: string }[];
        }
      ).items.map((i) => i.id);
    expect(await find(sup, ID_NO)).toContain(certId);
    expect(await find(ent1, ` ${ID_NO} `)).toContain(certId);
    expect(await find(sup, '19900101')).not.toContain(certId);
    expect(await find(sup, '钱七')).toContain(certId);
    // An enterprise's search stays within its scope.
    const otherOwn = await sup.post(
      '/api/registry/certificates',
      cert({ enterpriseId: otherId, certificateType: 'refrigeration', certificateNo: '110101198502023456' }),
    );
    expect(await find(sup, '110101198502023456')).toEqual([otherOwn.json().id]);
    expect(await find(ent1, '110101198502023456')).toEqual([]);
  });

  it('keeps the number when the edit form sends the mask back, refuses another mask, re-seals a new number', async () => {
    const kept = await ent1.patch(`/api/registry/certificates/${certId}`, {
      certificateNo: ID_MASK,
      operationItem: '高压电工作业',
    });
    expect(kept.statusCode, kept.body).toBe(200);
    expect((await reveal(sup, certId)).json()).toEqual({ value: ID_NO });
    const wrong = await ent1.patch(`/api/registry/certificates/${certId}`, { certificateNo: '3201**********9999' });
    expect(wrong.statusCode).toBe(422);
    expect(err(wrong).code).toBe('PERSONAL_DATA_MASKED_VALUE');
    expect(err(wrong).message).toContain('证书编号');
    expect(err(wrong).fields?.certificateNo).toBeDefined();
    const masked = await ent1.post('/api/registry/certificates', cert({ certificateNo: ID_MASK, holderName: '新人' }));
    expect(masked.statusCode).toBe(422);
    const changed = await ent1.patch(`/api/registry/certificates/${certId}`, { certificateNo: '32010219900101123X' });
    expect(changed.statusCode).toBe(200);
    expect(changed.json().certificateNo).toBe('3201**********123X');
    expect((await stored(certId)).digest).toBe(personalDataKey().digest('32010219900101123x'));
    await ent1.patch(`/api/registry/certificates/${certId}`, { certificateNo: ID_NO });
  });

  it('reveals the number to supervisor and to its enterprise, audited with who, what and why; not to others', async () => {
    expect((await reveal(ent1, certId)).json()).toEqual({ value: ID_NO });
    const r = await reveal(sup, certId);
    expect(r.json()).toEqual({ value: ID_NO });
    expect((await reveal(inspector, certId)).statusCode).toBe(403);
    const foreign = await sup.post(
      '/api/registry/certificates',
      cert({ enterpriseId: otherId, certificateType: 'metallurgy', certificateNo: '110101198502029999' }),
    );
    expect((await reveal(ent1, foreign.json().id)).statusCode).toBe(404);
    const audit = await rows<{ actor: string; after: { field: string; reason: string }; entity_type: string }>(
      env.database.db,
      sql`select u.username as actor, a.after, a.entity_type from audit_log a join users u on u.id = a.actor_user_id
           where a.action = 'personalData.reveal' and a.entity_id = ${certId} order by a.id`,
    );
    expect(audit.map((a) => a.actor)).toEqual(expect.arrayContaining(['enterprise1', 'supervisor']));
    expect(audit.every((a) => a.entity_type === 'certificates')).toBe(true);
    expect(audit[0]!.after).toEqual({ field: 'certificateNo', reason: '核对特种作业人员身份' });
    expect(JSON.stringify(audit)).not.toContain(ID_NO);
  });

  it('exports the number masked to an enterprise and in full to a supervisor, and says which', async () => {
    const mine = await workbookText(ent1);
    expect(mine).toContain(ID_MASK);
    expect(mine).not.toContain(ID_NO);
    expect(mine).toContain('已脱敏');
    const full = await workbookText(sup);
    expect(full).toContain(ID_NO);
    expect(full).toContain('未脱敏');
    const exports = await rows<{ actor_role: string; after: { personalData: string } }>(
      env.database.db,
      sql`select actor_role, after from audit_log where action = 'certificates.export'`,
    );
    expect(Object.fromEntries(exports.map((e) => [e.actor_role, e.after.personalData]))).toEqual({
      enterprise: 'masked',
      supervisor: 'clear',
    });
  });

  it('seals numbers left in clear by an older version at start-up, and rotation re-digests them', async () => {
    const secret = env.config.dataKey;
    await env.database.db.execute(
      sql`insert into certificates (park_id, enterprise_id, holder_name, certificate_type, certificate_no, expiry_date)
          select park_id, id, '旧数据', 'other', '320583197702024321', '2029-01-01' from enterprises where id = ${ownId}`,
    );
    const lines: string[] = [];
    await preparePersonalData(env.database.db, secret, (m) => lines.push(m));
    expect(lines.join('\n')).toMatch(/certificates: 1 行已加密/);
    const all = await rows<{ no: string; digest: string | null }>(
      env.database.db,
      sql`select certificate_no as no, certificate_no_digest as digest from certificates`,
    );
    expect(all.every((r) => isSealed(r.no) && r.digest)).toBe(true);
    const found = (await sup.get('/api/registry/certificates?q=320583197702024321')).json() as { total: number };
    expect(found.total).toBe(1);

    const next = randomBytes(32).toString('hex');
    await rotateDataKey(env.database.db, new PersonalDataKey(secret), new PersonalDataKey(next), { batch: 3 });
    const nextKey = configurePersonalDataKey(next);
    expect((await stored(certId)).no.startsWith(`sm4:${nextKey.id}:`)).toBe(true);
    expect((await stored(certId)).digest).toBe(nextKey.digest(ID_NO));
    expect((await sup.get(`/api/registry/certificates?q=${ID_NO}`)).json().total).toBe(2);
    expect((await reveal(sup, certId)).json()).toEqual({ value: ID_NO });
  });
});
