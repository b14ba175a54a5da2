// Annual assessment (年度考核): a round per year and version whose parties are those who received that year's letter.
// Draft: the committee edits the rubric. Open (发布): computed items take their figures from the indicator registry
// (platform/indicators.ts) — a key nobody provides is 未接入 and counts neither for nor against — parties self-assess
// the manual items with evidence, the committee scores them. Published (公布结果): figures, totals, grades and ranks are
// frozen and the round is closed to scoring.
// An open round's computed figures are a snapshot (数据截至 figures_at) stored on the parties' rows with their totals
// and grades, so that a page of a 100,000-party ranking reads like a published one; its ranks are read (an index on
// percent), so a committee score writes its party's row only. The snapshot is never taken in a request: opening
// commits the round and queues it (重新计算's background job, with progress; the page shows 快照生成中 meanwhile),
// 重新计算 and the nightly sweep take it again, and publication (公布) commits 公布中 at once and leaves the final
// snapshot to a job which, in one transaction, takes it, freezes ranks and grades and sets 已公布 — a published round's
// results are never read from a snapshot being written. The figures are the providers' own (one park-wide query per
// indicator), and each still links to the records it counts.
import {
  computedScore,
  type Figure,
  formatFigure,
  GRADE_LABELS,
  type GradeBands,
  gradeOf,
  LETTER_VERSION_LABELS,
  NOT_CONNECTED,
  type PartyResultView,
  type RoundCreate,
  type RoundResults,
  type RoundResultsQuery,
  type RoundUpdate,
  type RoundView,
  type RubricItem,
  type ScoreBody,
  type SelfAssessBody,
  SNAPSHOT_PENDING,
} from '../../../../shared/src/responsibility';
import { shanghaiToday } from '../../../../shared/src/validators';
import type { Actor, RequestContext } from '../../platform/actor';
import { appendAudit } from '../../platform/audit';
import { now } from '../../platform/clock';
import type { Db } from '../../platform/db';
import { conflict, forbidden, notFound, unprocessable } from '../../platform/errors';
import { loadExcel } from '../../platform/excel';
import { type IndicatorValue, indicatorProvider } from '../../platform/indicators';
import { activeJobs, type JobHandler, type JobRecord, type JobRunner, toJobView } from '../../platform/jobs';
import { assertCan, can } from '../../platform/permissions';
import * as credit from '../credit/service';
import { assertFilesUsable } from '../files/service';
import * as repo from './repository';

const isoOrNull = (v: string | Date | null) => (v == null ? null : new Date(v).toISOString());
const round2 = (n: number) => Math.round(n * 100) / 100;

export const REFRESH_JOB_KIND = 'assessment.refreshFigures';
export const PUBLISH_JOB_KIND = 'assessment.publishRound';
const jobKey = (parkId: string, roundId: string) => `${parkId}:${roundId}`;

/** The rounds' snapshot or publication jobs while queued or running, by round id (a publication's first). */
async function roundJobs(db: Db, parkId: string, ids: readonly string[]) {
  const found = await activeJobs(
    db,
    [REFRESH_JOB_KIND, PUBLISH_JOB_KIND],
    ids.map((id) => jobKey(parkId, id)),
  );
  found.sort((a, b) => Number(a.kind === PUBLISH_JOB_KIND) - Number(b.kind === PUBLISH_JOB_KIND));
  return new Map(found.map((j) => [(j.params as { roundId: string }).roundId, j]));
}

async function roundViewOf(db: Db, parkId: string, r: repo.RoundRow): Promise<RoundView> {
  return roundView(r, (await roundJobs(db, parkId, [r.id])).get(r.id));
}

function roundView(r: repo.RoundRow, job?: JobRecord): RoundView {
  return {
    id: r.id,
    year: Number(r.year),
    version: r.version,
    title: r.title,
    status: r.status,
    rubric: r.rubric as RubricItem[],
    gradeBands: r.grade_bands as GradeBands,
    parties: r.parties,
    openedAt: isoOrNull(r.opened_at),
    publishedAt: isoOrNull(r.published_at),
    figuresAt: r.status === 'draft' ? null : isoOrNull(r.figures_at ?? r.published_at),
    snapshotJob: job ? toJobView(job) : null,
  };
}

