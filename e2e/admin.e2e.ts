import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import {
  assertMenu,
  choose,
  launchBrowser,
  openConsole,
  PASSWORD,
  ROLE_MENUS,
  rememberAdminSecret,
  screenshot,
  signIn,
  submitCredentials,
  typeTotp,
} from './support';

// One admin session for the whole file: the admin enrols TOTP on first sign-in, and a second sign-in within the
// same 30-second window could be refused as a replayed code.
describe('administrator', () => {
  let browser: Browser;
  let admin: Page;
  before(async () => {
    browser = await launchBrowser();
    admin = await openConsole(browser);
  });
  after(() => browser.close());

  test('first sign-in enrols TOTP, then shows the full admin menu', async () => {
    await submitCredentials(admin, 'admin', PASSWORD);
    const secretText = admin.getByTestId('totp-secret');
    await secretText.waitFor();
    await admin.locator('.ant-qrcode canvas, .ant-qrcode svg').first().waitFor();
    await screenshot(admin, 'login-totp-setup');
    const secret = ((await secretText.textContent()) ?? '').replace(/\s/g, '');
    assert.match(secret, /^[A-Z2-7]{16,}=*$/, `secret shown: ${secret}`);
    rememberAdminSecret(secret);
    await typeTotp(admin, secret);
    await assertMenu(admin, ROLE_MENUS.admin);
    await admin.getByTestId('stat-users').waitFor();
    await admin.locator('.chart-card canvas').first().waitFor();
    await screenshot(admin, 'home-admin');
  });

  test('organisations and the audit log with a verified hash chain', async () => {
    await admin.getByTestId('menu-organisations').click();
    await admin.locator('.ant-table-row').first().waitFor();
    // Contact phones are listed masked (stored encrypted).
    const phones = await admin.locator('[data-testid^=org-phone-]').allTextContents();
    assert.ok(
      phones.some((p) => /^\d{3}\*{4}\d{4}$/.test(p)),
      phones.join(' '),
    );
    await screenshot(admin, 'organisations');
    await admin.getByTestId('menu-audit').click();
    await admin.locator('[data-testid=audit-table] .ant-table-row').first().waitFor();
    await admin.getByTestId('audit-verify').click();
    const result = admin.getByTestId('audit-verify-result');
    await result.waitFor();
    assert.match((await result.textContent()) ?? '', /哈希链完整/);
    // The archived months, folded: none in a fresh park, and the note says who archives and drops (the owner, by CLI).
    const archives = admin.getByTestId('audit-archives');
    await archives.getByText(/归档月份（0）/).click();
    await archives.getByText('尚无归档月份：审计日志全部在线保存。').waitFor();
    assert.match((await archives.textContent()) ?? '', /npm run audit:archive/);
    await screenshot(admin, 'audit');
  });

  test('a user the admin creates must change the password at first sign-in', async () => {
    const username = `e2e.inspector.${Date.now() % 100000}`;
    const initial = 'Init#2026pass';
    await admin.getByTestId('menu-users').click();
    await admin.locator('[data-testid=user-table] .ant-table-row').first().waitFor();
    await admin.getByTestId('user-create').click();
    const form = admin.getByTestId('user-create-form');
    await form.getByTestId('user-username').fill(username);
    await form.getByTestId('user-displayName').fill('王检查');
    await form.getByTestId('user-phone').fill('13800138000');
    await choose(form.getByTestId('user-role'), '检查人员');
    await choose(form.getByTestId('organisation-select'), /./);
    await form.getByTestId('user-password').fill(initial);
    await screenshot(admin, 'user-create');
    await admin.getByTestId('user-create-submit').click();
    await admin.getByText('用户已创建').waitFor();
    await admin.getByTestId(`user-status-${username}`).getByText('首次登录需改密').waitFor();
    // The phone is stored encrypted and listed masked; 查看 (with a reason, audited) shows it in full.
    const phone = admin.getByTestId(`user-phone-${username}`);
    assert.equal(await phone.textContent(), '138****8000');
    await admin.getByTestId(`user-phone-${username}-show`).click();
    await admin.getByTestId(`user-phone-${username}-reason`).fill('核对新开账户的联系电话');
    await admin.getByTestId(`user-phone-${username}-confirm`).click();
    await phone.filter({ hasText: '13800138000' }).waitFor();
    await screenshot(admin, 'users');

    const user = await openConsole(browser);
    await submitCredentials(user, username, initial);
    await user.getByTestId('forced-change').waitFor();
    assert.equal(await user.getByTestId('menu-home').count(), 0, 'no console before the password is changed');
    await user.getByTestId('pw-current').fill(initial);
    await user.getByTestId('pw-new').fill('short');
    await user.getByText(/密码至少 \d+ 位/).waitFor();
    await screenshot(user, 'forced-password-change');
    await user.getByTestId('pw-new').fill('Changed#2026ok');
    await user.getByTestId('pw-confirm').fill('Changed#2026ok');
    await user.getByTestId('pw-submit').click();
    await assertMenu(user, ROLE_MENUS.inspector);
    await user.context().close();

    // The new password is the one that works from now on.
    const again = await openConsole(browser);
    await signIn(again, username, 'Changed#2026ok');
    await again.context().close();
  });

  test('my account offers no way to turn TOTP off for an administrator', async () => {
    await admin.getByTestId('menu-account').click();
    await admin.getByText('系统管理员必须使用动态验证码').waitFor();
    await screenshot(admin, 'account-admin');
  });
});
