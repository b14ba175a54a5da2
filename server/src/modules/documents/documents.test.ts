// The two official documents through the API: a Word file that opens (its document.xml holds the enterprise, the
// hazards and the number), numbering per park and year, the register that lets a re-check opinion cite its notice,
// data scope (another enterprise's hazard is "not found"), roles, and the audit trail.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChains } from '../../platform/audit';
import { clock } from '../../platform/clock';
import { rows } from '../../platform/db';
import { unzip } from '../../testing/docx';
import { type Client, createTestEnv, signedIn, type TestEnv } from '../../testing/harness';

let env: TestEnv;
let sup: Client;
let ent1: Client;
let ent1Id: string;
let ent1Name: string;
let ent2Id: string;
let png: Buffer;

const err = (res: { json(): unknown }) =>
  (res.json() as { error: { code: string; message: string; fields?: Record<string, string> } }).error;

beforeAll(async () => {
  clock.set(new Date('2026-11-23T02:00:00Z'));
  env = await createTestEnv();
  sup = await signedIn(env.app, 'supervisor');
  ent1 = await signedIn(env.app, 'enterprise1');
  const me = (c: Client) => c.get('/api/auth/session').then((r) => (r.json() as { me: { enterpriseId: string } }).me);
  ent1Id = (await me(ent1)).enterpriseId;
  ent2Id = (await me(await signedIn(env.app, 'enterprise2'))).enterpriseId;
  ent1Name = ((await sup.get(`/api/enterprises/${ent1Id}`)).json() as { name: string }).name;
  png = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#33aa33' } })
    .png()
    .toBuffer();
});
afterAll(async () => {
  clock.reset();
  await env?.close();
});

async function hazard(enterpriseId: string, description: string, extra: Record<string, unknown> = {}) {
  const res = await sup.post('/api/hazards', {
    enterpriseId,
    description,
    location: '一号车间',
    category: 'unsafeCondition',
    source: 'comprehensive',
    basis: '企业安全管理制度第 3 条',
    requirement: '立即整改到位',
    deadline: '2026-12-15',
    ...extra,
  });
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as { id: string }).id;
}

function opened(res: { statusCode: number; body: string; rawPayload: Buffer; headers: Record<string, unknown> }) {
  expect(res.statusCode, res.body).toBe(200);
  expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
  const files = unzip(res.rawPayload);
  const xml = files.get('word/document.xml')?.toString('utf8') ?? '';
  const number = decodeURIComponent(String(res.headers['x-document-number']));
  const disposition = String(res.headers['content-disposition']);
  const fileName = decodeURIComponent(disposition.split("filename*=UTF-8''")[1] ?? '');
  return { files, xml, number, fileName, disposition };
}

