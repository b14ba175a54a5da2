// 企业档案 in the browser: the supervisor narrows the registry to dust-explosion enterprises of one area, opens one and
// records a pressure vessel whose inspection is already overdue, then finds it under 到期提醒 → 已逾期. enterprise1
// corrects its safety manager's phone on its own record (and cannot touch the committee's fields), and the supervisor
// reads that change in 变更记录. Also: a stale save is refused with a reload, the import lists its errors by row and
// column, and the export job ends in a download.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import type { Browser, Locator, Page } from 'playwright-core';
import { usccCheckChar } from '../shared/src/uscc';
import { apiCall } from './forms';
import { choose, launchBrowser, openConsole, screenshot as shoot, signIn } from './support';

/** Shots from the top of the page (the shell's header and side bar are sticky, so a scrolled full-page shot tears). */
async function screenshot(page: Page, name: string, fullPage = true): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await shoot(page, `registry-${name}`, fullPage);
}

const rows = (page: Page, table: string) => page.locator(`[data-testid=${table}] tbody tr.ant-table-row`);

async function typeDate(input: Locator, date: string): Promise<void> {
  await input.click();
  await input.fill(date);
  await input.press('Enter');
  await input.page().keyboard.press('Escape');
}

async function tab(page: Page, name: string | RegExp): Promise<void> {
  await page.locator('[data-testid=record-tabs] .ant-tabs-tab').filter({ hasText: name }).click();
}

