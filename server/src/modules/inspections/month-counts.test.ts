// The inspection month rollup (migration 0047) against a COUNT(*) ground truth: after a seeded random sequence of
// writes — inspections recorded through the API (today and back-dated), raw SQL moving them to another day (within
// and across months), kind and enterprise, bulk inserts of back-dated records, bulk updates, updates touching no
// counted column, deletes — the rollup holds exactly what grouping the inspections by enterprise × month × kind gives
// (no row left at zero), and the figures read through it (inspections per enterprise, the distinct enterprises
// inspected, coverage's summary, page and export) equal the exact count for whole-month and partial-month periods.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clock } from '../../platform/clock';
import { rows } from '../../platform/db';
import { committeeActor } from '../../platform/period-figures';
import { figuresCacheOf } from '../../platform/read-cache';
import { type Client, createTestEnv, signedIn, type TestEnv } from '../../testing/harness';
import * as coverage from '../coverage/service';
import { randomInspectionWrites } from './random-writes.testkit';
import { counted, fromRollup, perEnterpriseSql, wholeMonths } from './repository';

let env: TestEnv;
let sup: Client;
let parkId: string;
let enterpriseIds: string[];

const db = () => env.database.db;

// Whole months, partial months at one or both ends, one day, within one month, across a year's end, and a leap day.
const PERIODS = [
  { from: '2026-01-01', to: '2026-06-30' },
  { from: '2025-12-01', to: '2026-11-30' },
  { from: '2025-12-15', to: '2026-11-23' },
  { from: '2025-11-24', to: '2026-11-23' },
  { from: '2026-05-27', to: '2026-11-23' },
  { from: '2026-03-01', to: '2026-03-31' },
  { from: '2026-03-02', to: '2026-03-30' },
  { from: '2026-11-23', to: '2026-11-23' },
  { from: '2025-02-01', to: '2025-02-28' },
  { from: '2024-02-29', to: '2024-03-31' },
  { from: '2000-01-01', to: '2099-12-31' },
];

async function expectRollupMatchesGroundTruth() {
  // The raw-SQL writes reach the figures cache by NOTIFY, on PostgreSQL a moment after their commit: dropped here so
  // the check reads the rollup itself (read-cache.test.ts tests the notification).
  figuresCacheOf(db())?.clear();
  const truth = await rows(
    db(),
    sql`select park_id, date_trunc('month', inspected_on)::date::text as month, kind, enterprise_id, count(*)::int as n
          from inspections group by 1, 2, 3, 4 order by 1, 2, 3, 4`,
  );
  expect(truth.length).toBeGreaterThan(0);
  const kept = await rows(
    db(),
    sql`select park_id, month::text as month, kind, enterprise_id, n
          from inspection_month_counts order by 1, 2, 3, 4`,
  );
  // Exactly the ground truth: no row at zero or below left behind.
  expect(kept).toEqual(truth);

  const actor = committeeActor(parkId);
  for (const period of PERIODS) {
    const label = JSON.stringify(period);
    // Inspections per enterprise (企业自查 aside, and every kind): the rollup's reading equals the count.
    for (const kinds of [[sql`kind <> 'selfInspection'`], []]) {
      const fast = await rows<{ enterprise_id: string; n: number }>(
        db(),
        sql`select enterprise_id, n from (${perEnterpriseSql(parkId, period, kinds)}) x order by 1`,
      );
      const exact = await rows<{ enterprise_id: string; n: number }>(
        db(),
        sql`select enterprise_id, count(*)::int as n from inspections
             where park_id = ${parkId} ${kinds.length ? sql`and kind <> 'selfInspection'` : sql``}
               and inspected_on between ${period.from} and ${period.to}
             group by 1 order by 1`,
      );
      expect(fast, label).toEqual(exact);
    }
    // The dashboard's figures (the distinct enterprises inspected among them) equal the list's scan.
    for (const filter of [{ supervisory: 'true' as const }, { supervisory: 'false' as const }, {}]) {
      const q = { ...period, ...filter };
      expect(await fromRollup(db(), actor, q), JSON.stringify(q)).toEqual(await counted(db(), actor, q));
    }
    if (period.from < '2020-01-01') continue;
    // Coverage: every row's inspections and last day equal the exact count over the enterprise's inspections, and
    // the summary, the page's summary and the dashboard's figure count the same rows.
    const exact = new Map(
      (
        await rows<{ id: string; n: number; last: string | null }>(
          db(),
          sql`select e.id, count(i.id)::int as n, max(i.inspected_on)::text as last
                from enterprises e
                left join inspections i on i.park_id = e.park_id and i.enterprise_id = e.id
                      and i.kind <> 'selfInspection' and i.inspected_on between ${period.from} and ${period.to}
               where e.park_id = ${parkId} and e.status <> 'cancelled'
               group by e.id`,
        )
      ).map((r) => [r.id, r]),
    );
    const exported = await coverageRows(period);
    expect(exported.length, label).toBe(exact.size);
    for (const r of exported) {
      expect({ n: r.inspections, last: r.lastInspectedOn }, label).toEqual({
        n: exact.get(r.enterpriseId)!.n,
        last: exact.get(r.enterpriseId)!.last,
      });
    }
    const { enterprisesInspected, ...summary } = await coverage.summary(db(), actor, period);
    // The park's enterprises with a supervisory inspection in the period (cancelled ones included), which the
    // dashboard takes from this statement, against a COUNT(DISTINCT) of the inspections.
    const [distinct] = await rows<{ n: number }>(
      db(),
      sql`select count(distinct enterprise_id)::int as n from inspections
           where park_id = ${parkId} and kind <> 'selfInspection' and inspected_on between ${period.from} and ${period.to}`,
    );
    expect(enterprisesInspected, label).toBe(distinct!.n);
    const page = await coverage.list(db(), actor, {
      ...period,
      page: 1,
      pageSize: 100,
      sort: 'gap',
      order: 'asc',
    });
    expect(page.summary, label).toEqual(summary);
    expect(summary.enterprises).toBe(exact.size);
    expect(summary.neverInspected, label).toBe([...exact.values()].filter((r) => r.n === 0).length);
    for (const status of ['uncovered', 'covered', 'over'] as const) {
      expect(summary[status], `${label} ${status}`).toBe(exported.filter((r) => r.status === status).length);
    }
    for (const r of page.items) {
      expect({ n: r.inspections, last: r.lastInspectedOn }, label).toEqual({
        n: exact.get(r.enterpriseId)!.n,
        last: exact.get(r.enterpriseId)!.last,
      });
    }
  }
}

