import type { EChartsOption } from 'echarts';
import { BarChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';

// Only the pieces the dashboards use, so the console does not ship all of ECharts.
echarts.use([BarChart, PieChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

const PALETTE = ['#1a56db', '#16a34a', '#f59e0b', '#dc2626', '#7c3aed', '#0891b2', '#db2777', '#65a30d'];

// Canvas text does not inherit the page's CSS fonts.
const textStyle = { fontFamily: "'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', sans-serif" };

export function Chart({ option, height = 300 }: { option: EChartsOption; height?: number }) {
  return (
    <ReactEChartsCore echarts={echarts} option={{ color: PALETTE, textStyle, ...option }} style={{ height }} notMerge />
  );
}
