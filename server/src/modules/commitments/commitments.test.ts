// Safety commitments: who must post (by tags), posting once per period, a future day refused naming the field, the
// missing list, and a missed period becoming a credit event only after its grace period (taken back by a late post).
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommitmentTypeView } from '../../../../shared/src/commitments';
import type { CreditDetail } from '../../../../shared/src/credit';
import { clock } from '../../platform/clock';
import { rows } from '../../platform/db';
import { type Client, createTestEnv, signedIn, type TestEnv } from '../../testing/harness';
import { recomputePark } from '../credit/service';

let env: TestEnv;
let sup: Client;
let ent2: Client;
let ent2Id: string;
let daily: CommitmentTypeView;
type Err = { error: { code: string; fields?: Record<string, string> } };

beforeAll(async () => {
  clock.set(new Date('2026-11-23T02:00:00Z'));
  env = await createTestEnv();
  sup = await signedIn(env.app, 'supervisor');
  // enterprise2 is a hazardous-chemical enterprise of the demo: it commits daily.
  ent2 = await signedIn(env.app, 'enterprise2');
  ent2Id = ((await ent2.get('/api/auth/session')).json() as { me: { enterpriseId: string } }).me.enterpriseId;
  const types = (await sup.get('/api/commitments/types')).json() as CommitmentTypeView[];
  daily = types.find((t) => t.code === 'dailyHazardousChemicals')!;
});
afterAll(async () => {
  clock.reset();
  await env?.close();
});

const post = (c: Client, periodDate: string) =>
  c.post('/api/commitments', {
    typeId: daily.id,
    periodDate,
    review: daily.reviewItems.map((item, i) => ({
      item,
      ok: i !== 2,
      note: i === 2 ? '动火作业监护人临时离岗，已纠正' : null,
    })),
    commitmentText: daily.commitmentTemplate,
    committedBy: '王总',
  });

const missedOf = async (day: string) =>
  ((await sup.get(`/api/credit/enterprises/${ent2Id}`)).json() as CreditDetail).events.filter(
    (e) => e.kind === 'commitmentMissed' && e.sourceLabel.includes(day),
  );

describe('commitments', () => {
  it('the demo leaves today missing for some, enterprise2 among them; it posts once, a future day is refused', async () => {
    const status = (await sup.get(`/api/commitments/status?typeId=${daily.id}`)).json() as {
      required: number;
      missing: number;
      items: { enterpriseId: string; commitmentId: string | null }[];
    };
    expect(status.required).toBeGreaterThan(5);
    expect(status.missing).toBeGreaterThan(0);
    expect(status.items.find((i) => i.enterpriseId === ent2Id)?.commitmentId).toBeNull();

    const future = await post(ent2, '2026-11-24');
    expect(future.statusCode).toBe(422);
    expect((future.json() as Err).error.fields).toHaveProperty('periodDate');
    const ok = await post(ent2, '2026-11-23');
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ enterpriseId: ent2Id, periodStart: '2026-11-23', late: false });
    const again = await post(ent2, '2026-11-23');
    expect(again.statusCode).toBe(409);
    const missingOnly = (await sup.get(`/api/commitments/status?typeId=${daily.id}&missingOnly=true`)).json() as {
      items: { enterpriseId: string }[];
    };
    expect(missingOnly.items.map((i) => i.enterpriseId)).not.toContain(ent2Id);
    // A monthly-type enterprise is not in the daily type's range.
    const ent1 = await signedIn(env.app, 'enterprise1');
    expect((await post(ent1, '2026-11-23')).statusCode).toBe(422);
  });

  it('a missed day counts against credit only after the grace period, and a late post takes it back', async () => {
    // 11-24 not posted: on 11-25 it is still within its one grace day; on 11-26 it counts.
    // Days later the sessions have timed out: sign in again, as people would.
    clock.set(new Date('2026-11-25T02:00:00Z'));
    sup = await signedIn(env.app, 'supervisor');
    ent2 = await signedIn(env.app, 'enterprise2');
    await recomputePark(
      env.database.db,
      (await rows<{ park_id: string }>(env.database.db, sql`select park_id from enterprises where id = ${ent2Id}`))[0]!
        .park_id,
    );
    expect(await missedOf('2026-11-24')).toHaveLength(0);
    clock.set(new Date('2026-11-26T02:00:00Z'));
    sup = await signedIn(env.app, 'supervisor');
    ent2 = await signedIn(env.app, 'enterprise2');
    const re = await sup.post('/api/credit/recompute');
    expect(re.statusCode, re.body).toBe(200);
    const [missed] = await missedOf('2026-11-24');
    expect(missed).toMatchObject({ occurredOn: '2026-11-25', counting: true });
    const late = await post(ent2, '2026-11-24');
    expect(late.statusCode, late.body).toBe(200);
    expect(late.json()).toMatchObject({ late: true });
    expect(await missedOf('2026-11-24')).toHaveLength(0);
  });

  it('exports the history within scope', async () => {
    const res = await sup.get(`/api/commitments/export?enterpriseId=${ent2Id}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const mine = (await ent2.get('/api/commitments?pageSize=100')).json() as { items: { enterpriseId: string }[] };
    expect(mine.items.length).toBeGreaterThan(0);
    expect(mine.items.every((i) => i.enterpriseId === ent2Id)).toBe(true);
  });
});
