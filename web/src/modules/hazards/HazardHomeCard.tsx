// 首页 · 隐患治理: the same counts as the ledger (GET /api/hazards/counts, within the user's scope) with 整改逾期 and
// 复查超时 apart, and the figures of a period by when things happened (GET /api/hazards/period-stats): found, closed,
// rectification rate, and the overdue states at the end of the period — a back-filled step counts on its own day.
import { useQuery } from '@tanstack/react-query';
import { Card, Col, Flex, Row, Segmented, Statistic, Tooltip, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { Link } from 'react-router-dom';
import type { z } from 'zod';
import type { HazardPeriodStats } from '../../../../shared/src/hazards';
import { api } from '../../app/api';
import { formatPercent } from '../../app/format';
import { type HazardCountsView, hazardKeys, parkToday } from './common';
import { useHazardSettings } from './RecheckSettings';
import { useRecordText } from './recordText';
import { useHazardText } from './text';

type Period = 'thisMonth' | 'firstHalf' | 'secondHalf' | 'thisYear';

function rangeOf(period: Period, today: string) {
  const year = today.slice(0, 4);
  if (period === 'thisMonth') return { from: `${today.slice(0, 7)}-01`, to: today };
  if (period === 'firstHalf') return { from: `${year}-01-01`, to: `${year}-06-30` };
  if (period === 'secondHalf') return { from: `${year}-07-01`, to: `${year}-12-31` };
  return { from: `${year}-01-01`, to: today };
}

export function HazardHomeCard() {
  const { r } = useRecordText();
  const { h } = useHazardText();
  const today = parkToday();
  const [period, setPeriod] = useState<Period>(() => (today.slice(5) <= '06-30' ? 'firstHalf' : 'secondHalf'));
  const range = rangeOf(period, today);
  const counts = useQuery({
    queryKey: hazardKeys.counts({}),
    queryFn: () => api.get<HazardCountsView>('/hazards/counts'),
  });
  const figures = useQuery({
    queryKey: ['hazards', 'period', range],
    queryFn: () => api.get<z.infer<typeof HazardPeriodStats>>('/hazards/period-stats', range),
  });
  const days = useHazardSettings().data?.recheckDays;
  const c = counts.data;
  const open = c ? c.total - (c.byStatus.find((s) => s.key === 'closed')?.count ?? 0) : 0;
  const major = c?.byGrade.find((g) => g.key === 'major')?.count ?? 0;
  const p = figures.data;
  const red = (n: number, colour = '#cf1322') => (n > 0 ? { content: { color: colour } } : undefined);
  const figure = (testId: string, node: ReactNode) => (
    <Col xs={12} md={8} xl={4} data-testid={testId}>
      {node}
    </Col>
  );

  return (
    <Card
      title={r.home.title}
      extra={<Link to="/hazards">{r.home.ledger}</Link>}
      data-testid="home-hazards"
      loading={counts.isPending}
    >
      <Row gutter={[16, 16]}>
        {figure('home-hazards-open', <Statistic title={r.home.open} value={open} />)}
        {figure('home-hazards-major', <Statistic title={r.home.major} value={major} styles={red(major)} />)}
        {figure(
          'home-hazards-overdue',
          <Tooltip title={r.overdue.rectificationHint}>
            <Link to="/hazards?overdue=true">
              <Statistic title={r.overdue.rectification} value={c?.overdue ?? 0} styles={red(c?.overdue ?? 0)} />
            </Link>
          </Tooltip>,
        )}
        {figure(
          'home-hazards-recheck-overdue',
          <Tooltip title={days ? r.overdue.recheckHint(days) : undefined}>
            <Link to="/hazards?recheckOverdue=true">
              <Statistic
                title={r.overdue.recheck}
                value={c?.recheckOverdue ?? 0}
                styles={red(c?.recheckOverdue ?? 0, '#722ed1')}
              />
            </Link>
          </Tooltip>,
        )}
      </Row>
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginTop: 20 }}>
        <Tooltip title={r.period.hint}>
          <Typography.Text strong>{r.period.title}</Typography.Text>
        </Tooltip>
        <Segmented<Period>
          size="small"
          value={period}
          onChange={setPeriod}
          options={(['thisMonth', 'firstHalf', 'secondHalf', 'thisYear'] as const).map((k) => ({
            value: k,
            label: r.period[k],
          }))}
          data-testid="home-period"
        />
      </Flex>
      <Typography.Text type="secondary" className="hazard-hint">
        {r.period.range}
        {h.misc.colon}
        {range.from} ~ {range.to}
      </Typography.Text>
      <Row gutter={[16, 16]} style={{ marginTop: 8 }} data-testid="home-period-figures">
        {figure('period-found', <Statistic title={r.period.found} value={p?.found ?? 0} loading={!p} />)}
        {figure('period-closed', <Statistic title={r.period.closed} value={p?.closed ?? 0} loading={!p} />)}
        {figure(
          'period-rate',
          <Tooltip title={p ? r.period.rateHint(p.foundClosed, p.found) : undefined}>
            <Statistic title={r.period.rate} value={formatPercent(p?.rectificationRate ?? 0)} loading={!p} />
          </Tooltip>,
        )}
        {figure(
          'period-overdue',
          <Statistic
            title={r.period.overdueAtEnd}
            value={p?.overdueAtEnd ?? 0}
            loading={!p}
            styles={red(p?.overdueAtEnd ?? 0)}
          />,
        )}
        {figure(
          'period-recheck-overdue',
          <Statistic
            title={r.period.recheckOverdueAtEnd}
            value={p?.recheckOverdueAtEnd ?? 0}
            loading={!p}
            styles={red(p?.recheckOverdueAtEnd ?? 0, '#722ed1')}
          />,
        )}
      </Row>
    </Card>
  );
}
