// Small pieces every survey page uses: what the signed-in role may do (mirrors the server's permission table, which
// still decides), status tags, query keys and the rate format.

import { Tag } from 'antd';
import type { Role } from '../../../../shared/src/roles';
import { RESPONSE_STATUS_LABELS, SURVEY_STATUS_LABELS } from '../../../../shared/src/survey';
import { useMe } from '../../app/auth';
import { formatPercent, ratePercent } from '../../app/format';
import { useI18n } from '../../app/i18n';

export function useSurveyRights() {
  const { role } = useMe();
  const is = (...roles: Role[]) => roles.includes(role);
  return {
    configure: is('admin', 'supervisor'),
    answer: is('supervisor', 'enterprise'),
    review: is('supervisor'),
  };
}

export const surveyKeys = {
  list: ['surveys'] as const,
  one: (id: string) => ['surveys', 'detail', id] as const,
  current: ['surveys', 'current'] as const,
  progress: (id: string) => ['surveys', 'progress', id] as const,
  responses: (id: string) => ['surveys', 'responses', id] as const,
  response: (id: string, enterpriseId: string) => ['surveys', 'responses', id, enterpriseId] as const,
};

const SURVEY_COLORS: Record<string, string> = { draft: 'default', open: 'processing', closed: 'success' };
const RESPONSE_COLORS: Record<string, string> = {
  notStarted: 'default',
  draft: 'warning',
  submitted: 'success',
  returned: 'error',
};

export function SurveyStatusTag({ status }: { status: string }) {
  const { l } = useI18n();
  return (
    <Tag color={SURVEY_COLORS[status]} data-testid="survey-status">
      {l(SURVEY_STATUS_LABELS, status)}
    </Tag>
  );
}

export function ResponseStatusTag({ status }: { status: string }) {
  const { l } = useI18n();
  return (
    <Tag color={RESPONSE_COLORS[status]} data-testid="response-status">
      {l(RESPONSE_STATUS_LABELS, status)}
    </Tag>
  );
}

/** Where a survey's questions or progress open (see SurveysPage). */
export const surveyPath = (id: string, view: 'questions' | 'progress') => `/surveys?survey=${id}&view=${view}`;

/** A completion rate (a fraction here) shown through the one rate formatter. */
export const percent = (rate: number) => formatPercent(ratePercent(rate, 1));
