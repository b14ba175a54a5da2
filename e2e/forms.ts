// Form helpers of the browser tests that fill the console's forms: antd Selects and DatePickers, photo walls,
// signatures, drawers, API calls in the page's own session, phones, and photos made on the spot.
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import sharp from 'sharp';
import { BASE_URL, screenshot as shoot } from './support';

/** Shots from the top of the page (the shell's header is sticky, so a scrolled full-page shot tears). */
export async function screenshot(page: Page, name: string, fullPage = true): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await shoot(page, name, fullPage);
}

/** A shot of the open drawer as a person sees it, scrolled to one of its parts. */
export async function drawerShot(page: Page, name: string, part?: string): Promise<void> {
  if (part) await page.getByTestId(part).evaluate((e) => e.scrollIntoView({ block: 'start' }));
  else
    await page
      .locator('.ant-drawer-open .ant-drawer-body')
      .last()
      .evaluate((e) => e.scrollTo(0, 0));
  await shoot(page, name, false);
}

/** A small photo made on the spot: a coloured square with a darker band, as PNG. */
export async function photo(color: string): Promise<Buffer> {
  const band = await sharp({ create: { width: 320, height: 60, channels: 3, background: '#333333' } })
    .png()
    .toBuffer();
  return sharp({ create: { width: 640, height: 480, channels: 3, background: color } })
    .composite([{ input: band, top: 300, left: 160 }])
    .png()
    .toBuffer();
}

export const png = (name: string, buffer: Buffer) => ({ name, mimeType: 'image/png', buffer });

/** Today + n days in the park's calendar (Asia/Shanghai), YYYY-MM-DD. */
export function parkDay(days: number): string {
  return new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

/** Whether any Select dropdown is showing (opening, open or still closing). */
const dropdownShowing = (page: Page) =>
  page.evaluate(() =>
    Array.from(document.querySelectorAll('.ant-select-dropdown')).some((e) => {
      const style = getComputedStyle(e);
      return style.display !== 'none' && style.visibility !== 'hidden' && e.getBoundingClientRect().height > 0;
    }),
  );

/**
 * Clicks an option of the open dropdown and waits until the dropdown has gone, so the next Select is not confused
 * with this one. Now and then a click during the dropdown's opening animation is lost; it is then clicked again.
 */
export async function pickOption(page: Page, option: string | RegExp): Promise<void> {
  const item = page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: option }).first();
  for (let attempt = 0; attempt < 3; attempt++) {
    if (attempt === 0 || (await item.isVisible())) await item.click();
    for (let wait = 0; wait < 20; wait++) {
      if (!(await dropdownShowing(page))) return;
      await page.waitForTimeout(100);
    }
  }
  throw new Error(`the option ${option} could not be chosen`);
}

/** Types into a server-searched antd Select and picks the option that shows the text. */
export async function search(select: Locator, typed: string, option: string | RegExp = typed): Promise<void> {
  await select.click();
  await select.locator('input').fill(typed);
  await pickOption(select.page(), option);
}

export async function choose(select: Locator, option: string): Promise<void> {
  await select.click();
  await pickOption(select.page(), option);
}

/** antd puts a DatePicker's data-testid on its input. */
/** Adds one option to a multiple antd Select (which stays open after a pick), searching for it first if typed. */
export async function pickMany(select: Locator, option: string | RegExp, typed?: string): Promise<void> {
  const page = select.page();
  const chosen = select.locator('.ant-select-selection-item').filter({ hasText: option }).first();
  // On a loaded machine a click can land while the list is still animating and be lost: pick again (three times).
  for (let attempt = 1; ; attempt++) {
    await select.click();
    if (typed) await select.locator('input').fill(typed);
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option')
      .filter({ hasText: option })
      .first()
      .click();
    const picked = await chosen.waitFor({ timeout: 10_000 }).then(
      () => true,
      () => false,
    );
    if (picked) break;
    if (attempt === 3) await chosen.waitFor();
    await page.keyboard.press('Escape');
    // A pick that only rendered late must not be clicked again (a second click would remove it).
    if (await chosen.isVisible()) break;
  }
  await page.keyboard.press('Escape');
  // The closing dropdown still lists this option for a moment: a Select opened next must not pick from it.
  for (let wait = 0; wait < 30 && (await dropdownShowing(page)); wait++) await page.waitForTimeout(100);
}

