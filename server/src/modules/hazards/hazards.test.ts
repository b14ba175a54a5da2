// The closed loop end to end through the API: record, rectify with evidence, re-check fails then passes, extension,
// the major-hazard gate (五落实), listing and delisting, derived overdue, and what an enterprise may see.

import { sql } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clock } from '../../platform/clock';
import { rows } from '../../platform/db';
import { type Client, createTestEnv, signedIn, type TestEnv } from '../../testing/harness';

let env: TestEnv;
let sup: Client;
let ent1: Client;
let ent2: Client;
let ent1Id: string;
let png: Buffer;

const err = (res: { json(): unknown }) => (res.json() as { error: { code: string; message: string } }).error;
type Detail = {
  id: string;
  status: string;
  grade: string;
  overdue: boolean;
  actions: string[];
  deadline: string;
  events: { action: string; reason: string | null; evidence: string[] }[];
  listing: { delistedOn?: string | null } | null;
  criterion: { code: string; version: number } | null;
};

beforeAll(async () => {
  clock.set(new Date('2026-11-23T02:00:00Z'));
  env = await createTestEnv();
  sup = await signedIn(env.app, 'supervisor');
  ent1 = await signedIn(env.app, 'enterprise1');
  ent2 = await signedIn(env.app, 'enterprise2');
  ent1Id = ((await ent1.get('/api/auth/session')).json() as { me: { enterpriseId: string } }).me.enterpriseId;
  png = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#cc3333' } })
    .png()
    .toBuffer();
});
afterAll(async () => {
  clock.reset();
  await env?.close();
});

async function photo(c: Client, purpose = 'hazardAfter'): Promise<string> {
  const res = await c.upload({ purpose, enterpriseId: ent1Id }, 'after.png', png, 'image/png');
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as { id: string }).id;
}

const general = () => ({
  enterpriseId: ent1Id,
  description: '配电箱未上锁，箱门破损',
  location: '二号车间',
  category: 'unsafeCondition',
  source: 'comprehensive',
  requirement: '更换箱门并上锁',
  deadline: '2026-12-10',
});

