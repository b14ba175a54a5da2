// The answer rules shared by the console's form and the server (shared/src/survey.ts), without a database.
import { describe, expect, it } from 'vitest';
import { checkAnswers, type QuestionView, visibleQuestions } from '../../../../shared/src/survey';

const q = (n: number, over: Partial<QuestionView>): QuestionView => ({
  id: `00000000-0000-4000-8000-00000000000${n}`,
  sectionId: '00000000-0000-4000-8000-000000000100',
  number: n,
  label: String(n),
  position: n,
  questionType: 'text',
  title: `题目${n}`,
  helpText: null,
  required: true,
  options: [],
  minValue: null,
  maxValue: null,
  integerOnly: false,
  unit: null,
  condition: null,
  ...over,
});

const has = q(1, { questionType: 'yesNo', title: '是否有重大危险源' });
const level = q(2, {
  questionType: 'single',
  title: '重大危险源最高等级',
  options: ['一级', '二级', '三级', '四级'],
  condition: { questionId: has.id, anyOf: ['true'] },
});
// Depends on a question that itself depends on another: shows only when both hold.
const firstLevel = q(3, {
  questionType: 'date',
  title: '一级重大危险源辨识日期',
  condition: { questionId: level.id, anyOf: ['一级'] },
});
const count = q(4, { questionType: 'number', title: '从业人员数', minValue: 0, maxValue: 100000, integerOnly: true });
const kinds = q(5, { questionType: 'multiple', title: '演练场景', options: ['火灾', '泄漏'], required: false });
const questions = [has, level, firstLevel, count, kinds];

describe('which questions show', () => {
  it('follows conditions, including chains of them', () => {
    expect([...visibleQuestions(questions, {})]).toEqual([has.id, count.id, kinds.id]);
    expect(visibleQuestions(questions, { [has.id]: true }).has(level.id)).toBe(true);
    expect(visibleQuestions(questions, { [has.id]: true, [level.id]: '一级' }).has(firstLevel.id)).toBe(true);
    // The level answer stays stored but no longer counts once 是否有 turns to 否.
    expect(visibleQuestions(questions, { [has.id]: false, [level.id]: '一级' }).has(firstLevel.id)).toBe(false);
  });
});

describe('checking answers', () => {
  it('lets a draft leave anything blank but not hold a wrong value', () => {
    expect(checkAnswers(questions, {}, false).fields).toEqual({});
    const bad = checkAnswers(
      questions,
      { [count.id]: -1, [level.id]: '五级', [kinds.id]: ['火灾', '火灾'], [firstLevel.id]: '2026-02-30' },
      false,
    );
    expect(bad.fields).toEqual({
      [`answers.${count.id}`]: '第 4 题「从业人员数」不能小于 0',
      [`answers.${level.id}`]: '第 2 题「重大危险源最高等级」的答案不是该题的选项',
      [`answers.${kinds.id}`]: '第 5 题「演练场景」的答案含有该题没有的选项',
      [`answers.${firstLevel.id}`]: '第 3 题「一级重大危险源辨识日期」应为 YYYY-MM-DD 格式的真实日期',
    });
    expect(checkAnswers(questions, { [count.id]: 2.5 }, false).fields[`answers.${count.id}`]).toContain('应填写整数');
    expect(checkAnswers(questions, { [has.id]: 'yes' }, false).fields[`answers.${has.id}`]).toContain('“是”或“否”');
  });

  it('requires every required question that shows on submit, naming it', () => {
    const r = checkAnswers(questions, { [has.id]: true, [count.id]: 12 }, true);
    expect(r.fields).toEqual({ [`answers.${level.id}`]: '第 2 题「重大危险源最高等级」为必答题，请填写' });
    expect(checkAnswers(questions, { [has.id]: true, [level.id]: '二级', [count.id]: 12 }, true).fields).toEqual({});
  });

  it('drops answers to hidden questions, trims text and ignores blanks', () => {
    const r = checkAnswers(
      questions,
      { [has.id]: false, [level.id]: '一级', [firstLevel.id]: 'nonsense', [count.id]: 0, [kinds.id]: [] },
      true,
    );
    expect(r.fields).toEqual({});
    expect(r.answers).toEqual({ [has.id]: false, [count.id]: 0 });
    const text = q(6, { title: '建议', required: true });
    expect(checkAnswers([text], { [text.id]: '  加强培训 ' }, true).answers).toEqual({ [text.id]: '加强培训' });
    expect(checkAnswers([text], { [text.id]: '   ' }, true).fields).toHaveProperty(`answers.${text.id}`);
  });

  it('names answers to questions the survey does not have', () => {
    expect(checkAnswers(questions, { '00000000-0000-4000-8000-000000000999': 1 }, false).unknown).toEqual([
      '00000000-0000-4000-8000-000000000999',
    ]);
  });
});
