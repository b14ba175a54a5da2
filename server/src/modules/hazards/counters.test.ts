// The hazard counters (migrations 0011, 0012) and the dashboard's day rollups (0040) against a COUNT(*) ground truth:
// after a random sequence of creates, back-filled creates and steps, transitions, supervisory changes, raw SQL
// updates (found day, domain, deadline moved), bulk statements, enterprises changing area or tags, and deletes, the
// counter tables hold exactly what grouping the hazards gives, the dashboard's figures read from the rollups equal
// the scan's, and the counts endpoint answers the same from the counters as from a scan, in every role's scope.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiToday } from '../../../../shared/src/validators';
import { clock, now } from '../../platform/clock';
import { rows } from '../../platform/db';
import { committeeActor } from '../../platform/period-figures';
import { type Client, createTestEnv, signedIn, type TestEnv } from '../../testing/harness';
import { prng } from '../../testing/prng';
import { counted, type HazardPeriodFigures, periodFigures } from './figures';

let env: TestEnv;
let sup: Client;
let parkId: string;
let enterpriseIds: string[];
let campaignIds: string[];
let campaignTargets: { enterpriseId: string; campaignId: string; foundOn: string }[];

const db = () => env.database.db;

async function expectCountersMatchGroundTruth() {
  const truth = await rows(
    db(),
    sql`select park_id, enterprise_id, campaign_id, status, grade,
               (listing is not null and listing->>'delistedOn' is null) as listed, count(*)::int as n
          from hazards group by 1, 2, 3, 4, 5, 6 order by 1, 2, 3, 4, 5, 6`,
  );
  const kept = await rows(
    db(),
    sql`select park_id, enterprise_id, campaign_id, status, grade, listed, n
          from hazard_counts where n <> 0 order by 1, 2, 3, 4, 5, 6`,
  );
  expect(kept).toEqual(truth);
  const parkTruth = await rows(
    db(),
    sql`select park_id, status, grade, (listing is not null and listing->>'delistedOn' is null) as listed,
               case when status <> 'closed' then deadline::text end as deadline, count(*)::int as n
          from hazards group by 1, 2, 3, 4, 5 order by 1, 2, 3, 4, 5`,
  );
  const parkKept = await rows(
    db(),
    sql`select park_id, status, grade, listed, deadline::text as deadline, n
          from hazard_park_counts where n <> 0 order by 1, 2, 3, 4, 5`,
  );
  expect(parkKept).toEqual(parkTruth);
  // Per area: by the enterprise's area now (enterprises move between areas too).
  const areaTruth = await rows(
    db(),
    sql`select h.park_id, e.area, h.status, h.grade,
               (h.listing is not null and h.listing->>'delistedOn' is null) as listed,
               case when h.status <> 'closed' then h.deadline::text end as deadline, count(*)::int as n
          from hazards h join enterprises e on e.park_id = h.park_id and e.id = h.enterprise_id
         where e.area is not null group by 1, 2, 3, 4, 5, 6 order by 1, 2, 3, 4, 5, 6`,
  );
  expect(areaTruth.length).toBeGreaterThan(0);
  const areaKept = await rows(
    db(),
    sql`select park_id, area, status, grade, listed, deadline::text as deadline, n
          from hazard_area_counts where n <> 0 order by 1, 2, 3, 4, 5, 6`,
  );
  expect(areaKept).toEqual(areaTruth);
  // By found day (the occurrence, back-filled days included) × the enterprise's area now × domain × status × grade,
  // with the deadline of those not yet submitted; and by the enterprise's tags now.
  const dayTruth = await rows(
    db(),
    sql`select h.park_id, h.found_on::text as found_on, e.area, h.domain, h.status, h.grade,
               case when h.status in ('assigned', 'rectifying') then h.deadline::text end as deadline, count(*)::int as n
          from hazards h join enterprises e on e.park_id = h.park_id and e.id = h.enterprise_id
         group by 1, 2, 3, 4, 5, 6, 7 order by 1, 2, 3, 4, 5, 6, 7`,
  );
  const dayKept = await rows(
    db(),
    sql`select park_id, found_on::text as found_on, area, domain, status, grade, deadline::text as deadline, n
          from hazard_day_counts where n <> 0 order by 1, 2, 3, 4, 5, 6, 7`,
  );
  expect(dayKept).toEqual(dayTruth);
  const tagTruth = await rows(
    db(),
    sql`select h.park_id, t.tag, h.found_on::text as found_on, count(*)::int as n
          from hazards h join enterprises e on e.park_id = h.park_id and e.id = h.enterprise_id
         cross join unnest(e.supervision_tags) t(tag)
         group by 1, 2, 3 order by 1, 2, 3`,
  );
  expect(tagTruth.length).toBeGreaterThan(0);
  const tagKept = await rows(
    db(),
    sql`select park_id, tag, found_on::text as found_on, n from hazard_tag_day_counts where n <> 0 order by 1, 2, 3`,
  );
  expect(tagKept).toEqual(tagTruth);
  const negative = await rows<{ n: number }>(
    db(),
    sql`select (select count(*) from hazard_counts where n < 0) + (select count(*) from hazard_park_counts where n < 0)
               + (select count(*) from hazard_area_counts where n < 0) + (select count(*) from hazard_day_counts where n < 0)
               + (select count(*) from hazard_tag_day_counts where n < 0) as n`,
  );
  expect(Number(negative[0]!.n)).toBe(0);
  await expectDashboardFiguresMatchScan();
}

