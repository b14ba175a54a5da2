// 年度考核: rounds per year and version. The committee creates one from the default rubric, opens it (the parties are
// those who received the year's letter), scores the manual items, publishes the ranking and exports it; each computed
// item shows the figure it came from and opens the records counted (未接入 when no module provides the figure). A
// party sees its own result and self-assesses the manual items.
import { ExportOutlined, PlusOutlined, ReloadOutlined, TrophyOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Empty,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import {
  DEFAULT_GRADE_BANDS,
  defaultRubric,
  INDICATOR_LABELS,
  LETTER_VERSION_LABELS,
  LETTER_VERSIONS,
  type LetterVersion,
  type PartyResultView,
  type RoundRefreshAccepted,
  type RubricItem,
  SCORE_RULE_LABELS,
  SNAPSHOT_PENDING,
} from '../../../../shared/src/responsibility';
import { api } from '../../app/api';
import { useMe } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { formatTime } from '../../app/time';
import { codeOptions } from '../../app/ui/options';
import { PageContainer } from '../../app/ui/PageContainer';
import { QueryError } from '../../app/ui/QueryError';
import { useDebounced } from '../../app/useDebounced';
import { useJob } from '../enterprises/useJob';
import { CommendationModal, type Proposal } from './CommendationsPage';
import { GradeTag, keys, type Results, type Round, RoundStatusTag, thisYear, useDownload } from './common';
import { EvidenceLinks, EvidenceUpload } from './Evidence';
import { RecordsDrawer } from './RecordsDrawer';

type Party = PartyResultView;

export default function AssessmentPage() {
  const me = useMe();
  const committee = me.role === 'admin' || me.role === 'supervisor';
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const download = useDownload();
  const [roundId, setRoundId] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [scoring, setScoring] = useState<Party | null>(null);
  const [records, setRecords] = useState<{ title: string; link: string } | null>(null);
  const [proposal, setProposal] = useState<Proposal | null>(null);
  const rounds = useQuery({
    queryKey: keys.rounds,
    queryFn: () => api.get<{ items: Round[] }>('/responsibility/rounds'),
  });
  useEffect(() => {
    if (!roundId && rounds.data?.items.length) setRoundId(rounds.data.items[0]!.id);
  }, [rounds.data, roundId]);
  // The ranking a page at a time (a round may hold 100,000 parties); q narrows by name.
  const [paging, setPaging] = useState({ page: 1, pageSize: 20, q: '' });
  const q = useDebounced(paging.q, 300);
  const results = useQuery({
    queryKey: [...keys.results(roundId ?? ''), paging.page, paging.pageSize, q],
    queryFn: () =>
      api.get<Results>(`/responsibility/rounds/${roundId}/results`, {
        page: paging.page,
        pageSize: paging.pageSize,
        q: q || undefined,
      }),
    enabled: !!roundId,
    placeholderData: (previous) => previous,
    // While the round's snapshot or publication job runs (快照生成中 / 公布中), its progress and then its result.
    refetchInterval: (query) => (query.state.data?.round.snapshotJob ? 2000 : false),
  });
  const jobRunning = !!results.data?.round.snapshotJob;
  useEffect(() => {
    // The job just finished: the rounds list (status, 数据截至) follows.
    if (!jobRunning) void queryClient.invalidateQueries({ queryKey: keys.rounds });
  }, [jobRunning, queryClient]);
  const act = useMutation({
    mutationFn: (what: 'open' | 'publish') => api.post<Round>(`/responsibility/rounds/${roundId}/${what}`),
    onSuccess: (r) => {
      message.success(
        r.status === 'open'
          ? '考核已发布，被考核单位可以自评；自动计算项目的快照生成中'
          : r.status === 'publishing'
            ? '已提交公布：正在生成最终快照并冻结结果，完成后显示为已公布'
            : '考核结果已公布',
      );
      void queryClient.invalidateQueries({ queryKey: ['responsibility'] });
    },
    onError: (e) => message.error(e.message),
  });
  const round = results.data?.round;
  const rubric = round?.rubric ?? [];

  const itemColumn = (item: RubricItem): TableColumnsType<Party>[number] => ({
    title: (
      <Tooltip
        title={
          item.kind === 'computed' && item.indicator
            ? `${INDICATOR_LABELS[item.indicator].zh} · ${SCORE_RULE_LABELS[item.rule!]}`
            : '人工评分'
        }
      >
        {item.title}（{item.maxPoints}）
      </Tooltip>
    ),
    key: item.id,
    width: 150,
    render: (_, p) => {
      const i = p.items.find((x) => x.itemId === item.id);
      if (!i) return '—';
      if (i.figure) {
        if (!i.figure.connected && i.figure.text === SNAPSHOT_PENDING) {
          return <Tag data-testid="item-pending">生成中</Tag>;
        }
        if (!i.figure.connected) return <Tag data-testid="item-not-connected">未接入</Tag>;
        const figure = i.figure;
        return (
          <Space size={4} data-testid={`item-${item.id}`}>
            <span>{i.score}</span>
            {figure.link ? (
              <Button
                type="link"
                size="small"
                style={{ padding: 0 }}
                onClick={() => setRecords({ title: `${p.partyName} · ${item.title}`, link: figure.link! })}
                data-testid={`item-${item.id}-figure`}
              >
                （{figure.text}）
              </Button>
            ) : (
              <Typography.Text type="secondary">（{figure.text}）</Typography.Text>
            )}
          </Space>
        );
      }
      return i.score == null ? (
        <Typography.Text type="secondary">{i.selfText ? '已自评' : '未评分'}</Typography.Text>
      ) : (
        i.score
      );
    },
  });

  const columns: TableColumnsType<Party> = [
    { title: '排名', dataIndex: 'rank', width: 64, fixed: 'left', render: (v: number | null) => v ?? '—' },
    { title: '单位', dataIndex: 'partyName', width: 200, fixed: 'left' },
    ...rubric.map(itemColumn),
    { title: '得分', dataIndex: 'total', width: 80, render: (v: number, p) => `${v} / ${p.available}` },
    {
      title: '得分率',
      dataIndex: 'percent',
      width: 80,
      render: (v: number | null) => (v == null ? '—' : `${v.toFixed(1)}%`),
    },
    { title: '等级', dataIndex: 'grade', width: 80, render: (v: Party['grade']) => <GradeTag grade={v} /> },
  ];
  if (committee) {
    columns.push({
      title: '操作',
      key: 'actions',
      width: 140,
      fixed: 'right',
      render: (_, p) => (
        <Space size={0}>
          {round?.status === 'open' && (
            <Button type="link" size="small" onClick={() => setScoring(p)} data-testid="party-score">
              评分
            </Button>
          )}
          {round?.status === 'published' && p.enterpriseId && (
            <Button
              type="link"
              size="small"
              icon={<TrophyOutlined />}
              onClick={() =>
                setProposal({
                  year: round.year,
                  roundId: round.id,
                  enterpriseId: p.enterpriseId!,
                  unitName: p.partyName,
                  rank: p.rank,
                })
              }
              data-testid="party-commend"
            >
              提名嘉奖
            </Button>
          )}
        </Space>
      ),
    });
  } else if (round?.status === 'open') {
    columns.push({
      title: '操作',
      key: 'actions',
      width: 90,
      render: (_, p) => (
        <Button type="link" size="small" onClick={() => setScoring(p)} data-testid="party-self">
          自评
        </Button>
      ),
    });
  }

  return (
    <PageContainer
      title="年度考核"
      extra={
        <Space wrap>
          <Select
            style={{ minWidth: 240 }}
            value={roundId ?? undefined}
            onChange={(id) => {
              setRoundId(id);
              setPaging((p) => ({ ...p, page: 1, q: '' }));
            }}
            placeholder="选择考核"
            options={(rounds.data?.items ?? []).map((r) => ({ value: r.id, label: r.title }))}
            data-testid="round-select"
          />
          {committee && (
            <Button icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="round-create">
              新建考核
            </Button>
          )}
        </Space>
      }
    >
      {rounds.isError && <QueryError error={rounds.error} onRetry={() => void rounds.refetch()} />}
      {rounds.data && rounds.data.items.length === 0 && (
        <Card>
          <Empty description="暂无考核" />
        </Card>
      )}
      {round && (
        <Card
          title={
            <Space wrap>
              <span>{round.title}</span>
              <RoundStatusTag status={round.status} />
            </Space>
          }
          extra={
            <Space wrap>
              {committee && round.status === 'draft' && (
                <Button
                  type="primary"
                  loading={act.isPending}
                  onClick={() => act.mutate('open')}
                  data-testid="round-open"
                >
                  发布考核
                </Button>
              )}
              {committee && round.status === 'open' && <RefreshButton roundId={round.id} busy={jobRunning} />}
              {committee && round.status === 'open' && (
                <Tooltip title={jobRunning ? '快照生成中，完成后可公布' : '公布后按最终快照冻结得分、等级与排名'}>
                  <Button
                    type="primary"
                    loading={act.isPending}
                    disabled={jobRunning}
                    onClick={() => act.mutate('publish')}
                    data-testid="round-publish"
                  >
                    公布结果
                  </Button>
                </Tooltip>
              )}
              <Button
                icon={<ExportOutlined />}
                onClick={() => void download(`/responsibility/rounds/${round.id}/export`, '考核结果.xlsx')}
                data-testid="round-export"
              >
                导出
              </Button>
            </Space>
          }
        >
          <Typography.Paragraph type="secondary">
            {LETTER_VERSION_LABELS[round.version].zh} · 等级分数线：优秀 ≥ {round.gradeBands.excellent}%，良好 ≥{' '}
            {round.gradeBands.good}%，合格 ≥ {round.gradeBands.pass}%（得分率 = 得分 / 计分满分；“未接入”的指标不计入）
          </Typography.Paragraph>
          {round.snapshotJob && (
            <Alert
              type={round.status === 'publishing' ? 'warning' : 'info'}
              showIcon
              style={{ marginBottom: 12 }}
              data-testid="round-snapshot-running"
              message={
                round.status === 'publishing'
                  ? '公布中：正在生成最终快照并冻结得分、等级与排名，完成后显示为已公布（评分已关闭）'
                  : '快照生成中…'
              }
              description={`${round.snapshotJob.status === 'queued' ? '排队中' : `进度 ${round.snapshotJob.progress}/${round.snapshotJob.total ?? '?'}`}${round.snapshotJob.message && round.snapshotJob.status !== 'queued' ? ` · ${round.snapshotJob.message}` : ''}${round.figuresAt ? `；下表为截至 ${formatTime(round.figuresAt)} 的数据` : '；自动计算项目生成后显示得分与排名'}`}
            />
          )}
          {round.status !== 'draft' && round.figuresAt && (
            <Typography.Paragraph type="secondary" data-testid="round-figures-at">
              自动计算项目数据截至 {formatTime(round.figuresAt)}
              {round.status === 'open'
                ? '（每晚及“重新计算”时更新；人工评分即时计入得分与排名）'
                : round.status === 'publishing'
                  ? '（公布中，将按最终快照冻结）'
                  : '（公布时冻结）'}
            </Typography.Paragraph>
          )}
          {round.status !== 'draft' && (committee || me.role === 'leader') && (
            <Input.Search
              allowClear
              placeholder="按单位名称查找"
              style={{ maxWidth: 280, marginBottom: 8 }}
              value={paging.q}
              onChange={(e) => setPaging((p) => ({ ...p, page: 1, q: e.target.value }))}
              data-testid="results-search"
            />
          )}
          {round.status === 'draft' ? (
            <RubricTable rubric={rubric} />
          ) : (
            <Table
              rowKey="partyId"
              size="small"
              columns={columns}
              dataSource={results.data?.items}
              loading={results.isFetching}
              pagination={{
                current: paging.page,
                pageSize: paging.pageSize,
                total: results.data?.total ?? 0,
                showSizeChanger: true,
                pageSizeOptions: [20, 50, 100],
                showTotal: (n) => `共 ${n} 家单位`,
                onChange: (page, pageSize) => setPaging((p) => ({ ...p, page, pageSize })),
              }}
              scroll={{ x: 600 + rubric.length * 150 }}
              data-testid="round-results"
            />
          )}
        </Card>
      )}
      <CreateRoundModal
        open={creating}
        onClose={(id) => {
          setCreating(false);
          if (id) setRoundId(id);
        }}
      />
      {round && <ScoreModal round={round} party={scoring} committee={committee} onClose={() => setScoring(null)} />}
      <RecordsDrawer target={records} onClose={() => setRecords(null)} />
      <CommendationModal proposal={proposal} onClose={() => setProposal(null)} />
    </PageContainer>
  );
}

function RubricTable({ rubric }: { rubric: RubricItem[] }) {
  return (
    <Table
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={rubric}
      columns={[
        { title: '考核内容', dataIndex: 'title' },
        { title: '分值', dataIndex: 'maxPoints', width: 70 },
        {
          title: '计分',
          key: 'how',
          render: (_, i) =>
            i.kind === 'computed' && i.indicator
              ? `自动计算：${INDICATOR_LABELS[i.indicator].zh}，${SCORE_RULE_LABELS[i.rule!]}${i.points ? `（${i.points} 分）` : ''}`
              : '自评 + 人工评分',
        },
      ]}
    />
  );
}

function CreateRoundModal({ open, onClose }: { open: boolean; onClose: (id?: string) => void }) {
  const { lang } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{
    year: number;
    version: LetterVersion;
    title: string;
    excellent: number;
    good: number;
    pass: number;
  }>();
  const version = Form.useWatch('version', form) ?? 'enterprise';
  const year = Form.useWatch('year', form) ?? thisYear();
  const create = useMutation({
    mutationFn: (v: {
      year: number;
      version: LetterVersion;
      title: string;
      excellent: number;
      good: number;
      pass: number;
    }) =>
      api.post<Round>('/responsibility/rounds', {
        year: v.year,
        version: v.version,
        title: v.title,
        rubric: defaultRubric(v.version),
        gradeBands: { excellent: v.excellent, good: v.good, pass: v.pass },
      }),
    onSuccess: (r) => {
      message.success('已新建考核（草稿）');
      void queryClient.invalidateQueries({ queryKey: keys.rounds });
      onClose(r.id);
    },
    onError: (e) => message.error(e.message),
  });
  useEffect(() => {
    form.setFieldValue(
      'title',
      `${year}年度${version === 'enterprise' ? '企业' : version === 'department' ? '成员单位' : '村居'}安全生产工作考核`,
    );
  }, [year, version, form]);
  return (
    <Modal
      open={open}
      title="新建年度考核"
      onCancel={() => onClose()}
      onOk={() => form.submit()}
      okButtonProps={{ loading: create.isPending, ...({ 'data-testid': 'round-create-ok' } as object) }}
      width={720}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ year: thisYear(), version: 'enterprise', ...DEFAULT_GRADE_BANDS }}
        onFinish={(v) => create.mutate(v)}
      >
        <Space wrap>
          <Form.Item name="year" label="年度" rules={[{ required: true }]}>
            <InputNumber min={2000} max={2100} />
          </Form.Item>
          <Form.Item name="version" label="版本" rules={[{ required: true }]}>
            <Select style={{ width: 120 }} options={codeOptions(LETTER_VERSIONS, LETTER_VERSION_LABELS, lang)} />
          </Form.Item>
          <Form.Item name="excellent" label="优秀 ≥ %">
            <InputNumber min={0} max={100} />
          </Form.Item>
          <Form.Item name="good" label="良好 ≥ %">
            <InputNumber min={0} max={100} />
          </Form.Item>
          <Form.Item name="pass" label="合格 ≥ %">
            <InputNumber min={0} max={100} />
          </Form.Item>
        </Space>
        <Form.Item name="title" label="考核名称" rules={[{ required: true, min: 2, message: '请填写考核名称' }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 8 }}
          title="考核细则（默认，满分 100）：自动计算的项目取自平台台账，尚无数据来源的显示为“未接入”。"
        />
        <RubricTable rubric={defaultRubric(version)} />
      </Form>
    </Modal>
  );
}

