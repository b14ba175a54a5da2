// Assessment rounds at scale (issue 12): opening and publishing commit at once and leave the snapshot to a background
// job; a published round's results are frozen by that job in one transaction (公布中 until then); ranks of an open
// round are read from the percents and equal the former full re-rank; replays and concurrent publications are safe.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { defaultLetterContent, defaultRubric } from '../../../../shared/src/responsibility';
import { verifyAuditChains } from '../../platform/audit';
import { clock } from '../../platform/clock';
import { rows } from '../../platform/db';
import { jobRunner } from '../../platform/jobs';
import { type Client, createTestEnv, signedIn, type TestEnv } from '../../testing/harness';
import { fullRerank } from './repository';

let env: TestEnv;
let sup: Client;
let ent1: Client;
let ent1Id: string;
let parkId: string;
let roundId: string;
let partyIds: string[] = [];

type Err = { error: { code: string; message: string } };
const err = (res: { json(): unknown }) => (res.json() as Err).error;
type RoundJob = { id: string; kind: string; status: string; progress: number; total: number | null } | null;
type RoundState = { id: string; status: string; parties: number; figuresAt: string | null; snapshotJob: RoundJob };
type Party = {
  partyId: string;
  percent: number | null;
  rank: number | null;
  items: { itemId: string; figure: { text: string } | null; score: number | null }[];
};
type Results = { round: RoundState; items: Party[]; total: number };

const YEAR = 2025;

async function readRound(): Promise<RoundState> {
  const list = (await sup.get('/api/responsibility/rounds')).json() as { items: RoundState[] };
  return list.items.find((r) => r.id === roundId)!;
}

/** The round once its snapshot or publication job is over. */
async function settled(): Promise<RoundState> {
  let r = await readRound();
  for (let i = 0; i < 1200 && r.snapshotJob; i++) {
    await new Promise((res) => setTimeout(res, 50));
    r = await readRound();
  }
  expect(r.snapshotJob).toBeNull();
  return r;
}

