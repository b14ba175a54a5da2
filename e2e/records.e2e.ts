// Records as they happened, in the browser: a rectification notice keeps the number it was first issued with (Word,
// then PDF, same number) until a supervisor re-issues it (confirmed with a reason: the old number shown voided, the new
// one valid); a 2023 paper-ledger hazard is back-filled (补录) step by step with the days things happened, and the
// timeline shows 发生于 … 补录于 …; the ledger and the home page count 整改逾期 and 复查超时 apart. Desktop (1440) and
// phone (390×844).

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { apiCall, choose, closeDrawer, drawerShot, parkDay, phoneContext, pickDate, screenshot, search } from './forms';
import { launchBrowser, openConsole, signIn } from './support';

const detail = (page: Page) => page.getByTestId('hazard-detail');

/** Clicks a document button and answers the number the server gave the file (X-Document-Number). */
async function documentNumber(page: Page, testId: string): Promise<string> {
  const answer = page.waitForResponse((r) => r.url().includes('/api/documents/') && r.request().method() === 'POST');
  const download = page.waitForEvent('download');
  await detail(page).getByTestId(testId).click();
  const res = await answer;
  assert.equal(res.status(), 200, await res.text().catch(() => ''));
  await download;
  return decodeURIComponent(res.headers()['x-document-number'] ?? '');
}

async function openHazard(page: Page, id: string, serial: string): Promise<void> {
  await page.goto(`/hazards?hazard=${id}`);
  await detail(page).waitFor();
  await page.getByTestId('hazard-serial').filter({ hasText: serial }).waitFor();
}