describe('hazard closed loop', () => {
  it('walks assigned → rectifying → submitted → (re-check fails) rectifying → submitted → closed', async () => {
    const created = await sup.post('/api/hazards', general());
    expect(created.statusCode, created.body).toBe(200);
    const h = created.json() as Detail;
    expect(h).toMatchObject({ status: 'assigned', grade: 'general', overdue: false });

    const go = (c: Client, action: string, extra: Record<string, unknown> = {}) =>
      c.post(`/api/hazards/${h.id}/transitions`, { action, ...extra });
    expect((await go(ent1, 'start')).statusCode).toBe(200);
    const noPhoto = await go(ent1, 'submit');
    expect(noPhoto.statusCode).toBe(422);
    expect(err(noPhoto).code).toBe('HAZARD_EVIDENCE_REQUIRED');
    expect((await go(ent1, 'submit', { evidenceIds: [await photo(ent1)] })).statusCode).toBe(200);
    const enterpriseRecheck = await go(ent1, 'recheckPass');
    expect(enterpriseRecheck.statusCode).toBe(403);
    const failNoReason = await go(sup, 'recheckFail');
    expect(failNoReason.statusCode).toBe(422);
    expect((await go(sup, 'recheckFail', { reason: '箱门仍未上锁' })).json()).toMatchObject({ status: 'rectifying' });
    expect((await go(ent1, 'submit', { evidenceIds: [await photo(ent1)] })).statusCode).toBe(200);
    const closed = (await go(sup, 'recheckPass')).json() as Detail;
    expect(closed.status).toBe('closed');
    expect(closed.events.map((e) => e.action)).toEqual([
      'create',
      'start',
      'submit',
      'recheckFail',
      'submit',
      'recheckPass',
    ]);
    expect(closed.events[3]!.reason).toBe('箱门仍未上锁');
    expect(closed.events[2]!.evidence).toHaveLength(1);

    const illegal = await go(ent1, 'start');
    expect(illegal.statusCode).toBe(409);
    expect(err(illegal).message).toContain('已销号');
    const history = (await sup.get(`/api/enterprises/${ent1Id}/history?entityId=${h.id}&pageSize=50`)).json() as {
      items: { action: string }[];
    };
    expect(history.items.map((i) => i.action).reverse()).toEqual([
      'hazard.create',
      'hazard.start',
      'hazard.submit',
      'hazard.recheckFail',
      'hazard.submit',
      'hazard.recheckPass',
    ]);
  });

  it('records 即查即改 straight to closed with evidence', async () => {
    const res = await sup.post('/api/hazards', {
      ...general(),
      deadline: null,
      fixedOnSpot: true,
      afterPhotoIds: [await photo(sup)],
    });
    expect(res.json()).toMatchObject({ status: 'closed', fixedOnSpot: true });
    const none = await sup.post('/api/hazards', { ...general(), deadline: null, fixedOnSpot: true });
    expect(none.statusCode).toBe(422);
  });

  it('refuses a past deadline and an unknown criterion code', async () => {
    const past = await sup.post('/api/hazards', { ...general(), deadline: '2026-11-01' });
    expect(past.statusCode).toBe(422);
    expect(err(past).message).toContain('整改期限');
    const unknown = await sup.post('/api/hazards', { ...general(), criterionCode: 'GM2023-99-9' });
    expect(unknown.statusCode).toBe(422);
    expect(err(unknown).code).toBe('HAZARD_CRITERION_UNKNOWN');
  });

  it('approves an extension and derives overdue from the deadline as time passes', async () => {
    const h = (await sup.post('/api/hazards', { ...general(), deadline: '2026-11-30' })).json() as Detail;
    const earlier = await ent1.post(`/api/hazards/${h.id}/extension`, {
      requestedDeadline: '2026-11-25',
      reason: '配件到货延迟',
    });
    expect(earlier.statusCode).toBe(422);
    expect(
      (await ent1.post(`/api/hazards/${h.id}/extension`, { requestedDeadline: '2026-12-20', reason: '配件到货延迟' }))
        .statusCode,
    ).toBe(200);
    const twice = await ent1.post(`/api/hazards/${h.id}/extension`, {
      requestedDeadline: '2026-12-25',
      reason: '再次延期申请',
    });
    expect(twice.statusCode).toBe(409);
    const byEnterprise = await ent1.post(`/api/hazards/${h.id}/extension/decision`, { approve: true });
    expect(byEnterprise.statusCode).toBe(403);
    const approved = (await sup.post(`/api/hazards/${h.id}/extension/decision`, { approve: true })).json() as Detail;
    expect(approved.deadline).toBe('2026-12-20');

    clock.set(new Date('2026-12-21T02:00:00Z'));
    const supLater = await signedIn(env.app, 'supervisor');
    const later = (await supLater.get(`/api/hazards/${h.id}`)).json() as Detail;
    expect(later.overdue).toBe(true);
    const ledger = (await supLater.get(`/api/hazards?overdue=true&enterpriseId=${ent1Id}`)).json() as {
      items: { id: string }[];
    };
    expect(ledger.items.map((i) => i.id)).toContain(h.id);
    const counts = (await supLater.get(`/api/hazards/counts?enterpriseId=${ent1Id}`)).json() as { overdue: number };
    expect(counts.overdue).toBeGreaterThanOrEqual(1);
    clock.set(new Date('2026-11-23T02:00:00Z'));
  });
});