describe('rectification notice (整改通知书)', () => {
  it('is a Word file in official style listing the chosen hazards, numbered per park and year', async () => {
    const a = await hazard(ent1Id, '配电箱未上锁，箱门破损');
    const b = await hazard(ent1Id, '消防通道被货物堵塞 <临时>');
    const res = await sup.post('/api/documents/rectification-notice', { enterpriseId: ent1Id, hazardIds: [a, b] });
    const doc = opened(res);
    expect(doc.number).toMatch(/^高新安监整改〔2026〕\d{4}号$/);
    expect(doc.xml).toContain(ent1Name);
    expect(doc.xml).toContain('配电箱未上锁，箱门破损');
    expect(doc.xml).toContain('消防通道被货物堵塞 &lt;临时&gt;');
    expect(doc.xml).toContain(doc.number);
    expect(doc.xml).toContain('事故隐患整改通知书');
    for (const head of ['序号', '隐患描述', '位置', '判定依据', '整改要求', '整改期限'])
      expect(doc.xml).toContain(head);
    expect(doc.xml).toContain('2026年12月15日前');
    expect(doc.xml).toContain('（盖章）');
    expect(doc.xml).toContain('2026年11月23日');
    // A4 portrait, fonts declared by their Chinese names, title in 二号 (44 half-points), header row repeated.
    expect(doc.xml).toMatch(/<w:pgSz w:w="1190[56]" w:h="1683[78]"/);
    const styles = doc.files.get('word/styles.xml')?.toString('utf8') ?? '';
    expect(styles).toContain('w:eastAsia="仿宋"');
    expect(doc.xml).toContain('w:eastAsia="宋体"');
    expect(doc.xml).toContain('<w:sz w:val="44"/>');
    expect(doc.xml).toContain('<w:tblHeader/>');
    expect(doc.disposition).toMatch(/^attachment; filename="download\.docx"; filename\*=UTF-8''/);
    expect(doc.fileName).toBe(`事故隐患整改通知书_${ent1Name}_${doc.number}.docx`);

    const next = opened(
      await sup.post('/api/documents/rectification-notice', { enterpriseId: ent1Id, hazardIds: [a] }),
    );
    const n = (s: string) => Number(/〔2026〕(\d{4})号/.exec(s)![1]);
    expect(n(next.number)).toBe(n(doc.number) + 1);
  });

  it('lists all open hazards of the enterprise when none are named, and cites the inspection they came from', async () => {
    const [insp] = await rows<{ id: string }>(
      env.database.db,
      sql`insert into inspections (park_id, enterprise_id, inspected_on, kind, inspector_names)
          select park_id, id, '2026-11-20', 'supervision', array['王检查', '刘专家'] from enterprises where id = ${ent1Id}
          returning id`,
    );
    const c = await hazard(ent1Id, '二楼仓库应急照明损坏', { inspectionId: insp!.id });
    const all = opened(await sup.post('/api/documents/rectification-notice', { enterpriseId: ent1Id }));
    expect(all.xml).toContain('二楼仓库应急照明损坏');
    expect(all.xml).toContain('配电箱未上锁，箱门破损');

    const one = opened(
      await sup.post('/api/documents/rectification-notice', { enterpriseId: ent1Id, inspectionId: insp!.id }),
    );
    expect(one.xml).toContain('二楼仓库应急照明损坏');
    expect(one.xml).not.toContain('配电箱未上锁');
    expect(one.xml).toContain('2026年11月20日');
    expect(one.xml).toContain('王检查、刘专家');
    // Named hazards that all came from one inspection cite it too.
    const named = opened(
      await sup.post('/api/documents/rectification-notice', { enterpriseId: ent1Id, hazardIds: [c] }),
    );
    expect(named.xml).toContain('王检查、刘专家');
  });

  it('refuses another enterprise’s hazard like an unknown one (422 naming the field), closed hazards and non-issuing roles', async () => {
    const theirs = await hazard(ent2Id, '叉车司机无证驾驶');
    const mine = await hazard(ent1Id, '灭火器压力不足');
    const mixed = await sup.post('/api/documents/rectification-notice', {
      enterpriseId: ent1Id,
      hazardIds: [mine, theirs],
    });
    expect(mixed.statusCode).toBe(422);
    expect(err(mixed).message).toContain('隐患');
    expect(err(mixed).fields).toHaveProperty('hazardIds');
    const ghost = await sup.post('/api/documents/rectification-notice', {
      enterpriseId: ent1Id,
      hazardIds: [mine, '00000000-0000-4000-8000-000000000001'],
    });
    expect(ghost.statusCode).toBe(422);
    expect(err(ghost).message).toBe(err(mixed).message);

    const byEnterprise = await ent1.post('/api/documents/rectification-notice', { enterpriseId: ent1Id });
    expect(byEnterprise.statusCode).toBe(403);
    const opinionByEnterprise = await ent1.post('/api/documents/recheck-opinion', { hazardId: mine });
    expect(opinionByEnterprise.statusCode).toBe(403);

    // An inspector sees only assigned enterprises: another one's hazards and enterprise are not found.
    const [outside] = await rows<{ id: string }>(
      env.database.db,
      sql`select e.id from enterprises e where e.id not in (
            select a.enterprise_id from inspector_assignments a join users u on u.id = a.user_id
             where u.username = 'inspector') and e.status = 'operating' order by e.name limit 1`,
    );
    const hidden = await hazard(outside!.id, '配电室门口堆放杂物');
    const insp = await signedIn(env.app, 'inspector');
    const r1 = await insp.post('/api/documents/rectification-notice', { enterpriseId: outside!.id });
    expect(r1.statusCode).toBe(404);
    const r2 = await insp.post('/api/documents/recheck-opinion', { hazardId: hidden });
    expect(r2.statusCode).toBe(422);
    expect(err(r2).fields).toHaveProperty('hazardId');

    const spot = await sup.post('/api/hazards', {
      enterpriseId: ent1Id,
      description: '安全出口指示灯不亮',
      category: 'unsafeCondition',
      source: 'routine',
      fixedOnSpot: true,
      afterPhotoIds: [await upload(sup, ent1Id)],
    });
    const closedId = (spot.json() as { id: string }).id;
    const closed = await sup.post('/api/documents/rectification-notice', {
      enterpriseId: ent1Id,
      hazardIds: [closedId],
    });
    expect(closed.statusCode).toBe(422);
    expect(err(closed).fields).toHaveProperty('hazardIds');

    const bad = await sup.post('/api/documents/rectification-notice', { enterpriseId: 'nope', hazardIds: [] });
    expect(bad.statusCode).toBe(400);
  });
});