/** The form field holding an item's evidence file ids (beside the item's text or score). */
const filesField = (itemId: string) => `${itemId}__files`;

/** Scoring (committee) or self-assessing (the party, with evidence files) the manual items of one party. */
function ScoreModal({
  round,
  party,
  committee,
  onClose,
}: {
  round: Round;
  party: Party | null;
  committee: boolean;
  onClose: () => void;
}) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Record<string, number | string | string[] | undefined>>();
  const [uploading, setUploading] = useState(false);
  const manual = round.rubric.filter((i) => i.kind === 'manual');
  useEffect(() => {
    if (!party) return;
    form.setFieldsValue(
      Object.fromEntries(
        party.items.flatMap((i) => [
          [i.itemId, committee ? (i.score ?? undefined) : (i.selfText ?? undefined)],
          [filesField(i.itemId), i.evidenceFileIds],
        ]),
      ),
    );
  }, [party, committee, form]);
  const save = useMutation({
    mutationFn: (v: Record<string, number | string | string[] | undefined>) =>
      committee
        ? api.post<Results>(`/responsibility/rounds/${round.id}/scores`, {
            partyId: party!.partyId,
            scores: manual.filter((i) => v[i.id] != null).map((i) => ({ itemId: i.id, points: Number(v[i.id]) })),
          })
        : api.post<Results>(`/responsibility/rounds/${round.id}/self-assessment`, {
            items: manual
              .filter((i) => v[i.id] || (v[filesField(i.id)] as string[] | undefined)?.length)
              .map((i) => ({
                itemId: i.id,
                text: String(v[i.id] ?? '见佐证材料'),
                fileIds: (v[filesField(i.id)] as string[] | undefined) ?? [],
              })),
          }),
    onSuccess: () => {
      message.success('已保存');
      void queryClient.invalidateQueries({ queryKey: keys.results(round.id) });
      onClose();
    },
    onError: (e) => message.error(e.message),
  });
  return (
    <Modal
      open={!!party}
      title={party ? `${committee ? '评分' : '自评'}：${party.partyName}` : ''}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{
        loading: save.isPending,
        disabled: uploading,
        ...({ 'data-testid': 'score-ok' } as object),
      }}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        {manual.map((item) => {
          const self = party?.items.find((i) => i.itemId === item.id);
          return committee ? (
            <Form.Item
              key={item.id}
              name={item.id}
              label={`${item.title}（满分 ${item.maxPoints}）`}
              extra={
                <div data-testid={`self-${item.id}`}>
                  <div>{self?.selfText ? `自评：${self.selfText}` : '未自评'}</div>
                  <EvidenceLinks ids={self?.evidenceFileIds ?? []} testId={`evidence-${item.id}`} />
                </div>
              }
              rules={[{ required: true, message: '请填写得分' }]}
            >
              <InputNumber min={0} max={item.maxPoints} step={0.5} data-testid={`score-${item.id}`} />
            </Form.Item>
          ) : (
            <div key={item.id}>
              <Form.Item name={item.id} label={`${item.title}（满分 ${item.maxPoints}）`} style={{ marginBottom: 8 }}>
                <Input.TextArea
                  autoSize={{ minRows: 2 }}
                  maxLength={2000}
                  placeholder="自评说明"
                  data-testid={`self-text-${item.id}`}
                />
              </Form.Item>
              {party?.enterpriseId && (
                <Form.Item name={filesField(item.id)}>
                  <EvidenceUpload
                    enterpriseId={party.enterpriseId}
                    initial={self?.evidenceFileIds}
                    onBusyChange={setUploading}
                    testId={`self-files-${item.id}`}
                  />
                </Form.Item>
              )}
            </div>
          );
        })}
      </Form>
    </Modal>
  );
}

