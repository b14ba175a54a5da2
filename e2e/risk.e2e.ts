// 安全风险分级管控 in the browser: enterprise1 adds a risk point by LEC (L=6, E=6, C=15) and sees D = 540, 重大 in
// red in the form before saving; the supervisor accepts it, finds the enterprise at 重大 in the enterprise list,
// opens the four-colour map, drags the enterprise from the unplaced list onto the plan and saves; the map shows the
// placed enterprises in their colours with the legend, and the distribution charts render. Also the risk point
// form on a 390 × 844 phone.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import { BASE_URL, choose, launchBrowser, openConsole, screenshot as shoot, signIn } from './support';

async function screenshot(page: Page, name: string, fullPage = true): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await shoot(page, `risk-${name}`, fullPage);
}

const stamp = Date.now().toString().slice(-6);
const POINT = `E2E液氨储罐区${stamp}`;

/** Picks options of an antd multiple Select one by one (the list is virtual: typing brings an option into view). */
async function chooseMany(select: Locator, labels: string[]): Promise<void> {
  const page = select.page();
  for (const label of labels) {
    await select.locator('input').first().click();
    await page.keyboard.type(label);
    // Enter takes the highlighted (first matching) option: no aiming at a list that may still be sliding in.
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option-active')
      .filter({ hasText: label })
      .waitFor();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => !document.querySelector('.ant-select-dropdown:not(.ant-select-dropdown-hidden)'));
    await select.locator('.ant-select-selection-item').filter({ hasText: label }).waitFor();
  }
}

/** Fills the risk point form up to the calculator: what is shown before anything is saved. */
async function fillPoint(page: Page): Promise<void> {
  const form = page.getByTestId('risk-form');
  await form.waitFor();
  await page.getByTestId('risk-name').fill(POINT);
  await page.getByTestId('risk-location').fill('罐区 A 区');
  await page.getByTestId('risk-activity').fill('液氨装卸作业');
  await page.getByTestId('risk-hazard-factors').fill('液氨泄漏；储罐超压；安全阀失效');
  await chooseMany(page.getByTestId('risk-accident-types'), ['中毒和窒息', '容器爆炸']);
  await choose(page.getByTestId('risk-L'), /^6 相当可能$/);
  // Until every factor is chosen there is no score yet.
  assert.equal(await page.getByTestId('risk-calc-score').count(), 0);
  await choose(page.getByTestId('risk-E'), /^6 每天工作时间内暴露$/);
  await choose(page.getByTestId('risk-C'), /^15 非常严重/);
}

