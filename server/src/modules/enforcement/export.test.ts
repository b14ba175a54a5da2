// The enforcement screens' server side: the demo rows the seed's half-year summary describes, the Excel exports of
// both registers (filtered, scoped, audited), and the audit list naming the objects it shows.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clock } from '../../platform/clock';
import { type Client, createTestEnv, signedIn, type TestEnv } from '../../testing/harness';

let env: TestEnv;
let sup: Client;

type JointPage = {
  items: { id: string; title: string; participants: { name: string }[]; resultSummary: string[] }[];
  totals: { item: string; unit: string; count: number }[];
};
type CasePage = {
  items: { id: string; caseNo: string; enterpriseId: string; enterpriseName: string; hazards: { serial: string }[] }[];
  total: number;
  fineTotal: number;
};

async function sheetRows(body: Buffer, sheet: string): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  const ws = wb.getWorksheet(sheet)!;
  const out: string[][] = [];
  ws.eachRow((row) => {
    out.push(
      (row.values as unknown[])
        .slice(1)
        .map((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v ?? ''))),
    );
  });
  return out;
}

const url = (path: string, query: Record<string, string | number>) =>
  `${path}?${new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]))}`;

beforeAll(async () => {
  clock.set(new Date('2026-11-23T02:00:00Z'));
  env = await createTestEnv();
  sup = await signedIn(env.app, 'supervisor');
});
afterAll(async () => {
  clock.reset();
  await env?.close();
});

describe('demo enforcement rows', () => {
  it('holds the seed joint action with its departments and 打击取缔非法加油车（点）3起', async () => {
    const page = (await sup.get('/api/enforcement/joint-actions')).json() as JointPage;
    expect(page.items).toHaveLength(1);
    const names = page.items[0]!.participants.map((p) => p.name).join('、');
    for (const unit of ['应急', '商务', '公安', '交通运输']) expect(names).toContain(unit);
    expect(page.items[0]!.resultSummary).toEqual(['打击取缔非法加油车（点）3起']);
    expect(page.totals).toEqual([{ item: '打击取缔非法加油车（点）', unit: '起', count: 3 }]);
  });

  it('holds penalty cases numbered in the park series, each linked to its enterprise’s hazards', async () => {
    const page = (
      await sup.get(url('/api/enforcement/penalty-cases', { sort: 'caseNo', order: 'asc' }))
    ).json() as CasePage;
    expect(page.total).toBe(3);
    expect(page.items.map((c) => c.caseNo)).toEqual([
      '高新安监罚〔2026〕0001号',
      '高新安监罚〔2026〕0002号',
      '高新安监罚〔2026〕0003号',
    ]);
    expect(page.fineTotal).toBe(30000);
    for (const c of page.items) expect(c.hazards.length).toBeGreaterThan(0);
    // The series continues after the demo's numbers.
    const next = await sup.post('/api/enforcement/penalty-cases', {
      enterpriseId: page.items[0]!.enterpriseId,
      legalBasis: '《中华人民共和国安全生产法》有关规定',
      measures: ['warning'],
      filedOn: '2026-11-20',
    });
    expect(next.statusCode, next.body).toBe(200);
    expect((next.json() as { caseNo: string }).caseNo).toBe('高新安监罚〔2026〕0004号');
  });
});

