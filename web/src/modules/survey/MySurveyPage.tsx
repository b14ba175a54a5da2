import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Card, Empty, Space } from 'antd';
import type { CurrentSurvey } from '../../../../shared/src/survey';
import { api } from '../../app/api';
import { PageContainer } from '../../app/ui/PageContainer';
import { PageLoading } from '../../app/ui/PageLoading';
import { QueryError } from '../../app/ui/QueryError';
import { ResponseStatusTag, SurveyStatusTag, surveyKeys, useSurveyRights } from './common';
import { SurveyForm } from './SurveyForm';
import { useSurveyText } from './text';
import './survey.css';

/** An enterprise user's 状况调查: the open survey as a form (or the latest closed one, read-only). */
export default function MySurveyPage() {
  const { t, s } = useSurveyText();
  const rights = useSurveyRights();
  const queryClient = useQueryClient();
  const current = useQuery({ queryKey: surveyKeys.current, queryFn: () => api.get<CurrentSurvey>('/surveys/current') });
  const { survey, response } = current.data ?? { survey: null, response: null };

  return (
    <PageContainer
      title={survey?.title ?? t.menu.mySurvey}
      extra={
        survey &&
        response && (
          <Space>
            <SurveyStatusTag status={survey.status} />
            <ResponseStatusTag status={response.status} />
          </Space>
        )
      }
    >
      {current.isPending ? (
        <PageLoading />
      ) : current.isError ? (
        <QueryError error={current.error} onRetry={() => void current.refetch()} />
      ) : survey && response ? (
        <SurveyForm
          key={`${survey.id}-${response.status}`}
          survey={survey}
          response={response}
          editable={rights.answer && survey.status === 'open' && response.status !== 'submitted'}
          onSaved={(saved) => queryClient.setQueryData<CurrentSurvey>(surveyKeys.current, { survey, response: saved })}
        />
      ) : (
        <Card>
          <Empty description={s.mine.noSurvey} />
        </Card>
      )}
    </PageContainer>
  );
}
