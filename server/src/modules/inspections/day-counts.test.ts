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
import { type Client, createTestEnv, signedIn, type TestEnv } from '../../testing/harness';
import { counted, fromRollup, periodFigures } from './repository';

let env: TestEnv;
let sup: Client;
let parkId: string;
let enterpriseIds: string[];

/** Mulberry32: a seeded sequence, so a failure replays the same operations. */
function prng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const db = () => env.database.db;

async function expectRollupMatchesGroundTruth() {
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
    const rand = prng(20261204);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
    const kinds = ['supervision', 'thirdParty', 'jointEnforcement', 'expertService', 'selfInspection'] as const;
    const created: string[] = [];
    let backdated = 0;
    const names = (k: number) => Array.from({ length: k }, (_, i) => `检查员${i}`);
    for (let step = 0; step < 60; step++) {
      const op = Math.floor(rand() * 9);
      if (op <= 1 || created.length < 4) {
        // Through the API: today, or back-dated (补录 of a paper record) up to a year and a half back.
        const back = rand() < 0.5 ? Math.floor(rand() * 540) : 0;
        const day = new Date(Date.UTC(2026, 10, 23 - back)).toISOString().slice(0, 10);
        const res = await sup.post('/api/inspections', {
          enterpriseId: pick(enterpriseIds),
          inspectedOn: day,
          kind: pick(kinds.slice(0, 4)),
          externalInspectors: names(1 + Math.floor(rand() * 3)),
        });
        expect(res.statusCode, res.body).toBe(200);
        created.push((res.json() as { id: string }).id);
        if (back > 30) backdated += 1;
      } else if (op === 2) {
        // Raw SQL: the day corrected, into the past or forward.
        await db().execute(
          sql`update inspections set inspected_on = inspected_on - ${Math.floor(rand() * 400) - 30}::int
               where id = ${pick(created)}`,
        );
      } else if (op === 3) {
        // Raw SQL: kind and inspectors changed (人次 moves without 家次).
        await db().execute(
          sql`update inspections set kind = ${pick(kinds)},
                                     inspector_names = ${`{${names(Math.floor(rand() * 4)).join(',')}}`}::text[]
               where id = ${pick(created)}`,
        );
      } else if (op === 4) {
        // Raw SQL: another enterprise (no counted column of the rollup, but the distinct enterprises move).
        await db().execute(
          sql`update inspections set enterprise_id = ${pick(enterpriseIds)} where id = ${pick(created)}`,
        );
      } else if (op === 5) {
        // One statement over many rows, and a bulk insert of back-dated records.
        if (rand() < 0.5) {
          await db().execute(
            sql`update inspections set inspected_on = inspected_on - 1,
                                       inspector_names = inspector_names || '专家'::text
                 where park_id = ${parkId} and enterprise_id = ${pick(enterpriseIds)}`,
          );
        } else {
          const ids = await rows<{ id: string }>(
            db(),
            sql`insert into inspections (park_id, enterprise_id, inspected_on, kind, inspector_names)
                select ${parkId}, e.id, date '2026-11-23' - (g * 37 + ${step}), ${pick(kinds)}, array['甲', '乙']
                  from unnest(${sql.raw(`array[${enterpriseIds.map((id) => `'${id}'`).join(',')}]`)}::uuid[]) e(id),
                       generate_series(1, 3) g
                returning id`,
          );
          created.push(...ids.map((r) => r.id));
        }
      } else if (op === 6) {
        // Delete (nothing references the test's records).
        const id = created.splice(Math.floor(rand() * created.length), 1)[0]!;
        await db().execute(sql`delete from inspections where id = ${id}`);
      } else if (op === 7) {
        // Several rows deleted at once, some of them on the same day.
        await db().execute(
          sql`delete from inspections where id in (
                select id from inspections where park_id = ${parkId} and id = any(${sql.raw(
                  `array[${created.map((id) => `'${id}'`).join(',')}]`,
                )}::uuid[]) order by md5(id::text || ${String(step)}) limit 3)`,
        );
        const left = await rows<{ id: string }>(db(), sql`select id from inspections where park_id = ${parkId}`);
        const still = new Set(left.map((r) => r.id));
        created.splice(0, created.length, ...created.filter((id) => still.has(id)));
      } else {
        // An update touching no counted column changes no day count (and must not drift them).
        await db().execute(
          sql`update inspections set summary = coalesce(summary, '') || '。' where id = ${pick(created)}`,
        );
      }
      if (step % 10 === 9) await expectRollupMatchesGroundTruth();
    }
    await expectRollupMatchesGroundTruth();
    // The sequence recorded past days through the API (补录 of paper records).
    expect(backdated).toBeGreaterThan(0);
  });

  it('stays exact under concurrent writers (no deadlock between day rows)', async () => {
    const clients = await Promise.all(Array.from({ length: 4 }, () => signedIn(env.app, 'supervisor')));
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        clients[i % 4]!.post('/api/inspections', {
          enterpriseId: enterpriseIds[i % enterpriseIds.length],
          inspectedOn: i % 2 ? '2026-11-23' : '2026-03-0' + (1 + (i % 3)),
          kind: 'supervision',
          externalInspectors: ['并发检查员', `专家${i}`],
        }),
      ),
    );
    for (const r of results) expect(r.statusCode, r.body).toBe(200);
    await expectRollupMatchesGroundTruth();
  });
});
