// 工作总结 in the browser: the supervisor opens it from the menu, picks the half-year, writes a paragraph and saves the
// draft (a colleague's stale save is refused), sees it in the preview with the figures' 口径, generates the Word
// document as a background job, waits for it and downloads it (a .docx with the half-year's title). The leader reads
// and downloads the generated list. Desk (1440) and phone (390×844) screenshots; the downloaded summary's first two
// pages rendered to PNG by LibreOffice and pdftoppm (reports-summary-page-1.png, -2.png).

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { docxPages } from './docx-pages';
import { apiCall, phoneContext, screenshot } from './forms';
import { choose, launchBrowser, openConsole, signIn } from './support';

const PARAGRAPH = '一是部分租赁企业安全管理力量薄弱；二是下一步将持续开展隐患排查治理“回头看”。';

describe('work summary', () => {
  let browser: Browser;
  let page: Page;
  const half = { from: '', to: '' };

  before(async () => {
    browser = await launchBrowser();
    page = await openConsole(browser);
    await signIn(page, 'supervisor');
  });
  after(() => browser.close());

  test('a paragraph is saved, the half-year generated as a job and downloaded', async () => {
    await page.getByTestId('menu-work-summary').click();
    await page.waitForURL(/\/reports/);
    await page.getByTestId('report-draft').waitFor();
    // The last complete half-year (the list offers the current one first).
    const year = new Date().getMonth() >= 6 ? new Date().getFullYear() : new Date().getFullYear() - 1;
    const label = new Date().getMonth() >= 6 ? `${year}年上半年` : `${year}年下半年`;
    await choose(page.getByTestId('report-select'), label);
    await page.waitForURL(/from=\d{4}-(01|07)-01/);
    const url = new URL(page.url());
    half.from = url.searchParams.get('from')!;
    half.to = url.searchParams.get('to')!;
    await page.getByTestId('report-title').filter({ hasText: '工作总结' }).waitFor();

    await page.getByTestId('narrative-problems').fill(PARAGRAPH);
    const saved = page.waitForResponse((r) => r.request().method() === 'PUT' && r.url().endsWith('/api/reports/draft'));
    await page.getByTestId('draft-save').click();
    assert.equal((await saved).status(), 200);
    await page.getByTestId('preview-problems').filter({ hasText: '回头看' }).waitFor();
    // The preview states figures with their 口径 (the demo park has inspections and hazards in every half-year).
    await page.getByTestId('figure-table').locator('tr.ant-table-row').first().waitFor();

    // A colleague's save from the version before is refused with a Chinese message, not written over.
    const stale = await apiCall<{ error: { code: string; message: string } }>(page, 'PUT', '/api/reports/draft', {
      kind: 'half',
      ...half,
      version: 0,
      sections: { problems: '覆盖' },
    });
    assert.equal(stale.status, 409);
    assert.equal(stale.body.error.code, 'REPORT_DRAFT_STALE');
    assert.match(stale.body.error.message, /已被他人修改/);

    await page.getByTestId('report-generate').click();
    await page.locator('[data-testid=report-progress][data-status=succeeded]').waitFor({ timeout: 90_000 });
    const row = page.getByTestId('report-row').first();
    await row.waitFor();
    await row.getByText(/SM3 [0-9a-f]{16}/).waitFor();
    await screenshot(page, 'reports-desk');

    const download = page.waitForEvent('download');
    await row.getByTestId('report-download').click();
    const file = await download;
    assert.match(file.suggestedFilename(), /年.*安全生产.*半年工作总结\.docx$/);
    const saveAs = path.join('test-output', 'screenshots', 'reports-summary.docx');
    await file.saveAs(saveAs);
    const bytes = readFileSync(saveAs);
    assert.equal(bytes.subarray(0, 2).toString(), 'PK'); // a zip: the .docx

    // The pages as a reader sees them: LibreOffice opens the file and lays out at least two A4 pages.
    const rendered = docxPages(saveAs, 'reports-summary-page');
    assert.ok(rendered.pageCount >= 2, `PDF 页数 ${rendered.pageCount}`);
    assert.equal(rendered.pngs.length, 2);
    for (const png of rendered.pngs) assert.ok(png.bytes > 20_000, `${png.file} 仅 ${png.bytes} 字节`);
  });

  test('the leader reads and downloads the summaries on a phone', async () => {
    const context = await phoneContext(browser);
    const phone = await context.newPage();
    await phone.goto('/');
    await signIn(phone, 'leader');
    await phone.goto(`/reports?kind=half&from=${half.from}&to=${half.to}`);
    await phone.getByTestId('report-row').first().waitFor();
    // Leaders do not write or generate.
    assert.equal(await phone.getByTestId('report-generate').count(), 0);
    assert.equal(await phone.getByTestId('report-draft').count(), 0);
    await screenshot(phone, 'reports-phone-leader');
    const download = phone.waitForEvent('download');
    await phone.getByTestId('report-download').first().click();
    assert.match((await download).suggestedFilename(), /\.docx$/);
    await context.close();
  });

  test('the supervisor’s page on a phone', async () => {
    const context = await phoneContext(browser);
    const phone = await context.newPage();
    await phone.goto('/');
    await signIn(phone, 'supervisor');
    await phone.goto(`/reports?kind=half&from=${half.from}&to=${half.to}`);
    await phone.getByTestId('preview-problems').waitFor();
    await phone.getByTestId('figure-card').first().waitFor();
    await screenshot(phone, 'reports-phone');
    await context.close();
  });
});
