// Third-party fire service through the API: contracts refused with the field named (amount ≤ 0, period end before
// start), a visit outside the contract's period warned and saved only once confirmed, an enterprise outside the
// contract refused, findings recorded as fire hazards of the hazard loop with nothing half-saved, data scope (an
// enterprise reads its own visits, never contracts or money), and the analysis' counts equal to the hazards the
// ledger opens with the same filters.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FundView } from '../../../../shared/src/activities';
import type { Analysis, ContractView, VisitDetail, VisitView } from '../../../../shared/src/fire-service';
import { ledgerLink } from '../../../../shared/src/fire-service';
import type { HazardView } from '../../../../shared/src/hazards';
import { clock } from '../../platform/clock';
import { type Client, createTestEnv, signedIn, type TestEnv } from '../../testing/harness';

let env: TestEnv;
let sup: Client;
let inspector: Client;
let ent1: Client;
let ent2: Client;
let ent1Id: string;
let ent2Id: string;
let providerId: string;
let contract: ContractView;
type Err = { error: { code: string; message: string; fields?: Record<string, string> } };

const enterpriseOf = async (c: Client) =>
  ((await c.get('/api/auth/session')).json() as { me: { enterpriseId: string } }).me.enterpriseId;

beforeAll(async () => {
  clock.set(new Date('2026-11-23T02:00:00Z'));
  env = await createTestEnv();
  sup = await signedIn(env.app, 'supervisor');
  inspector = await signedIn(env.app, 'inspector');
  ent1 = await signedIn(env.app, 'enterprise1');
  ent2 = await signedIn(env.app, 'enterprise2');
  ent1Id = await enterpriseOf(ent1);
  ent2Id = await enterpriseOf(ent2);
  const p = await sup.post('/api/providers', {
    name: '测试消防技术服务有限公司',
    kinds: ['fireService'],
    qualificationValidUntil: '2027-12-31',
  });
  expect(p.statusCode, p.body).toBe(200);
  providerId = (p.json() as { id: string }).id;
});
afterAll(async () => {
  clock.reset();
  await env?.close();
});

const contractBody = () => ({
  title: '2026年度消防技术服务',
  contractNo: 'GHX-2026-XF-01',
  providerId,
  signedOn: '2026-01-05',
  startsOn: '2026-01-01',
  endsOn: '2026-12-31',
  amount: 186000.5,
  content: '每月对服务企业开展消防安全指导检查，建立服务台账并按季度分析',
  coversAll: false,
  enterpriseIds: [ent1Id],
});
const finding = (problem: string, description: string) => ({
  problem,
  description,
  location: '一号仓库',
  deadline: '2026-12-20',
  responsiblePerson: '王主管',
});
const hazardTotal = async (q: Record<string, string>) => {
  const res = await sup.get(`/api/hazards?${new URLSearchParams(q)}`);
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as { total: number; items: HazardView[] }).total;
};

