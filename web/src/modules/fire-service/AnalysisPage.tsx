// 消防研判 (seed 003 §六): from the service ledger, the common problems, their trend by month, the weak links by
// key-supervision tag, the key areas and the problems that come back at the same enterprise. Every count opens the
// hazards behind it in the hazard ledger (the same filters the server counted with); the tables copy as text (paste
// into a report: tab-separated, so Word and Excel keep the columns) or download as Excel.
import { CopyOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
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
  type FireLedgerLink,
  type FireProblem,
  ledgerLink,
} from '../../../../shared/src/fire-service';
import { FIRE_PROBLEM_LABELS, SUPERVISION_TAG_LABELS } from '../../../../shared/src/labels';
import { api, type Page } from '../../app/api';
import { useI18n } from '../../app/i18n';
import { ExportButton } from '../../app/ui/ExportButton';
import { PageContainer } from '../../app/ui/PageContainer';
import { QueryError } from '../../app/ui/QueryError';
import { Chart } from '../home/Chart';
import { type FireText, useFireText } from './text';

type Label = ReturnType<typeof useI18n>['l'];
/** Tag and problem-kind names in the current language. */
const namesOf = (l: Label) => ({
  tagName: (tag: string) => l(SUPERVISION_TAG_LABELS, tag),
  problemName: (p: FireProblem) => l(FIRE_PROBLEM_LABELS, p),
});

/** The hazard ledger's address for a figure. */
export function ledgerHref(a: Analysis, extra: Partial<FireLedgerLink> = {}) {
  return `/hazards?${new URLSearchParams(ledgerLink(a, extra) as unknown as Record<string, string>)}`;
}

/** The report's paragraph and tables as tab-separated text. */
export function reportText(a: Analysis, contractTitle: string | null, f: FireText, l: Label): string {
  const t = a.totals;
  const { tagName, problemName } = namesOf(l);
  const top = a.problems.slice(0, 3).map((p) => f.reportTop(problemName(p.problem), p.findings));
  const weak = a.byTag.slice(0, 3).map((r) => f.reportWeak(tagName(r.tag), r.perEnterprise));
  const keys = a.byArea.filter((r) => r.key).map((r) => r.area);
  const lines = [
    f.reportLead(
      a.from,
      a.to,
      contractTitle,
      t.visits,
      t.enterprises,
      t.findings,
      t.rectified,
      String(t.rectificationRate ?? '—'),
    ) +
      (top.length ? f.reportTopLine(top.join(f.listSep)) : '') +
      (weak.length ? f.reportWeakLine(weak.join(f.listSep)) : '') +
      (keys.length ? f.reportKeyLine(keys.join(f.listSep)) : '') +
      (a.repeats.length ? f.reportRepeatLine(new Set(a.repeats.map((r) => r.enterpriseId)).size) : ''),
    '',
    [f.problem, f.colFindings, f.colEnterprises, f.colRectified, f.colOpen].join('\t'),
    ...a.problems.map((p) => [problemName(p.problem), p.findings, p.enterprises, p.rectified, p.open].join('\t')),
    '',
    [f.tag, f.colInspected, f.colFindings, f.colPerEnterprise, f.colOpen].join('\t'),
    ...a.byTag.map((r) => [tagName(r.tag), r.enterprises, r.findings, r.perEnterprise, r.open].join('\t')),
    '',
    [f.area, f.colInspected, f.colFindings, f.colPerEnterprise, f.colOpen, f.keyArea].join('\t'),
    ...a.byArea.map((r) => [r.area, r.enterprises, r.findings, r.perEnterprise, r.open, r.key ? f.yes : ''].join('\t')),
    '',
    [f.enterprise, f.problem, f.colVisitsLong, f.colFindings, f.colOpen].join('\t'),
    ...a.repeats.map((r) => [r.enterpriseName, problemName(r.problem), r.visits, r.findings, r.open].join('\t')),
  ];
  return lines.join('\n');
}

