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
import { type Client, createTestEnv, signedIn, type TestEnv } from '../../testing/harness';
import * as coverage from '../coverage/service';
import { counted, fromRollup, perEnterpriseSql, wholeMonths } from './repository';

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
    const summary = await coverage.summary(db(), actor, period);
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
    const rand = prng(20261205);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
    const kinds = ['supervision', 'thirdParty', 'jointEnforcement', 'expertService', 'selfInspection'] as const;
    const created: string[] = [];
    let backdated = 0;
    for (let step = 0; step < 60; step++) {
      const op = Math.floor(rand() * 9);
      if (op <= 1 || created.length < 4) {
        // Through the API: today, or back-dated (补录 of a paper record) up to a year and a half back.
        const back = rand() < 0.6 ? Math.floor(rand() * 540) : 0;
        const day = new Date(Date.UTC(2026, 10, 23 - back)).toISOString().slice(0, 10);
        const res = await sup.post('/api/inspections', {
          enterpriseId: pick(enterpriseIds),
          inspectedOn: day,
          kind: pick(kinds.slice(0, 4)),
          externalInspectors: ['检查员甲'],
        });
        expect(res.statusCode, res.body).toBe(200);
        created.push((res.json() as { id: string }).id);
        if (back > 30) backdated += 1;
      } else if (op === 2) {
        // Raw SQL: the day moved, within its month or into another one (past or forward).
        await db().execute(
          sql`update inspections set inspected_on = inspected_on - ${Math.floor(rand() * 400) - 30}::int
               where id = ${pick(created)}`,
        );
      } else if (op === 3) {
        // Raw SQL: another kind (into and out of 企业自查).
        await db().execute(sql`update inspections set kind = ${pick(kinds)} where id = ${pick(created)}`);
      } else if (op === 4) {
        // Raw SQL: another enterprise, and at times another month in the same statement.
        await db().execute(
          sql`update inspections set enterprise_id = ${pick(enterpriseIds)},
                                     inspected_on = inspected_on - ${rand() < 0.5 ? 0 : 31}::int
               where id = ${pick(created)}`,
        );
      } else if (op === 5) {
        if (rand() < 0.5) {
          // One statement over many rows: every record of an enterprise a day earlier (some cross a month's start).
          await db().execute(
            sql`update inspections set inspected_on = inspected_on - 1
                 where park_id = ${parkId} and enterprise_id = ${pick(enterpriseIds)}`,
          );
        } else {
          // A bulk insert of back-filled history, several records in the same enterprise × month.
          const ids = await rows<{ id: string }>(
            db(),
            sql`insert into inspections (park_id, enterprise_id, inspected_on, kind, inspector_names)
                select ${parkId}, e.id, date '2026-11-23' - (g * 11 + ${step}), ${pick(kinds)}, array['甲']
                  from unnest(${sql.raw(`array[${enterpriseIds.map((id) => `'${id}'`).join(',')}]`)}::uuid[]) e(id),
                       generate_series(1, 4) g
                returning id`,
          );
          created.push(...ids.map((r) => r.id));
        }
      } else if (op === 6) {
        const id = created.splice(Math.floor(rand() * created.length), 1)[0]!;
        await db().execute(sql`delete from inspections where id = ${id}`);
      } else if (op === 7) {
        // Several rows deleted at once, some in the same enterprise × month.
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
        // An update touching no counted column changes nothing.
        await db().execute(
          sql`update inspections set summary = coalesce(summary, '') || '。' where id = ${pick(created)}`,
        );
      }
      if (step % 20 === 19) await expectRollupMatchesGroundTruth();
    }
    await expectRollupMatchesGroundTruth();
    expect(backdated).toBeGreaterThan(0);
  });
});