async function upload(c: Client, enterpriseId: string) {
  const res = await c.upload({ purpose: 'hazardAfter', enterpriseId }, 'after.png', png, 'image/png');
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as { id: string }).id;
}

describe('re-check opinion (复查意见书)', () => {
  it('states the latest re-check: failed with its reason, then passed and closed, citing the notice', async () => {
    const id = await hazard(ent1Id, '有限空间作业未检测气体');
    const notice = opened(
      await sup.post('/api/documents/rectification-notice', { enterpriseId: ent1Id, hazardIds: [id] }),
    ).number;

    const early = await sup.post('/api/documents/recheck-opinion', { hazardId: id });
    expect(early.statusCode).toBe(422);
    expect(err(early).code).toBe('DOCUMENT_NOT_RECHECKED');

    const go = (c: Client, action: string, extra: Record<string, unknown> = {}) =>
      c.post(`/api/hazards/${id}/transitions`, { action, ...extra });
    expect((await go(ent1, 'start')).statusCode).toBe(200);
    expect((await go(ent1, 'submit', { evidenceIds: [await upload(ent1, ent1Id)] })).statusCode).toBe(200);
    expect((await go(sup, 'recheckFail', { reason: '未配备四合一气体检测仪' })).statusCode).toBe(200);

    const failed = opened(await sup.post('/api/documents/recheck-opinion', { hazardId: id }));
    expect(failed.number).toMatch(/^高新安监复查〔2026〕\d{4}号$/);
    expect(failed.xml).toContain(ent1Name);
    expect(failed.xml).toContain('有限空间作业未检测气体');
    expect(failed.xml).toContain('未配备四合一气体检测仪');
    expect(failed.xml).toContain('不合格');
    expect(failed.xml).toContain(failed.number);
    expect(failed.xml).toContain(notice);
    expect(failed.xml).toContain('附整改后照片 1 张');
    expect(failed.fileName).toBe(`事故隐患整改复查意见书_${ent1Name}_${failed.number}.docx`);

    clock.set(new Date('2026-11-25T03:00:00Z'));
    [sup, ent1] = [await signedIn(env.app, 'supervisor'), await signedIn(env.app, 'enterprise1')];
    expect((await go(ent1, 'submit', { evidenceIds: [await upload(ent1, ent1Id)] })).statusCode).toBe(200);
    expect((await go(sup, 'recheckPass')).statusCode).toBe(200);
    const passed = opened(await sup.post('/api/documents/recheck-opinion', { hazardId: id }));
    expect(passed.xml).toContain('予以销号');
    expect(passed.xml).toContain('2026年11月25日');
    clock.set(new Date('2026-11-23T02:00:00Z'));
    [sup, ent1] = [await signedIn(env.app, 'supervisor'), await signedIn(env.app, 'enterprise1')];

    const other = await hazard(ent2Id, '危化品仓库未设置防泄漏围堰');
    const otherRes = await ent1.post('/api/documents/recheck-opinion', { hazardId: other });
    expect(otherRes.statusCode).toBe(403);
  });

  it('audits every document generated, in the enterprise history, and keeps the audit chain intact', async () => {
    const history = (await sup.get(`/api/enterprises/${ent1Id}/history?pageSize=100`)).json() as {
      items: { action: string; after: { number?: string; kind?: string } | null }[];
    };
    const generated = history.items.filter((i) => i.action === 'document.generate');
    expect(generated.length).toBeGreaterThanOrEqual(6);
    expect(generated.map((g) => g.after?.kind)).toContain('recheckOpinion');
    const [register] = await rows<{ n: number }>(
      env.database.db,
      sql`select count(*)::int as n from issued_documents where enterprise_id = ${ent1Id}`,
    );
    expect(Number(register!.n)).toBe(generated.length);
    expect((await verifyAuditChains(env.database.db)).ok).toBe(true);
  });
});

