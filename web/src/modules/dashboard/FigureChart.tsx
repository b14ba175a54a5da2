// A chart card of the dashboard: title with its definition (口径) on hover, PNG download of the chart and Excel of its
// table, and a click on a bar or slice opening the records it counts. ECharts is imported here only, so it loads with
// this page (and the home page), never with the sign-in page (vite.config.ts puts echarts in its own chunk).
import { DownloadOutlined, FileExcelOutlined, QuestionCircleOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Space, Tooltip } from 'antd';
import type { EChartsOption } from 'echarts';
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { type ReactNode, useRef } from 'react';
import { useNavigate } from 'react-router-dom';
import type { DashboardTable } from '../../../../shared/src/dashboard';
import { api } from '../../app/api';
import { useDashboardText } from './text';

echarts.use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

const PALETTE = ['#1a56db', '#16a34a', '#f59e0b', '#dc2626', '#7c3aed', '#0891b2', '#db2777', '#65a30d'];
const textStyle = { fontFamily: "'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', sans-serif" };

export function FigureChart({
  id,
  title,
  definition,
  option,
  links,
  table,
  period,
  height = 280,
  empty,
  fileName,
}: {
  id: string;
  title: string;
  definition: string;
  option: EChartsOption;
  /** The records of each data point, by its index in the first series (or its name for pies). */
  links?: (params: { dataIndex: number; seriesIndex?: number }) => string | null;
  table: DashboardTable;
  period: { from: string; to: string };
  height?: number;
  empty?: boolean;
  fileName: string;
}) {
  const chart = useRef<ReactEChartsCore>(null);
  const navigate = useNavigate();
  const { message } = App.useApp();
  const t = useDashboardText();
  const png = () => {
    const instance = chart.current?.getEchartsInstance();
    if (!instance) return;
    const url = instance.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#fff' });
    const a = document.createElement('a');
    a.href = url;
    a.download = `${fileName}_${period.from}_${period.to}.png`;
    document.body.append(a);
    a.click();
    a.remove();
  };
  const excel = () =>
    api
      .downloadGet('/dashboard/export', { ...period, table }, `${fileName}.xlsx`)
      .catch((e: Error) => message.error(e.message));
  return (
    <Card
      size="small"
      className="dashboard-chart"
      data-testid={`chart-${id}`}
      title={<DefinedTitle title={title} definition={definition} />}
      extra={
        <Space size={0}>
          <Tooltip title={t.png}>
            <Button
              type="text"
              size="small"
              icon={<DownloadOutlined />}
              onClick={png}
              disabled={empty}
              aria-label={t.pngAria(title)}
              data-testid={`chart-${id}-png`}
            />
          </Tooltip>
          <Tooltip title={t.excel}>
            <Button
              type="text"
              size="small"
              icon={<FileExcelOutlined />}
              onClick={excel}
              aria-label={t.excelAria(title)}
              data-testid={`chart-${id}-xlsx`}
            />
          </Tooltip>
        </Space>
      }
    >
      {empty ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t.noRecords} style={{ height: height - 40 }} />
      ) : (
        <ReactEChartsCore
          ref={chart}
          echarts={echarts}
          option={{ color: PALETTE, textStyle, ...option }}
          style={{ height, cursor: links ? 'pointer' : undefined }}
          notMerge
          onEvents={
            links
              ? {
                  click: (p: { dataIndex: number; seriesIndex?: number }) => {
                    const to = links(p);
                    if (to) navigate(to);
                  },
                }
              : undefined
          }
        />
      )}
    </Card>
  );
}

export function DefinedTitle({ title, definition, extra }: { title: string; definition: string; extra?: ReactNode }) {
  const t = useDashboardText();
  return (
    <Space size={4}>
      <span>{title}</span>
      <Tooltip title={t.definition(definition)}>
        <QuestionCircleOutlined className="figure-help" aria-label={t.definitionOf(title)} />
      </Tooltip>
      {extra}
    </Space>
  );
}
