// 工作总结 (issue 15): pick a period (quarter / half-year / year / custom, kept in the address), write the office's own
// paragraphs per section (a draft per period, saved with its version: a colleague's newer save is refused, not
// overwritten), preview the sentences the server writes from the registered figures with each figure's 口径, generate
// the Word document as a background job with its progress, and download the generated ones (period, time, digests).
// Leaders see the generated list only (permissions.ts reports.read).
import { DownloadOutlined, FileWordOutlined, SaveOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Empty,
  Flex,
  Form,
  Input,
  List,
  Progress,
  Space,
  Spin,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import type { JobView } from '../../../../shared/src/io';
import {
  REPORT_PERIOD_KINDS,
  REPORT_SECTIONS,
  type ReportDraftView,
  type ReportFigure,
  type ReportGenerateAccepted,
  type ReportList,
  type ReportPeriodKind,
  type ReportPreview,
  type ReportSection,
  type ReportView,
} from '../../../../shared/src/reports';
import { ApiError, api } from '../../app/api';
import { useMe } from '../../app/auth';
import { useShowError } from '../../app/forms';
import { formatTime } from '../../app/time';
import { PageContainer } from '../../app/ui/PageContainer';
import { PeriodBar, usePeriod } from '../../app/ui/PeriodBar';
import { useIsMobile } from '../hazards/common';
import { useReportText } from './text';

export default function ReportsPage() {
  const x = useReportText();
  const me = useMe();
  const mobile = useIsMobile();
  const canWrite = me.role === 'admin' || me.role === 'supervisor';
  const period = usePeriod<ReportPeriodKind>({ kinds: REPORT_PERIOD_KINDS, fallback: 'half' });
  const q = { kind: period.kind, from: period.from, to: period.to };

  const bar = (
    <PeriodBar
      period={period}
      mobile={mobile}
      kinds={REPORT_PERIOD_KINDS}
      names={x.kindNames}
      testIds={{ bar: 'report-period', kind: 'report-kind', range: 'report-range', select: 'report-select' }}
    >
      <Typography.Text type="secondary">
        {period.from} ~ {period.to}
      </Typography.Text>
    </PeriodBar>
  );

  return (
    <PageContainer title={x.title} extra={bar}>
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        {canWrite && <GenerateCard q={q} mobile={mobile} />}
        <GeneratedList q={q} mobile={mobile} />
        {canWrite && <DraftCard q={q} />}
        {canWrite && <PreviewCard q={q} mobile={mobile} />}
      </Space>
    </PageContainer>
  );
}

type Q = { kind: ReportPeriodKind; from: string; to: string };

function DraftCard({ q }: { q: Q }) {
  const x = useReportText();
  const [form] = Form.useForm<Partial<Record<ReportSection, string>>>();
  const showError = useShowError(form);
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [stale, setStale] = useState(false);
  const draft = useQuery({
    queryKey: ['report-draft', q],
    queryFn: () => api.get<ReportDraftView>('/reports/draft', q),
  });
  // A new period or a reload replaces the boxes' contents with the saved draft.
  useEffect(() => {
    if (draft.data) {
      form.resetFields();
      form.setFieldsValue(draft.data.sections);
      setStale(false);
    }
  }, [draft.data, form]);
  const save = useMutation({
    mutationFn: (sections: Partial<Record<ReportSection, string>>) =>
      api.put<ReportDraftView>('/reports/draft', { ...q, sections, version: draft.data?.version ?? 0 }),
    onSuccess: (d) => {
      queryClient.setQueryData(['report-draft', q], d);
      void queryClient.invalidateQueries({ queryKey: ['report-preview'] });
      message.success(x.saved);
    },
    onError: (e) => {
      if (e instanceof ApiError && e.status === 409) setStale(true);
      showError(e);
    },
  });
  const d = draft.data;
  return (
    <Card
      title={x.narrative}
      extra={
        <Typography.Text type="secondary">{d ? x.version(d.version, d.updatedBy, d.updatedAt) : ''}</Typography.Text>
      }
      data-testid="report-draft"
    >
      <Spin spinning={draft.isFetching}>
        <Typography.Paragraph type="secondary">{x.narrativeHint}</Typography.Paragraph>
        {stale && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 12 }}
            message={x.stale}
            action={
              <Button size="small" onClick={() => void draft.refetch()} data-testid="draft-reload">
                {x.reload}
              </Button>
            }
            data-testid="draft-stale"
          />
        )}
        <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
          {REPORT_SECTIONS.map((k) => (
            <Form.Item key={k} name={k} label={x.sectionNames[k]}>
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 10 }} maxLength={5000} data-testid={`narrative-${k}`} />
            </Form.Item>
          ))}
          <Button
            type="primary"
            icon={<SaveOutlined />}
            htmlType="submit"
            loading={save.isPending}
            data-testid="draft-save"
          >
            {x.save}
          </Button>
        </Form>
      </Spin>
    </Card>
  );
}

