// Test support (imported by the rollup tests only): a seeded random sequence of writes to inspections — through the
// API (today and back-dated 补录), raw SQL moving the day (within and across months, past and forward), kind and
// inspectors, enterprise (at times with the month in the same statement), bulk updates and back-filled bulk inserts,
// deletes single and several, updates touching no counted column — so each rollup's triggers meet every write path.
// The day rollup (0046) and the month rollup (0047) run the same sequence with their own seeds and ground truths.

import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import { type Db, rows } from '../../platform/db';
import type { Client } from '../../testing/harness';
import { prng } from '../../testing/prng';

const KINDS = ['supervision', 'thirdParty', 'jointEnforcement', 'expertService', 'selfInspection'] as const;
const uuidArray = (ids: readonly string[]) => sql.raw(`array[${ids.map((id) => `'${id}'`).join(',')}]::uuid[]`);

export interface RandomWrites {
  db: Db;
  /** A supervisor's client (the API writes). */
  sup: Client;
  parkId: string;
  enterpriseIds: readonly string[];
  seed: number;
  steps: number;
  /** Runs every `checkEvery` steps and once at the end. */
  checkEvery: number;
  check: () => Promise<void>;
  /** "Today" of the test's fixed clock, as YYYY-MM-DD. */
  today: string;
}

/** Runs the sequence; returns how many records the API took back-dated by more than 30 days. */
export async function randomInspectionWrites(o: RandomWrites): Promise<number> {
  const rand = prng(o.seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const names = (k: number) => Array.from({ length: k }, (_, i) => `检查员${i}`);
  const todayMs = Date.parse(`${o.today}T00:00:00Z`);
  const created: string[] = [];
  let backdated = 0;
  for (let step = 0; step < o.steps; step++) {
    const op = Math.floor(rand() * 9);
    if (op <= 1 || created.length < 4) {
      // Through the API: today, or back-dated (补录 of a paper record) up to a year and a half back.
      const back = rand() < 0.55 ? Math.floor(rand() * 540) : 0;
      const res = await o.sup.post('/api/inspections', {
        enterpriseId: pick(o.enterpriseIds),
        inspectedOn: new Date(todayMs - back * 86_400_000).toISOString().slice(0, 10),
        kind: pick(KINDS.slice(0, 4)),
        externalInspectors: names(1 + Math.floor(rand() * 3)),
      });
      expect(res.statusCode, res.body).toBe(200);
      created.push((res.json() as { id: string }).id);
      if (back > 30) backdated += 1;
    } else if (op === 2) {
      // Raw SQL: the day moved, within its month or into another one, into the past or forward.
      await o.db.execute(
        sql`update inspections set inspected_on = inspected_on - ${Math.floor(rand() * 400) - 30}::int
             where id = ${pick(created)}`,
      );
    } else if (op === 3) {
      // Raw SQL: kind (into and out of 企业自查) and inspectors (人次 moves without 家次).
      await o.db.execute(
        sql`update inspections set kind = ${pick(KINDS)},
                                   inspector_names = ${`{${names(Math.floor(rand() * 4)).join(',')}}`}::text[]
             where id = ${pick(created)}`,
      );
    } else if (op === 4) {
      // Raw SQL: another enterprise, and at times another month in the same statement.
      await o.db.execute(
        sql`update inspections set enterprise_id = ${pick(o.enterpriseIds)},
                                   inspected_on = inspected_on - ${rand() < 0.5 ? 0 : 31}::int
             where id = ${pick(created)}`,
      );
    } else if (op === 5) {
      if (rand() < 0.5) {
        // One statement over many rows: every record of an enterprise a day earlier (some cross a month's start).
        await o.db.execute(
          sql`update inspections set inspected_on = inspected_on - 1,
                                     inspector_names = inspector_names || '专家'::text
               where park_id = ${o.parkId} and enterprise_id = ${pick(o.enterpriseIds)}`,
        );
      } else {
        // A bulk insert of back-filled history, several records in the same enterprise × month.
        const ids = await rows<{ id: string }>(
          o.db,
          sql`insert into inspections (park_id, enterprise_id, inspected_on, kind, inspector_names)
              select ${o.parkId}, e.id, ${o.today}::date - (g * 11 + ${step}), ${pick(KINDS)}, array['甲', '乙']
                from unnest(${uuidArray(o.enterpriseIds)}) e(id), generate_series(1, 4) g
              returning id`,
        );
        created.push(...ids.map((r) => r.id));
      }
    } else if (op === 6) {
      // Delete (nothing references the test's records).
      const id = created.splice(Math.floor(rand() * created.length), 1)[0]!;
      await o.db.execute(sql`delete from inspections where id = ${id}`);
    } else if (op === 7) {
      // Several rows deleted at once, some on the same day or in the same enterprise × month.
      await o.db.execute(
        sql`delete from inspections where id in (
              select id from inspections where park_id = ${o.parkId} and id = any(${uuidArray(created)})
               order by md5(id::text || ${String(step)}) limit 3)`,
      );
      const left = await rows<{ id: string }>(o.db, sql`select id from inspections where park_id = ${o.parkId}`);
      const still = new Set(left.map((r) => r.id));
      created.splice(0, created.length, ...created.filter((id) => still.has(id)));
    } else {
      // An update touching no counted column changes nothing (and must not drift the counts).
      await o.db.execute(
        sql`update inspections set summary = coalesce(summary, '') || '。' where id = ${pick(created)}`,
      );
    }
    if (step % o.checkEvery === o.checkEvery - 1) await o.check();
  }
  await o.check();
  return backdated;
}
