// The leaders' dashboard (领导驾驶舱, issue 15): the figures of a period, each counted by the module that owns its
// records through that module's service — with the WHERE its list applies, so a figure and the list it opens show the
// same number — and each with its definition (口径) and the console address of the records counted. Slots of modules
// not built yet come from the period-figure registry (platform/indicators.ts) or stay 未接入.

import { CREDIT_GRADE_NAMES, CREDIT_GRADES, type CreditGrade } from '../../../../shared/src/credit';
import {
  CHART_DEFINITIONS,
  type ChartPoint,
  COVERAGE_STATUS_NAMES,
  DASHBOARD_FIGURE_KEYS,
  DASHBOARD_FIGURES,
  type DashboardFigure,
  type DashboardFigureKey,
  type DashboardView,
  type PeriodQuery,
} from '../../../../shared/src/dashboard';
import { ratePercent } from '../../../../shared/src/figures';
import { STATUS_NAMES } from '../../../../shared/src/hazards';
import { SUPERVISION_TAG_LABELS } from '../../../../shared/src/labels';
import { RISK_LEVEL_NAMES, RISK_LEVELS, type RiskLevel } from '../../../../shared/src/risk-levels';
import type { Actor } from '../../platform/actor';
import type { Db } from '../../platform/db';
import { dashboardFigureProvider, type IndicatorValue } from '../../platform/indicators';
import { type Period, resolvePeriod } from '../../platform/period';
import { assertCan, can } from '../../platform/permissions';
import { seesWholePark } from '../../platform/scope';
import * as coverage from '../coverage/service';
import * as enforcement from '../enforcement/service';
import * as enterprises from '../enterprises/service';
import * as hazards from '../hazards/service';
import * as inspections from '../inspections/service';
import * as letters from '../responsibility/letters';

const DOMAIN_NAMES: Record<string, string> = { production: '安全生产', fire: '消防安全', food: '食品安全' };
const BUILT = [
  'inspections',
  'inspectorVisits',
  'enterprisesInspected',
  'hazardsFound',
  'hazardsRectified',
  'rectificationRate',
  'hazardsOverdue',
  'hazardsMajor',
  'penalties',
  'coverageRate',
  'signingRate',
] as const satisfies readonly DashboardFigureKey[];

const qs = (params: Record<string, string | undefined>) =>
  Object.entries(params)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${k}=${encodeURIComponent(v!)}`)
    .join('&');

/** The console addresses of the lists a figure counts, with the period's filters. */
export const links = (p: Period) => ({
  hazards: (extra: Record<string, string> = {}) => `/hazards?${qs({ foundFrom: p.from, foundTo: p.until, ...extra })}`,
  inspections: (from = p.from, to = p.until) => `/inspections?${qs({ supervisory: 'true', from, to })}`,
  coverage: (status?: string) => `/coverage?${qs({ from: p.from, to: p.to, status })}`,
  enterprises: (extra: Record<string, string>) => `/enterprises?${qs(extra)}`,
  penalties: () => `/enforcement/penalties?${qs({ filedFrom: p.from, filedTo: p.until })}`,
});

/** Every month of the period (YYYY-MM), those with nothing recorded included. */
function monthsOf(p: Period): string[] {
  const out: string[] = [];
  let y = Number(p.from.slice(0, 4));
  let m = Number(p.from.slice(5, 7));
  const last = p.until.slice(0, 7);
  for (;;) {
    const key = `${y}-${String(m).padStart(2, '0')}`;
    out.push(key);
    if (key >= last) break;
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return out;
}

/** A month's bounds clipped to the period. */
function monthBounds(p: Period, month: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const end = `${month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
  const start = `${month}-01`;
  return { from: start < p.from ? p.from : start, to: end > p.until ? p.until : end };
}

async function signing(db: Db, actor: Actor, p: Period): Promise<IndicatorValue> {
  if (!can(actor, 'responsibility.overview')) return { value: null, link: null };
  const { rate } = await letters.signingTotals(db, actor, Number(p.until.slice(0, 4)));
  return { value: rate, link: '/responsibility/letters' };
}

