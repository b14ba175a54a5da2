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
  // What a caller sees for a name that does not exist: the same as for a wrong password, no attempts left shown.
  const unknown = await failedSignIn(page, 'enterprise55', 'Wrong#pass0');
  assert.match(unknown, /用户名或密码错误/);
  assert.doesNotMatch(unknown, /再错/);

  let message = '';
  for (let attempt = 1; attempt <= 5; attempt++) {
    message = await failedSignIn(page, USER, `Wrong#pass${attempt}`);
    if (attempt < 5) assert.equal(message, unknown, `attempt ${attempt}: ${message}`);
  }
  assert.match(message, /锁定/, `after five failures: ${message}`);

  const refused = await failedSignIn(page, USER, PASSWORD);
  assert.match(refused, /锁定/, `right password while locked: ${refused}`);
  await screenshot(page, 'login-locked');
  await page.setViewportSize({ width: 390, height: 844 });
  await screenshot(page, 'login-locked-phone');
  await page.context().close();
});
