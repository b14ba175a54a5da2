// Inspections with a checklist: every item answered, a failed item becoming a hazard in the same transaction (major
// when linked to a major-hazard criterion) or later in one step (once), signatures checked, nothing saved half-way,
// enterprises self-inspecting only themselves, and nested error keys naming the field.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clock } from '../../platform/clock';
import { rows } from '../../platform/db';
import { type Client, createTestEnv, signedIn, type TestEnv } from '../../testing/harness';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

let env: TestEnv;
let sup: Client;
let ent1: Client;
let own: string;
let otherEnterprise: string;
let target: string;
let template: { id: string; items: { id: string }[] };

beforeAll(async () => {
  clock.set(new Date('2026-11-23T02:00:00Z'));
  env = await createTestEnv();
  sup = await signedIn(env.app, 'supervisor');
  ent1 = await signedIn(env.app, 'enterprise1');
  own = ((await ent1.get('/api/auth/session')).json() as { me: { enterpriseId: string } }).me.enterpriseId;
  [{ id: otherEnterprise }] = (await rows<{ id: string }>(
    env.database.db,
    sql`select organisation_id as id from users where username = 'enterprise2'`,
  )) as [{ id: string }];
  [{ id: target }] = (await rows<{ id: string }>(
    env.database.db,
    sql`select id from enterprises where id <> ${own} and id <> ${otherEnterprise} order by name limit 1`,
  )) as [{ id: string }];
  const res = await sup.post('/api/checklists', {
    code: 'INSP-T',
    name: '粉尘涉爆企业专项检查表（测试）',
    activate: true,
    items: [
      { content: '是否建立粉尘清理制度并按规定清扫' },
      { content: '干式除尘系统是否采取泄爆、惰化、抑爆等爆炸防控措施', criterionCode: 'GM2023-11-3', basis: null },
      { content: '灭火器', domain: 'fire', basis: '单位自定要求' },
    ],
  });
  expect(res.statusCode, res.body).toBe(200);
  template = res.json() as typeof template;
});
afterAll(async () => {
  clock.reset();
  await env?.close();
});

const count = async (table: 'inspections' | 'hazards' | 'inspection_item_results' | 'inspection_signatures') =>
  (await rows<{ n: number }>(env.database.db, sql`select count(*)::int as n from ${sql.raw(table)}`))[0]!.n;

const upload = async (c: Client, purpose: string, enterpriseId: string) => {
  const res = await c.upload({ purpose, enterpriseId }, 'p.png', PNG, 'image/png');
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as { id: string }).id;
};

const results = (overrides: Record<number, Record<string, unknown>> = {}) =>
  template.items.map((it, i) => ({ itemId: it.id, result: 'pass', ...overrides[i] }));

interface Detail {
  id: string;
  hazardCount: number;
  resultCounts: { pass: number; fail: number; na: number };
  signedByInspector: boolean;
  signedByEnterprise: boolean;
  enterpriseSigner: string | null;
  items: {
    itemId: string;
    result: string;
    note: string | null;
    photos: { id: string }[];
    hazard: { id: string; serial: string; grade: string } | null;
  }[];
  signatures: { role: string; signerName: string; fileId: string; url: string }[];
}

