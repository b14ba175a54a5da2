// 检查表 in the browser, end to end: the supervisor builds a checklist of three items (the third linked to major-hazard
// criterion GM2023-11-3), sees the API's Chinese validation on the field, activates it and links it to a new
// campaign. An inspector on a phone (390×844) records an inspection of that campaign: the campaign's checklist is
// offered first, two items pass, the third fails and is recorded as a hazard on the spot (重大, because of the
// criterion link) with a photo, both sides sign on the canvas, and one submit saves it all. The record shows the
// results, the photo, the hazard and both signatures; the hazard is in the ledger. enterprise1 then runs a 企业自查
// with the same checklist on its own enterprise, records the failed item as a hazard afterwards and has its principal
// sign the saved record (补签).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import {
  apiCall,
  choose,
  closeDrawer,
  drawerShot,
  parkDay,
  phoneContext,
  photo,
  pickDate,
  pickMany,
  png,
  screenshot,
  search,
  sign,
  upload,
} from './forms';
import { launchBrowser, openConsole, signIn } from './support';

const stamp = String(Date.now() % 100000);
const CHECKLIST = `有限空间与粉尘防爆专项检查表${stamp}`;
const CAMPAIGN = `粉尘防爆专项检查行动${stamp}`;
const ITEMS = [
  { content: '有限空间作业实行审批制度，作业前进行风险辨识', basis: '园区有限空间作业管理要求 第 2 项' },
  { content: '有限空间出入口设置明显的安全警示标志', basis: '园区有限空间作业管理要求 第 3 项' },
  { content: '干式除尘系统采取泄爆、惰化、抑爆等爆炸防控措施', basis: '' },
];

interface InspectionDetail {
  id: string;
  items: { result: string; hazard: { serial: string; grade: string } | null; photos: unknown[] }[];
  signatures: { role: string }[];
  resultCounts: { pass: number; fail: number; na: number } | null;
  kind: string;
}