describe('major hazards', () => {
  it('is major when matched to a criterion, cannot start before 五落实, is listed and delisted only after acceptance', async () => {
    const res = await sup.post('/api/hazards', {
      ...general(),
      description: '干式除尘系统未采取泄爆、惰化、抑爆等任一种爆炸防控措施',
      criterionCode: 'GM2023-11-3',
    });
    const h = res.json() as Detail;
    expect(h).toMatchObject({ grade: 'major', criterion: { code: 'GM2023-11-3', version: 1 } });

    const blocked = await ent1.post(`/api/hazards/${h.id}/transitions`, { action: 'start' });
    expect(blocked.statusCode).toBe(422);
    expect(err(blocked).message).toContain('五落实');
    await ent1.request('PUT', `/api/hazards/${h.id}/plan`, {
      responsibility: '生产副总负责',
      measures: '加装泄爆片',
      funds: '8 万元',
    });
    expect((await ent1.post(`/api/hazards/${h.id}/transitions`, { action: 'start' })).statusCode).toBe(422);
    await ent1.request('PUT', `/api/hazards/${h.id}/plan`, {
      timeLimit: '2026-12-10 前',
      emergencyPlan: '粉尘爆炸现场处置方案',
    });
    expect((await ent1.post(`/api/hazards/${h.id}/transitions`, { action: 'start' })).statusCode).toBe(200);

    const listed = await sup.post(`/api/hazards/${h.id}/listing`, {
      level: 'park',
      unit: '高新区安委会办公室',
      listedOn: '2026-11-23',
    });
    expect(listed.json()).toMatchObject({ listing: { unit: '高新区安委会办公室' } });
    const listedNow = (await sup.get('/api/hazards?listed=true&pageSize=100')).json() as { items: { id: string }[] };
    expect(listedNow.items.map((i) => i.id)).toContain(h.id);
    const early = await sup.post(`/api/hazards/${h.id}/delisting`);
    expect(early.statusCode).toBe(409);
    expect(err(early).message).toContain('销号后方可摘牌');

    await ent1.post(`/api/hazards/${h.id}/transitions`, { action: 'submit', evidenceIds: [await photo(ent1)] });
    await sup.post(`/api/hazards/${h.id}/transitions`, { action: 'recheckPass' });
    const delisted = (await sup.post(`/api/hazards/${h.id}/delisting`)).json() as Detail;
    expect(delisted.listing?.delistedOn).toBe('2026-11-23');
  });

  it('keeps the criterion version a hazard was judged against when the library is revised', async () => {
    const h = (await sup.post('/api/hazards', { ...general(), criterionCode: 'GM2023-11-6' })).json() as Detail;
    const admin = await signedIn(env.app, 'admin');
    const lib = (await admin.get('/api/criteria?q=GM2023-11-6')).json() as {
      items: { id: string; verified: boolean }[];
    };
    expect(lib.items[0]!.verified).toBe(false);
    const revised = await admin.post(`/api/criteria/${lib.items[0]!.id}/revise`, { verified: true });
    expect(revised.json()).toMatchObject({ version: 2, verified: true });
    expect(((await sup.get(`/api/hazards/${h.id}`)).json() as Detail).criterion).toMatchObject({ version: 1 });
    const next = (await sup.post('/api/hazards', { ...general(), criterionCode: 'GM2023-11-6' })).json() as Detail;
    expect(next.criterion).toMatchObject({ version: 2 });
  });
});

describe('hazard scope', () => {
  it('shows an enterprise only its own hazards and refuses another enterprise id', async () => {
    const mine = (await ent1.get('/api/hazards?pageSize=100')).json() as {
      items: { enterpriseId: string }[];
      total: number;
    };
    expect(mine.total).toBeGreaterThan(0);
    expect(mine.items.every((i) => i.enterpriseId === ent1Id)).toBe(true);
    const theirs = (await ent2.get('/api/hazards?pageSize=100')).json() as { items: { enterpriseId: string }[] };
    expect(theirs.items.every((i) => i.enterpriseId !== ent1Id)).toBe(true);
    const one = mine.items[0] as unknown as { id: string };
    expect((await ent2.get(`/api/hazards/${one.id}`)).statusCode).toBe(404);
    expect((await ent2.post(`/api/hazards/${one.id}/transitions`, { action: 'start' })).statusCode).toBe(404);
    const forOther = await ent2.post('/api/hazards', general());
    expect(forOther.statusCode).toBe(404);
  });
});

