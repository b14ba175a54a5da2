// The screens of issue 10 items 9, 10 and 14, at 1440 px and at 390×844:
// - 消息通知: the supervisor records hazards for enterprise1; enterprise1's bell counts them, the list filters unread,
//   a click opens the hazard's drawer and marks it read, 全部标为已读 clears the badge.
// - 执法: the demo's penalty cases and the seed's joint action (打击取缔非法加油车（点）3起); a penalty filed from a
//   hazard's drawer in one step (enterprise and hazard filled in); a joint action recorded with its departments and
//   counted results; both registers filtered and exported to Excel; the department sees its joint work.
// - 审计日志: Chinese object types in the list and the filter, the object's own name (case number) instead of its
//   UUID, and the change as a field-by-field table with the forms' labels.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { apiCall, choose, closeDrawer, parkDay, pickMany, screenshot, search } from './forms';
import { assertMenu, launchBrowser, openConsole, ROLE_MENUS, signIn, signInAdmin } from './support';

const DESK = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };

/** Turns the page into a phone (390×844) or back into a desk, and waits for the shell to switch layouts. */
async function resize(page: Page, size: typeof DESK): Promise<void> {
  await page.setViewportSize(size);
  const toggle = page.getByTestId('menu-toggle');
  if (size.width < 768) await toggle.waitFor();
  else await toggle.waitFor({ state: 'detached' });
  await page.waitForTimeout(500);
}

/** The page has nothing wider than the screen (a table may scroll inside its card). */
async function fitsWidth(page: Page, what: string): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `${what}: the page is ${overflow}px wider than the screen`);
}

async function sheetRows(path: string, sheet: string): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const out: string[][] = [];
  wb.getWorksheet(sheet)!.eachRow((row) => {
    out.push(
      (row.values as unknown[])
        .slice(1)
        .map((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v ?? ''))),
    );
  });
  return out;
}

