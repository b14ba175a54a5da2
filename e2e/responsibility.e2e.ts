// 责任体系 in the browser: the supervisor writes this year's enterprise letter from the defaults and issues it to
// enterprise1's enterprise; enterprise1 reads and signs it on a phone (390×844), sees the SM3 digest verify and
// downloads the Word letter; the supervisor's signing rate moves and the signing list exports. Then the year's
// enterprise assessment: created from the default rubric, opened, a computed item shows its figure from the ledger and
// opens the hazards it counted, 未接入 items stay 未接入, enterprise1 self-assesses on its phone with an evidence
// picture that the office opens while scoring, the manual items are scored, the result published, and the
// first-ranked enterprise commended from the ranking with its certificate downloaded. Last, the responsibility, credit,
// commitment and accident pages in English at 1440 px and on a 390×844 phone (no sideways scrolling).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import {
  apiCall,
  closeDrawer,
  drawerShot,
  phoneContext,
  photo,
  pickMany,
  png,
  screenshot,
  sign,
  upload,
} from './forms';
import { launchBrowser, openConsole, signIn } from './support';

async function modalOk(page: Page, testId: string): Promise<void> {
  await page.getByTestId(testId).click();
  await page
    .locator('.ant-modal-wrap:visible')
    .waitFor({ state: 'detached' })
    .catch(() => {});
}

async function downloaded(page: Page, click: () => Promise<void>): Promise<string> {
  const download = page.waitForEvent('download');
  await click();
  return (await download).suggestedFilename();
}

