// 应急与服务 in the browser. Work resumption: enterprise1 (待复工 for the test) applies on a 390×844 phone with its
// self-inspection linked, the supervisor returns it once with a reason, the enterprise corrects and resubmits, the
// supervisor confirms after the on-site check, and the enterprise is 在营 again. Drills: the supervisor records a drill
// of enterprise1 with a problem, turns the problem into a hazard in one step, the hazard opens in the ledger, and a
// second conversion is refused; the drill's payment is recorded from its drawer (once) and the funds ledger opens the
// drill. Guidance and talks are looked at on a desk and a phone.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { apiCall, choose, closeDrawer, drawerShot, parkDay, phoneContext, pickDate, screenshot, search } from './forms';
import { launchBrowser, openConsole, signIn } from './support';

/**
 * Clicks 提交 until the form's request is on its way: on a loaded machine a click during the drawer's or a dropdown's
 * closing animation is now and then lost. A form that refuses to submit names its fields in the failure.
 */
async function submitOnce(page: Page, path: string): Promise<void> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const sent = page
      .waitForRequest((r) => r.method() === 'POST' && new URL(r.url()).pathname === path, { timeout: 15_000 })
      .then(() => true)
      .catch(() => false);
    await page.getByTestId('resumption-submit').click();
    if (await sent) return;
  }
  const errors = await page.locator('.ant-form-item-explain-error').allTextContents();
  throw new Error(`the form was not submitted: ${errors.join('；') || 'no field errors'}`);
}

