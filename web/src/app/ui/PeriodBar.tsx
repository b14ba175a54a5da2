// The statistical period picker of the dashboard, coverage and work-summary pages: a kind (month / quarter / half-year
// / year / custom — each page offers its own subset), then one of the last periods of that kind or a date range. The
// period is kept in the address (?kind=&from=&to=) so a link or a reload shows the same period.
import { DatePicker, Flex, Segmented, Select } from 'antd';
import dayjs from 'dayjs';
import type { ReactNode } from 'react';
import { useSearchParams } from 'react-router-dom';
import { PERIOD_KINDS, type PeriodKind, periodOf } from '../../../../shared/src/dashboard';
import { PERIOD_KIND_LABELS } from '../../../../shared/src/labels';
import { useI18n } from '../i18n';
import { choices, kindOf } from './period';

const today = () => dayjs().format('YYYY-MM-DD');

export interface PeriodState<K extends PeriodKind = PeriodKind> {
  from: string;
  to: string;
  kind: K;
  set: (next: { from: string; to: string; kind: K }) => void;
}

/**
 * The period in the address. Without one, `fallback`'s period containing today; a from–to pair without its kind
 * takes the kind it exactly is (else custom). Changing the period leaves the list's page (?page=) out.
 */
export function usePeriod<K extends PeriodKind = PeriodKind>(
  opts: { kinds?: readonly K[]; fallback?: Exclude<K, 'custom'> } = {},
): PeriodState<K> {
  const kinds = (opts.kinds ?? PERIOD_KINDS) as readonly K[];
  const fallbackKind = opts.fallback ?? ('year' as Exclude<K, 'custom'>);
  const [params, setParams] = useSearchParams();
  const fallback = periodOf(fallbackKind, today());
  const from = params.get('from') ?? fallback.from;
  const to = params.get('to') ?? fallback.to;
  const asked = params.get('kind') as K | null;
  const derived = kindOf(from, to) as K;
  const kind = asked && kinds.includes(asked) ? asked : kinds.includes(derived) ? derived : ('custom' as K);
  const set = (next: { from: string; to: string; kind: K }) =>
    setParams(
      (current) => {
        const p = new URLSearchParams(current);
        p.set('kind', next.kind);
        p.set('from', next.from);
        p.set('to', next.to);
        p.delete('page');
        return p;
      },
      { replace: true },
    );
  return { from, to, kind, set };
}

export interface PeriodBarProps<K extends PeriodKind> {
  period: PeriodState<K>;
  mobile: boolean;
  /** The kinds offered, in order (all of PERIOD_KINDS by default), and their names (PERIOD_KIND_LABELS by default). */
  kinds?: readonly K[];
  names?: Record<K, string>;
  /** data-testid of the bar and its three controls (the dashboard's by default). */
  testIds?: { bar: string; kind: string; range: string; select: string };
  className?: string;
  /** Shown after the controls (the work summary shows the period's dates). */
  children?: ReactNode;
}

const DASHBOARD_TEST_IDS = {
  bar: 'dashboard-period',
  kind: 'period-kind',
  range: 'period-range',
  select: 'period-select',
};

export function PeriodBar<K extends PeriodKind = PeriodKind>({
  period,
  mobile,
  kinds = PERIOD_KINDS as readonly PeriodKind[] as readonly K[],
  names,
  testIds = DASHBOARD_TEST_IDS,
  className,
  children,
}: PeriodBarProps<K>) {
  const { lang, l } = useI18n();
  const q = { from: period.from, to: period.to };
  return (
    <Flex gap={8} wrap align="center" className={className} data-testid={testIds.bar}>
      <Segmented
        size={mobile ? 'small' : 'middle'}
        value={period.kind}
        options={kinds.map((k) => ({ value: k, label: names?.[k] ?? l(PERIOD_KIND_LABELS, k) }))}
        onChange={(k) => {
          const kind = k as K;
          if (kind === 'custom') return period.set({ ...q, kind });
          period.set({ ...periodOf(kind as Exclude<PeriodKind, 'custom'>, period.from), kind });
        }}
        data-testid={testIds.kind}
      />
      {period.kind === 'custom' ? (
        <DatePicker.RangePicker
          value={[dayjs(period.from), dayjs(period.to)]}
          allowClear={false}
          disabledDate={(d) => d.isAfter(dayjs(), 'day')}
          onChange={(r) => {
            if (r?.[0] && r[1]) {
              period.set({ kind: 'custom' as K, from: r[0].format('YYYY-MM-DD'), to: r[1].format('YYYY-MM-DD') });
            }
          }}
          data-testid={testIds.range}
        />
      ) : (
        <Select
          style={{ width: 160 }}
          value={period.from}
          options={choices(period.kind as Exclude<PeriodKind, 'custom'>, today(), lang).map((c) => ({
            value: c.from,
            label: c.label,
          }))}
          onChange={(from: string) =>
            period.set({ ...periodOf(period.kind as Exclude<PeriodKind, 'custom'>, from), kind: period.kind })
          }
          data-testid={testIds.select}
        />
      )}
      {children}
    </Flex>
  );
}