describe('notifications, enforcement and audit screens', () => {
  let browser: Browser;
  let supervisor: Page;
  let enterprise: Page;
  let enterpriseId = '';
  let enterpriseName = '';
  const hazards: { id: string; serial: string }[] = [];

  before(async () => {
    browser = await launchBrowser();
    supervisor = await openConsole(browser);
    await signIn(supervisor, 'supervisor');
    enterprise = await openConsole(browser);
    await signIn(enterprise, 'enterprise1');
    const session = await apiCall<{ me: { organisationName: string; enterpriseId: string } }>(
      enterprise,
      'GET',
      '/api/auth/session',
    );
    enterpriseId = session.body.me.enterpriseId;
    enterpriseName = session.body.me.organisationName;
    // Earlier suites of the same run leave enterprise1 unread notifications: start from none unread.
    const cleared = await apiCall(enterprise, 'POST', '/api/notifications/read-all');
    assert.equal(cleared.status, 200, JSON.stringify(cleared.body));
    // Three new hazards for enterprise1: each tells its users (隐患整改任务).
    for (const [i, description] of ['配电箱门缺失，带电部位裸露', '灭火器压力不足', '疏散通道堆放货物'].entries()) {
      const res = await apiCall<{ id: string; serial: string }>(supervisor, 'POST', '/api/hazards', {
        enterpriseId,
        description,
        category: 'unsafeCondition',
        source: 'routine',
        requirement: '立即整改',
        deadline: parkDay(7 + i),
      });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      hazards.push(res.body);
    }
  });
  after(() => browser.close());

  test('notifications: the bell counts the unread, the list opens each hazard and marks read, on desk and phone', async () => {
    const page = enterprise;
    await page.reload();
    const badge = page.getByTestId('notification-badge');
    await badge.locator('.ant-badge-count').filter({ hasText: '3' }).waitFor();
    await page.getByTestId('notification-bell').click();
    await page.waitForURL('**/notifications');
    const items = page.getByTestId('notification-item');
    await items.first().waitFor();
    // Earlier suites may leave read notifications in the list: the three new ones are the unread.
    assert.equal(await page.locator('[data-testid=notification-item][data-read=false]').count(), 3);
    for (const h of hazards) assert.equal(await items.filter({ hasText: h.serial }).count(), 1);
    await page.getByTestId('notifications-unread').filter({ hasText: '未读 3 条' }).waitFor();
    await screenshot(page, 'b-notifications-desk');

    // A click opens the hazard in the ledger (its drawer) and marks the notification read.
    await items.filter({ hasText: hazards[0]!.serial }).first().click();
    await page.waitForURL(`**/hazards?hazard=${hazards[0]!.id}`);
    await page.getByTestId('hazard-detail').waitFor();
    await page.getByTestId('hazard-serial').filter({ hasText: hazards[0]!.serial }).waitFor();
    await badge.locator('.ant-badge-count').filter({ hasText: '2' }).waitFor();
    await closeDrawer(page);

    // 未读 shows the two left; one is marked read from the list, then all.
    await page.getByTestId('menu-notifications').click();
    await page.getByTestId('notifications-filter').getByText('未读').click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=notification-item]').length === 2);
    await page.getByTestId('notification-mark-read').first().click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=notification-item]').length === 1);
    await page.getByTestId('notifications-read-all').click();
    await page.getByText('没有未读消息').first().waitFor();
    await badge.locator('.ant-badge-count').waitFor({ state: 'detached' });
    await page.getByTestId('notifications-filter').getByText('全部').click();
    // The three are listed as read (with whatever earlier suites left, read at the start).
    await page.waitForFunction(
      (serials) =>
        serials.every((serial) =>
          [...document.querySelectorAll('[data-testid=notification-item]')].some(
            (el) => el.textContent?.includes(serial) && el.getAttribute('data-read') === 'true',
          ),
        ),
      hazards.map((h) => h.serial),
    );

    // The phone: the bell stays in the header beside the menu button, the list wraps in the screen.
    await resize(page, PHONE);
    await page.getByTestId('notification-bell').waitFor();
    await fitsWidth(page, 'notifications on a phone');
    await screenshot(page, 'b-notifications-phone');
    await resize(page, DESK);
  });

  test('enforcement: a penalty filed from a hazard in one step, the registers filtered and exported', async () => {
    const page = supervisor;
    await page.getByTestId('menu-penalty-cases').click();
    await page.getByTestId('penalty-table').locator('tr.ant-table-row').first().waitFor();
    // The demo's three cases (the seed's 行政处罚 of enterprises that did not rectify), fines summed.
    assert.equal(await page.getByTestId('penalty-table').locator('tr.ant-table-row').count(), 3);
    await page.getByTestId('penalty-fine-total').filter({ hasText: '30,000.00' }).waitFor();
    await screenshot(page, 'b-penalties-desk');

    // From the hazard's drawer: 立案处罚 opens the case form with its enterprise and the hazard filled in.
    const hazard = hazards[1]!;
    await page.goto(`/hazards?hazard=${hazard.id}`);
    await page.getByTestId('hazard-detail').waitFor();
    const card = page.getByTestId('hazard-penalties');
    await card.getByText('尚无以本隐患立案的处罚案件').waitFor();
    await card.getByTestId('hazard-file-penalty').click();
    // The drawers' fields are found on the page (a drawer renders into the document's body).
    const form = page;
    await page.getByTestId('penalty-legal-basis').waitFor();
    await form.getByTestId('penalty-enterprise').filter({ hasText: enterpriseName }).waitFor();
    await form.getByTestId('penalty-hazards').filter({ hasText: hazard.serial }).waitFor();
    await form.getByTestId('penalty-legal-basis').fill('《中华人民共和国安全生产法》第一百零二条');
    await form.getByTestId('penalty-measures').getByText('罚款').click();
    // 罚款 needs its amount: the form says so on the field, as the server would.
    await page.getByTestId('penalty-save').click();
    await form.getByText('请填写罚款金额').waitFor();
    await page.getByTestId('penalty-fine').fill('5000');
    await screenshot(page, 'b-penalty-form-from-hazard', false);
    await page.getByTestId('penalty-save').click();
    await page.getByTestId('penalty-legal-basis').waitFor({ state: 'detached' });
    const link = card.getByTestId('hazard-penalty-link');
    await link.waitFor();
    const caseNo = ((await link.textContent()) ?? '').trim();
    assert.match(caseNo, /^高新安监罚〔\d{4}〕0004号$/);
    await screenshot(page, 'b-hazard-with-penalty', false);

    // The case in the register: opened from the hazard's card, then the list filtered to 已立案 and exported.
    await link.click();
    await page.getByTestId('penalty-detail').waitFor();
    await page.getByTestId('penalty-detail').getByText('5,000.00 元').waitFor();
    await page
      .getByTestId('penalty-detail')
      .getByTestId('penalty-hazard-link')
      .filter({ hasText: hazard.serial })
      .waitFor();
    await closeDrawer(page);
    await choose(page.getByTestId('penalty-filter-status'), '已立案');
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid=penalty-table] tr.ant-table-row').length === 1,
    );
    const download = page.waitForEvent('download');
    await page.getByTestId('penalty-export').click();
    const file = await download;
    assert.match(file.suggestedFilename(), /^行政处罚案件_\d{4}-\d{2}-\d{2}\.xlsx$/);
    // The register says what it saved (the shared export button's onDone).
    await page
      .locator('.ant-message')
      .getByText(/^已导出：行政处罚案件_/)
      .waitFor();
    const rows = await sheetRows((await file.path())!, '行政处罚案件');
    assert.equal(rows.length, 2, 'the header and the one filtered case');
    assert.equal(rows[1]![0], caseNo);
    assert.equal(rows[1]![4], '警告、罚款');

    // Joint actions: the seed's action with its departments and 打击取缔非法加油车（点）3起, summed at the top.
    await page.getByTestId('menu-joint-actions').click();
    const table = page.getByTestId('joint-table');
    await table.locator('tr.ant-table-row').first().waitFor();
    await table.getByText('打击取缔非法加油车（点）3起').waitFor();
    await page.getByTestId('joint-totals').getByText('打击取缔非法加油车（点）3起').waitFor();
    await page.getByTestId('joint-create').click();
    const jf = page;
    await page.getByTestId('joint-title').waitFor();
    await jf.getByTestId('joint-title').fill('烟花爆竹非法储存点联合整治');
    await choose(jf.getByTestId('joint-lead'), '管委会');
    await pickMany(jf.getByTestId('joint-participants'), '消防救援站');
    await pickMany(jf.getByTestId('joint-participants'), '综合行政执法队');
    await jf.getByTestId('joint-result-item').first().fill('取缔非法储存烟花爆竹窝点');
    await page.getByTestId('joint-result-count').first().fill('2');
    await screenshot(page, 'b-joint-form', false);
    await page.getByTestId('joint-save').click();
    await page.getByTestId('joint-title').waitFor({ state: 'detached' });
    await page.getByTestId('joint-detail').getByText('取缔非法储存烟花爆竹窝点2起').waitFor();
    await closeDrawer(page);
    await page.getByTestId('joint-totals').getByText('取缔非法储存烟花爆竹窝点2起').waitFor();
    await screenshot(page, 'b-joint-desk');
    const jointDownload = page.waitForEvent('download');
    await page.getByTestId('joint-export').click();
    const jointRows = await sheetRows((await (await jointDownload).path())!, '联合执法行动');
    assert.equal(jointRows.length, 3);
    assert.ok(jointRows.some((r) => r[5] === '打击取缔非法加油车（点）3起'));

    // The phone: cards, the filters stacked, nothing wider than the screen; the form fits too.
    await resize(page, PHONE);
    await page.getByTestId('joint-cards').waitFor();
    await fitsWidth(page, 'joint actions on a phone');
    await screenshot(page, 'b-joint-phone');
    await page.goto('/enforcement/penalties');
    await page.getByTestId('penalty-cards').locator('.enforcement-card').first().waitFor();
    await fitsWidth(page, 'penalty cases on a phone');
    await screenshot(page, 'b-penalties-phone');
    await page.getByTestId('penalty-create').click();
    await page.getByTestId('penalty-legal-basis').waitFor();
    await screenshot(page, 'b-penalty-form-phone', false);
    await closeDrawer(page);
    await resize(page, DESK);
  });

  test('enforcement by role: the department sees its joint work, the enterprise only its own cases', async () => {
    const dept = await openConsole(browser);
    await signIn(dept, 'department');
    await assertMenu(dept, ROLE_MENUS.department);
    await dept.getByTestId('menu-joint-actions').click();
    await dept.getByTestId('joint-table').getByText('打击取缔非法加油车（点）3起').waitFor();
    assert.equal(await dept.getByTestId('penalty-create').count(), 0);
    await dept.close();

    await enterprise.getByTestId('menu-penalty-cases').click();
    await enterprise.getByTestId('penalty-table').waitFor();
    assert.equal(await enterprise.getByTestId('penalty-create').count(), 0);
    const mine = await apiCall<{ items: { enterpriseId: string }[] }>(
      enterprise,
      'GET',
      '/api/enforcement/penalty-cases?pageSize=100',
    );
    assert.ok(mine.body.items.length >= 1);
    assert.ok(mine.body.items.every((c) => c.enterpriseId === enterpriseId));
    assert.equal(
      await enterprise.getByTestId('penalty-table').locator('tr.ant-table-row').count(),
      mine.body.items.length,
    );
  });

  test('audit log: Chinese object types, the object by its number, the change field by field', async () => {
    const admin = await openConsole(browser);
    await signInAdmin(admin);
    await admin.getByTestId('current-user').waitFor();
    await admin.getByTestId('menu-audit').click();
    const table = admin.getByTestId('audit-table');
    await table.locator('tr.ant-table-row').first().waitFor();

    // Filter by object type: the options are Chinese and include the enforcement records.
    await search(admin.getByTestId('audit-entity-type'), '处罚', '处罚案件');
    await admin.getByRole('button', { name: /查\s*询/ }).click();
    const row = table.locator('tr.ant-table-row').filter({ hasText: '登记处罚案件' }).first();
    await row.waitFor();
    const entity = (await row.getByTestId('audit-entity').textContent()) ?? '';
    assert.match(entity, /^处罚案件\s*高新安监罚〔\d{4}〕0004号/);
    assert.doesNotMatch(entity, /[0-9a-f]{8}-[0-9a-f]{4}-/);
    await row.locator('.ant-table-row-expand-icon').click();
    const change = admin.getByTestId('audit-change-table').first();
    await change.waitFor();
    for (const label of ['案号', '处罚依据', '处罚种类', '罚款金额', '立案日期', '案件状态']) {
      await change.getByText(label, { exact: true }).first().waitFor();
    }
    await change.getByText('5,000.00 元').waitFor();
    await change.getByText('已立案').waitFor();
    assert.equal(await change.getByText('legalBasis').count(), 0);
    await screenshot(admin, 'b-audit-desk');

    // The phone: one card a row, the change opened in place as label and 前 → 后 (no column off the screen).
    await resize(admin, PHONE);
    const card = admin.getByTestId('audit-card').filter({ hasText: '登记处罚案件' }).first();
    await card.getByTestId('audit-card-toggle').click();
    await card.getByTestId('audit-change-table').getByText('处罚依据').waitFor();
    await card.getByTestId('audit-change-table').getByText('5,000.00 元').waitFor();
    await fitsWidth(admin, 'audit log on a phone');
    await screenshot(admin, 'b-audit-phone');
    await admin.close();
  });
});
