// 消防第三方服务 in the browser: the supervisor records a visit with two findings under this year's contract (set up
// through the API), sees them as fire hazards on the visit; the analysis page shows the top problems (the demo's 2023
// contract too, with its charts), and a count opens the hazards behind it in the ledger — as many rows as the figure.
// The contract's amount is in the special-funds ledger (its drawer lists it; the ledger's link opens the contract).
// The scanned contract is attached in the contract form and listed in its drawer for the committee; an inspector reads
// the contract without its amount and without the scan. On a 390×844 phone the visit form and the analysis are looked
// at.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { Analysis, ContractView, VisitDetail } from '../shared/src/fire-service';
import { apiCall, choose, drawerShot, parkDay, phoneContext, pickDate, screenshot, search, upload } from './forms';
import { launchBrowser, openConsole, signIn } from './support';

describe('third-party fire service', () => {
  let browser: Browser;
  let page: Page;
  let contract: ContractView;
  let enterpriseName = '';

  before(async () => {
    browser = await launchBrowser();
    page = await openConsole(browser);
    await signIn(page, 'supervisor');
    const providers = await apiCall<{ items: { id: string }[] }>(page, 'GET', '/api/providers?kind=fireService');
    const enterprises = await apiCall<{ items: { id: string; name: string }[] }>(
      page,
      'GET',
      '/api/enterprises?pageSize=1&sort=name',
    );
    enterpriseName = enterprises.body.items[0]!.name;
    const year = parkDay(0).slice(0, 4);
    const created = await apiCall<ContractView>(page, 'POST', '/api/fire-service/contracts', {
      title: `${year}年度消防安全技术服务（浏览器测试）`,
      providerId: providers.body.items[0]!.id,
      startsOn: `${year}-01-01`,
      endsOn: `${year}-12-31`,
      amount: 120000,
      content: '对园区企业开展消防安全指导检查',
      coversAll: true,
      // The demo provider's qualification lapsed: the warning is confirmed.
      confirmWarnings: true,
    });
    assert.equal(created.status, 200, JSON.stringify(created.body));
    contract = created.body;
  });
  after(() => browser.close());

  test('a visit with two findings is recorded; they are fire hazards of the enterprise', async () => {
    await page.goto('/fire-service/visits');
    await page.getByTestId('fire-visits-table').waitFor();
    await page.getByTestId('fire-visit-create').click();
    const form = page.getByTestId('fire-visit-form');
    await form.waitFor();
    await choose(page.getByTestId('fire-visit-contract'), contract.title);
    await search(page.getByTestId('fire-visit-enterprise'), enterpriseName);
    const staff = page.getByTestId('fire-visit-staff').locator('input');
    await staff.fill('陈立新');
    await staff.press('Enter');
    await form.getByPlaceholder('检查消防设施器材、疏散通道、用电安全等').fill('检查消防设施器材、疏散通道和用电安全');
    const findings = [
      ['安全疏散', '二层疏散通道堆放纸箱，通道宽度不足'],
      ['消防设施器材', '一号仓库灭火器压力不足'],
    ] as const;
    for (const [i, [problem, description]] of findings.entries()) {
      await page.getByTestId('fire-finding-add').click();
      await choose(page.getByTestId(`fire-finding-problem-${i}`), problem);
      await page.getByTestId(`fire-finding-description-${i}`).fill(description);
      await pickDate(page.getByTestId(`fire-finding-deadline-${i}`), parkDay(10));
    }
    await screenshot(page, 'fire-visit-form', false);
    const posted = () =>
      page.waitForResponse((r) => r.url().endsWith('/api/fire-service/visits') && r.request().method() === 'POST');
    const warned = posted();
    await page.getByTestId('fire-visit-save').click();
    // The demo provider's qualification lapsed in 2025: a warning the recorder confirms, not silence.
    assert.equal((await warned).status(), 409);
    const modal = page.locator('.ant-modal-confirm');
    await modal.getByText('资质有效期至 2025-06-30', { exact: false }).waitFor();
    await screenshot(page, 'fire-visit-warning', false);
    const saved = posted();
    await modal.getByRole('button', { name: '确认并保存' }).click();
    const response = await saved;
    assert.equal(response.status(), 200, await response.text());
    const visit = (await response.json()) as VisitDetail;
    assert.equal(visit.findings, 2);
    await page.getByTestId('fire-visit-detail').waitFor();
    assert.equal(await page.getByTestId('fire-visit-finding').count(), 2);
    const hazard = await apiCall<{ domain: string }>(page, 'GET', `/api/hazards/${visit.items[0]!.hazardId}`);
    assert.equal(hazard.body.domain, 'fire');
    await screenshot(page, 'fire-visit-detail', false);
  });

  test('the analysis shows the top problems and a count opens as many hazards in the ledger', async () => {
    await page.goto(`/fire-service/analysis?contractId=${contract.id}`);
    const table = page.getByTestId('fire-analysis-problems');
    await table.waitFor();
    const rows = table.locator('tbody tr.ant-table-row');
    assert.equal(await rows.count(), 2);
    const a = await apiCall<Analysis>(page, 'GET', `/api/fire-service/analysis?contractId=${contract.id}`);
    assert.deepEqual(a.body.problems.map((p) => p.problem).sort(), ['evacuation', 'facilities']);

    // The demo's 2023 contract: a year of visits, common problems and repeats.
    const demo = await apiCall<{ items: ContractView[] }>(page, 'GET', '/api/fire-service/contracts?q=2023');
    const demoId = demo.body.items[0]!.id;
    await page.goto(`/fire-service/analysis?contractId=${demoId}`);
    await table.waitFor();
    await page.getByTestId('fire-analysis-repeats').waitFor();
    await screenshot(page, 'fire-analysis');
    const top = (await apiCall<Analysis>(page, 'GET', `/api/fire-service/analysis?contractId=${demoId}`)).body
      .problems[0]!;
    const link = page.getByTestId(`fire-problem-count-${top.problem}`);
    assert.equal(Number(await link.textContent()), top.findings);
    await link.click();
    await page.getByTestId('hazard-linked-filters').waitFor();
    await page.waitForURL(/\/hazards\?/);
    const ledger = await apiCall<{ total: number }>(
      page,
      'GET',
      `/api/hazards${new URL(page.url()).search}&pageSize=1`,
    );
    assert.equal(ledger.body.total, top.findings);
    await page.getByTestId('hazard-table').waitFor();
    await page.getByText(`共 ${top.findings} 条`).first().waitFor();
    await screenshot(page, 'fire-analysis-ledger', false);
  });

  test("the contract's amount is in the special-funds ledger, whose link opens the contract", async () => {
    await page.goto(`/fire-service/contracts?contract=${contract.id}`);
    await page.getByTestId('fire-contract-detail').waitFor();
    const payments = page.getByTestId('subject-payments');
    await payments.getByTestId('subject-payment').getByText('120,000.00 元').waitFor();
    // Recorded from the contract itself: nothing to 登记 by hand.
    assert.equal(await payments.getByTestId('subject-pay').count(), 0);
    await drawerShot(page, 'fire-contract-funds', 'subject-payments');
    await payments.getByTestId('subject-payment').getByRole('link').click();
    await page.getByTestId('fund-detail').waitFor();
    await page.getByTestId('fund-detail').getByText('购买服务').waitFor();
    await drawerShot(page, 'fire-contract-fund-entry');
    await page.getByTestId('fund-detail').getByTestId('fund-subject-link').click();
    await page.waitForURL(/\/fire-service\/contracts\?contract=/);
    await page.getByTestId('fire-contract-detail').waitFor();
  });

  test('the scanned contract is attached and listed for the committee; an inspector sees neither it nor the amount', async () => {
    const pdf = Buffer.from(
      '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
        '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
    );
    await page.goto(`/fire-service/contracts?contract=${contract.id}`);
    await page.getByTestId('fire-contract-detail').getByText('无附件').waitFor();
    await page
      .getByTestId('fire-contract-detail')
      .getByRole('button', { name: /修改合同/ })
      .click();
    await upload(page.getByTestId('fire-contract-upload'), [
      { name: '服务合同扫描件.pdf', mimeType: 'application/pdf', buffer: pdf },
    ]);
    await page.getByTestId('fire-contract-save').click();
    // The demo provider's qualification lapsed: the form asks once more before saving.
    await page.getByRole('button', { name: '确认并保存' }).click();
    const files = page.getByTestId('fire-contract-files');
    await files.getByText('服务合同扫描件.pdf').waitFor();
    await drawerShot(page, 'fire-contract-files');
    const saved = await apiCall<ContractView>(page, 'GET', `/api/fire-service/contracts/${contract.id}`);
    assert.equal(saved.body.files.length, 1);
    const fileId = saved.body.files[0]!.id;
    assert.equal((await page.request.get(`/api/files/${fileId}`)).status(), 200);

    const inspector = await openConsole(browser);
    await signIn(inspector, 'inspector');
    await inspector.goto(`/fire-service/contracts?contract=${contract.id}`);
    await inspector.getByTestId('fire-contract-detail').waitFor();
    assert.equal(await inspector.getByTestId('fire-contract-files').count(), 0);
    const seen = await apiCall<ContractView>(inspector, 'GET', `/api/fire-service/contracts/${contract.id}`);
    assert.equal(seen.body.amount, null);
    assert.deepEqual(seen.body.files, []);
    assert.equal((await inspector.request.get(`/api/files/${fileId}`)).status(), 404);
    await inspector.context().close();
  });

  test('on a phone: the ledger, the visit form and the analysis', async () => {
    const context = await phoneContext(browser);
    const phone = await context.newPage();
    await phone.goto('/');
    await signIn(phone, 'supervisor');
    await phone.goto('/fire-service/visits');
    await phone.getByTestId('fire-visits-cards').waitFor();
    await screenshot(phone, 'fire-visits-phone', false);
    await phone.getByTestId('fire-visit-create').click();
    await phone.getByTestId('fire-visit-form').waitFor();
    await phone.getByTestId('fire-finding-add').click();
    await screenshot(phone, 'fire-visit-form-phone', false);
    await phone.goto('/fire-service/analysis');
    await phone.getByTestId('fire-analysis-problems').waitFor();
    await screenshot(phone, 'fire-analysis-phone');
    await context.close();
  });
});
