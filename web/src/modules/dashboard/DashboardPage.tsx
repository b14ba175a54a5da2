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
import { STATUS_NAMES } from '../../../../shared/src/hazards';
import { RISK_COLOUR_HEX, RISK_LEVEL_COLOURS, type RiskLevel } from '../../../../shared/src/risk-levels';
import { api } from '../../app/api';
import { formatCount, formatPercent } from '../../app/format';
import { PageContainer } from '../../app/ui/PageContainer';
import { PeriodBar, usePeriod } from '../../app/ui/PeriodBar';
import { QueryError } from '../../app/ui/QueryError';
import { useIsMobile } from '../hazards/common';
import { DefinedTitle, FigureChart } from './FigureChart';
import { RiskMapThumbnail } from './RiskMapThumbnail';
import './dashboard.css';

const value = (f: DashboardFigure) =>
  !f.connected ? '未接入' : f.unit === '%' ? formatPercent(f.value) : formatCount(f.value);

export default function DashboardPage() {
  const period = usePeriod();
  const mobile = useIsMobile();
  const navigate = useNavigate();
  const { message } = App.useApp();
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
  const def = (k: string) => v?.definitions[k] ?? '';

  const trendOption = useMemo<EChartsOption>(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { bottom: 0 },
      grid: { left: 8, right: 8, top: 24, bottom: 32, containLabel: true },
      xAxis: { type: 'category', data: v?.trend.map((m) => `${Number(m.month.slice(5))}月`) ?? [] },
      yAxis: { type: 'value', minInterval: 1, splitLine: { lineStyle: { type: 'dashed' } } },
      series: [
        { name: '检查（家次）', type: 'bar', barMaxWidth: 24, data: v?.trend.map((m) => m.inspections) ?? [] },
        { name: '排查隐患（处）', type: 'line', smooth: true, data: v?.trend.map((m) => m.hazardsFound) ?? [] },
        { name: '已销号（处）', type: 'line', smooth: true, data: v?.trend.map((m) => m.hazardsRectified) ?? [] },
      ],
    }),
    [v],
  );

  return (
    <PageContainer title="领导驾驶舱" extra={!mobile && periodBar}>
      {mobile && periodBar}
      {view.isError && <QueryError error={view.error} onRetry={() => view.refetch()} />}
      {v && (
        <div className="dashboard-root">
          <Typography.Paragraph type="secondary" className="dashboard-period-note" data-testid="dashboard-period-note">
            统计期间 {v.from} 至 {v.to}
            {v.until < v.to ? `（期间未结束，计至 ${v.until}）` : ''}
            ；点击任一数字或图形查看其统计的记录，悬停“?”查看口径。
          </Typography.Paragraph>
          <Card
            size="small"
            title={<DefinedTitle title="主要指标" definition="各指标的口径见各自的“?”" />}
            extra={
              <Button
                size="small"
                type="text"
                icon={<FileExcelOutlined />}
                onClick={() =>
                  api
                    .downloadGet('/dashboard/export', { ...q, table: 'figures' }, '主要指标.xlsx')
                    .catch((e: Error) => message.error(e.message))
                }
                data-testid="figures-xlsx"
              >
                {mobile ? '' : '导出'}
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
                <Typography.Text type="secondary">待接入：</Typography.Text>
                {slots.map((s) => (
                  <Tooltip key={s.key} title={`口径：${s.definition}`}>
                    <Tag data-testid={`slot-${s.key}`}>{s.label} 未接入</Tag>
                  </Tooltip>
                ))}
              </Flex>
            )}
          </Card>
          <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
            <Col xs={24} xl={16}>
              <FigureChart
                id="trend"
                title="月度趋势"
                definition={def('trend')}
                option={trendOption}
                links={(p) => {
                  const m = v.trend[p.dataIndex];
                  if (!m) return null;
                  return p.seriesIndex === 0 ? m.inspectionsLink : m.hazardsLink;
                }}
                table="trend"
                fileName="月度趋势"
                height={300}
                {...chartProps}
              />
            </Col>
            <Col xs={24} xl={8}>
              <FigureChart
                id="status"
                title="隐患整改状态"
                definition={def('byStatus')}
                option={donut(v.byStatus, '处', ['#f59e0b', '#1a56db', '#7c3aed', '#16a34a'])}
                links={pointLinks(v.byStatus)}
                table="byStatus"
                fileName="隐患按状态"
                empty={v.byStatus.every((p) => p.value === 0)}
                height={300}
                {...chartProps}
              />
            </Col>
            <Col xs={24} md={12} xl={8}>
              <FigureChart
                id="domain"
                title="隐患按领域"
                definition={def('byDomain')}
                option={donut(v.byDomain, '处')}
                links={pointLinks(v.byDomain)}
                table="byDomain"
                fileName="隐患按领域"
                empty={v.byDomain.length === 0}
                {...chartProps}
              />
            </Col>
            <Col xs={24} md={12} xl={8}>
              <FigureChart
                id="area"
                title="隐患按片区"
                definition={def('byArea')}
                option={bars(v.byArea, '处', false)}
                links={pointLinks(v.byArea)}
                table="byArea"
                fileName="隐患按片区"
                empty={v.byArea.length === 0}
                {...chartProps}
              />
            </Col>
            <Col xs={24} md={12} xl={8}>
              <FigureChart
                id="tag"
                title="隐患按重点监管标签"
                definition={def('byTag')}
                option={bars(v.byTag, '处', true)}
                links={pointLinks(v.byTag)}
                table="byTag"
                fileName="隐患按标签"
                empty={v.byTag.length === 0}
                {...chartProps}
              />
            </Col>
            <Col xs={24} md={12} xl={8}>
              <FigureChart
                id="risk"
                title="企业风险等级分布"
                definition={def('riskLevels')}
                option={donut(
                  v.riskLevels,
                  '家',
                  v.riskLevels.map((p) =>
                    p.key === 'none' ? '#94a3b8' : RISK_COLOUR_HEX[RISK_LEVEL_COLOURS[p.key as RiskLevel]],
                  ),
                )}
                links={pointLinks(v.riskLevels)}
                table="riskLevels"
                fileName="风险等级分布"
                {...chartProps}
              />
            </Col>
            <Col xs={24} md={12} xl={8}>
              <FigureChart
                id="credit"
                title="企业诚信等级"
                definition={def('creditGrades')}
                option={bars(v.creditGrades, '家', false, ['#16a34a', '#1a56db', '#f59e0b', '#dc2626'])}
                links={pointLinks(v.creditGrades)}
                table="creditGrades"
                fileName="诚信等级分布"
                {...chartProps}
              />
            </Col>
            <Col xs={24} md={12} xl={8}>
              <FigureChart
                id="coverage"
                title="检查覆盖"
                definition={def('coverage')}
                option={donut(v.coverage, '家', ['#dc2626', '#16a34a', '#1a56db'])}
                links={pointLinks(v.coverage)}
                table="coverage"
                fileName="检查覆盖"
                {...chartProps}
              />
            </Col>
            <Col xs={24} xl={12}>
              <RiskMapThumbnail />
            </Col>
            <Col xs={24} xl={12}>
              <Card
                size="small"
                title={<DefinedTitle title="重大事故隐患" definition={def('majors')} />}
                data-testid="dashboard-majors"
                extra={
                  <Button
                    size="small"
                    type="text"
                    icon={<FileExcelOutlined />}
                    onClick={() =>
                      api
                        .downloadGet('/dashboard/export', { ...q, table: 'majors' }, '重大事故隐患.xlsx')
                        .catch((e: Error) => message.error(e.message))
                    }
                    aria-label="重大事故隐患 导出 Excel"
                  />
                }
              >
                <Table
                  size="small"
                  rowKey="id"
                  pagination={false}
                  dataSource={v.majors}
                  scroll={{ x: 520 }}
                  locale={{ emptyText: '本期未发现重大事故隐患' }}
                  columns={[
                    {
                      title: '编号',
                      dataIndex: 'serial',
                      width: 150,
                      render: (s: string, m) => <Link to={m.link}>{s}</Link>,
                    },
                    { title: '企业', dataIndex: 'enterpriseName', ellipsis: true },
                    {
                      title: '状态',
                      dataIndex: 'status',
                      width: 110,
                      render: (s: keyof typeof STATUS_NAMES, m) => (
                        <Flex gap={4} wrap>
                          <Tag color={s === 'closed' ? 'green' : 'orange'}>{STATUS_NAMES[s] ?? s}</Tag>
                          {m.overdue && <Tag color="red">逾期</Tag>}
                        </Flex>
                      ),
                    },
                    { title: '整改期限', dataIndex: 'deadline', width: 100 },
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
  return (
    <Tooltip title={`口径：${f.definition}`} placement="bottom">
      <button
        type="button"
        className="figure-card"
        onClick={onOpen}
        disabled={!f.link}
        data-testid={`figure-${f.key}`}
        aria-label={`${f.label} ${value(f)}${f.unit === '%' ? '' : f.unit}，查看明细`}
      >
        <span className="figure-label">{f.label}</span>
        <span className="figure-value">
          <span data-testid={`figure-${f.key}-value`}>{value(f)}</span>
          {f.unit !== '%' && f.value !== null && <span className="figure-unit">{f.unit}</span>}
        </span>
      </button>
    </Tooltip>
  );
}

function donut(points: ChartPoint[], unit: string, colors?: string[]): EChartsOption {
  return {
    tooltip: { trigger: 'item', formatter: `{b}：{c} ${unit}（{d}%）` },
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
