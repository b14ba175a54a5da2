// 宣传与会议 in the browser: the supervisor records the 安全生产月 with the materials handed out and a photo, then the
// special-funds payment for its materials linked to it, and sees the activity's money spent follow; records a
// 安委会扩大会议 with two decisions that become tasks (one for the demo department's unit, one for the committee);
// the department, on a 390×844 phone, finds its task on 我的任务 and finishes it, and the meeting shows 1/2 done. The
// committee reassigns an open task from the department's unit to enterprise1 (修改 / 改派 in the task drawer): it
// leaves the department's 我的任务 and appears on enterprise1's; a done task cannot be reassigned.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { MeetingView, PublicityView, TaskView } from '../shared/src/activities';
import {
  apiCall,
  choose,
  closeDrawer,
  drawerShot,
  parkDay,
  phoneContext,
  photo,
  pickDate,
  pickMany,
  png,
  screenshot,
  search,
  upload,
} from './forms';
import { launchBrowser, openConsole, signIn } from './support';

describe('publicity, meetings and special funds', () => {
  let browser: Browser;
  let supervisor: Page;
  let unitName = '';
  const theme = `${parkDay(0).slice(0, 4)}年“安全生产月”宣传活动（测试）`;
  const topic = '安委会扩大会议：部署岁末年初安全生产工作（测试）';

  before(async () => {
    browser = await launchBrowser();
    supervisor = await openConsole(browser);
    await signIn(supervisor, 'supervisor');
    const dept = await openConsole(browser);
    await signIn(dept, 'department');
    const session = await apiCall<{ me: { organisationName: string } }>(dept, 'GET', '/api/auth/session');
    unitName = session.body.me.organisationName;
    await dept.context().close();
  });
  after(() => browser.close());

  test('the 安全生产月 with its materials, and the payment for them linked to it', async () => {
    const page = supervisor;
    await page.goto('/publicity');
    await page.getByTestId('publicity-table').waitFor();
    await page.getByTestId('publicity-create').click();
    await page.getByTestId('publicity-form').waitFor();
    await page.getByTestId('publicity-theme').fill(theme);
    await pickDate(page.getByTestId('publicity-starts'), parkDay(-20));
    await pickDate(page.getByTestId('publicity-ends'), parkDay(-2));
    await page.getByTestId('publicity-participants').fill('1200');
    await choose(page.getByTestId('material-kind-0'), '横幅（条）');
    await page.getByTestId('material-qty-0').fill('30');
    await page.getByTestId('material-add').click();
    await choose(page.getByTestId('material-kind-1'), '彩页（份）');
    await page.getByTestId('material-qty-1').fill('-5');
    await page.getByTestId('publicity-submit').click();
    await page.getByText('数量应大于 0').waitFor();
    await page.getByTestId('material-qty-1').fill('5000');
    await upload(page.getByTestId('publicity-photos'), [png('横幅悬挂.png', await photo('#c0392b'))]);
    await page.getByTestId('publicity-submit').click();
    await page.getByTestId('publicity-detail').waitFor();
    assert.equal(await page.getByTestId('publicity-materials').textContent(), '横幅 30条、彩页 5,000份');
    await drawerShot(page, 'publicity-detail');
    await closeDrawer(page);
    // The year's activities by kind as a bar chart above the list (GET /api/activities/figures).
    await page.getByTestId('publicity-chart').locator('canvas').waitFor();
    await screenshot(page, 'publicity-list', false);

    // The payment for the month's printing, linked to the activity through the funds ledger.
    await page.goto('/funds');
    await page.getByTestId('funds-totals').waitFor();
    // The totals by purpose as a bar chart (the demo's payments of 2023 are in the ledger).
    await page.getByTestId('funds-chart').locator('canvas').waitFor();
    await page.getByTestId('fund-create').click();
    await page.getByTestId('fund-form').waitFor();
    await page.getByTestId('fund-amount').fill('36560.5');
    await pickDate(page.getByTestId('fund-paid-on'), parkDay(-3));
    await page.getByTestId('fund-supplier').fill('高新区印务有限公司');
    await page.getByTestId('fund-description').fill('安全生产宣传彩页、横幅印制');
    await choose(page.getByTestId('fund-subject-kind'), '宣传活动');
    await search(page.getByTestId('fund-subject'), '测试', theme);
    await page.getByTestId('fund-submit').click();
    await page.getByTestId('fund-detail').waitFor();
    await page
      .getByTestId('fund-detail')
      .getByText(`宣传活动：${parkDay(-20)} ${theme}`)
      .waitFor();
    await closeDrawer(page);
    await screenshot(page, 'funds-list', false);

    const list = await apiCall<{ items: PublicityView[] }>(
      page,
      'GET',
      `/api/publicity?q=${encodeURIComponent('测试')}`,
    );
    const month = list.body.items.find((a) => a.theme === theme)!;
    assert.equal(month.spent, 36560.5);
    assert.equal(month.photos.length, 1);
    await page.goto(`/publicity?activity=${month.id}`);
    assert.equal(await page.getByTestId('publicity-spent').textContent(), '36,560.50 元');
  });

  test('a 安委会扩大会议 whose two decisions become tasks; the owner unit finishes its task on a phone', async () => {
    const page = supervisor;
    await page.goto('/meetings');
    await page.getByTestId('meetings-table').waitFor();
    await page.getByTestId('meeting-create').click();
    await page.getByTestId('meeting-form').waitFor();
    await page.getByTestId('meeting-topic').fill(topic);
    await pickDate(page.getByTestId('meeting-held-on'), parkDay(-1));
    await pickMany(page.getByTestId('meeting-units'), unitName, unitName.slice(0, 3));
    await page.getByTestId('meeting-names').fill('分管领导\n安监办主任');
    await page.getByTestId('decision-text-0').fill('开展岁末年初有限空间作业专项检查');
    await search(page.getByTestId('decision-owner-0'), unitName.slice(0, 4), unitName);
    // A due date before the meeting is refused in the form before it is sent.
    await pickDate(page.getByTestId('decision-due-0'), parkDay(-5));
    await page.getByTestId('meeting-submit').click();
    await page.getByText('完成期限不能早于会议日期').waitFor();
    await pickDate(page.getByTestId('decision-due-0'), parkDay(14));
    await page.getByTestId('decision-add').click();
    await page.getByTestId('decision-text-1').fill('印发岁末年初安全生产工作方案');
    await search(page.getByTestId('decision-owner-1'), '安全生产监督', '管委会安全生产监督管理办公室');
    await pickDate(page.getByTestId('decision-due-1'), parkDay(7));
    await page.getByTestId('meeting-submit').click();
    await page.getByTestId('meeting-detail').waitFor();
    await page.getByTestId('meeting-task').nth(1).waitFor();
    assert.equal(await page.getByTestId('meeting-task').count(), 2);
    await drawerShot(page, 'meeting-detail', 'meeting-tasks');
    await closeDrawer(page);
    // The year's meetings by kind as a bar chart, with the decisions' tasks below it.
    await page.getByTestId('meetings-chart').locator('canvas').waitFor();
    await page
      .getByTestId('meetings-chart-tasks')
      .getByText(/决定事项任务 [1-9]\d* 项/)
      .waitFor();
    await screenshot(page, 'meetings-list', false);

    // The department's unit, on a phone: its task is on 我的任务; it records progress and finishes it.
    const phone = await (await phoneContext(browser)).newPage();
    await phone.goto('/');
    await signIn(phone, 'department');
    await phone.goto('/my-tasks');
    const card = phone.getByTestId('task-card').filter({ hasText: '开展岁末年初有限空间作业专项检查' });
    await card.waitFor();
    await screenshot(phone, 'my-tasks-phone');
    await card.click();
    await phone.getByTestId('task-detail').waitFor();
    await choose(phone.getByTestId('task-progress-state'), '已完成');
    await phone.getByTestId('task-progress-note').fill('已完成辖区12家涉有限空间企业检查，问题均已整改。');
    await phone.getByTestId('task-progress-submit').click();
    await phone.getByTestId('task-notes').getByText('已完成辖区12家涉有限空间企业检查').waitFor();
    await phone.getByTestId('task-detail').getByTestId('task-state').getByText('已完成').waitFor();
    await screenshot(phone, 'task-done-phone', false);
    await phone.context().close();

    const meetings = await apiCall<{ items: MeetingView[] }>(
      page,
      'GET',
      `/api/meetings?q=${encodeURIComponent('测试')}`,
    );
    const m = meetings.body.items.find((x) => x.topic === topic)!;
    assert.deepEqual(m.taskCounts, { total: 2, done: 1, overdue: 0 });
    await page.goto(`/meetings?meeting=${m.id}`);
    await page.getByTestId('meeting-detail').getByText('决定事项（1/2 已完成）').waitFor();
  });

  test('the publicity and meetings charts on a phone, and not for an enterprise', async () => {
    const phone = await (await phoneContext(browser)).newPage();
    await phone.goto('/');
    await signIn(phone, 'supervisor');
    // The 2023 demo period: the seeded activities and meetings fill the bars.
    await phone.goto('/publicity?from=2023-01-01&to=2023-12-31');
    await phone.getByTestId('publicity-chart').locator('canvas').waitFor();
    await screenshot(phone, 'publicity-chart-phone', false);
    await phone.goto('/meetings?from=2023-01-01&to=2023-12-31');
    await phone.getByTestId('meetings-chart').locator('canvas').waitFor();
    await screenshot(phone, 'meetings-chart-phone', false);
    await phone.context().close();

    // The figures are the committee's: an enterprise sees the activities but no chart — and the activity's photo
    // (a 宣传活动 park file, read by whoever reads the activity), previewed from the drawer.
    const ent = await openConsole(browser);
    await signIn(ent, 'enterprise1');
    await ent.goto('/publicity');
    await ent.getByTestId('publicity-totals').waitFor();
    assert.equal(await ent.getByTestId('publicity-chart').count(), 0);
    const list = await apiCall<{ items: PublicityView[] }>(ent, 'GET', `/api/publicity?q=${encodeURIComponent(theme)}`);
    const month = list.body.items.find((a) => a.theme === theme)!;
    assert.equal(month.photos.length, 1);
    await ent.goto(`/publicity?activity=${month.id}`);
    const thumb = ent.getByTestId('publicity-photo-list').locator('img').first();
    await thumb.waitFor();
    await ent.waitForFunction(
      (img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0,
      await thumb.elementHandle(),
    );
    assert.equal(await ent.getByTestId('publicity-create').count(), 0);
    await drawerShot(ent, 'publicity-photo-enterprise', 'publicity-photo-list');
    await ent.context().close();
  });

  test('the committee edits and reassigns a task; it moves from one owner’s 我的任务 to the other’s', async () => {
    const page = supervisor;
    const dept = await openConsole(browser);
    await signIn(dept, 'department');
    const me = await apiCall<{ me: { organisationId: string } }>(dept, 'GET', '/api/auth/session');
    const ent = await openConsole(browser);
    await signIn(ent, 'enterprise1');
    const entMe = await apiCall<{ me: { organisationName: string } }>(ent, 'GET', '/api/auth/session');
    const enterpriseName = entMe.body.me.organisationName;
    const created = await apiCall<MeetingView>(page, 'POST', '/api/meetings', {
      kind: 'topic',
      heldOn: parkDay(-2),
      topic: '专题会议：冬季消防安全（改派测试）',
      attendeeOrganisationIds: [me.body.me.organisationId],
      decisions: [
        { decision: '排查辖区企业冬季取暖用电', ownerOrganisationId: me.body.me.organisationId, dueOn: parkDay(10) },
      ],
    });
    assert.equal(created.status, 200, JSON.stringify(created.body));
    const task = created.body.tasks[0]!;
    const mine = async (p: Page) =>
      (await apiCall<{ items: TaskView[] }>(p, 'GET', '/api/meetings/tasks?pageSize=100')).body.items.map((t) => t.id);
    assert.ok((await mine(dept)).includes(task.id));

    await page.goto(`/meeting-tasks?task=${task.id}`);
    await page.getByTestId('task-detail').waitFor();
    await page.getByTestId('task-edit').click();
    await page.getByTestId('task-edit-decision').fill('排查辖区企业冬季取暖用电和电气线路');
    // A due date before the meeting: the server refuses it on the field.
    await pickDate(page.getByTestId('task-edit-due'), parkDay(-5));
    await page.getByTestId('task-edit-submit').click();
    await page
      .getByTestId('task-edit-form')
      .getByText(/不能早于会议日期/)
      .first()
      .waitFor();
    await pickDate(page.getByTestId('task-edit-due'), parkDay(20));
    await page.getByTestId('task-edit-owner-kind').getByText('企业').click();
    await search(page.getByTestId('task-edit-enterprise'), enterpriseName.slice(0, 4), enterpriseName);
    await screenshot(page, 'meeting-task-reassign', false);
    await page.getByTestId('task-edit-submit').click();
    await page.getByTestId('task-detail').getByText(enterpriseName).waitFor();
    await page.getByTestId('task-detail').getByText('排查辖区企业冬季取暖用电和电气线路').waitFor();
    await drawerShot(page, 'meeting-task-reassigned');

    assert.ok(!(await mine(dept)).includes(task.id), 'the old owner no longer sees it');
    await ent.goto('/my-tasks');
    await ent
      .getByTestId('task-card')
      .or(ent.getByRole('row'))
      .filter({ hasText: '排查辖区企业冬季取暖用电' })
      .first()
      .waitFor();
    // Done, it cannot be reassigned again (409, in Chinese).
    const done = await apiCall<TaskView>(ent, 'POST', `/api/meetings/tasks/${task.id}/progress`, {
      state: 'done',
      note: '已完成排查',
    });
    assert.equal(done.status, 200, JSON.stringify(done.body));
    const back = await apiCall<{ error: { code: string; message: string } }>(
      page,
      'PATCH',
      `/api/meetings/tasks/${task.id}`,
      { decision: done.body.decision, dueOn: done.body.dueOn, ownerOrganisationId: me.body.me.organisationId },
    );
    assert.equal(back.status, 409);
    assert.equal(back.body.error.message, '任务已完成，不能改派责任单位');
    await dept.context().close();
    await ent.context().close();
  });
});
