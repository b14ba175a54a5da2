// The console on a phone (390×844) and on a 1440 px desk: the menu is a drawer that closes once an entry is chosen and
// never covers the page's breadcrumb; 本企业档案 and the enterprise list read on a phone (one label and value a row,
// cards instead of a table, a toolbar that wraps); list pages fit a 1440 screen without a sideways scroll; the plan
// position is chosen on the plan and shown as placed / not placed; toasts stay clear of a drawer's title; the sign-in
// page loads without an error. Every main page is shot at both sizes (test-output/screenshots/tour-*.png).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import { phoneContext, screenshot } from './forms';
import { launchBrowser, openConsole, signIn } from './support';

/** The committee's main pages, as the supervisor has them; `table` marks a list that must fit 1440 unscrolled. */
const PAGES: { name: string; path: string; ready: string; table?: boolean }[] = [
  { name: 'home', path: '/', ready: '[data-testid=stat-enterprises]' },
  { name: 'enterprises', path: '/enterprises', ready: '[data-testid=enterprise-total]', table: true },
  { name: 'due', path: '/registry/due', ready: '.ant-table-row, .ant-empty', table: true },
  { name: 'risk-points', path: '/risk/points', ready: '[data-testid=risk-point-name], .risk-cards', table: true },
  { name: 'risk-major', path: '/risk/major', ready: '.ant-table-row, .ant-empty', table: true },
  { name: 'risk-map', path: '/risk/map', ready: '[data-testid=risk-map]' },
  { name: 'campaigns', path: '/campaigns', ready: '.ant-table-row, .ant-card', table: true },
  {
    name: 'inspections',
    path: '/inspections',
    ready: '[data-testid=inspection-table], [data-testid=inspection-cards]',
    table: true,
  },
  { name: 'checklists', path: '/checklists', ready: '.ant-table-row, .ant-card', table: true },
  { name: 'hazards', path: '/hazards', ready: '[data-testid=hazard-table], [data-testid=hazard-cards]', table: true },
  { name: 'criteria', path: '/criteria', ready: '[data-testid=criteria-table]', table: true },
  { name: 'surveys', path: '/surveys', ready: '.ant-table', table: true },
  { name: 'account', path: '/account', ready: '.ant-descriptions' },
];

/** How far the page reaches past the screen's right edge (0: nothing sticks out). */
const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

/** A list's table scrolls sideways when its content is wider than its box. */
const tableScroll = (page: Page) =>
  page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLElement>('.page-body .ant-table-content, .page-body .ant-table-body')).map(
      (e) => e.scrollWidth - e.clientWidth,
    ),
  );

async function box(locator: Locator) {
  const b = await locator.boundingBox();
  assert.ok(b, 'the element is on screen');
  return b;
}

/** Where an element ends up once it has finished sliding in (two equal reads a quarter second apart). */
async function settled(locator: Locator) {
  let last = await box(locator);
  for (let i = 0; i < 20; i++) {
    await locator.page().waitForTimeout(250);
    const now = await box(locator);
    if (now.x === last.x && now.y === last.y) return now;
    last = now;
  }
  return last;
}

async function phonePage(browser: Browser, username: string): Promise<Page> {
  const context = await phoneContext(browser);
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`[page error] ${error.message}`));
  await page.goto('/');
  await signIn(page, username);
  return page;
}

