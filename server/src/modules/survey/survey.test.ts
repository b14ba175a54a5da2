// API tests of the safety status survey: configuration (defaults, copy, draft-only edits, conditions, order, open and
// close), answers (draft, submit with required checks, return, on behalf), data scope, completion figures, Excel export.
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  AnswerValue,
  QuestionView,
  ResponsePage,
  ResponseView,
  SurveyDetail,
  SurveyProgress,
} from '../../../../shared/src/survey';
import { verifyAuditChains } from '../../platform/audit';
import { rows } from '../../platform/db';
import { type Client, createTestEnv, signedIn, type TestEnv } from '../../testing/harness';
import { GBT33000_ELEMENTS } from './defaults';

let env: TestEnv;
let sup: Client;
let ent1: Client;
let ent2: Client;
let leader: Client;
let admin: Client;
let e1: string;
let e2: string;

const errorOf = (res: { json(): unknown }) =>
  (res.json() as { error: { code: string; message: string; fields?: Record<string, string> } }).error;
const json = <T>(res: { json(): unknown }) => res.json() as T;
const questionsOf = (s: SurveyDetail) => s.sections.flatMap((x) => x.questions);
const byTitle = (s: SurveyDetail, title: string) => questionsOf(s).find((q) => q.title === title)!;

/** A complete, valid answer to every question (the conditional ones answered as if they show). */
function fullAnswers(s: SurveyDetail, overrides: Record<string, AnswerValue> = {}): Record<string, AnswerValue> {
  const out: Record<string, AnswerValue> = {};
  for (const q of questionsOf(s)) out[q.id] = sample(q);
  return { ...out, ...overrides };
}

function sample(q: QuestionView): AnswerValue {
  switch (q.questionType) {
    case 'single':
      return q.options[0]!;
    case 'multiple':
      return q.options.slice(0, 2);
    case 'yesNo':
      return true;
    case 'number':
      return Math.max(q.minValue ?? 0, 2);
    case 'text':
      return '无';
    case 'date':
      return '2026-03-15';
  }
}

async function enterpriseOf(username: string): Promise<string> {
  const [r] = await rows<{ id: string }>(
    env.database.db,
    sql`select organisation_id as id from users where username = ${username}`,
  );
  return r!.id;
}

beforeAll(async () => {
  env = await createTestEnv();
  [sup, ent1, ent2, leader, admin] = await Promise.all([
    signedIn(env.app, 'supervisor'),
    signedIn(env.app, 'enterprise1'),
    signedIn(env.app, 'enterprise2'),
    signedIn(env.app, 'leader'),
    signedIn(env.app, 'admin'),
  ]);
  e1 = await enterpriseOf('enterprise1');
  e2 = await enterpriseOf('enterprise2');
});
afterAll(async () => {
  await env?.close();
});

let survey: SurveyDetail;