describe('fire-service contracts', () => {
  it('refuses an amount of zero, an end before the start and no enterprises, naming the field', async () => {
    const zero = await sup.post('/api/fire-service/contracts', { ...contractBody(), amount: 0 });
    expect(zero.statusCode).toBe(400);
    expect((zero.json() as Err).error.fields?.amount).toContain('大于 0');
    const cents = await sup.post('/api/fire-service/contracts', { ...contractBody(), amount: 10.005 });
    expect((cents.json() as Err).error.fields?.amount).toContain('两位小数');
    const backwards = await sup.post('/api/fire-service/contracts', { ...contractBody(), endsOn: '2025-12-31' });
    expect(backwards.statusCode).toBe(400);
    expect((backwards.json() as Err).error.fields?.endsOn).toContain('不能早于开始日期');
    const none = await sup.post('/api/fire-service/contracts', { ...contractBody(), enterpriseIds: [] });
    expect((none.json() as Err).error.fields).toHaveProperty('enterpriseIds');
    const list = (await sup.get('/api/fire-service/contracts?q=2026年度')).json() as { total: number };
    expect(list.total).toBe(0);
  });

  it('records a contract; the committee sees its amount, an inspector does not, an enterprise not at all', async () => {
    const res = await sup.post('/api/fire-service/contracts', contractBody());
    expect(res.statusCode, res.body).toBe(200);
    contract = res.json() as ContractView;
    expect(contract).toMatchObject({
      amount: 186000.5,
      serial: 'XFHT2026-001',
      providerName: '测试消防技术服务有限公司',
    });
    expect(contract.enterprises.map((e) => e.id)).toEqual([ent1Id]);
    const seen = (await inspector.get(`/api/fire-service/contracts/${contract.id}`)).json() as ContractView;
    expect(seen.amount).toBeNull();
    expect((await ent1.get('/api/fire-service/contracts')).statusCode).toBe(403);
    expect((await ent1.post('/api/fire-service/contracts', contractBody())).statusCode).toBe(403);
    const audit = await (await signedIn(env.app, 'admin')).get(`/api/audit?entityId=${contract.id}`);
    expect(audit.body).toContain('fireService.contract.create');
  });

  it("writes the contract's amount to the special-funds ledger once, rewritten when the contract changes", async () => {
    const ledger = async () =>
      (
        (await sup.get(`/api/funds?subjectKind=fireServiceContract&subjectId=${contract.id}`)).json() as {
          items: FundView[];
        }
      ).items;
    const [entry, ...more] = await ledger();
    expect(more).toHaveLength(0);
    expect(entry).toMatchObject({
      purpose: 'purchasedServices',
      amount: 186000.5,
      paidOn: '2026-01-05',
      supplier: '测试消防技术服务有限公司',
      fromSubject: true,
      subject: { kind: 'fireServiceContract', id: contract.id, kindLabel: '消防服务合同' },
    });
    expect(entry!.subject!.title).toContain('2026年度消防技术服务');
    const changed = await sup.request('PUT', `/api/fire-service/contracts/${contract.id}`, {
      ...contractBody(),
      amount: 190000,
      rowVersion: contract.rowVersion,
    });
    expect(changed.statusCode, changed.body).toBe(200);
    contract = changed.json() as ContractView;
    const after = await ledger();
    expect(after.map((f) => [f.id, f.amount])).toEqual([[entry!.id, 190000]]);
    // The ledger records a contract once: 登记支出 for it again is refused.
    const twice = await sup.post('/api/funds/by-subject', {
      purpose: 'purchasedServices',
      amount: 1000,
      paidOn: '2026-02-01',
      description: '重复登记合同款',
      subject: { kind: 'fireServiceContract', id: contract.id },
    });
    expect(twice.statusCode).toBe(409);
    expect((twice.json() as Err).error).toMatchObject({ code: 'FUND_RECORDED_BY_SUBJECT' });
    expect((twice.json() as Err).error.message).toContain('已登记过专项资金支出');
  });

  it("has the demo's 2023 contract in the ledger once, from the contract itself", async () => {
    const list = (await sup.get('/api/fire-service/contracts?pageSize=100')).json() as { items: ContractView[] };
    const demo = list.items.find((c) => c.title.startsWith('2023年度'))!;
    expect(demo).toBeDefined();
    const funds = (await sup.get('/api/funds?from=2023-01-01&to=2023-12-31&purpose=purchasedServices')).json() as {
      items: FundView[];
    };
    expect(funds.items.map((f) => [f.amount, f.paidOn, f.subject?.id])).toEqual([[198000, '2023-01-06', demo.id]]);
  });
});

