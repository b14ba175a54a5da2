// 安全生产状况调查 in the browser: the supervisor creates this year's survey from the shipped questions, adds one and
// opens it; enterprise1 is stopped by the required checks, fills the form and submits; the supervisor sees the
// completion rate change, reads the answers and returns them with a reason, which enterprise1 then sees.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import { choose, launchBrowser, openConsole, screenshot as shoot, signIn } from './support';

/** Shots from the top of the page (the shell's header and side bar are sticky, so a scrolled full-page shot tears). */
async function screenshot(page: Page, name: string, fullPage = true): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await shoot(page, name, fullPage);
}

/** Clicks the OK button of the Popconfirm that is open. */
async function confirm(page: Page): Promise<void> {
  await page.locator('.ant-popover:visible .ant-btn-primary').click();
}

async function modalOk(page: Page): Promise<void> {
  await page.locator('.ant-modal-wrap:visible .ant-modal-footer .ant-btn').last().click();
}

async function statValue(card: Locator): Promise<string> {
  return ((await card.locator('.ant-statistic-content').textContent()) ?? '').trim();
}

/**
 * Answers every question the form shows: first option, "是", a number, a date, some text. Answering "是" makes
 * follow-up questions appear, so it goes round until nothing is left unanswered.
 */
async function answerAll(page: Page): Promise<void> {
  const items = page.locator('[data-testid=survey-form] .survey-question');
  for (let round = 0; round < 6; round++) {
    let changed = false;
    const n = await items.count();
    for (let i = 0; i < n; i++) {
      const item = items.nth(i);
      if (await item.locator('.ant-radio-wrapper').count()) {
        if (await item.locator('.ant-radio-wrapper-checked').count()) continue;
        await item.locator('.ant-radio-wrapper').first().click();
      } else if (await item.locator('.ant-checkbox-wrapper').count()) {
        if (await item.locator('.ant-checkbox-wrapper-checked').count()) continue;
        await item.locator('.ant-checkbox-wrapper').first().click();
      } else if (await item.locator('.ant-input-number').count()) {
        const input = item.locator('.ant-input-number input');
        if (await input.inputValue()) continue;
        await input.fill('3');
      } else if (await item.locator('.ant-picker').count()) {
        const input = item.locator('.ant-picker input');
        if (await input.inputValue()) continue;
        await input.click();
        await input.fill('2026-03-15');
        await input.press('Enter');
        await page.keyboard.press('Escape');
      } else if (await item.locator('textarea').count()) {
        const input = item.locator('textarea');
        if (await input.inputValue()) continue;
        await input.fill('希望组织有限空间作业专题培训');
      } else continue;
      changed = true;
    }
    if (!changed) return;
  }
}

