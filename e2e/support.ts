// What every browser test needs: a Chromium, a signed-in page, menu checks, TOTP codes and screenshots.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { generate } from 'otplib';
import { type Browser, chromium, type Locator, type Page } from 'playwright-core';

export const BASE_URL = process.env.E2E_BASE_URL ?? 'http://127.0.0.1:3000';
export const PASSWORD = process.env.E2E_PASSWORD ?? 'Demo#2026pass';
const SCREENSHOTS = path.resolve('test-output/screenshots');

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.E2E_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-gpu',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** A fresh browser profile (own cookies, own language choice) looking at the console. */
export async function openConsole(browser: Browser): Promise<Page> {
  const context = await browser.newContext({
    baseURL: BASE_URL,
    viewport: { width: 1440, height: 900 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  // CI has two cores shared by the server, the browser and the test process: allow for a slow first paint.
  context.setDefaultTimeout(45_000);
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`[page error] ${error.message}`));
  // Refused requests are part of several tests (wrong passwords, actions the server refuses); other errors are not.
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !msg.text().startsWith('Failed to load resource')) {
      console.error(`[console error] ${msg.text()}`);
    }
  });
  await page.goto('/');
  await page.getByTestId('login-username').waitFor();
  return page;
}

export async function submitCredentials(page: Page, username: string, password: string): Promise<void> {
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
}

/** Signs in a user without TOTP and waits for the console (the header: on a phone the menu is in a closed drawer). */
export async function signIn(page: Page, username: string, password = PASSWORD): Promise<void> {
  await submitCredentials(page, username, password);
  await page.getByTestId('current-user').waitFor();
}

export async function typeTotp(page: Page, secret: string): Promise<void> {
  const code = await generate({ secret });
  await page.getByTestId('totp-code').locator('input').first().click();
  await page.keyboard.type(code);
  await page.getByTestId('totp-submit').click();
}

/** The admin's TOTP secret, kept for the run: the first suite to sign the admin in binds it, later ones reuse it. */
const ADMIN_SECRET_FILE = path.resolve('test-output/admin-totp-secret.txt');

export function rememberAdminSecret(secret: string): void {
  writeFileSync(ADMIN_SECRET_FILE, secret);
}

/** Signs the admin in whether or not an earlier suite of this run has already bound its authenticator. */
export async function signInAdmin(page: Page): Promise<void> {
  await submitCredentials(page, 'admin', PASSWORD);
  const setup = page.getByTestId('totp-secret');
  await setup.or(page.getByTestId('totp-code')).first().waitFor();
  let secret: string;
  if (await setup.isVisible()) {
    secret = ((await setup.textContent()) ?? '').replace(/\s/g, '');
    rememberAdminSecret(secret);
  } else {
    assert.ok(existsSync(ADMIN_SECRET_FILE), 'the admin was bound by an earlier suite that kept its secret');
    secret = readFileSync(ADMIN_SECRET_FILE, 'utf8').trim();
  }
  await typeTotp(page, secret);
}

export const ALL_MENUS = [
  'menu-home',
  'menu-enterprises',
  'menu-my-enterprise',
  'menu-registry-due',
  'menu-campaigns',
  'menu-inspections',
  'menu-checklists',
  'menu-hazards',
  'menu-criteria',
  'menu-survey',
  'menu-my-survey',
  'menu-users',
  'menu-organisations',
  'menu-audit',
  'menu-account',
  'menu-group-risk',
  'menu-risk-points',
  'menu-my-risk-points',
  'menu-risk-major',
  'menu-risk-map',
  'menu-risk-thresholds',
  'menu-group-enforcement',
  'menu-penalty-cases',
  'menu-joint-actions',
  'menu-notifications',
  'menu-group-responsibility',
  'menu-group-credit',
  'menu-my-credit',
  'menu-my-commitments',
  'menu-dashboard',
  'menu-coverage',
  'menu-work-plans',
  'menu-work-summary',
] as const;

/** The 执法 group as the committee, its leaders and member departments see it. */
export const ENFORCEMENT_MENUS = ['menu-group-enforcement', 'menu-penalty-cases', 'menu-joint-actions'] as const;

/** 领导驾驶舱 and 检查覆盖 (issue 15): the committee, its leaders and member units. */
export const FIGURE_MENUS = ['menu-dashboard', 'menu-coverage'] as const;

/** The 风险分级管控 group as the committee's roles see it (the admin also has 风险阈值). */
export const RISK_MENUS = ['menu-group-risk', 'menu-risk-points', 'menu-risk-major', 'menu-risk-map'] as const;

type Menu = (typeof ALL_MENUS)[number];

