// 教育培训 in the browser: the supervisor sees a new enterprise's untrained principal on the 随投产随培训 list, records
// the training from that row and the principal leaves the list; records a session with 30 attendees pasted in, given
// by a training centre whose qualification has lapsed (warned, then confirmed); keeps the service providers (list with
// the expired tag, a new provider). enterprise1 on a 390×844 phone reads its sessions and its annual plan. A committee
// session takes photos and a PDF of materials; enterprise1 (the session is open to all) opens them, an inspector
// too, and a park file never uploaded for a session is refused.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { NewEnterpriseGap, SessionView } from '../shared/src/training';
import {
  apiCall,
  choose,
  closeDrawer,
  drawerShot,
  phoneContext,
  photo,
  pickDate,
  png,
  screenshot,
  upload,
} from './forms';
import { launchBrowser, openConsole, signIn } from './support';

const MINIMAL_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
    '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

describe('training', () => {
  let browser: Browser;
  let supervisor: Page;

  before(async () => {
    browser = await launchBrowser();
    supervisor = await openConsole(browser);
    await signIn(supervisor, 'supervisor');
  });
  after(() => browser.close());

  test('the new-enterprise rule lists an untrained principal, who leaves the list once trained', async () => {
    const page = supervisor;
    await page.goto('/training/new-enterprises');
    await page.getByTestId('gaps').waitFor();
    const gaps = await apiCall<{ items: NewEnterpriseGap[] }>(page, 'GET', '/api/training/new-enterprises');
    const principal = gaps.body.items.find((g) => g.role === 'principal' && g.personName);
    assert.ok(principal, 'the demo has a new enterprise whose principal is not trained');
    assert.ok(principal.daysSinceStart > 0 && principal.daysSinceStart < 60);
    const row = page.getByTestId('gap-row').filter({ hasText: principal.enterpriseName }).filter({
      hasText: principal.personName!,
    });
    await row.waitFor();
    await screenshot(page, 'training-new-enterprises');

    await row.getByTestId('gap-record').click();
    await page.getByTestId('session-form').waitFor();
    await page.getByTestId('attendee-table').getByText(principal.enterpriseName).waitFor();
    await screenshot(page, 'training-new-enterprise-form', false);
    await page.getByTestId('session-submit').click();
    await page.getByTestId('session-form').waitFor({ state: 'detached' });
    await row.waitFor({ state: 'detached' });
    const after_ = await apiCall<{ items: NewEnterpriseGap[] }>(page, 'GET', '/api/training/new-enterprises');
    assert.ok(
      !after_.body.items.some((g) => g.enterpriseId === principal.enterpriseId && g.role === 'principal'),
      'the trained principal has left the list',
    );
    assert.ok(
      after_.body.items.some((g) => g.enterpriseId === principal.enterpriseId && g.role === 'safetyManager'),
      'the safety manager, not yet trained, stays',
    );
  });

  test('records a session with 30 attendees pasted in, from a provider whose qualification lapsed', async () => {
    const page = supervisor;
    const ents = await apiCall<{ items: { name: string }[] }>(page, 'GET', '/api/enterprises?pageSize=3&sort=name');
    const names = ents.body.items.map((e) => e.name);
    const posts = ['安全员', '操作工', '班组长', '总经理', '电工', '叉车司机'];
    const lines = Array.from(
      { length: 30 },
      (_, i) =>
        `${'赵钱孙李周吴郑王冯陈'[i % 10]}${'一二三四五六七八九十'[Math.floor(i / 10)]}${'甲乙丙丁戊'[i % 5]} ${names[i % 3]} ${posts[i % 6]}${i % 10 === 9 ? ' 不合格' : ''}${i === 0 ? ' 13811112222' : ''}`,
    );

    await page.goto('/training/sessions');
    await page.getByTestId('sessions-table').or(page.getByTestId('session-create')).first().waitFor();
    await page.getByTestId('session-create').click();
    await page.getByTestId('session-form').waitFor();
    await choose(page.getByTestId('session-kind'), '专题培训');
    await page.getByTestId('session-title').fill('有限空间作业安全专题培训（第二期）');
    await page.getByTestId('session-hours').fill('4');
    await choose(page.getByTestId('session-organiser'), '委托培训机构');
    await choose(page.getByTestId('session-provider'), '园区职业安全培训中心');
    await page.getByTestId('session-provider-warning').waitFor();
    await page.getByTestId('session-trainer').fill('钱老师');

    await page.getByTestId('attendee-paste').click();
    await page.getByTestId('attendee-paste-text').fill(lines.join('\n'));
    await page.getByRole('button', { name: /识\s*别/ }).click();
    await page.getByTestId('attendee-parsed').getByText('可添加 30 人').waitFor();
    await page.getByTestId('attendee-paste-add').click();
    await page.getByTestId('attendee-count').getByText('共 30 人').waitFor();
    await screenshot(page, 'training-session-form', false);

    await page.getByTestId('session-submit').click();
    // The centre's qualification had lapsed: the server asks, the user confirms.
    await page.getByTestId('provider-expired-confirm').click();
    await page.getByTestId('session-detail').waitFor();
    await page.getByTestId('session-provider-expired').waitFor();
    const rows = page.getByTestId('session-attendees').locator('tbody tr.ant-table-row');
    assert.equal(await rows.count(), 30);
    await drawerShot(page, 'training-session-detail');

    // The attendee's phone is stored encrypted and shown masked; 查看 (a reason, audited) shows it.
    const phone = page.getByTestId('attendee-phone-0');
    assert.equal(await phone.textContent(), '138****2222');
    await page.getByTestId('attendee-phone-0-show').click();
    await page.getByTestId('attendee-phone-0-confirm').click();
    await phone.filter({ hasText: '13811112222' }).waitFor();
    await page.getByTestId('attendee-phone-0-hide').click();
    await phone.filter({ hasText: '138****2222' }).waitFor();

    // Edited and saved as shown, the masked phone keeps the stored number.
    await page.getByTestId('session-edit').click();
    await page.getByTestId('session-form').waitFor();
    await page.getByTestId('session-trainer').fill('钱老师、孙老师');
    await page.getByTestId('session-submit').click();
    const confirm = page.getByTestId('provider-expired-confirm');
    await Promise.race([
      confirm
        .waitFor({ timeout: 15_000 })
        .then(() => confirm.click())
        .catch(() => {}),
      page.getByTestId('session-form').waitFor({ state: 'detached' }),
    ]);
    await page.getByTestId('session-form').waitFor({ state: 'detached' });
    await page.getByTestId('session-detail').getByText('钱老师、孙老师').waitFor();
    await phone.filter({ hasText: '138****2222' }).waitFor();

    const id = new URL(page.url()).searchParams.get('session')!;
    const saved = await apiCall<SessionView>(page, 'GET', `/api/training/sessions/${id}`);
    assert.equal(saved.body.attendees.length, 30);
    assert.equal(saved.body.failedCount, 3);
    assert.equal(saved.body.providerExpired, true);
    assert.equal(saved.body.attendees.filter((a) => a.role === 'principal').length, 5);
    assert.equal(saved.body.attendees[0]!.phone, '138****2222');
    const revealed = await apiCall<{ value: string }>(page, 'POST', '/api/personal-data/reveal', {
      entityType: 'trainingAttendee',
      id: saved.body.attendees[0]!.id,
      field: 'phone',
      reason: '核对参训人员联系方式',
    });
    assert.equal(revealed.body.value, '13811112222');
    await closeDrawer(page);
    await screenshot(page, 'training-sessions');
  });

  test('the providers page lists qualifications with the expired tag, and a provider is added', async () => {
    const page = supervisor;
    await page.goto('/providers');
    await page.getByTestId('providers-table').waitFor();
    await page.getByTestId('providers-table').getByTestId('provider-expired').first().waitFor();
    await screenshot(page, 'training-providers');
    await page.getByTestId('providers-table').getByText('苏州安达消防技术服务有限公司').click();
    await page.getByTestId('provider-detail').getByText('消防专题培训').first().waitFor();
    // The contact phone is stored encrypted and shown masked; 查看 (a reason, audited) shows it.
    const contact = page.getByTestId('provider-contact-phone');
    assert.equal(await contact.textContent(), '139****0317');
    await page.getByTestId('provider-contact-phone-show').click();
    await page.getByTestId('provider-contact-phone-confirm').click();
    await contact.filter({ hasText: '13962100317' }).waitFor();
    await drawerShot(page, 'training-provider-detail');
    await closeDrawer(page);

    await page.getByTestId('provider-create').click();
    await page.getByTestId('provider-form').waitFor();
    await page.getByTestId('provider-name').fill('苏州诚安安全培训有限公司');
    await page.getByTestId('provider-qualification').fill('安全生产培训机构');
    await pickDate(page.getByTestId('provider-valid-until'), '2024-12-31');
    await page.getByTestId('provider-submit').click();
    await page.getByTestId('provider-detail').getByTestId('provider-expired').waitFor();
    await closeDrawer(page);
  });

  test('enterprise1 on a phone reads its sessions and its annual plan', async () => {
    const context = await phoneContext(browser);
    const page = await context.newPage();
    await page.goto('/');
    await signIn(page, 'enterprise1');
    await page.goto('/training/sessions');
    await page.getByTestId('sessions-cards').waitFor();
    await page.getByTestId('session-card').first().waitFor();
    await screenshot(page, 'training-phone-sessions');
    await page.getByTestId('session-card').first().click();
    await page.getByTestId('session-detail').waitFor();
    await drawerShot(page, 'training-phone-session-detail');
    await closeDrawer(page);

    await page.goto('/training/plans');
    await page.getByTestId('plan-card').first().click();
    await page.getByTestId('plan-detail').waitFor();
    await page.getByTestId('plan-item-state').first().waitFor();
    await drawerShot(page, 'training-phone-plan');
    await closeDrawer(page);

    await page.goto('/training/sessions');
    await page.getByTestId('session-create').click();
    await page.getByTestId('session-form').waitFor();
    await screenshot(page, 'training-phone-form', false);
    await context.close();
  });

  test('a committee session takes photos and PDF materials, which an enterprise reading the session opens', async () => {
    const page = supervisor;
    const title = '危险化学品安全管理警示教育（附件测试）';
    await page.goto('/training/sessions');
    await page.getByTestId('session-create').click();
    await page.getByTestId('session-form').waitFor();
    await choose(page.getByTestId('session-kind'), '警示教育');
    await page.getByTestId('session-title').fill(title);
    await page.getByTestId('session-open-to-all').check();
    await upload(page.getByTestId('session-park-photos'), [png('现场.png', await photo('#16a085'))]);
    await upload(page.getByTestId('session-materials'), [
      { name: '警示教育课件.pdf', mimeType: 'application/pdf', buffer: MINIMAL_PDF },
    ]);
    await screenshot(page, 'training-committee-files-form', false);
    await page.getByTestId('session-submit').click();
    await page.getByTestId('session-detail').waitFor();
    await page.getByTestId('session-detail-photos').locator('img').first().waitFor();
    await page.getByTestId('session-detail-materials').getByText('警示教育课件.pdf').waitFor();
    await drawerShot(page, 'training-committee-files', 'session-detail-materials');
    const id = new URL(page.url()).searchParams.get('session')!;
    const saved = await apiCall<SessionView>(page, 'GET', `/api/training/sessions/${id}`);
    assert.equal(saved.body.photos.length, 1);
    assert.equal(saved.body.materials[0]?.mime, 'application/pdf');
    await closeDrawer(page);

    // enterprise1 reads the session (open to all): the drawer lists the PDF and the file opens.
    const ent = await openConsole(browser);
    await signIn(ent, 'enterprise1');
    await ent.goto(`/training/sessions?session=${id}`);
    await ent.getByTestId('session-detail-materials').getByText('警示教育课件.pdf').waitFor();
    const pdf = await ent.request.get(`/api/files/${saved.body.materials[0]!.id}`);
    assert.equal(pdf.status(), 200);
    assert.match(pdf.headers()['content-type'] ?? '', /application\/pdf/);
    // A session of enterprise1's own cannot name the committee's file.
    const own = await apiCall<{ error: { fields: Record<string, string> } }>(ent, 'POST', '/api/training/sessions', {
      kind: 'centralised',
      title: '班组安全活动（附件测试）',
      occurredOn: saved.body.occurredOn,
      organiserKind: 'enterprise',
      hours: 1,
      materialFileIds: [saved.body.materials[0]!.id],
    });
    assert.equal(own.status, 422);
    assert.ok(own.body.error.fields.materialFileIds);
    await ent.context().close();
  });
});