function PreviewCard({ q, mobile }: { q: Q; mobile: boolean }) {
  const x = useReportText();
  const preview = useQuery({
    queryKey: ['report-preview', q],
    queryFn: () => api.get<ReportPreview>('/reports/preview', q),
    placeholderData: keepPreviousData,
  });
  const p = preview.data;
  let n = 0;
  return (
    <Card title={x.preview} data-testid="report-preview">
      <Spin spinning={preview.isFetching}>
        {preview.isError && <Alert type="error" showIcon message={(preview.error as Error).message} />}
        {p && (
          <div className="report-preview">
            <Typography.Title level={4} style={{ textAlign: 'center' }} data-testid="report-title">
              {p.title}
            </Typography.Title>
            {p.sections.length === 0 && <Empty description={x.noRecords} />}
            {p.sections.map((s) => (
              <div key={s.key} data-testid={`preview-${s.key}`}>
                {s.key !== 'intro' && <Typography.Title level={5}>{x.sectionHeading(n++, s.heading)}</Typography.Title>}
                {s.parts.map((part, i) => (
                  <div key={`${s.key}-${i}`}>
                    {part.heading && <Typography.Text strong>{part.heading}</Typography.Text>}
                    {part.sentences.map((t) => (
                      <Typography.Paragraph key={t} style={{ textIndent: '2em', marginBottom: 4 }}>
                        {t}
                      </Typography.Paragraph>
                    ))}
                    {part.items.map((t, j) => (
                      <Typography.Paragraph key={t} style={{ textIndent: '2em', marginBottom: 4 }}>
                        {`${j + 1}. ${t}`}
                      </Typography.Paragraph>
                    ))}
                  </div>
                ))}
                {s.narrative.map((t) => (
                  <Typography.Paragraph key={t} style={{ textIndent: '2em', marginBottom: 4 }} type="secondary">
                    {t}
                  </Typography.Paragraph>
                ))}
              </div>
            ))}
            <Typography.Title level={5} style={{ marginTop: 16 }}>
              {x.figures}
            </Typography.Title>
            {mobile ? (
              <List
                dataSource={p.figures}
                locale={{ emptyText: x.noRecords }}
                renderItem={(f: ReportFigure) => (
                  <List.Item data-testid="figure-card">
                    <Space direction="vertical" size={2}>
                      <Typography.Text strong>{x.figureLine(f.label, f.value)}</Typography.Text>
                      <Typography.Text type="secondary">{f.definition}</Typography.Text>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {x.filtersLine(f.filters, f.count)}
                      </Typography.Text>
                    </Space>
                  </List.Item>
                )}
              />
            ) : (
              <Table<ReportFigure>
                size="small"
                rowKey="key"
                pagination={false}
                dataSource={p.figures}
                data-testid="figure-table"
                columns={[
                  { title: x.columns[0], dataIndex: 'label', width: 140 },
                  { title: x.columns[1], dataIndex: 'value', width: 200 },
                  { title: x.columns[2], dataIndex: 'definition' },
                  { title: x.columns[3], dataIndex: 'filters', width: 260 },
                  { title: x.columns[4], dataIndex: 'count', width: 80, align: 'right' },
                ]}
              />
            )}
          </div>
        )}
      </Spin>
    </Card>
  );
}