const PARK: Menu[] = [
  'menu-home',
  'menu-enterprises',
  'menu-registry-due',
  'menu-campaigns',
  'menu-inspections',
  'menu-checklists',
  'menu-hazards',
  'menu-criteria',
  'menu-survey',
];
const STAFF: Menu[] = [
  'menu-home',
  'menu-enterprises',
  'menu-campaigns',
  'menu-inspections',
  'menu-checklists',
  'menu-hazards',
  'menu-criteria',
  'menu-account',
];

/** What web/src/app/nav.tsx offers each demo role (the server enforces the same scope). */
export const ROLE_MENUS: Record<'admin' | 'supervisor' | 'leader' | 'inspector' | 'department' | 'enterprise', Menu[]> =
  {
    admin: [
      ...PARK,
      'menu-users',
      'menu-organisations',
      'menu-audit',
      'menu-account',
      ...RISK_MENUS,
      'menu-risk-thresholds',
      ...ENFORCEMENT_MENUS,
      'menu-notifications',
      'menu-group-responsibility',
      'menu-group-credit',
      ...FIGURE_MENUS,
      'menu-work-plans',
      'menu-work-summary',
    ],
    supervisor: [
      ...PARK,
      'menu-account',
      ...RISK_MENUS,
      ...ENFORCEMENT_MENUS,
      'menu-notifications',
      'menu-group-responsibility',
      'menu-group-credit',
      ...FIGURE_MENUS,
      'menu-work-plans',
      'menu-work-summary',
    ],
    leader: [
      ...PARK,
      'menu-account',
      ...RISK_MENUS,
      ...ENFORCEMENT_MENUS,
      'menu-notifications',
      'menu-group-responsibility',
      'menu-group-credit',
      ...FIGURE_MENUS,
      'menu-work-plans',
      'menu-work-summary',
    ],
    inspector: [...STAFF, ...RISK_MENUS, 'menu-penalty-cases', 'menu-notifications', 'menu-group-credit'],
    department: [
      ...STAFF,
      ...RISK_MENUS,
      ...ENFORCEMENT_MENUS,
      'menu-notifications',
      'menu-group-responsibility',
      'menu-group-credit',
      ...FIGURE_MENUS,
    ],
    enterprise: [
      'menu-home',
      'menu-my-enterprise',
      'menu-hazards',
      'menu-inspections',
      'menu-checklists',
      'menu-my-survey',
      'menu-criteria',
      'menu-account',
      'menu-my-risk-points',
      'menu-penalty-cases',
      'menu-notifications',
      'menu-group-responsibility',
      'menu-my-credit',
      'menu-my-commitments',
    ],
  };

/** The menu shows exactly these entries: each present, every other one absent. */
export async function assertMenu(page: Page, expected: readonly string[]): Promise<void> {
  await page.getByTestId(expected[0]!).waitFor();
  for (const id of ALL_MENUS) {
    const count = await page.getByTestId(id).count();
    assert.equal(
      count,
      expected.includes(id) ? 1 : 0,
      `${id} ${expected.includes(id) ? 'missing' : 'should not show'}`,
    );
  }
}

/** Saves what a person would see once transitions (chart build-up, drawers, menu highlight) have finished. */
export async function screenshot(page: Page, name: string, fullPage = true): Promise<void> {
  await page.waitForTimeout(1200);
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage });
}

/** Picks an option of an antd Select by its visible label. */
export async function choose(select: Locator, optionText: string | RegExp): Promise<void> {
  const page = select.page();
  const closed = () =>
    page
      .waitForFunction(
        () => !document.querySelector('.ant-select-dropdown:not(.ant-select-dropdown-hidden)'),
        undefined,
        {
          timeout: 8000,
        },
      )
      .then(
        () => true,
        () => false,
      );
  // On a loaded machine a click can land while the list is still animating in and be lost, leaving it open: then
  // the list is closed and the pick made again (at most three times).
  for (let attempt = 1; ; attempt++) {
    await select.click();
    const options = page.locator('.ant-select-dropdown:visible .ant-select-item-option');
    await options.filter({ hasText: optionText }).first().click();
    // Wait out the closing animation, so the next Select's options are not confused with this one's.
    if (await closed()) return;
    if (attempt === 3) throw new Error(`the options of a select stayed open after choosing ${String(optionText)}`);
    await page.keyboard.press('Escape');
    await closed();
  }
}

/** Submits the sign-in form, waits for the server's answer, and returns the error the page then shows. */
export async function failedSignIn(page: Page, username: string, password: string): Promise<string> {
  const answered = page.waitForResponse((r) => r.url().endsWith('/api/auth/login'));
  await submitCredentials(page, username, password);
  const response = await answered;
  assert.ok(response.status() >= 400, `sign-in of ${username} should fail, got ${response.status()}`);
  const alert = page.getByTestId('login-error');
  await alert.waitFor();
  return (await alert.textContent()) ?? '';
}