export async function listRounds(db: Db, actor: Actor) {
  assertCan(actor, 'assessment.read');
  const list = await repo.listRounds(db, actor.parkId);
  const jobs = await roundJobs(
    db,
    actor.parkId,
    list.filter((r) => r.status === 'open' || r.status === 'publishing').map((r) => r.id),
  );
  const all = list.map((r) => roundView(r, jobs.get(r.id)));
  // Parties see the rounds that reached them (open or published), not the committee's drafts.
  return {
    items: can(actor, 'assessment.manage') || actor.role === 'leader' ? all : all.filter((r) => r.status !== 'draft'),
  };
}

async function loadRound(db: Db, actor: Actor, id: string, forUpdate = false) {
  const r = await repo.getRound(db, actor.parkId, id, forUpdate);
  if (!r || (r.status === 'draft' && !can(actor, 'assessment.manage') && actor.role !== 'leader')) {
    throw notFound('考核');
  }
  return r;
}

/**
 * The round locked for a change that must not wait: a snapshot (重新计算, the nightly sweep, a publication's job)
 * holds the round for its whole transaction — at 100,000 parties over a minute — so a score or a publication meanwhile
 * is refused at once with ROUND_BUSY instead of queueing behind it.
 */
async function lockRoundNow(tx: Db, actor: Actor, id: string) {
  const r = await repo.getRound(tx, actor.parkId, id, 'skipLocked');
  if (r) return loadRound(tx, actor, id); // the visibility rule of loadRound (the lock is held)
  await loadRound(tx, actor, id); // 404 when there is no such round
  throw conflict('ROUND_BUSY', '考核数据正在计算（快照生成中），请稍后再试');
}

export async function createRound(db: Db, ctx: RequestContext, input: RoundCreate) {
  const actor = ctx.actor!;
  assertCan(actor, 'assessment.manage');
  const id = await db.transaction(async (tx) => {
    if (await repo.roundTaken(tx, actor.parkId, input.year, input.version)) {
      const msg = `${input.year} 年度${LETTER_VERSION_LABELS[input.version].zh}考核已存在`;
      throw conflict('ROUND_EXISTS', msg, { year: msg });
    }
    const id = await repo.insertRound(tx, {
      parkId: actor.parkId,
      year: input.year,
      version: input.version,
      title: input.title,
      rubric: input.rubric,
      bands: input.gradeBands,
      by: actor.userId,
      at: now(),
    });
    await appendAudit(tx, ctx, {
      action: 'assessment.create',
      entityType: 'assessmentRound',
      entityId: id,
      after: input,
    });
    return id;
  });
  return roundView((await repo.getRound(db, actor.parkId, id))!);
}

export async function updateRound(db: Db, ctx: RequestContext, id: string, input: RoundUpdate) {
  const actor = ctx.actor!;
  assertCan(actor, 'assessment.manage');
  await db.transaction(async (tx) => {
    const r = await loadRound(tx, actor, id, true);
    if (r.status !== 'draft') throw conflict('ROUND_NOT_DRAFT', '考核已发布，细则不能再修改');
    await repo.updateRound(tx, actor.parkId, id, {
      title: input.title,
      rubric: input.rubric,
      bands: input.gradeBands,
      at: now(),
    });
    await appendAudit(tx, ctx, {
      action: 'assessment.update',
      entityType: 'assessmentRound',
      entityId: id,
      before: { title: r.title, rubric: r.rubric, gradeBands: r.grade_bands },
      after: input,
    });
  });
  return roundView((await repo.getRound(db, actor.parkId, id))!);
}