describe('fire-service visits', () => {
  const visit = (extra: Record<string, unknown> = {}) => ({
    contractId: contract.id,
    enterpriseId: ent1Id,
    visitedOn: '2026-11-20',
    providerStaff: ['陈工', '刘工'],
    content: '检查消防设施器材、疏散通道和用电情况',
    findings: [finding('facilities', '一号仓库灭火器压力不足两具'), finding('evacuation', '二层疏散通道堆放纸箱')],
    ...extra,
  });
  let first: VisitDetail;

  it('refuses an enterprise the contract does not cover, and a finding the hazard loop refuses, saving nothing', async () => {
    const before = await hazardTotal({ fireService: 'true' });
    const other = await sup.post('/api/fire-service/visits', visit({ enterpriseId: ent2Id }));
    expect(other.statusCode).toBe(422);
    expect((other.json() as Err).error.fields?.enterpriseId).toContain('不在服务合同');
    const noDeadline = await sup.post(
      '/api/fire-service/visits',
      visit({
        findings: [finding('facilities', '灭火器过期'), { ...finding('electrical', '私拉电线'), deadline: null }],
      }),
    );
    expect(noDeadline.statusCode).toBe(422);
    expect((noDeadline.json() as Err).error.fields).toHaveProperty(['findings.1.deadline']);
    expect((noDeadline.json() as Err).error.message).toContain('第 2 条问题');
    const badProblem = await sup.post('/api/fire-service/visits', visit({ findings: [finding('aliens', '未知问题')] }));
    expect(badProblem.statusCode).toBe(400);
    const future = await sup.post('/api/fire-service/visits', visit({ visitedOn: '2026-11-24' }));
    expect((future.json() as Err).error.fields).toHaveProperty('visitedOn');
    expect(await hazardTotal({ fireService: 'true' })).toBe(before);
    expect(
      ((await sup.get(`/api/fire-service/visits?contractId=${contract.id}`)).json() as { total: number }).total,
    ).toBe(0);
  });

  it('warns of a day outside the contract period, saves nothing until confirmed, then keeps the mark', async () => {
    const before = await hazardTotal({ fireService: 'true' });
    const body = visit({ visitedOn: '2025-12-30', findings: [finding('management', '消防安全管理制度未更新')] });
    const warned = await sup.post('/api/fire-service/visits', body);
    expect(warned.statusCode).toBe(409);
    const w = (warned.json() as Err).error;
    expect(w.code).toBe('FIRE_VISIT_WARNINGS');
    expect(w.fields?.visitedOn).toContain('不在合同服务期');
    expect(await hazardTotal({ fireService: 'true' })).toBe(before);
    const confirmed = await sup.post('/api/fire-service/visits', { ...body, confirmWarnings: true });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect((confirmed.json() as VisitDetail).outsidePeriod).toBe(true);
  });

  it('records a visit whose findings are fire hazards of the loop, linked to the visit', async () => {
    const res = await sup.post('/api/fire-service/visits', visit());
    expect(res.statusCode, res.body).toBe(200);
    first = res.json() as VisitDetail;
    expect(first).toMatchObject({ findings: 2, rectified: 0, open: 2, outsidePeriod: false, enterpriseId: ent1Id });
    expect(first.items.map((i) => [i.problem, i.status])).toEqual([
      ['facilities', 'assigned'],
      ['evacuation', 'assigned'],
    ]);
    const hz = (await sup.get(`/api/hazards/${first.items[0]!.hazardId}`)).json() as HazardView;
    expect(hz).toMatchObject({ domain: 'fire', enterpriseId: ent1Id, foundOn: '2026-11-20', source: 'externalExpert' });
    expect(await hazardTotal({ fireServiceVisitId: first.id })).toBe(2);
  });

  it('shows an enterprise its own visits and their hazards only', async () => {
    const mine = (await ent1.get('/api/fire-service/visits')).json() as { items: VisitView[] };
    expect(mine.items.length).toBeGreaterThan(0);
    expect(mine.items.every((v) => v.enterpriseId === ent1Id)).toBe(true);
    expect((await ent1.get(`/api/fire-service/visits/${first.id}`)).statusCode).toBe(200);
    expect((await ent2.get(`/api/fire-service/visits/${first.id}`)).statusCode).toBe(404);
    const theirs = (await ent2.get('/api/fire-service/visits')).json() as { items: VisitView[] };
    expect(theirs.items.some((v) => v.id === first.id)).toBe(false);
    expect((await ent1.post('/api/fire-service/visits', visit())).statusCode).toBe(403);
    expect((await ent1.get('/api/fire-service/analysis')).statusCode).toBe(403);
  });

  it('analyses the contract: each count equals the hazards the ledger opens with the same filters', async () => {
    // A second visit finds a facilities problem again: a repeat finding at the same enterprise.
    const again = await sup.post(
      '/api/fire-service/visits',
      visit({ visitedOn: '2026-11-21', findings: [finding('facilities', '消火栓箱内水带缺失')] }),
    );
    expect(again.statusCode, again.body).toBe(200);
    const res = await sup.get(`/api/fire-service/analysis?contractId=${contract.id}`);
    expect(res.statusCode, res.body).toBe(200);
    const a = res.json() as Analysis;
    expect(a).toMatchObject({ from: '2026-01-01', to: '2026-12-31' });
    // The visit of 2025-12-30 lies before the period: not counted.
    expect(a.totals).toMatchObject({ visits: 2, enterprises: 1, findings: 3, rectified: 0, open: 3 });
    expect(a.problems[0]).toMatchObject({ problem: 'facilities', findings: 2, enterprises: 1 });
    expect(a.repeats).toEqual([
      expect.objectContaining({ enterpriseId: ent1Id, problem: 'facilities', visits: 2, findings: 2 }),
    ]);
    expect(a.byMonth).toEqual(expect.arrayContaining([{ month: '2026-11', problem: 'facilities', findings: 2 }]));
    const asText = (o: object) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, String(v)]));
    for (const p of a.problems) {
      expect(await hazardTotal(asText(ledgerLink(a, { fireProblem: p.problem })))).toBe(p.findings);
      expect(await hazardTotal(asText(ledgerLink(a, { fireProblem: p.problem, open: 'true' })))).toBe(p.open);
    }
    for (const r of a.repeats) {
      const link = ledgerLink(a, { fireProblem: r.problem, enterpriseId: r.enterpriseId });
      expect(await hazardTotal(asText(link))).toBe(r.findings);
    }
    for (const t of a.byTag) {
      expect(await hazardTotal(asText(ledgerLink(a, { supervisionTag: t.tag })))).toBe(t.findings);
    }
    for (const r of a.byArea) {
      expect(await hazardTotal(asText(ledgerLink(a, { area: r.area })))).toBe(r.findings);
    }
    expect(await hazardTotal(asText(ledgerLink(a)))).toBe(a.totals.findings);
  });

  it('lists the ledger with per-visit counts and totals, filters by date, and exports Excel', async () => {
    const page = (await sup.get(`/api/fire-service/visits?contractId=${contract.id}&from=2026-11-01`)).json() as {
      items: VisitView[];
      totals: { visits: number; findings: number; rectified: number };
    };
    expect(page.totals).toEqual({ visits: 2, findings: 3, rectified: 0 });
    expect(page.items.map((v) => v.findings)).toEqual([1, 2]);
    const file = await sup.get(`/api/fire-service/visits/export?contractId=${contract.id}`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toContain('spreadsheetml');
    const analysisFile = await sup.get(`/api/fire-service/analysis/export?contractId=${contract.id}`);
    expect(analysisFile.statusCode).toBe(200);
  });
});

