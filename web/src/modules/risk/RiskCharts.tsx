// 分布统计 of the four-colour map page: enterprises by effective level (a donut in the four colours, grey for 未评估)
// and each area's enterprises stacked by level, drawn with the console's ECharts set-up (no online resources).
import { useQuery } from '@tanstack/react-query';
import { Card, Col, Empty, Row } from 'antd';
import type { EChartsOption } from 'echarts';
import type { ReactNode } from 'react';
import { RISK_LEVELS, type RiskDistribution } from '../../../../shared/src/risk';
import { api } from '../../app/api';
import { Chart } from '../home/Chart';
import type { Slice } from '../home/charts';
import { riskKeys } from './common';
import { levelHex, RISK_LEVEL_LABELS } from './labels';
import { useRiskText } from './text';

const ALL = [...RISK_LEVELS, 'none'] as const;

/** A donut in the levels' colours: the count on each slice, the names in the legend (cards here are narrow). */
function levelDonut(data: Slice[], unit: string): EChartsOption {
  return {
    tooltip: { trigger: 'item', formatter: `{b}：{c} ${unit}（{d}%）` },
    legend: { bottom: 0, icon: 'circle', itemWidth: 10, itemGap: 12 },
    series: [
      {
        type: 'pie',
        radius: ['36%', '58%'],
        center: ['50%', '44%'],
        itemStyle: { borderColor: '#fff', borderWidth: 2 },
        label: { formatter: '{c}', fontWeight: 600 },
        labelLine: { length: 6, length2: 6 },
        // Empty levels stay out of the ring (a zero slice only adds a stray label).
        data: data.filter((d) => d.value > 0).map(({ name, value, color }) => ({ name, value, itemStyle: { color } })),
      },
    ],
  };
}

/** Park-wide (within the user's data scope): the map's filters do not narrow it. */
export function RiskCharts() {
  const { r, l } = useRiskText();
  const m = r.map;
  const data = useQuery({
    queryKey: riskKeys.distribution({}),
    queryFn: () => api.get<RiskDistribution>('/risk/distribution'),
  });
  const d = data.data;
  const byLevel = ALL.map((level) => ({
    name: l(RISK_LEVEL_LABELS, level),
    value: d?.byLevel.find((b) => b.level === level)?.count ?? 0,
    color: levelHex(level),
  }));
  const points = RISK_LEVELS.map((level) => ({
    name: l(RISK_LEVEL_LABELS, level),
    value: d?.pointsByLevel.find((b) => b.level === level)?.count ?? 0,
    color: levelHex(level),
  }));
  const areas = d?.byArea ?? [];
  const stacked: EChartsOption = {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { bottom: 0, icon: 'circle' },
    grid: { left: 8, right: 16, top: 16, bottom: 36, containLabel: true },
    xAxis: { type: 'category', data: areas.map((a) => a.area), axisTick: { show: false }, axisLabel: { interval: 0 } },
    yAxis: { type: 'value', minInterval: 1, splitLine: { lineStyle: { type: 'dashed' } } },
    series: ALL.map((level) => ({
      name: l(RISK_LEVEL_LABELS, level),
      type: 'bar',
      stack: 'level',
      barMaxWidth: 36,
      itemStyle: { color: levelHex(level) },
      emphasis: { focus: 'series' },
      data: areas.map((a) => a[level]),
    })),
  };
  const empty = !d || byLevel.every((s) => s.value === 0);

  return (
    <Row gutter={[16, 16]} data-testid="risk-charts">
      <Col xs={24} xl={8}>
        <ChartCard title={m.byLevel} empty={empty} testId="risk-chart-level">
          <Chart option={levelDonut(byLevel, m.unit)} height={300} />
        </ChartCard>
      </Col>
      <Col xs={24} xl={9}>
        <ChartCard title={m.byArea} empty={areas.length === 0} testId="risk-chart-area">
          <Chart option={stacked} height={300} />
        </ChartCard>
      </Col>
      <Col xs={24} xl={7}>
        <ChartCard title={m.pointsByLevel} empty={points.every((p) => p.value === 0)} testId="risk-chart-points">
          <Chart option={levelDonut(points, m.pointUnit)} height={300} />
        </ChartCard>
      </Col>
    </Row>
  );
}

function ChartCard({
  title,
  empty,
  testId,
  children,
}: {
  title: string;
  empty: boolean;
  testId: string;
  children: ReactNode;
}) {
  const { r } = useRiskText();
  return (
    <Card title={title} className="chart-card" data-testid={testId}>
      {empty ? <Empty description={r.map.noData} /> : children}
    </Card>
  );
}
