import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Empty, Popconfirm, Progress, Space, Table, type TableColumnsType, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import type { SurveyPage, SurveyView } from '../../../../shared/src/survey';
import { api } from '../../app/api';
import { useShowError } from '../../app/forms';
import { useListState } from '../../app/listState';
import { formatTime } from '../../app/time';
import { PageContainer } from '../../app/ui/PageContainer';
import { QueryError } from '../../app/ui/QueryError';
import { percent, SurveyStatusTag, surveyKeys, surveyPath, useSurveyRights } from './common';
import { SurveyCreateModal } from './SurveyCreateModal';
import { useSurveyText } from './text';

export function SurveyListPage() {
  const { t, s } = useSurveyText();
  const rights = useSurveyRights();
  const navigate = useNavigate();
  const list = useListState<SurveyView>({ order: 'desc' });
  const [creating, setCreating] = useState(false);
  const page = useQuery({
    queryKey: [...surveyKeys.list, list.query],
    queryFn: () => api.get<SurveyPage>('/surveys', list.query),
    placeholderData: keepPreviousData,
  });
  const surveys = page.data?.items ?? [];

  const columns: TableColumnsType<SurveyView> = [
    { title: s.list.year, dataIndex: 'year', width: 70 },
    {
      title: s.list.title,
      dataIndex: 'title',
      render: (title: string, row) => (
        <div>
          <Button type="link" className="cell-link" onClick={() => navigate(surveyPath(row.id, 'questions'))}>
            {title}
          </Button>
          <div>
            <Typography.Text type="secondary" className="survey-completion-note">
              {s.list.questionCount(row.questionCount)}
            </Typography.Text>
          </div>
        </div>
      ),
    },
    { title: s.list.status, dataIndex: 'status', width: 90, render: (v: string) => <SurveyStatusTag status={v} /> },
    {
      title: s.list.completion,
      key: 'completion',
      width: 190,
      render: (_, row) => {
        const c = row.completion;
        if (!c || row.status === 'draft') return '—';
        const rate = c.total ? c.submitted / c.total : 0;
        return (
          <div>
            <Progress percent={rate * 100} format={() => percent(rate)} size="small" />
            <Typography.Text type="secondary" className="survey-completion-note">
              {c.submitted} / {c.total}
            </Typography.Text>
          </div>
        );
      },
    },
    {
      title: s.list.period,
      key: 'period',
      width: 190,
      render: (_, row) => (
        <div className="survey-period">
          <div>
            {s.list.openedAt} {formatTime(row.openedAt)}
          </div>
          <div>
            {s.list.closedAt} {formatTime(row.closedAt)}
          </div>
        </div>
      ),
    },
    {
      title: t.common.actions,
      key: 'actions',
      width: 230,
      render: (_, row) => <SurveyActions survey={row} />,
    },
  ];

  return (
    <PageContainer
      title={t.menu.survey}
      extra={
        rights.configure && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="survey-create">
            {s.list.create}
          </Button>
        )
      }
    >
      <Card>
        {page.isError ? (
          <QueryError error={page.error} onRetry={() => void page.refetch()} />
        ) : (
          <Table
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={surveys}
            loading={page.isFetching}
            pagination={list.pagination(page.data?.total, t.common.total)}
            onChange={list.onChange}
            locale={{ emptyText: <Empty description={s.list.empty} /> }}
            scroll={{ x: 1000 }}
            data-testid="survey-table"
          />
        )}
      </Card>
      <SurveyCreateModal
        open={creating}
        surveys={surveys}
        onClose={() => setCreating(false)}
        onCreated={(id) => {
          setCreating(false);
          navigate(surveyPath(id, 'questions'));
        }}
      />
    </PageContainer>
  );
}

/** Open / close / delete for the committee, and the ways into a survey. */
export function SurveyActions({
  survey,
  onDeleted,
  inEditor = false,
}: {
  survey: SurveyView;
  onDeleted?: () => void;
  /** On the questions page itself the link to it is left out. */
  inEditor?: boolean;
}) {
  const { s } = useSurveyText();
  const rights = useSurveyRights();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const showError = useShowError();
  const done = (text: string) => {
    message.success(text);
    void queryClient.invalidateQueries({ queryKey: surveyKeys.list });
  };
  const act = useMutation({
    mutationFn: (action: 'open' | 'close' | 'delete') => api.post(`/surveys/${survey.id}/${action}`),
    onSuccess: (_, action) => {
      done(action === 'open' ? s.list.opened : action === 'close' ? s.list.closed : s.list.deleted);
      if (action === 'delete') onDeleted?.();
    },
    onError: showError,
  });
  const draft = survey.status === 'draft';
  return (
    <Space size={0} wrap data-testid={`survey-actions-${survey.year}`}>
      {!inEditor && (
        <Button type="link" size="small" onClick={() => navigate(surveyPath(survey.id, 'questions'))}>
          {draft && rights.configure ? s.list.editQuestions : s.list.viewQuestions}
        </Button>
      )}
      {!draft && (
        <Button
          type="link"
          size="small"
          onClick={() => navigate(surveyPath(survey.id, 'progress'))}
          data-testid="survey-progress-link"
        >
          {s.list.progress}
        </Button>
      )}
      {rights.configure && survey.status !== 'open' && (
        <Popconfirm
          title={draft ? s.list.confirmOpen(survey.title) : s.list.confirmReopen(survey.title)}
          onConfirm={() => act.mutate('open')}
        >
          <Button type="link" size="small" data-testid="survey-open">
            {draft ? s.list.open : s.list.reopen}
          </Button>
        </Popconfirm>
      )}
      {rights.configure && survey.status === 'open' && (
        <Popconfirm title={s.list.confirmClose(survey.title)} onConfirm={() => act.mutate('close')}>
          <Button type="link" size="small" danger>
            {s.list.close}
          </Button>
        </Popconfirm>
      )}
      {rights.configure && draft && (
        <Popconfirm title={s.list.confirmDelete(survey.title)} onConfirm={() => act.mutate('delete')}>
          <Button type="link" size="small" danger>
            {s.list.delete}
          </Button>
        </Popconfirm>
      )}
    </Space>
  );
}
