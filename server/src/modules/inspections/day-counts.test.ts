// The inspection day rollup (migration 0046) against a COUNT(*) ground truth: after a seeded random sequence of
// writes — inspections recorded through the API (today and back-dated), raw SQL moving their day (into the past and
// back), kind, inspectors and enterprise, bulk inserts and updates, updates touching no counted column, deletes,
// concurrent writers — the rollup holds exactly what grouping the inspections gives, and the period figures (家次,
// 人次, enterprises inspected, 家次 by month) read from it equal the list's scan for several periods and filters.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clock } from '../../platform/clock';
import { rows } from '../../platform/db';
import { committeeActor } from '../../platform/period-figures';
import { figuresCacheOf } from '../../platform/read-cache';
import { type Client, createTestEnv, signedIn, type TestEnv } from '../../testing/harness';
import { randomInspectionWrites } from './random-writes.testkit';
import { counted, fromRollup, periodFigures } from './repository';

let env: TestEnv;
let sup: Client;
let parkId: string;
let enterpriseIds: string[];

const db = () => env.database.db;

async function expectRollupMatchesGroundTruth() {
  // The raw-SQL writes reach the figures cache by NOTIFY, on PostgreSQL a moment after their commit: dropped here so
  // the check reads the rollup itself (read-cache.test.ts tests the notification).
  figuresCacheOf(db())?.clear();
  const truth = await rows(
    db(),
    sql`select park_id, inspected_on::text as day, kind, count(*)::int as n,
               sum(cardinality(inspector_ids) + cardinality(inspector_names))::int as inspectors
          from inspections group by 1, 2, 3 order by 1, 2, 3`,
  );
  expect(truth.length).toBeGreaterThan(0);
  const kept = await rows(
    db(),
    sql`select park_id, inspected_on::text as day, kind, n, inspectors
          from inspection_day_counts where n <> 0 or inspectors <> 0 order by 1, 2, 3`,
  );
  expect(kept).toEqual(truth);
  const [negative] = await rows<{ n: number }>(
    db(),
    sql`select count(*)::int as n from inspection_day_counts where n < 0 or inspectors < 0`,
  );
  expect(negative!.n).toBe(0);
  // The figures from the rollup are the scan's, whatever the period and the kind filter.
  const actor = committeeActor(parkId);
  for (const period of [
    { from: '2000-01-01', to: '2099-12-31' },
    { from: '2026-01-01', to: '2026-06-30' },
    { from: '2025-12-15', to: '2026-11-23' },
    { from: '2026-11-23', to: '2026-11-23' },
  ]) {
    for (const filter of [
      { supervisory: 'true' as const },
      { supervisory: 'false' as const },
      { kind: 'thirdParty' as const },
      {},
    ]) {
      const q = { ...period, ...filter };
      const label = JSON.stringify(q);
      const fast = await fromRollup(db(), actor, q);
      expect(fast, label).toEqual(await counted(db(), actor, q));
      // Park-wide roles take the rollup; the dashboard asks exactly this.
      expect(await periodFigures(db(), actor, q), label).toEqual(fast);
    }
  }
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

describe('inspection day rollup', () => {
  it('is back-filled by the migration and kept by the demo seed', async () => {
    await expectRollupMatchesGroundTruth();
  });

  it('equals a COUNT(*) ground truth after a random sequence of writes through the API and raw SQL', async () => {
    const backdated = await randomInspectionWrites({
      db: db(),
      sup,
      parkId,
      enterpriseIds,
      seed: 20261204,
      steps: 60,
      checkEvery: 10,
      check: expectRollupMatchesGroundTruth,
      today: '2026-11-23',
    });
    // The sequence recorded past days through the API (补录 of paper records).
    expect(backdated).toBeGreaterThan(0);
  });

  it('stays exact under concurrent writers (no deadlock between day rows)', async () => {
    const clients = await Promise.all(Array.from({ length: 4 }, () => signedIn(env.app, 'supervisor')));
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        clients[i % 4]!.post('/api/inspections', {
          enterpriseId: enterpriseIds[i % enterpriseIds.length],
          inspectedOn: i % 2 ? '2026-11-23' : `2026-03-0${1 + (i % 3)}`,
          kind: 'supervision',
          externalInspectors: ['并发检查员', `专家${i}`],
        }),
      ),
    );
    for (const r of results) expect(r.statusCode, r.body).toBe(200);
    await expectRollupMatchesGroundTruth();
  });
});