describe('PDF copies', () => {
  /** The document-info strings: PDF literal strings in UTF-16BE (BOM FE FF) with backslash escapes. */
  const infoStrings = (pdf: Buffer) => {
    const escapes: Record<string, number> = { n: 10, r: 13, t: 9, b: 8, f: 12, '(': 40, ')': 41, '\\': 92 };
    const out: string[] = [];
    for (let i = pdf.indexOf('(\xfe\xff', 0, 'latin1'); i >= 0; i = pdf.indexOf('(\xfe\xff', i + 1, 'latin1')) {
      const bytes: number[] = [];
      for (let j = i + 3; j < pdf.length && pdf[j] !== 41; j++) {
        if (pdf[j] === 92) bytes.push(escapes[String.fromCharCode(pdf[++j]!)] ?? pdf[j]!);
        else bytes.push(pdf[j]!);
      }
      out.push(Buffer.from(bytes).swap16().toString('utf16le'));
    }
    return out;
  };

  it('renders the same document as a PDF with embedded Chinese fonts, with the number it already has', async () => {
    const a = await hazard(ent1Id, '叉车司机无证上岗作业');
    const word = opened(
      await sup.post('/api/documents/rectification-notice', { enterpriseId: ent1Id, hazardIds: [a] }),
    );
    const res = await sup.post('/api/documents/rectification-notice', {
      enterpriseId: ent1Id,
      hazardIds: [a],
      format: 'pdf',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const pdf = res.rawPayload;
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const number = decodeURIComponent(String(res.headers['x-document-number']));
    // The same notice as PDF is the same document: its number is not taken again.
    expect(number).toBe(word.number);
    const text = pdf.toString('latin1');
    expect(infoStrings(pdf)).toContain(`事故隐患整改通知书（${number}）`);
    expect(text).toMatch(/\/FontFile3|\/FontFile2/); // the CJK font is embedded (subset), not referenced
    expect(text).toContain('/MediaBox [0 0 595.28 841.89]'); // A4
    const disposition = String(res.headers['content-disposition']);
    expect(decodeURIComponent(disposition.split("filename*=UTF-8''")[1] ?? '')).toBe(
      `事故隐患整改通知书_${ent1Name}_${number}.pdf`,
    );
  });

  it('refuses a PDF clearly when the server has no Chinese font, and spends no number', async () => {
    const before = await rows<{ n: number }>(env.database.db, sql`select count(*)::int as n from issued_documents`);
    const saved = process.env.PARKSAFE_FONT_DIR;
    process.env.PARKSAFE_FONT_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'no-fonts-'));
    try {
      const res = await sup.post('/api/documents/rectification-notice', { enterpriseId: ent1Id, format: 'pdf' });
      expect(res.statusCode).toBe(503);
      expect(err(res).code).toBe('PDF_FONT_MISSING');
      expect(err(res).message).toContain('fonts-noto-cjk');
    } finally {
      if (saved === undefined) delete process.env.PARKSAFE_FONT_DIR;
      else process.env.PARKSAFE_FONT_DIR = saved;
    }
    const after = await rows<{ n: number }>(env.database.db, sql`select count(*)::int as n from issued_documents`);
    expect(after[0]!.n).toBe(before[0]!.n);
    const bad = await sup.post('/api/documents/rectification-notice', { enterpriseId: ent1Id, format: 'odt' });
    expect(bad.statusCode).toBe(400);
    expect(err(bad).fields?.format).toBe('文书格式只能是 docx 或 pdf');
  });
});