describe('ledger export', () => {
  it('exports the filtered ledger as a background job holding only the enterprise user own rows', async () => {
    const { default: ExcelJS } = await import('exceljs');
    const res = await ent1.post('/api/hazards/export', {});
    expect(res.statusCode, res.body).toBe(202);
    let job = (res.json() as { job: { id: string; status: string; downloadUrl: string | null } }).job;
    for (let i = 0; i < 400 && job.status !== 'succeeded' && job.status !== 'failed'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      job = (await ent1.get(`/api/jobs/${job.id}`)).json() as typeof job;
    }
    expect(job.status).toBe('succeeded');
    const file = await ent1.get(job.downloadUrl!);
    expect(file.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('隐患台账')!;
    expect(sheet.getRow(1).getCell(1).value).toBe('隐患编号');
    const own = (await ent1.get('/api/hazards?pageSize=1')).json() as {
      total: number;
      items: { enterpriseName: string }[];
    };
    expect(sheet.rowCount - 1).toBe(own.total);
    const names = new Set<string>();
    sheet.eachRow((row, n) => {
      if (n > 1) names.add(String(row.getCell(2).value));
    });
    expect([...names]).toEqual([own.items[0]!.enterpriseName]);
    // Another user cannot fetch the file.
    expect((await ent2.get(job.downloadUrl!)).statusCode).toBe(404);
  });
});

describe('ledger export over several pages', () => {
  it('exports every row once across keyset pages (ties on a day included), labelled, formulas neutralised', async () => {
    const { default: ExcelJS } = await import('exceljs');
    const db = env.database.db;
    // 12,000 rows over 3 days of one enterprise: pages of 5,000 end in the middle of a day.
    await db.execute(sql`
      insert into hazards (park_id, serial, enterprise_id, description, category, source, grade, requirement, deadline,
                           status, found_on)
      select e.park_id, 'EXP' || lpad(g::text, 6, '0'), e.id,
             case when g = 7 then '=HYPERLINK("http://x","点击")' else '导出分页测试 ' || g end,
             'unsafeAct', 'routine', 'general', '整改', date '2026-12-01', 'assigned', date '2026-10-01' + g % 3
        from enterprises e, generate_series(1, 12000) g where e.id = ${ent1Id}`);
    const res = await sup.post('/api/hazards/export', {
      enterpriseId: ent1Id,
      foundFrom: '2026-10-01',
      foundTo: '2026-10-03',
    });
    expect(res.statusCode, res.body).toBe(202);
    let job = (res.json() as { job: { id: string; status: string; downloadUrl: string | null } }).job;
    for (let i = 0; i < 1200 && job.status !== 'succeeded' && job.status !== 'failed'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      job = (await sup.get(`/api/jobs/${job.id}`)).json() as typeof job;
    }
    expect(job.status).toBe('succeeded');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await sup.get(job.downloadUrl!)).rawPayload as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('隐患台账')!;
    const serials: string[] = [];
    const days: string[] = [];
    let formula = '';
    let enterprise = '';
    sheet.eachRow((row, n) => {
      if (n === 1) return;
      serials.push(String(row.getCell(1).value));
      days.push((row.getCell(3).value as Date).toISOString().slice(0, 10));
      if (row.getCell(1).value === 'EXP000007') formula = String(row.getCell(4).value);
      enterprise = String(row.getCell(2).value);
    });
    expect(serials).toHaveLength(12000);
    expect(new Set(serials).size).toBe(12000);
    expect(days).toEqual([...days].sort().reverse());
    expect(formula).toBe('\'=HYPERLINK("http://x","点击")');
    const [ent] = await rows<{ name: string }>(db, sql`select name from enterprises where id = ${ent1Id}`);
    expect(enterprise).toBe(ent!.name);
    await db.execute(sql`delete from hazards where serial like 'EXP%'`);
  });
});

