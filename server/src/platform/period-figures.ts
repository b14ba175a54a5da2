// The registry of a period's park figures (宣传活动按类型, 宣传物资, 专项资金按用途, 会议按类型, 决定事项完成/逾期 …),
// read by the activities figures endpoint now and by the period summary (工作总结) later. Like indicators.ts, each
// module that owns the records registers one shared query per figure in a file imported by app.ts, so a summary and
// a page never count the same thing two ways.
import type { Actor } from './actor';
import type { Db } from './db';

export interface PeriodQuery {
  parkId: string;
  /** Shanghai dates, both inclusive. */
  from: string;
  to: string;
}

export type PeriodFigureProvider<T = unknown> = (db: Db, q: PeriodQuery) => Promise<T>;

const providers = new Map<string, PeriodFigureProvider>();

export function registerPeriodFigure<T>(key: string, provider: PeriodFigureProvider<T>): void {
  providers.set(key, provider);
}

export const periodFigureKeys = (): string[] => [...providers.keys()];

/** The figure's value, or undefined when no module registered it (未接入, never shown as zero). */
export async function periodFigure<T>(db: Db, key: string, q: PeriodQuery): Promise<T | undefined> {
  const p = providers.get(key);
  return p ? ((await p(db, q)) as T) : undefined;
}

/**
 * The park-wide view a period figure counts with when its module's query takes an actor: the period summary is the
 * committee's document of the whole park, so its figures are the committee's (supervisor's) scope, never a
 * department's share. Only role and park are read by the scope helpers.
 */
export const committeeActor = (parkId: string): Actor => ({
  userId: '00000000-0000-0000-0000-000000000000',
  username: 'period-figures',
  displayName: '统计',
  role: 'supervisor',
  parkId,
  organisationId: '00000000-0000-0000-0000-000000000000',
  enterpriseId: null,
  mustChangePassword: false,
});
