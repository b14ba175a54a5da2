// 工作计划 in the browser: the supervisor's empty form names its fields; an item is written (未开始); 生成检查行动 creates
// the campaign from it and links it (进行中); once the campaign is closed the item reads 已完成 — the state is never
// typed. The linked record opens the campaign; a seasonal proposal is taken into the plan; 导出计划文档 refuses a year
// without items by name and downloads the quarter's plan as Word (its first page rendered to PNG). Desk (1440) and
// phone (390×844) screenshots.

import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { docxPages } from './docx-pages';
import { apiCall, drawerShot, parkDay, phoneContext, pickDate, pickMany, screenshot } from './forms';
import { choose, launchBrowser, openConsole, signIn } from './support';

describe('work plan', () => {
  let browser: Browser;
  let page: Page;
  let itemId = '';

  before(async () => {
    browser = await launchBrowser();
    page = await openConsole(browser);
    await signIn(page, 'supervisor');
  });
  after(() => browser.close());

  const state = () => page.locator('[data-testid=plan-detail] [data-testid=plan-state]').first();

  test('an item is written, a campaign made from it, and its state follows the campaign', async () => {
    await page.getByTestId('menu-work-plans').click();
    await page.waitForURL(/\/plans/);
    await page.getByTestId('plan-proposals').waitFor();

    // The empty form names its fields.
    await page.getByTestId('plan-create').click();
    await page.getByTestId('plan-form').waitFor();
    await page.getByTestId('plan-title').fill('');
    await page.getByTestId('plan-submit').click();
    await page.locator('.ant-form-item-explain-error').filter({ hasText: '请填写计划事项' }).waitFor();
    await page.locator('.ant-form-item-explain-error').filter({ hasText: '请填写责任单位' }).waitFor();

    await page.getByTestId('plan-title').fill('冬季危险化学品企业专项检查');
    await page.getByTestId('plan-owner').fill('高新区安委办');
    await pickDate(page.getByTestId('plan-due'), parkDay(20));
    const saved = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/api/plans'));
    await page.getByTestId('plan-submit').click();
    const created = (await (await saved).json()) as { id: string; state: string };
    assert.equal(created.state, 'notStarted');
    itemId = created.id;
    await page.getByTestId('plan-detail').waitFor();
    await state().filter({ hasText: '未开始' }).waitFor();

    // 生成检查行动: targets by tag; the campaign is created and linked.
    await page.getByTestId('plan-make-campaign').click();
    await page.getByTestId('plan-campaign-form').waitFor();
    await pickMany(page.getByTestId('plan-campaign-tags'), '危险化学品');
    const made = page.waitForResponse((r) => r.url().endsWith(`/api/plans/${itemId}/campaign`));
    await page.getByTestId('plan-campaign-submit').click();
    assert.equal((await made).status(), 200);
    await page.getByTestId('plan-campaign-form').waitFor({ state: 'detached' });
    await page.getByTestId('plan-link').filter({ hasText: '冬季危险化学品企业专项检查' }).waitFor();
    await state().filter({ hasText: '进行中' }).waitFor();
    await drawerShot(page, 'plans-detail-linked');

    // The campaign is closed in its own module: the item reads 已完成 without anyone typing it.
    const item = await apiCall<{ links: { recordId: string }[] }>(page, 'GET', `/api/plans/${itemId}`);
    const campaignId = item.body.links[0]!.recordId;
    assert.equal((await apiCall(page, 'POST', `/api/campaigns/${campaignId}/close`, {})).status, 200);
    await page.reload();
    await page.getByTestId('plan-detail').waitFor();
    await state().filter({ hasText: '已完成' }).waitFor();

    // The linked record opens the campaign.
    await page.getByTestId('plan-link').first().click();
    await page.waitForURL(new RegExp(`/campaigns\\?campaign=${campaignId}`));
    await page.locator('.ant-drawer-open').getByText('冬季危险化学品企业专项检查').first().waitFor();
  });

  test('a seasonal proposal is taken into the plan; the list filters by state', async () => {
    await page.goto('/plans');
    await page.getByTestId('plan-proposals').waitFor();
    const adopt = page.getByTestId('plan-adopt').first();
    if (await adopt.count()) {
      await adopt.click();
      await page.getByTestId('plan-form').waitFor();
      assert.notEqual(await page.getByTestId('plan-title').inputValue(), '');
      const saved = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/api/plans'));
      await page.getByTestId('plan-submit').click();
      assert.equal((await saved).status(), 200);
      await page.getByTestId('plan-detail').waitFor();
      await page.keyboard.press('Escape');
    }
    await page.goto('/plans?state=done');
    await page.getByTestId('plans-table').locator('tr.list-row').first().waitFor();
    assert.equal(await page.getByTestId('plans-table').locator('tr.list-row').count(), 1);
    await page.goto('/plans');
    await page.getByTestId('plans-table').locator('tr.list-row').first().waitFor();
    await screenshot(page, 'plans-desk');
  });

  test('导出计划文档: a year without items is refused by name; the quarter’s plan downloads as Word', async () => {
    await page.goto('/plans');
    await page.getByTestId('plans-table').locator('tr.list-row').first().waitFor();
    await page.getByTestId('plan-document').click();
    await page.getByTestId('plan-document-year').fill('2031');
    await choose(page.getByTestId('plan-document-quarter'), '全年（年度工作计划）');
    const refused = page.waitForResponse((r) => r.url().includes('/api/plans/document'));
    await page.getByTestId('plan-document-ok').click();
    assert.equal((await refused).status(), 422);
    await page.locator('.ant-form-item-explain-error').filter({ hasText: '2031年度没有计划事项' }).waitFor();

    // This quarter holds the item written above.
    const today = new Date(Date.now() + 8 * 3600_000);
    const quarter = Math.floor(today.getUTCMonth() / 3);
    await page.getByTestId('plan-document-year').fill(String(today.getUTCFullYear()));
    await choose(page.getByTestId('plan-document-quarter'), `第${'一二三四'[quarter]}季度`);
    await screenshot(page, 'plans-document-modal', false);
    const download = page.waitForEvent('download');
    await page.getByTestId('plan-document-ok').click();
    const file = await download;
    assert.match(file.suggestedFilename(), /安全生产第.季度工作计划\.docx$/);
    const saveAs = path.join('test-output', 'screenshots', 'plans-document.docx');
    await file.saveAs(saveAs);
    const rendered = docxPages(saveAs, 'plans-document-page', 1);
    assert.ok(rendered.pageCount >= 1);
    assert.equal(rendered.pngs.length, 1);
    assert.ok(rendered.pngs[0]!.bytes > 20_000, `${rendered.pngs[0]!.bytes} 字节`);
  });

  test('the plan on a phone', async () => {
    const context = await phoneContext(browser);
    const phone = await context.newPage();
    await phone.goto('/');
    await signIn(phone, 'supervisor');
    await phone.goto('/plans');
    await phone.getByTestId('plan-card').first().waitFor();
    await screenshot(phone, 'plans-phone');
    await phone.getByTestId('plan-card').first().click();
    await phone.getByTestId('plan-detail').waitFor();
    await drawerShot(phone, 'plans-phone-detail');
    await context.close();
  });
});
