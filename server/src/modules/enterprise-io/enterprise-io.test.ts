// Enterprise registry import and export through the real API, on PGlite or (TEST_DATABASE_URL) PostgreSQL.
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EnterpriseView } from '../../../../shared/src/enterprises';
import type { ImportResult, JobView } from '../../../../shared/src/io';
import {
  ENTERPRISE_STATUS_LABELS,
  SCALE_LABELS,
  SITE_TYPE_LABELS,
  SUPERVISION_TAG_LABELS,
} from '../../../../shared/src/labels';
import { USCC_MESSAGES } from '../../../../shared/src/uscc';
import { enterprises } from '../../db/schema';
import { clock } from '../../platform/clock';
import { rows } from '../../platform/db';
import { jobRunner } from '../../platform/jobs';
import { type Client, createTestEnv, signedIn, type TestEnv } from '../../testing/harness';
import { generateEnterprises } from '../demo/generator';
import { IMPORT_COLUMNS } from './columns';

let env: TestEnv;
let supervisor: Client;
beforeAll(async () => {
  env = await createTestEnv();
  supervisor = await signedIn(env.app, 'supervisor');
});
afterAll(async () => {
  clock.reset();
  await env?.close();
});

// ------------------------------------------------------------------------------------------------ helpers

const errorOf = (res: LightMyRequestResponse) => (res.json() as { error: { code: string; message: string } }).error;

function multipart(fields: Record<string, string>, file?: { name: string; content: Buffer }) {
  const boundary = `----parksafe${randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  }
  if (file) {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\n` +
          'Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n',
      ),
      file.content,
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

async function upload(
  c: Client,
  content: Buffer,
  fields: Record<string, string> = {},
  name = '企业导入.xlsx',
  query = '',
) {
  const body = multipart(fields, { name, content });
  return c.app.inject({
    method: 'POST',
    url: `/api/enterprises/import${query}`,
    headers: { cookie: c.cookie, 'x-csrf-token': c.csrf, 'content-type': body.contentType },
    payload: body.payload,
  });
}

async function workbookOf(buffer: Buffer | string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((typeof buffer === 'string' ? Buffer.from(buffer, 'binary') : buffer) as never);
  return wb;
}

async function waitForJob(c: Client, id: string): Promise<JobView> {
  for (let i = 0; i < 600; i++) {
    const res = await c.get(`/api/jobs/${id}`);
    expect(res.statusCode).toBe(200);
    const job = res.json() as JobView;
    if (job.status === 'succeeded' || job.status === 'failed') return job;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`job ${id} did not finish`);
}

async function exportAs(
  c: Client,
  filters: Record<string, string> = {},
): Promise<{ job: JobView; wb: ExcelJS.Workbook }> {
  const res = await c.post('/api/enterprises/export', filters);
  expect(res.statusCode).toBe(202);
  const job = await waitForJob(c, (res.json() as { job: JobView }).job.id);
  expect(job.status).toBe('succeeded');
  const file = await c.get(job.downloadUrl!);
  expect(file.statusCode).toBe(200);
  return { job, wb: await workbookOf(file.rawPayload) };
}

const parkEnterpriseCount = async () => {
  const [r] = await rows<{ n: string | number }>(env.database.db, sql`select count(*) as n from enterprises`);
  return Number(r!.n);
};
const auditCount = async (action: string) => {
  const [r] = await rows<{ n: string | number }>(
    env.database.db,
    sql`select count(*) as n from audit_log where action = ${action}`,
  );
  return Number(r!.n);
};

