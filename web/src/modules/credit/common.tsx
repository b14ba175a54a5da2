import { Tag } from 'antd';
import type { CreditGrade } from '../../../../shared/src/credit';

export const GRADE_COLOURS: Record<CreditGrade, string> = { A: 'green', B: 'blue', C: 'orange', D: 'red' };

export function GradeTag({ grade }: { grade: CreditGrade }) {
  return (
    <Tag color={GRADE_COLOURS[grade]} data-testid="credit-grade">
      {grade}
    </Tag>
  );
}
