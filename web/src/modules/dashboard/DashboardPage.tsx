// 领导驾驶舱 (issue 15): one screen a 分管领导 reads in a minute, on a desktop and a phone. Every figure is the count of
// the list it opens (the server counts it with that list's own filters), shows its definition (口径) on hover, and
// every chart downloads as PNG and its table as Excel. The period lives in the address (?from=&to=), so a link or a
// reload shows the same figures.
import { FileExcelOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { App, Button, Card, Col, Flex, Row, Table, Tag, Tooltip, Typography } from 'antd';
import type { EChartsOption } from 'echarts';
import { useMemo } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import type { ChartPoint, DashboardFigure, DashboardView } from '../../../../shared/src/dashboard';
import { RISK_COLOUR_HEX, RISK_LEVEL_COLOURS, type RiskLevel } from '../../../../shared/src/risk-levels';
import { api } from '../../app/api';
import { formatCount, formatPercent } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { PageContainer } from '../../app/ui/PageContainer';
import { PeriodBar, usePeriod } from '../../app/ui/PeriodBar';
import { QueryError } from '../../app/ui/QueryError';
import { useIsMobile } from '../hazards/common';
import { HAZARD_STATUS_LABELS } from '../hazards/labels';
import { DefinedTitle, FigureChart } from './FigureChart';
import { RiskMapThumbnail } from './RiskMapThumbnail';
import { type DashboardI18n, useDashboardText } from './text';
import './dashboard.css';

const value = (f: DashboardFigure, t: DashboardI18n) =>
  !f.connected ? t.notConnected : f.unit === '%' ? formatPercent(f.value) : formatCount(f.value);

export default function DashboardPage() {
  const period = usePeriod();
  const mobile = useIsMobile();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const t = useDashboardText();
  const { l } = useI18n();
  const q = { from: period.from, to: period.to };
  const view = useQuery({
    queryKey: ['dashboard', q],
    queryFn: () => api.get<DashboardView>('/dashboard', q),
    placeholderData: keepPreviousData,
  });
  const v = view.data;
  const built = v?.figures.filter((f) => f.connected) ?? [];
  const slots = v?.figures.filter((f) => !f.connected) ?? [];

  const periodBar = <PeriodBar period={period} mobile={mobile} className="dashboard-period" />;

  const pointLinks = (points: ChartPoint[]) => (p: { dataIndex: number }) => points[p.dataIndex]?.link ?? null;
  const chartProps = { period: q };
  const def = (k: string) => t.chartDefinition(k, v?.definitions[k] ?? '');
  const points = (chart: string, list: ChartPoint[]) => list.map((p) => ({ ...p, label: t.point(chart, p) }));

  const trendOption = useMemo<EChartsOption>(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { bottom: 0 },
      grid: { left: 8, right: 8, top: 24, bottom: 32, containLabel: true },
      xAxis: { type: 'category', data: v?.trend.map((m) => t.month(Number(m.month.slice(5)))) ?? [] },
      yAxis: { type: 'value', minInterval: 1, splitLine: { lineStyle: { type: 'dashed' } } },
      series: [
        { name: t.seriesInspections, type: 'bar', barMaxWidth: 24, data: v?.trend.map((m) => m.inspections) ?? [] },
        { name: t.seriesFound, type: 'line', smooth: true, data: v?.trend.map((m) => m.hazardsFound) ?? [] },
        { name: t.seriesClosed, type: 'line', smooth: true, data: v?.trend.map((m) => m.hazardsRectified) ?? [] },
      ],
    }),
    [v, t],
  );

  return (
    <PageContainer title={t.title} extra={!mobile && periodBar}>
      {mobile && periodBar}
      {view.isError && <QueryError error={view.error} onRetry={() => view.refetch()} />}
      {v && (
        <div className="dashboard-root">
          <Typography.Paragraph type="secondary" className="dashboard-period-note" data-testid="dashboard-period-note">
            {t.periodNote(v.from, v.to, v.until < v.to ? v.until : null)}
          </Typography.Paragraph>
          <Card
            size="small"
            title={<DefinedTitle title={t.figures} definition={t.figuresDefinition} />}
            extra={
              <Button
                size="small"
                type="text"
                icon={<FileExcelOutlined />}
                onClick={() =>
                  api
                    .downloadGet('/dashboard/export', { ...q, table: 'figures' }, t.figuresFile)
                    .catch((e: Error) => message.error(e.message))
                }
                data-testid="figures-xlsx"
              >
                {mobile ? '' : t.export}
              </Button>
            }
            className="dashboard-figures"
          >
            <Row gutter={[12, 12]}>
              {built.map((f) => (
                <Col key={f.key} xs={12} sm={8} lg={6} xl={4}>
                  <FigureCard figure={f} onOpen={() => f.link && navigate(f.link)} />
                </Col>
              ))}
            </Row>
            {slots.length > 0 && (
              <Flex gap={6} wrap align="center" className="dashboard-slots" data-testid="dashboard-slots">
                <Typography.Text type="secondary">{t.slots}</Typography.Text>
                {slots.map((s) => (
                  <Tooltip key={s.key} title={t.definition(t.figure(s).definition)}>
                    <Tag data-testid={`slot-${s.key}`}>{t.slotTag(t.figure(s).label)}</Tag>
                  </Tooltip>
                ))}
              </Flex>
            )}
          </Card>
          <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
            <Col xs={24} xl={16}>
              <FigureChart
                id="trend"
                title={t.trend}
                definition={def('trend')}
                option={trendOption}
                links={(p) => {
                  const m = v.trend[p.dataIndex];
                  if (!m) return null;
                  return p.seriesIndex === 0 ? m.inspectionsLink : m.hazardsLink;
                }}
                table="trend"
                fileName={t.trendFile}
                height={300}
                {...chartProps}
              />
            </Col>
            <Col xs={24} xl={8}>
              <FigureChart
                id="status"
                title={t.status}
                definition={def('byStatus')}
                option={donut(points('byStatus', v.byStatus), t.hazardsUnit, t, [
                  '#f59e0b',
                  '#1a56db',
                  '#7c3aed',
                  '#16a34a',
                ])}
                links={pointLinks(v.byStatus)}
                table="byStatus"
                fileName={t.statusFile}
                empty={v.byStatus.every((p) => p.value === 0)}
                height={300}
                {...chartProps}
              />
            </Col>
            <Col xs={24} md={12} xl={8}>
              <FigureChart
                id="domain"
                title={t.domain}
                definition={def('byDomain')}
                option={donut(points('byDomain', v.byDomain), t.hazardsUnit, t)}
                links={pointLinks(v.byDomain)}
                table="byDomain"
                fileName={t.domainFile}
                empty={v.byDomain.length === 0}
                {...chartProps}
              />
            </Col>
            <Col xs={24} md={12} xl={8}>
              <FigureChart
                id="area"
                title={t.area}
                definition={def('byArea')}
                option={bars(points('byArea', v.byArea), t.hazardsUnit, false)}
                links={pointLinks(v.byArea)}
                table="byArea"
                fileName={t.areaFile}
                empty={v.byArea.length === 0}
                {...chartProps}
              />
            </Col>
            <Col xs={24} md={12} xl={8}>
              <FigureChart
                id="tag"
                title={t.tag}
                definition={def('byTag')}
                option={bars(points('byTag', v.byTag), t.hazardsUnit, true)}
                links={pointLinks(v.byTag)}
                table="byTag"
                fileName={t.tagFile}
                empty={v.byTag.length === 0}
                {...chartProps}
              />
            </Col>
            <Col xs={24} md={12} xl={8}>
              <FigureChart
                id="risk"
                title={t.risk}
                definition={def('riskLevels')}
                option={donut(
                  points('riskLevels', v.riskLevels),
                  t.enterprisesUnit,
                  t,
                  v.riskLevels.map((p) =>
                    p.key === 'none' ? '#94a3b8' : RISK_COLOUR_HEX[RISK_LEVEL_COLOURS[p.key as RiskLevel]],
                  ),
                )}
                links={pointLinks(v.riskLevels)}
                table="riskLevels"
                fileName={t.riskFile}
                {...chartProps}
              />
            </Col>
            <Col xs={24} md={12} xl={8}>
              <FigureChart
                id="credit"
                title={t.credit}
                definition={def('creditGrades')}
                option={bars(points('creditGrades', v.creditGrades), t.enterprisesUnit, false, [
                  '#16a34a',
                  '#1a56db',
                  '#f59e0b',
                  '#dc2626',
                ])}
                links={pointLinks(v.creditGrades)}
                table="creditGrades"
                fileName={t.creditFile}
                {...chartProps}
              />
            </Col>
            <Col xs={24} md={12} xl={8}>
              <FigureChart
                id="coverage"
                title={t.coverage}
                definition={def('coverage')}
                option={donut(points('coverage', v.coverage), t.enterprisesUnit, t, ['#dc2626', '#16a34a', '#1a56db'])}
                links={pointLinks(v.coverage)}
                table="coverage"
                fileName={t.coverageFile}
                {...chartProps}
              />
            </Col>
            <Col xs={24} xl={12}>
              <RiskMapThumbnail />
            </Col>
            <Col xs={24} xl={12}>
              <Card
                size="small"
                title={<DefinedTitle title={t.majors} definition={def('majors')} />}
                data-testid="dashboard-majors"
                extra={
                  <Button
                    size="small"
                    type="text"
                    icon={<FileExcelOutlined />}
                    onClick={() =>
                      api
                        .downloadGet('/dashboard/export', { ...q, table: 'majors' }, t.majorsFile)
                        .catch((e: Error) => message.error(e.message))
                    }
                    aria-label={t.majorsExport}
                  />
                }
              >
                <Table
                  size="small"
                  rowKey="id"
                  pagination={false}
                  dataSource={v.majors}
                  scroll={{ x: 520 }}
                  locale={{ emptyText: t.majorsEmpty }}
                  columns={[
                    {
                      title: t.serial,
                      dataIndex: 'serial',
                      width: 150,
                      render: (s: string, m) => <Link to={m.link}>{s}</Link>,
                    },
                    { title: t.enterprise, dataIndex: 'enterpriseName', ellipsis: true },
                    {
                      title: t.state,
                      dataIndex: 'status',
                      width: 110,
                      render: (s: string, m) => (
                        <Flex gap={4} wrap>
                          <Tag color={s === 'closed' ? 'green' : 'orange'}>{l(HAZARD_STATUS_LABELS, s)}</Tag>
                          {m.overdue && <Tag color="red">{t.overdue}</Tag>}
                        </Flex>
                      ),
                    },
                    { title: t.deadline, dataIndex: 'deadline', width: 100 },
                  ]}
                />
              </Card>
            </Col>
          </Row>
        </div>
      )}
    </PageContainer>
  );
}