describe('checklists and item-by-item inspections', () => {
  let browser: Browser;
  let supervisor: Page;
  let checklistId = '';
  let hazardSerial = '';
  /** An enterprise the inspector is assigned to: the campaign targets it. */
  let target = { id: '', name: '' };

  before(async () => {
    browser = await launchBrowser();
    const inspector = await openConsole(browser);
    await signIn(inspector, 'inspector');
    const mine = await apiCall<{ items: { id: string; name: string }[] }>(
      inspector,
      'GET',
      '/api/enterprises?pageSize=1',
    );
    target = mine.body.items[0]!;
    await inspector.context().close();
    supervisor = await openConsole(browser);
    await signIn(supervisor, 'supervisor');
  });
  after(() => browser.close());

  test('the supervisor builds a checklist with a major-hazard item, activates it and links it to a campaign', async () => {
    const page = supervisor;
    await page.getByTestId('menu-checklists').click();
    await page.getByTestId('checklist-create').click();
    await page.getByTestId('checklist-form').waitFor();

    // Required fields are checked in the browser, in Chinese.
    await page.getByTestId('checklist-save-activate').click();
    await page.getByText('请输入检查表名称').waitFor();
    await page.getByText('请填写检查内容').waitFor();

    // The API's own rules come back on the field they name: a name must have at least 4 characters.
    await page.getByTestId('checklist-name').fill('粉尘');
    await page.getByTestId('checklist-item-content-0').fill(ITEMS[0]!.content);
    const refused = page.waitForResponse((r) => r.url().endsWith('/api/checklists') && r.request().method() === 'POST');
    await page.getByTestId('checklist-save-draft').click();
    assert.equal((await refused).status(), 400);
    await page.locator('#checklist_name_help').getByText('检查表名称至少 4 个字').waitFor();

    await page.getByTestId('checklist-name').fill(CHECKLIST);
    await page.getByTestId('checklist-item-basis-0').fill(ITEMS[0]!.basis);
    for (const i of [1, 2]) {
      await page.getByTestId('checklist-add-item').click();
      await page.getByTestId(`checklist-item-content-${i}`).fill(ITEMS[i]!.content);
      if (ITEMS[i]!.basis) await page.getByTestId(`checklist-item-basis-${i}`).fill(ITEMS[i]!.basis);
    }
    await search(page.getByTestId('checklist-item-criterion-2'), 'GM2023-11-3');
    await screenshot(page, 'checklists-editor', false);
    await page.getByTestId('checklist-save-activate').click();

    const detail = page.getByTestId('checklist-detail');
    await detail.waitFor();
    await detail.getByTestId('checklist-status').filter({ hasText: '启用' }).first().waitFor();
    await detail.getByTestId('checklist-item-major').first().waitFor();
    assert.equal(await detail.locator('[data-testid=checklist-items] tr.ant-table-row').count(), 3);
    checklistId = new URL(page.url()).searchParams.get('checklist') ?? '';
    assert.ok(checklistId, 'the open checklist is in the address');
    await drawerShot(page, 'checklists-detail');
    await closeDrawer(page);
    await page.locator('[data-testid=checklist-table] tr.ant-table-row').filter({ hasText: CHECKLIST }).waitFor();
    await screenshot(page, 'checklists-list');

    // A campaign, then its checklists.
    await page.getByTestId('menu-campaigns').click();
    await page.getByTestId('campaign-create').click();
    await page.getByTestId('campaign-form').waitFor();
    await page.getByTestId('campaign-name').fill(CAMPAIGN);
    await pickMany(page.getByTestId('campaign-type'), '重大事故隐患专项整治');
    await pickMany(page.getByTestId('campaign-enterprises'), target.name, target.name);
    const period = page.locator('[data-testid=campaign-form] .ant-picker-range input');
    await period.first().click();
    await period.first().fill(parkDay(-10));
    await period.first().press('Enter');
    await period.nth(1).fill(parkDay(30));
    await period.nth(1).press('Enter');
    await page.getByTestId('campaign-submit').click();
    const campaign = page.getByTestId('campaign-detail');
    await campaign.waitFor();
    await campaign.getByTestId('campaign-edit-checklists').click();
    await pickMany(page.getByTestId('campaign-checklists-edit'), CHECKLIST, CHECKLIST.slice(0, 6));
    await campaign.getByTestId('campaign-checklists-save').click();
    await campaign.getByTestId('campaign-checklists').getByText(CHECKLIST).waitFor();
    await drawerShot(page, 'checklists-campaign');
    await closeDrawer(page);
  });

  test('an inspector on a phone checks item by item, records the failed item as a major hazard and both sign', async () => {
    const context = await phoneContext(browser);
    const phone = await context.newPage();
    phone.on('pageerror', (error) => console.error(`[page error] ${error.message}`));
    await phone.goto('/inspections');
    await phone.getByTestId('login-username').waitFor();
    await signIn(phone, 'inspector');
    await phone.goto('/inspections');
    await phone.getByTestId('inspection-create').click();
    await phone.getByTestId('inspection-form').waitFor();

    // The campaign brings its checklist; the items appear one card each.
    await search(phone.getByTestId('inspection-campaign'), CAMPAIGN.slice(0, 6), CAMPAIGN);
    await phone.getByTestId('inspection-checklist').getByText(CHECKLIST).waitFor();
    await search(phone.getByTestId('inspection-enterprise'), target.name);
    await phone.getByTestId('record-item-2').waitFor();

    // Large targets: each result button spans a third of the card and is a thumb high.
    const pass = await phone.getByTestId('record-pass-0').locator('xpath=ancestor::label').boundingBox();
    assert.ok(pass && pass.height >= 44 && pass.width >= 90, `result button ${JSON.stringify(pass)}`);
    const widest = await phone.evaluate(() =>
      Math.max(
        ...Array.from(document.querySelectorAll('.ant-drawer-body *')).map((e) => e.getBoundingClientRect().right),
      ),
    );
    assert.ok(widest <= 391, `the form reaches ${widest}px on a 390px phone`);

    await phone.getByTestId('record-pass-0').click();
    await phone.getByTestId('record-pass-1').click();
    await phone.getByTestId('record-fail-2').click();
    await phone.getByTestId('record-note-2').fill('除尘器未设泄爆片');
    await upload(phone.getByTestId('record-photos-2'), [png('dust.png', await photo('#8e44ad'))]);
    await phone.getByTestId('record-register-hazard-2').click();
    const hazard = phone.getByTestId('record-hazard-2');
    await hazard.waitFor();
    // Pre-filled from the item; the criterion link makes it 重大.
    assert.match(
      await phone.getByTestId('hazard-description-items-2-hazard').inputValue(),
      /干式除尘系统.*除尘器未设泄爆片/,
    );
    await phone.getByTestId('hazard-major-alert-items-2-hazard').waitFor();
    await choose(phone.getByTestId('hazard-category-items-2-hazard'), '物的不安全状态');
    await pickDate(phone.getByTestId('hazard-deadline-items-2-hazard'), parkDay(7));
    await drawerShot(phone, 'checklists-phone-item-failed', 'record-item-2');

    await sign(phone, 'record-inspectorSignature');
    await phone.getByTestId('record-enterpriseSignature-name').fill('陈主任');
    await sign(phone, 'record-enterpriseSignature');
    await screenshot(phone, 'checklists-phone-signatures', false);
    const saved = phone.waitForResponse((r) => r.url().endsWith('/api/inspections') && r.request().method() === 'POST');
    await phone.getByTestId('inspection-submit').click();
    const answer = await saved;
    assert.equal(answer.status(), 200, await answer.text());

    const record = phone.getByTestId('inspection-detail');
    await record.waitFor();
    await record.getByTestId('inspection-results').waitFor();
    assert.equal(await record.getByTestId('inspection-result-row').count(), 3);
    const failed = record.getByTestId('inspection-result-row').nth(2);
    await failed.getByTestId('item-result').filter({ hasText: '不合格' }).waitFor();
    await failed.locator('.photo-strip img').first().waitFor();
    await failed.getByTestId('result-hazard').getByText('重大').waitFor();
    hazardSerial = ((await failed.locator('.hazard-serial').textContent()) ?? '').trim();
    await record.getByTestId('signature-inspector').locator('img').waitFor();
    await record.getByTestId('signature-enterprise').locator('img').waitFor();
    await drawerShot(phone, 'checklists-phone-detail', 'inspection-results');
    await drawerShot(phone, 'checklists-phone-detail-signatures', 'inspection-signatures');

    // The API says the same: results in template order, the hazard 重大, two signatures.
    const id = new URL(phone.url()).searchParams.get('inspection');
    const one = await apiCall<InspectionDetail>(phone, 'GET', `/api/inspections/${id}`);
    assert.deepEqual(
      one.body.items.map((i) => i.result),
      ['pass', 'pass', 'fail'],
    );
    assert.equal(one.body.items[2]!.hazard?.grade, 'major');
    assert.equal(one.body.items[2]!.photos.length, 1);
    assert.deepEqual(one.body.signatures.map((s) => s.role).sort(), ['enterprise', 'inspector']);

    // The hazard is in the ledger.
    await phone.goto('/hazards');
    const card = phone.getByTestId('hazard-card').filter({ hasText: hazardSerial });
    await card.waitFor();
    await card.getByTestId('hazard-grade').filter({ hasText: '重大' }).waitFor();
    await screenshot(phone, 'checklists-phone-ledger', false);
    await context.close();
  });

  test('enterprise1 runs a 企业自查 with the checklist on its own enterprise', async () => {
    const page = await openConsole(browser);
    await signIn(page, 'enterprise1');
    await page.getByTestId('menu-checklists').click();
    await page.locator('[data-testid=checklist-table] tr.ant-table-row').filter({ hasText: CHECKLIST }).waitFor();
    // Read-only for an enterprise.
    assert.equal(await page.getByTestId('checklist-create').count(), 0);

    await page.getByTestId('menu-inspections').click();
    await page.getByTestId('inspection-create').click();
    await page.getByTestId('inspection-form').waitFor();
    assert.equal(await page.getByTestId('inspection-enterprise').count(), 0, 'an enterprise inspects only itself');
    await search(page.getByTestId('inspection-checklist'), CHECKLIST.slice(0, 6), CHECKLIST);
    await page.getByTestId('record-item-2').waitFor();

    // Every item needs a result before the record can be saved.
    await page.getByTestId('record-pass-0').click();
    await page.getByTestId('inspection-submit').click();
    await page.getByText('还有 2 个检查项未选择结果').waitFor();
    await page.getByText('请签名').first().waitFor();

    await page.getByTestId('record-na-1').click();
    // The third fails but is not recorded as a hazard yet; the principal is not there to sign.
    await page.getByTestId('record-fail-2').click();
    await page.getByTestId('record-note-2').fill('除尘器泄爆片锈蚀');
    await page.getByTestId('record-inspectorSignature-name').fill('王安全');
    await sign(page, 'record-inspectorSignature');
    await page.getByTestId('inspection-submit').click();
    const record = page.getByTestId('inspection-detail');
    await record.waitFor();
    await record.getByText('企业自查').waitFor();
    await record.getByTestId('inspection-result-counts').getByText('合格 1 · 不合格 1 · 不适用 1').waitFor();

    // Later: the failed item becomes a hazard (重大 by its criterion), and the principal signs.
    await record.getByTestId('result-register-hazard').click();
    await page.getByTestId('hazard-major-alert').waitFor();
    await choose(page.getByTestId('hazard-category'), '物的不安全状态');
    await pickDate(page.getByTestId('hazard-deadline'), parkDay(15));
    await screenshot(page, 'checklists-self-item-hazard', false);
    await page.locator('#result-hazard-submit').click();
    await record.getByTestId('result-hazard').getByText('重大').waitFor();
    await record.getByTestId('sign-later-enterprise').click();
    await page.getByTestId('sign-later-name').fill('赵厂长');
    await sign(page, 'sign-later');
    await page.locator('#sign-later-submit').click();
    await record.getByTestId('signature-enterprise').locator('img').waitFor();
    assert.equal(await record.getByTestId('sign-later-enterprise').count(), 0, 'a side signs once');
    await drawerShot(page, 'checklists-self-inspection', 'inspection-results');
    const id = new URL(page.url()).searchParams.get('inspection');
    const one = await apiCall<InspectionDetail>(page, 'GET', `/api/inspections/${id}`);
    assert.equal(one.body.kind, 'selfInspection');
    assert.deepEqual(one.body.resultCounts, { pass: 1, fail: 1, na: 1 });
    assert.equal(one.body.items[2]!.hazard?.grade, 'major');
    assert.deepEqual(one.body.signatures.map((s) => s.role).sort(), ['enterprise', 'inspector']);
    await page.context().close();
  });
});