describe('risk graded control', () => {
  let browser: Browser;
  let enterpriseName = '';
  before(async () => {
    browser = await launchBrowser();
  });
  after(() => browser.close());

  test('enterprise1 adds an LEC point and sees D = 540, 重大 in red before saving', async () => {
    const page = await openConsole(browser);
    await signIn(page, 'enterprise1');
    await page.getByTestId('menu-my-enterprise').click();
    enterpriseName = ((await page.getByTestId('record-title').textContent()) ?? '').trim();
    assert.ok(enterpriseName, 'enterprise1 has an enterprise');

    await page.getByTestId('menu-my-risk-points').click();
    await page.getByTestId('risk-table').waitFor();
    await page.getByTestId('risk-add').click();
    await fillPoint(page);

    const calc = page.getByTestId('risk-calc');
    await assert.doesNotReject(calc.getByText('D = 540').waitFor());
    const level = page.getByTestId('risk-calc-level');
    assert.equal((await level.textContent())?.trim(), '重大风险');
    assert.equal(await level.getAttribute('data-level'), 'major');
    // The tag is filled with the 四色 red (#E60012).
    const colour = await level.evaluate((el) => getComputedStyle(el).backgroundColor);
    assert.equal(colour, 'rgb(230, 0, 18)');
    assert.match((await calc.textContent()) ?? '', /D > 320/);

    // Lower the consequence: the score and the band follow at once.
    await choose(page.getByTestId('risk-C'), /^7 严重，重伤$/);
    await calc.getByText('D = 252').waitFor();
    assert.equal(await level.getAttribute('data-level'), 'significant');
    await choose(page.getByTestId('risk-C'), /^15 非常严重/);
    await calc.getByText('D = 540').waitFor();
    await screenshot(page, 'form-calculator', false);

    // The measures are required as a whole: saving without any is refused in the form.
    await page.getByTestId('risk-form-submit').click();
    await page.getByText('请至少填写一项管控措施').first().waitFor();
    await page.getByTestId('risk-measure-engineering').fill('储罐区设置氨气泄漏报警仪并与喷淋联锁');
    await page.getByTestId('risk-measure-emergency').fill('配备正压式空气呼吸器，每半年演练一次');
    await page.locator('[data-testid=risk-tier] label').filter({ hasText: '车间级' }).click();
    await page.getByTestId('risk-responsible').fill('王建国');
    const saved = page.waitForResponse((r) => r.url().endsWith('/api/risk/points') && r.request().method() === 'POST');
    await page.getByTestId('risk-form-submit').click();
    const response = await saved;
    assert.equal(response.status(), 200, await response.text());
    const stored = (await response.json()) as { id: string; score: number; level: string; reviewStatus: string };
    assert.deepEqual([stored.score, stored.level, stored.reviewStatus], [540, 'major', 'pending']);

    // The new point opens in its drawer, awaiting the park's review.
    const detail = page.getByTestId('risk-detail');
    await detail.waitFor();
    assert.equal((await detail.getByTestId('risk-detail-score').textContent())?.trim(), 'D = 540');
    assert.equal((await detail.getByTestId('risk-review-status').first().textContent())?.trim(), '待审核');
    await screenshot(page, 'detail', false);

    // A control measure failed: the hazard is recorded from the point (source 管控措施失效, the point preset).
    await page.getByTestId('risk-record-hazard').click();
    await page.getByTestId('hazard-form').waitFor();
    await page.getByTestId('hazard-risk-point').getByText(POINT).waitFor();
    await page.getByTestId('hazard-description').fill('氨气泄漏报警仪失效，未与喷淋装置联锁');
    await choose(page.getByTestId('hazard-category'), '物的不安全状态');
    const deadline = page.getByTestId('hazard-deadline');
    await deadline.click();
    await deadline.fill(new Date(Date.now() + 8 * 3600_000 + 7 * 86_400_000).toISOString().slice(0, 10));
    await deadline.press('Enter');
    const recorded = page.waitForResponse((r) => r.url().endsWith('/api/hazards') && r.request().method() === 'POST');
    await page.getByTestId('hazard-form-submit').click();
    const hazard = await recorded;
    assert.equal(hazard.status(), 200, await hazard.text());
    const sent = JSON.parse(hazard.request().postData() ?? '{}') as { source: string; riskPointId: string };
    assert.equal(sent.source, 'controlFailure');
    assert.equal(sent.riskPointId, stored.id);
    // The point lists its hazard.
    await detail.getByTestId('risk-hazards').locator('.ant-list-item').first().waitFor();
    assert.equal(await detail.getByTestId('risk-hazards').locator('.ant-list-item').count(), 1);
    await page.context().close();
  });

  test('the risk point form on a phone (390 × 844)', async () => {
    const context = await browser.newContext({
      baseURL: BASE_URL,
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    });
    context.setDefaultTimeout(45_000);
    const page = await context.newPage();
    await page.goto('/');
    await signIn(page, 'enterprise1');
    await page.goto('/risk/points');
    await page.getByTestId('risk-add').click();
    await fillPoint(page);
    await page.getByTestId('risk-calc').getByText('D = 540').waitFor();
    // The drawer fills the screen and nothing is wider than it.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `page wider than the phone by ${overflow}px`);
    await page.getByTestId('risk-calc').scrollIntoViewIfNeeded();
    await screenshot(page, 'form-mobile', false);
    await context.close();
  });

  test('the supervisor accepts the point and finds the enterprise at 重大 in the registry', async () => {
    const page = await openConsole(browser);
    await signIn(page, 'supervisor');
    await page.getByTestId('menu-risk-points').click();
    await page.getByTestId('risk-table').waitFor();
    await page.getByTestId('risk-count-pending').click();
    await page.getByTestId('risk-filter-q').fill(POINT);
    await page.getByTestId('risk-filter-search').click();
    const row = page.locator('[data-testid=risk-table] tbody tr.ant-table-row').filter({ hasText: POINT });
    await row.waitFor();
    await screenshot(page, 'points-supervisor');
    await row.click();
    const detail = page.getByTestId('risk-detail');
    await detail.waitFor();
    const reviewed = page.waitForResponse((r) => r.url().includes('/review') && r.request().method() === 'POST');
    await page.getByTestId('risk-accept').click();
    assert.equal((await reviewed).status(), 200);
    await detail.getByTestId('risk-review-status').filter({ hasText: '已通过' }).waitFor();
    await page.keyboard.press('Escape');

    // Enterprise list: filtered to 重大 and searched by name, the enterprise shows with its level.
    await page.getByTestId('menu-enterprises').click();
    await page.getByTestId('enterprise-table').waitFor();
    await page.getByTestId('filter-q').fill(enterpriseName);
    await choose(page.getByTestId('filter-riskLevel'), '重大风险');
    await page.getByTestId('filter-search').click();
    const enterpriseRow = page
      .locator('[data-testid=enterprise-table] tbody tr.ant-table-row')
      .filter({ hasText: enterpriseName });
    await enterpriseRow.waitFor();
    assert.equal(
      (await enterpriseRow.getByTestId('enterprise-risk-level').textContent())?.replace(' *', '').trim(),
      '重大风险',
    );
    await screenshot(page, 'enterprise-list');

    // The record's 风险 tab lists the point.
    await enterpriseRow.locator('.cell-link').click();
    await page.locator('[data-testid=record-tabs] .ant-tabs-tab').filter({ hasText: '风险' }).click();
    await page.getByTestId('enterprise-risk-tab').getByText(POINT).waitFor();
    assert.equal(await page.getByTestId('record-risk-level').getAttribute('data-level'), 'major');
    await screenshot(page, 'enterprise-tab');

    // 重大风险企业 lists it with the major point, and its open hazard makes the control state 存在未销号隐患.
    await page.getByTestId('menu-risk-major').click();
    const search = page.locator('input[data-testid=major-filter-q], [data-testid=major-filter-q] input').first();
    await search.fill(enterpriseName);
    await search.press('Enter');
    const major = page.locator('[data-testid=major-table] tbody tr.ant-table-row').filter({ hasText: enterpriseName });
    await major.waitFor();
    await major.getByText(POINT).waitFor();
    assert.equal((await major.getByTestId('control-state').last().textContent())?.trim(), '存在未销号隐患');
    await screenshot(page, 'major');
    await page.context().close();
  });

  test('the supervisor places the enterprise on the four-colour map by drag and drop', async () => {
    const page = await openConsole(browser);
    await signIn(page, 'supervisor');
    await page.getByTestId('menu-risk-map').click();
    const map = page.getByTestId('risk-map');
    await map.locator('img').waitFor();
    await page.waitForFunction(() => {
      const img = document.querySelector<HTMLImageElement>('[data-testid=risk-map] img');
      return Boolean(img?.complete && img.naturalWidth > 0);
    });
    const markers = map.getByTestId('map-marker');
    const unplaced = page.getByTestId('map-unplaced');
    await unplaced.waitFor();
    await unplaced.locator('input').fill(enterpriseName);
    let item = unplaced.getByTestId('unplaced-item').filter({ hasText: enterpriseName });
    if ((await item.count()) === 0) {
      // The demo placed it already: take it off the map through its summary, so it can be dragged back on.
      await map.locator(`[data-testid=map-marker][aria-label^="${enterpriseName}"]`).focus();
      await page.keyboard.press('Enter');
      await page.getByTestId('enterprise-risk-summary').waitFor();
      const removed = page.waitForResponse((r) => r.url().endsWith('/api/risk/map/positions'));
      await page.getByTestId('map-remove').click();
      assert.equal((await removed).status(), 200);
      // The summary closes; its sliding panel must be gone before the list beside the map takes a pointer.
      await page.getByTestId('enterprise-risk-summary').waitFor({ state: 'detached' });
      await page.waitForFunction(() => !document.querySelector('.ant-drawer-open, .ant-drawer-panel-motion-leave'));
      item = unplaced.getByTestId('unplaced-item').filter({ hasText: enterpriseName });
    }
    await item.waitFor();
    // The list refetches after a removal; let it settle so the row under the pointer is the one that stays.
    await page.waitForLoadState('networkidle');
    const before = await markers.count();

    // Drag with the pointer from the list to a spot on the plan (40 % across, 35 % down). A row re-rendered
    // mid-drag on a loaded machine loses the gesture: the drag is tried again (at most three times).
    const box = (await map.locator('section').boundingBox())!;
    const target = { x: box.x + box.width * 0.4, y: box.y + box.height * 0.35 };
    let dropped = false;
    for (let attempt = 0; attempt < 3 && !dropped; attempt++) {
      const from = (await item.boundingBox())!;
      await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
      await page.mouse.down();
      await page.mouse.move(target.x, target.y, { steps: 15 });
      await page.mouse.up();
      dropped = await page
        .getByTestId('map-pending')
        .waitFor({ timeout: 8000 })
        .then(
          () => true,
          () => false,
        );
    }
    assert.ok(dropped, 'the drop is pending until saved');
    assert.equal(await markers.count(), before + 1, 'the dropped enterprise shows on the plan before saving');

    const saved = page.waitForResponse((r) => r.url().endsWith('/api/risk/map/positions'));
    await page.getByTestId('map-save').click();
    const answer = await saved;
    assert.equal(answer.status(), 200, await answer.text());
    const sent = JSON.parse(answer.request().postData() ?? '{}') as {
      positions: { enterpriseId: string; x: number; y: number }[];
    };
    assert.equal(sent.positions.length, 1);
    assert.ok(Math.abs(sent.positions[0]!.x - 0.4) < 0.02 && Math.abs(sent.positions[0]!.y - 0.35) < 0.02);
    await page.getByTestId('map-pending').waitFor({ state: 'detached' });

    // After the reload from the server the marker is there, red (重大), with the legend counting it.
    const placed = map.locator(`[data-testid=map-marker][aria-label^="${enterpriseName}"]`);
    await placed.waitFor();
    const dot = await placed.locator('.risk-marker-dot').evaluate((el) => getComputedStyle(el).backgroundColor);
    assert.equal(dot, 'rgb(230, 0, 18)');
    const legend = page.getByTestId('map-legend');
    for (const name of ['重大风险', '较大风险', '一般风险', '低风险']) await legend.getByText(name).waitFor();
    assert.ok(Number(await page.getByTestId('legend-major').locator('.risk-legend-count').textContent()) >= 1);
    assert.ok((await markers.count()) >= 2, 'the map shows the placed enterprises');

    // From the keyboard: the focused marker moves with the arrow keys (Shift: 5 %), pending until saved; 放弃修改 undoes.
    await placed.focus();
    await page.keyboard.press('Shift+ArrowRight');
    await page.getByTestId('map-pending').waitFor();
    await page.getByRole('button', { name: /放弃修改/ }).click();
    await page.getByTestId('map-pending').waitFor({ state: 'detached' });

    // The distribution charts render.
    await page.locator('[data-testid=risk-chart-level] canvas').waitFor();
    await page.locator('[data-testid=risk-chart-area] canvas').waitFor();
    await unplaced.locator('input').fill('');
    await page.mouse.move(0, 0);
    await screenshot(page, 'map');

    // A click on the marker opens the enterprise's summary with its level and a way to the record.
    await placed.click();
    const summary = page.getByTestId('enterprise-risk-summary');
    await summary.waitFor();
    assert.equal((await summary.getByTestId('summary-name').textContent())?.trim(), enterpriseName);
    await summary.getByText(POINT).waitFor();
    await screenshot(page, 'map-summary', false);
    await page.context().close();
  });
});
