// The period figures of 宣传活动 and 会议与学习 as one small bar chart each (GET /api/activities/figures, for the
// filtered dates or, without them, the current year), drawn with the console's ECharts wrapper (home/Chart.tsx).
// The figures are the committee's and its leaders' (the endpoint answers 403 to others), so others see no chart.
import { useQuery } from '@tanstack/react-query';
import { Card, Typography } from 'antd';
import {
  type ActivityFigures,
  MEETING_KIND_NAMES,
  MEETING_KINDS,
  PUBLICITY_KIND_NAMES,
  PUBLICITY_KINDS,
} from '../../../../shared/src/activities';
import { api } from '../../app/api';
import { useMe } from '../../app/auth';
import { Chart } from '../home/Chart';

type Period = { from?: string; to?: string };

const seesFigures = (role: string) => role === 'admin' || role === 'supervisor' || role === 'leader';

/** Keyed under the page's list (['publicity', …] / ['meetings', …]) so a save that refreshes the list refreshes it. */
function useFigures(page: 'publicity' | 'meetings', period: Period, enabled: boolean) {
  const query: Record<string, string> = {};
  if (period.from) query.from = period.from;
  if (period.to) query.to = period.to;
  return useQuery({
    queryKey: [page, 'figures', query],
    queryFn: () => api.get<ActivityFigures>('/activities/figures', query),
    enabled,
  });
}

const periodText = (f: ActivityFigures) => `${f.from} 至 ${f.to}`;

/** 宣传活动 of the period by kind: activities (bars) and participants (in the tooltip). */
export function PublicityChart({ period }: { period: Period }) {
  const me = useMe();
  const figures = useFigures('publicity', period, seesFigures(me.role));
  const f = figures.data;
  if (!f) return null;
  const byKind = new Map(f.publicityByKind.map((k) => [k.kind, k]));
  const kinds = PUBLICITY_KINDS.filter((k) => byKind.has(k) || k !== 'other');
  return (
    <Card size="small" style={{ marginBottom: 16 }} title={`各类宣传活动（${periodText(f)}）`}>
      <div data-testid="publicity-chart">
        <Chart
          height={220}
          option={{
            tooltip: {
              trigger: 'axis',
              formatter: (ps) => {
                const p = (Array.isArray(ps) ? ps[0] : ps) as { dataIndex: number; name: string };
                const k = byKind.get(kinds[p.dataIndex]!);
                return `${p.name}<br/>活动 ${k?.activities ?? 0} 次，参与 ${(k?.participants ?? 0).toLocaleString('zh-CN')} 人次`;
              },
            },
            grid: { left: 40, right: 16, top: 24, bottom: 48 },
            xAxis: {
              type: 'category',
              data: kinds.map((k) => PUBLICITY_KIND_NAMES[k]),
              axisLabel: { interval: 0, rotate: 30 },
            },
            yAxis: { type: 'value', name: '次', minInterval: 1 },
            series: [
              {
                type: 'bar',
                name: '活动次数',
                barMaxWidth: 40,
                data: kinds.map((k) => byKind.get(k)?.activities ?? 0),
              },
            ],
          }}
        />
      </div>
      {f.materials.length > 0 && (
        <Typography.Text type="secondary" data-testid="publicity-chart-materials">
          发放物资：{f.materials.map((m) => `${m.kind} ${m.quantity.toLocaleString('zh-CN')}${m.unit}`).join('、')}
        </Typography.Text>
      )}
    </Card>
  );
}

/** 会议与学习 of the period by kind (bars), with the decisions' tasks done / open (of which overdue) below. */
export function MeetingsChart({ period }: { period: Period }) {
  const me = useMe();
  const figures = useFigures('meetings', period, seesFigures(me.role));
  const f = figures.data;
  if (!f) return null;
  const byKind = new Map(f.meetingsByKind.map((k) => [k.kind, k.meetings]));
  const t = f.tasks;
  return (
    <Card size="small" style={{ marginBottom: 16 }} title={`各类会议（${periodText(f)}）`}>
      <div data-testid="meetings-chart">
        <Chart
          height={200}
          option={{
            tooltip: { trigger: 'axis', valueFormatter: (v) => `${v} 次` },
            grid: { left: 40, right: 16, top: 24, bottom: 28 },
            xAxis: { type: 'category', data: MEETING_KINDS.map((k) => MEETING_KIND_NAMES[k]) },
            yAxis: { type: 'value', name: '次', minInterval: 1 },
            series: [
              {
                type: 'bar',
                name: '会议次数',
                barMaxWidth: 48,
                data: MEETING_KINDS.map((k) => byKind.get(k) ?? 0),
              },
            ],
          }}
        />
      </div>
      <Typography.Text type="secondary" data-testid="meetings-chart-tasks">
        决定事项任务 {t.total} 项：已完成 {t.done} 项，未完成 {t.open} 项（其中逾期 {t.overdue} 项）
      </Typography.Text>
    </Card>
  );
}