/**
 * Draft → open: the parties are those who received the year's letter of the version. The round opens at once; its
 * first snapshot is 重新计算's job, queued in the opening's transaction (数据截至 is empty and the page says 快照生成中
 * until it is done; a job that fails its attempts is taken again by 重新计算 or the nightly sweep). Without a runner (the demo seed,
 * inside its own transaction) the snapshot is taken in the opening's transaction.
 */
export async function openRound(db: Db, runner: JobRunner | null, ctx: RequestContext, id: string) {
  const actor = ctx.actor!;
  assertCan(actor, 'assessment.manage');
  await db.transaction(async (tx) => {
    const r = await loadRound(tx, actor, id, true);
    if (r.status !== 'draft') throw conflict('ROUND_NOT_DRAFT', '考核已发布');
    const at = now();
    const added = await repo.addRoundParties(tx, actor.parkId, id, Number(r.year), r.version, at);
    if (added === 0) {
      throw unprocessable(
        'ROUND_NO_PARTIES',
        `${r.year} 年度尚未下达${LETTER_VERSION_LABELS[r.version].zh}责任书，没有可考核的单位`,
      );
    }
    await repo.setRoundStatus(tx, actor.parkId, id, 'open', at);
    if (!runner) await takeSnapshot(tx, actor.parkId, { ...r, status: 'open' });
    else await enqueueRefresh(runner, ctx, r, tx);
    await appendAudit(tx, ctx, {
      action: 'assessment.open',
      entityType: 'assessmentRound',
      entityId: id,
      after: { parties: added },
    });
  });
  runner?.wake();
  const round = (await repo.getRound(db, actor.parkId, id))!;
  return roundViewOf(db, actor.parkId, round);
}

type Progress = (done: number, total: number, message: string) => void;

/**
 * The snapshot runs in the server process (the job runner's): its loops over 100,000 parties hand the event loop back
 * every few thousand, so that requests meanwhile (a page, a refused publication) are not held behind it.
 */
const yieldEvery = async (i: number) => {
  if (i > 0 && i % 2_000 === 0) await new Promise<void>((resolve) => setImmediate(resolve));
};

/**
 * Figures of every computed item for the parties (one provider call per indicator, for all of them). The parties are
 * the round's, i.e. the park's enterprises that received the year's letter, so the providers group over the park
 * (wholePark) rather than receive 100,000 ids.
 */
async function liveFigures(
  db: Db,
  parkId: string,
  round: repo.RoundRow,
  parties: repo.RoundPartyRow[],
  progress: Progress = () => {},
) {
  const rubric = round.rubric as RubricItem[];
  const enterpriseIds = parties.flatMap((p) => (p.enterprise_id ? [p.enterprise_id] : []));
  const q = {
    parkId,
    year: Number(round.year),
    enterpriseIds,
    wholePark: true,
    today: shanghaiToday(now()),
    shared: new Map(),
  };
  const byItem = new Map<string, Map<string, Figure>>();
  const computed = rubric.filter((i) => i.kind === 'computed' && i.indicator);
  for (const [n, item] of computed.entries()) {
    progress(n, computed.length + 1, `计算「${item.title}」`);
    if (item.kind !== 'computed' || !item.indicator) continue;
    const key = item.indicator;
    const provider = indicatorProvider(key);
    const figures = new Map<string, Figure>();
    let values: Map<string, IndicatorValue> | null = null;
    // The ids travel as one array parameter (uuidArray), so one query per indicator serves every party.
    if (provider && enterpriseIds.length) values = await provider(db, q);
    for (const [i, p] of parties.entries()) {
      await yieldEvery(i);
      const v = p.enterprise_id && values ? values.get(p.enterprise_id) : undefined;
      figures.set(
        p.party_id,
        v
          ? { connected: true, value: v.value, text: formatFigure(key, v.value), link: v.link }
          : { connected: false, value: null, text: NOT_CONNECTED, link: null },
      );
    }
    byItem.set(item.id, figures);
  }
  return byItem;
}