describe('exports', () => {
  it('exports the filtered penalty cases as Excel with Chinese labels and audits the export', async () => {
    const res = await sup.get(url('/api/enforcement/penalty-cases/export', { status: 'closed' }));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(decodeURIComponent(String(res.headers['content-disposition']))).toContain('行政处罚案件_2026-11-23.xlsx');
    const rows = await sheetRows(res.rawPayload, '行政处罚案件');
    expect(rows[0]!.slice(0, 5)).toEqual(['案号', '企业', '关联隐患', '处罚依据', '处罚种类']);
    expect(rows).toHaveLength(2);
    expect(rows[1]![4]).toBe('警告、罚款');
    expect(rows[1]![5]).toBe('20000');
    expect(rows[1]![10]).toBe('已结案');
    const notes = await sheetRows(res.rawPayload, '导出说明');
    expect(notes.find((r) => r[0] === '筛选条件')![1]).toBe('案件状态：已结案');
  });

  it('exports joint actions with their results and the totals', async () => {
    const res = await sup.get('/api/enforcement/joint-actions/export');
    expect(res.statusCode, res.body).toBe(200);
    const rows = await sheetRows(res.rawPayload, '联合执法行动');
    expect(rows[0]).toEqual(['行动日期', '行动名称', '牵头单位', '参与单位', '检查对象', '成果事项', '行动成果']);
    expect(rows[1]![5]).toBe('打击取缔非法加油车（点）3起');
    const notes = await sheetRows(res.rawPayload, '导出说明');
    expect(notes.find((r) => r[0] === '合计：打击取缔非法加油车（点）')![1]).toBe('3起');
  });

  it('keeps an enterprise to its own cases and refuses joint actions it may not read', async () => {
    const ent1 = await signedIn(env.app, 'enterprise1');
    const own = await ent1.get('/api/enforcement/penalty-cases/export');
    expect(own.statusCode).toBe(200);
    const me = (await ent1.get('/api/auth/session')).json() as {
      me: { organisationName?: string; enterpriseId: string };
    };
    const all = (
      await sup.get(url('/api/enforcement/penalty-cases', { enterpriseId: me.me.enterpriseId }))
    ).json() as CasePage;
    const rows = await sheetRows(own.rawPayload, '行政处罚案件');
    expect(rows.length - 1).toBe(all.total);
    expect((await ent1.get('/api/enforcement/joint-actions/export')).statusCode).toBe(403);
  });
});

describe('units for the joint action form', () => {
  it('lists the committee, member departments and villages to whoever reads joint actions', async () => {
    const dept = await signedIn(env.app, 'department');
    const res = await dept.get('/api/enforcement/units');
    expect(res.statusCode, res.body).toBe(200);
    const units = (res.json() as { items: { name: string; kind: string }[] }).items;
    expect(units[0]!.kind).toBe('committee');
    expect(new Set(units.map((u) => u.kind))).toEqual(new Set(['committee', 'department', 'village']));
    expect(units.some((u) => u.name.includes('交通运输'))).toBe(true);
    const ent1 = await signedIn(env.app, 'enterprise1');
    expect((await ent1.get('/api/enforcement/units')).statusCode).toBe(403);
  });
});

describe('audit list', () => {
  it('names each object (case number, hazard serial, action title) instead of a UUID', async () => {
    const admin = await signedIn(env.app, 'admin');
    const cases = (
      await sup.get(url('/api/enforcement/penalty-cases', { sort: 'caseNo', order: 'desc' }))
    ).json() as CasePage;
    const latest = cases.items[0]!;
    const upd = await sup.patch(`/api/enforcement/penalty-cases/${latest.id}`, { note: '已送达' });
    expect(upd.statusCode, upd.body).toBe(200);
    const res = await admin.get(url('/api/audit', { entityType: 'penaltyCase', action: 'penaltyCase.update' }));
    expect(res.statusCode, res.body).toBe(200);
    const row = (res.json() as { items: { entityId: string; entityName: string | null }[] }).items[0]!;
    expect(row.entityId).toBe(latest.id);
    expect(row.entityName).toBe(`${latest.caseNo} ${latest.enterpriseName}`);

    const exported = (await admin.get(url('/api/audit', { action: 'export.penaltyCases' }))).json() as {
      items: { entityId: string | null; entityName: string | null }[];
    };
    expect(exported.items.length).toBeGreaterThan(0);
    expect(exported.items[0]!.entityName).toBeNull();

    const logins = (await admin.get(url('/api/audit', { action: 'auth.login', pageSize: 5 }))).json() as {
      items: { entityName: string | null }[];
    };
    expect(logins.items.some((r) => r.entityName?.includes('（supervisor）'))).toBe(true);
  });
});