export default function AnalysisPage() {
  const { t, l } = useI18n();
  const f = useFireText();
  const { message } = App.useApp();
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
  const a = analysis.data;
  const copy = async () => {
    if (!a) return;
    try {
      await navigator.clipboard.writeText(reportText(a, contractTitle, f, l));
      message.success(f.copied);
    } catch {
      message.error(f.copyFailed);
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
            {f.copyText}
          </Button>
          <ExportButton
            path="/fire-service/analysis/export"
            params={query}
            fileName={f.analysisFile}
            label={f.export}
            testId="fire-analysis-export"
            disabled={!a}
          />
        </Space>
      }
    >
      <Card className="filter-card" size="small">
        <Form layout="inline" className="filter-form">
          <Form.Item label={f.contract}>
            <Select
              allowClear
              value={contractId}
              placeholder={f.allContracts}
              style={{ width: 300 }}
              options={(contracts.data?.items ?? []).map((c) => ({ value: c.id, label: c.title }))}
              onChange={(v: string | undefined) =>
                set({ contractId: v, from: v ? undefined : from, to: v ? undefined : to })
              }
              data-testid="fire-analysis-contract"
            />
          </Form.Item>
          <Form.Item label={f.periodLabel}>
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
  const f = useFireText();
  const { tagName, problemName } = namesOf(useI18n().l);
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
        <Empty description={f.noVisits} />
      </Card>
    );
  }
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="fire-analysis">
      <Row gutter={[16, 16]}>
        {[
          [f.figVisits, t.visits, null],
          [f.figEnterprises, t.enterprises, null],
          [f.figFindings, t.findings, {}],
          [f.figRectified, t.rectified, { open: 'false' as const }],
          [f.figOpen, t.open, { open: 'true' as const }],
          [f.figRate, t.rectificationRate === null ? '—' : `${t.rectificationRate}%`, null],
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
          <Card size="small" title={f.byMonth}>
            <Chart
              height={320}
              option={{
                tooltip: { trigger: 'axis' },
                legend: { type: 'scroll', bottom: 0 },
                grid: { left: 40, right: 16, top: 16, bottom: 56 },
                xAxis: { type: 'category', data: months.map((m) => f.month(Number(m.slice(5)))) },
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
          <Card size="small" title={f.commonChart}>
            <Chart
              height={320}
              option={{
                tooltip: { trigger: 'axis' },
                grid: { left: 120, right: 24, top: 8, bottom: 24 },
                xAxis: { type: 'value', minInterval: 1 },
                yAxis: { type: 'category', inverse: true, data: a.problems.map((p) => problemName(p.problem)) },
                series: [
                  { name: f.rectified, type: 'bar', stack: 'n', data: a.problems.map((p) => p.rectified) },
                  { name: f.open, type: 'bar', stack: 'n', data: a.problems.map((p) => p.open) },
                ],
              }}
            />
          </Card>
        </Col>
      </Row>
      <Card size="small" title={f.common}>
        <Table
          size="small"
          rowKey="problem"
          pagination={false}
          dataSource={a.problems}
          data-testid="fire-analysis-problems"
          scroll={{ x: 560 }}
          columns={[
            { title: f.rank, key: 'rank', width: 60, render: (_: unknown, _r, i) => i + 1 },
            { title: f.problem, dataIndex: 'problem', render: (p: FireProblem) => problemName(p) },
            {
              title: f.colFindings,
              dataIndex: 'findings',
              align: 'right',
              render: (n: number, r) => count(a, n, { fireProblem: r.problem }, `fire-problem-count-${r.problem}`),
            },
            { title: f.colEnterprises, dataIndex: 'enterprises', align: 'right' },
            {
              title: f.colRectified,
              dataIndex: 'rectified',
              align: 'right',
              render: (n: number, r) => count(a, n, { fireProblem: r.problem, open: 'false' }),
            },
            {
              title: f.colOpen,
              dataIndex: 'open',
              align: 'right',
              render: (n: number, r) => count(a, n, { fireProblem: r.problem, open: 'true' }),
            },
          ]}
        />
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Card size="small" title={f.weak}>
            <Table
              size="small"
              rowKey="tag"
              pagination={false}
              dataSource={a.byTag}
              scroll={{ x: 480 }}
              columns={[
                { title: f.tag, dataIndex: 'tag', render: tagName },
                { title: f.colInspected, dataIndex: 'enterprises', align: 'right' },
                {
                  title: f.colFindings,
                  dataIndex: 'findings',
                  align: 'right',
                  render: (n: number, r) => count(a, n, { supervisionTag: r.tag }),
                },
                { title: f.colPerEnterprise, dataIndex: 'perEnterprise', align: 'right' },
                {
                  title: f.colOpen,
                  dataIndex: 'open',
                  align: 'right',
                  render: (n: number, r) => count(a, n, { supervisionTag: r.tag, open: 'true' }),
                },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title={f.keyAreas}>
            <Table
              size="small"
              rowKey="area"
              pagination={false}
              dataSource={a.byArea}
              scroll={{ x: 480 }}
              columns={[
                {
                  title: f.area,
                  dataIndex: 'area',
                  render: (v: string, r) => (
                    <Space>
                      {v}
                      {r.key && <Tag color="red">{f.keyArea}</Tag>}
                    </Space>
                  ),
                },
                { title: f.colInspected, dataIndex: 'enterprises', align: 'right' },
                {
                  title: f.colFindings,
                  dataIndex: 'findings',
                  align: 'right',
                  render: (n: number, r) => count(a, n, { area: r.area }),
                },
                { title: f.colPerEnterprise, dataIndex: 'perEnterprise', align: 'right' },
                {
                  title: f.colOpen,
                  dataIndex: 'open',
                  align: 'right',
                  render: (n: number, r) => count(a, n, { area: r.area, open: 'true' }),
                },
              ]}
            />
            <Typography.Text type="secondary">{f.keyAreaNote}</Typography.Text>
          </Card>
        </Col>
      </Row>
      <Card size="small" title={f.repeats}>
        <Table
          size="small"
          rowKey={(r) => `${r.enterpriseId}-${r.problem}`}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          dataSource={a.repeats}
          scroll={{ x: 640 }}
          data-testid="fire-analysis-repeats"
          columns={[
            { title: f.enterprise, dataIndex: 'enterpriseName', ellipsis: true },
            { title: f.area, dataIndex: 'area', width: 90, render: (v: string | null) => v ?? '—' },
            { title: f.problem, dataIndex: 'problem', width: 150, render: (p: FireProblem) => problemName(p) },
            { title: f.colVisits, dataIndex: 'visits', width: 120, align: 'right' },
            {
              title: f.colFindings,
              dataIndex: 'findings',
              width: 100,
              align: 'right',
              render: (n: number, r) => count(a, n, { fireProblem: r.problem, enterpriseId: r.enterpriseId }),
            },
            {
              title: f.colOpen,
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
