import type { EChartsOption } from 'echarts';
import type { Completion } from '../../../../shared/src/survey';
import { percent } from './common';

export interface RateBar extends Completion {
  name: string;
}

// Completion reads as a traffic light: done, getting there, far behind.
const rateColour = (rate: number) => (rate >= 0.8 ? '#16a34a' : rate >= 0.5 ? '#f59e0b' : '#dc2626');

type Tooltip = (name: string, submitted: number, total: number, rate: string) => string;

function bars(data: RateBar[], seriesName: string, tooltip: Tooltip) {
  return {
    name: seriesName,
    type: 'bar' as const,
    data: data.map((d) => ({ value: Math.round(d.rate * 1000) / 10, itemStyle: { color: rateColour(d.rate) } })),
    tooltipOf: (i: number) => {
      const d = data[i]!;
      return tooltip(d.name, d.submitted, d.total, percent(d.rate));
    },
  };
}

/** Completion rate per area: one bar each, the percentage on top, submitted/total in the tooltip. */
export function areaRateBars(data: RateBar[], seriesName: string, tooltip: Tooltip): EChartsOption {
  const { tooltipOf, ...series } = bars(data, seriesName, tooltip);
  return {
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (p) => tooltipOf((Array.isArray(p) ? p[0] : p)?.dataIndex ?? 0),
    },
    grid: { left: 8, right: 8, top: 28, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: data.map((d) => d.name), axisTick: { show: false }, axisLabel: { interval: 0 } },
    yAxis: {
      type: 'value',
      max: 100,
      axisLabel: { formatter: '{value}%' },
      splitLine: { lineStyle: { type: 'dashed' } },
    },
    series: [
      {
        ...series,
        barMaxWidth: 32,
        label: { show: true, position: 'top', formatter: '{c}%' },
        itemStyle: { borderRadius: [3, 3, 0, 0] },
      },
    ],
  };
}

/** Completion rate per key-supervision tag, as horizontal bars (the tag names are long), with submitted/total. */
export function tagRateBars(
  data: RateBar[],
  seriesName: string,
  tooltip: Tooltip,
  count: (submitted: number, total: number) => string,
): EChartsOption {
  const { tooltipOf, ...series } = bars(data, seriesName, tooltip);
  return {
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (p) => tooltipOf((Array.isArray(p) ? p[0] : p)?.dataIndex ?? 0),
    },
    grid: { left: 8, right: 96, top: 8, bottom: 8, containLabel: true },
    xAxis: {
      type: 'value',
      max: 100,
      axisLabel: { formatter: '{value}%' },
      splitLine: { lineStyle: { type: 'dashed' } },
    },
    yAxis: { type: 'category', data: data.map((d) => d.name), axisTick: { show: false }, inverse: true },
    series: [
      {
        ...series,
        barMaxWidth: 14,
        label: {
          show: true,
          position: 'right',
          formatter: (p: { dataIndex: number }) => {
            const d = data[p.dataIndex]!;
            return `${percent(d.rate)} ${count(d.submitted, d.total)}`;
          },
        },
        itemStyle: { borderRadius: [0, 3, 3, 0] },
      },
    ],
  };
}