function partyResult(round: repo.RoundRow, p: repo.RoundPartyRow, figures: (itemId: string) => Figure | null) {
  const rubric = round.rubric as RubricItem[];
  let total = 0;
  let available = 0;
  const items = rubric.map((item) => {
    const self = p.self_assessment[item.id];
    if (item.kind === 'computed') {
      const figure = figures(item.id) ?? { connected: false, value: null, text: NOT_CONNECTED, link: null };
      const score = computedScore(item, figure);
      if (score != null) {
        total += score;
        available += item.maxPoints;
      }
      return { itemId: item.id, figure, selfText: null, evidenceFileIds: [], score };
    }
    const score = p.scores[item.id] ?? null;
    available += item.maxPoints;
    if (score != null) total += score;
    return { itemId: item.id, figure: null, selfText: self?.text ?? null, evidenceFileIds: self?.fileIds ?? [], score };
  });
  const percent = available > 0 ? round2((total / available) * 100) : null;
  return {
    partyId: p.party_id,
    partyName: p.party_name,
    enterpriseId: p.enterprise_id,
    items,
    total: round2(total),
    available: round2(available),
    percent,
    grade: percent == null ? null : gradeOf(percent, round.grade_bands as GradeBands),
    rank: null as number | null,
    selfSubmittedAt: isoOrNull(p.self_submitted_at),
  } satisfies PartyResultView;
}

const PENDING: Figure = { connected: false, value: null, text: SNAPSHOT_PENDING, link: null };

/** A party's result from its stored figures (the open round's snapshot or the published round's frozen ones). */
const storedResult = (round: repo.RoundRow, p: repo.RoundPartyRow): PartyResultView => ({
  ...partyResult(
    round,
    p,
    (itemId) =>
      (p.figures?.[itemId] as Figure | undefined) ?? (p.figures == null && !round.figures_at ? PENDING : null),
  ),
  rank: p.rank,
});

/** An open or publishing round ranks at read time; a published one reads the ranks frozen with it. */
const liveRanks = (round: repo.RoundRow) => round.status !== 'published';

async function computeResults(db: Db, actor: Actor, round: repo.RoundRow): Promise<PartyResultView[]> {
  return (await repo.roundParties(db, actor, round.id, undefined, liveRanks(round))).map((p) => storedResult(round, p));
}

const resultRow = (p: PartyResultView): repo.PartyResultRow => ({
  partyId: p.partyId,
  figures: Object.fromEntries(p.items.flatMap((i) => (i.figure ? [[i.itemId, i.figure]] : []))),
  total: p.total,
  percent: p.percent,
  grade: p.grade,
});

/** Ranks as rank() over (order by percent desc nulls last): ties share a rank, parties with nothing that counts last. */
function withRanks(list: repo.PartyResultRow[]): repo.PartyResultRow[] {
  const key = (r: repo.PartyResultRow) => r.percent ?? -1;
  const sorted = [...list].sort((a, b) => key(b) - key(a));
  sorted.forEach((r, i) => {
    r.rank = i > 0 && key(sorted[i - 1]!) === key(r) ? sorted[i - 1]!.rank : i + 1;
  });
  return list;
}

/**
 * Computes every party's figures (park-wide, one query per indicator) and stores them with totals, grades and ranks:
 * the open round's snapshot. Runs in the caller's transaction. Returns the parties counted.
 */
export async function takeSnapshot(
  tx: Db,
  parkId: string,
  round: repo.RoundRow,
  progress: Progress = () => {},
): Promise<number> {
  const parties = await repo.allRoundParties(tx, parkId, round.id);
  const figures = await liveFigures(tx, parkId, round, parties, progress);
  const computedCount = (round.rubric as RubricItem[]).filter((i) => i.kind === 'computed' && i.indicator).length;
  progress(computedCount, computedCount + 1, '保存结果');
  const rowsOf: repo.PartyResultRow[] = [];
  for (const [i, p] of parties.entries()) {
    await yieldEvery(i);
    rowsOf.push(resultRow(partyResult(round, p, (itemId) => figures.get(itemId)?.get(p.party_id) ?? null)));
  }
  const results = withRanks(rowsOf);
  // Ranked here so that each row is written once (a second UPDATE of 100,000 rows for the ranks took as long again).
  await repo.saveResults(tx, parkId, round.id, results);
  const at = now();
  await repo.setFiguresAt(tx, parkId, round.id, at);
  round.figures_at = at;
  return parties.length;
}

