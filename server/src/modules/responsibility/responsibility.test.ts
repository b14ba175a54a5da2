import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreditDetail } from '../../../../shared/src/credit';
import { defaultLetterContent, defaultRubric } from '../../../../shared/src/responsibility';
import { verifyAuditChains } from '../../platform/audit';
import { clock } from '../../platform/clock';
import { rows } from '../../platform/db';
import { registerIndicator, unregisterIndicator } from '../../platform/indicators';
import { unzip } from '../../testing/docx';
import { type Client, createTestEnv, signedIn, type TestEnv } from '../../testing/harness';

let env: TestEnv;
let sup: Client;
let ent1: Client;
let ent2: Client;
let ent1Id: string;
let ent2Id: string;

type Err = { error: { code: string; message: string; fields?: Record<string, string> } };
const err = (res: { json(): unknown }) => (res.json() as Err).error;
type Letter = { id: string; partyId: string; revision: number; signedAt: string | null; digest: string | null };
type Template = { id: string; revision: number; issued: number; signed: number; signingRate: number | null };

// A 1×1 PNG.
const PNG =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

beforeAll(async () => {
  clock.set(new Date('2026-11-23T02:00:00Z'));
  env = await createTestEnv();
  sup = await signedIn(env.app, 'supervisor');
  ent1 = await signedIn(env.app, 'enterprise1');
  ent2 = await signedIn(env.app, 'enterprise2');
  const me = (c: Client) => c.get('/api/auth/session').then((r) => (r.json() as { me: { enterpriseId: string } }).me);
  ent1Id = (await me(ent1)).enterpriseId;
  ent2Id = (await me(ent2)).enterpriseId;
});
afterAll(async () => {
  clock.reset();
  await env?.close();
});

type RoundJob = { id: string; kind: string; status: string; error: string | null } | null;
type RoundState = { id: string; status: string; figuresAt: string | null; snapshotJob: RoundJob };

/** Follows a job to its end (the runner polls every few ms in tests). */
async function jobDone(c: Client, id: string) {
  let job = (await c.get(`/api/jobs/${id}`)).json() as { status: string; error: string | null; message: string | null };
  for (let i = 0; i < 1200 && job.status !== 'succeeded' && job.status !== 'failed'; i++) {
    await new Promise((r) => setTimeout(r, 50));
    job = (await c.get(`/api/jobs/${id}`)).json() as typeof job;
  }
  expect(job.status, job.error ?? '').toBe('succeeded');
  return job;
}

/** The round once its snapshot or publication job has finished. */
async function settled(c: Client, roundId: string): Promise<RoundState> {
  const read = async () =>
    ((await c.get('/api/responsibility/rounds')).json() as { items: RoundState[] }).items.find(
      (r) => r.id === roundId,
    )!;
  let r = await read();
  for (let i = 0; i < 1200 && r.snapshotJob; i++) {
    await new Promise((res) => setTimeout(res, 50));
    r = await read();
  }
  expect(r.snapshotJob).toBeNull();
  return r;
}

const myLetter = async (c: Client, year = 2026) => {
  const res = await c.get(`/api/responsibility/letters?year=${year}`);
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as { items: Letter[] }).items;
};