/** Every row coverage's export would write (its repository's rows, with the service's period and rules). */
async function coverageRows(period: { from: string; to: string }) {
  const { all } = await import('../coverage/repository');
  const rules = await import('../credit/service');
  const actor = committeeActor(parkId);
  const r = await rules.rulesInForce(db(), parkId);
  const until = period.to < '2026-11-23' ? period.to : '2026-11-23';
  const counted = Math.round((Date.parse(until) - Date.parse(period.from)) / 86_400_000) + 1;
  const list = await all(
    db(),
    actor,
    { ...period, to: until },
    { frequency: r.frequency, baseGrade: await rules.baseGrade(db(), parkId), days: counted },
    1_000_000,
  );
  return list.map((x) => ({
    enterpriseId: x.enterprise_id,
    inspections: Number(x.inspections),
    lastInspectedOn: x.last_inspected_on,
    status: x.status,
  }));
}

beforeAll(async () => {
  clock.set(new Date('2026-11-23T02:00:00Z'));
  env = await createTestEnv();
  sup = await signedIn(env.app, 'supervisor');
  const [p] = await rows<{ park_id: string }>(db(), sql`select park_id from inspections limit 1`);
  parkId = p!.park_id;
  enterpriseIds = (
    await rows<{ id: string }>(db(), sql`select id from enterprises where park_id = ${parkId} order by name limit 6`)
  ).map((r) => r.id);
});
afterAll(async () => {
  clock.reset();
  await env?.close();
});

describe('wholeMonths', () => {
  it('splits a period into its whole months and the days outside them', () => {
    expect(wholeMonths('2026-01-01', '2026-06-30')).toEqual({ first: '2026-01-01', last: '2026-06-01', edges: [] });
    expect(wholeMonths('2025-12-15', '2026-11-23')).toEqual({
      first: '2026-01-01',
      last: '2026-10-01',
      edges: [
        ['2025-12-15', '2025-12-31'],
        ['2026-11-01', '2026-11-23'],
      ],
    });
    expect(wholeMonths('2024-02-01', '2024-02-29')).toEqual({ first: '2024-02-01', last: '2024-02-01', edges: [] });
    expect(wholeMonths('2026-03-02', '2026-03-30')).toBeNull();
    expect(wholeMonths('2026-03-02', '2026-04-29')).toBeNull();
    expect(wholeMonths('2026-03-31', '2026-05-01')).toEqual({
      first: '2026-04-01',
      last: '2026-04-01',
      edges: [
        ['2026-03-31', '2026-03-31'],
        ['2026-05-01', '2026-05-01'],
      ],
    });
  });
});

describe('inspection month rollup', () => {
  it('is back-filled by the migration and kept by the demo seed', async () => {
    await expectRollupMatchesGroundTruth();
  });

  it('equals a COUNT(*) ground truth after a random sequence of writes through the API and raw SQL', async () => {
    const backdated = await randomInspectionWrites({
      db: db(),
      sup,
      parkId,
      enterpriseIds,
      seed: 20261205,
      steps: 60,
      checkEvery: 20,
      check: expectRollupMatchesGroundTruth,
      today: '2026-11-23',
    });
    // The sequence recorded past days through the API (补录 of paper records).
    expect(backdated).toBeGreaterThan(0);
  });
});