/** 5,000 credible rows from the demo generator (own-site landlords first, tenants naming them by credit code). */
async function generatedWorkbook(mutate?: (row: Record<string, string | number>, index: number) => void) {
  const all = [
    ...generateEnterprises({ seed: 90_517, ownSite: 600, leased: 4400, today: new Date('2025-06-30') }, 1000),
  ].flat();
  const codeOf = new Map(all.map((e) => [e.key, e.creditCode]));
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('企业档案');
  ws.addRow(IMPORT_COLUMNS.map((c) => c.header));
  all.forEach((e, i) => {
    const row: Record<string, string | number> = {
      name: e.name,
      creditCode: e.creditCode,
      siteType: SITE_TYPE_LABELS[e.siteType]!.zh,
      landlordCreditCode: e.landlordKey ? codeOf.get(e.landlordKey)! : '',
      area: e.area,
      address: e.address,
      legalRepresentative: e.legalRepresentative,
      principalName: e.principalName,
      principalPhone: e.principalPhone,
      safetyManagerName: e.safetyManagerName,
      safetyManagerPhone: e.safetyManagerPhone,
      employees: e.employees,
      industryCode: e.industryCode,
      scale: SCALE_LABELS[e.scale]!.zh,
      status: ENTERPRISE_STATUS_LABELS[e.status]!.zh,
      productionStartDate: e.productionStartDate,
      supervisionTags: e.supervisionTags.map((t) => SUPERVISION_TAG_LABELS[t]!.zh).join('、'),
    };
    mutate?.(row, i);
    ws.addRow(IMPORT_COLUMNS.map((c) => row[c.key] ?? null));
  });
  return { buffer: Buffer.from(await wb.xlsx.writeBuffer()), enterprises: all };
}

// Three bad rows, all tenants (no row names them as landlord): Excel rows 1002, 2502, 4002.
const BAD = { checkChar: 1000, date: 2500, tag: 4000 } as const;
function breakThreeRows(row: Record<string, string | number>, i: number) {
  if (i === BAD.checkChar) {
    const code = String(row.creditCode);
    row.creditCode = code.slice(0, 17) + (code[17] === '0' ? '1' : '0');
  }
  if (i === BAD.date) row.productionStartDate = '2023-02-30';
  if (i === BAD.tag) row.supervisionTags = '危险化学品、高空抛物';
}

// ------------------------------------------------------------------------------------------------ template

describe('import template', () => {
  it('gives a supervisor the .xlsx template: Chinese headers, two example rows, instructions and valid values', async () => {
    const res = await supervisor.get('/api/enterprises/import/template');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toContain(
      `filename*=UTF-8''${encodeURIComponent('企业档案导入模板.xlsx')}`,
    );
    const wb = await workbookOf(res.rawPayload);
    const ws = wb.getWorksheet('企业档案')!;
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(IMPORT_COLUMNS.map((c) => c.header));
    expect(ws.actualRowCount).toBe(3);
    expect(String(ws.getCell('A2').value)).toMatch(/^（示例）/);
    const info = wb.getWorksheet('填写说明')!;
    const text = JSON.stringify(info.getSheetValues());
    for (const v of ['独立选址', '租赁', '规上', '中小微', '在营', '待复工', '粉尘涉爆', '消防安全重点单位', '东区']) {
      expect(text).toContain(v);
    }
  });

  it('refuses the template and the import to an enterprise user', async () => {
    const e1 = await signedIn(env.app, 'enterprise1');
    expect((await e1.get('/api/enterprises/import/template')).statusCode).toBe(403);
    const { buffer } = await generatedWorkbook();
    expect((await upload(e1, buffer)).statusCode).toBe(403);
  });

  it('rejects the untouched template: the example rows must be deleted first', async () => {
    const tpl = await supervisor.get('/api/enterprises/import/template');
    const res = await upload(supervisor, tpl.rawPayload);
    expect(res.statusCode).toBe(200);
    const result = res.json() as ImportResult;
    expect(result.outcome).toBe('rejected');
    expect(result.errors.map((e) => [e.row, e.column])).toEqual([
      [2, '企业名称'],
      [3, '企业名称'],
    ]);
  });
});

// ------------------------------------------------------------------------------------------------ import