function FigureCard({ figure: f, onOpen }: { figure: DashboardFigure; onOpen: () => void }) {
  const t = useDashboardText();
  const shown = t.figure(f);
  return (
    <Tooltip title={t.definition(shown.definition)} placement="bottom">
      <button
        type="button"
        className="figure-card"
        onClick={onOpen}
        disabled={!f.link}
        data-testid={`figure-${f.key}`}
        aria-label={t.figureAria(shown.label, value(f, t), f.unit === '%' ? '' : shown.unit)}
      >
        <span className="figure-label">{shown.label}</span>
        <span className="figure-value">
          <span data-testid={`figure-${f.key}-value`}>{value(f, t)}</span>
          {f.unit !== '%' && f.value !== null && <span className="figure-unit">{shown.unit}</span>}
        </span>
      </button>
    </Tooltip>
  );
}

function donut(points: ChartPoint[], unit: string, t: DashboardI18n, colors?: string[]): EChartsOption {
  return {
    tooltip: { trigger: 'item', formatter: t.pieTooltip(unit) },
    legend: { bottom: 0, icon: 'circle', type: 'scroll' },
    series: [
      {
        type: 'pie',
        radius: ['42%', '66%'],
        center: ['50%', '44%'],
        itemStyle: { borderColor: '#fff', borderWidth: 2 },
        label: { formatter: '{c}' },
        data: points.map((p, i) => ({
          name: p.label,
          value: p.value,
          itemStyle: colors?.[i] ? { color: colors[i] } : undefined,
        })),
      },
    ],
  };
}

function bars(points: ChartPoint[], unit: string, horizontal: boolean, colors?: string[]): EChartsOption {
  const category = { type: 'category' as const, data: points.map((p) => p.label), axisTick: { show: false } };
  const valueAxis = { type: 'value' as const, minInterval: 1, splitLine: { lineStyle: { type: 'dashed' as const } } };
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (x) => `${x} ${unit}` },
    grid: { left: 8, right: 32, top: 16, bottom: 8, containLabel: true },
    xAxis: horizontal ? valueAxis : { ...category, axisLabel: { interval: 0, rotate: points.length > 5 ? 30 : 0 } },
    yAxis: horizontal ? { ...category, inverse: true } : valueAxis,
    series: [
      {
        type: 'bar',
        barMaxWidth: 24,
        data: points.map((p, i) => ({ value: p.value, itemStyle: colors?.[i] ? { color: colors[i] } : undefined })),
        label: { show: true, position: horizontal ? 'right' : 'top' },
      },
    ],
  };
}