describe('configuring a survey', () => {
  it('creates a year from the shipped questions, covering every area and GB/T 33000 element', async () => {
    const res = await sup.post('/api/surveys', { year: 2025, title: '2025年度工贸企业安全生产状况调查' });
    expect(res.statusCode).toBe(200);
    survey = json<SurveyDetail>(res);
    expect(survey).toMatchObject({ year: 2025, status: 'draft', completion: { submitted: 0 } });
    const titles = survey.sections.map((s) => s.title);
    for (const area of [
      '隐患排查治理',
      '重大危险源',
      '应急预案与应急演练',
      '安全生产责任制',
      '安全生产标准化',
      '员工安全培训',
    ]) {
      expect(titles).toContain(area);
    }
    const questions = questionsOf(survey);
    expect(questions.map((q) => q.number)).toEqual(questions.map((_, i) => i + 1));
    for (const element of GBT33000_ELEMENTS) {
      const q = questions.find((x) => x.title.includes(`「${element}」`));
      expect(q?.options).toEqual(['完善', '基本完善', '不完善']);
    }
    expect(byTitle(survey, '安全生产标准化等级（GB/T 33000）').options).toEqual([
      '一级',
      '二级',
      '三级',
      '未达标',
      '未开展',
    ]);
    // The level of major hazard sources is asked only of enterprises that have one.
    const level = byTitle(survey, '重大危险源最高等级');
    expect(level.condition).toEqual({ questionId: byTitle(survey, '是否有重大危险源').id, anyOf: ['true'] });
    // Shown numbers run 1, 2, 3 … over the questions that always show; a conditional one sits under its question.
    const unconditional = questions.filter((q) => !q.condition);
    expect(unconditional.map((q) => q.label)).toEqual(unconditional.map((_, i) => String(i + 1)));
    const has = byTitle(survey, '是否有重大危险源');
    expect(level.label.startsWith(`${has.label}.`)).toBe(true);
    for (const q of questions.filter((x) => x.condition)) {
      const parent = questions.find((x) => x.id === q.condition!.questionId)!;
      const cut = q.label.lastIndexOf('.');
      expect(q.label.slice(0, cut)).toBe(parent.label);
      expect(q.label.slice(cut + 1)).toMatch(/^\d+$/);
    }
  });

  it('keeps one survey per year, lets a year be copied, and a draft be edited and deleted', async () => {
    const again = await sup.post('/api/surveys', { year: 2025, title: '重复的年度调查' });
    expect(again.statusCode).toBe(409);
    expect(errorOf(again).message).toContain('2025年度已有调查');
    expect(errorOf(again).fields).toHaveProperty('year');

    const noSource = await sup.post('/api/surveys', { year: 2026, title: '2026年度调查', source: 'copy' });
    expect(noSource.statusCode).toBe(400);
    expect(errorOf(noSource).message).toContain('请选择要复制的调查');

    const copy = await sup.post('/api/surveys', {
      year: 2026,
      title: '2026年度工贸企业安全生产状况调查',
      source: 'copy',
      copyFromId: survey.id,
    });
    expect(copy.statusCode).toBe(200);
    const copied = json<SurveyDetail>(copy);
    expect(copied.copiedFromId).toBe(survey.id);
    expect(questionsOf(copied).map((q) => q.title)).toEqual(questionsOf(survey).map((q) => q.title));
    // Conditions point at the copies, not at last year's questions.
    const level = byTitle(copied, '重大危险源最高等级');
    expect(level.condition?.questionId).toBe(byTitle(copied, '是否有重大危险源').id);
    expect(questionsOf(copied).map((q) => q.id)).not.toContain(byTitle(survey, '是否有重大危险源').id);

    const edit = await sup.patch(`/api/surveys/${copied.id}`, {
      title: '2026年度安全生产状况调查',
      rowVersion: copied.rowVersion,
    });
    expect(edit.statusCode).toBe(200);
    const stale = await sup.patch(`/api/surveys/${copied.id}`, { title: '过期版本', rowVersion: copied.rowVersion });
    expect(stale.statusCode).toBe(409);

    const blank = json<SurveyDetail>(
      await sup.post('/api/surveys', { year: 2024, title: '2024年度空白调查', source: 'blank' }),
    );
    expect(blank.sections).toEqual([]);
    expect((await sup.post(`/api/surveys/${blank.id}/open`)).statusCode).toBe(422);
    expect((await sup.post(`/api/surveys/${blank.id}/delete`)).statusCode).toBe(200);
    expect((await sup.get(`/api/surveys/${blank.id}`)).statusCode).toBe(404);
    expect((await sup.post(`/api/surveys/${copied.id}/delete`)).statusCode).toBe(200);
  });

  it('edits questions while draft: add, change, conditions checked, reorder, delete', async () => {
    const section = json<SurveyDetail>(
      await sup.post(`/api/surveys/${survey.id}/sections`, { title: '职业健康' }),
    ).sections.at(-1)!;
    expect(section.title).toBe('职业健康');

    const invalid = await sup.post(`/api/surveys/${survey.id}/questions`, {
      sectionId: section.id,
      questionType: 'single',
      title: '是否开展职业病危害因素检测',
      options: ['是'],
    });
    expect(invalid.statusCode).toBe(400);
    expect(errorOf(invalid).message).toContain('至少需要 2 个选项');

    let s = json<SurveyDetail>(
      await sup.post(`/api/surveys/${survey.id}/questions`, {
        sectionId: section.id,
        questionType: 'yesNo',
        title: '是否存在职业病危害因素',
        helpText: '如粉尘、噪声、化学毒物',
      }),
    );
    const hazard = byTitle(s, '是否存在职业病危害因素');
    expect(hazard).toMatchObject({ required: true, helpText: '如粉尘、噪声、化学毒物', number: questionsOf(s).length });

    // A condition must point back to a choice or yes/no question, with answers it can have.
    const badCondition = await sup.post(`/api/surveys/${survey.id}/questions`, {
      sectionId: section.id,
      questionType: 'number',
      title: '接触职业病危害因素人数',
      condition: { questionId: hazard.id, anyOf: ['有'] },
    });
    expect(badCondition.statusCode).toBe(422);
    expect(errorOf(badCondition).message).toContain('应为“是”或“否”');
    s = json<SurveyDetail>(
      await sup.post(`/api/surveys/${survey.id}/questions`, {
        sectionId: section.id,
        questionType: 'number',
        title: '接触职业病危害因素人数',
        unit: '人',
        minValue: 0,
        integerOnly: true,
        condition: { questionId: hazard.id, anyOf: ['true'] },
      }),
    );
    const exposed = byTitle(s, '接触职业病危害因素人数');

    // Moving the dependent question before the one it depends on is refused.
    const order = s.sections.map((x) => ({ id: x.id, questionIds: x.questions.map((q) => q.id) }));
    const last = order.at(-1)!;
    last.questionIds = [exposed.id, hazard.id];
    const badOrder = await sup.post(`/api/surveys/${survey.id}/order`, { sections: order });
    expect(badOrder.statusCode).toBe(422);
    expect(errorOf(badOrder).message).toContain('必须依据排在它前面的题目');

    // Moving the new section to the front renumbers every question.
    const front = [order.at(-1)!, ...order.slice(0, -1)];
    front[0]!.questionIds = [hazard.id, exposed.id];
    s = json<SurveyDetail>(await sup.post(`/api/surveys/${survey.id}/order`, { sections: front }));
    expect(s.sections[0]!.title).toBe('职业健康');
    expect(byTitle(s, '是否存在职业病危害因素').number).toBe(1);

    const edited = await sup.patch(`/api/surveys/${survey.id}/questions/${exposed.id}`, {
      title: '接触职业病危害因素的从业人员数',
      required: false,
    });
    expect(edited.statusCode).toBe(200);
    expect(byTitle(json<SurveyDetail>(edited), '接触职业病危害因素的从业人员数')).toMatchObject({
      required: false,
      unit: '人',
      integerOnly: true,
      condition: { questionId: hazard.id },
    });

    const referenced = await sup.post(`/api/surveys/${survey.id}/questions/${hazard.id}/delete`);
    expect(referenced.statusCode).toBe(422);
    expect(errorOf(referenced).message).toContain('显示条件依据了此题');
    // Deleting the whole section takes both questions.
    s = json<SurveyDetail>(await sup.post(`/api/surveys/${survey.id}/sections/${section.id}/delete`));
    expect(s.sections.map((x) => x.title)).not.toContain('职业健康');
    expect(questionsOf(s).length).toBe(questionsOf(survey).length);
    expect(questionsOf(s)[0]!.number).toBe(1);
    survey = s;
  });

  it('lets only the committee configure; leaders read; enterprises do not see drafts', async () => {
    expect((await leader.get(`/api/surveys/${survey.id}`)).statusCode).toBe(200);
    expect((await leader.post('/api/surveys', { year: 2030, title: '领导新建' })).statusCode).toBe(403);
    expect((await ent1.post('/api/surveys', { year: 2030, title: '企业新建' })).statusCode).toBe(403);
    expect((await ent1.get(`/api/surveys/${survey.id}`)).statusCode).toBe(404);
    const list = json<{ items: unknown[] }>(await ent1.get('/api/surveys'));
    expect(list.items).toEqual([]);
    expect(json<{ survey: unknown }>(await ent1.get('/api/surveys/current')).survey).toBeNull();
    // Inspectors and member units have no survey menu and no access.
    const inspector = await signedIn(env.app, 'inspector');
    expect((await inspector.get('/api/surveys')).statusCode).toBe(403);
    expect((await inspector.get(`/api/surveys/${survey.id}/progress`)).statusCode).toBe(403);
  });

  it('opens the survey; its questions are then frozen and a second survey cannot open', async () => {
    const opened = await sup.post(`/api/surveys/${survey.id}/open`);
    expect(opened.statusCode).toBe(200);
    survey = json<SurveyDetail>(opened);
    expect(survey.status).toBe('open');
    const q = questionsOf(survey)[0]!;
    const frozen = await sup.patch(`/api/surveys/${survey.id}/questions/${q.id}`, { title: '改一下' });
    expect(frozen.statusCode).toBe(422);
    expect(errorOf(frozen).code).toBe('SURVEY_NOT_DRAFT');

    const other = json<SurveyDetail>(await sup.post('/api/surveys', { year: 2027, title: '2027年度调查' }));
    const second = await sup.post(`/api/surveys/${other.id}/open`);
    expect(second.statusCode).toBe(409);
    expect(errorOf(second).message).toContain('正在填报中');
    expect((await sup.post(`/api/surveys/${other.id}/delete`)).statusCode).toBe(200);
  });
});