export async function view(db: Db, actor: Actor, q: PeriodQuery): Promise<DashboardView> {
  assertCan(actor, 'dashboard.read');
  const p = resolvePeriod(actor, q);
  const period = { from: p.from, to: p.until };
  const l = links(p);
  // Concurrently: each figure is its own statement on its own pooled connection on PostgreSQL (the embedded database
  // runs them one after the other on its one connection, as before).
  // A park-wide role's enterprises inspected come with coverage's statement, which groups the period's inspections per
  // enterprise anyway (the inspections' one definition); a scoped role's are counted by the inspections' own query.
  const wholePark = seesWholePark(actor);
  const [h, i, dist, cov, penalties, sign] = await Promise.all([
    hazards.dashboardFigures(db, actor, period),
    inspections.periodFigures(db, actor, period, !wholePark),
    enterprises.distribution(db, actor),
    coverage.summary(db, actor, { from: p.from, to: p.to }),
    enforcement.listPenaltyCases(db, actor, {
      page: 1,
      pageSize: 1,
      sort: 'filedOn',
      order: 'desc',
      filedFrom: p.from,
      filedTo: p.until,
    }),
    signing(db, actor, p),
  ]);

  const values: Record<(typeof BUILT)[number], IndicatorValue> = {
    inspections: { value: i.inspections, link: l.inspections() },
    inspectorVisits: { value: i.inspectorVisits, link: l.inspections() },
    enterprisesInspected: { value: cov.enterprisesInspected ?? i.enterprises, link: l.inspections() },
    hazardsFound: { value: h.found, link: l.hazards() },
    hazardsRectified: { value: h.closed, link: l.hazards({ status: 'closed' }) },
    rectificationRate: { value: h.found ? ratePercent(h.closed, h.found) : null, link: l.hazards() },
    hazardsOverdue: { value: h.overdue, link: l.hazards({ overdue: 'true' }) },
    hazardsMajor: { value: h.major, link: l.hazards({ grade: 'major' }) },
    penalties: { value: penalties.total, link: l.penalties() },
    coverageRate: { value: cov.enterprises ? cov.coverageRate : null, link: l.coverage() },
    signingRate: sign,
  };
  const figures: DashboardFigure[] = await Promise.all(
    DASHBOARD_FIGURE_KEYS.map(async (key): Promise<DashboardFigure> => {
      const info = DASHBOARD_FIGURES[key];
      const built = (BUILT as readonly string[]).includes(key);
      const provider = built ? undefined : dashboardFigureProvider(key);
      const v = built
        ? values[key as (typeof BUILT)[number]]
        : provider
          ? await provider(db, actor, { from: p.from, until: p.until })
          : { value: null, link: null };
      return { key, ...info, value: v.value, link: v.link, connected: built || Boolean(provider) };
    }),
  );

  const hMonth = new Map(h.byMonth.map((m) => [m.key, m]));
  const iMonth = new Map(i.byMonth.map((m) => [m.key, m.n]));
  const trend = monthsOf(p).map((month) => {
    const b = monthBounds(p, month);
    return {
      month,
      inspections: iMonth.get(month) ?? 0,
      hazardsFound: hMonth.get(month)?.found ?? 0,
      hazardsRectified: hMonth.get(month)?.closed ?? 0,
      inspectionsLink: l.inspections(b.from, b.to),
      hazardsLink: `/hazards?${qs({ foundFrom: b.from, foundTo: b.to })}`,
    };
  });
  const point = (key: string, label: string, value: number, link: string | null): ChartPoint => ({
    key,
    label,
    value,
    link,
  });
  const byCount = (a: ChartPoint, b: ChartPoint) => b.value - a.value || a.label.localeCompare(b.label);
  const riskCount = new Map(dist.riskLevels.map((r) => [r.key, r.n]));
  const gradeCount = new Map(dist.creditGrades.map((g) => [g.key, g.n]));

  return {
    from: p.from,
    to: p.to,
    until: p.until,
    figures,
    trend,
    byDomain: h.byDomain
      .map((d) => point(d.key, DOMAIN_NAMES[d.key] ?? d.key, d.n, l.hazards({ domain: d.key })))
      .sort(byCount),
    byArea: h.byArea
      .map((a) => point(a.key ?? '', a.key ?? '未填写片区', a.n, a.key ? l.hazards({ area: a.key }) : null))
      .sort(byCount),
    byTag: h.byTag
      .map((t) => point(t.key, SUPERVISION_TAG_LABELS[t.key]?.zh ?? t.key, t.n, l.hazards({ tag: t.key })))
      .sort(byCount),
    byStatus: (['assigned', 'rectifying', 'submitted', 'closed'] as const).map((s) =>
      point(s, STATUS_NAMES[s], h.byStatus.find((x) => x.key === s)?.n ?? 0, l.hazards({ status: s })),
    ),
    riskLevels: [...RISK_LEVELS, 'none' as const].map((k) =>
      point(
        k,
        k === 'none' ? '未评定' : `${RISK_LEVEL_NAMES[k as RiskLevel]}风险`,
        riskCount.get(k) ?? 0,
        l.enterprises({ riskLevel: k }),
      ),
    ),
    creditGrades: CREDIT_GRADES.map((g) =>
      point(g, CREDIT_GRADE_NAMES[g as CreditGrade], gradeCount.get(g) ?? 0, l.enterprises({ creditGrade: g })),
    ),
    coverage: (['uncovered', 'covered', 'over'] as const).map((s) =>
      point(s, COVERAGE_STATUS_NAMES[s], cov[s], l.coverage(s)),
    ),
    majors: h.majors.map((m) => ({
      id: m.id,
      serial: m.serial,
      enterpriseName: m.enterprise_name,
      description: m.description,
      status: m.status,
      deadline: m.deadline,
      overdue: (m.status === 'assigned' || m.status === 'rectifying') && !!m.deadline && m.deadline < h.today,
      link: `/hazards?hazard=${m.id}`,
    })),
    majorsClosed: h.majorClosed,
    definitions: CHART_DEFINITIONS,
  };
}