async function page(query = 'pageSize=100'): Promise<Results> {
  const res = await sup.get(`/api/responsibility/rounds/${roundId}/results?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Results;
}

async function expectRanksOfFullRerank() {
  const expected = new Map((await fullRerank(env.database.db, parkId, roundId)).map((r) => [r.party_id, r.rk]));
  const all = await page();
  expect(all.items.length).toBe(partyIds.length);
  for (const p of all.items) expect([p.partyId, p.rank]).toEqual([p.partyId, expected.get(p.partyId)]);
  // A later page ranks from its first row's count; pages of three cover ties across a page boundary.
  for (let n = 1; n <= Math.ceil(partyIds.length / 3); n++) {
    for (const p of (await page(`page=${n}&pageSize=3`)).items) {
      expect([p.partyId, p.rank]).toEqual([p.partyId, expected.get(p.partyId)]);
    }
  }
  // A name search and an enterprise's own row count their ranks per row.
  for (const p of (await page('pageSize=100&q=%E5%85%AC%E5%8F%B8')).items) {
    expect([p.partyId, p.rank]).toEqual([p.partyId, expected.get(p.partyId)]);
  }
  const own = (await ent1.get(`/api/responsibility/rounds/${roundId}/results`)).json() as Results;
  expect(own.items.map((p) => [p.partyId, p.rank])).toEqual([[ent1Id, expected.get(ent1Id)]]);
  // The page order is the ranking's.
  const ranks = all.items.map((p) => p.rank!);
  expect([...ranks].sort((a, b) => a - b)).toEqual(ranks);
}

beforeAll(async () => {
  clock.set(new Date('2026-11-23T02:00:00Z'));
  env = await createTestEnv();
  sup = await signedIn(env.app, 'supervisor');
  ent1 = await signedIn(env.app, 'enterprise1');
  const me = (await ent1.get('/api/auth/session')).json() as { me: { enterpriseId: string; parkId: string } };
  ent1Id = me.me.enterpriseId;
  [{ park_id: parkId }] = (await rows<{ park_id: string }>(
    env.database.db,
    sql`select park_id from enterprises where id = ${ent1Id}`,
  )) as [{ park_id: string }];
  const t = await sup.post('/api/responsibility/templates', {
    year: YEAR,
    version: 'enterprise',
    content: defaultLetterContent(YEAR, 'enterprise'),
  });
  expect(t.statusCode, t.body).toBe(200);
  // Fourteen parties: enough for ties across pages of three.
  const some = await rows<{ id: string }>(
    env.database.db,
    sql`select id from enterprises where park_id = ${parkId} and id <> ${ent1Id} order by id limit 13`,
  );
  const issued = await sup.post(`/api/responsibility/templates/${(t.json() as { id: string }).id}/issue`, {
    target: 'list',
    enterpriseIds: [ent1Id, ...some.map((r) => r.id)],
  });
  expect(issued.statusCode, issued.body).toBe(200);
});
afterAll(async () => {
  clock.reset();
  await env?.close();
});

describe('assessment rounds: background snapshot, 公布中, ranks at read time', () => {
  it('opens at once; the first snapshot is a job, the page says 快照生成中 until it is done', async () => {
    const created = await sup.post('/api/responsibility/rounds', {
      year: YEAR,
      version: 'enterprise',
      title: `${YEAR}年度企业考核`,
      rubric: defaultRubric('enterprise'),
      gradeBands: { excellent: 90, good: 80, pass: 60 },
    });
    expect(created.statusCode, created.body).toBe(200);
    roundId = (created.json() as { id: string }).id;
    const opened = await sup.post(`/api/responsibility/rounds/${roundId}/open`);
    expect(opened.statusCode, opened.body).toBe(200);
    const view = opened.json() as RoundState;
    expect(view).toMatchObject({ status: 'open', figuresAt: null });
    // The party count is kept on the round by triggers (0050): the parties' rows counted, and the list says the same.
    const [counted] = await rows<{ n: number }>(
      env.database.db,
      sql`select count(*)::int as n from assessment_parties where round_id = ${roundId}`,
    );
    expect(counted!.n).toBeGreaterThan(10);
    expect(view.parties).toBe(counted!.n);
    const listed = (await sup.get('/api/responsibility/rounds')).json() as { items: RoundState[] };
    expect(listed.items.find((r) => r.id === roundId)?.parties).toBe(counted!.n);
    expect(view.snapshotJob).toMatchObject({ kind: 'assessment.refreshFigures' });
    // Before the snapshot the computed items read 快照生成中 (never 未接入 nor a figure of nothing).
    const early = await page();
    if (!early.round.figuresAt) {
      const computed = early.items[0]!.items.filter((i) => i.itemId.startsWith('c'));
      expect(computed.every((i) => i.figure?.text === '快照生成中' && i.score == null)).toBe(true);
    }
    // Opening again is refused; its audit record is there at once.
    expect(err(await sup.post(`/api/responsibility/rounds/${roundId}/open`)).code).toBe('ROUND_NOT_DRAFT');
    const settledRound = await settled();
    expect(settledRound.figuresAt).toBe('2026-11-23T02:00:00.000Z');
    const after = await page();
    partyIds = after.items.map((p) => p.partyId);
    expect(partyIds.length).toBeGreaterThan(3);
    expect(after.items[0]!.items.some((i) => i.figure && i.figure.text !== '快照生成中')).toBe(true);
    await expectRanksOfFullRerank();
  });

  it('a committee score writes one row; read-time ranks equal the former full re-rank', async () => {
    const before = await rows<{ n: number }>(
      env.database.db,
      sql`select count(*)::int as n from assessment_parties where round_id = ${roundId} and rank is not null`,
    );
    for (const [i, partyId] of partyIds.entries()) {
      // Ties on purpose: points repeat every three parties.
      const s = await sup.post(`/api/responsibility/rounds/${roundId}/scores`, {
        partyId,
        scores: [
          { itemId: 'm1', points: 4 + (i % 3) },
          { itemId: 'm2', points: 6 },
        ],
      });
      expect(s.statusCode, s.body).toBe(200);
      if (i === 2) await expectRanksOfFullRerank();
    }
    await expectRanksOfFullRerank();
    // The stored ranks were not rewritten by the scores (only the snapshot writes them).
    const storedAfter = await rows<{ n: number }>(
      env.database.db,
      sql`select count(*)::int as n from assessment_parties where round_id = ${roundId} and rank is not null`,
    );
    expect(storedAfter[0]!.n).toBe(before[0]!.n);
  });

  it.skipIf(!process.env.TEST_DATABASE_URL)(
    'refuses a publication or a score at once while a snapshot holds the round (ROUND_BUSY)',
    async () => {
      let release!: () => void;
      const held = new Promise<void>((r) => {
        release = r;
      });
      let locked!: () => void;
      const isLocked = new Promise<void>((r) => {
        locked = r;
      });
      // What a 重新计算 job does for its whole snapshot: the round locked in its transaction.
      const snapshot = env.owner.db.transaction(async (tx) => {
        await tx.execute(sql`select id from assessment_rounds where id = ${roundId} for update`);
        locked();
        await held;
      });
      await isLocked;
      try {
        const started = Date.now();
        const pub = await sup.post(`/api/responsibility/rounds/${roundId}/publish`);
        expect(pub.statusCode, pub.body).toBe(409);
        expect(err(pub).code).toBe('ROUND_BUSY');
        const score = await sup.post(`/api/responsibility/rounds/${roundId}/scores`, {
          partyId: partyIds[0],
          scores: [{ itemId: 'm1', points: 5 }],
        });
        expect(err(score).code).toBe('ROUND_BUSY');
        expect(Date.now() - started).toBeLessThan(5000);
        expect((await readRound()).status).toBe('open');
      } finally {
        release();
        await snapshot;
      }
    },
  );

  it('two publications at once publish once: 公布中 at once, one job freezes the results and sets 已公布', async () => {
    const [a, b] = await Promise.all([
      sup.post(`/api/responsibility/rounds/${roundId}/publish`),
      sup.post(`/api/responsibility/rounds/${roundId}/publish`),
    ]);
    const answers = [a, b].map((r) => (r.statusCode === 200 ? 'ok' : err(r).code));
    expect(answers.includes('ok'), `${a.body} ${b.body}`).toBe(true);
    for (const x of answers) expect(['ok', 'ROUND_BUSY', 'ROUND_CLOSED']).toContain(x);
    const ok = [a, b].find((r) => r.statusCode === 200)!.json() as RoundState;
    expect(['publishing', 'published']).toContain(ok.status);
    // Nothing can change the figures while 公布中.
    const refresh = await sup.post(`/api/responsibility/rounds/${roundId}/refresh`);
    expect(refresh.statusCode).toBe(409);
    const published = await settled();
    expect(published.status).toBe('published');
    // The frozen ranks are the full re-rank of the frozen percents.
    const expected = new Map((await fullRerank(env.database.db, parkId, roundId)).map((r) => [r.party_id, r.rk]));
    for (const p of (await page()).items) expect(p.rank).toBe(expected.get(p.partyId));
    const stored = await rows<{ party_id: string; rank: number }>(
      env.database.db,
      sql`select party_id, rank from assessment_parties where round_id = ${roundId}`,
    );
    for (const r of stored) expect(r.rank).toBe(expected.get(r.party_id));
    // One publication, one freeze, one credit event per enterprise.
    const audits = await rows<{ action: string; n: number }>(
      env.database.db,
      sql`select action, count(*)::int as n from audit_log where entity_type = 'assessmentRound'
           and entity_id = ${roundId} and action like 'assessment.publish%' group by action order by action`,
    );
    expect(audits).toEqual([
      { action: 'assessment.publish', n: 1 },
      { action: 'assessment.published', n: 1 },
    ]);
    const credit = await rows<{ n: number }>(
      env.database.db,
      sql`select count(*)::int as n from credit_events where enterprise_id = ${ent1Id} and source_id = ${roundId}`,
    ).catch(() => null);
    if (credit) expect(credit[0]!.n).toBe(1);
    // Replays: a published round is closed.
    const again = await sup.post(`/api/responsibility/rounds/${roundId}/publish`);
    expect(again.statusCode).toBe(409);
    expect(err(again).code).toBe('ROUND_CLOSED');
    const late = await sup.post(`/api/responsibility/rounds/${roundId}/scores`, {
      partyId: partyIds[0],
      scores: [{ itemId: 'm1', points: 1 }],
    });
    expect(err(late).code).toBe('ROUND_CLOSED');
    expect((await verifyAuditChains(env.database.db)).ok).toBe(true);
  });

  it('a publication whose job failed its attempts stays 公布中 with no job; 继续公布 (publish again) queues it and it ends 已公布', async () => {
    const t = await sup.post('/api/responsibility/templates', {
      year: YEAR - 1,
      version: 'enterprise',
      content: defaultLetterContent(YEAR - 1, 'enterprise'),
    });
    expect(t.statusCode, t.body).toBe(200);
    const issued = await sup.post(`/api/responsibility/templates/${(t.json() as { id: string }).id}/issue`, {
      target: 'list',
      enterpriseIds: [ent1Id],
    });
    expect(issued.statusCode, issued.body).toBe(200);
    const created = await sup.post('/api/responsibility/rounds', {
      year: YEAR - 1,
      version: 'enterprise',
      title: `${YEAR - 1}年度企业考核`,
      rubric: defaultRubric('enterprise'),
      gradeBands: { excellent: 90, good: 80, pass: 60 },
    });
    expect(created.statusCode, created.body).toBe(200);
    const id = (created.json() as { id: string }).id;
    const opened = await sup.post(`/api/responsibility/rounds/${id}/open`);
    expect(opened.statusCode, opened.body).toBe(200);
    const view = async () =>
      ((await sup.get('/api/responsibility/rounds')).json() as { items: RoundState[] }).items.find((r) => r.id === id)!;
    for (let i = 0; i < 1200 && (await view()).snapshotJob; i++) await new Promise((res) => setTimeout(res, 50));
    // The publication committed but its job failed its three attempts (a database error each time): 公布中, no job —
    // the page offers 继续公布.
    await rows(env.database.db, sql`update assessment_rounds set status = 'publishing' where id = ${id}`);
    const stuck = await view();
    expect([stuck.status, stuck.snapshotJob]).toEqual(['publishing', null]);
    const resumed = await sup.post(`/api/responsibility/rounds/${id}/publish`);
    expect(resumed.statusCode, resumed.body).toBe(200);
    const answered = resumed.json() as RoundState;
    expect(answered.status).toBe('publishing');
    expect(answered.snapshotJob).toMatchObject({ kind: 'assessment.publishRound' });
    let r = await view();
    for (let i = 0; i < 1200 && r.snapshotJob; i++) {
      await new Promise((res) => setTimeout(res, 50));
      r = await view();
    }
    expect([r.status, r.snapshotJob]).toEqual(['published', null]);
    const audits = await rows<{ action: string }>(
      env.database.db,
      sql`select action from audit_log where entity_type = 'assessmentRound' and entity_id = ${id}
           and action = 'assessment.published'`,
    );
    expect(audits.length).toBe(1);
  });
  it('opening and publishing queue their job in the same transaction: a failed queueing leaves the round as it was', async () => {
    const year = YEAR - 4; // the demo park has letters of 2023
    const t = await sup.post('/api/responsibility/templates', {
      year,
      version: 'enterprise',
      content: defaultLetterContent(year, 'enterprise'),
    });
    expect(t.statusCode, t.body).toBe(200);
    const issued = await sup.post(`/api/responsibility/templates/${(t.json() as { id: string }).id}/issue`, {
      target: 'list',
      enterpriseIds: [ent1Id],
    });
    expect(issued.statusCode, issued.body).toBe(200);
    const created = await sup.post('/api/responsibility/rounds', {
      year,
      version: 'enterprise',
      title: `${year}年度企业考核`,
      // Computed items only: nothing waits for a committee score before publication.
      rubric: [
        {
          id: 'c1',
          title: '隐患整改率',
          maxPoints: 100,
          kind: 'computed',
          indicator: 'rectificationRate',
          rule: 'rate',
        },
      ],
      gradeBands: { excellent: 90, good: 80, pass: 60 },
    });
    expect(created.statusCode, created.body).toBe(200);
    const id = (created.json() as { id: string }).id;
    const state = async () => {
      const [r] = await rows<{ status: string; parties_count: number }>(
        env.database.db,
        sql`select status, parties_count from assessment_rounds where id = ${id}`,
      );
      const [j] = await rows<{ n: number }>(
        env.database.db,
        sql`select count(*)::int as n from jobs where params->>'roundId' = ${id}`,
      );
      return { status: r!.status, parties: Number(r!.parties_count), jobs: j!.n };
    };
    // The queue refuses once (as a database error or a stopped process would fail the insert).
    const runner = jobRunner({ database: env.database, config: env.config });
    const failOnce = () =>
      vi.spyOn(runner, 'enqueueOnce').mockImplementationOnce(() => Promise.reject(new Error('queue unavailable')));

    const spy = failOnce();
    const refused = await sup.post(`/api/responsibility/rounds/${id}/open`);
    expect(refused.statusCode).toBe(500);
    spy.mockRestore();
    // Not opened with no snapshot coming: still a draft, no parties, no job.
    expect(await state()).toEqual({ status: 'draft', parties: 0, jobs: 0 });
    const opened = await sup.post(`/api/responsibility/rounds/${id}/open`);
    expect(opened.statusCode, opened.body).toBe(200);
    const view = async () =>
      ((await sup.get('/api/responsibility/rounds')).json() as { items: RoundState[] }).items.find((r) => r.id === id)!;
    let r = await view();
    for (let i = 0; i < 1200 && r.snapshotJob; i++) {
      await new Promise((res) => setTimeout(res, 50));
      r = await view();
    }
    expect([r.status, r.snapshotJob, r.figuresAt === null]).toEqual(['open', null, false]);

    const spy2 = failOnce();
    const refusedPublish = await sup.post(`/api/responsibility/rounds/${id}/publish`);
    expect(refusedPublish.statusCode).toBe(500);
    spy2.mockRestore();
    // Not 公布中 with no job: still open (scoring goes on), the snapshot job its only job.
    expect(await state()).toEqual({ status: 'open', parties: 1, jobs: 1 });
    const published = await sup.post(`/api/responsibility/rounds/${id}/publish`);
    expect(published.statusCode, published.body).toBe(200);
    r = await view();
    for (let i = 0; i < 1200 && r.snapshotJob; i++) {
      await new Promise((res) => setTimeout(res, 50));
      r = await view();
    }
    expect([r.status, r.snapshotJob]).toEqual(['published', null]);
    const audits = await rows<{ action: string }>(
      env.database.db,
      sql`select action from audit_log where entity_type = 'assessmentRound' and entity_id = ${id} order by seq`,
    );
    // The refused attempts wrote no audit record either.
    expect(audits.map((a) => a.action)).toEqual([
      'assessment.create',
      'assessment.open',
      'assessment.refresh',
      'assessment.publish',
      'assessment.published',
    ]);
  });
});
