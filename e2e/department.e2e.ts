import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page, Response } from 'playwright-core';
import { assertMenu, launchBrowser, openConsole, ROLE_MENUS, screenshot, signIn } from './support';

// A member department (成员单位) sees the joint work it takes part in: every page of its menu opens without a refused
// request or an error, and shows less than the committee's — the demo department joins the winter campaign only.
const PAGES: [menu: string, ready: string][] = [
  ['menu-enterprises', '[data-testid=enterprise-table] tbody tr.ant-table-row'],
  ['menu-campaigns', '[data-testid=campaign-table] tbody tr.ant-table-row'],
  ['menu-inspections', '[data-testid=inspection-table] tbody tr.ant-table-row'],
  ['menu-hazards', '[data-testid=hazard-table] tbody tr.ant-table-row'],
  ['menu-checklists', '.ant-table-row'],
  ['menu-criteria', '.ant-table-row, .ant-list-item, .ant-card'],
  ['menu-account', '.ant-descriptions'],
];

/** Records every API answer of 400 and above (the session probe before sign-in aside). */
function refusals(page: Page): string[] {
  const seen: string[] = [];
  page.on('response', (r: Response) => {
    if (r.url().includes('/api/') && r.status() >= 400 && !r.url().endsWith('/api/auth/session')) {
      seen.push(`${r.status()} ${r.request().method()} ${new URL(r.url()).pathname}`);
    }
  });
  return seen;
}

async function openRisk(page: Page, item: string) {
  if (!(await page.getByTestId(item).isVisible())) await page.getByTestId('menu-group-risk').click();
  await page.getByTestId(item).click();
}

describe('member department console', () => {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(() => browser.close());

  test('every page of its menu opens within its scope, without a refused request', async () => {
    const page = await openConsole(browser);
    const refused = refusals(page);
    await signIn(page, 'department');
    await assertMenu(page, ROLE_MENUS.department);
    // The home page carries the park's public figures.
    await page.getByTestId('stat-enterprises').waitFor();
    await screenshot(page, 'department-home');

    for (const [menu, ready] of PAGES) {
      await page.getByTestId(menu).click();
      await page.locator(ready).first().waitFor();
      await screenshot(page, `department-${menu.replace('menu-', '')}`);
    }
    for (const item of ['menu-risk-points', 'menu-risk-major', 'menu-risk-map']) {
      await openRisk(page, item);
      await page.waitForLoadState('networkidle');
      await screenshot(page, `department-${item.replace('menu-', '')}`);
    }

    // Its campaigns are the ones it joins; the committee's own plans are not listed, nor offered to create.
    await page.getByTestId('menu-campaigns').click();
    const campaigns = page.locator('[data-testid=campaign-table] tbody tr.ant-table-row');
    await campaigns.first().waitFor();
    const names = await campaigns.allTextContents();
    assert.equal(names.length, 1, `one joined campaign, got ${names.join(' | ')}`);
    assert.match(names[0]!, /元旦前/);
    assert.equal(await page.getByTestId('campaign-create').count(), 0);
    await campaigns.first().click();
    await page.getByTestId('campaign-detail').waitFor();
    await page.getByTestId('campaign-coverage').waitFor();
    await screenshot(page, 'department-campaign-detail', false);
    await page.keyboard.press('Escape');

    // Its enterprises are that campaign's: fewer than the park's 287.
    await page.getByTestId('menu-enterprises').click();
    const total = await page.locator('.ant-pagination-total-text').first().textContent();
    const n = Number(total?.match(/\d+/)?.[0]);
    assert.ok(n > 0 && n < 287, `department sees ${total}`);
    await page.locator('[data-testid=enterprise-table] tbody tr.ant-table-row .cell-link').first().click();
    await page.getByTestId('enterprise-detail').waitFor();
    await screenshot(page, 'department-enterprise', false);

    assert.deepEqual(refused, [], `refused requests: ${refused.join(', ')}`);
    assert.equal(await page.locator('.ant-message-error').count(), 0);
    await page.context().close();
  });

  test('on a phone (390×844) the lists show as cards', async () => {
    const page = await openConsole(browser);
    await page.setViewportSize({ width: 390, height: 844 });
    const refused = refusals(page);
    await signIn(page, 'department');
    await page.goto('/campaigns');
    await page.getByTestId('campaign-cards').locator('.hazard-card').first().waitFor();
    await screenshot(page, 'department-campaigns-phone');
    await page.goto('/hazards');
    await page.getByTestId('hazard-cards').waitFor();
    await screenshot(page, 'department-hazards-phone');
    assert.deepEqual(refused, [], `refused requests: ${refused.join(', ')}`);
    await page.context().close();
  });
});