describe('inspectors named on the documents', () => {
  it('names every inspector of the record, users by display name and outside inspectors, in the record order', async () => {
    const [inspector] = await rows<{ id: string; display_name: string }>(
      env.database.db,
      sql`select id, display_name from users where username = 'inspector'`,
    );
    // One user inspector only: the notice names that inspector (it named nobody before).
    const alone = await sup.post('/api/inspections', {
      enterpriseId: ent1Id,
      inspectedOn: '2026-11-21',
      kind: 'supervision',
      inspectorIds: [inspector!.id],
      hazards: [
        { description: '车间配电箱门未关闭', category: 'unsafeCondition', source: 'routine', deadline: '2026-12-20' },
      ],
    });
    expect(alone.statusCode, alone.body).toBe(200);
    const aloneId = (alone.json() as { id: string }).id;
    const one = opened(
      await sup.post('/api/documents/rectification-notice', { enterpriseId: ent1Id, inspectionId: aloneId }),
    );
    expect(one.xml).toContain(`检查人员（${inspector!.display_name}）`);

    // An outside engineer named first, then the user: both, in that order.
    const mixed = await sup.post('/api/inspections', {
      enterpriseId: ent1Id,
      inspectedOn: '2026-11-22',
      kind: 'expertService',
      externalInspectors: ['外聘注册安全工程师李工'],
      inspectorIds: [inspector!.id],
      hazards: [
        {
          description: '危化品仓库通风不良',
          category: 'unsafeCondition',
          source: 'externalExpert',
          deadline: '2026-12-20',
        },
      ],
    });
    expect(mixed.statusCode, mixed.body).toBe(200);
    const detail = mixed.json() as { id: string; inspectors: string[] };
    // The record's own order: user inspectors, then outside inspectors.
    expect(detail.inspectors).toEqual([inspector!.display_name, '外聘注册安全工程师李工']);
    const both = opened(
      await sup.post('/api/documents/rectification-notice', { enterpriseId: ent1Id, inspectionId: detail.id }),
    );
    expect(both.xml).toContain(`检查人员（${inspector!.display_name}、外聘注册安全工程师李工）`);

    // The re-check opinion of one of its hazards names them too, beside who re-checked.
    const [h] = await rows<{ id: string }>(
      env.database.db,
      sql`select id from hazards where inspection_id = ${detail.id}`,
    );
    const go = (c: Client, action: string, extra: Record<string, unknown> = {}) =>
      c.post(`/api/hazards/${h!.id}/transitions`, { action, ...extra });
    expect((await go(ent1, 'start')).statusCode).toBe(200);
    expect((await go(ent1, 'submit', { evidenceIds: [await upload(ent1, ent1Id)] })).statusCode).toBe(200);
    expect((await go(sup, 'recheckPass')).statusCode).toBe(200);
    const opinion = opened(await sup.post('/api/documents/recheck-opinion', { hazardId: h!.id }));
    expect(opinion.xml).toContain(`${inspector!.display_name}、外聘注册安全工程师李工`);
    expect(opinion.xml).toContain('复查人员');
  });
});

