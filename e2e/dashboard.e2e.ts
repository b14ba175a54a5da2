// 领导驾驶舱 and 检查覆盖 in the browser (issue 15): the leader opens the dashboard for the first half of this year,
// clicks the hazard figure and lands on the ledger filtered to exactly the hazards it counted (the ledger's total is
// the same number); the coverage page for the same half-year shows the never-inspected enterprises first. Screenshots
// of the dashboard at 1440 px and on a 390×844 phone, and of the coverage page; the dashboard and the work plan in
// English.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { CoveragePage, DashboardView } from '../shared/src/dashboard';
import { apiCall, phoneContext, screenshot } from './forms';
import { launchBrowser, openConsole, signIn } from './support';

const year = new Date().getFullYear();
const H1 = { from: `${year}-01-01`, to: `${year}-06-30` };
const numberIn = (text: string | null) => Number((text ?? '').replace(/[^\d.]/g, ''));

describe('leaders dashboard and coverage', () => {
  let browser: Browser;
  let leader: Page;

  before(async () => {
    browser = await launchBrowser();
    leader = await openConsole(browser);
    await signIn(leader, 'leader');
  });
  after(() => browser.close());

  test('the hazard figure of a half-year opens the ledger filtered to exactly those hazards', async () => {
    const page = leader;
    await page.getByTestId('menu-dashboard').click();
    await page.getByTestId('figure-hazardsFound').waitFor();
    // 半年 from the period bar: the half-year containing the period's start (1 January): the first half.
    await page.getByTestId('period-kind').getByText('半年').click();
    await page.waitForURL(/kind=half/);
    assert.ok(page.url().includes(`from=${H1.from}`) && page.url().includes(`to=${H1.to}`), page.url());
    await page.getByTestId('dashboard-period-note').getByText(`${H1.from} 至 ${H1.to}`).waitFor();
    const api = await apiCall<DashboardView>(page, 'GET', `/api/dashboard?from=${H1.from}&to=${H1.to}`);
    const expected = api.body.figures.find((f) => f.key === 'hazardsFound')!.value!;
    assert.ok(expected > 0, 'the demo park has hazards in the first half-year');
    await page.getByTestId('figure-hazardsFound-value').getByText(expected.toLocaleString('en-US')).waitFor();
    // The definition (口径) on hover.
    await page.getByTestId('figure-hazardsFound').hover();
    await page
      .getByRole('tooltip')
      .getByText(/口径：发现日期在期间内的隐患数/)
      .waitFor();
    await page.getByTestId('chart-trend').locator('canvas').first().waitFor();
    await screenshot(page, 'dashboard-desktop', false);

    await page.getByTestId('figure-hazardsFound').click();
    await page.waitForURL(/\/hazards\?/);
    const url = new URL(page.url());
    assert.equal(url.searchParams.get('foundFrom'), H1.from);
    assert.equal(url.searchParams.get('foundTo'), H1.to);
    const total = page.getByTestId('hazard-stat-total').locator('.ant-statistic-content-value');
    await total.getByText(expected.toLocaleString('en-US')).waitFor();
    assert.equal(numberIn(await total.textContent()), expected);
    await screenshot(page, 'dashboard-to-ledger', false);
  });

  test('the drills figure of 2023 opens the drills of that year, whose total is the figure; resumption likewise', async () => {
    const page = leader;
    const Y = { from: '2023-01-01', to: '2023-12-31' };
    await page.goto(`/dashboard?kind=year&from=${Y.from}&to=${Y.to}`);
    await page.getByTestId('figure-drills').waitFor();
    const api = await apiCall<DashboardView>(page, 'GET', `/api/dashboard?from=${Y.from}&to=${Y.to}`);
    const fig = (k: string) => api.body.figures.find((f) => f.key === k)!;
    assert.ok(fig('drills').connected && fig('drills').value! > 0, 'the demo has drills in 2023');
    assert.ok(fig('drillParticipants').connected && fig('resumptions').connected);
    await page
      .getByTestId('figure-drills-value')
      .getByText(String(fig('drills').value))
      .waitFor();
    await page
      .getByTestId('figure-resumptions-value')
      .getByText(String(fig('resumptions').value))
      .waitFor();
    await page.getByTestId('figure-drills').scrollIntoViewIfNeeded();
    await page.getByTestId('figure-drills').click();
    await page.waitForURL(/\/drills\?/);
    const url = new URL(page.url());
    assert.equal(url.searchParams.get('from'), Y.from);
    assert.equal(url.searchParams.get('to'), Y.to);
    await page.getByTestId('drills-table').waitFor();
    await screenshot(page, 'dashboard-to-drills', false);
    await page
      .getByText(`共 ${fig('drills').value} 条`)
      .first()
      .waitFor();
    await page.goto(`/dashboard?kind=year&from=${Y.from}&to=${Y.to}`);
    await page.getByTestId('figure-resumptions').click();
    await page.waitForURL(/\/resumption\?/);
    assert.equal(new URL(page.url()).searchParams.get('checkedFrom'), Y.from);
    await page.getByTestId('resumption-table').waitFor();
    await screenshot(page, 'dashboard-to-resumption', false);
    await page
      .getByText(`共 ${fig('resumptions').value} 条`)
      .first()
      .waitFor();
  });

  test('the coverage page for the half-year: never-inspected enterprises first, summary as the API counts', async () => {
    const page = leader;
    await page.goto(`/coverage?kind=half&from=${H1.from}&to=${H1.to}`);
    await page.getByTestId('coverage-summary').waitFor();
    const api = await apiCall<CoveragePage>(page, 'GET', `/api/coverage?from=${H1.from}&to=${H1.to}`);
    const s = api.body.summary;
    assert.equal(s.enterprises, s.uncovered + s.covered + s.over);
    await page
      .getByTestId('coverage-uncovered')
      .getByText(s.uncovered.toLocaleString('en-US'), { exact: true })
      .waitFor();
    if (s.neverInspected > 0) assert.equal(api.body.items[0]!.inspections, 0, 'never inspected first');
    await page.getByTestId('coverage-table').waitFor();
    await screenshot(page, 'coverage-desktop');
  });

  test('the dashboard and the work plan read in English too', async () => {
    const page = leader;
    await page.goto(`/dashboard?kind=half&from=${H1.from}&to=${H1.to}`);
    await page.getByTestId('figure-hazardsFound').waitFor();
    await page.getByTestId('lang-switch').click();
    await page.getByTestId('dashboard-period-note').getByText(`Period ${H1.from} to ${H1.to}`).waitFor();
    await page.getByTestId('figure-hazardsFound').getByText('Hazards found').waitFor();
    await page.getByTestId('chart-trend').getByText('Monthly trend').waitFor();
    await page.getByTestId('period-kind').getByText('Half-year').waitFor();
    await page.getByTestId('dashboard-majors').getByText('Major hazards').first().waitFor();
    await page.getByTestId('chart-trend').locator('canvas').first().waitFor();
    await screenshot(page, 'dashboard-en');
    await page.goto('/plans');
    await page.getByTestId('plan-document').getByText('Export plan document').waitFor();
    await page.getByTestId('plan-proposals').getByText('Holiday and seasonal inspection proposals').waitFor();
    await page.getByRole('columnheader', { name: 'Plan item' }).waitFor();
    await screenshot(page, 'plans-en');
    await page.getByTestId('lang-switch').click();
    await page.getByTestId('plan-document').getByText('导出计划文档').waitFor();
  });

  test('the dashboard on a 390×844 phone', async () => {
    const context = await phoneContext(browser);
    const phone = await context.newPage();
    await phone.goto('/');
    await signIn(phone, 'leader');
    await phone.goto(`/dashboard?kind=half&from=${H1.from}&to=${H1.to}`);
    await phone.getByTestId('figure-hazardsFound').waitFor();
    await phone.getByTestId('chart-trend').locator('canvas').first().waitFor();
    await screenshot(phone, 'dashboard-phone', false);
    const { overflow, widest } = await phone.evaluate(() => {
      const wide = [...document.querySelectorAll('body *')]
        .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1)
        .slice(0, 5)
        .map((e) => `${e.tagName}.${e.className}`);
      return { overflow: document.documentElement.scrollWidth - window.innerWidth, widest: wide.join(' | ') };
    });
    assert.ok(overflow <= 1, `no sideways scrolling on a phone (overflow ${overflow}px: ${widest})`);
    await context.close();
  });
});
