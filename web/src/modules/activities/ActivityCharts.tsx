// The period figures of 宣传活动 and 会议与学习 as one small bar chart each (GET /api/activities/figures, for the
// filtered dates or, without them, the current year), drawn with the console's ECharts wrapper (home/Chart.tsx).
// The figures are the committee's and its leaders' (the endpoint answers 403 to others), so others see no chart.
import { useQuery } from '@tanstack/react-query';
import { Card, Typography } from 'antd';
import { type ActivityFigures, MEETING_KINDS, PUBLICITY_KINDS } from '../../../../shared/src/activities';
import { MEETING_KIND_LABELS, PUBLICITY_KIND_LABELS } from '../../../../shared/src/labels';
import { api } from '../../app/api';
import { useMe } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { Chart } from '../home/Chart';
import { useActivitiesText } from './text';

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

/** 宣传活动 of the period by kind: activities (bars) and participants (in the tooltip). */
export function PublicityChart({ period }: { period: Period }) {
  const me = useMe();
  const { l } = useI18n();
  const { charts: t, common } = useActivitiesText();
  const figures = useFigures('publicity', period, seesFigures(me.role));
  const f = figures.data;
  if (!f) return null;
  const byKind = new Map(f.publicityByKind.map((k) => [k.kind, k]));
  const kinds = PUBLICITY_KINDS.filter((k) => byKind.has(k) || k !== 'other');
  return (
    <Card size="small" style={{ marginBottom: 16 }} title={t.publicityTitle(common.range(f.from, f.to))}>
      <div data-testid="publicity-chart">
        <Chart
          height={220}
          option={{
            tooltip: {
              trigger: 'axis',
              formatter: (ps) => {
                const p = (Array.isArray(ps) ? ps[0] : ps) as { dataIndex: number; name: string };
                const k = byKind.get(kinds[p.dataIndex]!);
                return t.publicityTooltip(p.name, k?.activities ?? 0, (k?.participants ?? 0).toLocaleString('zh-CN'));
              },
            },
            grid: { left: 40, right: 16, top: 24, bottom: 48 },
            xAxis: {
              type: 'category',
              data: kinds.map((k) => l(PUBLICITY_KIND_LABELS, k)),
              axisLabel: { interval: 0, rotate: 30 },
            },
            yAxis: { type: 'value', name: t.times, minInterval: 1 },
            series: [
              {
                type: 'bar',
                name: t.activities,
                barMaxWidth: 40,
                data: kinds.map((k) => byKind.get(k)?.activities ?? 0),
              },
            ],
          }}
        />
      </div>
      {f.materials.length > 0 && (
        <Typography.Text type="secondary" data-testid="publicity-chart-materials">
          {t.materials(
            f.materials
              .map((m) => `${m.kind} ${m.quantity.toLocaleString('zh-CN')}${m.unit}`)
              .join(common.listSeparator),
          )}
        </Typography.Text>
      )}
    </Card>
  );
}

/** 会议与学习 of the period by kind (bars), with the decisions' tasks done / open (of which overdue) below. */
export function MeetingsChart({ period }: { period: Period }) {
  const me = useMe();
  const { l } = useI18n();
  const { charts: c, common } = useActivitiesText();
  const figures = useFigures('meetings', period, seesFigures(me.role));
  const f = figures.data;
  if (!f) return null;
  const byKind = new Map(f.meetingsByKind.map((k) => [k.kind, k.meetings]));
  const t = f.tasks;
  return (
    <Card size="small" style={{ marginBottom: 16 }} title={c.meetingsTitle(common.range(f.from, f.to))}>
      <div data-testid="meetings-chart">
        <Chart
          height={200}
          option={{
            tooltip: { trigger: 'axis', valueFormatter: (v) => c.timesValue(v) },
            grid: { left: 40, right: 16, top: 24, bottom: 28 },
            xAxis: { type: 'category', data: MEETING_KINDS.map((k) => l(MEETING_KIND_LABELS, k)) },
            yAxis: { type: 'value', name: c.times, minInterval: 1 },
            series: [
              {
                type: 'bar',
                name: c.meetings,
                barMaxWidth: 48,
                data: MEETING_KINDS.map((k) => byKind.get(k) ?? 0),
              },
            ],
          }}
        />
      </div>
      <Typography.Text type="secondary" data-testid="meetings-chart-tasks">
        {c.tasks(t.total, t.done, t.open, t.overdue)}
      </Typography.Text>
    </Card>
  );
}