describe('fire-service demo', () => {
  it('has a 2023 contract whose analysis shows common problems, repeats, rectified and open findings', async () => {
    const list = (await sup.get('/api/fire-service/contracts?q=2023')).json() as { items: ContractView[] };
    const demo = list.items[0]!;
    expect(demo).toMatchObject({ startsOn: '2023-01-01', endsOn: '2023-12-31' });
    const a = (await sup.get(`/api/fire-service/analysis?contractId=${demo.id}`)).json() as Analysis;
    expect(a.totals.visits).toBeGreaterThan(50);
    expect(a.totals.rectified).toBeGreaterThan(0);
    expect(a.totals.open).toBeGreaterThan(0);
    expect(a.problems.length).toBeGreaterThanOrEqual(5);
    expect(a.repeats.length).toBeGreaterThan(3);
    expect(a.byArea.some((r) => r.key)).toBe(true);
    expect(new Set(a.byMonth.map((m) => m.month)).size).toBe(12);
  });
});

describe('contract attachments (park files read by those who see the amount)', () => {
  const PDF = Buffer.from(
    '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
      '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
  );
  const uploadPdf = async (c: Client, fields: { enterpriseId: string; recordKind?: string }, name = '合同.pdf') => {
    const res = await c.upload({ purpose: 'document', ...fields }, name, PDF, 'application/pdf');
    return res;
  };
  const idOf = (res: Awaited<ReturnType<Client['upload']>>) => {
    expect(res.statusCode, res.body).toBe(200);
    return (res.json() as { id: string }).id;
  };

  it('attaches the scanned contract; the committee and leaders download it, inspectors, units and enterprises not', async () => {
    const scan = idOf(
      await uploadPdf(sup, { enterpriseId: '', recordKind: 'fireServiceContract' }, '服务合同扫描件.pdf'),
    );
    const res = await sup.post('/api/fire-service/contracts', {
      ...contractBody(),
      title: '2026年度消防设施检测服务',
      contractNo: 'GHX-2026-XF-02',
      fileIds: [scan],
    });
    expect(res.statusCode, res.body).toBe(200);
    const c = res.json() as ContractView;
    expect(c.files).toEqual([{ id: scan, originalName: '服务合同扫描件.pdf', mime: 'application/pdf' }]);

    const leader = await signedIn(env.app, 'leader');
    expect(((await leader.get(`/api/fire-service/contracts/${c.id}`)).json() as ContractView).files).toHaveLength(1);
    const got = await leader.get(`/api/files/${scan}`);
    expect(got.statusCode).toBe(200);
    expect(got.headers['content-type']).toContain('application/pdf');
    // An inspector reads the contract without the amount, so without the scan (it shows the amount).
    const seen = (await inspector.get(`/api/fire-service/contracts/${c.id}`)).json() as ContractView;
    expect(seen.amount).toBeNull();
    expect(seen.files).toEqual([]);
    expect((await inspector.get(`/api/files/${scan}`)).statusCode).toBe(404);
    // A member unit reads the park's own files (publicity, meetings) but not a contract's; an enterprise neither.
    const department = await signedIn(env.app, 'department');
    expect((await department.get(`/api/files/${scan}/meta`)).statusCode).toBe(404);
    expect((await ent1.get(`/api/files/${scan}`)).statusCode).toBe(404);
    const plainPark = idOf(await uploadPdf(sup, { enterpriseId: '' }, '宣传资料.pdf'));
    expect((await department.get(`/api/files/${plainPark}/meta`)).statusCode).toBe(200);

    // An edit that leaves fileIds out keeps the attachments; one that sends them changes them, audited before/after.
    const kept = await sup.request('PUT', `/api/fire-service/contracts/${c.id}`, {
      ...contractBody(),
      title: '2026年度消防设施检测服务',
      note: '补充说明',
      rowVersion: c.rowVersion,
    });
    expect(kept.statusCode, kept.body).toBe(200);
    const k = kept.json() as ContractView;
    expect(k.files.map((f) => f.id)).toEqual([scan]);
    const photo = idOf(
      await sup.upload(
        { purpose: 'evidence', enterpriseId: '', recordKind: 'fireServiceContract' },
        '签订现场.pdf',
        PDF,
        'application/pdf',
      ),
    );
    const changed = await sup.request('PUT', `/api/fire-service/contracts/${c.id}`, {
      ...contractBody(),
      title: '2026年度消防设施检测服务',
      fileIds: [photo],
      rowVersion: k.rowVersion,
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect((changed.json() as ContractView).files.map((f) => f.id)).toEqual([photo]);
    // Detached: nobody but its uploader reads the old scan any more.
    expect((await leader.get(`/api/files/${scan}`)).statusCode).toBe(404);
    const audit = await (await signedIn(env.app, 'admin')).get(`/api/audit?entityId=${c.id}`);
    expect(audit.statusCode).toBe(200);
    expect(audit.body).toContain('fireService.contract.update');
    expect(audit.body).toContain(photo);
  });

  it('refuses an attachment that is not a contract’s park file, naming the field, with nothing saved', async () => {
    const total = async () => ((await sup.get('/api/fire-service/contracts')).json() as { total: number }).total;
    const before = await total();
    const entFile = idOf(await uploadPdf(ent1, { enterpriseId: ent1Id }));
    const plainPark = idOf(await uploadPdf(sup, { enterpriseId: '' }));
    const sessionFile = idOf(await uploadPdf(sup, { enterpriseId: '', recordKind: 'trainingSession' }));
    for (const id of [entFile, plainPark, sessionFile, '00000000-0000-4000-8000-000000000000']) {
      const res = await sup.post('/api/fire-service/contracts', {
        ...contractBody(),
        contractNo: 'GHX-2026-XF-09',
        fileIds: [id],
      });
      expect(res.statusCode, id).toBe(422);
      expect((res.json() as Err).error.fields?.fileIds).toBe('所选附件不存在或不是为该记录上传的文件，请重新上传');
    }
    const bad = await sup.post('/api/fire-service/contracts', { ...contractBody(), fileIds: ['x'] });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('附件编号不正确');
    expect(await total()).toBe(before);
    // Only the committee uploads a contract's files: an inspector is refused (it must name an enterprise).
    const byInspector = await uploadPdf(inspector, { enterpriseId: '', recordKind: 'fireServiceContract' });
    expect(byInspector.statusCode).toBe(400);
    expect((byInspector.json() as Err).error.fields?.enterpriseId).toBe('请选择企业');
  });
});
