import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { failedSignIn, launchBrowser, openConsole, PASSWORD, screenshot } from './support';

// enterprise5 is locked here and must not be needed by any other test.
const USER = 'enterprise5';

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(() => browser.close());

test('five wrong passwords lock the account, and then the right one is refused', async () => {
  const page = await openConsole(browser);
  let message = '';
  for (let attempt = 1; attempt <= 5; attempt++) {
    message = await failedSignIn(page, USER, `Wrong#pass${attempt}`);
    if (attempt < 5) assert.match(message, /密码/, `attempt ${attempt}: ${message}`);
  }
  assert.match(message, /锁定/, `after five failures: ${message}`);

  const refused = await failedSignIn(page, USER, PASSWORD);
  assert.match(refused, /锁定/, `right password while locked: ${refused}`);
  await screenshot(page, 'login-locked');
  await page.context().close();
});