describe('import of 5,000 rows with 3 bad ones', () => {
  let file: Buffer;
  let before: number;
  beforeAll(async () => {
    file = (await generatedWorkbook(breakThreeRows)).buffer;
    before = await parkEnterpriseCount();
  });

  it('allOrNothing: saves nothing and names exactly the 3 rows and columns', async () => {
    const res = await upload(supervisor, file, { mode: 'allOrNothing' });
    expect(res.statusCode).toBe(200);
    const result = res.json() as ImportResult;
    expect(result).toMatchObject({ outcome: 'rejected', rows: 5000, validRows: 4997, invalidRows: 3, created: 0 });
    expect(result.errors).toEqual([
      { row: BAD.checkChar + 2, column: '统一社会信用代码', message: USCC_MESSAGES.checksum },
      { row: BAD.date + 2, column: '投产日期', message: expect.stringContaining('真实存在的日期') },
      { row: BAD.tag + 2, column: '重点监管标签', message: expect.stringContaining('高空抛物') },
    ]);
    expect(await parkEnterpriseCount()).toBe(before);
    expect(await auditCount('enterprise.import')).toBe(0);

    // The error workbook: the file's rows in place, bad cells marked, and 错误说明.
    expect(result.errorReportUrl).toBe(`/api/jobs/${result.jobId}/download`);
    const report = await supervisor.get(result.errorReportUrl!);
    expect(report.statusCode).toBe(200);
    expect(report.headers['content-disposition']).toContain(encodeURIComponent('企业导入_错误报告.xlsx'));
    const ws = (await workbookOf(report.rawPayload)).worksheets[0]!;
    const noteCol = IMPORT_COLUMNS.length + 1;
    expect(ws.getRow(1).getCell(noteCol).value).toBe('错误说明');
    expect(ws.rowCount).toBe(5001);
    const dateCol = IMPORT_COLUMNS.findIndex((c) => c.key === 'productionStartDate') + 1;
    const bad = ws.getRow(BAD.date + 2);
    expect(bad.getCell(dateCol).value).toBe('2023-02-30');
    expect(String(bad.getCell(noteCol).value)).toMatch(/^投产日期：/);
    expect((bad.getCell(dateCol).fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFFFC7CE');
    expect(ws.getRow(BAD.date + 3).getCell(noteCol).value ?? null).toBeNull();
  });

  it('validRows: saves the 4,997 good rows in seconds, each with its audit row', async () => {
    const started = Date.now();
    const res = await upload(supervisor, file, { mode: 'validRows' });
    const elapsed = Date.now() - started;
    expect(res.statusCode).toBe(200);
    const result = res.json() as ImportResult;
    expect(result).toMatchObject({ outcome: 'saved', created: 4997, updated: 0, invalidRows: 3, errorCount: 3 });
    expect(await parkEnterpriseCount()).toBe(before + 4997);
    expect(await auditCount('enterprise.import')).toBe(4997);
    console.log(`[test] 5,000-row import (validRows) took ${elapsed} ms on ${env.database.kind}`);
    expect(elapsed).toBeLessThan(30_000);

    // Tenants point at the landlords of the same file.
    const [linked] = await rows<{ n: string | number }>(
      env.database.db,
      sql`select count(*) as n from enterprises t join enterprises l on l.id = t.landlord_enterprise_id
           where t.site_type = 'leased' and l.site_type = 'ownSite' and l.park_id = t.park_id`,
    );
    expect(Number(linked!.n)).toBeGreaterThan(4300);
  });

  it('importing again creates no duplicates: skip leaves them, update finds nothing changed', async () => {
    const skip = (await upload(supervisor, file, { mode: 'validRows', onExisting: 'skip' })).json() as ImportResult;
    expect(skip).toMatchObject({ outcome: 'saved', created: 0, skipped: 4997, updated: 0 });
    const update = (await upload(supervisor, file, { mode: 'validRows', onExisting: 'update' })).json() as ImportResult;
    expect(update).toMatchObject({ outcome: 'saved', created: 0, updated: 0, unchanged: 4997 });
    expect(await parkEnterpriseCount()).toBe(before + 4997);
    expect(await auditCount('enterprise.import')).toBe(4997);
  });

  it('update mode writes what changed, bumps the row version and audits before/after', async () => {
    const { buffer, enterprises: list } = await generatedWorkbook((row, i) => {
      breakThreeRows(row, i);
      if (i === 10) row.address = '东区改建路 1 号';
      if (i === 11) row.status = '停产';
    });
    const res = await upload(supervisor, buffer, { mode: 'validRows', onExisting: 'update' });
    expect(res.json()).toMatchObject({ created: 0, updated: 2, unchanged: 4995 });
    const [changed] = await env.database.db
      .select()
      .from(enterprises)
      .where(sql`${enterprises.creditCode} = ${list[10]!.creditCode}`);
    expect(changed).toMatchObject({ address: '东区改建路 1 号', rowVersion: 2 });
    const [audit] = await rows<{ before: unknown; after: unknown }>(
      env.database.db,
      sql`select before, after from audit_log where action = 'enterprise.import' and entity_id = ${changed!.id}
           order by seq desc limit 1`,
    );
    const parse = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v);
    expect(parse(audit!.after)).toEqual({ address: '东区改建路 1 号' });
    expect(parse(audit!.before)).toEqual({ address: list[10]!.address });
  });

  it('dryRun checks and counts without saving', async () => {
    // The plain generated file, one address changed: rows 12 and 13 (changed above) would be set back, 22 changed.
    const { buffer } = await generatedWorkbook((row, i) => {
      if (i === 20) row.address = '另一个地址';
    });
    const result = (await upload(supervisor, buffer, { onExisting: 'update', dryRun: 'true' })).json() as ImportResult;
    expect(result).toMatchObject({ outcome: 'dryRun', updated: 3, created: 3, unchanged: 4994 });
    const again = (await upload(supervisor, buffer, { onExisting: 'update', dryRun: 'true' })).json() as ImportResult;
    expect(again).toMatchObject({ updated: 3, created: 3 });
  });

  it('leaves an audit chain that verifies', async () => {
    const { verifyAuditChains } = await import('../../platform/audit');
    const verified = await verifyAuditChains(env.database.db);
    expect(verified).toMatchObject({ ok: true, firstBroken: null });
    expect(verified.checked).toBeGreaterThan(4997);
  });

  it('answers 202 with the job when asked not to wait; the job then carries progress and the result', async () => {
    const res = await upload(supervisor, file, { mode: 'validRows', onExisting: 'skip' }, 'x.xlsx', '?wait=0');
    expect(res.statusCode).toBe(202);
    const { job } = res.json() as { job: JobView };
    expect(job).toMatchObject({ kind: 'enterprises.import', status: 'running', total: 5000 });
    const done = await waitForJob(supervisor, job.id);
    expect(done.status).toBe('succeeded');
    expect(done.result).toMatchObject({ outcome: 'saved', skipped: 4997, created: 0, jobId: job.id });
    expect(done.downloadUrl).toBe(`/api/jobs/${job.id}/download`);
  });

  it('shows the import job with its counts', async () => {
    const jobs = (await supervisor.get('/api/jobs')).json() as { items: JobView[] };
    const imports = jobs.items.filter((j) => j.kind === 'enterprises.import');
    expect(imports.length).toBeGreaterThanOrEqual(4);
    expect(imports.every((j) => j.status === 'succeeded')).toBe(true);
    expect(imports[0]!.result).toMatchObject({ rows: 5000 });
  });
});

describe('file checks', () => {
  it('answers 413 with a Chinese message to a 20 MB upload', async () => {
    const res = await upload(supervisor, randomBytes(20 * 1024 * 1024));
    expect(res.statusCode).toBe(413);
    expect(errorOf(res).code).toBe('IMPORT_FILE_TOO_LARGE');
    expect(errorOf(res).message).toContain('10 MB');
  });

  it('answers 400 IMPORT_NOT_XLSX to a text file named .xlsx, and to a zip that is no workbook', async () => {
    const text = await upload(supervisor, Buffer.from('企业名称,统一社会信用代码\n某公司,123\n'), {}, 'list.xlsx');
    expect(text.statusCode).toBe(400);
    expect(errorOf(text).code).toBe('IMPORT_NOT_XLSX');
    expect(errorOf(text).message).toContain('.xlsx');
    const exe = await upload(supervisor, Buffer.concat([Buffer.from('MZ'), randomBytes(4000)]), {}, 'setup.xlsx');
    expect(errorOf(exe).code).toBe('IMPORT_NOT_XLSX');
    // A real zip, but not a workbook: an empty central directory.
    const emptyZip = Buffer.from([0x50, 0x4b, 0x05, 0x06, ...new Array(18).fill(0)]);
    expect(errorOf(await upload(supervisor, emptyZip)).code).toBe('IMPORT_NOT_XLSX');
  });

  it('names the required headers a file lacks', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Sheet1').addRow(['企业名称', '地址']);
    wb.getWorksheet('Sheet1')!.addRow(['某某机械有限公司', '东区']);
    const res = await upload(supervisor, Buffer.from(await wb.xlsx.writeBuffer()));
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).code).toBe('IMPORT_HEADERS_MISSING');
    expect(errorOf(res).message).toContain('统一社会信用代码');
    expect(errorOf(res).message).toContain('选址类型');
    expect(errorOf(res).message).not.toContain('企业名称');
  });

  it('validates the form fields', async () => {
    const { buffer } = await generatedWorkbook();
    const res = await upload(supervisor, buffer, { mode: 'everything' });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).message).toContain('导入方式');
  });
});

