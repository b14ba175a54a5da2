// The ledger's statistic strip (GET /api/hazards/counts, same conditions as the table): 总数, the four statuses,
// 整改逾期 (the enterprise's) in red and 复查超时 (the office's) in purple, counted apart, and 挂牌督办. A figure,
// clicked, narrows the ledger to it.
import { useQuery } from '@tanstack/react-query';
import { Card, Statistic } from 'antd';
import { api } from '../../app/api';
import { formatShare } from '../../app/format';
import { type HazardCountsView, hazardKeys } from './common';
import type { LedgerFilters } from './HazardFilters';
import { useHazardText } from './text';

type Key = 'total' | 'assigned' | 'rectifying' | 'submitted' | 'closed' | 'overdue' | 'recheckOverdue' | 'listed';
const MARKS = ['status', 'overdue', 'recheckOverdue', 'listed'] as const;

export function HazardStats({ filters, onPick }: { filters: LedgerFilters; onPick: (filters: LedgerFilters) => void }) {
  const { h } = useHazardText();
  const counts = useQuery({
    queryKey: hazardKeys.counts(filters),
    queryFn: () => api.get<HazardCountsView>('/hazards/counts', filters),
    // Fresh on every visit: the home page reads the same counts, and a figure older than the rows beside it misleads.
    staleTime: 0,
  });
  const c = counts.data;
  const byStatus = (s: string) => c?.byStatus.find((x) => x.key === s)?.count ?? 0;
  const major = c?.byGrade.find((x) => x.key === 'major')?.count ?? 0;
  const total = c?.total ?? 0;
  const rate = formatShare(byStatus('closed'), total);
  const s = h.stats;
  const rest = Object.fromEntries(Object.entries(filters).filter(([k]) => !(MARKS as readonly string[]).includes(k)));

  const cards: { key: Key; value: number; note?: string; danger?: boolean; color?: string; pick: LedgerFilters }[] = [
    { key: 'total', value: total, note: s.major(major), pick: rest },
    { key: 'assigned', value: byStatus('assigned'), pick: { ...rest, status: 'assigned' } },
    { key: 'rectifying', value: byStatus('rectifying'), pick: { ...rest, status: 'rectifying' } },
    { key: 'submitted', value: byStatus('submitted'), pick: { ...rest, status: 'submitted' } },
    { key: 'closed', value: byStatus('closed'), note: s.rate(rate), pick: { ...rest, status: 'closed' } },
    { key: 'overdue', value: c?.overdue ?? 0, danger: true, pick: { ...rest, overdue: 'true' } },
    {
      key: 'recheckOverdue',
      value: c?.recheckOverdue ?? 0,
      danger: true,
      color: '#722ed1',
      pick: { ...rest, recheckOverdue: 'true' },
    },
    { key: 'listed', value: c?.listed ?? 0, pick: { ...rest, listed: 'true' } },
  ];

  /** The figure the ledger is narrowed to now, shown as chosen. */
  const active = (key: Key) => {
    const on = MARKS.filter((m) => filters[m]);
    if (key === 'overdue' || key === 'recheckOverdue' || key === 'listed') {
      return filters[key] === 'true' && on.length === 1;
    }
    if (key === 'total') return on.length === 0;
    return filters.status === key && on.length === 1;
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
            styles={card.danger && card.value > 0 ? { content: { color: card.color ?? '#cf1322' } } : undefined}
          />
          {card.note && <div className="stat-note">{card.note}</div>}
        </Card>
      ))}
    </div>
  );
}