/**
 * After a committee score: the party's total, percent and grade from its snapshot figures — one row; the ranks are
 * read from the percents (no re-rank of the round).
 */
async function rescoreParty(tx: Db, parkId: string, round: repo.RoundRow, partyId: string) {
  const [p] = await repo.allRoundParties(tx, parkId, round.id, partyId);
  if (!p) return;
  await repo.saveResults(tx, parkId, round.id, [resultRow(storedResult(round, p))]);
}

const snapshotSteps = (round: repo.RoundRow) =>
  (round.rubric as RubricItem[]).filter((i) => i.kind === 'computed').length + 1;

/** Queues the round's snapshot; given the opening's transaction, it is queued if and only if the opening commits. */
function enqueueRefresh(runner: JobRunner, ctx: RequestContext, round: repo.RoundRow, tx?: Db) {
  return runner.enqueueOnce(
    ctx,
    {
      kind: REFRESH_JOB_KIND,
      key: jobKey(ctx.actor!.parkId, round.id),
      params: { roundId: round.id },
      total: snapshotSteps(round),
      message: '排队中',
    },
    tx,
  );
}

/** 重新计算: a background job per round (a second click follows the one queued or running). */
export async function startRefresh(db: Db, runner: JobRunner, ctx: RequestContext, id: string) {
  const actor = ctx.actor!;
  assertCan(actor, 'assessment.manage');
  const round = await loadRound(db, actor, id);
  if (round.status !== 'open') throw conflict('ROUND_NOT_OPEN', '只有考核中的考核需要重新计算（已公布的结果已冻结）');
  const { job, existing } = await enqueueRefresh(runner, ctx, round);
  return { job: toJobView(job), alreadyRunning: existing };
}

export function refreshHandler(db: Db): JobHandler<{ roundId: string }> {
  return async (run) => {
    const actor = run.ctx.actor!;
    assertCan(actor, 'assessment.manage');
    const parties = await db.transaction(async (tx) => {
      const r = await loadRound(tx, actor, run.params.roundId, true);
      if (r.status !== 'open') return 0;
      const before = isoOrNull(r.figures_at);
      const n = await takeSnapshot(tx, actor.parkId, r, (done, total, message) => run.progress(done, total, message));
      await appendAudit(tx, run.ctx, {
        action: 'assessment.refresh',
        entityType: 'assessmentRound',
        entityId: r.id,
        before: { figuresAt: before },
        after: { parties: n },
      });
      return n;
    });
    return { result: { parties }, message: parties ? `已重新计算 ${parties} 家单位` : '考核已不在考核中' };
  };
}

/** The scheduler's nightly refresh: open rounds whose snapshot is not of today (Shanghai) are taken again. */
export async function refreshStaleRounds(db: Db): Promise<number> {
  const startOfDay = new Date(`${shanghaiToday(now())}T00:00:00+08:00`);
  const stale = await repo.staleOpenRounds(db, startOfDay);
  for (const s of stale) {
    await db.transaction(async (tx) => {
      const r = await repo.getRound(tx, s.park_id, s.id, true);
      if (r && r.status === 'open') await takeSnapshot(tx, s.park_id, r);
    });
  }
  return stale.length;
}

/**
 * A page of the ranking, read a page at a time by rank (index on rank): a published round's frozen results, an open
 * round's snapshot (with the committee's scores as they are now).
 */