export async function pickDate(input: Locator, day: string): Promise<void> {
  await input.click();
  await input.fill(day);
  await input.press('Enter');
}

/** Uploads photos through an upload wall and waits until the server has stored them all. */
export async function upload(wall: Locator, files: ReturnType<typeof png>[]): Promise<void> {
  const done = wall.locator('.ant-upload-list-item-done');
  const before = await done.count();
  await wall.locator('input[type=file]').setInputFiles(files);
  await wall.page().waitForFunction(({ sel, n }) => document.querySelectorAll(sel).length >= n, {
    sel: `[data-testid=${await wall.getAttribute('data-testid')}] .ant-upload-list-item-done`,
    n: before + files.length,
  });
}

/** JSON from the API in the page's own session (with its CSRF token), for set-up and for checking scope. */
export async function apiCall<T>(
  page: Page,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  return page.evaluate(
    async ({ method, path, body }) => {
      const session = (await (await fetch('/api/auth/session')).json()) as { csrfToken: string };
      const res = await fetch(path, {
        method,
        headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: res.status, body: await res.json() };
    },
    { method, path, body },
  );
}

export async function closeDrawer(page: Page): Promise<void> {
  await page.locator('.ant-drawer-open .ant-drawer-close').click();
  await page.locator('.ant-drawer-open').waitFor({ state: 'detached' });
}

/**
 * The box of an element once it has stopped moving: a modal zooms in and a drawer slides, and strokes measured mid-way
 * land on the mask beside it (which closes a modal — seen in CI).
 */
async function settledBox(locator: Locator): Promise<{ x: number; y: number; width: number; height: number } | null> {
  let last = await locator.boundingBox();
  for (let i = 0; i < 40; i++) {
    await new Promise((resolve) => setTimeout(resolve, 80));
    const box = await locator.boundingBox();
    if (box && last && ['x', 'y', 'width', 'height'].every((k) => box[k as 'x'] === last![k as 'x'])) return box;
    last = box;
  }
  return last;
}

/** Draws a signature (two strokes) on a SignaturePad's canvas with the mouse, as a finger would. */
export async function sign(page: Page, testId: string): Promise<void> {
  const canvas = page.getByTestId(`${testId}-pad-canvas`);
  const signed = page.getByTestId(`${testId}-pad-state`).filter({ hasText: /已签名|Signed/ });
  // The canvas is measured again for each try: measured while its drawer still slides in, the strokes can land
  // beside it and the pad stays empty (seen once in CI). More strokes on a signed pad keep it signed.
  for (let attempt = 1; ; attempt++) {
    await canvas.scrollIntoViewIfNeeded();
    const box = await settledBox(canvas);
    if (!box) throw new Error(`${testId}: no signature canvas`);
    const at = (fx: number, fy: number) => [box.x + box.width * fx, box.y + box.height * fy] as const;
    for (const stroke of [
      [at(0.15, 0.6), at(0.3, 0.3), at(0.45, 0.65), at(0.6, 0.35)],
      [at(0.55, 0.5), at(0.7, 0.55), at(0.85, 0.4)],
    ]) {
      const [first, ...rest] = stroke;
      await page.mouse.move(first![0], first![1]);
      await page.mouse.down();
      for (const [x, y] of rest) await page.mouse.move(x, y, { steps: 6 });
      await page.mouse.up();
    }
    if (attempt === 3) return signed.waitFor();
    if (
      await signed.waitFor({ timeout: 10_000 }).then(
        () => true,
        () => false,
      )
    )
      return;
  }
}

/** A phone (390×844, touch) looking at the console, not yet signed in. */
export async function phoneContext(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext({
    baseURL: BASE_URL,
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  context.setDefaultTimeout(45_000);
  return context;
}
