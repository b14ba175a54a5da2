// The statistical period of the dashboard and coverage pages: month / quarter / half-year / year / custom, kept in
// the address (?kind=&from=&to=) so a link or a reload shows the same period.
import { DatePicker, Flex, Segmented, Select } from 'antd';
import dayjs from 'dayjs';
import { useSearchParams } from 'react-router-dom';
import { PERIOD_KIND_NAMES, PERIOD_KINDS, type PeriodKind, periodOf } from '../../../../shared/src/dashboard';
import { choices, kindOf } from './period';

const today = () => dayjs().format('YYYY-MM-DD');

export interface PeriodState {
  from: string;
  to: string;
  kind: PeriodKind;
  set: (next: { from: string; to: string; kind: PeriodKind }) => void;
}

export function usePeriod(): PeriodState {
  const [params, setParams] = useSearchParams();
  const fallback = periodOf('year', today());
  const from = params.get('from') ?? fallback.from;
  const to = params.get('to') ?? fallback.to;
  const kind = (params.get('kind') as PeriodKind | null) ?? kindOf(from, to);
  const set = (next: { from: string; to: string; kind: PeriodKind }) =>
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

export function PeriodBar({ period, mobile }: { period: PeriodState; mobile: boolean }) {
  const q = { from: period.from, to: period.to };
  return (
    <Flex gap={8} wrap align="center" className="dashboard-period" data-testid="dashboard-period">
      <Segmented
        size={mobile ? 'small' : 'middle'}
        value={period.kind}
        options={PERIOD_KINDS.map((k) => ({ value: k, label: PERIOD_KIND_NAMES[k] }))}
        onChange={(k) => {
          const kind = k as PeriodKind;
          if (kind === 'custom') return period.set({ ...q, kind });
          period.set({ ...periodOf(kind, period.from), kind });
        }}
        data-testid="period-kind"
      />
      {period.kind === 'custom' ? (
        <DatePicker.RangePicker
          value={[dayjs(period.from), dayjs(period.to)]}
          allowClear={false}
          disabledDate={(d) => d.isAfter(dayjs(), 'day')}
          onChange={(r) => {
            if (r?.[0] && r[1]) {
              period.set({ kind: 'custom', from: r[0].format('YYYY-MM-DD'), to: r[1].format('YYYY-MM-DD') });
            }
          }}
          data-testid="period-range"
        />
      ) : (
        <Select
          style={{ width: 160 }}
          value={period.from}
          options={choices(period.kind, today()).map((c) => ({ value: c.from, label: c.label }))}
          onChange={(from: string) =>
            period.set({ ...periodOf(period.kind as Exclude<PeriodKind, 'custom'>, from), kind: period.kind })
          }
          data-testid="period-select"
        />
      )}
    </Flex>
  );
}