export async function results(
  db: Db,
  actor: Actor,
  id: string,
  query: Partial<RoundResultsQuery> = {},
): Promise<RoundResults> {
  assertCan(actor, 'assessment.read');
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 50;
  const round = await loadRound(db, actor, id);
  {
    const { items, total } = await repo.roundPartiesPage(db, actor, round.id, {
      q: query.q,
      live: liveRanks(round),
      // The round already counted its parties; only a narrower scope (a party's own row) counts again.
      knownTotal: can(actor, 'assessment.manage') || actor.role === 'leader' ? Number(round.parties) : undefined,
      limit: pageSize,
      offset: (page - 1) * pageSize,
    });
    const view = liveRanks(round) ? await roundViewOf(db, actor.parkId, round) : roundView(round);
    return { round: view, items: items.map((p) => storedResult(round, p)), total, page, pageSize };
  }
}

/** Every party's result, for the export. */
async function allResults(db: Db, actor: Actor, id: string) {
  assertCan(actor, 'assessment.read');
  const round = await loadRound(db, actor, id);
  return { round: roundView(round), items: await computeResults(db, actor, round) };
}

function assertOpen(r: repo.RoundRow) {
  if (r.status === 'draft') throw conflict('ROUND_NOT_OPEN', '考核尚未发布，不能自评或评分');
  if (r.status === 'publishing') throw conflict('ROUND_PUBLISHING', '考核结果正在公布（冻结中），不能再自评或评分');
  if (r.status === 'published') throw conflict('ROUND_CLOSED', '考核结果已公布，考核已关闭，不能再自评或评分');
}

export async function selfAssess(db: Db, ctx: RequestContext, id: string, input: SelfAssessBody) {
  const actor = ctx.actor!;
  if (!can(actor, 'assessment.self')) throw forbidden('只有被考核单位本单位的账户才能自评', 'ASSESSMENT_NOT_PARTY');
  const partyId = actor.enterpriseId ?? actor.organisationId;
  await db.transaction(async (tx) => {
    const r = await lockRoundNow(tx, actor, id);
    assertOpen(r);
    const [p] = await repo.roundParties(tx, actor, id, partyId);
    if (!p) throw notFound('本单位的考核');
    const manual = new Map((r.rubric as RubricItem[]).filter((i) => i.kind === 'manual').map((i) => [i.id, i]));
    const self = { ...p.self_assessment };
    for (const [n, item] of input.items.entries()) {
      if (!manual.has(item.itemId)) {
        const msg = `细则 ${item.itemId} 不是需要自评的项目`;
        throw unprocessable('ASSESSMENT_ITEM_INVALID', msg, { [`items.${n}.itemId`]: msg });
      }
      if (item.fileIds.length) {
        if (!p.enterprise_id) {
          const msg = '佐证文件只能由企业上传';
          throw unprocessable('ASSESSMENT_EVIDENCE_INVALID', msg, { [`items.${n}.fileIds`]: msg });
        }
        await assertFilesUsable(
          tx,
          actor,
          p.enterprise_id,
          item.fileIds,
          ['evidence', 'document'],
          `items.${n}.fileIds`,
        );
      }
      self[item.itemId] = { text: item.text, fileIds: [...new Set(item.fileIds)] };
    }
    await repo.saveSelf(tx, actor.parkId, id, partyId, self, now());
    await appendAudit(tx, ctx, {
      action: 'assessment.selfAssess',
      entityType: 'assessmentRound',
      entityId: id,
      enterpriseId: p.enterprise_id ?? undefined,
      before: p.self_assessment,
      after: self,
    });
  });
  return results(db, actor, id);
}