// ------------------------------------------------------------------------------------------------ export

describe('export', () => {
  it('gives enterprise1 only its own row', async () => {
    const e1 = await signedIn(env.app, 'enterprise1');
    const own = (await e1.get('/api/enterprises')).json() as { items: EnterpriseView[] };
    expect(own.items).toHaveLength(1);
    const { job, wb } = await exportAs(e1);
    expect(job.result).toEqual({ rows: 1 });
    const ws = wb.getWorksheet('企业档案')!;
    expect(ws.actualRowCount).toBe(2);
    expect(ws.getRow(2).getCell(2).value).toBe(own.items[0]!.creditCode);
    expect(JSON.stringify(wb.getWorksheet('导出说明')!.getSheetValues())).toContain('本企业');
  });

  it('exports the filtered list with Chinese headers and labels, and audits filters and row count', async () => {
    const list = (await supervisor.get('/api/enterprises?area=东区&tag=combustibleDust&pageSize=1')).json() as {
      total: number;
    };
    expect(list.total).toBeGreaterThan(0);
    const { job, wb } = await exportAs(supervisor, { area: '东区', tag: 'combustibleDust' });
    expect(job.resultName).toMatch(/^企业档案_\d{8}-\d{4}\.xlsx$/);
    const ws = wb.getWorksheet('企业档案')!;
    expect(ws.actualRowCount).toBe(list.total + 1);
    const headers = (ws.getRow(1).values as unknown[]).slice(1);
    expect(headers.slice(0, 3)).toEqual(['企业名称', '统一社会信用代码', '选址类型']);
    const tagsCol = headers.indexOf('重点监管标签') + 1;
    const areaCol = headers.indexOf('所在片区') + 1;
    for (let r = 2; r <= ws.rowCount; r++) {
      expect(String(ws.getRow(r).getCell(tagsCol).value)).toContain('粉尘涉爆');
      expect(ws.getRow(r).getCell(areaCol).value).toBe('东区');
    }
    const [audit] = await rows<{ after: unknown }>(
      env.database.db,
      sql`select after from audit_log where action = 'export.enterprises' order by seq desc limit 1`,
    );
    const after = typeof audit!.after === 'string' ? JSON.parse(audit!.after) : audit!.after;
    expect(after).toMatchObject({ filters: { area: '东区', tag: 'combustibleDust' }, rows: list.total });
  });

  it('writes a file the import reads back unchanged (export → edit → import round trip)', async () => {
    const { job, wb } = await exportAs(supervisor);
    const total = (job.result as { rows: number }).rows;
    expect(total).toBe(await parkEnterpriseCount());
    const ws = wb.getWorksheet('企业档案')!;
    const dateCol = (ws.getRow(1).values as unknown[]).indexOf('投产日期');
    expect(ws.getRow(2).getCell(dateCol).value).toBeInstanceOf(Date);
    const again = await upload(supervisor, Buffer.from(await wb.xlsx.writeBuffer()), { onExisting: 'update' });
    expect(again.json()).toMatchObject({ outcome: 'saved', rows: total, created: 0, updated: 0, unchanged: total });
  });

  it('neutralises cells that a spreadsheet would run as formulas', async () => {
    const [target] = await env.database.db.select().from(enterprises).limit(1);
    await env.database.db
      .update(enterprises)
      .set({
        name: '=HYPERLINK("http://evil.example","点我")',
        address: '+1+2',
        legalRepresentative: '@SUM(A1)',
        principalName: '-3',
        safetyManagerName: '\t=1',
      })
      .where(sql`${enterprises.id} = ${target!.id}`);
    const { wb } = await exportAs(supervisor, { q: 'HYPERLINK' });
    const ws = wb.getWorksheet('企业档案')!;
    expect(ws.actualRowCount).toBe(2);
    const row = ws.getRow(2);
    const values: unknown[] = [];
    row.eachCell((cell) => {
      expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
      values.push(cell.value);
    });
    expect(values).toContain('\'=HYPERLINK("http://evil.example","点我")');
    expect(values).toContain("'+1+2");
    expect(values).toContain("'@SUM(A1)");
    expect(values).toContain("'-3");
    expect(values).toContain("'\t=1");
    for (const v of values) if (typeof v === 'string') expect(v).not.toMatch(/^[=+\-@\t\r]/);
  });

  it('lets only the creator see or download a job', async () => {
    const { job } = await exportAs(supervisor, { status: 'operating' });
    const leader = await signedIn(env.app, 'leader');
    expect((await leader.get(`/api/jobs/${job.id}`)).statusCode).toBe(404);
    const refused = await leader.get(`/api/jobs/${job.id}/download`);
    expect(refused.statusCode).toBe(404);
    expect(refused.headers['content-disposition']).toBeUndefined();
    const e1 = await signedIn(env.app, 'enterprise1');
    expect((await e1.get(`/api/jobs/${job.id}/download`)).statusCode).toBe(404);
    expect(((await leader.get('/api/jobs')).json() as { items: JobView[] }).items.map((j) => j.id)).not.toContain(
      job.id,
    );
    const mine = await supervisor.get(`/api/jobs/${job.id}/download`);
    expect(mine.statusCode).toBe(200);
    expect(mine.headers['content-disposition']).toMatch(
      /^attachment; filename="download\.xlsx"; filename\*=UTF-8''%E4%BC%81/,
    );
  });

  it('removes jobs and their files 7 days after they finished', async () => {
    const { job } = await exportAs(supervisor, { scale: 'aboveScale' });
    const runner = jobRunner(env);
    try {
      // Sessions follow the clock too: sign in again after each jump.
      clock.advance(6 * 24 * 3600_000);
      await runner.cleanup();
      expect((await (await signedIn(env.app, 'supervisor')).get(job.downloadUrl!)).statusCode).toBe(200);
      clock.advance(2 * 24 * 3600_000);
      expect(await runner.cleanup()).toBeGreaterThan(0);
      const later = await signedIn(env.app, 'supervisor');
      expect((await later.get(`/api/jobs/${job.id}`)).statusCode).toBe(404);
      expect((await later.get(job.downloadUrl!)).statusCode).toBe(404);
    } finally {
      clock.reset();
    }
  });
});
