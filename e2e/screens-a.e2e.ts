// Issue 10 items 1, 11, 12, 13, 18 in the browser, at 1440 px and on a phone (390×844):
// - 整改率 reads as the percentage the server sends (the column read 1860 % … 9860 %, the detail 6,670 %);
// - a campaign shows its types (汛期 + 高温), team, joint departments and targets; it is edited, closed, cancelled;
// - 检查记录 filters by campaign and the ledger keeps its filters and page in the address across a reload;
// - the ledger offers the added columns; the enterprise record has 隐患 and 检查记录 tabs with its figures on top.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { apiCall, closeDrawer, drawerShot, phoneContext, screenshot } from './forms';
import { launchBrowser, openConsole, signIn } from './support';

interface Campaign {
  id: string;
  name: string;
  status: string;
  progress: { rectificationRate: number };
}

const stamp = String(Date.now() % 100000);

/** A rate as shown: one decimal and a percent sign, never above 100 %. */
function assertRate(text: string) {
  const m = /^(\d{1,3}\.\d)%$/.exec(text.trim());
  assert.ok(m, `a rate reads like 66.7%, got "${text}"`);
  assert.ok(Number(m[1]) <= 100, `a rate is at most 100%, got ${text}`);
}

describe('campaigns, ledger and the enterprise record (issue 10 items 1, 11, 12, 13, 18)', () => {
  let browser: Browser;
  let page: Page;
  let summer: Campaign;

  before(async () => {
    browser = await launchBrowser();
    page = await openConsole(browser);
    await signIn(page, 'supervisor');
    const list = await apiCall<{ items: Campaign[] }>(page, 'GET', '/api/campaigns?q=汛期和高温');
    summer = list.body.items[0]!;
  });
  after(() => browser.close());

  test('整改率 is shown as the percentage the server sends, in the list and in the detail', async () => {
    await page.goto('/campaigns');
    const rates = page.locator('[data-testid=campaign-table] [data-testid=campaign-rate]');
    await rates.first().waitFor();
    const texts = await rates.allTextContents();
    assert.ok(texts.length >= 4, `the demo campaigns are listed, got ${texts.length}`);
    texts.forEach(assertRate);
    // The summer campaign's rate is the server's percentage with one decimal, not ×100.
    const row = page.locator('[data-testid=campaign-table] tr.ant-table-row').filter({ hasText: summer.name });
    assert.equal(
      (await row.getByTestId('campaign-rate').textContent())?.trim(),
      `${summer.progress.rectificationRate.toFixed(1)}%`,
    );
    await screenshot(page, 'screens-a-campaigns', false);

    await row.click();
    const detail = page.getByTestId('campaign-detail');
    await detail.waitFor();
    assertRate((await detail.getByTestId('campaign-detail-rate').textContent()) ?? '');
    // Item 11: both types, closed (its period is over), the team, the joint departments and the targets shown back.
    const info = detail.getByTestId('campaign-info');
    await info.getByText('汛期安全生产大检查 + 高温期间安全生产检查').waitFor();
    await detail.getByTestId('campaign-status').filter({ hasText: '已结束' }).waitFor();
    assert.match((await detail.getByTestId('campaign-team-names').textContent()) ?? '', /\S/);
    assert.notEqual((await detail.getByTestId('campaign-team-names').textContent())?.trim(), '—');
    assert.match((await detail.getByTestId('campaign-joint-names').textContent()) ?? '', /市场监管|执法/);
    await detail
      .getByTestId('campaign-targets')
      .getByText(/指定企业 \d+ 家/)
      .waitFor();
    // A closed campaign offers no edit.
    assert.equal(await detail.getByTestId('campaign-actions').count(), 0);
    await drawerShot(page, 'screens-a-campaign-detail');
    await closeDrawer(page);
  });

  test('a campaign with two types is edited, closed; another is cancelled with a reason', async () => {
    const ents = await apiCall<{ items: { id: string; name: string }[] }>(page, 'GET', '/api/enterprises?pageSize=2');
    const made = await apiCall<Campaign>(page, 'POST', '/api/campaigns', {
      name: `汛期和高温联合检查${stamp}`,
      campaignTypes: ['floodSeason', 'highTemperature'],
      startsOn: '2026-01-01',
      endsOn: '2026-12-31',
      target: { tags: ['combustibleDust'], enterpriseIds: [ents.body.items[0]!.id] },
    });
    assert.equal(made.status, 200, JSON.stringify(made.body));
    await page.goto(`/campaigns?campaign=${made.body.id}`);
    const detail = page.getByTestId('campaign-detail');
    await detail.waitFor();
    await detail.getByTestId('campaign-targets').getByText('粉尘涉爆').waitFor();
    await detail.getByTestId('campaign-targets').getByText(ents.body.items[0]!.name).waitFor();

    // Edit: the form opens with what was saved; the new name is saved and audited.
    await detail.getByTestId('campaign-edit').click();
    const form = page.getByTestId('campaign-form');
    await form.waitFor();
    await form.locator('.ant-select-selection-item').filter({ hasText: '高温期间安全生产检查' }).waitFor();
    await page.getByTestId('campaign-name').fill(`汛期和高温联合检查（调整）${stamp}`);
    await drawerShot(page, 'screens-a-campaign-edit');
    const saved = page.waitForResponse(
      (r) => r.url().includes(`/api/campaigns/${made.body.id}`) && r.request().method() === 'PATCH',
    );
    await page.getByTestId('campaign-submit').click();
    assert.equal((await saved).status(), 200);
    await page
      .locator('.ant-drawer-title')
      .filter({ hasText: `汛期和高温联合检查（调整）${stamp}` })
      .waitFor();

    // Close: confirmed, then the campaign says so and offers no more edits.
    await detail.getByTestId('campaign-close').click();
    await page.getByTestId('campaign-close-ok').click();
    await detail.getByTestId('campaign-status').filter({ hasText: '已结束' }).waitFor();
    await detail.getByTestId('campaign-actions').waitFor({ state: 'detached' });
    assert.equal(await detail.getByTestId('campaign-edit-checklists').count(), 0);
    await closeDrawer(page);

    // Cancel another: the reason is required (in Chinese), then shown.
    const other = await apiCall<Campaign>(page, 'POST', '/api/campaigns', {
      name: `待取消的检查行动${stamp}`,
      campaignTypes: ['other'],
      startsOn: '2026-01-01',
      endsOn: '2026-12-31',
      target: { enterpriseIds: [ents.body.items[1]!.id] },
    });
    await page.goto(`/campaigns?campaign=${other.body.id}`);
    await detail.waitFor();
    await detail.getByTestId('campaign-cancel').click();
    await page.getByTestId('campaign-cancel-ok').click();
    await page.getByText('请填写取消原因').waitFor();
    await page.getByTestId('campaign-cancel-reason').fill('与市级专项行动合并开展');
    await page.getByTestId('campaign-cancel-ok').click();
    await detail.getByTestId('campaign-cancel-text').filter({ hasText: '与市级专项行动合并开展' }).waitFor();
    await detail.getByTestId('campaign-status').filter({ hasText: '已取消' }).waitFor();
    await drawerShot(page, 'screens-a-campaign-cancelled');
    await closeDrawer(page);
  });

  test('检查记录 filters by campaign; the ledger keeps filters and page across a reload and offers the new columns', async () => {
    await page.goto(`/inspections?campaignId=${summer.id}`);
    const rows = page.locator('[data-testid=inspection-table] tr.ant-table-row');
    await rows.first().waitFor();
    for (const text of await rows.allTextContents()) assert.ok(text.includes(summer.name), text);
    // The filter names the campaign the address chose.
    await page.getByTestId('inspection-campaign-filter').filter({ hasText: summer.name }).waitFor();
    await screenshot(page, 'screens-a-inspections-by-campaign', false);

    // The ledger: a filter and page 2 in the address survive a reload.
    await page.goto('/hazards?grade=general&page=2');
    const current = page.locator('.ant-pagination-item-active');
    await current.filter({ hasText: '2' }).waitFor();
    await page.reload();
    await current.filter({ hasText: '2' }).waitFor();
    await page.getByTestId('filter-grade').filter({ hasText: '一般' }).waitFor();
    // Paging on puts the page in the address.
    await page.locator('.ant-pagination-item-3').click();
    await page.waitForURL(/page=3/);
    assert.match(page.url(), /grade=general/);

    // The added columns, chosen once, show in the table.
    await page.getByTestId('hazard-column-settings').click();
    const chooser = page.getByTestId('hazard-column-chooser');
    for (const label of ['整改责任人', '检查行动', '片区', '排查类型', '复查人', '复查日期']) {
      await chooser.getByText(label, { exact: true }).click();
    }
    // Closed by a click elsewhere; the table scrolled to its right end shows the added columns in the shot.
    await page.getByTestId('hazard-column-settings').click();
    await chooser.waitFor({ state: 'hidden' });
    const header = page.locator('[data-testid=hazard-table] thead');
    for (const label of ['整改责任人', '检查行动', '片区', '排查类型', '复查人', '复查日期']) {
      await header.getByText(label, { exact: true }).waitFor();
    }
    await page.locator('.ant-table-content').evaluate((e) => {
      e.scrollLeft = e.scrollWidth;
    });
    await screenshot(page, 'screens-a-ledger-columns', false);
  });

  test('the enterprise record has 隐患 and 检查记录 tabs with its open, overdue and major figures on top', async () => {
    const late = await apiCall<{ items: { enterpriseId: string; enterpriseName: string }[] }>(
      page,
      'GET',
      '/api/hazards?overdue=true&pageSize=1',
    );
    const enterprise = late.body.items[0]!;
    await page.goto(`/enterprises/${enterprise.enterpriseId}`);
    const figures = page.getByTestId('record-hazard-figures');
    await figures
      .getByTestId('record-figure-overdue')
      .filter({ hasText: /\d+ 处/ })
      .waitFor();
    const counts = await apiCall<{ overdue: number }>(
      page,
      'GET',
      `/api/hazards/counts?enterpriseId=${enterprise.enterpriseId}`,
    );
    assert.match(
      (await figures.getByTestId('record-figure-overdue').textContent()) ?? '',
      new RegExp(`${counts.body.overdue} 处`),
    );
    // The overdue figure opens the 隐患 tab narrowed to 整改逾期: every row is past its deadline.
    await figures.getByTestId('record-figure-overdue').click();
    const hazards = page.locator('[data-testid=record-hazard-table] tr.ant-table-row');
    await hazards.first().waitFor();
    assert.equal(await hazards.count(), Math.min(counts.body.overdue, 20));
    assert.equal((await page.locator('[data-testid=record-hazard-table] .ant-typography-danger').count()) > 0, true);
    await screenshot(page, 'screens-a-record-hazards', false);
    // A row opens the hazard.
    await hazards.first().click();
    await page.getByTestId('hazard-detail').waitFor();
    await closeDrawer(page);

    await page.getByRole('tab', { name: '检查记录' }).click();
    const inspections = page.locator('[data-testid=record-inspection-table] tr.ant-table-row');
    await inspections.first().waitFor();
    const api = await apiCall<{ total: number }>(
      page,
      'GET',
      `/api/inspections?enterpriseId=${enterprise.enterpriseId}`,
    );
    assert.equal(await inspections.count(), Math.min(api.body.total, 20));
    await screenshot(page, 'screens-a-record-inspections', false);
  });

  test('on a phone: campaign cards with their rate, the campaign detail and the record’s hazard cards', async () => {
    const context = await phoneContext(browser);
    const phone = await context.newPage();
    await phone.goto('/');
    await signIn(phone, 'supervisor');
    await phone.goto('/campaigns');
    const cards = phone.getByTestId('campaign-cards');
    await cards.getByTestId('campaign-rate').first().waitFor();
    (await cards.getByTestId('campaign-rate').allTextContents()).forEach(assertRate);
    // Nothing is wider than the phone.
    const width = await phone.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 390, `the page fits the phone, scrollWidth ${width}`);
    await screenshot(phone, 'screens-a-phone-campaigns', false);
    await phone.goto(`/campaigns?campaign=${summer.id}`);
    await phone.getByTestId('campaign-detail').waitFor();
    await phone.getByTestId('campaign-info').getByText('汛期安全生产大检查 + 高温期间安全生产检查').waitFor();
    await drawerShot(phone, 'screens-a-phone-campaign-detail');

    const late = await apiCall<{ items: { enterpriseId: string }[] }>(
      phone,
      'GET',
      '/api/hazards?overdue=true&pageSize=1',
    );
    await phone.goto(`/enterprises/${late.body.items[0]!.enterpriseId}?tab=hazards&view=overdue`);
    await phone.getByTestId('record-hazard-cards').locator('.hazard-card').first().waitFor();
    await phone.getByTestId('record-hazard-figures').waitFor();
    const recordWidth = await phone.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(recordWidth <= 390, `the record fits the phone, scrollWidth ${recordWidth}`);
    await screenshot(phone, 'screens-a-phone-record-hazards', false);
    await context.close();
  });
});