describe('responsibility letters', () => {
  let templateId: string;

  it('creates a template, refuses a second of the same year and version, and bad weights', async () => {
    const content = defaultLetterContent(2026, 'enterprise');
    const res = await sup.post('/api/responsibility/templates', { year: 2026, version: 'enterprise', content });
    expect(res.statusCode, res.body).toBe(200);
    templateId = (res.json() as Template).id;
    const again = await sup.post('/api/responsibility/templates', { year: 2026, version: 'enterprise', content });
    expect(again.statusCode).toBe(409);
    expect(err(again).message).toContain('已存在');
    const weights = await sup.post('/api/responsibility/templates', {
      year: 2027,
      version: 'enterprise',
      content: { ...content, indicators: [{ name: '隐患整改率', target: '≥95%', weight: 60 }] },
    });
    expect(weights.statusCode).toBe(400);
    expect(err(weights).message).toContain('权重合计须为 100');
  });

  it('issues to a list of enterprises; the enterprise sees only its own letter', async () => {
    const res = await sup.post(`/api/responsibility/templates/${templateId}/issue`, {
      target: 'list',
      enterpriseIds: [ent1Id, ent2Id],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ issued: 2, alreadyIssued: 0 });
    const mine = await myLetter(ent1);
    expect(mine.map((l) => l.partyId)).toEqual([ent1Id]);
    const t = (await sup.get(`/api/responsibility/templates/${templateId}`)).json() as Template;
    expect([t.issued, t.signed, t.signingRate]).toEqual([2, 0, 0]);
  });

  it('signs once, by the party only, with the SM3 digest; verify recomputes it', async () => {
    const [own] = await myLetter(ent1);
    const [other] = await myLetter(ent2);
    // The committee does not sign for a party; another enterprise cannot see the letter.
    const bySup = await sup.post(`/api/responsibility/letters/${own!.id}/sign`, {
      signerName: '张安监',
      signaturePng: PNG,
    });
    expect(bySup.statusCode).toBe(403);
    expect(err(bySup).message).toContain('签订单位');
    const byOther = await ent2.post(`/api/responsibility/letters/${own!.id}/sign`, {
      signerName: '李四',
      signaturePng: PNG,
    });
    expect(byOther.statusCode).toBe(404);
    expect((await ent2.get(`/api/responsibility/letters/${own!.id}`)).statusCode).toBe(404);
    expect((await ent2.get(`/api/responsibility/letters/${own!.id}/word`)).statusCode).toBe(404);
    const notPng = await ent1.post(`/api/responsibility/letters/${own!.id}/sign`, {
      signerName: '王安全',
      signaturePng: 'data:image/png;base64,AAAA',
    });
    expect(notPng.statusCode).toBe(422);

    const signed = await ent1.post(`/api/responsibility/letters/${own!.id}/sign`, {
      signerName: '王安全',
      signaturePng: PNG,
    });
    expect(signed.statusCode, signed.body).toBe(200);
    const l = signed.json() as Letter;
    expect(l.signedAt).not.toBeNull();
    expect(l.digest).toMatch(/^[0-9a-f]{64}$/);
    const twice = await ent1.post(`/api/responsibility/letters/${own!.id}/sign`, {
      signerName: '王安全',
      signaturePng: PNG,
    });
    expect(twice.statusCode).toBe(409);
    expect(err(twice).message).toContain('不能重复签署');

    const ok = await ent1.post(`/api/responsibility/letters/${own!.id}/verify`);
    expect(ok.json()).toMatchObject({ valid: true, stored: l.digest, computed: l.digest });
    const t = (await sup.get(`/api/responsibility/templates/${templateId}`)).json() as Template;
    expect([t.signed, t.signingRate]).toEqual([1, 50]);
    // The signed letter cannot be withdrawn; the unsigned one can be (and is issued again below).
    expect((await sup.request('DELETE', `/api/responsibility/letters/${own!.id}`)).statusCode).toBe(409);
    expect(other!.signedAt).toBeNull();

    const word = await ent1.get(`/api/responsibility/letters/${own!.id}/word`);
    expect(word.statusCode).toBe(200);
    expect(word.headers['content-type']).toContain('wordprocessingml');
    // The Word letter carries the signer, the digest and the drawn signature (an image part).
    const files = unzip(word.rawPayload);
    const xml = files.get('word/document.xml')?.toString('utf8') ?? '';
    expect(xml).toContain(l.digest!);
    expect(xml).toContain('王安全');
    expect([...files.keys()].some((k) => k.startsWith('word/media/'))).toBe(true);
    const png = await ent1.get(`/api/responsibility/letters/${own!.id}/signature`);
    expect(png.headers['content-type']).toBe('image/png');
  });

  it('a changed template becomes a new revision that only the unsigned receive', async () => {
    const content = defaultLetterContent(2026, 'enterprise');
    content.articles.push({ title: '第六条 补充条款', body: '乙方每季度报送安全生产工作情况。' });
    const stale = await sup.request('PUT', `/api/responsibility/templates/${templateId}`, { content, revision: 9 });
    expect(stale.statusCode).toBe(409);
    const res = await sup.request('PUT', `/api/responsibility/templates/${templateId}`, { content, revision: 1 });
    expect(res.statusCode, res.body).toBe(200);
    expect((res.json() as Template).revision).toBe(2);
    const [signed] = await myLetter(ent1);
    const [unsigned] = await myLetter(ent2);
    expect(signed!.revision).toBe(1);
    expect(unsigned!.revision).toBe(2);
    // The signed letter still verifies against what was signed.
    expect((await sup.post(`/api/responsibility/letters/${signed!.id}/verify`)).json()).toMatchObject({ valid: true });
  });

  it('verify fails once a stored byte of the signed letter changes', async () => {
    const [own] = await myLetter(ent1);
    await env.owner.db.execute(sql`update responsibility_letters set signer_name = '王安金' where id = ${own!.id}`);
    const bad = await sup.post(`/api/responsibility/letters/${own!.id}/verify`);
    expect(bad.json()).toMatchObject({ valid: false });
    expect((bad.json() as { message: string }).message).toContain('验证失败');
    await env.owner.db.execute(sql`update responsibility_letters set signer_name = '王安全' where id = ${own!.id}`);
    expect((await sup.post(`/api/responsibility/letters/${own!.id}/verify`)).json()).toMatchObject({ valid: true });
  });

  it('reminds the unsigned parties through notifications, and exports the signing list', async () => {
    const res = await sup.post(`/api/responsibility/templates/${templateId}/remind`);
    expect(res.statusCode, res.body).toBe(200);
    expect((res.json() as { reminded: number }).reminded).toBe(1);
    const inbox = (await ent2.get('/api/notifications?kind=letterReminder')).json() as { items: { title: string }[] };
    expect(inbox.items[0]!.title).toContain('责任书');
    expect(((await ent1.get('/api/notifications?kind=letterReminder')).json() as { total: number }).total).toBe(0);
    const xlsx = await sup.get(`/api/responsibility/templates/${templateId}/export`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect((await ent1.get(`/api/responsibility/templates/${templateId}/export`)).statusCode).toBe(403);
  });
});

describe('annual assessment and commendations', () => {
  let roundId: string;

  it('computes the ledger items, shows unconnected ones as 未接入, and scores only an open round', async () => {
    const created = await sup.post('/api/responsibility/rounds', {
      year: 2026,
      version: 'enterprise',
      title: '2026年度企业安全生产工作考核',
      // Every indicator is connected now; 风险点按期复评 is taken out of the registry below for this round's snapshot.
      rubric: defaultRubric('enterprise').map((i) =>
        i.id === 'c9'
          ? { ...i, title: '风险点按期复评', indicator: 'riskPointsReviewed' as const, rule: 'rate' as const }
          : i,
      ),
      gradeBands: { excellent: 90, good: 80, pass: 60 },
    });
    expect(created.statusCode, created.body).toBe(200);
    roundId = (created.json() as { id: string }).id;
    const early = await sup.post(`/api/responsibility/rounds/${roundId}/scores`, {
      partyId: ent1Id,
      scores: [{ itemId: 'm1', points: 8 }],
    });
    expect(early.statusCode).toBe(409);
    expect(err(early).message).toContain('尚未发布');
    // Enterprises do not see a draft.
    expect((await ent1.get(`/api/responsibility/rounds/${roundId}/results`)).statusCode).toBe(404);

    // Opening commits at once; the first snapshot is a background job (快照生成中 until it is done).
    // A module not connected: its figure is 未接入, never zero.
    const riskProvider = unregisterIndicator('riskPointsReviewed')!;
    try {
      const opened = await sup.post(`/api/responsibility/rounds/${roundId}/open`);
      expect(opened.statusCode, opened.body).toBe(200);
      const openedRound = opened.json() as RoundState;
      expect(openedRound).toMatchObject({ status: 'open', figuresAt: null });
      expect(openedRound.snapshotJob).toMatchObject({ kind: 'assessment.refreshFigures' });
      await jobDone(sup, openedRound.snapshotJob!.id);
    } finally {
      registerIndicator('riskPointsReviewed', riskProvider);
    }
    const res = await sup.get(`/api/responsibility/rounds/${roundId}/results`);
    expect(res.statusCode, res.body).toBe(200);
    type Results = {
      items: {
        partyId: string;
        items: {
          itemId: string;
          figure: { connected: boolean; text: string; value: number | null; link: string | null } | null;
          score: number | null;
        }[];
      }[];
    };
    const one = (res.json() as Results).items.find((p) => p.partyId === ent1Id)!;
    const item = (id: string) => one.items.find((i) => i.itemId === id)!;
    const [found] = await rows<{ found: number; closed: number }>(
      env.database.db,
      sql`select count(*)::int as found, count(closed_at)::int as closed from hazards
           where enterprise_id = ${ent1Id} and found_on between '2026-01-01' and '2026-12-31'`,
    );
    const expected = found!.found ? Math.round((found!.closed / found!.found) * 1000) / 10 : null;
    expect(item('c1').figure).toMatchObject({ connected: true, value: expected });
    // Accidents and training hours are connected (their modules register them); 风险点按期复评 was not: 未接入.
    const [acc] = await rows<{ n: number }>(
      env.database.db,
      sql`select count(*)::int as n from accidents where enterprise_id = ${ent1Id}
           and (occurred_at at time zone 'Asia/Shanghai')::date between '2026-01-01' and '2026-12-31'`,
    );
    expect(item('c7').figure).toMatchObject({ connected: true, value: acc!.n });
    // Accidents and penalties open the records they counted too (the console lists, filtered by the link).
    expect(item('c7').figure!.link).toBe(`/accidents?enterpriseId=${ent1Id}&from=2026-01-01&to=2026-12-31`);
    expect(item('c6').figure!.link).toBe(
      `/enforcement/penalties?enterpriseId=${ent1Id}&filedFrom=2026-01-01&filedTo=2026-12-31`,
    );
    const listed = await sup.get(`/api/accidents?enterpriseId=${ent1Id}&from=2026-01-01&to=2026-12-31`);
    expect((listed.json() as { total: number }).total).toBe(acc!.n);
    expect(item('c8').figure).toMatchObject({ connected: true });
    expect(item('c9').figure).toMatchObject({ connected: false, text: '未接入' });
    expect(item('c9').score).toBeNull();

    // The figures are a snapshot taken on opening (数据截至): a hazard recorded since changes nothing until 重新计算,
    // whose background job brings it in.
    const figuresAt = (res.json() as { round: { figuresAt: string | null } }).round.figuresAt;
    expect(figuresAt).toBe('2026-11-23T02:00:00.000Z');
    const majorBefore = item('c3').figure!.value!;
    const hazard = await sup.post('/api/hazards', {
      enterpriseId: ent1Id,
      description: '储罐区未设置紧急切断装置',
      category: 'unsafeCondition',
      source: 'routine',
      grade: 'major',
      deadline: '2026-12-31',
    });
    expect(hazard.statusCode, hazard.body).toBe(200);
    const c3Of = async () =>
      ((await sup.get(`/api/responsibility/rounds/${roundId}/results`)).json() as Results).items
        .find((p) => p.partyId === ent1Id)!
        .items.find((i) => i.itemId === 'c3')!.figure!.value;
    expect(await c3Of()).toBe(majorBefore);
    expect((await ent1.post(`/api/responsibility/rounds/${roundId}/refresh`)).statusCode).toBe(403);
    const refresh = await sup.post(`/api/responsibility/rounds/${roundId}/refresh`);
    expect(refresh.statusCode, refresh.body).toBe(202);
    await jobDone(sup, (refresh.json() as { job: { id: string } }).job.id);
    expect(await c3Of()).toBe(majorBefore + 1);

    // Enterprise 2 sees its own result only; the other party's row is not there.
    const theirs = (await ent2.get(`/api/responsibility/rounds/${roundId}/results`)).json() as Results;
    expect(theirs.items.map((p) => p.partyId)).toEqual([ent2Id]);

    const self = await ent1.post(`/api/responsibility/rounds/${roundId}/self-assessment`, {
      items: [{ itemId: 'm1', text: '已建立全员安全生产责任制', fileIds: [] }],
    });
    expect(self.statusCode, self.body).toBe(200);
    const computedItem = await sup.post(`/api/responsibility/rounds/${roundId}/scores`, {
      partyId: ent1Id,
      scores: [{ itemId: 'c1', points: 5 }],
    });
    expect(computedItem.statusCode).toBe(422);
    const tooHigh = await sup.post(`/api/responsibility/rounds/${roundId}/scores`, {
      partyId: ent1Id,
      scores: [{ itemId: 'm1', points: 11 }],
    });
    expect(tooHigh.statusCode).toBe(422);
    expect(err(tooHigh).fields).toHaveProperty('scores.0.points');
    const unscored = await sup.post(`/api/responsibility/rounds/${roundId}/publish`);
    expect(unscored.statusCode).toBe(409);
    for (const partyId of [ent1Id, ent2Id]) {
      const s = await sup.post(`/api/responsibility/rounds/${roundId}/scores`, {
        partyId,
        scores: [
          { itemId: 'm1', points: 9 },
          { itemId: 'm2', points: 8 },
        ],
      });
      expect(s.statusCode, s.body).toBe(200);
    }
    // A score counts in the ranking at once: ranks are read from the percents (ties sharing one).
    const open = (
      (await sup.get(`/api/responsibility/rounds/${roundId}/results`)).json() as {
        items: { partyId: string; percent: number | null; rank: number | null }[];
      }
    ).items;
    for (const p of open) {
      expect(p.rank).toBe(1 + open.filter((o) => (o.percent ?? -1) > (p.percent ?? -1)).length);
    }
    // Publication commits 公布中 at once and closes scoring; its job freezes the results and sets 已公布.
    const published = await sup.post(`/api/responsibility/rounds/${roundId}/publish`);
    expect(published.statusCode, published.body).toBe(200);
    const publishing = published.json() as RoundState;
    expect(publishing.status).toBe('publishing');
    expect(publishing.snapshotJob).toMatchObject({ kind: 'assessment.publishRound' });
    const meanwhile = await sup.post(`/api/responsibility/rounds/${roundId}/scores`, {
      partyId: ent1Id,
      scores: [{ itemId: 'm1', points: 1 }],
    });
    if (meanwhile.statusCode !== 409) throw new Error(meanwhile.body);
    expect(['ROUND_PUBLISHING', 'ROUND_BUSY', 'ROUND_CLOSED']).toContain(err(meanwhile).code);
    expect((await settled(sup, roundId)).status).toBe('published');
    // The published grade is a credit event of the enterprise, written in the publication's transaction.
    const mine = (
      (await sup.get(`/api/responsibility/rounds/${roundId}/results`)).json() as {
        items: { partyId: string; grade: 'excellent' | 'good' | 'pass' | 'fail' | null }[];
      }
    ).items.find((p) => p.partyId === ent1Id)!;
    const credit = (await ent1.get(`/api/credit/enterprises/${ent1Id}`)).json() as CreditDetail;
    const gradeKind = {
      excellent: 'assessmentExcellent',
      good: 'assessmentGood',
      pass: 'assessmentPass',
      fail: 'assessmentFailed',
    }[mine.grade!];
    const assessed = credit.events.find((e) => e.sourceType === 'assessment' && e.sourceId === roundId);
    expect(assessed).toMatchObject({ kind: gradeKind, counting: true, occurredOn: '2026-11-23' });
    expect(assessed!.sourceLabel).toContain('2026年度企业安全生产工作考核');
    const late = await sup.post(`/api/responsibility/rounds/${roundId}/scores`, {
      partyId: ent1Id,
      scores: [{ itemId: 'm1', points: 1 }],
    });
    expect(late.statusCode).toBe(409);
    expect(err(late).message).toContain('已公布');
    const xlsx = await sup.get(`/api/responsibility/rounds/${roundId}/export`);
    expect(xlsx.statusCode).toBe(200);
  });

  it('numbers commendations and renders the certificate; an enterprise sees only its own', async () => {
    const res = await sup.post('/api/responsibility/commendations', {
      year: 2026,
      kind: 'enterprise',
      enterpriseId: ent1Id,
      honour: '安全生产先进企业',
      reason: '隐患排查治理扎实有效',
      awardedOn: '2026-11-23',
      roundId,
    });
    expect(res.statusCode, res.body).toBe(200);
    const c = res.json() as { id: string; number: string };
    expect(c.number).toMatch(/〔2026〕001号$/);
    // The commendation raises the enterprise's credit in its own transaction; the history names it.
    const credit = (await ent1.get(`/api/credit/enterprises/${ent1Id}`)).json() as CreditDetail;
    const ev = credit.events.find((e) => e.kind === 'commendation' && e.sourceId === c.id);
    expect(ev).toMatchObject({ sourceType: 'commendation', points: 5, counting: true, occurredOn: '2026-11-23' });
    expect(ev!.sourceLabel).toContain(c.number);
    const noName = await sup.post('/api/responsibility/commendations', {
      year: 2026,
      kind: 'individual',
      honour: '安全生产先进个人',
      reason: '认真履职',
      awardedOn: '2026-11-23',
    });
    expect(noName.statusCode).toBe(400);
    expect(err(noName).fields).toHaveProperty('personName');
    const cert = await ent1.get(`/api/responsibility/commendations/${c.id}/certificate`);
    expect(cert.statusCode).toBe(200);
    expect(cert.headers['content-type']).toContain('wordprocessingml');
    expect((await ent2.get(`/api/responsibility/commendations/${c.id}`)).statusCode).toBe(404);
    expect((await ent2.get(`/api/responsibility/commendations/${c.id}/certificate`)).statusCode).toBe(404);
  });
});

describe('demo data', () => {
  it('has the 2023 letters with some unsigned, a published round and commendations, all verifying', async () => {
    const templates = (await sup.get('/api/responsibility/templates?year=2023')).json() as { items: Template[] };
    expect(templates.items).toHaveLength(3);
    const ent = templates.items.find((t) => (t as unknown as { version: string }).version === 'enterprise')!;
    expect(ent.signed).toBeLessThan(ent.issued);
    expect(ent.signed).toBeGreaterThan(0);
    const signed = (await sup.get(`/api/responsibility/letters?year=2023&signed=true&pageSize=1`)).json() as {
      items: Letter[];
    };
    expect((await sup.post(`/api/responsibility/letters/${signed.items[0]!.id}/verify`)).json()).toMatchObject({
      valid: true,
    });
    const rounds = (await sup.get('/api/responsibility/rounds')).json() as {
      items: { year: number; status: string }[];
    };
    expect(rounds.items.find((r) => r.year === 2023)?.status).toBe('published');
    const list = (await sup.get('/api/responsibility/commendations?year=2023')).json() as { total: number };
    expect(list.total).toBe(5);
    expect((await verifyAuditChains(env.database.db)).ok).toBe(true);
  });

  it('finds letters by a party name of two or more characters, a page at a time in the list order', async () => {
    const all = (await sup.get('/api/responsibility/letters?year=2023&pageSize=100')).json() as {
      items: (Letter & { partyName: string })[];
      total: number;
    };
    expect(all.total).toBeGreaterThan(3);
    expect(all.items).toHaveLength(all.total);
    // A two-character term (the bigram index's case) and a longer one, each against the names of the whole list.
    const name = all.items[0]!.partyName;
    for (const term of [name.slice(0, 2), name.slice(0, 4)]) {
      const want = all.items.filter((l) => l.partyName.toLowerCase().includes(term.toLowerCase()));
      const pages: string[] = [];
      for (let page = 1; page <= Math.ceil(want.length / 2); page++) {
        const res = await sup.get(
          `/api/responsibility/letters?year=2023&q=${encodeURIComponent(term)}&pageSize=2&page=${page}`,
        );
        const body = res.json() as { items: Letter[]; total: number };
        expect(body.total, term).toBe(want.length);
        pages.push(...body.items.map((l) => l.id));
      }
      expect(pages, term).toEqual(want.map((l) => l.id));
    }
  });
});
