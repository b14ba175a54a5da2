// The ledger's statistic strip (GET /api/hazards/counts, same conditions as the table): 总数, the four statuses,
// 逾期 in red and 挂牌督办. A figure, clicked, narrows the ledger to it.
import { useQuery } from '@tanstack/react-query';
import { Card, Statistic } from 'antd';
import { api } from '../../app/api';
import { type HazardCountsView, hazardKeys } from './common';
import type { LedgerFilters } from './HazardFilters';
import { useHazardText } from './text';

type Key = 'total' | 'assigned' | 'rectifying' | 'submitted' | 'closed' | 'overdue' | 'listed';

export function HazardStats({ filters, onPick }: { filters: LedgerFilters; onPick: (filters: LedgerFilters) => void }) {
  const { h } = useHazardText();
  const counts = useQuery({
    queryKey: hazardKeys.counts(filters),
    queryFn: () => api.get<HazardCountsView>('/hazards/counts', filters),
  });
  const c = counts.data;
  const byStatus = (s: string) => c?.byStatus.find((x) => x.key === s)?.count ?? 0;
  const major = c?.byGrade.find((x) => x.key === 'major')?.count ?? 0;
  const total = c?.total ?? 0;
  const rate = total ? `${((byStatus('closed') / total) * 100).toFixed(1)}%` : '—';
  const s = h.stats;
  const rest = Object.fromEntries(
    Object.entries(filters).filter(([k]) => k !== 'status' && k !== 'overdue' && k !== 'listed'),
  );

  const cards: { key: Key; value: number; note?: string; danger?: boolean; pick: LedgerFilters }[] = [
    { key: 'total', value: total, note: s.major(major), pick: rest },
    { key: 'assigned', value: byStatus('assigned'), pick: { ...rest, status: 'assigned' } },
    { key: 'rectifying', value: byStatus('rectifying'), pick: { ...rest, status: 'rectifying' } },
    { key: 'submitted', value: byStatus('submitted'), pick: { ...rest, status: 'submitted' } },
    { key: 'closed', value: byStatus('closed'), note: s.rate(rate), pick: { ...rest, status: 'closed' } },
    { key: 'overdue', value: c?.overdue ?? 0, danger: true, pick: { ...rest, overdue: 'true' } },
    { key: 'listed', value: c?.listed ?? 0, pick: { ...rest, listed: 'true' } },
  ];

  /** The figure the ledger is narrowed to now, shown as chosen. */
  const active = (key: Key) => {
    const { status, overdue, listed } = filters;
    if (key === 'overdue') return overdue === 'true' && !status && !listed;
    if (key === 'listed') return listed === 'true' && !status && !overdue;
    if (key === 'total') return !status && !overdue && !listed;
    return status === key && !overdue && !listed;
  };

  return (
    <div className="hazard-stats" data-testid="hazard-stats">
      {cards.map((card) => (
        <Card
          key={card.key}
          size="small"
          hoverable
          className={[
            'hazard-stat',
            card.danger && card.value > 0 ? 'hazard-stat-danger' : '',
            active(card.key) ? 'hazard-stat-active' : '',
          ].join(' ')}
          onClick={() => onPick(card.pick)}
          data-testid={`hazard-stat-${card.key}`}
        >
          <Statistic
            title={s[card.key]}
            value={card.value}
            loading={counts.isPending}
            styles={card.danger && card.value > 0 ? { content: { color: '#cf1322' } } : undefined}
          />
          {card.note && <div className="stat-note">{card.note}</div>}
        </Card>
      ))}
    </div>
  );
}
