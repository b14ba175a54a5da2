// The console on a phone over a slow 4G link (DevTools protocol network emulation: 150 ms round trip, 1.6 Mbit/s
// down, 750 kbit/s up, empty cache): bytes on the wire and time until the sign-in page can be used, and until the
// hazard ledger shows its rows after signing in. Prints the figures (README "Performance"); goals: sign-in page
// < 400 KB, ledger (cold start, sign-in included) < 1 MB.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, CDPSession, Page } from 'playwright-core';
import { phoneContext, screenshot } from './forms';
import { launchBrowser, PASSWORD } from './support';

const SLOW_4G = {
  offline: false,
  latency: 150,
  downloadThroughput: (1.6 * 1024 * 1024) / 8,
  uploadThroughput: (750 * 1024) / 8,
};

/** Counts the bytes every response put on the wire (headers included, compressed as sent). */
async function meter(page: Page): Promise<{ cdp: CDPSession; bytes: () => number; requests: () => number }> {
  const cdp = await page.context().newCDPSession(page);
  let bytes = 0;
  let requests = 0;
  cdp.on('Network.loadingFinished', (e: { encodedDataLength: number }) => {
    bytes += e.encodedDataLength;
    requests++;
  });
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', SLOW_4G);
  return { cdp, bytes: () => bytes, requests: () => requests };
}

const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

describe('the console on a phone over slow 4G', () => {
  test('sign-in page < 400 KB, hazard ledger after signing in < 1 MB', async () => {
    const context = await phoneContext(browser);
    const page = await context.newPage();
    const m = await meter(page);

    const started = Date.now();
    await page.goto('/hazards');
    await page.getByTestId('login-submit').waitFor();
    const loginMs = Date.now() - started;
    const loginBytes = m.bytes();
    const loginRequests = m.requests();
    await screenshot(page, 'perf-login-phone', false);

    const signInStarted = Date.now();
    await page.getByTestId('login-username').fill('supervisor');
    await page.getByTestId('login-password').fill(PASSWORD);
    await page.getByTestId('login-submit').click();
    await page
      .getByTestId('hazard-card')
      .first()
      .waitFor()
      .catch(async (err: unknown) => {
        await screenshot(page, 'perf-ledger-phone-failed', false);
        throw err;
      });
    const ledgerMs = Date.now() - signInStarted;
    // Let requests the page started settle (counts, images) so they are counted too.
    await page.waitForLoadState('networkidle');
    const ledgerBytes = m.bytes();
    await screenshot(page, 'perf-ledger-phone', false);

    console.log(
      `[perf] slow 4G (150 ms, 1.6 Mbit/s): sign-in page usable after ${kb(loginBytes)} in ${loginRequests} requests, ` +
        `${(loginMs / 1000).toFixed(1)} s; ledger rows after ${kb(ledgerBytes)} in ${m.requests()} requests ` +
        `(sign-in page included), ${(ledgerMs / 1000).toFixed(1)} s after pressing 登录`,
    );
    await context.close();
    assert.ok(loginBytes < 400 * 1024, `sign-in page ${kb(loginBytes)} ≥ 400 KB`);
    assert.ok(ledgerBytes < 1024 * 1024, `ledger ${kb(ledgerBytes)} ≥ 1 MB`);
  });
});
