// 诚信体系 in the browser: the supervisor reads enterprise1's credit, records a major hazard for it (criterion
// GM2023-11-3) and sees the score fall by the rule's points with the hazard named in the history, which links to the
// hazard; the accidents register, the commitments' missing list and the rule table are looked at. enterprise1, on a
// 390×844 phone, posts this period's safety commitment (one review item with an issue) and reads its own credit.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { CreditDetail } from '../shared/src/credit';
import { apiCall, choose, closeDrawer, parkDay, phoneContext, pickDate, screenshot, search } from './forms';
import { launchBrowser, openConsole, signIn } from './support';

describe('enterprise credit and commitments', () => {
  let browser: Browser;
  let supervisor: Page;
  let enterpriseName = '';
  let enterpriseId = '';
  let major = '';

  before(async () => {
    browser = await launchBrowser();
    supervisor = await openConsole(browser);
    await signIn(supervisor, 'supervisor');
    const ent = await openConsole(browser);
    await signIn(ent, 'enterprise1');
    const session = await apiCall<{ me: { organisationName: string; enterpriseId: string } }>(
      ent,
      'GET',
      '/api/auth/session',
    );
    enterpriseName = session.body.me.organisationName;
    enterpriseId = session.body.me.enterpriseId;
    await ent.context().close();
  });
  after(() => browser.close());

  const openCredit = async (page: Page) => {
    await page.goto('/credit');
    await page.getByTestId('credit-table').waitFor();
    await page.getByPlaceholder('企业名称 / 信用代码').fill(enterpriseName);
    await page.getByRole('button', { name: /查\s*询/ }).click();
    await page.getByTestId('credit-table').getByText(enterpriseName).first().click();
    await page.getByTestId('credit-detail').waitFor();
    return Number((await page.getByTestId('credit-score').textContent())?.trim());
  };

  test('a major hazard recorded for enterprise1 lowers its credit score and the history names it', async () => {
    const page = supervisor;
    // The 诚信体系 group opens by itself when one of its pages shows; from the home page it is opened by hand.
    if (!(await page.getByTestId('menu-credit').isVisible())) await page.getByTestId('menu-group-credit').click();
    await page.getByTestId('menu-credit').click();
    await page.getByTestId('credit-grade-strip').waitFor();
    await screenshot(page, 'credit-list', false);
    const before_ = await openCredit(page);
    assert.ok(before_ > 0, 'a score is shown');
    const api = await apiCall<CreditDetail>(page, 'GET', `/api/credit/enterprises/${enterpriseId}`);
    assert.equal(api.body.score, before_);
    await closeDrawer(page);

    // The hazard, recorded through the ledger's form against a criterion (so 重大).
    await page.goto('/hazards');
    await page.getByTestId('hazard-stats').waitFor();
    await page.getByTestId('hazard-create').click();
    await page.getByTestId('hazard-form').waitFor();
    await search(page.getByTestId('hazard-enterprise'), enterpriseName);
    await page.getByTestId('hazard-description').fill('木粉干式除尘系统未采取泄爆、惰化、抑爆任一种爆炸防控措施');
    await page.getByTestId('hazard-location').fill('木工车间除尘器');
    await choose(page.getByTestId('hazard-category'), '物的不安全状态');
    await choose(page.getByTestId('hazard-source'), '专业性排查');
    await search(page.getByTestId('hazard-criterion'), 'GM2023-11-3');
    await page.getByTestId('hazard-major-alert').waitFor();
    await page.getByTestId('hazard-requirement').fill('加装泄爆装置，停用该除尘系统直至整改完成');
    await pickDate(page.getByTestId('hazard-deadline'), parkDay(30));
    await page.getByTestId('hazard-responsible').fill('李厂长');
    await page.getByTestId('hazard-form-submit').click();
    await page.getByTestId('hazard-detail').waitFor();
    major = ((await page.getByTestId('hazard-serial').textContent()) ?? '').trim();
    assert.match(major, /^YH\d{4}-\d{6}$/);

    const rules = await apiCall<{ rules: { kind: string; points: number }[] }>(page, 'GET', '/api/credit/rules');
    const points = rules.body.rules.find((r) => r.kind === 'majorHazard')!.points;
    const after_ = await openCredit(page);
    assert.equal(after_, Math.max(0, before_ + points), `the score falls by ${points}`);
    const event = page.getByTestId('credit-event').filter({ hasText: major });
    await event.waitFor();
    await event.getByText('重大事故隐患').waitFor();
    await event.getByText('计分中').waitFor();
    await page.waitForTimeout(600);
    await screenshot(page, 'credit-detail-major-hazard', false);
    // The history links to the hazard it came from.
    await event.getByTestId('credit-event-source').click();
    await page.getByTestId('hazard-detail').waitFor();
    await page.getByTestId('hazard-serial').filter({ hasText: major }).waitFor();
  });

  test('the registers: accidents, missing commitments and the rule table', async () => {
    const page = supervisor;
    await page.goto('/accidents');
    await page.getByTestId('accidents-table').waitFor();
    await page.getByTestId('accident-totals').filter({ hasText: '共 2 起' }).waitFor();
    await screenshot(page, 'credit-accidents', false);
    // The form computes the level from the figures and says the thresholds are still to be verified.
    await page.getByTestId('accident-create').click();
    await page.getByTestId('accident-form').waitFor();
    await page.getByTestId('accident-serious').fill('12');
    await page.getByTestId('accident-level-preview').filter({ hasText: '较大事故' }).waitFor();
    await page.getByText('等级划分标准待核对').waitFor();
    await screenshot(page, 'credit-accident-form', false);
    await page.locator('.ant-drawer-open .ant-drawer-close').click();

    await page.goto('/commitments');
    await page.getByTestId('commitments-missing').waitFor();
    const missing = Number((await page.getByTestId('commitments-missing-count').textContent())?.trim());
    assert.ok(missing > 0, 'the demo leaves some enterprises without today’s commitment');
    await page.getByTestId('commitments-status-item').first().waitFor();
    await screenshot(page, 'credit-commitments-missing', false);

    await page.goto('/credit/rules');
    await page.getByTestId('credit-rules-form').waitFor();
    await screenshot(page, 'credit-rules', false);
  });

  test('the enterprise list filters and sorts by credit grade', async () => {
    const page = supervisor;
    const mine = await apiCall<CreditDetail>(page, 'GET', `/api/credit/enterprises/${enterpriseId}`);
    const grade = mine.body.grade;
    const counts = await apiCall<{ gradeCounts: Record<string, number> }>(page, 'GET', '/api/credit/enterprises');
    await page.goto('/enterprises');
    await page.getByTestId('enterprise-table').waitFor();
    await choose(page.getByTestId('filter-creditGrade'), `${grade} 级`);
    await page.getByTestId('filter-search').click();
    const rows = page.locator('[data-testid=enterprise-table] tbody tr.ant-table-row');
    await page
      .getByTestId('enterprise-total')
      .filter({ hasText: `共 ${counts.body.gradeCounts[grade]} 条` })
      .waitFor();
    const shown = await rows.getByTestId('credit-grade').allTextContents();
    assert.ok(shown.length > 0);
    assert.deepEqual([...new Set(shown.map((g) => g.trim()))], [grade]);
    await screenshot(page, 'credit-enterprise-list-by-grade', false);
    // Sorted by grade, worst first: the first row is the lowest grade there is.
    await page.getByRole('button', { name: /重\s*置/ }).click();
    const header = page.locator('[data-testid=enterprise-table] th').filter({ hasText: '诚信等级' });
    await header.click();
    await header.click();
    const worst = ['D', 'C', 'B', 'A'].find((g) => (counts.body.gradeCounts[g] ?? 0) > 0)!;
    await page.waitForFunction(
      (g) =>
        document.querySelector('[data-testid=enterprise-table] tbody [data-testid=credit-grade]')?.textContent === g,
      worst,
    );
    await screenshot(page, 'credit-enterprise-list-sorted', false);
  });

  test('enterprise1 posts its safety commitment on a 390×844 phone and reads its own credit', async () => {
    const context = await phoneContext(browser);
    const phone = await context.newPage();
    phone.on('pageerror', (error) => console.error(`[page error] ${error.message}`));
    await phone.goto('/my-commitments');
    await phone.getByTestId('login-username').waitFor();
    await signIn(phone, 'enterprise1');
    await phone.goto('/my-commitments');
    const card = phone.locator('[data-testid^=commitment-card-]').first();
    await card.waitFor();
    await card.getByTestId('commitment-state').filter({ hasText: '待承诺' }).waitFor();
    const widest = await phone.evaluate(() =>
      Math.max(...Array.from(document.querySelectorAll('.page-body *')).map((e) => e.getBoundingClientRect().right)),
    );
    assert.ok(widest <= 391, `the commitment form reaches ${widest}px on a 390px phone`);
    await screenshot(phone, 'credit-commitment-phone-form', false);

    // A future day is refused by the server whatever the form sends.
    const types = await apiCall<{ items: { type: { id: string; reviewItems: string[] } }[] }>(
      phone,
      'GET',
      '/api/commitments/mine',
    );
    const type = types.body.items[0]!.type;
    const future = await apiCall<{ error: { fields: Record<string, string> } }>(phone, 'POST', '/api/commitments', {
      typeId: type.id,
      periodDate: parkDay(40),
      review: type.reviewItems.map((item) => ({ item, ok: true })),
      commitmentText: '我承诺依法依规组织生产经营，发现隐患及时整改。',
      committedBy: '测试人',
    });
    assert.equal(future.status, 422);
    assert.match(future.body.error.fields.periodDate ?? '', /未来/);

    // antd puts the test id on the radio's hidden input: the person taps its label.
    await card.getByTestId('commitment-issue-1').locator('xpath=ancestor::label[1]').click();
    await card.getByTestId('commitment-note-1').fill('防护栏局部松动，已安排当日紧固');
    await card.getByTestId('commitment-submit').click();
    await card.getByTestId('commitment-state').filter({ hasText: '已承诺' }).waitFor();
    await card.getByTestId('commitment-posted').getByText('防护栏局部松动').waitFor();
    await phone.getByTestId('commitment-history-item').first().waitFor();
    await screenshot(phone, 'credit-commitment-phone-posted', false);

    await phone.goto('/my-credit');
    await phone.getByTestId('credit-detail').waitFor();
    await phone.getByTestId('credit-event').filter({ hasText: major }).waitFor();
    await screenshot(phone, 'credit-my-credit-phone', false);
    // Another enterprise's credit is not there for it.
    const own = await apiCall<{ items: { enterpriseId: string }[] }>(phone, 'GET', '/api/credit/enterprises');
    assert.deepEqual(
      own.body.items.map((i) => i.enterpriseId),
      [enterpriseId],
    );
    await context.close();
  });
});
