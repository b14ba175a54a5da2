// The registry of assessment indicators (考核指标): each module that owns records registers the figures it can compute
// for a year (hazards: rectification rate, overdue, major hazards; survey; inspections; enforcement: penalties …), and
// the annual assessment asks the registry. A key nobody registered is 未接入 (shown so, never as zero), so a module
// built later (accidents, training, drills) only registers its provider: `registerIndicator('accidents', …)` in a file
// imported by app.ts.
import { type SQL, sql } from 'drizzle-orm';
import type { DashboardFigureKey } from '../../../shared/src/dashboard';
import type { IndicatorKey } from '../../../shared/src/responsibility';
import type { Actor } from './actor';
import { type Db, uuidArray } from './db';

export interface IndicatorQuery {
  parkId: string;
  year: number;
  /** The enterprises to compute for (parties that are not enterprises have no records of their own). */
  enterpriseIds: readonly string[];
  /**
   * The list covers (nearly) every enterprise of the park, as an assessment round's parties do: providers group over
   * the whole park instead of sending the ids (an id list of 100,000 made each figure a minute). Values of enterprises
   * outside the list are simply not read.
   */
  wholePark?: boolean;
  /** Shanghai date that bounds a year not yet over. */
  today: string;
  /**
   * Shared by the providers of one computation, so figures drawn from the same pass over the records (the hazard
   * ledger's four) run that pass once. `memo(q, key, compute)` uses it.
   */
  shared?: Map<string, Promise<unknown>>;
}

/** The result of `compute` shared by every provider of the same computation that asks for the same key. */
export function memo<T>(q: IndicatorQuery, key: string, compute: () => Promise<T>): Promise<T> {
  if (!q.shared) return compute();
  let p = q.shared.get(key) as Promise<T> | undefined;
  if (!p) {
    p = compute();
    q.shared.set(key, p);
  }
  return p;
}

/** The providers' enterprise filter: the id list, or nothing for a park-wide computation (`wholePark`). */
export function enterpriseIn(q: Pick<IndicatorQuery, 'enterpriseIds' | 'wholePark'>, column: string): SQL {
  return q.wholePark ? sql`true` : sql`${sql.raw(column)} = any(${uuidArray(q.enterpriseIds)})`;
}

export interface IndicatorValue {
  /** null: nothing to count (e.g. a rate of no hazards). */
  value: number | null;
  /** A console path listing the records counted. */
  link: string | null;
}

/** Computes the figure of every enterprise in the query at once (one query per indicator, not per enterprise). */
export type IndicatorProvider = (db: Db, q: IndicatorQuery) => Promise<Map<string, IndicatorValue>>;

const providers = new Map<IndicatorKey, IndicatorProvider>();

export function registerIndicator(key: IndicatorKey, provider: IndicatorProvider): void {
  providers.set(key, provider);
}

export const indicatorProvider = (key: IndicatorKey): IndicatorProvider | undefined => providers.get(key);

/** Tests: the state of a key whose module is not connected (every key has a provider now). Returns the provider. */
export function unregisterIndicator(key: IndicatorKey): IndicatorProvider | undefined {
  const p = providers.get(key);
  providers.delete(key);
  return p;
}

export const connectedIndicators = (): IndicatorKey[] => [...providers.keys()];

/** The year's bounds as Shanghai dates; `until` stops at today for a year not yet over. */
export function yearBounds(q: IndicatorQuery): { from: string; to: string; until: string } {
  const from = `${q.year}-01-01`;
  const to = `${q.year}-12-31`;
  return { from, to, until: q.today < to ? q.today : to };
}

// ------------------------------------------------------------------------------------------------ period figures
// The leaders' dashboard (issue 15) reads the figures of a period. The modules built so far are read through their
// services by the dashboard itself; the modules being built (training, publicity, meetings, drills, resumption,
// fire service) register a provider for their slot here (registerDashboardFigure; the period summary's park figures are
// platform/period-figures.ts), in a file imported by app.ts, and the dashboard shows it
// from then on (until then: 未接入, never zero).

export interface PeriodFigureQuery {
  from: string;
  /** The last day counted (today for a period not yet over). */
  until: string;
}

export type DashboardFigureProvider = (db: Db, actor: Actor, q: PeriodFigureQuery) => Promise<IndicatorValue>;

const periodProviders = new Map<DashboardFigureKey, DashboardFigureProvider>();

export function registerDashboardFigure(key: DashboardFigureKey, provider: DashboardFigureProvider): void {
  periodProviders.set(key, provider);
}

export const dashboardFigureProvider = (key: DashboardFigureKey): DashboardFigureProvider | undefined =>
  periodProviders.get(key);

export const connectedDashboardFigures = (): DashboardFigureKey[] => [...periodProviders.keys()];
