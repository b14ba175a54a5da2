import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { assertMenu, choose, launchBrowser, openConsole, RISK_MENUS, screenshot, signIn } from './support';

// The committee's roles see the safety status survey; inspection staff do not run it. Every park-wide role has the
// 风险分级管控 group (within its data scope).
const MENUS: Record<string, string[]> = {
  supervisor: ['menu-home', 'menu-enterprises', 'menu-survey', 'menu-account', ...RISK_MENUS],
  leader: ['menu-home', 'menu-enterprises', 'menu-survey', 'menu-account', ...RISK_MENUS],
  inspector: ['menu-home', 'menu-enterprises', 'menu-account', ...RISK_MENUS],
  department: ['menu-home', 'menu-enterprises', 'menu-account', ...RISK_MENUS],
};

describe('each role sees its own console', () => {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(() => browser.close());

  for (const username of Object.keys(MENUS)) {
    test(`${username}: park menu and home figures`, async () => {
      const page = await openConsole(browser);
      await signIn(page, username);
      await assertMenu(page, MENUS[username]!);
      await page.getByTestId('stat-enterprises').waitFor();
      await page.locator('.chart-card canvas').first().waitFor();
      await screenshot(page, `home-${username}`);
      await page.context().close();
    });
  }

  test('supervisor: enterprise registry with filters and a detail drawer', async () => {
    const page = await openConsole(browser);
    await signIn(page, 'supervisor');
    await page.getByTestId('menu-enterprises').click();
    const rows = page.locator('[data-testid=enterprise-table] tbody tr.ant-table-row');
    await rows.first().waitFor();
    await screenshot(page, 'enterprises-supervisor');

    // The filter is applied by the server: every row on the page answers it, and the total shrinks.
    const totalText = page.locator('.ant-pagination-total-text');
    const before = await totalText.textContent();
    await choose(page.getByTestId('filter-status'), '停产');
    await page.getByRole('button', { name: /查\s*询/ }).click();
    await page.waitForFunction(
      (old) => document.querySelector('.ant-pagination-total-text')?.textContent !== old,
      before,
    );
    const statuses = await rows.locator('td:nth-child(6)').allTextContents();
    assert.ok(statuses.length > 0, 'some enterprises are 停产');
    assert.deepEqual(new Set(statuses), new Set(['停产']));
    await rows.first().locator('.cell-link').click();
    await page.getByTestId('enterprise-detail').waitFor();
    await screenshot(page, 'enterprise-drawer', false);
    await page.context().close();
  });

  test('enterprise1: only its own enterprise', async () => {
    const page = await openConsole(browser);
    await signIn(page, 'enterprise1');
    await assertMenu(page, [
      'menu-home',
      'menu-my-enterprise',
      'menu-my-survey',
      'menu-account',
      'menu-my-risk-points',
    ]);
    await page.getByTestId('own-enterprise-card').waitFor();
    await screenshot(page, 'home-enterprise1');
    await page.getByTestId('menu-my-enterprise').click();
    await page.getByTestId('enterprise-detail').waitFor();
    await screenshot(page, 'my-enterprise');
    await page.context().close();
  });

  test('switching to English relabels the menu', async () => {
    const page = await openConsole(browser);
    await signIn(page, 'supervisor');
    assert.equal(await page.getByTestId('menu-enterprises').textContent(), '企业档案');
    await page.getByTestId('lang-switch').click();
    assert.equal(await page.getByTestId('menu-enterprises').textContent(), 'Enterprises');
    assert.equal(await page.getByTestId('menu-home').textContent(), 'Home');
    await screenshot(page, 'home-supervisor-en');
    await page.getByTestId('lang-switch').click();
    assert.equal(await page.getByTestId('menu-home').textContent(), '首页');
    await page.context().close();
  });
});
