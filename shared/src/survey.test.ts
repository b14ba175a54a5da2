// The numbers survey questions are shown with (questionLabels), without a database.
import { describe, expect, it } from 'vitest';
import { questionLabels } from './survey';

const q = (id: string, dependsOn?: string) => ({ id, condition: dependsOn ? { questionId: dependsOn } : null });

describe('question numbers', () => {
  it('numbers the questions that always show without gaps, and a conditional one under its question', () => {
    // Six questions, three that follow question 6, one more that always shows, one under the first of the three.
    const questions = [
      q('a'),
      q('b'),
      q('c'),
      q('d'),
      q('e'),
      q('f'),
      q('f1', 'f'),
      q('f2', 'f'),
      q('f3', 'f'),
      q('g'),
      q('f1a', 'f1'),
    ];
    const labels = questionLabels(questions);
    expect(questions.map((x) => labels.get(x.id))).toEqual([
      '1',
      '2',
      '3',
      '4',
      '5',
      '6',
      '6.1',
      '6.2',
      '6.3',
      '7',
      '6.1.1',
    ]);
  });

  it('numbers a question whose condition points nowhere known as one that always shows', () => {
    const labels = questionLabels([q('a'), q('b', 'gone'), q('c')]);
    expect([...labels.values()]).toEqual(['1', '2', '3']);
  });
});