/** A valid unified social credit code that no demo enterprise has (91 + 6-digit area code + 9 random characters). */
function newCreditCode(): string {
  const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  let body = '91370700';
  for (let i = 0; i < 9; i++) body += alphabet[Math.floor(Math.random() * alphabet.length)];
  return body + usccCheckChar(body);
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const stamp = Date.now().toString().slice(-6);
const EQUIPMENT = `E2E储气罐${stamp}`;
const PAST_DATE = '2025-03-31';

describe('enterprise registry', () => {
  let browser: Browser;
  let supervisor: Page;
  let openedEnterprise = '';
  before(async () => {
    browser = await launchBrowser();
    supervisor = await openConsole(browser);
    await signIn(supervisor, 'supervisor');
  });
  after(() => browser.close());

  test('the supervisor filters by 粉尘涉爆 and an area, records overdue equipment and finds it under 到期提醒', async () => {
    const page = supervisor;
    await page.getByTestId('menu-enterprises').click();
    await rows(page, 'enterprise-table').first().waitFor();
    const total = () => page.getByTestId('enterprise-total').textContent();
    const all = await total();
    await screenshot(page, 'list');

    // Filter by tag first, then by the area of the first dust enterprise, so the combination surely has rows.
    await choose(page.getByTestId('filter-tag'), '粉尘涉爆');
    await page.getByTestId('filter-search').click();
    await page.waitForFunction(
      (old) => document.querySelector('[data-testid=enterprise-total]')?.textContent !== old,
      all,
    );
    const areasShown = await rows(page, 'enterprise-table').locator('td:nth-child(3)').allTextContents();
    const area = areasShown.map((a) => a.trim()).find((a) => a && a !== '—');
    assert.ok(area, 'a dust enterprise on the first page has an area');
    const tagOnly = await total();
    await choose(page.getByTestId('filter-area'), new RegExp(`^${area}$`));
    await page.getByTestId('filter-search').click();
    await page.waitForFunction(
      (old) => document.querySelector('[data-testid=enterprise-total]')?.textContent !== old,
      tagOnly,
    );
    const list = rows(page, 'enterprise-table');
    const areas = await list.locator('td:nth-child(3)').allTextContents();
    assert.ok(areas.length > 0);
    assert.deepEqual(new Set(areas), new Set([area]));
    for (const tags of await list.locator('td:nth-child(7)').allTextContents()) assert.match(tags, /粉尘涉爆/);
    // Credit codes are set in a monospace face.
    const font = await list
      .first()
      .locator('.credit-code')
      .evaluate((el) => getComputedStyle(el).fontFamily);
    assert.match(font, /mono|Consolas|Menlo/i);
    await screenshot(page, 'list-filtered');

    // Column chooser: showing 安全管理人员 adds it to the header, and the choice survives a reload.
    await page.getByTestId('column-settings').click();
    await page.getByTestId('column-chooser').getByText('安全管理人员').click();
    await page.locator('[data-testid=enterprise-table] th').filter({ hasText: '安全管理人员' }).waitFor();
    await screenshot(page, 'list-columns', false);
    await page.keyboard.press('Escape');
    await page.reload();
    await page.locator('[data-testid=enterprise-table] th').filter({ hasText: '安全管理人员' }).waitFor();
    await list.first().waitFor();
    // The list remembers its filters for the browser tab: still the one area.
    assert.deepEqual(new Set(await list.locator('td:nth-child(3)').allTextContents()), new Set([area]));
    await page.getByTestId('column-settings').click();
    await page.getByTestId('column-chooser').getByText('恢复默认').click();
    await page.keyboard.press('Escape');

    openedEnterprise = ((await list.first().locator('.cell-link').textContent()) ?? '').trim();
    await list.first().locator('.cell-link').click();
    await page.getByTestId('enterprise-detail').waitFor();
    assert.equal(await page.getByTestId('record-title').textContent(), openedEnterprise);
    await page.getByTestId('basic-view').waitFor();
    await screenshot(page, 'enterprise-basic');

    await tab(page, '特种设备');
    await page.getByTestId('add-equipment').click();
    const modal = page.locator('.ant-modal-wrap:visible');
    await choose(modal.getByTestId('record-type'), '压力容器');
    await modal.getByTestId('record-name').fill(EQUIPMENT);
    await modal.getByTestId('record-registrationNo').fill(`容E2E${stamp}`);
    await typeDate(modal.locator('#lastInspectionDate'), '2024-03-31');
    await typeDate(modal.locator('#nextInspectionDate'), PAST_DATE);
    await screenshot(page, 'equipment-modal', false);
    await page.getByTestId('record-submit').click();
    const added = rows(page, 'table-equipment').filter({ hasText: EQUIPMENT });
    await added.waitFor();
    assert.match((await added.textContent()) ?? '', /已逾期/);
    assert.match((await added.textContent()) ?? '', /逾期 \d+ 天/);
    await screenshot(page, 'equipment');

    // 到期提醒 → 已逾期: the new item is there, and its row leads back to the enterprise's equipment.
    await page.getByTestId('menu-registry-due').click();
    await rows(page, 'due-table-equipment').first().waitFor();
    await page.getByTestId('due-filter-overdue').click();
    await page.getByTestId('due-search').locator('input').fill(EQUIPMENT);
    await page.getByTestId('due-search').locator('input').press('Enter');
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid=due-table-equipment] tbody tr.ant-table-row').length === 1,
    );
    const due = rows(page, 'due-table-equipment').filter({ hasText: EQUIPMENT });
    await due.waitFor();
    assert.match(
      (await due.textContent()) ?? '',
      new RegExp(`${escapeRegExp(openedEnterprise)}.*${PAST_DATE}.*已逾期`),
    );
    await page.getByTestId('due-search').locator('input').fill('');
    await page.getByTestId('due-search').locator('input').press('Enter');
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid=due-table-equipment] tbody tr.ant-table-row').length > 1,
    );
    // Every row of the 已逾期 filter is overdue.
    const states = await rows(page, 'due-table-equipment').locator('[data-testid^=due-]').allTextContents();
    assert.deepEqual(new Set(states), new Set(['已逾期']));
    await screenshot(page, 'due-overdue');
    await page.getByTestId('due-tab-certificates').click();
    await rows(page, 'due-table-certificates').first().waitFor();
    await screenshot(page, 'due-certificates');

    await page.getByTestId('due-tab-equipment').click();
    await rows(page, 'due-table-equipment').first().waitFor();
    await page.getByTestId('due-search').locator('input').fill(EQUIPMENT);
    await page.getByTestId('due-search').locator('input').press('Enter');
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid=due-table-equipment] tbody tr.ant-table-row').length === 1,
    );
    await page.evaluate(() => window.scrollTo(0, 0));
    await rows(page, 'due-table-equipment').filter({ hasText: EQUIPMENT }).locator('.due-enterprise').click();
    await rows(page, 'table-equipment').filter({ hasText: EQUIPMENT }).waitFor();
    assert.equal(await page.getByTestId('record-title').textContent(), openedEnterprise);
  });

  test('a certificate number is masked with an audited 查看, kept through an edit, exported and found by the full number', async () => {
    const page = supervisor;
    const holder = `E2E持证人${stamp}`;
    const number = `3201021990${stamp}12`; // 18 characters, like an ID-card number
    const mask = `3201**********${number.slice(-4)}`;
    const soon = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
    await tab(page, '特种作业证书');
    await page.getByTestId('add-certificates').click();
    const modal = page.locator('.ant-modal-wrap:visible');
    await modal.getByTestId('record-name').fill(holder);
    await choose(modal.getByTestId('certificate-type'), '电工作业');
    await modal.getByTestId('certificate-no').fill(number);
    await typeDate(modal.locator('#expiryDate'), soon);
    await page.getByTestId('record-submit').click();
    const row = rows(page, 'table-certificates').filter({ hasText: holder });
    await row.waitFor();
    const no = row.locator('span[data-testid^="cert-no-"]');
    await no.filter({ hasText: mask }).waitFor();
    const testId = (await no.getAttribute('data-testid'))!;
    const id = testId.slice('cert-no-'.length);

    // 查看 asks for a reason (audited) and shows the number; 隐藏 masks it again.
    await page.getByTestId(`${testId}-show`).click();
    await page.getByTestId(`${testId}-confirm`).click();
    await no.filter({ hasText: number }).waitFor();
    await screenshot(page, 'certificate-revealed', false);
    await page.getByTestId(`${testId}-hide`).click();
    await no.filter({ hasText: mask }).waitFor();

    // Edited with the mask left as shown, the stored number is kept (the same tab, right after 登记: the form is
    // filled from the row, not left as the add form was).
    await row.getByRole('button', { name: /编\s*辑/ }).click();
    const edit = page.locator('.ant-modal-wrap:visible');
    await edit.getByText('编号已脱敏显示').waitFor();
    assert.equal(await edit.getByTestId('certificate-no').inputValue(), mask);
    await edit.locator('#operationItem').fill('低压电工作业');
    await page.getByTestId('record-submit').click();
    await row.filter({ hasText: '低压电工作业' }).waitFor();
    assert.equal(await no.textContent(), mask);
    const revealed = await apiCall<{ value: string }>(page, 'POST', '/api/personal-data/reveal', {
      entityType: 'certificates',
      id,
      field: 'certificateNo',
      reason: '核对特种作业人员身份',
    });
    assert.equal(revealed.body.value, number);

    // 导出: the supervisor's file carries the number in full and says so.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-certificates').click(),
    ]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile((await download.path())!);
    const cells: string[] = [];
    wb.eachSheet((ws) => ws.eachRow((r) => cells.push(JSON.stringify(r.values))));
    assert.ok(cells.some((c) => c.includes(number) && c.includes(holder)));
    assert.ok(cells.some((c) => c.includes('未脱敏')));

    // 到期提醒 → 特种作业证书: found by the full number (keyed digest), not by a part of it.
    await page.getByTestId('menu-registry-due').click();
    await page.getByTestId('due-tab-certificates').click();
    await rows(page, 'due-table-certificates').first().waitFor();
    const search = page.getByTestId('due-search').locator('input');
    await search.fill(number);
    await search.press('Enter');
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid=due-table-certificates] tbody tr.ant-table-row').length === 1,
    );
    const found = rows(page, 'due-table-certificates').filter({ hasText: holder });
    assert.match((await found.textContent()) ?? '', new RegExp(escapeRegExp(mask)));
    await screenshot(page, 'due-certificate-by-number');
    await search.fill(number.slice(4, 14));
    await search.press('Enter');
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid=due-table-certificates] tbody tr.ant-table-row').length === 0,
    );
    await search.fill(number);
    await search.press('Enter');
    await found.waitFor();
    await found.locator('.due-enterprise').click();
    await rows(page, 'table-certificates').filter({ hasText: holder }).waitFor();
  });

  test('a save over someone else’s newer change is refused and the form reloads', async () => {
    const page = supervisor;
    await tab(page, '基本信息');
    await page.getByTestId('basic-edit').click();
    await page.getByTestId('field-name').waitFor();
    // Meanwhile "someone else" saves the record (same API, another request).
    const id = page.url().match(/enterprises\/([0-9a-f-]{36})/)![1]!;
    const session = await (await page.request.get('/api/auth/session')).json();
    const current = await (await page.request.get(`/api/enterprises/${id}`)).json();
    const other = await page.request.patch(`/api/enterprises/${id}`, {
      headers: { 'x-csrf-token': session.csrfToken },
      data: { employees: (current.employees ?? 0) + 1, rowVersion: current.rowVersion },
    });
    assert.equal(other.status(), 200);

    await page.getByTestId('field-name').fill(`${openedEnterprise}`);
    const address = page.locator('#address');
    await address.fill(`${(await address.inputValue()) || '高新区'}（E2E）`);
    await page.getByTestId('basic-save').click();
    await page.getByTestId('stale-alert').waitFor();
    assert.match((await page.getByTestId('stale-alert').textContent()) ?? '', /已被他人修改/);
    await screenshot(page, 'stale', false);
    await page.getByTestId('stale-reload').click();
    await page.getByTestId('stale-alert').waitFor({ state: 'detached' });
    assert.equal(await page.locator('#employees').inputValue(), String((current.employees ?? 0) + 1));

    // The credit code is checked in the browser with the GB 32100 check character.
    const code = page.getByTestId('field-creditCode');
    const original = await code.inputValue();
    await code.fill(`${original.slice(0, 17)}${original[17] === '0' ? '1' : '0'}`);
    await page.getByText('统一社会信用代码校验位不正确，请核对').waitFor();
    await code.fill(original);
    await page.getByRole('button', { name: /取\s*消/ }).click();
    await page.getByTestId('basic-view').waitFor();
  });

  test('enterprise1 corrects its safety manager’s phone and sees only its own enterprise', async () => {
    const page = await openConsole(browser);
    await signIn(page, 'enterprise1');
    // Its own record only: no park registry, no park-wide reminders.
    await page.getByTestId('menu-my-enterprise').waitFor();
    assert.equal(await page.getByTestId('menu-enterprises').count(), 0);
    assert.equal(await page.getByTestId('menu-registry-due').count(), 0);
    await page.getByTestId('menu-my-enterprise').click();
    await page.getByTestId('enterprise-detail').waitFor();
    const own = ((await page.getByTestId('record-title').textContent()) ?? '').trim();

    // The committee's fields are read-only here; the enterprise's own are not.
    await page.getByTestId('basic-edit').click();
    assert.equal(await page.getByTestId('field-name').isDisabled(), true);
    assert.equal(await page.getByTestId('field-creditCode').isDisabled(), true);
    assert.equal(await page.locator('#address').isDisabled(), false);
    await screenshot(page, 'own-basic-edit');
    await page.getByRole('button', { name: /取\s*消/ }).click();
    assert.equal(
      await page.locator('[data-testid=record-tabs] .ant-tabs-tab').filter({ hasText: '企业账户' }).count(),
      0,
    );

    await tab(page, '人员');
    await page.getByTestId('people-edit').click();
    const phone = page.getByTestId('field-safety-phone');
    const newPhone = `139${stamp}${Math.floor(Math.random() * 90 + 10)}`;
    // A malformed number is refused before anything is sent.
    await phone.fill('12345');
    await page.getByTestId('people-save').click();
    await page.getByText('电话号码格式不正确（手机 11 位，或区号-座机号）').first().waitFor();
    await phone.fill(newPhone);
    await page.getByTestId('people-save').click();
    await page.getByTestId('people-view').waitFor();
    // Stored encrypted and shown masked; 查看 asks why and shows the number (the reveal is audited).
    const masked = `${newPhone.slice(0, 3)}****${newPhone.slice(7)}`;
    assert.equal(await page.getByTestId('view-safety-phone').textContent(), masked);
    await page.getByTestId('view-safety-phone-show').click();
    await page.getByTestId('view-safety-phone-reason').fill('核对本企业安全管理人员电话');
    await screenshot(page, 'own-people-reveal');
    await page.getByTestId('view-safety-phone-confirm').click();
    await page.getByTestId('view-safety-phone').filter({ hasText: newPhone }).waitFor();
    await screenshot(page, 'own-people');
    // Editing another field leaves the masked phone as it was: the number is kept, not replaced by its mask.
    await page.getByTestId('people-edit').click();
    assert.equal(await phone.inputValue(), masked);
    await page.getByTestId('field-safety-name').fill(`安全员${stamp}`);
    await page.getByTestId('people-save').click();
    await page.getByTestId('people-view').waitFor();
    await page.getByTestId('view-safety-phone').filter({ hasText: masked }).waitFor();
    await page.getByTestId('view-safety-phone-show').click();
    await page.getByTestId('view-safety-phone-confirm').click();
    await page.getByTestId('view-safety-phone').filter({ hasText: newPhone }).waitFor();

    // Only its own enterprise, whatever the route.
    const answer = await (await page.request.get('/api/enterprises?pageSize=100')).json();
    assert.equal(answer.total, 1);
    assert.equal(answer.items[0].name, own);
    const park = await (await supervisor.request.get('/api/enterprises?pageSize=5')).json();
    const stranger = park.items.find((e: { name: string }) => e.name !== own);
    assert.equal((await page.request.get(`/api/enterprises/${stranger.id}`)).status(), 404);
    const foreign = await page.request.get(`/api/registry/equipment?enterpriseId=${stranger.id}`);
    assert.equal((await foreign.json()).total, 0);
    const due = await (await page.request.get('/api/registry/equipment?due=attention&pageSize=100')).json();
    for (const item of due.items) assert.equal(item.enterpriseName, own);
    await page.goto('/enterprises');
    await page.getByText('页面不存在或无权访问').waitFor();
    await page.goto('/registry/due');
    await page.getByText('页面不存在或无权访问').waitFor();
    await page.context().close();

    // The supervisor reads the change in the enterprise's 变更记录.
    await supervisor.getByTestId('menu-enterprises').click();
    await supervisor.getByRole('button', { name: /重\s*置/ }).click();
    await supervisor.getByTestId('filter-q').fill(own);
    await supervisor.getByTestId('filter-search').click();
    const match = rows(supervisor, 'enterprise-table').filter({ hasText: own });
    await match.first().locator('.cell-link').click();
    await supervisor.getByTestId('enterprise-detail').waitFor();
    await tab(supervisor, '变更记录');
    // Newest first: the second 查看个人信息, the name change, the first 查看个人信息, the phone change.
    const latest = rows(supervisor, 'history-table').first();
    await latest.waitFor();
    assert.match((await latest.textContent()) ?? '', /查看个人信息/);
    assert.match((await latest.textContent()) ?? '', /企业用户/);
    const phoneChange = rows(supervisor, 'history-table')
      .filter({ hasText: /修改企业/ })
      .nth(1);
    assert.match((await phoneChange.textContent()) ?? '', /企业用户/);
    await phoneChange.locator('.ant-table-row-expand-icon').click();
    const change = supervisor.locator('[data-testid=change-table] tr').filter({ hasText: '安全管理人员电话' });
    await change.waitFor();
    // The history (the audit log) keeps the phone masked.
    assert.match((await change.textContent()) ?? '', new RegExp(`${newPhone.slice(0, 3)}\\*{4}${newPhone.slice(7)}`));
    await screenshot(supervisor, 'history');
  });

  test('the supervisor opens a new enterprise and an account for it', async () => {
    const page = supervisor;
    await page.getByTestId('menu-enterprises').click();
    await page.getByTestId('enterprise-create').click();
    const name = `E2E新材料科技有限公司${stamp}`;
    await page.getByTestId('field-name').fill(name);
    await page.getByTestId('field-creditCode').fill(newCreditCode().toLowerCase());
    await choose(page.getByTestId('field-siteType'), '租赁');
    await page.getByTestId('landlord-select').click();
    await page.keyboard.type(openedEnterprise.slice(0, 4));
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option')
      .filter({ hasText: openedEnterprise })
      .click();
    await page.getByTestId('field-industry').click();
    await page.keyboard.type('C2929');
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: 'C2929' }).click();
    // The industry suggests its typical tags.
    await page.getByRole('button', { name: '加入监管标签' }).click();
    await page.getByTestId('field-safety-name').fill('王安全');
    await page.getByTestId('field-safety-phone').fill('13912345678');
    await screenshot(page, 'create', false);
    await page.getByTestId('create-submit').click();
    await page.getByTestId('enterprise-detail').waitFor();
    assert.equal(await page.getByTestId('record-title').textContent(), name);
    assert.match((await page.locator('.record-tags').textContent()) ?? '', /粉尘涉爆/);

    await tab(page, '企业账户');
    await page.getByTestId('account-create').click();
    await page.getByTestId('account-username').fill(`e2e${stamp}`);
    await page.getByTestId('account-displayName').fill('王安全');
    await page.locator('.ant-modal-wrap:visible').getByRole('button', { name: '随机生成' }).click();
    await page.getByTestId('account-submit').click();
    const account = rows(page, 'enterprise-accounts').filter({ hasText: `e2e${stamp}` });
    await account.waitFor();
    assert.match((await account.textContent()) ?? '', /首次登录需改密/);
    await page.getByTestId(`account-toggle-e2e${stamp}`).click();
    await page.locator('.ant-popover:visible .ant-btn-primary').click();
    await account.filter({ hasText: '已禁用' }).waitFor();
    await screenshot(page, 'accounts');
  });

  test('an import with errors saves nothing and lists them by row and column; the export ends in a download', async () => {
    const page = supervisor;
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('企业档案');
    sheet.addRow(['企业名称', '统一社会信用代码', '选址类型', '所在片区', '主要负责人电话']);
    sheet.addRow([`E2E导入甲有限公司${stamp}`, newCreditCode(), '独立选址', '东区', '13800001111']);
    sheet.addRow([`E2E导入乙有限公司${stamp}`, '91370700MA3C8K2X10', '独立选址', '东区', '12345']);
    const buffer = Buffer.from(await workbook.xlsx.writeBuffer());

    // The last test left the enterprise's record open (a drawer over the menu): start from the list's address.
    await page.goto('/enterprises');
    await page.getByTestId('enterprise-import').click();
    await page.getByTestId('import-modal').waitFor();
    await page.locator('[data-testid=import-modal] input[type=file]').setInputFiles({
      name: '企业档案导入.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer,
    });
    await screenshot(page, 'import', false);
    await page.getByTestId('import-submit').click();
    await page.getByTestId('import-result').waitFor();
    assert.equal(await page.getByTestId('import-outcome').textContent(), '文件有错误，未导入任何数据');
    const errors = await rows(page, 'import-errors').allTextContents();
    assert.ok(
      errors.some((e) => /第 3 行.*统一社会信用代码/.test(e)),
      errors.join('\n'),
    );
    assert.ok(
      errors.some((e) => /第 3 行.*主要负责人电话/.test(e)),
      errors.join('\n'),
    );
    const report = await page.getByTestId('import-error-report').getAttribute('href');
    assert.match(report ?? '', /^\/api\/jobs\/[0-9a-f-]+\/download$/);
    assert.equal((await page.request.get(report!)).status(), 200);
    await screenshot(page, 'import-errors', false);
    await page.locator('.ant-modal-wrap:visible .ant-modal-close').click();

    await page.getByRole('button', { name: /重\s*置/ }).click();
    await choose(page.getByTestId('filter-tag'), '粉尘涉爆');
    await page.getByTestId('filter-search').click();
    await page.getByTestId('enterprise-export').click();
    await page.getByTestId('export-download').waitFor();
    const href = await page.getByTestId('export-download').getAttribute('href');
    assert.match((await page.getByTestId('export-modal').textContent()) ?? '', /已导出 [1-9]\d* 家企业/);
    const file = await page.request.get(href!);
    assert.equal(file.status(), 200);
    assert.match(file.headers()['content-type'] ?? '', /spreadsheetml/);
    await screenshot(page, 'export', false);
    await page.locator('.ant-modal-wrap:visible .ant-modal-close').click();
  });
});