describe('responsibility letters, assessment and commendations', () => {
  let browser: Browser;
  let supervisor: Page;
  let enterpriseName = '';
  const year = new Date(Date.now() + 8 * 3600_000).getUTCFullYear();

  before(async () => {
    browser = await launchBrowser();
    supervisor = await openConsole(browser);
    await signIn(supervisor, 'supervisor');
    const session = await apiCall<{ me: { organisationName: string } }>(supervisor, 'GET', '/api/auth/session');
    assert.ok(session.body.me);
    const ent = await openConsole(browser);
    await signIn(ent, 'enterprise1');
    enterpriseName = (await apiCall<{ me: { organisationName: string } }>(ent, 'GET', '/api/auth/session')).body.me
      .organisationName;
    await ent.context().close();
  });
  after(() => browser.close());

  test('the supervisor writes the enterprise letter and issues it', async () => {
    await supervisor.goto('/responsibility/letters');
    await supervisor.getByTestId(`template-enterprise-create`).click();
    await supervisor.locator('.ant-drawer-open input').first().waitFor();
    await drawerShot(supervisor, 'responsibility-template');
    await supervisor.getByTestId('template-save').click();
    await supervisor.getByTestId('template-enterprise-issue').click();
    await supervisor.getByTestId('issue-target').getByText('指定企业').click();
    await pickMany(supervisor.getByTestId('issue-enterprises'), enterpriseName, enterpriseName.slice(0, 4));
    await modalOk(supervisor, 'issue-ok');
    await supervisor.getByTestId('template-enterprise').getByText('0 / 1（0.0%）').waitFor();
    await screenshot(supervisor, 'responsibility-letters-issued');
  });

  test('enterprise1 reads and signs its letter on a phone (390×844)', async () => {
    const context = await phoneContext(browser);
    const phone = await context.newPage();
    phone.on('pageerror', (error) => console.error(`[page error] ${error.message}`));
    await phone.goto('/');
    await phone.getByTestId('login-username').waitFor();
    await signIn(phone, 'enterprise1');
    await phone.goto('/responsibility/letters');
    await phone.getByTestId(`my-letter-${year}`).getByTestId('my-letter-open').click();
    await phone.getByTestId('letter-detail').waitFor();
    await drawerShot(phone, 'responsibility-phone-letter');
    await sign(phone, 'letter');
    await drawerShot(phone, 'responsibility-phone-signing', 'letter-sign-form');
    await phone.getByTestId('letter-sign').click();
    const digest = (await phone.getByTestId('letter-digest').textContent()) ?? '';
    assert.match(digest, /[0-9a-f]{64}/);
    await phone.getByTestId('letter-verify').click();
    await phone.getByTestId('letter-verify-result').filter({ hasText: '验证通过' }).waitFor();
    const widest = await phone.evaluate(() =>
      Math.max(
        ...Array.from(document.querySelectorAll('.ant-drawer-body *')).map((e) => e.getBoundingClientRect().right),
      ),
    );
    assert.ok(widest <= 391, `the letter reaches ${widest}px on a 390px phone`);
    await drawerShot(phone, 'responsibility-phone-signed', 'letter-verify-result');
    const name = await downloaded(phone, () => phone.getByTestId('letter-word').click());
    assert.match(name, /责任书.*\.docx$/);
    await context.close();
  });

  test('the signing rate moves and the signing list exports', async () => {
    await supervisor.reload();
    await supervisor.getByTestId('template-enterprise').getByText('1 / 1（100.0%）').waitFor();
    const name = await downloaded(supervisor, () => supervisor.getByTestId('template-enterprise-export').click());
    assert.match(name, /签订情况.*\.xlsx$/);
    await screenshot(supervisor, 'responsibility-letters-signed');
  });

  test('a round is assessed from the ledger, published, and the first-ranked enterprise commended', async () => {
    await supervisor.goto('/responsibility/assessment');
    await supervisor.getByTestId('round-create').click();
    await supervisor.locator('.ant-modal-wrap:visible').waitFor();
    await modalOk(supervisor, 'round-create-ok');
    await supervisor.getByTestId('round-open').click();
    // The round opens at once; its snapshot is a background job (快照生成中 until 数据截至 shows).
    await supervisor.getByTestId('round-figures-at').waitFor();
    const results = supervisor.getByTestId('round-results');
    const row = results.locator('tr').filter({ hasText: enterpriseName });
    await row.waitFor();
    // A computed item shows the ledger's figure and opens the records it counted.
    const figure = row.getByTestId('item-c1-figure');
    assert.match((await figure.textContent()) ?? '', /\d+\.\d%/);
    // Every indicator of the default rubric has a module behind it now (training hours, drills too): none is 未接入.
    assert.equal(await row.getByTestId('item-not-connected').count(), 0, 'every default indicator is connected');
    await figure.click();
    await supervisor.getByTestId('records-table').locator('tbody tr.ant-table-row').first().waitFor();
    await drawerShot(supervisor, 'responsibility-assessment-records');
    await closeDrawer(supervisor);
    // The accidents counted open in their own list, filtered to the enterprise (named in the filter) and the year.
    await row.getByTestId('item-c7-figure').click();
    await supervisor.getByTestId('records-table').waitFor();
    await supervisor.getByTestId('records-open-list').click();
    await supervisor.waitForURL(/\/accidents\?enterpriseId=/);
    await supervisor.getByTestId('accident-filter-enterprise').getByText(enterpriseName).waitFor();
    await screenshot(supervisor, 'responsibility-assessment-accidents-list');
    await supervisor.goBack();
    await row.waitFor();

    // enterprise1 self-assesses a manual item on its phone and attaches an evidence picture.
    const context = await phoneContext(browser);
    const phone = await context.newPage();
    phone.on('pageerror', (error) => console.error(`[page error] ${error.message}`));
    await phone.goto('/');
    await phone.getByTestId('login-username').waitFor();
    await signIn(phone, 'enterprise1');
    await phone.goto('/responsibility/assessment');
    await phone.getByTestId('party-self').click();
    await phone.getByTestId('self-text-m1').fill('已建立全员安全生产责任制，逐级签订岗位责任书');
    await upload(phone.getByTestId('self-files-m1'), [png('责任制文件.png', await photo('#3b82f6'))]);
    await drawerShot(phone, 'responsibility-phone-self-assessment', 'self-files-m1');
    const wide = await phone.evaluate(() =>
      Math.max(...Array.from(document.querySelectorAll('.ant-modal *')).map((e) => e.getBoundingClientRect().right)),
    );
    assert.ok(wide <= 391, `the self-assessment reaches ${wide}px on a 390px phone`);
    await modalOk(phone, 'score-ok');
    await context.close();

    // The office sees the self-assessment and opens its evidence while scoring.
    await supervisor.reload();
    await row.getByTestId('party-score').click();
    const evidence = supervisor.getByTestId('evidence-m1').getByTestId('evidence-link');
    await evidence.filter({ hasText: '责任制文件' }).waitFor();
    await supervisor.getByTestId('self-m1').getByText('逐级签订岗位责任书').waitFor();
    const href = (await evidence.first().getAttribute('href')) ?? '';
    const opened = await supervisor.request.get(href);
    assert.equal(opened.status(), 200);
    assert.match(opened.headers()['content-type'] ?? '', /^image\//);
    await drawerShot(supervisor, 'responsibility-assessment-evidence', 'self-m1');
    await supervisor.getByTestId('score-m1').fill('9');
    await supervisor.getByTestId('score-m2').fill('8.5');
    await modalOk(supervisor, 'score-ok');
    await row.getByText('8.5').waitFor();
    await supervisor.getByTestId('round-publish').click();
    await supervisor.locator('.ant-tag').filter({ hasText: '已公布' }).waitFor();
    await screenshot(supervisor, 'responsibility-assessment-published');
    await row.getByTestId('party-commend').click();
    await supervisor.locator('.ant-modal-wrap:visible').waitFor();
    const certificate = await downloaded(supervisor, () => modalOk(supervisor, 'commendation-ok'));
    assert.match(certificate, /荣誉证书.*\.docx$/);
    await supervisor.goto('/responsibility/commendations');
    await supervisor.locator('tr').filter({ hasText: enterpriseName }).first().waitFor();
    await screenshot(supervisor, 'responsibility-commendations');
  });

  test('the responsibility, credit, commitment and accident pages read in English (1440 px and 390×844)', async () => {
    const page = supervisor;
    await page.goto('/responsibility/letters');
    await page.getByTestId('template-enterprise').waitFor();
    await page.getByTestId('lang-switch').click();
    await page.getByTestId('template-enterprise').getByText('Remind unsigned').waitFor();
    await page.getByRole('columnheader', { name: 'Signed by' }).waitFor();
    await screenshot(page, 'responsibility-letters-en');
    await page.locator('tr').filter({ hasText: enterpriseName }).first().getByText('View').click();
    await page.getByTestId('letter-detail').getByText('SM3 digest').waitFor();
    await drawerShot(page, 'responsibility-letter-en');
    await closeDrawer(page);
    await page.goto('/responsibility/assessment');
    await page.getByTestId('round-results').waitFor();
    await page.getByRole('columnheader', { name: 'Rank' }).waitFor();
    await page.getByText(/Grade lines: Excellent/).waitFor();
    await screenshot(page, 'responsibility-assessment-en');
    await page.goto('/responsibility/commendations');
    await page.getByRole('columnheader', { name: 'Certificate no.' }).waitFor();
    await screenshot(page, 'responsibility-commendations-en');
    await page.goto('/credit');
    await page.getByText('Recompute from records').waitFor();
    await screenshot(page, 'credit-en');
    await page.goto('/credit/rules');
    await page.getByText('Grade thresholds').waitFor();
    await screenshot(page, 'credit-rules-en');
    await page.goto('/commitments');
    await page.getByRole('tab', { name: 'History' }).waitFor();
    await screenshot(page, 'commitments-en');
    await page.goto('/accidents');
    await page.getByText('Record accident').waitFor();
    await screenshot(page, 'accidents-en');
    await page.getByText('Record accident').click();
    await page
      .getByTestId('accident-level-preview')
      .getByText(/Level: General accident/)
      .waitFor();
    await drawerShot(page, 'accident-form-en');
    await closeDrawer(page);
    await page.getByTestId('lang-switch').click();
    await page.getByText('登记事故').waitFor();

    const context = await phoneContext(browser);
    await context.addInitScript(() => localStorage.setItem('parksafe.lang', 'en'));
    const phone = await context.newPage();
    const overflow = async (name: string) => {
      const { px, widest } = await phone.evaluate(() => {
        const wide = [...document.querySelectorAll('body *')]
          .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1)
          .slice(0, 5)
          .map((e) => `${e.tagName}.${e.className}`);
        return { px: document.documentElement.scrollWidth - window.innerWidth, widest: wide.join(' | ') };
      });
      assert.ok(px <= 1, `${name}: no sideways scrolling on a phone (overflow ${px}px: ${widest})`);
    };
    await phone.goto('/');
    await signIn(phone, 'supervisor');
    const pages: [string, string, () => Promise<void>][] = [
      [
        '/responsibility/letters',
        'responsibility-letters-en-phone',
        () => phone.getByText('Remind unsigned').first().waitFor(),
      ],
      [
        '/responsibility/assessment',
        'responsibility-assessment-en-phone',
        () => phone.getByTestId('round-results').waitFor(),
      ],
      [
        '/responsibility/commendations',
        'responsibility-commendations-en-phone',
        () => phone.getByText('Record commendation').waitFor(),
      ],
      ['/credit', 'credit-en-phone', () => phone.getByText('Recompute from records').waitFor()],
      ['/commitments', 'commitments-en-phone', () => phone.getByRole('tab', { name: 'History' }).waitFor()],
      ['/accidents', 'accidents-en-phone', () => phone.getByText('Record accident').waitFor()],
    ];
    for (const [path, name, ready] of pages) {
      await phone.goto(path);
      await ready();
      await screenshot(phone, name, false);
      await overflow(name);
    }
    await context.close();

    const entContext = await phoneContext(browser);
    await entContext.addInitScript(() => localStorage.setItem('parksafe.lang', 'en'));
    const ent = await entContext.newPage();
    await ent.goto('/');
    await signIn(ent, 'enterprise1');
    await ent.goto('/responsibility/letters');
    await ent.getByTestId(`my-letter-${year}`).getByText('Signed', { exact: true }).waitFor();
    await screenshot(ent, 'responsibility-my-letters-en-phone', false);
    await ent.goto('/my-commitments');
    await ent.getByText('Our commitments').waitFor();
    await screenshot(ent, 'my-commitments-en-phone', false);
    await entContext.close();
  });
});