export async function score(db: Db, ctx: RequestContext, id: string, input: ScoreBody) {
  const actor = ctx.actor!;
  assertCan(actor, 'assessment.manage');
  await db.transaction(async (tx) => {
    const r = await lockRoundNow(tx, actor, id);
    assertOpen(r);
    const [p] = await repo.roundParties(tx, actor, id, input.partyId);
    if (!p) {
      const msg = '被考核单位不在本次考核中';
      throw unprocessable('ASSESSMENT_PARTY_INVALID', msg, { partyId: msg });
    }
    const manual = new Map((r.rubric as RubricItem[]).filter((i) => i.kind === 'manual').map((i) => [i.id, i]));
    const scores = { ...p.scores };
    for (const [n, s] of input.scores.entries()) {
      const item = manual.get(s.itemId);
      if (!item) {
        const msg = `细则 ${s.itemId} 不是人工评分的项目（自动计算的项目由平台记录得出）`;
        throw unprocessable('ASSESSMENT_ITEM_INVALID', msg, { [`scores.${n}.itemId`]: msg });
      }
      if (s.points > item.maxPoints) {
        const msg = `“${item.title}”得分不能超过该项分值 ${item.maxPoints}`;
        throw unprocessable('ASSESSMENT_SCORE_TOO_HIGH', msg, { [`scores.${n}.points`]: msg });
      }
      scores[s.itemId] = round2(s.points);
    }
    await repo.saveScores(tx, actor.parkId, id, input.partyId, scores, now());
    await rescoreParty(tx, actor.parkId, r, input.partyId);
    await appendAudit(tx, ctx, {
      action: 'assessment.score',
      entityType: 'assessmentRound',
      entityId: id,
      enterpriseId: p.enterprise_id ?? undefined,
      before: p.scores,
      after: { partyId: input.partyId, scores },
    });
  });
  return results(db, actor, id);
}

/**
 * Open → 公布中 (publishing): refused while a snapshot is being taken (ROUND_BUSY) or a party is unscored; else the
 * publication commits at once with its audit record, scoring closes, and the publication job takes the final snapshot.
 * The job is queued in the same transaction, so a crash cannot leave 公布中 without it. A replay of a publication in
 * progress answers the round as it is (and queues the job again if it failed its attempts); of a published one,
 * ROUND_CLOSED. Without a runner (the demo seed, in its own transaction) it is finished in place.
 */
export async function publish(db: Db, runner: JobRunner | null, ctx: RequestContext, id: string) {
  const actor = ctx.actor!;
  assertCan(actor, 'assessment.manage');
  const round = await db.transaction(async (tx) => {
    const r = await lockRoundNow(tx, actor, id);
    // A replay (or 继续公布 after the job failed its attempts): queue the job again unless it is queued or running.
    if (r.status === 'publishing') {
      if (runner) await enqueuePublication(runner, ctx, r, tx);
      return r;
    }
    assertOpen(r);
    const manual = (r.rubric as RubricItem[]).filter((i) => i.kind === 'manual').map((i) => i.id);
    const unscored = await repo.unscoredParties(tx, actor.parkId, id, manual);
    if (unscored.n > 0) {
      throw conflict(
        'ROUND_UNSCORED',
        `还有 ${unscored.n} 家单位的人工评分项目未评分（${unscored.names.join('、')}${unscored.n > 3 ? ' 等' : ''}）`,
      );
    }
    await repo.setRoundStatus(tx, actor.parkId, id, 'publishing', now());
    await appendAudit(tx, ctx, {
      action: 'assessment.publish',
      entityType: 'assessmentRound',
      entityId: id,
      before: { status: r.status, figuresAt: isoOrNull(r.figures_at) },
      after: { status: 'publishing', parties: Number(r.parties) },
    });
    const publishing = { ...r, status: 'publishing' as const };
    if (!runner) await finishPublication(tx, ctx, publishing);
    else await enqueuePublication(runner, ctx, publishing, tx);
    return publishing;
  });
  runner?.wake();
  return roundViewOf(db, actor.parkId, (await repo.getRound(db, actor.parkId, round.id))!);
}

/** The publication's job, in the transaction that sets 公布中: a round is never 公布中 without its job queued. */
function enqueuePublication(runner: JobRunner, ctx: RequestContext, round: repo.RoundRow, tx: Db) {
  return runner.enqueueOnce(
    ctx,
    {
      kind: PUBLISH_JOB_KIND,
      key: jobKey(ctx.actor!.parkId, round.id),
      params: { roundId: round.id },
      total: snapshotSteps(round),
      message: '排队中',
    },
    tx,
  );
}

