// Row and cross-row rules of the enterprise import, without a database.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { usccCheckChar } from '../../../../shared/src/uscc';
import { checkRow, findHeader, normaliseDate, type RawRow, readRows, resolveRows } from './parse';

const code = (first17: string) => first17 + usccCheckChar(first17)!;
const A = code('91320505MA1N2K3L4');
const B = code('91320505MA1P5R6T7');
const TODAY = '2025-06-30';

const row = (n: number, values: RawRow['values']): RawRow => ({
  row: n,
  values: { name: '华东精密机械有限公司', creditCode: A, siteType: '独立选址', ...values },
});

describe('findHeader / readRows', () => {
  it('finds the header below a title row, accepts marked and aliased headers, names what is missing', () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('x');
    ws.addRow(['2025 年企业名单']);
    ws.addRow(['企业名称*', ' 信用代码 ', '状态', '备注']);
    ws.addRow(['华东机械', A, '在营', '随便']);
    ws.addRow([]);
    ws.addRow([null, null, null, '只有备注']);
    ws.addRow(['恒信物流', B, '停产']);
    const h = findHeader(ws);
    expect(h.row).toBe(2);
    expect([...h.columns.keys()]).toEqual(['name', 'creditCode', 'status']);
    expect(h.missing.map((c) => c.header)).toEqual(['选址类型']);
    expect(readRows(ws, h).map((r) => [r.row, r.values.name])).toEqual([
      [3, '华东机械'],
      [6, '恒信物流'],
    ]);
  });
});

describe('checkRow', () => {
  it('maps Chinese labels and tag names back to codes', () => {
    const r = checkRow(
      row(2, {
        siteType: '租赁',
        scale: '规上',
        status: '待复工',
        supervisionTags: '粉尘涉爆、有限空间，涉氨制冷；涉氯',
        employees: '120',
        productionStartDate: '2019/5/1',
        industryCode: 'c3311',
        principalPhone: '13951234567',
      }),
      TODAY,
    );
    expect(r.errors).toEqual([]);
    expect(r.input).toMatchObject({
      siteType: 'leased',
      scale: 'aboveScale',
      status: 'pendingResumption',
      supervisionTags: ['combustibleDust', 'confinedSpace', 'ammoniaRefrigeration', 'chlorine'],
      employees: 120,
      productionStartDate: '2019-05-01',
      industryCode: 'C3311',
    });
  });

  it('names each bad cell with the shared schema message', () => {
    const r = checkRow(
      row(7, {
        creditCode: `${A.slice(0, 17)}${A[17] === '0' ? '1' : '0'}`,
        siteType: '自建',
        productionStartDate: '2023-02-30',
        supervisionTags: '危险化学品、高空抛物',
        employees: '很多',
        principalPhone: '12345',
      }),
      TODAY,
    );
    expect(r.input).toBeNull();
    expect(Object.fromEntries(r.errors.map((e) => [e.key, e.message]))).toEqual({
      creditCode: '统一社会信用代码校验位不正确，请核对',
      siteType: '选址类型应为 独立选址 或 租赁',
      productionStartDate: expect.stringContaining('真实存在的日期'),
      supervisionTags: expect.stringContaining('「高空抛物」'),
      employees: '从业人数应为整数',
      principalPhone: expect.stringContaining('电话号码格式不正确'),
    });
  });

  it('applies the registry rules: no future production date, no landlord for an own site, no example rows', () => {
    expect(checkRow(row(2, { productionStartDate: '2025-07-01' }), TODAY).errors).toEqual([
      { key: 'productionStartDate', message: '投产日期不能晚于今天' },
    ]);
    expect(checkRow(row(2, { landlordCreditCode: B }), TODAY).errors[0]!.key).toBe('landlordCreditCode');
    expect(checkRow(row(2, { siteType: '租赁', landlordCreditCode: A }), TODAY).errors[0]!.message).toBe(
      '出租方不能是企业自身',
    );
    expect(checkRow(row(2, { name: '（示例）华东精密机械有限公司' }), TODAY).errors[0]!.message).toContain('示例行');
  });

  it('normalises the usual ways of writing a date', () => {
    expect(normaliseDate('2019年5月1日')).toBe('2019-05-01');
    expect(normaliseDate('2019.05.01')).toBe('2019-05-01');
    expect(normaliseDate('20190501')).toBe('2019-05-01');
    expect(normaliseDate('五月一日')).toBe('五月一日');
  });
});

describe('resolveRows', () => {
  const landlord = checkRow(row(2, { creditCode: A }), TODAY);
  const tenant = (n: number, extra: RawRow['values'] = {}) =>
    checkRow(
      row(n, {
        name: `租户${n}有限公司`,
        creditCode: code(`91320505MA1R${String(n).padStart(4, '0')}1`),
        siteType: '租赁',
        landlordCreditCode: A,
        ...extra,
      }),
      TODAY,
    );

  it('links a tenant to a landlord earlier in the file or already in the park', () => {
    const [l, t] = resolveRows([landlord, tenant(3)], new Map(), { cascade: true });
    expect(l!.errors).toEqual([]);
    expect(t!.landlord).toEqual({ kind: 'file', row: 2 });
    const [p] = resolveRows([tenant(3)], new Map([[A, { id: 'park-id' }]]), { cascade: true });
    expect(p!.landlord).toEqual({ kind: 'park', id: 'park-id' });
  });

  it('refuses a landlord that is nowhere, or only later in the file', () => {
    const [nowhere] = resolveRows([tenant(3)], new Map(), { cascade: true });
    expect(nowhere!.errors[0]!.message).toContain('未在园区登记');
    const [later] = resolveRows([tenant(2), { ...landlord, row: 3 }], new Map(), { cascade: true });
    expect(later!.errors[0]!.message).toBe('出租方（第 3 行）须排在承租企业之前');
  });

  it('refuses a credit code given twice, naming the first row', () => {
    const again = { ...landlord, row: 9 };
    const [, dup] = resolveRows([landlord, again], new Map(), { cascade: false });
    expect(dup!.errors).toEqual([{ key: 'creditCode', message: '与第 2 行的统一社会信用代码重复' }]);
    expect(dup!.input).toBeNull();
  });

  it('cascades a bad landlord row to its tenants only when valid rows are saved alone', () => {
    const bad = checkRow(row(2, { creditCode: A, employees: '-1' }), TODAY);
    expect(bad.input).toBeNull();
    const [, cascaded] = resolveRows([bad, tenant(3)], new Map(), { cascade: true });
    expect(cascaded!.errors[0]!.message).toContain('出租方（第 2 行）有错误');
    const [, quiet] = resolveRows([bad, tenant(3)], new Map(), { cascade: false });
    expect(quiet!.errors).toEqual([]);
    // A bad landlord row that exists in the park already still gives the tenant its landlord.
    const [, linked] = resolveRows([bad, tenant(3)], new Map([[A, { id: 'park-id' }]]), { cascade: true });
    expect(linked!.landlord).toEqual({ kind: 'park', id: 'park-id' });
  });
});