describe('inspection checklists', () => {
  it('requires a result for every item and names the missing ones', async () => {
    const before = await count('inspections');
    const res = await sup.post('/api/inspections', {
      enterpriseId: target,
      inspectedOn: '2026-11-22',
      kind: 'supervision',
      externalInspectors: ['检查组'],
      checklistTemplateId: template.id,
      items: [
        { itemId: template.items[0]!.id, result: 'pass' },
        { itemId: template.items[1]!.id, result: null },
      ],
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('INSPECTION_ITEM_RESULT_REQUIRED');
    expect(Object.keys(res.json().error.fields).sort()).toEqual(['items.1.result', 'items.2.result']);
    expect(res.json().error.message).toContain('第 2、3 项');
    expect(await count('inspections')).toBe(before);

    const foreign = await sup.post('/api/inspections', {
      enterpriseId: target,
      inspectedOn: '2026-11-22',
      kind: 'supervision',
      externalInspectors: ['检查组'],
      checklistTemplateId: template.id,
      items: [...results(), { itemId: '00000000-0000-4000-8000-000000000000', result: 'pass' }],
    });
    expect(foreign.statusCode).toBe(422);
    expect(foreign.json().error.fields).toHaveProperty(['items.3.itemId']);
  });

  it('records results, photos, signatures and a failed item as a major hazard in one step', async () => {
    const photo = await upload(sup, 'evidence', target);
    const sigInspector = await upload(sup, 'signature', target);
    const sigEnterprise = await upload(sup, 'signature', target);
    const res = await sup.post('/api/inspections', {
      enterpriseId: target,
      inspectedOn: '2026-11-22',
      kind: 'supervision',
      externalInspectors: ['检查组'],
      checklistTemplateId: template.id,
      items: results({
        1: {
          result: 'fail',
          note: '布袋除尘器未设泄爆口',
          photoIds: [photo],
          hazard: { category: 'unsafeCondition', deadline: '2026-12-31', requirement: '加装泄爆装置' },
        },
        2: { result: 'na' },
      }),
      inspectorSignature: { signerName: '张检查', fileId: sigInspector },
      enterpriseSignature: { signerName: '李厂长', fileId: sigEnterprise },
    });
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json() as Detail;
    expect(d.resultCounts).toEqual({ pass: 1, fail: 1, na: 1 });
    expect(d).toMatchObject({ hazardCount: 1, signedByInspector: true, signedByEnterprise: true });
    expect(d.enterpriseSigner).toBe('李厂长');
    expect(d.signatures.map((s) => [s.role, s.signerName])).toEqual([
      ['enterprise', '李厂长'],
      ['inspector', '张检查'],
    ]);
    const failed = d.items[1]!;
    expect(failed).toMatchObject({ result: 'fail', note: '布袋除尘器未设泄爆口', photos: [{ id: photo }] });
    expect(failed.hazard?.grade).toBe('major');

    // The hazard: from the item's content and note, judged major by its criterion, basis from the criterion.
    const h = (await sup.get(`/api/hazards/${failed.hazard!.id}`)).json() as Record<string, unknown>;
    expect(h).toMatchObject({
      inspectionId: d.id,
      grade: 'major',
      criterion: { code: 'GM2023-11-3' },
      requirement: '加装泄爆装置',
      domain: 'production',
    });
    expect(h.description).toContain('干式除尘系统');
    expect(h.description).toContain('布袋除尘器未设泄爆口');
    expect(h.basis).toContain('工贸企业重大事故隐患判定标准');
    expect(h.basis).toContain('第11条');
    const [link] = await rows<{ hazard_id: string }>(
      env.database.db,
      sql`select hazard_id from inspection_item_results where inspection_id = ${d.id} and item_id = ${template.items[1]!.id}`,
    );
    expect(link!.hazard_id).toBe(failed.hazard!.id);

    // The list shows the checklist and its counts too.
    const list = (await sup.get(`/api/inspections?enterpriseId=${target}`)).json() as {
      items: { id: string; checklist: { code: string } | null; resultCounts: unknown }[];
    };
    expect(list.items.find((i) => i.id === d.id)).toMatchObject({
      checklist: { code: 'INSP-T' },
      resultCounts: { pass: 1, fail: 1, na: 1 },
    });
  });

  it('rolls everything back when a hazard is refused, naming the nested field', async () => {
    const photo = await upload(sup, 'evidence', target);
    const counts = await Promise.all([
      count('inspections'),
      count('hazards'),
      count('inspection_item_results'),
      count('inspection_signatures'),
    ]);
    const sig = await upload(sup, 'signature', target);
    const bad = await sup.post('/api/inspections', {
      enterpriseId: target,
      inspectedOn: '2026-11-22',
      kind: 'supervision',
      externalInspectors: ['检查组'],
      checklistTemplateId: template.id,
      items: results({
        0: { result: 'fail', photoIds: [photo], hazard: { category: 'managementDefect', deadline: '2026-12-31' } },
        2: { result: 'fail', hazard: { category: 'unsafeCondition', deadline: '2026-01-01' } },
      }),
      inspectorSignature: { signerName: '张检查', fileId: sig },
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.fields).toHaveProperty(['items.2.hazard.deadline']);
    expect(bad.json().error.message).toContain('第 3 项');
    expect(
      await Promise.all([
        count('inspections'),
        count('hazards'),
        count('inspection_item_results'),
        count('inspection_signatures'),
      ]),
    ).toEqual(counts);

    // The free-form hazards of an inspection name hazards.N.<field>.
    const badHazard = await sup.post('/api/inspections', {
      enterpriseId: target,
      inspectedOn: '2026-11-22',
      kind: 'supervision',
      externalInspectors: ['检查组'],
      hazards: [
        { description: '正常的隐患描述', category: 'unsafeCondition', source: 'routine', deadline: '2026-12-31' },
        { description: '没有期限的隐患', category: 'unsafeCondition', source: 'routine' },
      ],
    });
    expect(badHazard.statusCode).toBe(422);
    expect(badHazard.json().error.fields).toEqual({ 'hazards.1.deadline': '请填写整改期限' });
    expect(await count('hazards')).toBe(counts[1]);

    // A hazard on an item that did not fail, and an unusable photo, are refused too.
    const notFailed = await sup.post('/api/inspections', {
      enterpriseId: target,
      inspectedOn: '2026-11-22',
      kind: 'supervision',
      externalInspectors: ['检查组'],
      checklistTemplateId: template.id,
      items: results({ 0: { hazard: { category: 'unsafeCondition', deadline: '2026-12-31' } } }),
    });
    expect(notFailed.statusCode).toBe(422);
    expect(notFailed.json().error.fields).toHaveProperty(['items.0.hazard']);
    const otherPhoto = await upload(sup, 'evidence', otherEnterprise);
    const wrongPhoto = await sup.post('/api/inspections', {
      enterpriseId: target,
      inspectedOn: '2026-11-22',
      kind: 'supervision',
      externalInspectors: ['检查组'],
      checklistTemplateId: template.id,
      items: results({ 1: { photoIds: [otherPhoto] } }),
    });
    expect(wrongPhoto.statusCode).toBe(422);
    expect(wrongPhoto.json().error.fields).toHaveProperty(['items.1.photoIds']);
    expect(await count('inspections')).toBe(counts[0]);
  });

  it('checks signatures: an image the caller uploaded, as a signature, for this enterprise', async () => {
    const byOther = await upload(await signedIn(env.app, 'admin'), 'signature', target);
    const evidence = await upload(sup, 'evidence', target);
    for (const fileId of [byOther, evidence]) {
      const res = await sup.post('/api/inspections', {
        enterpriseId: target,
        inspectedOn: '2026-11-22',
        kind: 'supervision',
        externalInspectors: ['检查组'],
        inspectorSignature: { signerName: '张检查', fileId },
      });
      expect(res.statusCode).toBe(422);
      expect(res.json().error.fields).toHaveProperty(['inspectorSignature.fileId']);
    }
  });

  it('lets each side sign a saved record later, once', async () => {
    const res = await sup.post('/api/inspections', {
      enterpriseId: own,
      inspectedOn: '2026-11-22',
      kind: 'supervision',
      externalInspectors: ['检查组'],
    });
    expect(res.statusCode, res.body).toBe(200);
    const id = (res.json() as Detail).id;
    const entSig = await upload(ent1, 'signature', own);
    // The enterprise signs as its representative, not as the committee's inspector.
    const asInspector = await ent1.post(`/api/inspections/${id}/signatures`, {
      role: 'inspector',
      signerName: '王安全',
      fileId: entSig,
    });
    expect(asInspector.statusCode).toBe(403);
    const signed = await ent1.post(`/api/inspections/${id}/signatures`, {
      role: 'enterprise',
      signerName: '王安全',
      fileId: entSig,
    });
    expect(signed.statusCode, signed.body).toBe(200);
    expect(signed.json()).toMatchObject({
      signedByEnterprise: true,
      signedByInspector: false,
      enterpriseSigner: '王安全',
    });
    const again = await ent1.post(`/api/inspections/${id}/signatures`, {
      role: 'enterprise',
      signerName: '王安全',
      fileId: entSig,
    });
    expect(again.statusCode).toBe(409);
    // The inspector's signature must be an image the inspector uploaded.
    const borrowed = await sup.post(`/api/inspections/${id}/signatures`, {
      role: 'inspector',
      signerName: '张安监',
      fileId: entSig,
    });
    expect(borrowed.statusCode).toBe(422);
    expect(borrowed.json().error.fields).toHaveProperty('fileId');
    const mine = await sup.post(`/api/inspections/${id}/signatures`, {
      role: 'inspector',
      signerName: '张安监',
      fileId: await upload(sup, 'signature', own),
    });
    expect(mine.statusCode, mine.body).toBe(200);
    expect((mine.json() as Detail).signatures.map((x) => x.role).sort()).toEqual(['enterprise', 'inspector']);
  });

  it('turns a failed item of a saved inspection into a hazard once', async () => {
    const res = await sup.post('/api/inspections', {
      enterpriseId: target,
      inspectedOn: '2026-11-22',
      kind: 'supervision',
      externalInspectors: ['检查组'],
      checklistTemplateId: template.id,
      items: results({ 0: { result: 'fail', note: '清扫记录缺失' } }),
    });
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json() as Detail;
    expect(d.hazardCount).toBe(0);
    const url = `/api/inspections/${d.id}/items/${template.items[0]!.id}/hazard`;
    const first = await sup.post(url, { category: 'managementDefect', deadline: '2026-12-31' });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ grade: 'general', serial: expect.stringMatching(/^YH2026-/) });
    const second = await sup.post(url, { category: 'managementDefect', deadline: '2026-12-31' });
    expect(second.statusCode).toBe(409);
    expect(second.json().error.code).toBe('ITEM_HAZARD_EXISTS');
    const passed = await sup.post(`/api/inspections/${d.id}/items/${template.items[1]!.id}/hazard`, {
      category: 'managementDefect',
      deadline: '2026-12-31',
    });
    expect(passed.statusCode).toBe(422);
    const after = (await sup.get(`/api/inspections/${d.id}`)).json() as Detail;
    expect(after.hazardCount).toBe(1);
    expect(after.items[0]!.hazard?.id).toBe(first.json().hazardId);
    const audit = await rows<{ n: number }>(
      env.database.db,
      sql`select count(*)::int as n from audit_log where action = 'inspection.itemHazard' and entity_id = ${d.id}`,
    );
    expect(audit[0]!.n).toBe(1);
  });

  it('lets an enterprise self-inspect only itself, and keeps other enterprises results and signatures hidden', async () => {
    const sig = await upload(ent1, 'signature', own);
    const self = await ent1.post('/api/inspections', {
      enterpriseId: own,
      inspectedOn: '2026-11-22',
      kind: 'selfInspection',
      externalInspectors: ['检查组'],
      checklistTemplateId: template.id,
      items: results({ 2: { result: 'fail', hazard: { category: 'unsafeCondition', deadline: '2026-12-31' } } }),
      enterpriseSignature: { signerName: '王安全', fileId: sig },
    });
    expect(self.statusCode, self.body).toBe(200);
    expect((self.json() as Detail).items[2]!.hazard?.grade).toBe('general');
    const elsewhere = await ent1.post('/api/inspections', {
      enterpriseId: otherEnterprise,
      inspectedOn: '2026-11-22',
      kind: 'selfInspection',
      externalInspectors: ['检查组'],
      checklistTemplateId: template.id,
      items: results(),
    });
    expect([403, 404]).toContain(elsewhere.statusCode);

    // The committee's inspection of another enterprise, with a signature: invisible to enterprise1.
    const otherSig = await upload(sup, 'signature', otherEnterprise);
    const theirs = await sup.post('/api/inspections', {
      enterpriseId: otherEnterprise,
      inspectedOn: '2026-11-22',
      kind: 'supervision',
      externalInspectors: ['检查组'],
      checklistTemplateId: template.id,
      items: results({ 0: { result: 'fail' } }),
      enterpriseSignature: { signerName: '赵经理', fileId: otherSig },
    });
    expect(theirs.statusCode, theirs.body).toBe(200);
    const theirId = (theirs.json() as Detail).id;
    expect((await ent1.get(`/api/inspections/${theirId}`)).statusCode).toBe(404);
    expect((await ent1.get(`/api/files/${otherSig}`)).statusCode).toBe(404);
    expect((await ent1.get(`/api/files/${otherSig}/thumb`)).statusCode).toBe(404);
    const hazard = await ent1.post(`/api/inspections/${theirId}/items/${template.items[0]!.id}/hazard`, {
      category: 'unsafeCondition',
      deadline: '2026-12-31',
    });
    expect(hazard.statusCode).toBe(404);
    const mine = (await ent1.get('/api/inspections?pageSize=100')).json() as { items: { enterpriseId: string }[] };
    expect(mine.items.every((i) => i.enterpriseId === own)).toBe(true);
    // Its own record, with its own signature file, is readable.
    const own1 = (await ent1.get(`/api/inspections/${(self.json() as Detail).id}`)).json() as Detail;
    expect(own1.signatures[0]!.signerName).toBe('王安全');
    expect((await ent1.get(own1.signatures[0]!.url)).statusCode).toBe(200);
  });

  it('offers inspectors to pick, by role, and refuses others as inspectors', async () => {
    const opts = (await sup.get('/api/inspections/inspector-options')).json() as { id: string; role: string }[];
    expect(opts.length).toBeGreaterThan(0);
    expect(new Set(opts.map((o) => o.role))).not.toContain('enterprise');
    expect(opts.map((o) => o.role)).toContain('inspector');
    const insp = await signedIn(env.app, 'inspector');
    expect((await insp.get('/api/inspections/inspector-options')).statusCode).toBe(200);
    expect((await (await signedIn(env.app, 'leader')).get('/api/inspections/inspector-options')).statusCode).toBe(403);
    const colleagues = (await ent1.get('/api/inspections/inspector-options')).json() as {
      id: string;
      role: string;
    }[];
    expect(colleagues.length).toBeGreaterThan(0);
    expect(colleagues.every((c) => c.role === 'enterprise')).toBe(true);
    const [entUser] = await rows<{ id: string }>(
      env.database.db,
      sql`select id from users where username = 'enterprise2'`,
    );
    const res = await sup.post('/api/inspections', {
      enterpriseId: target,
      inspectedOn: '2026-11-22',
      kind: 'supervision',
      inspectorIds: [entUser!.id],
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.fields).toHaveProperty('inspectorIds');
  });
});
