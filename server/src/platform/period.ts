// A statistical period as the dashboard, coverage and (later) the period summary take it: checked against the
// server's clock (a period starting after today is refused, one running past today is counted up to today) and the
// actor's park (a park the user cannot see is refused by name, never answered with another park's figures).
import { periodDays } from '../../../shared/src/dashboard';
import { shanghaiToday } from '../../../shared/src/validators';
import type { Actor } from './actor';
import { now } from './clock';
import { AppError, unprocessable } from './errors';

export interface Period {
  from: string;
  to: string;
  /** The last day counted: to, or today for a period not yet over. */
  until: string;
  /** Days from `from` to `until`, both counted. */
  days: number;
}

export function resolvePeriod(actor: Actor, q: { from?: string; to?: string; parkId?: string }): Period {
  if (q.parkId && q.parkId !== actor.parkId) {
    throw new AppError(403, 'PARK_NOT_VISIBLE', '无权查看该园区的数据（统计园区）', { parkId: '无权查看该园区' });
  }
  const today = shanghaiToday(now());
  const from = q.from ?? `${today.slice(0, 4)}-01-01`;
  const to = q.to ?? (from > today ? from : today);
  if (to < from) {
    throw unprocessable('PERIOD_INVALID', '统计期间的结束日期不能早于开始日期', {
      to: '结束日期不能早于开始日期',
    });
  }
  if (from > today) {
    throw unprocessable('PERIOD_IN_FUTURE', `统计期间的开始日期不能晚于今天（${today}）`, {
      from: '开始日期不能晚于今天',
    });
  }
  const until = to < today ? to : today;
  return { from, to, until, days: periodDays(from, until) };
}