describe('answering', () => {
  it('shows the open survey to enterprise1 with its (empty) response', async () => {
    const cur = json<{ survey: SurveyDetail; response: ResponseView }>(await ent1.get('/api/surveys/current'));
    expect(cur.survey.id).toBe(survey.id);
    expect(cur.survey.completion).toBeNull();
    expect(cur.response).toMatchObject({ enterpriseId: e1, status: 'notStarted', rowVersion: 0, answers: {} });
  });

  it('saves a partial draft; bad values are refused with the question named', async () => {
    const hazards = byTitle(survey, '本年度自查发现隐患数量');
    const bad = await ent1.post(`/api/surveys/${survey.id}/responses/${e1}/save`, {
      answers: { [hazards.id]: 2.5 },
      rowVersion: 0,
    });
    expect(bad.statusCode).toBe(422);
    expect(errorOf(bad).message).toBe(`第 ${hazards.label} 题「本年度自查发现隐患数量」应填写整数`);
    expect(errorOf(bad).fields).toHaveProperty(`answers.${hazards.id}`);

    const ok = await ent1.post(`/api/surveys/${survey.id}/responses/${e1}/save`, {
      answers: { [hazards.id]: 3, [byTitle(survey, '是否建立隐患排查治理制度').id]: true },
      rowVersion: 0,
    });
    expect(ok.statusCode).toBe(200);
    expect(json<ResponseView>(ok)).toMatchObject({ status: 'draft', rowVersion: 1, updatedByName: expect.any(String) });

    const stale = await ent1.post(`/api/surveys/${survey.id}/responses/${e1}/save`, { answers: {}, rowVersion: 0 });
    expect(stale.statusCode).toBe(409);
  });

  it('refuses a submission with required questions unanswered, naming them in Chinese', async () => {
    const answers = fullAnswers(survey);
    const plan = byTitle(survey, '是否制定年度安全培训计划');
    const grade = byTitle(survey, '安全生产标准化等级（GB/T 33000）');
    delete answers[plan.id];
    answers[grade.id] = '';
    const res = await ent1.post(`/api/surveys/${survey.id}/responses/${e1}/submit`, { answers, rowVersion: 1 });
    expect(res.statusCode).toBe(422);
    const err = errorOf(res);
    expect(err.code).toBe('SURVEY_ANSWERS_INCOMPLETE');
    expect(err.message).toContain('为必答题，请填写');
    expect(err.message).toContain('共 2 处');
    expect(err.fields?.[`answers.${plan.id}`]).toBe(`第 ${plan.label} 题「是否制定年度安全培训计划」为必答题，请填写`);
    expect(err.fields).toHaveProperty(`answers.${grade.id}`);
    // Nothing was saved.
    const still = json<ResponseView>(await ent1.get(`/api/surveys/${survey.id}/responses/${e1}`));
    expect(still).toMatchObject({ status: 'draft', rowVersion: 1 });
  });

  it('does not require questions whose condition is not met, and drops their answers on submit', async () => {
    const mhs = byTitle(survey, '是否有重大危险源');
    const level = byTitle(survey, '重大危险源最高等级');
    const count = byTitle(survey, '重大危险源数量');
    const answers = fullAnswers(survey, { [mhs.id]: false });
    delete answers[count.id];
    answers[level.id] = '二级'; // answered, but the question does not show
    const res = await ent1.post(`/api/surveys/${survey.id}/responses/${e1}/submit`, { answers, rowVersion: 1 });
    expect(res.statusCode).toBe(200);
    const r = json<ResponseView>(res);
    expect(r).toMatchObject({ status: 'submitted', rowVersion: 2, submittedByName: expect.any(String) });
    expect(r.submittedAt).not.toBeNull();
    expect(r.answers[mhs.id]).toBe(false);
    expect(r.answers).not.toHaveProperty(level.id);

    const again = await ent1.post(`/api/surveys/${survey.id}/responses/${e1}/save`, { answers, rowVersion: 2 });
    expect(again.statusCode).toBe(422);
    expect(errorOf(again).message).toContain('答卷已提交');
  });

  it('lets a supervisor return a submission with a reason; the enterprise corrects and resubmits', async () => {
    expect((await sup.post(`/api/surveys/${survey.id}/responses/${e1}/return`, { reason: '' })).statusCode).toBe(400);
    expect(
      (await ent1.post(`/api/surveys/${survey.id}/responses/${e1}/return`, { reason: '自己退回' })).statusCode,
    ).toBe(403);
    const res = await sup.post(`/api/surveys/${survey.id}/responses/${e1}/return`, {
      reason: '隐患数量与台账不一致，请核实',
    });
    expect(res.statusCode).toBe(200);
    expect(json<ResponseView>(res)).toMatchObject({ status: 'returned', returnReason: '隐患数量与台账不一致，请核实' });

    const mine = json<{ response: ResponseView }>(await ent1.get('/api/surveys/current')).response;
    expect(mine).toMatchObject({ status: 'returned', returnReason: '隐患数量与台账不一致，请核实' });
    // A draft save keeps it "returned" (the reason stays visible) until it is submitted again.
    const hazards = byTitle(survey, '本年度自查发现隐患数量');
    const answers = { ...mine.answers, [hazards.id]: 5 };
    const saved = json<ResponseView>(
      await ent1.post(`/api/surveys/${survey.id}/responses/${e1}/save`, { answers, rowVersion: mine.rowVersion }),
    );
    expect(saved.status).toBe('returned');
    const resubmitted = await ent1.post(`/api/surveys/${survey.id}/responses/${e1}/submit`, {
      answers,
      rowVersion: saved.rowVersion,
    });
    expect(resubmitted.statusCode).toBe(200);
    expect(json<ResponseView>(resubmitted)).toMatchObject({ status: 'submitted', returnReason: null });
    expect(json<ResponseView>(resubmitted).answers[hazards.id]).toBe(5);
  });

  it('keeps enterprise1 to its own enterprise: another enterprise answers 404, figures 403', async () => {
    expect((await ent1.get(`/api/surveys/${survey.id}/responses/${e2}`)).statusCode).toBe(404);
    const body = { answers: fullAnswers(survey), rowVersion: 0 };
    expect((await ent1.post(`/api/surveys/${survey.id}/responses/${e2}/save`, body)).statusCode).toBe(404);
    expect((await ent1.post(`/api/surveys/${survey.id}/responses/${e2}/submit`, body)).statusCode).toBe(404);
    expect(
      (await ent1.post(`/api/surveys/${survey.id}/responses/${e2}/return`, { reason: '越权退回' })).statusCode,
    ).toBe(403);
    expect((await ent1.get(`/api/surveys/${survey.id}/progress`)).statusCode).toBe(403);
    expect((await ent1.get(`/api/surveys/${survey.id}/responses`)).statusCode).toBe(403);
    expect((await ent1.get(`/api/surveys/${survey.id}/export`)).statusCode).toBe(403);
    // Nothing was written for enterprise2.
    const theirs = json<ResponseView>(await ent2.get(`/api/surveys/${survey.id}/responses/${e2}`));
    expect(theirs.status).toBe('notStarted');
    // And enterprise2 does not see enterprise1's answers.
    expect((await ent2.get(`/api/surveys/${survey.id}/responses/${e1}`)).statusCode).toBe(404);
  });

  it('lets a supervisor answer on behalf of an enterprise; the leader only reads', async () => {
    const body = {
      answers: fullAnswers(survey, {
        [byTitle(survey, '需要管委会协调解决的安全生产问题或建议').id]: '=HYPERLINK("http://x","点击")',
      }),
      rowVersion: 0,
    };
    expect((await leader.post(`/api/surveys/${survey.id}/responses/${e2}/save`, body)).statusCode).toBe(403);
    expect((await admin.post(`/api/surveys/${survey.id}/responses/${e2}/save`, body)).statusCode).toBe(403);
    const res = await sup.post(`/api/surveys/${survey.id}/responses/${e2}/submit`, body);
    expect(res.statusCode).toBe(200);
    expect(json<ResponseView>(res)).toMatchObject({ status: 'submitted', submittedByName: '张安监' });
    const [audit] = await rows<{ actor_role: string; enterprise_id: string; action: string }>(
      env.database.db,
      sql`select actor_role, enterprise_id, action from audit_log
           where entity_type = 'surveyResponse' and enterprise_id = ${e2} order by seq desc limit 1`,
    );
    expect(audit).toEqual({ actor_role: 'supervisor', enterprise_id: e2, action: 'survey.responseSubmit' });
  });
});