/**
 * 公布中 → 已公布, in the caller's transaction with the round locked: the final snapshot (every party's figures,
 * total, grade and rank), 不合格 for those with nothing that counts, the status, the credit events and the audit record.
 * Until it commits the round reads as 公布中 with its previous snapshot. Returns the parties published.
 */
async function finishPublication(
  tx: Db,
  ctx: RequestContext,
  r: repo.RoundRow,
  progress: Progress = () => {},
): Promise<number> {
  const actor = ctx.actor!;
  const parties = await takeSnapshot(tx, actor.parkId, r, progress);
  // The parties' enterprises and the first three by the ranks just frozen (not every party's figures read back).
  const { enterpriseIds, top } = await repo.publicationSummary(tx, actor.parkId, r.id);
  await repo.gradeUngraded(tx, actor.parkId, r.id);
  await repo.setRoundStatus(tx, actor.parkId, r.id, 'published', now());
  // Each enterprise party's published grade is a credit event, in this transaction.
  await credit.refreshManyIn(tx, actor.parkId, enterpriseIds);
  await appendAudit(tx, ctx, {
    action: 'assessment.published',
    entityType: 'assessmentRound',
    entityId: r.id,
    after: {
      parties,
      figuresAt: isoOrNull(r.figures_at),
      top: top.map((p) => ({ name: p.name, total: Number(p.total), grade: p.grade ?? 'fail' })),
    },
  });
  return parties;
}

/** The publication's job: waits for a snapshot in progress, then finishes the publication (a replay finds it done). */
export function publishHandler(db: Db): JobHandler<{ roundId: string }> {
  return async (run) => {
    const actor = run.ctx.actor!;
    assertCan(actor, 'assessment.manage');
    const parties = await db.transaction(async (tx) => {
      const r = await loadRound(tx, actor, run.params.roundId, true);
      if (r.status !== 'publishing') return null;
      return finishPublication(tx, run.ctx, r, (done, total, message) => run.progress(done, total, message));
    });
    return {
      result: { parties },
      message: parties == null ? '考核不在公布中（已公布）' : `已公布 ${parties} 家单位的考核结果`,
    };
  };
}

export async function exportResults(db: Db, ctx: RequestContext, id: string) {
  const actor = ctx.actor!;
  assertCan(actor, 'assessment.read');
  const { round, items } = await allResults(db, actor, id);
  const ExcelJS = await loadExcel();
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('考核结果', { views: [{ state: 'frozen', ySplit: 2, xSplit: 2 }] });
  ws.addRow([`${round.title}（${round.status === 'published' ? '已公布' : '考核中，未公布'}）`]);
  ws.addRow([
    '排名',
    '单位',
    ...round.rubric.map((i) => `${i.title}（${i.maxPoints}分）`),
    '得分',
    '计分满分',
    '得分率',
    '等级',
  ]);
  for (const p of items) {
    ws.addRow([
      p.rank ?? '',
      p.partyName,
      ...p.items.map((i) =>
        i.figure && !i.figure.connected
          ? NOT_CONNECTED
          : i.figure
            ? `${i.score ?? ''}（${i.figure.text}）`
            : (i.score ?? '未评分'),
      ),
      p.total,
      p.available,
      p.percent == null ? '' : `${p.percent.toFixed(1)}%`,
      p.grade ? GRADE_LABELS[p.grade] : '',
    ]);
  }
  ws.getRow(2).font = { bold: true };
  const buffer = Buffer.from(await wb.xlsx.writeBuffer());
  await db.transaction((tx) =>
    appendAudit(tx, ctx, {
      action: 'assessment.export',
      entityType: 'assessmentRound',
      entityId: id,
      after: { rows: items.length },
    }),
  );
  return { buffer, fileName: `${round.title}_考核结果.xlsx` };
}

/** 补录: a past round's parties and the committee's manual scores as given then (the demo park's history). */
export const backfill = {
  roundParties: repo.roundParties,
  saveScores: repo.saveScores,
};
