import type { EChartsOption } from 'echarts';

export interface Slice {
  name: string;
  value: number;
  color?: string;
}

export function donut(data: Slice[], unit: string): EChartsOption {
  return {
    tooltip: { trigger: 'item', formatter: `{b}：{c} ${unit}（{d}%）` },
    legend: { bottom: 0, icon: 'circle' },
    series: [
      {
        type: 'pie',
        radius: ['45%', '70%'],
        center: ['50%', '45%'],
        itemStyle: { borderColor: '#fff', borderWidth: 2 },
        label: { formatter: '{b}\n{c}' },
        data: data.map(({ name, value, color }) => ({ name, value, itemStyle: color ? { color } : undefined })),
      },
    ],
  };
}

/** Horizontal bars: category names are long Chinese labels, so they read best down the left side. */
export function horizontalBars(data: Slice[], seriesName: string): EChartsOption {
  const sorted = [...data].sort((a, b) => a.value - b.value);
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1, splitLine: { lineStyle: { type: 'dashed' } } },
    yAxis: { type: 'category', data: sorted.map((d) => d.name), axisTick: { show: false } },
    series: [
      {
        name: seriesName,
        type: 'bar',
        barMaxWidth: 16,
        data: sorted.map((d) => d.value),
        label: { show: true, position: 'right' },
        itemStyle: { borderRadius: [0, 3, 3, 0] },
      },
    ],
  };
}

export function verticalBars(data: Slice[], seriesName: string): EChartsOption {
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 8, top: 24, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: data.map((d) => d.name), axisTick: { show: false }, axisLabel: { interval: 0 } },
    yAxis: { type: 'value', minInterval: 1, splitLine: { lineStyle: { type: 'dashed' } } },
    series: [
      {
        name: seriesName,
        type: 'bar',
        barMaxWidth: 32,
        data: data.map((d) => d.value),
        label: { show: true, position: 'top' },
        itemStyle: { color: '#1a56db', borderRadius: [3, 3, 0, 0] },
      },
    ],
  };
}
