// The period picker's choices: the last months, quarters, half-years and years up to today, newest first.
import { type PeriodKind, periodOf } from '../../../../shared/src/dashboard';
import type { Lang } from '../../../../shared/src/labels';

export interface PeriodChoice {
  value: string;
  label: string;
  from: string;
  to: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

export function choices(kind: Exclude<PeriodKind, 'custom'>, today: string, lang: Lang = 'zh'): PeriodChoice[] {
  const out: PeriodChoice[] = [];
  const span = { month: 1, quarter: 3, half: 6, year: 12 }[kind];
  const count = { month: 24, quarter: 12, half: 6, year: 5 }[kind];
  let y = Number(today.slice(0, 4));
  let m = Number(today.slice(5, 7));
  for (let i = 0; i < count; i++) {
    const p = periodOf(kind, `${y}-${pad(m)}-01`);
    const first = Number(p.from.slice(5, 7));
    const label =
      lang === 'en'
        ? englishLabel(kind, y, first)
        : kind === 'month'
          ? `${y}年${first}月`
          : kind === 'quarter'
            ? `${y}年第${(first + 2) / 3}季度`
            : kind === 'half'
              ? `${y}年${first === 1 ? '上半年' : '下半年'}`
              : `${y}年`;
    out.push({ value: p.from, label, ...p });
    m -= span;
    while (m < 1) {
      m += 12;
      y -= 1;
    }
  }
  return out;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const englishLabel = (kind: Exclude<PeriodKind, 'custom'>, y: number, first: number) =>
  kind === 'month'
    ? `${MONTHS[first - 1]} ${y}`
    : kind === 'quarter'
      ? `Q${(first + 2) / 3} ${y}`
      : kind === 'half'
        ? `${first === 1 ? 'H1' : 'H2'} ${y}`
        : String(y);

/** Which kind a from–to pair is, if it is exactly one of the calendar periods. */
export function kindOf(from: string, to: string): PeriodKind {
  for (const k of ['month', 'quarter', 'half', 'year'] as const) {
    const p = periodOf(k, from);
    if (p.from === from && p.to === to) return k;
  }
  return 'custom';
}
