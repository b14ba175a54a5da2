// 消防研判 (seed 003 §六): from the service ledger, the common problems, their trend by month, the weak links by
// key-supervision tag, the key areas and the problems that come back at the same enterprise. Every count opens the
// hazards behind it in the hazard ledger (the same filters the server counted with); the tables copy as text (paste
// into a report: tab-separated, so Word and Excel keep the columns) or download as Excel.
import { CopyOutlined, DownloadOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Empty,
  Form,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import {
  type Analysis,
  type ContractView,
  FIRE_PROBLEM_NAMES,
  type FireLedgerLink,
  type FireProblem,
  ledgerLink,
} from '../../../../shared/src/fire-service';
import { SUPERVISION_TAG_LABELS } from '../../../../shared/src/labels';
import { api, type Page } from '../../app/api';
import { useShowError } from '../../app/forms';
import { useI18n } from '../../app/i18n';
import { PageContainer } from '../../app/ui/PageContainer';
import { QueryError } from '../../app/ui/QueryError';
import { Chart } from '../home/Chart';
import { f } from './text';

const tagName = (tag: string) => SUPERVISION_TAG_LABELS[tag]?.zh ?? tag;
const problemName = (p: FireProblem) => FIRE_PROBLEM_NAMES[p];

/** The hazard ledger's address for a figure. */
export function ledgerHref(a: Analysis, extra: Partial<FireLedgerLink> = {}) {
  return `/hazards?${new URLSearchParams(ledgerLink(a, extra) as unknown as Record<string, string>)}`;
}

/** The report's paragraph and tables as tab-separated text. */
export function reportText(a: Analysis, contractTitle: string | null): string {
  const t = a.totals;
  const top = a.problems.slice(0, 3).map((p) => `${problemName(p.problem)}（${p.findings} 条）`);
  const weak = a.byTag.slice(0, 3).map((r) => `${tagName(r.tag)}企业（家均 ${r.perEnterprise} 条）`);
  const keys = a.byArea.filter((r) => r.key).map((r) => r.area);
  const lines = [
    `${a.from} 至 ${a.to}${contractTitle ? `（${contractTitle}）` : ''}，第三方消防技术服务机构共开展服务检查 ${t.visits} 次，覆盖企业 ${t.enterprises} 家，发现消防问题 ${t.findings} 条，已整改销号 ${t.rectified} 条，整改率 ${t.rectificationRate ?? '—'}%。` +
      (top.length ? `共性问题集中在${top.join('、')}。` : '') +
      (weak.length ? `薄弱环节主要在${weak.join('、')}。` : '') +
      (keys.length ? `重点监管区域：${keys.join('、')}。` : '') +
      (a.repeats.length ? `同类问题反复出现的企业 ${new Set(a.repeats.map((r) => r.enterpriseId)).size} 家。` : ''),
    '',
    ['问题类别', '发现（条）', '涉及企业（家）', '已销号（条）', '未销号（条）'].join('\t'),
    ...a.problems.map((p) => [problemName(p.problem), p.findings, p.enterprises, p.rectified, p.open].join('\t')),
    '',
    ['重点监管标签', '受检企业（家）', '发现（条）', '家均（条）', '未销号（条）'].join('\t'),
    ...a.byTag.map((r) => [tagName(r.tag), r.enterprises, r.findings, r.perEnterprise, r.open].join('\t')),
    '',
    ['片区', '受检企业（家）', '发现（条）', '家均（条）', '未销号（条）', '重点区域'].join('\t'),
    ...a.byArea.map((r) => [r.area, r.enterprises, r.findings, r.perEnterprise, r.open, r.key ? '是' : ''].join('\t')),
    '',
    ['企业', '问题类别', '出现次数（次检查）', '发现（条）', '未销号（条）'].join('\t'),
    ...a.repeats.map((r) => [r.enterpriseName, problemName(r.problem), r.visits, r.findings, r.open].join('\t')),
  ];
  return lines.join('\n');
}

export default function AnalysisPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showError = useShowError();
  const [params, setParams] = useSearchParams();
  const contracts = useQuery({
    queryKey: ['fire-service', 'contracts', 'all'],
    queryFn: () => api.get<Page<ContractView>>('/fire-service/contracts', { pageSize: 100 }),
  });
  const contractId = params.get('contractId') ?? undefined;
  const from = params.get('from') ?? undefined;
  const to = params.get('to') ?? undefined;
  // Without a choice, the latest contract: the analysis of the service the committee is buying.
  useEffect(() => {
    const latest = contracts.data?.items[0];
    if (!contractId && !from && !to && latest) {
      setParams(
        (p) => {
          const next = new URLSearchParams(p);
          next.set('contractId', latest.id);
          return next;
        },
        { replace: true },
      );
    }
  }, [contracts.data, contractId, from, to, setParams]);
  const query = { contractId, from, to };
  const analysis = useQuery({
    queryKey: ['fire-service', 'analysis', query],
    queryFn: () => api.get<Analysis>('/fire-service/analysis', query),
    enabled: Boolean(contractId) || Boolean(from) || Boolean(to) || contracts.isFetched,
  });
  const contractTitle = contracts.data?.items.find((c) => c.id === contractId)?.title ?? null;
  const exportFile = useMutation({
    mutationFn: () => api.downloadGet('/fire-service/analysis/export', query, '消防研判.xlsx'),
    onError: showError,
  });
  const a = analysis.data;
  const copy = async () => {
    if (!a) return;
    try {
      await navigator.clipboard.writeText(reportText(a, contractTitle));
      message.success('已复制，可直接粘贴到报告或表格中');
    } catch {
      message.error('浏览器不允许复制，请使用“导出 Excel”');
    }
  };
  const set = (next: Record<string, string | undefined>) =>
    setParams(() => {
      const p = new URLSearchParams();
      for (const [k, v] of Object.entries(next)) if (v) p.set(k, v);
      return p;
    });

  return (
    <PageContainer
      title={t.menu.fireServiceAnalysis}
      extra={
        <Space wrap>
          <Button icon={<CopyOutlined />} disabled={!a} onClick={() => void copy()} data-testid="fire-analysis-copy">
            复制为文本
          </Button>
          <Button
            icon={<DownloadOutlined />}
            disabled={!a}
            loading={exportFile.isPending}
            onClick={() => exportFile.mutate()}
            data-testid="fire-analysis-export"
          >
            {f.export}
          </Button>
        </Space>
      }
    >
      <Card className="filter-card" size="small">
        <Form layout="inline" className="filter-form">
          <Form.Item label={f.contract}>
            <Select
              allowClear
              value={contractId}
              placeholder="全部合同"
              style={{ width: 300 }}
              options={(contracts.data?.items ?? []).map((c) => ({ value: c.id, label: c.title }))}
              onChange={(v: string | undefined) =>
                set({ contractId: v, from: v ? undefined : from, to: v ? undefined : to })
              }
              data-testid="fire-analysis-contract"
            />
          </Form.Item>
          <Form.Item label="期间">
            <DatePicker.RangePicker
              allowEmpty={[true, true]}
              value={
                a
                  ? [dayjs(a.from), dayjs(a.to)]
                  : from || to
                    ? [from ? dayjs(from) : null, to ? dayjs(to) : null]
                    : null
              }
              onChange={(d: [Dayjs | null, Dayjs | null] | null) =>
                set({ contractId, from: d?.[0]?.format('YYYY-MM-DD'), to: d?.[1]?.format('YYYY-MM-DD') })
              }
            />
          </Form.Item>
        </Form>
      </Card>
      {analysis.isError ? (
        <Card>
          <QueryError error={analysis.error} onRetry={() => void analysis.refetch()} />
        </Card>
      ) : !a ? (
        <Card loading />
      ) : (
        <AnalysisBody a={a} />
      )}
    </PageContainer>
  );
}

