// Completion of a survey: headline figures, completion rate by area and by key-supervision tag, the enterprises and
// their status (not submitted first), each answer sheet in a drawer, and the Excel export.
import { ArrowLeftOutlined, DownloadOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  Button,
  Card,
  Col,
  Empty,
  Flex,
  Form,
  Input,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  type TableColumnsType,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { SUPERVISION_TAGS } from '../../../../shared/src/enterprises';
import { SUPERVISION_TAG_LABELS } from '../../../../shared/src/labels';
import {
  RESPONSE_FILTERS,
  type ResponsePage,
  type ResponseRow,
  type SurveyDetail,
  type SurveyProgress,
} from '../../../../shared/src/survey';
import { api } from '../../app/api';
import { useListState } from '../../app/listState';
import { formatTime } from '../../app/time';
import { FilterBar } from '../../app/ui/FilterBar';
import { codeOptions } from '../../app/ui/options';
import { PageContainer } from '../../app/ui/PageContainer';
import { PageLoading } from '../../app/ui/PageLoading';
import { QueryError } from '../../app/ui/QueryError';
import { SupervisionTags } from '../enterprises/EnterpriseTags';
import { Chart } from '../home/Chart';
import { percent, ResponseStatusTag, SurveyStatusTag, surveyKeys, surveyPath } from './common';
import { areaRateBars, tagRateBars } from './progressCharts';
import { ResponseDrawer } from './ResponseDrawer';
import { NO_AREA_KEY, useSurveyText } from './text';

type Filters = { state?: string; q?: string; area?: string; tag?: string };

export function SurveyProgressPage({ surveyId }: { surveyId: string }) {
  const { t, s, l, lang } = useSurveyText();
  const p = s.progress;
  const navigate = useNavigate();
  const [open, setOpen] = useState<ResponseRow | null>(null);
  const list = useListState<ResponseRow, Filters>({ sort: 'enterpriseName' });
  const filters = { state: 'notSubmitted', ...list.filters };
  const survey = useQuery({
    queryKey: surveyKeys.one(surveyId),
    queryFn: () => api.get<SurveyDetail>(`/surveys/${surveyId}`),
  });
  const progress = useQuery({
    queryKey: surveyKeys.progress(surveyId),
    queryFn: () => api.get<SurveyProgress>(`/surveys/${surveyId}/progress`),
  });
  const responses = useQuery({
    queryKey: [...surveyKeys.responses(surveyId), list.query, filters.state],
    queryFn: () => api.get<ResponsePage>(`/surveys/${surveyId}/responses`, { ...list.query, state: filters.state }),
    placeholderData: keepPreviousData,
  });

  const back = (
    <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/surveys')}>
      {s.editor.back}
    </Button>
  );
  if (survey.isPending || progress.isPending) return <PageLoading />;
  const failed = survey.error ?? progress.error;
  if (failed) {
    return (
      <PageContainer title={t.menu.survey} extra={back}>
        <QueryError error={failed} onRetry={() => void Promise.all([survey.refetch(), progress.refetch()])} />
      </PageContainer>
    );
  }
  const detail = survey.data!;
  const figures = progress.data!;
  const pending = figures.total - figures.submitted;
  const areas = figures.byArea.map((a) => ({ ...a, name: a.key }));
  const tags = figures.byTag.map((a) => ({ ...a, name: l(SUPERVISION_TAG_LABELS, a.key) }));

  const columns: TableColumnsType<ResponseRow> = [
    {
      title: p.enterprise,
      dataIndex: 'enterpriseName',
      sorter: true,
      sortOrder: list.sortOrder('enterpriseName'),
      width: 230,
      render: (name: string, row) => (
        <Button type="link" className="cell-link" onClick={() => setOpen(row)}>
          {name}
        </Button>
      ),
    },
    { title: p.area, dataIndex: 'area', sorter: true, sortOrder: list.sortOrder('area'), width: 90 },
    {
      title: p.tag,
      dataIndex: 'supervisionTags',
      width: 190,
      render: (v: string[]) => <SupervisionTags tags={v} />,
    },
    {
      title: p.state,
      dataIndex: 'status',
      width: 96,
      render: (v: string, row) => (
        <Space orientation="vertical" size={0}>
          <ResponseStatusTag status={v} />
          {row.returnReason && (
            <Typography.Text type="secondary" ellipsis className="survey-return-note" title={row.returnReason}>
              {row.returnReason}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      title: p.principal,
      key: 'principal',
      width: 130,
      render: (_, r) => <Contact name={r.principalName} phone={r.principalPhone} />,
    },
    {
      title: p.safetyManager,
      key: 'safetyManager',
      width: 130,
      render: (_, r) => <Contact name={r.safetyManagerName} phone={r.safetyManagerPhone} />,
    },
    {
      title: filters.state === 'submitted' ? p.submittedAt : p.updatedAt,
      dataIndex: filters.state === 'submitted' ? 'submittedAt' : 'updatedAt',
      sorter: true,
      sortOrder: list.sortOrder(filters.state === 'submitted' ? 'submittedAt' : 'updatedAt'),
      width: 140,
      render: (v: string | null) => formatTime(v),
    },
    {
      title: t.common.actions,
      key: 'actions',
      width: 72,
      fixed: 'right',
      render: (_, row) => (
        <Button type="link" size="small" onClick={() => setOpen(row)}>
          {p.view}
        </Button>
      ),
    },
  ];

  return (
    <PageContainer
      title={detail.title}
      extra={
        <Space>
          <SurveyStatusTag status={detail.status} />
          <Button icon={<UnorderedListOutlined />} onClick={() => navigate(surveyPath(surveyId, 'questions'))}>
            {s.list.viewQuestions}
          </Button>
          <Button
            type="primary"
            icon={<DownloadOutlined />}
            href={`/api/surveys/${surveyId}/export`}
            data-testid="survey-export"
          >
            {p.export}
          </Button>
          {back}
        </Space>
      }
    >
      <Row gutter={[16, 16]}>
        <Figure testId="progress-total" title={p.total} value={figures.total} note={p.totalNote} />
        <Figure testId="progress-submitted" title={p.submitted} value={figures.submitted} />
        <Figure testId="progress-rate" title={p.rate} value={percent(figures.rate)} color="#1a56db" />
        <Figure
          testId="progress-pending"
          title={p.pending}
          value={pending}
          note={p.pendingNote(figures.draft, figures.returned, figures.notStarted)}
          color={pending > 0 ? '#dc2626' : undefined}
        />
      </Row>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Card title={p.byArea} className="chart-card card-fill" data-testid="chart-area">
            {areas.length === 0 ? (
              <Empty />
            ) : (
              <Chart option={areaRateBars(areas, p.rateAxis, p.tooltip)} height={Math.max(300, tags.length * 28)} />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card title={p.byTag} className="chart-card card-fill" data-testid="chart-tag">
            <Chart
              option={tagRateBars(tags, p.rateAxis, p.tooltip, p.count)}
              height={Math.max(300, tags.length * 28)}
            />
          </Card>
        </Col>
      </Row>
      <FilterBar<Filters> onSearch={(v) => list.setFilters(v)}>
        <Form.Item name="state" label={p.state} initialValue="notSubmitted">
          <Select
            options={RESPONSE_FILTERS.map((v) => ({ value: v, label: p.states[v] }))}
            data-testid="response-state-filter"
          />
        </Form.Item>
        <Form.Item name="q">
          <Input allowClear placeholder={p.search} className="survey-search" />
        </Form.Item>
        <Form.Item name="area" label={p.area}>
          <Select
            allowClear
            // Enterprises without an area are counted under 未填写 but cannot be filtered by it.
            options={figures.byArea.filter((a) => a.key !== NO_AREA_KEY).map((a) => ({ value: a.key, label: a.key }))}
          />
        </Form.Item>
        <Form.Item name="tag" label={p.tag}>
          <Select allowClear options={codeOptions(SUPERVISION_TAGS, SUPERVISION_TAG_LABELS, lang)} />
        </Form.Item>
      </FilterBar>
      <Card
        title={
          <Flex gap={8} align="center">
            {p.list}
            <Typography.Text type="secondary">{t.common.total(responses.data?.total ?? 0)}</Typography.Text>
          </Flex>
        }
      >
        {responses.isError ? (
          <QueryError error={responses.error} onRetry={() => void responses.refetch()} />
        ) : (
          <Table
            rowKey="enterpriseId"
            size="middle"
            columns={columns}
            dataSource={responses.data?.items}
            loading={responses.isFetching}
            pagination={list.pagination(responses.data?.total, t.common.total)}
            onChange={list.onChange}
            scroll={{ x: 1078 }}
            data-testid="response-table"
          />
        )}
      </Card>
      <ResponseDrawer survey={detail} row={open} onClose={() => setOpen(null)} />
    </PageContainer>
  );
}

function Figure({
  title,
  value,
  note,
  color,
  testId,
}: {
  title: string;
  value: number | string;
  note?: string;
  color?: string;
  testId: string;
}) {
  return (
    <Col xs={24} sm={12} xl={6}>
      <Card className="stat-card" data-testid={testId}>
        <Statistic title={title} value={value} styles={color ? { content: { color } } : undefined} />
        {note && <div className="stat-note">{note}</div>}
      </Card>
    </Col>
  );
}

function Contact({ name, phone }: { name: string | null; phone: string | null }) {
  if (!name && !phone) return '—';
  return (
    <div>
      <div>{name ?? '—'}</div>
      {phone && <Typography.Text type="secondary">{phone}</Typography.Text>}
    </div>
  );
}