describe('drills, work resumption, guidance and talks', () => {
  let browser: Browser;
  let supervisor: Page;
  let phone: Page;
  let enterpriseName = '';
  let enterpriseId = '';
  let drillId = '';

  before(async () => {
    browser = await launchBrowser();
    supervisor = await openConsole(browser);
    await signIn(supervisor, 'supervisor');
    const context = await phoneContext(browser);
    phone = await context.newPage();
    await phone.goto('/');
    await signIn(phone, 'enterprise1');
    const session = await apiCall<{ me: { organisationName: string; enterpriseId: string } }>(
      phone,
      'GET',
      '/api/auth/session',
    );
    enterpriseName = session.body.me.organisationName;
    enterpriseId = session.body.me.enterpriseId;
  });
  after(() => browser.close());

  const statusOf = async () =>
    (await apiCall<{ status: string; rowVersion: number }>(supervisor, 'GET', `/api/enterprises/${enterpriseId}`)).body;

  test('an enterprise applies for resumption, is returned once, then confirmed, and is 在营 again', async () => {
    // Set-up: the enterprise stopped work (待复工) and has done its pre-resumption self-inspection.
    const before_ = await statusOf();
    const set = await apiCall(supervisor, 'PATCH', `/api/enterprises/${enterpriseId}`, {
      status: 'pendingResumption',
      rowVersion: before_.rowVersion,
    });
    assert.equal(set.status, 200);
    const self = await apiCall<{ id: string }>(phone, 'POST', '/api/inspections', {
      enterpriseId,
      inspectedOn: parkDay(-1),
      kind: 'selfInspection',
      externalInspectors: ['安全员'],
      summary: '复工前全面隐患排查',
    });
    assert.equal(self.status, 200);
    // …and its all-staff training, which the checklist's training item links (a record, not only a file).
    const training = await apiCall<{ id: string }>(phone, 'POST', '/api/training/sessions', {
      kind: 'centralised',
      title: '复工前全员安全生产培训',
      occurredOn: parkDay(-1),
      organiserKind: 'enterprise',
      trainer: '安全总监',
      hours: 2,
      attendees: [],
    });
    assert.equal(training.status, 200);

    // The enterprise applies on its phone.
    await phone.goto('/resumption');
    await phone.getByTestId('resumption-apply').click();
    await phone.getByTestId('resumption-form').waitFor();
    await phone.getByTestId('resumption-check').first().waitFor();
    await pickDate(phone.getByTestId('resumption-planned'), parkDay(3));
    await phone.getByTestId('resumption-workforce').fill('86');
    await phone.getByTestId('resumption-contact-phone-input').fill('13712345678');
    await phone.getByTestId('resumption-check-hazard-check').check();
    await choose(phone.getByTestId('resumption-evidence-hazard-check'), '企业自查');
    await phone.getByTestId('resumption-check-staff-training').check();
    await choose(phone.getByTestId('resumption-evidence-staff-training'), '复工前全员安全生产培训');
    await phone.getByTestId('resumption-check-plans-people').check();
    await phone.getByTestId('resumption-check-key-posts').check();
    await screenshot(phone, 'resumption-apply-phone', false);
    await submitOnce(phone, '/api/resumption');
    await phone.getByTestId('resumption-detail').waitFor();
    await phone.getByTestId('resumption-state').filter({ hasText: '待确认' }).first().waitFor();
    const id = new URL(phone.url()).searchParams.get('application');
    assert.ok(id, 'the application opens in its drawer');
    await screenshot(phone, 'resumption-detail-phone', false);

    // The supervisor returns it once with a reason.
    await supervisor.goto(`/resumption?application=${id}`);
    await supervisor.getByTestId('resumption-detail').waitFor();
    await supervisor.getByTestId('resumption-training-link').filter({ hasText: '复工前全员安全生产培训' }).waitFor();
    await supervisor.getByTestId('resumption-return').click();
    await supervisor.getByTestId('resumption-opinion').fill('自查记录未附整改前后照片，请补充后重新提交');
    await supervisor.getByTestId('resumption-decision-submit').click();
    await supervisor.getByTestId('resumption-detail').getByText('已退回：自查记录未附整改前后照片').waitFor();

    // The enterprise sees why, corrects and resubmits.
    await phone.goto(`/resumption?application=${id}`);
    await phone.getByText('已退回：自查记录未附整改前后照片').waitFor();
    await phone.getByTestId('resumption-resubmit').click();
    await phone.getByTestId('resumption-form').waitFor();
    await phone.getByTestId('resumption-check').first().waitFor();
    // The contact phone is stored encrypted: the form shows its mask, and sending the mask keeps the number.
    assert.equal(await phone.getByTestId('resumption-contact-phone-input').inputValue(), '137****5678');
    await submitOnce(phone, `/api/resumption/${id}/resubmit`);
    await phone
      .getByTestId('resumption-detail')
      .getByTestId('resumption-state')
      .filter({ hasText: '待确认' })
      .waitFor();

    // The supervisor confirms after the on-site check: 在营 again.
    await supervisor.goto(`/resumption?application=${id}`);
    await supervisor.getByTestId('resumption-confirm').click();
    await supervisor.getByTestId('resumption-opinion').fill('现场核查：隐患整改到位，培训记录齐全，同意复工');
    await supervisor.getByTestId('resumption-decision-submit').click();
    await supervisor
      .getByTestId('resumption-detail')
      .getByTestId('resumption-state')
      .filter({ hasText: '已确认复工' })
      .waitFor();
    await supervisor.getByTestId('resumption-enterprise-status').filter({ hasText: '在营' }).waitFor();
    // 联系电话 masked; 查看 (a reason, audited) shows the number kept through the resubmission.
    const contact = supervisor.getByTestId('resumption-contact-phone');
    assert.equal(await contact.textContent(), '137****5678');
    await supervisor.getByTestId('resumption-contact-phone-show').click();
    await supervisor.getByTestId('resumption-contact-phone-confirm').click();
    await contact.filter({ hasText: '13712345678' }).waitFor();
    await supervisor.getByText('现场核查后确认复工 · 张安监').waitFor();
    await screenshot(supervisor, 'resumption-confirmed', false);
    assert.equal((await statusOf()).status, 'operating');
    // Confirming again is refused by the state machine.
    const again = await apiCall<{ error: { code: string } }>(supervisor, 'POST', `/api/resumption/${id}/decision`, {
      action: 'confirm',
      checkedOn: parkDay(0),
      rowVersion: 99,
    });
    assert.equal(again.status, 409);
    await closeDrawer(supervisor);
    await supervisor.getByTestId('resumption-counts').waitFor();
    await screenshot(supervisor, 'resumption-season', false);
  });

  test('a drill problem becomes a hazard in one step and shows in the ledger; a second conversion is refused', async () => {
    const page = supervisor;
    await page.goto('/drills');
    await page.getByTestId('drills-table').waitFor();
    await page.getByTestId('drill-figures').waitFor();
    await screenshot(page, 'drills-list', false);
    await page.getByTestId('drill-create').click();
    await page.getByTestId('drill-form').waitFor();
    await search(page.getByTestId('drill-enterprise'), enterpriseName);
    await page.getByTestId('drill-title').fill('有限空间中毒窒息事故应急救援演练');
    await choose(page.getByTestId('drill-scenario'), '有限空间');
    await page.getByTestId('drill-place').fill('污水处理站调节池');
    await page.getByTestId('drill-organiser').fill('企业安全管理部');
    await page.getByTestId('drill-headcount').fill('28');
    await page.getByTestId('drill-problem-add').click();
    await page.getByTestId('drill-problem-input').fill('四合一气体检测仪超过校准有效期，读数不可靠');
    await page.getByTestId('drill-submit').click();
    await page.getByTestId('drill-detail').waitFor();
    await page.getByTestId('drill-problem-convert').click();
    await choose(page.getByTestId('drill-convert-category'), '物的不安全状态');
    await pickDate(page.getByTestId('drill-convert-deadline'), parkDay(14));
    await page.getByTestId('drill-convert-submit').click();
    const tag = page.getByTestId('drill-problem-hazard');
    await tag.waitFor();
    const serial = ((await tag.textContent()) ?? '').replace('已转隐患', '').trim();
    assert.match(serial, /^YH\d{4}-\d{6}$/);
    await screenshot(page, 'drill-problem-converted', false);
    drillId = new URL(page.url()).searchParams.get('drill') ?? '';
    const detail = await apiCall<{ problems: { id: string; hazardId: string }[] }>(
      page,
      'GET',
      `/api/drills/${drillId}`,
    );
    const twice = await apiCall<{ error: { code: string } }>(
      page,
      'POST',
      `/api/drills/${drillId}/problems/${detail.body.problems[0]!.id}/hazard`,
      { category: 'unsafeCondition', deadline: parkDay(14) },
    );
    assert.equal(twice.status, 409);
    assert.equal(twice.body.error.code, 'DRILL_PROBLEM_CONVERTED');
    // The hazard is in the ledger.
    await tag.click();
    await page.getByTestId('hazard-detail').waitFor();
    await page.getByTestId('hazard-serial').filter({ hasText: serial }).waitFor();
    const ledger = await apiCall<{ items: { serial: string }[] }>(
      page,
      'GET',
      `/api/hazards?enterpriseId=${enterpriseId}&pageSize=100`,
    );
    assert.ok(
      ledger.body.items.some((h) => h.serial === serial),
      'the ledger lists the hazard',
    );

    // The enterprise sees the drill and the hazard on its phone.
    await phone.goto('/drills');
    await phone.getByTestId('drills-cards').waitFor();
    await phone.getByTestId('drill-card').first().waitFor();
    await screenshot(phone, 'drills-phone', false);
  });

  test("a drill's payment is recorded from its drawer once, and the funds ledger opens the drill", async () => {
    const page = supervisor;
    await page.goto(`/drills?drill=${drillId}`);
    await page.getByTestId('drill-detail').waitFor();
    const payments = page.getByTestId('subject-payments');
    await payments.getByText('尚无专项资金支出').waitFor();
    await payments.getByTestId('subject-pay').click();
    await page.getByTestId('fund-form').waitFor();
    await page.getByTestId('fund-fixed-subject').getByText('有限空间中毒窒息事故应急救援演练').waitFor();
    await page.getByTestId('fund-amount').fill('3600');
    await pickDate(page.getByTestId('fund-paid-on'), parkDay(0));
    await page.getByTestId('fund-supplier').fill('应急救援器材公司');
    await page.getByTestId('fund-submit').click();
    await payments.getByTestId('subject-payment').getByText('3,600.00 元').waitFor();
    // Recorded once: the action is gone, and a second try is refused in Chinese.
    assert.equal(await payments.getByTestId('subject-pay').count(), 0);
    await drawerShot(page, 'drill-fund-entry', 'subject-payments');
    const twice = await apiCall<{ error: { code: string; message: string } }>(page, 'POST', '/api/funds/by-subject', {
      purpose: 'drills',
      amount: 100,
      paidOn: parkDay(0),
      description: '重复登记',
      subject: { kind: 'drill', id: drillId },
    });
    assert.equal(twice.status, 409);
    assert.equal(twice.body.error.code, 'FUND_RECORDED_BY_SUBJECT');
    // The entry opens in the ledger, whose subject link opens the drill again.
    await payments.getByTestId('subject-payment').getByRole('link').click();
    await page.getByTestId('fund-detail').waitFor();
    await page.getByTestId('fund-detail').getByTestId('fund-subject-link').click();
    await page.waitForURL(/\/drills\?drill=/);
    await page.getByTestId('drill-detail').waitFor();
    assert.equal(new URL(page.url()).searchParams.get('drill'), drillId);

    // The same drawer on a 390×844 phone.
    const context = await phoneContext(browser);
    const mobile = await context.newPage();
    await mobile.goto('/');
    await signIn(mobile, 'supervisor');
    await mobile.goto(`/drills?drill=${drillId}`);
    await mobile.getByTestId('subject-payments').getByTestId('subject-payment').waitFor();
    await drawerShot(mobile, 'drill-fund-entry-phone', 'subject-payments');
    await context.close();
  });

  test('guidance visits and talks: the register and the without-drill list', async () => {
    const page = supervisor;
    await page.goto('/guidance');
    await page.getByTestId('guidance-table').waitFor();
    await page.getByTestId('guidance-figures').waitFor();
    await screenshot(page, 'guidance-list', false);
    await page.getByTestId('guidance-table').locator('.list-row').first().click();
    await page.getByTestId('guidance-detail').waitFor();
    await screenshot(page, 'guidance-detail', false);
    await page.goto('/drills');
    await page.getByRole('tab', { name: '本年未演练企业' }).click();
    await page.getByTestId('drill-none-table').locator('.ant-table-row').first().waitFor();
    await screenshot(page, 'drills-without-drill', false);
    await phone.goto('/guidance');
    await phone.getByTestId('guidance-figures').waitFor();
    await screenshot(phone, 'guidance-phone', false);
  });

  test('the drills page reads in English too', async () => {
    const page = supervisor;
    await page.goto('/drills');
    await page.getByTestId('drills-table').waitFor();
    await page.getByTestId('lang-switch').click();
    await page.getByRole('tab', { name: 'No drill this year' }).waitFor();
    assert.match((await page.getByTestId('drill-figures').textContent()) ?? '', /^Drills in \d{4}/);
    const headers = await page.getByTestId('drills-table').locator('thead').textContent();
    assert.match(headers ?? '', /Drilling unit/);
    assert.doesNotMatch(headers ?? '', /[\u4e00-\u9fff]/);
    assert.equal(await page.getByTestId('drill-create').textContent(), 'Record drill');
    await screenshot(page, 'drills-en', false);
    await page.getByTestId('lang-switch').click();
    await page.getByRole('tab', { name: '演练记录' }).waitFor();
  });
});