describe('figures and export', () => {
  it('counts completion over enterprises that are not 注销, by park, area and tag', async () => {
    const [counts] = await rows<{ total: string | number; cancelled: string | number }>(
      env.database.db,
      sql`select count(*) filter (where status <> 'cancelled') as total, count(*) filter (where status = 'cancelled') as cancelled
            from enterprises`,
    );
    expect(Number(counts!.cancelled)).toBeGreaterThan(0);
    const p = json<SurveyProgress>(await leader.get(`/api/surveys/${survey.id}/progress`));
    expect(p.total).toBe(Number(counts!.total));
    expect(p.submitted).toBe(2);
    expect(p.notStarted + p.draft + p.returned + p.submitted).toBe(p.total);
    expect(p.rate).toBeCloseTo(2 / p.total, 6);
    expect(p.byArea.reduce((n, a) => n + a.total, 0)).toBe(p.total);
    expect(p.byArea.reduce((n, a) => n + a.submitted, 0)).toBe(2);
    expect(p.byTag.length).toBe(11);

    const [e1row] = await rows<{ area: string }>(env.database.db, sql`select area from enterprises where id = ${e1}`);
    const area = p.byArea.find((a) => a.key === e1row!.area)!;
    expect(area.submitted).toBeGreaterThanOrEqual(1);
    expect(area.rate).toBeCloseTo(area.submitted / area.total, 6);

    const list = json<{ items: SurveyDetail[] }>(await sup.get('/api/surveys'));
    expect(list.items.find((s) => s.id === survey.id)?.completion).toEqual({ total: p.total, submitted: 2 });
  });

  it('lists the enterprises that have not submitted, with contacts, and filters by state', async () => {
    const open = json<ResponsePage>(
      await sup.get(`/api/surveys/${survey.id}/responses?state=notSubmitted&pageSize=100`),
    );
    const p = json<SurveyProgress>(await sup.get(`/api/surveys/${survey.id}/progress`));
    expect(open.total).toBe(p.total - 2);
    const ids = open.items.map((r) => r.enterpriseId);
    expect(ids).not.toContain(e1);
    expect(ids).not.toContain(e2);
    expect(open.items[0]).toHaveProperty('principalPhone');
    const done = json<ResponsePage>(await sup.get(`/api/surveys/${survey.id}/responses?state=submitted`));
    expect(done.items.map((r) => r.enterpriseId).sort()).toEqual([e1, e2].sort());
  });

  it('exports one row per enterprise and one column per question, formulas neutralised', async () => {
    const res = await sup.get(`/api/surveys/${survey.id}/export`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(String(res.headers['content-disposition'])).toContain(encodeURIComponent(survey.title));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ExcelJS.Buffer);
    const sheet = wb.getWorksheet('答卷')!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
    const questions = questionsOf(survey);
    expect(header.slice(0, 3)).toEqual(['序号', '企业名称', '统一社会信用代码']);
    expect(header.length).toBe(9 + questions.length);
    const col = (title: string) => header.indexOf(`${byTitle(survey, title).label}. ${title}`) + 1;
    const hours = byTitle(survey, '本年度从业人员人均安全培训学时');
    expect(header[8 + hours.number]).toBe(`${hours.label}. 本年度从业人员人均安全培训学时（学时）`);

    const p = json<SurveyProgress>(await sup.get(`/api/surveys/${survey.id}/progress`));
    expect(sheet.rowCount - 1).toBeGreaterThanOrEqual(p.total);

    const [names] = await rows<{ e1: string; e2: string }>(
      env.database.db,
      sql`select (select name from enterprises where id = ${e1}) as e1, (select name from enterprises where id = ${e2}) as e2`,
    );
    const rowOf = (name: string) => {
      let found: ExcelJS.Row | undefined;
      sheet.eachRow((row) => {
        if (row.getCell(2).value === name) found = row;
      });
      return found!;
    };
    const r1 = rowOf(names!.e1);
    expect(r1.getCell(8).value).toBe('已提交');
    expect(r1.getCell(col('是否有重大危险源')).value).toBe('否');
    expect(r1.getCell(col('重大危险源最高等级')).value).toBe('');
    expect(r1.getCell(9 + hours.number).value).toBe(2);
    expect(r1.getCell(col('本企业开展的隐患排查类型')).value).toBe('日常排查、综合性排查');
    const r2 = rowOf(names!.e2);
    expect(r2.getCell(col('需要管委会协调解决的安全生产问题或建议')).value).toBe(`'=HYPERLINK("http://x","点击")`);

    const summary = wb.getWorksheet('完成情况')!;
    expect(summary.getRow(2).values).toEqual([undefined, '全园区', survey.title, p.total, 2, 2 / p.total]);
    expect(wb.getWorksheet('题目')!.rowCount).toBe(questions.length + 1);

    const [audit] = await rows<{ action: string }>(
      env.database.db,
      sql`select action from audit_log where entity_id = ${survey.id} order by seq desc limit 1`,
    );
    expect(audit!.action).toBe('survey.export');
  });

  it('closes the survey: no more answers, returns or edits; reopening allows them again', async () => {
    const closed = await sup.post(`/api/surveys/${survey.id}/close`);
    expect(closed.statusCode).toBe(200);
    const ent3 = await signedIn(env.app, 'enterprise3');
    const e3 = await enterpriseOf('enterprise3');
    const body = { answers: {}, rowVersion: 0 };
    const late = await ent3.post(`/api/surveys/${survey.id}/responses/${e3}/save`, body);
    expect(late.statusCode).toBe(422);
    expect(errorOf(late).message).toContain('已结束');
    // The closed survey still shows, read-only, on the enterprise page.
    expect(json<{ survey: SurveyDetail }>(await ent3.get('/api/surveys/current')).survey.status).toBe('closed');
    expect(
      (await sup.post(`/api/surveys/${survey.id}/responses/${e1}/return`, { reason: '结束后退回' })).statusCode,
    ).toBe(422);
    expect((await sup.post(`/api/surveys/${survey.id}/open`)).statusCode).toBe(200);
    expect((await ent3.post(`/api/surveys/${survey.id}/responses/${e3}/save`, body)).statusCode).toBe(200);
  });

  it('audited every change in an intact hash chain', async () => {
    const actions = await rows<{ action: string }>(
      env.database.db,
      sql`select distinct action from audit_log where action like 'survey.%'`,
    );
    expect(actions.map((a) => a.action).sort()).toEqual(
      [
        'survey.close',
        'survey.create',
        'survey.delete',
        'survey.export',
        'survey.open',
        'survey.questionCreate',
        'survey.questionUpdate',
        'survey.reopen',
        'survey.reorder',
        'survey.responseReturn',
        'survey.responseSave',
        'survey.responseSubmit',
        'survey.sectionCreate',
        'survey.sectionDelete',
        'survey.update',
      ].sort(),
    );
    const result = await verifyAuditChains(env.database.db);
    expect(result.ok).toBe(true);
  });
});