describe('hazard API additions', () => {
  it('filters the ledger by inspection', async () => {
    const inspection = await sup.post('/api/inspections', {
      enterpriseId: ent1Id,
      inspectedOn: '2026-11-23',
      kind: 'supervision',
      externalInspectors: ['检查组'],
      hazards: [
        { description: '安全出口指示灯损坏', category: 'unsafeCondition', source: 'routine', deadline: '2026-12-05' },
        { description: '员工未佩戴安全帽', category: 'unsafeAct', source: 'routine', deadline: '2026-12-05' },
      ],
    });
    expect(inspection.statusCode, inspection.body).toBe(200);
    const inspectionId = (inspection.json() as { id: string }).id;
    const page = (await sup.get(`/api/hazards?inspectionId=${inspectionId}`)).json() as {
      total: number;
      items: { inspectionId: string; description: string }[];
    };
    expect(page.total).toBe(2);
    expect(page.items.every((i) => i.inspectionId === inspectionId)).toBe(true);
    expect(page.items.map((i) => i.description).sort()).toEqual(['员工未佩戴安全帽', '安全出口指示灯损坏']);
    const counts = (await sup.get(`/api/hazards/counts?inspectionId=${inspectionId}`)).json() as { total: number };
    expect(counts.total).toBe(2);
    // Another enterprise's user sees none of them.
    expect(((await ent2.get(`/api/hazards?inspectionId=${inspectionId}`)).json() as { total: number }).total).toBe(0);
  });

  it('stores who, why and the document number of a listing and a stoppage, on the event and the hazard', async () => {
    const h = (await sup.post('/api/hazards', { ...general(), criterionCode: 'GM2023-11-4' })).json() as Detail;
    const listed = await sup.post(`/api/hazards/${h.id}/listing`, {
      level: 'city',
      unit: '市安委会办公室',
      listedOn: '2026-11-23',
      documentNo: '安委办督〔2026〕12号',
      reason: '粉尘涉爆，整改难度大',
    });
    expect(listed.statusCode, listed.body).toBe(200);
    type WithDetail = Omit<Detail, 'events' | 'listing'> & {
      listing: { unit: string; documentNo: string | null; reason: string | null };
      stoppage: string;
      stoppageDetail: { unit: string | null; reason: string | null; documentNo: string | null; since: string } | null;
      events: { action: string; reason: string | null; detail: Record<string, string | null> | null }[];
    };
    const l = listed.json() as WithDetail;
    expect(l.listing).toMatchObject({
      unit: '市安委会办公室',
      documentNo: '安委办督〔2026〕12号',
      reason: '粉尘涉爆，整改难度大',
    });
    expect(l.events.at(-1)).toMatchObject({
      action: 'listed',
      reason: '粉尘涉爆，整改难度大',
      detail: { level: 'city', unit: '市安委会办公室', listedOn: '2026-11-23', documentNo: '安委办督〔2026〕12号' },
    });

    const stopped = await sup.request('PUT', `/api/hazards/${h.id}/stoppage`, {
      stoppage: 'partial',
      unit: '区应急管理局',
      reason: '除尘系统停用前不得生产',
      documentNo: '（高新）应急责停〔2026〕5号',
    });
    expect(stopped.statusCode, stopped.body).toBe(200);
    const s = stopped.json() as WithDetail;
    expect(s.stoppageDetail).toEqual({
      unit: '区应急管理局',
      reason: '除尘系统停用前不得生产',
      documentNo: '（高新）应急责停〔2026〕5号',
      since: '2026-11-23',
    });
    expect(s.events.at(-1)).toMatchObject({
      action: 'stoppage',
      reason: '除尘系统停用前不得生产',
      detail: {
        stoppage: 'partial',
        previous: 'none',
        unit: '区应急管理局',
        documentNo: '（高新）应急责停〔2026〕5号',
      },
    });
    // The enterprise sees the same on its hazard.
    expect(((await ent1.get(`/api/hazards/${h.id}`)).json() as WithDetail).stoppageDetail?.documentNo).toBe(
      '（高新）应急责停〔2026〕5号',
    );
    // Lifting the stoppage clears the current detail; the timeline keeps both.
    const lifted = (
      await sup.request('PUT', `/api/hazards/${h.id}/stoppage`, { stoppage: 'none' })
    ).json() as WithDetail;
    expect(lifted.stoppageDetail).toBeNull();
    expect(lifted.events.filter((e) => e.action === 'stoppage').map((e) => e.detail?.stoppage)).toEqual([
      'partial',
      'none',
    ]);
    // Older clients that send the stoppage alone still work.
    expect((await sup.request('PUT', `/api/hazards/${h.id}/stoppage`, { stoppage: 'full' })).statusCode).toBe(200);
  });
});

describe('transitions a role may never make', () => {
  it('answers 403 to the leader and a department before looking at the state (never 409 with the state)', async () => {
    const dept = await signedIn(env.app, 'department');
    const leader = await signedIn(env.app, 'leader');
    // The department joins a campaign on enterprise1, so enterprise1's hazards are within its scope.
    const deptOrg = ((await dept.get('/api/auth/session')).json() as { me: { organisationId: string } }).me
      .organisationId;
    const campaign = await sup.post('/api/campaigns', {
      name: '联合检查（成员单位参与）',
      campaignType: 'other',
      startsOn: '2026-11-01',
      endsOn: '2026-12-31',
      jointDepartmentIds: [deptOrg],
      target: { enterpriseIds: [ent1Id] },
    });
    expect(campaign.statusCode, campaign.body).toBe(200);
    const h = (await sup.post('/api/hazards', general())).json() as Detail;
    for (const c of [leader, dept]) {
      expect((await c.get(`/api/hazards/${h.id}`)).statusCode).toBe(200);
      for (const action of ['start', 'submit', 'recheckPass', 'recheckFail']) {
        const res = await c.post(`/api/hazards/${h.id}/transitions`, { action, reason: '越权操作', evidenceIds: [] });
        expect(res.statusCode, `${action}: ${res.body}`).toBe(403);
        expect(err(res).code).toBe('HAZARD_ROLE_NOT_ALLOWED');
        expect(err(res).message).not.toContain('待整改');
      }
    }
  });
});