describe('document numbers (taken once, re-issued explicitly)', () => {
  const n = (s: string) => Number(/〔2026〕(\d{4})号/.exec(s)![1]);
  type Register = {
    items: {
      id: string;
      number: string;
      kind: string;
      voided: boolean;
      voidReason: string | null;
      replacedByNumber: string | null;
      archived: boolean;
    }[];
  };

  it('gives a notice its number once: Word, PDF and a later Word download all carry it; the opinion cites it', async () => {
    const id = await hazard(ent1Id, '二号仓库消防通道堆放纸箱');
    const notice = (format?: string) =>
      sup.post('/api/documents/rectification-notice', { enterpriseId: ent1Id, hazardIds: [id], format });
    const word = opened(await notice());
    const pdf = await notice('pdf');
    expect(pdf.statusCode, pdf.body).toBe(200);
    expect(decodeURIComponent(String(pdf.headers['x-document-number']))).toBe(word.number);
    // Days later, another download: the same document, its issue date unchanged.
    clock.set(new Date('2026-11-27T02:00:00Z'));
    sup = await signedIn(env.app, 'supervisor');
    const again = opened(await notice());
    expect(again.number).toBe(word.number);
    expect(again.xml).toContain('2026年11月23日');
    expect(again.xml).not.toContain('2026年11月27日');
    clock.set(new Date('2026-11-23T02:00:00Z'));
    sup = await signedIn(env.app, 'supervisor');

    const register = (await sup.get(`/api/documents?hazardId=${id}`)).json() as Register;
    expect(register.items.map((d) => d.number)).toEqual([word.number]);
    const audit = await rows<{ action: string }>(
      env.database.db,
      sql`select action from audit_log where entity_type = 'document'
             and after->>'number' = ${word.number} order by seq`,
    );
    expect(audit.map((a) => a.action)).toEqual(['document.generate', 'document.download', 'document.download']);

    // The re-check opinion cites the notice's number, and keeps its own on every download.
    const go = (c: Client, action: string, extra: Record<string, unknown> = {}) =>
      c.post(`/api/hazards/${id}/transitions`, { action, ...extra });
    expect((await go(ent1, 'start')).statusCode).toBe(200);
    expect((await go(ent1, 'submit', { evidenceIds: [await upload(ent1, ent1Id)] })).statusCode).toBe(200);
    expect((await go(sup, 'recheckFail', { reason: '纸箱仍未清理' })).statusCode).toBe(200);
    const opinion = opened(await sup.post('/api/documents/recheck-opinion', { hazardId: id }));
    expect(opinion.xml).toContain(word.number);
    const opinionPdf = await sup.post('/api/documents/recheck-opinion', { hazardId: id, format: 'pdf' });
    expect(decodeURIComponent(String(opinionPdf.headers['x-document-number']))).toBe(opinion.number);
  });

  it('takes one number when two first downloads of the same notice arrive at the same moment', async () => {
    const id = await hazard(ent1Id, '三号车间砂轮机防护罩缺失');
    const before = await rows<{ n: number }>(env.database.db, sql`select count(*)::int as n from issued_documents`);
    const body = { enterpriseId: ent1Id, hazardIds: [id] };
    const [a, b] = await Promise.all([
      sup.post('/api/documents/rectification-notice', body),
      sup.post('/api/documents/rectification-notice', { ...body, format: 'pdf' }),
    ]);
    expect(a.statusCode, a.body).toBe(200);
    expect(b.statusCode, b.body).toBe(200);
    expect(a.headers['x-document-number']).toBe(b.headers['x-document-number']);
    const after = await rows<{ n: number }>(env.database.db, sql`select count(*)::int as n from issued_documents`);
    expect(after[0]!.n).toBe(before[0]!.n + 1);
  });

  it("re-issues only on a supervisor's explicit decision: the old number is voided, a new one taken, audited", async () => {
    const id = await hazard(ent1Id, '配电室未配备绝缘垫');
    const first = opened(
      await sup.post('/api/documents/rectification-notice', { enterpriseId: ent1Id, hazardIds: [id] }),
    );
    const [row] = ((await sup.get(`/api/documents?hazardId=${id}`)).json() as Register).items;
    expect(row).toMatchObject({ number: first.number, voided: false, archived: true });

    const insp = await signedIn(env.app, 'inspector');
    expect((await insp.post(`/api/documents/${row!.id}/reissue`, { reason: '企业名称变更' })).statusCode).toBe(403);
    const noReason = await sup.post(`/api/documents/${row!.id}/reissue`, { reason: '' });
    expect(noReason.statusCode).toBe(400);
    expect(err(noReason).fields).toHaveProperty('reason');

    const reissued = await sup.post(`/api/documents/${row!.id}/reissue`, { reason: '整改期限调整后重新下达' });
    expect(reissued.statusCode, reissued.body).toBe(200);
    const fresh = reissued.json() as { id: string; number: string; voided: boolean };
    expect(fresh.voided).toBe(false);
    expect(n(fresh.number)).toBeGreaterThan(n(first.number));

    // Downloads now carry the new number; the old one is listed as voided, pointing at its replacement.
    const now2 = opened(
      await sup.post('/api/documents/rectification-notice', { enterpriseId: ent1Id, hazardIds: [id] }),
    );
    expect(now2.number).toBe(fresh.number);
    const register = ((await sup.get(`/api/documents?hazardId=${id}`)).json() as Register).items;
    expect(register.map((d) => [d.number, d.voided])).toEqual([
      [fresh.number, false],
      [first.number, true],
    ]);
    expect(register[1]).toMatchObject({ voidReason: '整改期限调整后重新下达', replacedByNumber: fresh.number });
    const old = await sup.get(`/api/documents/${row!.id}/file?format=docx`);
    expect(old.statusCode).toBe(409);
    expect(err(old).code).toBe('DOCUMENT_VOIDED');
    const byId = await sup.get(`/api/documents/${fresh.id}/file?format=pdf`);
    expect(byId.statusCode, byId.body).toBe(200);
    expect(decodeURIComponent(String(byId.headers['x-document-number']))).toBe(fresh.number);
    expect((await sup.post(`/api/documents/${row!.id}/reissue`, { reason: '再次重新出具' })).statusCode).toBe(409);

    const [audit] = await rows<{ before: { number: string }; after: { number: string; reason: string } }>(
      env.database.db,
      sql`select before, after from audit_log where action = 'document.reissue' and entity_id = ${fresh.id}`,
    );
    expect(audit).toMatchObject({
      before: { number: first.number },
      after: { number: fresh.number, voidedNumber: first.number, reason: '整改期限调整后重新下达' },
    });
    expect((await verifyAuditChains(env.database.db)).ok).toBe(true);
  });
});