describe('records as they happened', () => {
  let browser: Browser;
  let supervisor: Page;
  let enterpriseId = '';
  let enterpriseName = '';
  let hazard = { id: '', serial: '' };

  before(async () => {
    browser = await launchBrowser();
    supervisor = await openConsole(browser);
    await signIn(supervisor, 'supervisor');
    const session = await apiCall<{ me: { id: string } }>(supervisor, 'GET', '/api/auth/session');
    assert.equal(session.status, 200);
    const ents = await apiCall<{ items: { id: string; name: string }[] }>(
      supervisor,
      'GET',
      '/api/enterprises?pageSize=5&sort=name',
    );
    enterpriseId = ents.body.items[0]!.id;
    enterpriseName = ents.body.items[0]!.name;
    const made = await apiCall<{ id: string; serial: string }>(supervisor, 'POST', '/api/hazards', {
      enterpriseId,
      description: '危化品仓库防爆灯具损坏，部分灯罩缺失',
      location: '危化品仓库',
      category: 'unsafeCondition',
      source: 'specialised',
      requirement: '更换合格防爆灯具',
      deadline: parkDay(12),
    });
    assert.equal(made.status, 200);
    hazard = made.body;
  });

  after(async () => {
    await browser?.close();
  });

  test('a notice keeps its number as Word and as PDF; a re-issue voids it and takes a new one', async () => {
    const page = supervisor;
    await openHazard(page, hazard.id, hazard.serial);
    const word = await documentNumber(page, 'hazard-doc-notice');
    assert.match(word, /安监整改〔\d{4}〕\d{4}号$/);
    const pdf = await documentNumber(page, 'hazard-doc-notice-pdf');
    assert.equal(pdf, word, 'the PDF of the same notice carries the number the Word file had');

    const register = page.getByTestId('issued-documents');
    await register.getByTestId('issued-document').filter({ hasText: word }).waitFor();
    assert.equal(await register.getByTestId('issued-document').count(), 1);
    await drawerShot(page, 'records-notice-issued', 'issued-documents');

    // Re-issue: confirmed with a reason; the old number is voided and shown so, the new one is valid.
    await register.getByTestId('issued-document-reissue').click();
    // (The modal's root element is not itself visible: its contents are what appear.)
    await page.getByTestId('reissue-reason').waitFor();
    await page.getByTestId('reissue-ok').click();
    await page.locator('.ant-modal-wrap:visible').getByText('原因至少 4 个字').waitFor();
    await page.getByTestId('reissue-reason').fill('整改要求调整，重新下达通知书');
    await screenshot(page, 'records-reissue-confirm', false);
    const reissued = page.waitForResponse((r) => r.url().endsWith('/reissue') && r.request().method() === 'POST');
    await page.getByTestId('reissue-ok').click();
    const res = await reissued;
    assert.equal(res.status(), 200);
    const fresh = ((await res.json()) as { number: string }).number;
    assert.notEqual(fresh, word);

    const old = register.locator(`[data-testid=issued-document][data-number="${word}"]`);
    await old.getByTestId('issued-document-voided').waitFor();
    assert.equal(await old.getAttribute('data-voided'), 'true');
    await old.getByText(`已重新出具为 ${fresh}`).waitFor();
    const live = register.locator(`[data-testid=issued-document][data-number="${fresh}"]`);
    await live.waitFor();
    assert.equal(await live.getAttribute('data-voided'), 'false');
    // Downloads now carry the new number.
    assert.equal(await documentNumber(page, 'hazard-doc-notice'), fresh);
    await drawerShot(page, 'records-notice-reissued', 'issued-documents');
    await closeDrawer(page);
  });

  test('the register of a hazard on a phone (390×844)', async () => {
    const context = await phoneContext(browser);
    const phone = await context.newPage();
    phone.on('pageerror', (error) => console.error(`[page error] ${error.message}`));
    await phone.goto('/');
    await phone.getByTestId('login-username').waitFor();
    await signIn(phone, 'supervisor');
    await openHazard(phone, hazard.id, hazard.serial);
    const register = phone.getByTestId('issued-documents');
    await register.getByTestId('issued-document-voided').waitFor();
    await register.evaluate((e) => e.scrollIntoView({ block: 'start' }));
    const widest = await phone.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(widest <= 390, `the page is ${widest}px wide on a 390px phone`);
    await drawerShot(phone, 'records-phone-register', 'issued-documents');
    await context.close();
  });

  test('a 2023 paper-ledger hazard is back-filled step by step; the timeline shows when each happened', async () => {
    const page = supervisor;
    await page.goto('/hazards');
    await page.getByTestId('hazard-create').click();
    await page.getByTestId('hazard-form').waitFor();
    await page.getByTestId('hazard-backfill').click();
    await page.getByTestId('hazard-backfill-reason').fill('2023年纸质隐患台账录入');
    await search(page.getByTestId('hazard-enterprise'), enterpriseName);
    await page.getByTestId('hazard-description').fill('锅炉房燃气报警器未定期检定（2023年台账）');
    await choose(page.getByTestId('hazard-category'), '物的不安全状态');
    await choose(page.getByTestId('hazard-source'), '专业性排查');
    await pickDate(page.getByTestId('hazard-found-on'), '2023-03-01');
    await pickDate(page.getByTestId('hazard-deadline'), '2023-05-15');
    await drawerShot(page, 'records-backfill-register', 'hazard-backfill-block');
    const created = page.waitForResponse((r) => r.url().endsWith('/api/hazards') && r.request().method() === 'POST');
    await page.getByTestId('hazard-form-submit').click();
    assert.equal((await created).status(), 200);
    await detail(page).waitFor();

    // 补录 mode: every step asks for the day it happened and the reason.
    await detail(page).getByTestId('hazard-backfill-mode').click();
    const step = async (button: string, testId: string, day: string) => {
      await detail(page).getByTestId(button).click();
      const date = page.getByTestId(`${testId}-occurred-on`);
      await date.waitFor();
      await pickDate(date, day);
      await page.getByTestId(`${testId}-backfill-reason`).fill('2023年纸质隐患台账录入');
      const done = page.waitForResponse((r) => r.url().includes('/api/hazards/') && r.request().method() === 'POST');
      await page.getByTestId(`${testId}-ok`).click();
      const res = await done;
      assert.equal(res.status(), 200, await res.text());
      await date.waitFor({ state: 'detached' });
    };
    await step('hazard-action-start', 'start', '2023-03-05');
    await step('hazard-action-submit', 'submit', '2023-05-08');
    await step('hazard-action-recheckPass', 'recheck-pass', '2023-05-10');
    await detail(page).getByTestId('hazard-status').filter({ hasText: '已销号' }).first().waitFor();

    const times = await detail(page)
      .getByTestId('timeline-event-time')
      .evaluateAll((els) => els.map((e) => e.textContent ?? ''));
    assert.ok(
      times.some((t) => t.includes('发生于 2023-05-10') && t.includes('补录于')),
      times.join(' | '),
    );
    assert.ok(
      times.some((t) => t.includes('发生于 2023-03-01')),
      times.join(' | '),
    );
    await drawerShot(page, 'records-backfill-timeline', 'hazard-timeline');
    await closeDrawer(page);
  });

  test('the ledger and the home page count 整改逾期 and 复查超时 apart', async () => {
    const page = supervisor;
    await page.goto('/hazards');
    const late = page.getByTestId('hazard-stat-recheckOverdue');
    await late.waitFor();
    const overdue = page.getByTestId('hazard-stat-overdue');
    await overdue.waitFor();
    const count = async (card: typeof late) =>
      Number((await card.locator('.ant-statistic-content-value').innerText()).replace(/\D/g, ''));
    const lateCount = await count(late);
    assert.ok(lateCount > 0, 'the demo park has submissions waiting past the re-check limit');
    await late.click();
    await page.locator('[data-testid=hazard-table] tr.ant-table-row').first().waitFor();
    const tags = page.locator('[data-testid=hazard-table] [data-testid=hazard-recheck-overdue]');
    await tags.first().waitFor();
    assert.equal(await page.locator('[data-testid=hazard-table] [data-testid=hazard-overdue]').count(), 0);
    await screenshot(page, 'records-ledger-recheck-overdue');

    await page.getByTestId('recheck-settings').click();
    await page.getByTestId('recheck-days').waitFor();
    await screenshot(page, 'records-recheck-settings', false);
    await page.locator('.ant-modal-wrap:visible .ant-modal-close').click();

    await page.getByTestId('menu-home').click();
    const card = page.getByTestId('home-hazards');
    await card.getByTestId('home-hazards-recheck-overdue').waitFor();
    await card.getByTestId('period-found').waitFor();
    await screenshot(page, 'records-home');

    const context = await phoneContext(browser);
    const phone = await context.newPage();
    await phone.goto('/');
    await phone.getByTestId('login-username').waitFor();
    await signIn(phone, 'supervisor');
    await phone.getByTestId('home-hazards').waitFor();
    await phone.getByTestId('home-hazards').evaluate((e) => e.scrollIntoView({ block: 'start' }));
    await phone.waitForTimeout(800);
    await phone.screenshot({ path: 'test-output/screenshots/records-phone-home.png' });
    await phone.goto('/hazards');
    await phone.getByTestId('hazard-stat-recheckOverdue').waitFor();
    await screenshot(phone, 'records-phone-ledger', false);
    await context.close();
  });
});