const count = (a: Analysis, n: number, extra: Partial<FireLedgerLink>, testId?: string) =>
  n > 0 ? (
    <Link to={ledgerHref(a, extra)} data-testid={testId}>
      {n}
    </Link>
  ) : (
    <span>0</span>
  );

function AnalysisBody({ a }: { a: Analysis }) {
  const t = a.totals;
  const months = useMemo(() => {
    const list: string[] = [];
    for (let d = dayjs(a.from).startOf('month'); !d.isAfter(dayjs(a.to)); d = d.add(1, 'month')) {
      list.push(d.format('YYYY-MM'));
      if (list.length > 60) break;
    }
    return list;
  }, [a.from, a.to]);
  const problems = a.problems.map((p) => p.problem);
  if (t.visits === 0 && t.findings === 0) {
    return (
      <Card>
        <Empty description="所选期间没有服务检查记录" />
      </Card>
    );
  }
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="fire-analysis">
      <Row gutter={[16, 16]}>
        {[
          ['服务检查（次）', t.visits, null],
          ['覆盖企业（家）', t.enterprises, null],
          ['发现问题（条）', t.findings, {}],
          ['已整改销号（条）', t.rectified, { open: 'false' as const }],
          ['未销号（条）', t.open, { open: 'true' as const }],
          ['整改率', t.rectificationRate === null ? '—' : `${t.rectificationRate}%`, null],
        ].map(([title, value, link]) => (
          <Col key={String(title)} xs={12} md={8} xl={4}>
            <Card size="small">
              <Statistic
                title={String(title)}
                value={String(value)}
                formatter={() =>
                  link && typeof value === 'number' ? count(a, value, link as Partial<FireLedgerLink>) : String(value)
                }
              />
            </Card>
          </Col>
        ))}
      </Row>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Card size="small" title="按月发现问题（按问题类别）">
            <Chart
              height={320}
              option={{
                tooltip: { trigger: 'axis' },
                legend: { type: 'scroll', bottom: 0 },
                grid: { left: 40, right: 16, top: 16, bottom: 56 },
                xAxis: { type: 'category', data: months.map((m) => `${Number(m.slice(5))}月`) },
                yAxis: { type: 'value', minInterval: 1 },
                series: problems.map((p) => ({
                  name: problemName(p),
                  type: 'bar',
                  stack: 'all',
                  data: months.map((m) => a.byMonth.find((x) => x.month === m && x.problem === p)?.findings ?? 0),
                })),
              }}
            />
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card size="small" title="共性问题（发现条数）">
            <Chart
              height={320}
              option={{
                tooltip: { trigger: 'axis' },
                grid: { left: 120, right: 24, top: 8, bottom: 24 },
                xAxis: { type: 'value', minInterval: 1 },
                yAxis: { type: 'category', inverse: true, data: a.problems.map((p) => problemName(p.problem)) },
                series: [
                  { name: '已销号', type: 'bar', stack: 'n', data: a.problems.map((p) => p.rectified) },
                  { name: '未销号', type: 'bar', stack: 'n', data: a.problems.map((p) => p.open) },
                ],
              }}
            />
          </Card>
        </Col>
      </Row>
      <Card size="small" title="共性问题">
        <Table
          size="small"
          rowKey="problem"
          pagination={false}
          dataSource={a.problems}
          data-testid="fire-analysis-problems"
          scroll={{ x: 560 }}
          columns={[
            { title: '排名', key: 'rank', width: 60, render: (_: unknown, _r, i) => i + 1 },
            { title: '问题类别', dataIndex: 'problem', render: (p: FireProblem) => problemName(p) },
            {
              title: '发现（条）',
              dataIndex: 'findings',
              align: 'right',
              render: (n: number, r) => count(a, n, { fireProblem: r.problem }, `fire-problem-count-${r.problem}`),
            },
            { title: '涉及企业（家）', dataIndex: 'enterprises', align: 'right' },
            {
              title: '已销号（条）',
              dataIndex: 'rectified',
              align: 'right',
              render: (n: number, r) => count(a, n, { fireProblem: r.problem, open: 'false' }),
            },
            {
              title: '未销号（条）',
              dataIndex: 'open',
              align: 'right',
              render: (n: number, r) => count(a, n, { fireProblem: r.problem, open: 'true' }),
            },
          ]}
        />
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Card size="small" title="薄弱环节（按重点监管标签）">
            <Table
              size="small"
              rowKey="tag"
              pagination={false}
              dataSource={a.byTag}
              scroll={{ x: 480 }}
              columns={[
                { title: '重点监管标签', dataIndex: 'tag', render: tagName },
                { title: '受检企业（家）', dataIndex: 'enterprises', align: 'right' },
                {
                  title: '发现（条）',
                  dataIndex: 'findings',
                  align: 'right',
                  render: (n: number, r) => count(a, n, { supervisionTag: r.tag }),
                },
                { title: '家均（条）', dataIndex: 'perEnterprise', align: 'right' },
                {
                  title: '未销号（条）',
                  dataIndex: 'open',
                  align: 'right',
                  render: (n: number, r) => count(a, n, { supervisionTag: r.tag, open: 'true' }),
                },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title="重点监管区域（按片区）">
            <Table
              size="small"
              rowKey="area"
              pagination={false}
              dataSource={a.byArea}
              scroll={{ x: 480 }}
              columns={[
                {
                  title: '片区',
                  dataIndex: 'area',
                  render: (v: string, r) => (
                    <Space>
                      {v}
                      {r.key && <Tag color="red">重点区域</Tag>}
                    </Space>
                  ),
                },
                { title: '受检企业（家）', dataIndex: 'enterprises', align: 'right' },
                {
                  title: '发现（条）',
                  dataIndex: 'findings',
                  align: 'right',
                  render: (n: number, r) => count(a, n, { area: r.area }),
                },
                { title: '家均（条）', dataIndex: 'perEnterprise', align: 'right' },
                {
                  title: '未销号（条）',
                  dataIndex: 'open',
                  align: 'right',
                  render: (n: number, r) => count(a, n, { area: r.area, open: 'true' }),
                },
              ]}
            />
            <Typography.Text type="secondary">重点区域：家均发现问题数高于全部受检企业平均值的片区。</Typography.Text>
          </Card>
        </Col>
      </Row>
      <Card size="small" title="同类问题反复出现的企业（同一类别在两次及以上检查中发现）">
        <Table
          size="small"
          rowKey={(r) => `${r.enterpriseId}-${r.problem}`}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          dataSource={a.repeats}
          scroll={{ x: 640 }}
          data-testid="fire-analysis-repeats"
          columns={[
            { title: '企业', dataIndex: 'enterpriseName', ellipsis: true },
            { title: '片区', dataIndex: 'area', width: 90, render: (v: string | null) => v ?? '—' },
            { title: '问题类别', dataIndex: 'problem', width: 150, render: (p: FireProblem) => problemName(p) },
            { title: '出现（次检查）', dataIndex: 'visits', width: 120, align: 'right' },
            {
              title: '发现（条）',
              dataIndex: 'findings',
              width: 100,
              align: 'right',
              render: (n: number, r) => count(a, n, { fireProblem: r.problem, enterpriseId: r.enterpriseId }),
            },
            {
              title: '未销号（条）',
              dataIndex: 'open',
              width: 110,
              align: 'right',
              render: (n: number, r) =>
                count(a, n, { fireProblem: r.problem, enterpriseId: r.enterpriseId, open: 'true' }),
            },
          ]}
        />
      </Card>
    </Space>
  );
}