describe('phone and desk layout', () => {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(() => browser.close());

  test('the sign-in page loads without an error status or console error', async () => {
    const context = await phoneContext(browser);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('console', (msg) => {
      if (msg.type() === 'error') errors.push(msg.text());
    });
    page.on('response', (r) => {
      if (r.status() >= 400) errors.push(`${r.status()} ${r.url()}`);
    });
    await page.goto('/');
    await page.getByTestId('login-username').waitFor();
    await page.waitForLoadState('networkidle');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('phone: the menu is a drawer that closes on navigation, and the header covers nothing', async () => {
    const page = await phonePage(browser, 'supervisor');
    const toggle = page.getByTestId('menu-toggle');
    const header = page.locator('.shell-header');
    const crumb = page.locator('.page-head .ant-breadcrumb');
    await crumb.waitFor();
    // The menu button sits in the header, wholly above the breadcrumb; the park name beside it, not under it.
    const [t, h, c, name] = [
      await box(toggle),
      await box(header),
      await box(crumb),
      await box(page.getByTestId('park-name')),
    ];
    assert.ok(t.y >= h.y && t.y + t.height <= h.y + h.height, 'the menu button is inside the header');
    assert.ok(t.y + t.height <= c.y, 'the menu button does not cover the breadcrumb');
    assert.ok(name.x >= t.x + t.width, 'the park name is beside the menu button');
    // No side bar takes width: the page has the whole screen.
    assert.equal(await page.locator('.shell-sider').count(), 0);
    assert.ok((await box(page.locator('.page-head'))).width >= 389, 'the page is as wide as the phone');
    await screenshot(page, 'phone-shell', false);

    await toggle.click();
    const drawer = page.locator('.shell-drawer .ant-drawer-body');
    await drawer.waitFor();
    await page.getByTestId('menu-enterprises').waitFor();
    await screenshot(page, 'phone-menu-open', false);
    await page.getByTestId('menu-enterprises').click();
    await page.waitForURL('**/enterprises');
    await drawer.waitFor({ state: 'hidden' });
    await page.getByTestId('enterprise-cards').waitFor();
    assert.ok((await box(page.locator('.page-body'))).width >= 389, 'the chosen page is not squeezed');
    assert.ok((await overflow(page)) <= 0, 'nothing is wider than the phone');

    // The close button closes it too, and a group's entry also navigates and closes.
    await toggle.click();
    await drawer.waitFor();
    await page.getByTestId('menu-close').click();
    await drawer.waitFor({ state: 'hidden' });
    await toggle.click();
    await page.getByTestId('menu-risk-map').click();
    await page.waitForURL('**/risk/map');
    await drawer.waitFor({ state: 'hidden' });
    await page.context().close();
  });

  test('phone: the enterprise list wraps its toolbar and shows cards; a record reads one value a row', async () => {
    const page = await phonePage(browser, 'supervisor');
    await page.goto('/enterprises');
    const total = page.getByTestId('enterprise-total');
    await page.getByTestId('enterprise-card').first().waitFor();
    // "共 287 条" on one line (it was stacked a character a line), and nothing sticks out past the screen.
    assert.ok((await box(total)).height < 30, 'the total is one line');
    assert.ok((await overflow(page)) <= 0, 'the toolbar wraps inside the phone');
    assert.equal(await page.getByTestId('enterprise-table').count(), 0, 'cards, not a squeezed table');
    await screenshot(page, 'phone-enterprises', false);

    await page.getByTestId('enterprise-card').first().click();
    await page.getByTestId('basic-view').waitFor();
    await assertReadable(page);
    await screenshot(page, 'phone-enterprise-record');
    await page.context().close();
  });

  test('phone: 本企业档案 of enterprise1 reads one label and value a row, nothing cut', async () => {
    const page = await phonePage(browser, 'enterprise1');
    await page.goto('/my-enterprise');
    await page.getByTestId('basic-view').waitFor();
    await assertReadable(page);
    // Placed or not, in words: no raw plan fractions.
    const position = await page.getByTestId('view-map-position').textContent();
    assert.match(position ?? '', /^(已放置在四色图上|尚未放置)$/);
    assert.doesNotMatch((await page.getByTestId('basic-view').textContent()) ?? '', /0\.\d{3}/);
    await screenshot(page, 'phone-my-enterprise');
    await page.locator('[data-testid=record-tabs] .ant-tabs-tab').filter({ hasText: '人员' }).click();
    await page.getByTestId('people-view').waitFor();
    await assertReadable(page, 'people-view');
    await screenshot(page, 'phone-my-enterprise-people');
    await page.context().close();
  });

  test('desk: 本企业档案 keeps three pairs a row at 1440; the plan position is chosen on the plan', async () => {
    const page = await openConsole(browser);
    await signIn(page, 'supervisor');
    await page.goto('/enterprises');
    await page.locator('[data-testid=enterprise-table] .cell-link').first().click();
    const view = page.getByTestId('basic-view');
    await view.waitFor();
    const firstRow = view.locator('tr.ant-descriptions-row').first();
    assert.equal(await firstRow.locator('.ant-descriptions-item-content').count(), 3, 'three values a row at 1440');
    assert.doesNotMatch((await view.textContent()) ?? '', /0\.\d{3}/, 'no raw plan fractions');
    await screenshot(page, 'desk-enterprise-record');

    // Edit: the position is a state and a button that opens the plan; a click on the plan places the marker.
    await page.getByTestId('basic-edit').click();
    const field = page.getByTestId('field-map-position');
    await field.waitFor();
    assert.equal(
      await page.locator('[data-testid=basic-form] .ant-input-number').count(),
      1,
      'only 从业人数 is a number box',
    );
    await page.getByTestId('map-position-pick').click();
    const picker = page.getByTestId('map-picker');
    const image = picker.locator('.risk-map-image');
    await image.waitFor();
    // The plan is sized to its image once the image is in: measure it then.
    await page.waitForFunction(() => {
      const img = document.querySelector<HTMLImageElement>('[data-testid=map-picker] .risk-map-image');
      return Boolean(img?.complete && img.naturalWidth > 0);
    });
    const plan = await settled(image);
    await page.mouse.click(plan.x + plan.width * 0.3, plan.y + plan.height * 0.4);
    await picker.getByTestId('map-marker').waitFor();
    await screenshot(page, 'desk-plan-picker', false);
    await page.getByTestId('map-pick-ok').click();
    await page.getByTestId('map-position-state').filter({ hasText: '已选择位置（保存后生效）' }).waitFor();
    const saved = page.waitForResponse(
      (r) => r.request().method() === 'PATCH' && r.url().includes('/api/enterprises/'),
    );
    await page.getByTestId('basic-save').click();
    const body = (await (await saved).json()) as { mapX: number; mapY: number };
    assert.ok(
      Math.abs(body.mapX - 0.3) < 0.05 && Math.abs(body.mapY - 0.4) < 0.05,
      `saved at ${body.mapX}, ${body.mapY}`,
    );
    await page.getByTestId('view-map-position').filter({ hasText: '已放置在四色图上' }).waitFor();
    await page.context().close();
  });

  test('toasts appear below a drawer title, on a desk and on a phone', async () => {
    for (const phone of [false, true]) {
      const page = phone ? await phonePage(browser, 'supervisor') : await openConsole(browser);
      if (!phone) await signIn(page, 'supervisor');
      await page.goto('/risk/points');
      await page.getByTestId('risk-count-pending').click();
      await page
        .locator(phone ? '[data-testid=risk-cards] .ant-card' : '[data-testid=risk-table] tr.ant-table-row')
        .first()
        .click();
      await page.getByTestId('risk-detail').waitFor();
      await page.getByTestId('risk-accept').click();
      const toast = page.locator('.ant-message-notice').first();
      await toast.waitFor();
      const head = await box(page.locator('.ant-drawer-open .ant-drawer-header').last());
      const note = await settled(toast);
      assert.ok(
        note.y >= head.y + head.height,
        `the toast (top ${note.y}) is below the drawer title (bottom ${head.y + head.height})`,
      );
      // It lets a tap through to what lies under it (a toast is read, not pressed).
      const hit = await page.evaluate(
        ([x, y]) => {
          const e = document.elementFromPoint(x!, y!);
          return e?.closest('.ant-message') ? `${e.tagName}.${e.className} ${getComputedStyle(e).pointerEvents}` : null;
        },
        [note.x + note.width / 2, note.y + note.height / 2],
      );
      assert.equal(hit, null, 'a tap on the toast reaches what is under it');
      await screenshot(page, phone ? 'phone-toast-drawer' : 'desk-toast-drawer', false);
      await page.context().close();
    }
  });

  test('desk 1440: every main page fits, lists without a sideways scroll', async () => {
    const page = await openConsole(browser);
    await signIn(page, 'supervisor');
    for (const p of PAGES) {
      await page.goto(p.path);
      await page.locator(p.ready).first().waitFor();
      await screenshot(page, `tour-desk-${p.name}`, false);
      assert.ok((await overflow(page)) <= 0, `${p.name} is wider than 1440`);
      if (p.table) {
        const scrolls = await tableScroll(page);
        assert.ok(
          scrolls.every((s) => s <= 0),
          `${p.name}: the table scrolls sideways by ${scrolls.join(', ')} px at 1440`,
        );
      }
    }
    await page.context().close();
  });

  test('phone 390×844: every main page stays within the screen', async () => {
    const page = await phonePage(browser, 'supervisor');
    for (const p of PAGES) {
      await page.goto(p.path);
      await page.locator(p.ready).first().waitFor();
      await screenshot(page, `tour-phone-${p.name}`, false);
      assert.ok((await overflow(page)) <= 0, `${p.name} is wider than the phone`);
    }
    await page.context().close();
  });
});

/** On a phone each value of a record view gets a row's width, so nothing breaks a character a line. */
async function assertReadable(page: Page, testId = 'basic-view'): Promise<void> {
  const view = page.getByTestId(testId);
  const values = view.locator('.ant-descriptions-item-content');
  const widths = await values.evaluateAll((cells) => cells.map((c) => c.getBoundingClientRect().width));
  assert.ok(widths.length > 0);
  assert.ok(Math.min(...widths) >= 180, `value cells are ${Math.min(...widths)}px wide at the narrowest`);
  if (testId === 'basic-view') {
    const code = await box(view.locator('.credit-code').first());
    assert.ok(code.height < 30, 'the credit code is on one line');
  }
  assert.ok((await overflow(page)) <= 0, 'nothing is wider than the phone');
}