describe('safety status survey', () => {
  let browser: Browser;
  let supervisor: Page;
  let enterprise: Page;
  before(async () => {
    browser = await launchBrowser();
    supervisor = await openConsole(browser);
    await signIn(supervisor, 'supervisor');
  });
  after(() => browser.close());

  test('the supervisor creates the survey from the shipped questions, adds a question and opens it', async () => {
    await supervisor.getByTestId('menu-survey').click();
    await supervisor.getByTestId('survey-table').waitFor();
    await supervisor.getByTestId('survey-create').click();
    const modal = supervisor.locator('.ant-modal-wrap:visible');
    await modal.getByText('平台默认题目').waitFor();
    await screenshot(supervisor, 'survey-create', false);
    await modalOk(supervisor);

    await supervisor.getByTestId('section-1').waitFor();
    assert.match((await supervisor.locator('.page-title').textContent()) ?? '', /年度工贸企业安全生产状况调查/);
    await screenshot(supervisor, 'survey-editor');

    // Add a question to the last section (意见建议).
    const sections = await supervisor.locator('[data-testid^=section-]:not([data-testid=section-add])').count();
    await supervisor.getByTestId(`question-add-${sections}`).click();
    const form = supervisor.locator('.ant-modal-wrap:visible');
    await form.getByTestId('question-title').fill('本年度安全生产投入');
    await choose(form.getByTestId('question-type'), '数字');
    await form.locator('#survey-question_minValue').fill('0');
    await form.locator('#survey-question_unit').fill('万元');
    await screenshot(supervisor, 'survey-question-modal', false);
    await modalOk(supervisor);
    await supervisor.locator('.ant-table-cell').getByText('本年度安全生产投入').waitFor();

    // The preview answers like the real form: "是" on 是否有重大危险源 brings up its follow-up questions.
    await supervisor.getByTestId('survey-preview').click();
    const preview = supervisor.locator('.ant-drawer [data-testid=survey-form]');
    await preview.waitFor();
    // Shown numbers run on without gaps while 6's follow-ups are hidden (6 → 7, not 6 → 10) …
    const shownNumbers = async () =>
      (await preview.locator('.survey-question .ant-form-item-label label').allTextContents()).map(
        (text) => text.split('. ')[0],
      );
    const folded = await shownNumbers();
    assert.deepEqual(folded.slice(0, 7), ['1', '2', '3', '4', '5', '6', '7']);
    assert.ok(
      folded.every((n) => /^\d+$/.test(n!)),
      'only the questions that always show',
    );
    await preview.getByTestId('question-6').locator('.ant-radio-wrapper').first().click();
    await preview.getByTestId('question-7').waitFor();
    // … and the follow-ups, once shown, are numbered under 6.
    assert.deepEqual((await shownNumbers()).slice(5, 10), ['6', '6.1', '6.2', '6.3', '7']);
    await screenshot(supervisor, 'survey-preview', false);
    await supervisor.locator('.ant-drawer .ant-drawer-close').click();
    await supervisor.locator('.ant-drawer-content').waitFor({ state: 'detached' });

    await supervisor.getByTestId('survey-open').first().click();
    await confirm(supervisor);
    await supervisor.getByTestId('survey-status').getByText('填报中').first().waitFor();
    await supervisor.getByTestId('menu-survey').click();
    await supervisor.locator('[data-testid=survey-table] .ant-table-row').first().waitFor();
    await screenshot(supervisor, 'survey-list');
    await supervisor.getByTestId('survey-progress-link').first().click();
    await supervisor.getByTestId('progress-rate').waitFor();
    assert.equal(await statValue(supervisor.getByTestId('progress-submitted')), '0');
    assert.equal(await statValue(supervisor.getByTestId('progress-rate')), '0.0%');
    await supervisor.locator('[data-testid=response-table] .ant-table-row').first().waitFor();
    await screenshot(supervisor, 'survey-progress-start');
  });

  test('enterprise1 is told which required questions are missing, then fills and submits the form', async () => {
    enterprise = await openConsole(browser);
    await signIn(enterprise, 'enterprise1');
    await enterprise.getByTestId('menu-my-survey').click();
    await enterprise.getByTestId('survey-form').waitFor();
    assert.match((await enterprise.getByTestId('survey-banner').textContent()) ?? '', /尚未填报/);
    await screenshot(enterprise, 'my-survey-form', false);

    // Submitting an empty form: the required questions are marked, nothing is sent.
    await enterprise.getByTestId('survey-submit').click();
    await confirm(enterprise);
    await enterprise.locator('.ant-form-item-explain-error').first().waitFor();
    const firstError = (await enterprise.locator('.ant-form-item-explain-error').first().textContent()) ?? '';
    assert.match(firstError, /^请填写第 1 题「是否建立隐患排查治理制度」$/);
    await screenshot(enterprise, 'my-survey-validation', false);

    await answerAll(enterprise);
    await enterprise.getByTestId('survey-save').click();
    await enterprise.getByText('草稿已保存').waitFor();
    await enterprise
      .getByTestId('survey-banner')
      .getByText(/尚未提交/)
      .waitFor();
    await screenshot(enterprise, 'my-survey-draft', false);

    await enterprise.getByTestId('survey-submit').click();
    await confirm(enterprise);
    // Wait for the submitted banner itself: the draft's "尚未提交" also contains 提交.
    await enterprise
      .getByTestId('survey-banner')
      .getByText(/已于 .* 提交/)
      .waitFor();
    assert.match((await enterprise.getByTestId('survey-banner').textContent()) ?? '', /已于 .* 提交/);
    assert.equal(await enterprise.getByTestId('survey-submit').count(), 0);
    await screenshot(enterprise, 'my-survey-submitted');
  });

  test('the supervisor sees the completion rate change, reads the answers and returns them', async () => {
    await supervisor.reload();
    await supervisor.getByTestId('progress-rate').waitFor();
    assert.equal(await statValue(supervisor.getByTestId('progress-submitted')), '1');
    const total = Number(await statValue(supervisor.getByTestId('progress-total')));
    assert.ok(total > 200, `enterprises due: ${total}`);
    assert.equal(await statValue(supervisor.getByTestId('progress-rate')), `${((1 / total) * 100).toFixed(1)}%`);
    await supervisor.locator('[data-testid=chart-area] canvas').waitFor();
    await supervisor.locator('[data-testid=chart-tag] canvas').waitFor();
    await screenshot(supervisor, 'survey-progress');

    await choose(supervisor.getByTestId('response-state-filter'), '已提交');
    await supervisor.locator('.filter-card .ant-btn-primary').click();
    const rows = supervisor.locator('[data-testid=response-table] .ant-table-row');
    await supervisor.waitForFunction(
      () => document.querySelectorAll('[data-testid=response-table] .ant-table-row').length === 1,
    );
    await rows.first().locator('.cell-link').click();
    await supervisor.getByTestId('response-return').waitFor();
    await screenshot(supervisor, 'survey-response-drawer', false);
    await supervisor.getByTestId('response-return').click();
    await supervisor.getByTestId('return-reason-input').fill('隐患数量与台账不一致，请核实后重新提交');
    await modalOk(supervisor);
    await supervisor.locator('.ant-drawer').getByTestId('response-status').getByText('已退回').waitFor();
    await supervisor.locator('.ant-drawer .ant-drawer-close').click();
    await supervisor.locator('.ant-drawer-content').waitFor({ state: 'detached' });

    await enterprise.reload();
    await enterprise.getByTestId('return-reason').waitFor();
    assert.equal(await enterprise.getByTestId('return-reason').textContent(), '隐患数量与台账不一致，请核实后重新提交');
    assert.equal(await enterprise.getByTestId('survey-submit').count(), 1);
    await screenshot(enterprise, 'my-survey-returned', false);
    await enterprise.context().close();
  });

  test('the progress page reads in English too', async () => {
    await supervisor.getByTestId('lang-switch').click();
    await supervisor.getByText('Completion by area').waitFor();
    assert.equal(await supervisor.getByTestId('menu-survey').textContent(), 'Safety status survey');
    await screenshot(supervisor, 'survey-progress-en');
    await supervisor.getByTestId('lang-switch').click();
    await supervisor.context().close();
  });
});