function GenerateCard({ q, mobile }: { q: Q; mobile: boolean }) {
  const x = useReportText();
  const { message } = App.useApp();
  const showError = useShowError();
  const queryClient = useQueryClient();
  const [jobId, setJobId] = useState<string | null>(null);
  const job = useQuery({
    queryKey: ['report-job', jobId],
    queryFn: () => api.get<JobView>(`/reports/jobs/${jobId}`),
    enabled: Boolean(jobId),
    refetchInterval: (query) => {
      const s = query.state.data?.status;
      return s === 'succeeded' || s === 'failed' ? false : 700;
    },
  });
  const status = job.data?.status;
  useEffect(() => {
    if (status === 'succeeded') void queryClient.invalidateQueries({ queryKey: ['reports'] });
  }, [status, queryClient]);
  const start = useMutation({
    mutationFn: () => api.post<ReportGenerateAccepted>('/reports/generate', q),
    onSuccess: (r) => {
      if (r.alreadyRunning) message.info(x.running);
      setJobId(r.job.id);
    },
    onError: showError,
  });
  const j = job.data;
  const busy = start.isPending || (Boolean(jobId) && status !== 'succeeded' && status !== 'failed');
  return (
    <Card size={mobile ? 'small' : 'default'}>
      <Flex gap={12} wrap align="center">
        <Button
          type="primary"
          icon={<FileWordOutlined />}
          loading={busy}
          onClick={() => start.mutate()}
          data-testid="report-generate"
        >
          {busy ? x.generating : x.generate}
        </Button>
        {j && (
          <div style={{ flex: 1, minWidth: 200 }} data-testid="report-progress" data-status={j.status}>
            <Progress
              percent={j.total ? Math.round((j.progress / j.total) * 100) : j.status === 'succeeded' ? 100 : 0}
              status={j.status === 'failed' ? 'exception' : j.status === 'succeeded' ? 'success' : 'active'}
              size="small"
            />
            <Typography.Text type={j.status === 'failed' ? 'danger' : 'secondary'}>
              {j.status === 'failed' ? j.error : j.message}
            </Typography.Text>
          </div>
        )}
      </Flex>
    </Card>
  );
}

function GeneratedList({ q, mobile }: { q: Q; mobile: boolean }) {
  const x = useReportText();
  const showError = useShowError();
  const list = useQuery({
    queryKey: ['reports', q.from, q.to],
    queryFn: () => api.get<ReportList>('/reports', { from: q.from, to: q.to }),
  });
  const download = useMutation({
    mutationFn: (r: ReportView) => api.downloadGet(r.downloadUrl.replace(/^\/api/, ''), {}, r.fileName),
    onError: showError,
  });
  return (
    <Card title={x.generated} size={mobile ? 'small' : 'default'} data-testid="report-list">
      <List<ReportView>
        itemLayout={mobile ? 'vertical' : 'horizontal'}
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: x.none }}
        renderItem={(r) => (
          <List.Item
            data-testid="report-row"
            actions={[
              <Button
                key="dl"
                icon={<DownloadOutlined />}
                onClick={() => download.mutate(r)}
                loading={download.isPending && download.variables?.id === r.id}
                data-testid="report-download"
              >
                {x.download}
              </Button>,
            ]}
          >
            <List.Item.Meta
              title={
                <Space wrap size={4}>
                  <FileWordOutlined />
                  <span>{r.title}</span>
                  <Tag>{x.kindNames[r.kind]}</Tag>
                </Space>
              }
              description={
                <Space direction="vertical" size={0}>
                  <span>{x.meta(r.from, r.to, formatTime(r.generatedAt), r.generatedBy)}</span>
                  <Tooltip title={`SM3 ${r.sm3}\nSHA-256 ${r.sha256}`}>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }} copyable={{ text: r.sm3 }}>
                      {x.digests(r.sm3.slice(0, 16), r.sha256.slice(0, 16))}
                    </Typography.Text>
                  </Tooltip>
                </Space>
              }
            />
          </List.Item>
        )}
      />
    </Card>
  );
}