const canonical = (f: HazardPeriodFigures) => {
  const by = <T extends { key: string | null }>(xs: T[]) =>
    [...xs].sort((a, b) => String(a.key).localeCompare(String(b.key)));
  return { ...f, byDomain: by(f.byDomain), byStatus: by(f.byStatus), byArea: by(f.byArea), byTag: by(f.byTag) };
};

/** The dashboard's hazard figures of several periods: from the rollups (park-wide) exactly as the scan counts them. */
async function expectDashboardFiguresMatchScan() {
  const actor = committeeActor(parkId);
  const j = { today: shanghaiToday(now()) } as Parameters<typeof counted>[3];
  for (const period of [
    { from: '2000-01-01', to: '2099-12-31' },
    { from: '2026-01-01', to: '2026-06-30' },
    { from: '2026-03-05', to: '2026-11-23' },
    { from: '2026-11-23', to: '2026-11-23' },
  ]) {
    const rollup = canonical(await periodFigures(db(), actor, period, j));
    expect(rollup, `${period.from}..${period.to}`).toEqual(canonical(await counted(db(), actor, period, j)));
  }
}

type Counts = {
  byStatus: { key: string; count: number }[];
  byGrade: { key: string; count: number }[];
  overdue: number;
  recheckOverdue: number;
  listed: number;
  total: number;
};
const sorted = (c: Counts) => ({
  ...c,
  byStatus: [...c.byStatus].sort((a, b) => a.key.localeCompare(b.key)),
  byGrade: [...c.byGrade].sort((a, b) => a.key.localeCompare(b.key)),
});
async function counts(c: Client, query: string): Promise<Counts> {
  const res = await c.get(`/api/hazards/counts${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return sorted(res.json() as Counts);
}

beforeAll(async () => {
  clock.set(new Date('2026-11-23T02:00:00Z'));
  env = await createTestEnv();
  sup = await signedIn(env.app, 'supervisor');
  const [p] = await rows<{ park_id: string }>(db(), sql`select park_id from hazards limit 1`);
  parkId = p!.park_id;
  enterpriseIds = (
    await rows<{ id: string }>(db(), sql`select id from enterprises where park_id = ${parkId} order by name limit 6`)
  ).map((r) => r.id);
  campaignIds = (
    await rows<{ id: string }>(db(), sql`select id from campaigns where park_id = ${parkId} order by id limit 3`)
  ).map((r) => r.id);
  // A hazard counts toward a campaign only for one of its targets, found within its period.
  campaignTargets = await rows<{ enterpriseId: string; campaignId: string; foundOn: string }>(
    db(),
    sql`select ce.enterprise_id as "enterpriseId", ce.campaign_id as "campaignId",
               least(c.ends_on, date '2026-11-23')::text as "foundOn"
          from campaign_enterprises ce join campaigns c on c.id = ce.campaign_id
         where c.id in (${sql.join(
           campaignIds.map((id) => sql`${id}::uuid`),
           sql`, `,
         )})
         order by ce.campaign_id, ce.enterprise_id limit 12`,
  );
});
afterAll(async () => {
  clock.reset();
  await env?.close();
});

describe('hazard counters', () => {
  it('are backfilled and kept by the demo seed (bulk inserts)', async () => {
    const [n] = await rows<{ n: number }>(db(), sql`select count(*)::int as n from hazards`);
    expect(n!.n).toBeGreaterThan(100);
    await expectCountersMatchGroundTruth();
  });

  it('equal a COUNT(*) ground truth after a random sequence of writes through the API and raw SQL', async () => {
    const rand = prng(20261123);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
    const created: string[] = [];
    for (let step = 0; step < 70; step++) {
      const op = Math.floor(rand() * 10);
      const backfillNow = op === 2 && created.length >= 4 && rand() < 0.5;
      if (!backfillNow && (op <= 2 || created.length < 4)) {
        // Create through the API: general or major (by criterion), with or without a campaign.
        const major = rand() < 0.3;
        const where =
          rand() < 0.4 && campaignTargets.length ? pick(campaignTargets) : { enterpriseId: pick(enterpriseIds) };
        const res = await sup.post('/api/hazards', {
          ...where,
          description: `计数测试隐患 ${step}`,
          category: 'unsafeCondition',
          source: 'routine',
          requirement: '立即整改',
          deadline: `2026-12-${String(1 + Math.floor(rand() * 27)).padStart(2, '0')}`,
          ...(major ? { criterionCode: 'GM2023-11-3' } : {}),
        });
        expect(res.statusCode, res.body).toBe(200);
        created.push((res.json() as { id: string }).id);
      } else if (op === 3) {
        // API: start rectifying (majors need 五落实 first, which the API refuses: a refusal must change nothing).
        const res = await sup.post(`/api/hazards/${pick(created)}/transitions`, { action: 'start' });
        expect([200, 403, 409, 422]).toContain(res.statusCode);
      } else if (op === 4) {
        // API: listing / delisting / downgrade of a major hazard (refusals are part of the sequence).
        const id = pick(created);
        const what = pick(['listing', 'downgrade', 'delisting'] as const);
        const res =
          what === 'listing'
            ? await sup.post(`/api/hazards/${id}/listing`, {
                level: 'park',
                unit: '园区安委办',
                listedOn: '2026-11-23',
              })
            : what === 'downgrade'
              ? await sup.post(`/api/hazards/${id}/downgrade`, { reason: '复核后不属于重大隐患' })
              : await sup.post(`/api/hazards/${id}/delisting`);
        expect([200, 409, 422]).toContain(res.statusCode);
      } else if (op === 5) {
        // Raw SQL: any status, deadline and submission day moved (整改逾期 and 复查超时 by day).
        await db().execute(
          sql`update hazards set status = ${pick(['assigned', 'rectifying', 'submitted', 'closed'])},
                                 deadline = deadline - ${Math.floor(rand() * 40)}::int,
                                 submitted_on = date '2026-11-23' - ${Math.floor(rand() * 12)}::int
               where id = ${pick(created)}`,
        );
      } else if (backfillNow) {
        // 补录 through the API: a past hazard with its past deadline, then steps on their past days (the counters
        // see the same statements as any other write; the dates the figures use are the days given).
        const found = `2026-${String(1 + Math.floor(rand() * 9)).padStart(2, '0')}-0${1 + Math.floor(rand() * 8)}`;
        const res = await sup.post('/api/hazards', {
          // No campaign: a random past day lies outside the campaigns' periods (that refusal is tested elsewhere).
          enterpriseId: pick(enterpriseIds),
          description: `计数测试补录隐患 ${step}`,
          category: 'unsafeCondition',
          source: 'routine',
          foundOn: found,
          deadline: found.replace(/-0(\d)$/, '-2$1'),
          backfill: { reason: '纸质台账补录' },
        });
        expect(res.statusCode, res.body).toBe(200);
        const id = (res.json() as { id: string }).id;
        created.push(id);
        const steps = ['start', 'submit', 'recheckPass'].slice(0, 1 + Math.floor(rand() * 3));
        for (const [k, action] of steps.entries()) {
          const day = found.replace(/-0(\d)$/, `-1${k}`);
          const r = await sup.post(`/api/hazards/${id}/transitions`, {
            action,
            backfill: { occurredOn: day, reason: '纸质台账补录' },
          });
          expect(r.statusCode, r.body).toBe(200);
        }
      } else if (op === 6 && rand() < 0.4) {
        // Raw SQL: a correction of the found day (back into history or forward) and the domain.
        await db().execute(
          sql`update hazards set found_on = found_on - ${Math.floor(rand() * 400) - 30}::int,
                                 domain = ${pick(['production', 'fire', 'food'])}
               where id = ${pick(created)}`,
        );
      } else if (op === 6) {
        // Raw SQL: a hazard moves enterprise and campaign (a correction).
        await db().execute(
          sql`update hazards set enterprise_id = ${pick(enterpriseIds)},
                                 campaign_id = ${rand() < 0.5 && campaignIds.length ? pick(campaignIds) : null}
               where id = ${pick(created)}`,
        );
      } else if (op === 7) {
        // One statement over many rows: statement-level triggers see them all at once.
        await db().execute(
          sql`update hazards set status = case when status = 'closed' then 'rectifying' else 'closed' end,
                                 listing = case when grade = 'major' and listing is null
                                                then '{"level":"park","unit":"园区","listedOn":"2026-11-01"}'::jsonb
                                                else listing end
               where park_id = ${parkId} and enterprise_id = ${pick(enterpriseIds)}`,
        );
      } else if (op === 8 && rand() < 0.2) {
        // An enterprise's key-supervision tags change (added, replaced, cleared): its hazards' tag counts move.
        await db().execute(
          sql`update enterprises set supervision_tags = ${pick([
            '{}',
            '{hazardousChemicals}',
            '{hazardousChemicals,specialEquipmentUser}',
            '{limitedSpace}',
          ])}::text[] where id = ${pick(enterpriseIds)}`,
        );
      } else if (op === 8 && rand() < 0.3) {
        // An enterprise moves to another area (or to none, or back): its hazards' area counts move with it.
        const [other] = await rows<{ area: string }>(
          db(),
          sql`select area from enterprises where park_id = ${parkId} and area is not null
               group by 1 order by md5(area || ${String(step)}) limit 1`,
        );
        await db().execute(
          sql`update enterprises set area = ${rand() < 0.2 ? null : (other?.area ?? null)} where id = ${pick(enterpriseIds)}`,
        );
      } else if (op === 8) {
        // Delete (events and notifications first: they reference the hazard).
        const id = created.splice(Math.floor(rand() * created.length), 1)[0]!;
        await db().execute(sql`delete from hazard_events where hazard_id = ${id}`);
        await db().execute(sql`delete from notifications where hazard_id = ${id}`);
        await db().execute(sql`delete from hazards where id = ${id}`);
      } else {
        // An update that touches no counted column changes no counter (and must not drift them).
        await db().execute(sql`update hazards set description = description || '。' where id = ${pick(created)}`);
      }
      if (step % 10 === 9) await expectCountersMatchGroundTruth();
    }
    await expectCountersMatchGroundTruth();
    // The sequence back-filled some hazards and some of their steps on past days.
    const [backfilled] = await rows<{ n: number; steps: number }>(
      db(),
      sql`select count(distinct hazard_id)::int as n, count(*) filter (where action <> 'create')::int as steps
            from hazard_events where backfill_reason is not null`,
    );
    expect(backfilled!.n).toBeGreaterThan(0);
    expect(backfilled!.steps).toBeGreaterThan(0);
    // Whatever the sequence drew: an enterprise with hazards moves to a new area, then leaves areas altogether.
    const [busy] = await rows<{ id: string }>(
      db(),
      sql`select enterprise_id as id from hazards where park_id = ${parkId} group by 1 order by count(*) desc limit 1`,
    );
    await db().execute(sql`update enterprises set area = '计数测试新区' where id = ${busy!.id}`);
    await expectCountersMatchGroundTruth();
    await db().execute(sql`update enterprises set area = null where id = ${busy!.id}`);
    await expectCountersMatchGroundTruth();
    // …and its key-supervision tags change, then are cleared: the tag rollup follows.
    await db().execute(
      sql`update enterprises set supervision_tags = '{limitedSpace,hazardousChemicals}' where id = ${busy!.id}`,
    );
    await expectCountersMatchGroundTruth();
    await db().execute(sql`update enterprises set supervision_tags = '{}' where id = ${busy!.id}`);
    await expectCountersMatchGroundTruth();
    // The sequence moved some hazards' found days: the rollups hold them at their new days.
    const [moved] = await rows<{ n: number }>(
      db(),
      sql`select count(*)::int as n from hazards where park_id = ${parkId} and domain <> 'production'`,
    );
    expect(moved!.n).toBeGreaterThan(0);
  });

  it('answer the counts endpoint exactly as a scan does, in every scope and for counter-answered filters', async () => {
    const today = shanghaiToday(now());
    const truth = await rows<{ status: string; n: number; overdue: number; late: number; listed: number }>(
      db(),
      sql`select status, count(*)::int as n,
                 count(*) filter (where status in ('assigned', 'rectifying') and deadline < ${today})::int as overdue,
                 count(*) filter (where status = 'submitted' and submitted_on + 5 < ${today}::date)::int as late,
                 count(*) filter (where listing is not null and listing->>'delistedOn' is null)::int as listed
            from hazards where park_id = ${parkId} group by 1`,
    );
    const park = await counts(sup, '');
    expect(park.total).toBe(truth.reduce((t, r) => t + r.n, 0));
    expect(park.overdue).toBe(truth.reduce((t, r) => t + r.overdue, 0));
    expect(park.overdue).toBeGreaterThan(0);
    // 复查超时 apart: submitted, not re-checked within the default 5 days.
    expect(park.recheckOverdue).toBe(truth.reduce((t, r) => t + r.late, 0));
    expect(park.recheckOverdue).toBeGreaterThan(0);
    expect(park.listed).toBe(truth.reduce((t, r) => t + r.listed, 0));
    expect(park.byStatus).toEqual(
      truth.map((r) => ({ key: r.status, count: r.n })).sort((a, b) => a.key.localeCompare(b.key)),
    );

    // The counters' answer equals the scan's (foundFrom far in the past forces the scan and selects every row).
    const scan = '&foundFrom=1900-01-01';
    const users = ['supervisor', 'leader', 'inspector', 'department', 'enterprise1', 'enterprise2'];
    const area = (
      await rows<{ area: string }>(db(), sql`select area from enterprises where id = ${enterpriseIds[0]}`)
    )[0]?.area;
    const filters = [
      '?x=1',
      '?status=assigned',
      '?grade=major',
      '?listed=true',
      '?listed=false&grade=major',
      '?overdue=true',
      '?overdue=false&status=assigned',
      '?overdue=true&grade=major&listed=false',
      '?overdue=true&status=submitted',
      '?recheckOverdue=true',
      '?recheckOverdue=false&grade=general',
      '?status=submitted&recheckOverdue=true',
      `?enterpriseId=${enterpriseIds[0]}`,
      `?enterpriseId=${enterpriseIds[1]}&status=closed`,
      ...(campaignIds[0] ? [`?campaignId=${campaignIds[0]}`] : []),
      ...(area
        ? [
            `?area=${encodeURIComponent(area)}`,
            `?area=${encodeURIComponent(area)}&overdue=true`,
            `?area=${encodeURIComponent(area)}&status=assigned&grade=general`,
            `?area=${encodeURIComponent(area)}&overdue=false&listed=false`,
          ]
        : []),
    ];
    for (const u of users) {
      const c = u === 'supervisor' ? sup : await signedIn(env.app, u);
      for (const f of filters) {
        expect(await counts(c, f), `${u} ${f}`).toEqual(await counts(c, f + scan));
      }
    }
    // Scope: an enterprise user counts its own hazards only.
    const ent1 = await signedIn(env.app, 'enterprise1');
    const me = ((await ent1.get('/api/auth/session')).json() as { me: { enterpriseId: string } }).me.enterpriseId;
    const [own] = await rows<{ n: number }>(
      db(),
      sql`select count(*)::int as n from hazards where enterprise_id = ${me}`,
    );
    expect((await counts(ent1, '')).total).toBe(own!.n);
    // Another enterprise's id as a filter gives nothing rather than its counts.
    const other = enterpriseIds.find((e) => e !== me)!;
    expect((await counts(ent1, `?enterpriseId=${other}`)).total).toBe(0);
  });

  it('give ledger pages an exact total when they answer the filters, and the capped count otherwise', async () => {
    const [all] = await rows<{ n: number }>(
      db(),
      sql`select count(*)::int as n from hazards where park_id = ${parkId} and status = 'closed'`,
    );
    const page = (await sup.get('/api/hazards?status=closed&pageSize=5')).json() as {
      total: number;
      totalCapped: boolean;
      items: unknown[];
    };
    expect(page).toMatchObject({ total: all!.n, totalCapped: false });
    const searched = (await sup.get('/api/hazards?q=计数测试&pageSize=5')).json() as { total: number };
    const [n] = await rows<{ n: number }>(
      db(),
      sql`select count(*)::int as n from hazards where park_id = ${parkId} and description like '计数测试%'`,
    );
    expect(searched.total).toBe(n!.n);
    // 整改逾期 comes from the park rollup (open hazards by status and deadline day) for a park-wide role.
    const today = shanghaiToday(now());
    const [late] = await rows<{ n: number }>(
      db(),
      sql`select count(*)::int as n from hazards
           where park_id = ${parkId} and grade = 'general' and status in ('assigned', 'rectifying')
             and deadline < ${today}`,
    );
    const overdue = (await sup.get('/api/hazards?overdue=true&grade=general&pageSize=5')).json() as {
      total: number;
      totalCapped: boolean;
    };
    expect(overdue).toMatchObject({ total: late!.n, totalCapped: false });
    // Found dates (the dashboard's links) with domain, status, grade, area and overdue: exact from the day rollup,
    // equal to COUNT(*) with the ledger's conditions.
    const [{ area } = { area: '' }] = await rows<{ area: string }>(
      db(),
      sql`select area from enterprises where park_id = ${parkId} and area is not null group by 1 order by count(*) desc limit 1`,
    );
    const cases: [string, ReturnType<typeof sql>][] = [
      ['foundFrom=2026-01-01&foundTo=2026-11-23', sql`found_on between '2026-01-01' and '2026-11-23'`],
      ['foundFrom=2026-03-05', sql`found_on >= '2026-03-05'`],
      ['foundTo=2026-06-30&domain=production', sql`found_on <= '2026-06-30' and domain = 'production'`],
      [
        'foundFrom=2025-01-01&foundTo=2026-11-23&status=closed&grade=general',
        sql`found_on between '2025-01-01' and '2026-11-23' and status = 'closed' and grade = 'general'`,
      ],
      [
        'foundFrom=2025-01-01&foundTo=2026-11-23&overdue=true',
        sql`found_on between '2025-01-01' and '2026-11-23' and status in ('assigned', 'rectifying') and deadline < ${today}`,
      ],
      [
        'foundFrom=2025-01-01&overdue=false&grade=major',
        sql`found_on >= '2025-01-01' and grade = 'major'
            and not coalesce(status in ('assigned', 'rectifying') and deadline < ${today}, false)`,
      ],
      [
        `foundFrom=2026-01-01&foundTo=2026-11-23&area=${encodeURIComponent(area)}`,
        sql`found_on between '2026-01-01' and '2026-11-23'
            and enterprise_id in (select id from enterprises where park_id = ${parkId} and area = ${area})`,
      ],
    ];
    for (const [query, cond] of cases) {
      const [t] = await rows<{ n: number }>(
        db(),
        sql`select count(*)::int as n from hazards where park_id = ${parkId} and ${cond}`,
      );
      const listed = (await sup.get(`/api/hazards?${query}&pageSize=5`)).json() as {
        total: number;
        totalCapped: boolean;
      };
      expect(listed, query).toMatchObject({ total: t!.n, totalCapped: false });
    }
  });

  it('walk every page, the deep ones (ids first, then their rows) too, in the order of one long page', async () => {
    type Page = { total: number; items: { id: string; foundOn: string; serial: string }[] };
    for (const query of ['status=closed', 'sort=serial&order=asc']) {
      const whole = (await sup.get(`/api/hazards?${query}&pageSize=100`)).json() as Page;
      const pageSize = 2;
      const pages = Math.min(Math.ceil(whole.items.length / pageSize), 12);
      // Pages past the fifth take the two-statement path (hazards/repository.ts deepPage).
      expect(pages, query).toBeGreaterThan(6);
      const walked: string[] = [];
      for (let p = 1; p <= pages; p++) {
        const res = await sup.get(`/api/hazards?${query}&pageSize=${pageSize}&page=${p}`);
        expect(res.statusCode, res.body).toBe(200);
        const one = res.json() as Page;
        expect(one.total, `${query} page ${p}`).toBe(whole.total);
        walked.push(...one.items.map((i) => i.id));
      }
      expect(walked, query).toEqual(whole.items.slice(0, pages * pageSize).map((i) => i.id));
    }
    // Past the end: no rows, the total still there.
    const beyond = (await sup.get('/api/hazards?status=closed&pageSize=2&page=5000')).json() as Page;
    const [closed] = await rows<{ n: number }>(
      db(),
      sql`select count(*)::int as n from hazards where park_id = ${parkId} and status = 'closed'`,
    );
    expect(beyond).toMatchObject({ total: closed!.n, items: [] });
  });
  it('stay exact under concurrent writers (no deadlock between counter rows)', async () => {
    const clients = await Promise.all(Array.from({ length: 4 }, () => signedIn(env.app, 'supervisor')));
    const open = await rows<{ id: string }>(
      db(),
      sql`select id from hazards where park_id = ${parkId} and status = 'assigned' and grade = 'general' limit 12`,
    );
    const results = await Promise.all([
      ...open.map((h, i) => clients[i % 4]!.post(`/api/hazards/${h.id}/transitions`, { action: 'start' })),
      ...enterpriseIds.slice(0, 4).map((e, i) =>
        clients[i]!.post('/api/hazards', {
          enterpriseId: e,
          description: `并发登记 ${i}`,
          category: 'unsafeAct',
          source: 'routine',
          deadline: '2026-12-20',
        }),
      ),
    ]);
    for (const r of results) expect(r.statusCode, r.body).toBe(200);
    await expectCountersMatchGroundTruth();
  });
});