/**
 * 重新计算: the open round's computed figures are a snapshot (a 100,000-party round takes a while to compute), so the
 * committee starts a background job and follows its progress; the ranking reloads when it has finished.
 */
function RefreshButton({ roundId, busy }: { roundId: string; busy: boolean }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [jobId, setJobId] = useState<string | null>(null);
  const job = useJob(jobId);
  const start = useMutation({
    mutationFn: () => api.post<RoundRefreshAccepted>(`/responsibility/rounds/${roundId}/refresh`),
    onSuccess: (r) => setJobId(r.job.id),
    onError: (e) => message.error(e.message),
  });
  const status = job.data?.status;
  useEffect(() => {
    if (status === 'succeeded') {
      message.success(job.data?.message ?? '已重新计算');
      void queryClient.invalidateQueries({ queryKey: ['responsibility'] });
      setJobId(null);
    } else if (status === 'failed') {
      message.error(`重新计算失败：${job.data?.error ?? ''}`);
      setJobId(null);
    }
  }, [status, job.data, message, queryClient]);
  const running = start.isPending || (jobId !== null && status !== 'succeeded' && status !== 'failed');
  // Another snapshot (the opening's, another member's click) is shown above the table; this one would follow it.
  if (busy && !running) {
    return (
      <Button icon={<ReloadOutlined />} disabled data-testid="round-refresh">
        重新计算
      </Button>
    );
  }
  const d = job.data;
  return (
    <Button icon={<ReloadOutlined />} loading={running} onClick={() => start.mutate()} data-testid="round-refresh">
      {running && d?.total ? `重新计算 ${d.progress}/${d.total}${d.message ? ` ${d.message}` : ''}` : '重新计算'}
    </Button>
  );
}
