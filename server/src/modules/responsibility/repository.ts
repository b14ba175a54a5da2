// Queries of the responsibility system: letter templates and their revisions, letters (scoped by party), assessment
// rounds and their parties, commendations. No rules here.

import { type SQL, sql } from 'drizzle-orm';
import type { LetterContent, LetterListQuery, LetterVersion } from '../../../../shared/src/responsibility';
import type { Actor } from '../../platform/actor';
import { type Db, rows, uuidArray } from '../../platform/db';
import { nameContains } from '../../platform/pagination';
import { enterpriseScopeSql, partyScopeSql } from '../../platform/scope';

// ------------------------------------------------------------------------------------------------------ templates

export interface TemplateRow {
  id: string;
  year: number;
  version: LetterVersion;
  revision: number;
  content: LetterContent;
  issued: number;
  signed: number;
  updated_at: string | Date;
}

const TEMPLATE_SELECT = sql`select t.id, t.year, t.version, t.revision, r.content, t.updated_at,
    (select count(*)::int from responsibility_letters l where l.park_id = t.park_id and l.template_id = t.id) as issued,
    (select count(*)::int from responsibility_letters l where l.park_id = t.park_id and l.template_id = t.id
        and l.signed_at is not null) as signed
  from responsibility_templates t
  join responsibility_template_revisions r on r.park_id = t.park_id and r.template_id = t.id and r.revision = t.revision`;

export function listTemplates(db: Db, parkId: string, year?: number) {
  return rows<TemplateRow>(
    db,
    sql`${TEMPLATE_SELECT} where t.park_id = ${parkId} ${year ? sql`and t.year = ${year}` : sql``}
        order by t.year desc, array_position(array['department','enterprise','village'], t.version)`,
  );
}

export async function getTemplate(db: Db, parkId: string, id: string, forUpdate = false) {
  const [r] = await rows<TemplateRow>(
    db,
    sql`${TEMPLATE_SELECT} where t.park_id = ${parkId} and t.id = ${id} ${forUpdate ? sql`for update of t` : sql``}`,
  );
  return r ?? null;
}

export async function templateOf(db: Db, parkId: string, year: number, version: LetterVersion) {
  const [r] = await rows<{ id: string }>(
    db,
    sql`select id from responsibility_templates where park_id = ${parkId} and year = ${year} and version = ${version}`,
  );
  return r?.id ?? null;
}

export async function insertTemplate(
  tx: Db,
  v: { parkId: string; year: number; version: LetterVersion; content: LetterContent; by: string; at: Date },
) {
  const [r] = await rows<{ id: string }>(
    tx,
    sql`insert into responsibility_templates (park_id, year, version, revision, created_by, created_at, updated_at)
        values (${v.parkId}, ${v.year}, ${v.version}, 1, ${v.by}, ${v.at.toISOString()}, ${v.at.toISOString()})
        returning id`,
  );
  await insertRevision(tx, v.parkId, r!.id, 1, v.content, v.by, v.at);
  return r!.id;
}

export async function insertRevision(
  tx: Db,
  parkId: string,
  templateId: string,
  revision: number,
  content: LetterContent,
  by: string,
  at: Date,
) {
  await tx.execute(
    sql`insert into responsibility_template_revisions (park_id, template_id, revision, content, created_by, created_at)
        values (${parkId}, ${templateId}, ${revision}, ${JSON.stringify(content)}::jsonb, ${by}, ${at.toISOString()})`,
  );
  await tx.execute(
    sql`update responsibility_templates set revision = ${revision}, updated_at = ${at.toISOString()}
         where park_id = ${parkId} and id = ${templateId}`,
  );
}

/** Moves every unsigned letter of the template to the revision; signed ones keep theirs. */
export async function reviseUnsigned(tx: Db, parkId: string, templateId: string, revision: number): Promise<number> {
  const moved = await rows<{ id: string }>(
    tx,
    sql`update responsibility_letters set revision = ${revision}
         where park_id = ${parkId} and template_id = ${templateId} and signed_at is null returning id`,
  );
  return moved.length;
}

// ------------------------------------------------------------------------------------------------------ parties

export interface Party {
  id: string;
  name: string;
  enterprise_id: string | null;
}

/** The parties an issue reaches: organisations of the version's kind, enterprises narrowed by tags, area or list. */
export function partiesFor(
  db: Db,
  parkId: string,
  version: LetterVersion,
  pick: { tags?: string[]; area?: string; enterpriseIds?: string[] },
) {
  if (version !== 'enterprise') {
    return rows<Party>(
      db,
      sql`select id, name, null::uuid as enterprise_id from organisations
           where park_id = ${parkId} and kind = ${version} and not disabled order by name`,
    );
  }
  const conds: SQL[] = [sql`e.park_id = ${parkId}`, sql`e.status <> 'cancelled'`];
  if (pick.tags?.length) {
    conds.push(
      sql`e.supervision_tags && array[${sql.join(
        pick.tags.map((t) => sql`${t}::text`),
        sql`, `,
      )}]::text[]`,
    );
  }
  if (pick.area) conds.push(sql`e.area = ${pick.area}`);
  if (pick.enterpriseIds) conds.push(sql`e.id = any(${uuidArray(pick.enterpriseIds)})`);
  return rows<Party>(
    db,
    sql`select e.id, e.name, e.id as enterprise_id from enterprises e where ${sql.join(conds, sql` and `)} order by e.name`,
  );
}

/** Inserts a letter per party that has none for the template yet; returns how many were new. */
export async function issueLetters(
  tx: Db,
  v: { parkId: string; templateId: string; revision: number; parties: Party[]; by: string; at: Date },
): Promise<number> {
  let issued = 0;
  for (let i = 0; i < v.parties.length; i += 500) {
    const values = v.parties.slice(i, i + 500).map(
      (p) =>
        sql`(${v.parkId}::uuid, ${v.templateId}::uuid, ${p.id}::uuid, ${p.enterprise_id}::uuid, ${v.revision},
             ${v.at.toISOString()}::timestamptz, ${v.by}::uuid)`,
    );
    const done = await rows<{ id: string }>(
      tx,
      sql`insert into responsibility_letters (park_id, template_id, party_id, enterprise_id, revision, issued_at, issued_by)
          values ${sql.join(values, sql`, `)}
          on conflict (park_id, template_id, party_id) do nothing returning id`,
    );
    issued += done.length;
  }
  return issued;
}

// ------------------------------------------------------------------------------------------------------ letters

export interface LetterRow {
  id: string;
  template_id: string;
  year: number;
  version: LetterVersion;
  party_id: string;
  party_name: string;
  enterprise_id: string | null;
  revision: number;
  latest_revision: number;
  content: LetterContent;
  issued_at: string | Date;
  signed_at: string | Date | null;
  signer_user_id: string | null;
  signer_name: string | null;
  signer_ip: string | null;
  digest: string | null;
  has_signature: boolean;
  last_reminded_at: string | Date | null;
}

const LETTER_SELECT = sql`select l.id, l.template_id, t.year, t.version, l.party_id, o.name as party_name,
    l.enterprise_id, l.revision, t.revision as latest_revision, r.content, l.issued_at, l.signed_at, l.signer_user_id,
    l.signer_name, l.signer_ip, l.digest, l.signature_png is not null as has_signature, l.last_reminded_at
  from responsibility_letters l
  join responsibility_templates t on t.park_id = l.park_id and t.id = l.template_id
  join responsibility_template_revisions r on r.park_id = l.park_id and r.template_id = l.template_id
   and r.revision = l.revision
  join organisations o on o.id = l.party_id`;

function letterWhere(actor: Actor, q: Partial<LetterListQuery>): SQL {
  const conds: SQL[] = [partyScopeSql(actor, 'l')];
  if (q.year) conds.push(sql`t.year = ${q.year}`);
  if (q.version) conds.push(sql`t.version = ${q.version}`);
  if (q.templateId) conds.push(sql`l.template_id = ${q.templateId}`);
  if (q.signed === 'true') conds.push(sql`l.signed_at is not null`);
  if (q.signed === 'false') conds.push(sql`l.signed_at is null`);
  if (q.q) conds.push(nameContains(sql`o.name`, q.q));
  return sql.join(conds, sql` and `);
}

export async function listLetters(db: Db, actor: Actor, q: LetterListQuery) {
  const where = letterWhere(actor, q);
  const order = sql`t.year desc, l.signed_at is not null, o.name, l.id`;
  // The page's ids first, over letters, templates and names only: with the revisions joined as well the planner
  // misjudged the rows (the revision join) and probed every letter's organisation for a name search (0.2–1 s at
  // 100,000 letters); then the page's twenty rows whole.
  const [items, [count]] = await Promise.all([
    rows<LetterRow>(
      db,
      sql`${LETTER_SELECT}
          where l.park_id = ${actor.parkId}
            and l.id in (select l.id from responsibility_letters l
                           join responsibility_templates t on t.park_id = l.park_id and t.id = l.template_id
                           join organisations o on o.id = l.party_id
                          where ${where} order by ${order} limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize})
          order by ${order}`,
    ),
    rows<{ n: number }>(
      db,
      sql`select count(*)::int as n from responsibility_letters l
            join responsibility_templates t on t.park_id = l.park_id and t.id = l.template_id
            join organisations o on o.id = l.party_id where ${where}`,
    ),
  ]);
  return { items, total: count?.n ?? 0 };
}

/** Every letter of a template, for the export and reminders (unscoped: the caller is the committee). */
export function lettersOfTemplate(db: Db, parkId: string, templateId: string, unsignedOnly = false) {
  return rows<LetterRow>(
    db,
    sql`${LETTER_SELECT} where l.park_id = ${parkId} and l.template_id = ${templateId}
        ${unsignedOnly ? sql`and l.signed_at is null` : sql``} order by l.signed_at is not null, o.name`,
  );
}

export async function getLetter(db: Db, actor: Actor, id: string, forUpdate = false) {
  const [r] = await rows<LetterRow>(
    db,
    sql`${LETTER_SELECT} where l.id = ${id} and ${partyScopeSql(actor, 'l')} ${forUpdate ? sql`for update of l` : sql``}`,
  );
  return r ?? null;
}

export async function signaturePng(db: Db, parkId: string, id: string): Promise<Uint8Array | null> {
  const [r] = await rows<{ png: string | Uint8Array | null }>(
    db,
    sql`select encode(signature_png, 'base64') as png from responsibility_letters where park_id = ${parkId} and id = ${id}`,
  );
  if (!r?.png) return null;
  return Buffer.from(String(r.png), 'base64');
}

export async function sign(
  tx: Db,
  parkId: string,
  id: string,
  v: { userId: string | null; name: string; ip: string | null; png: Uint8Array; digest: string; at: Date },
) {
  await tx.execute(
    sql`update responsibility_letters set signed_at = ${v.at.toISOString()}, signer_user_id = ${v.userId},
          signer_name = ${v.name}, signer_ip = ${v.ip}, signature_png = decode(${Buffer.from(v.png).toString('base64')}, 'base64'),
          digest = ${v.digest}
        where park_id = ${parkId} and id = ${id} and signed_at is null`,
  );
}

export async function withdraw(tx: Db, parkId: string, id: string) {
  await tx.execute(
    sql`delete from responsibility_letters where park_id = ${parkId} and id = ${id} and signed_at is null`,
  );
}

export async function markReminded(tx: Db, parkId: string, ids: string[], at: Date) {
  if (ids.length === 0) return;
  await tx.execute(
    sql`update responsibility_letters set last_reminded_at = ${at.toISOString()}
         where park_id = ${parkId} and id = any(${uuidArray(ids)})`,
  );
}

/** Active users who sign for a party: the enterprise's users, or the department's or village's accounts. */
export async function partyUsers(tx: Db, parkId: string, partyIds: string[]) {
  if (partyIds.length === 0) return [];
  return rows<{ id: string; organisation_id: string }>(
    tx,
    sql`select id, organisation_id from users where park_id = ${parkId} and not disabled
         and role in ('enterprise', 'department') and organisation_id = any(${uuidArray(partyIds)})`,
  );
}

export async function parkName(db: Db, parkId: string): Promise<string> {
  const [r] = await rows<{ name: string }>(db, sql`select name from parks where id = ${parkId}`);
  return r?.name ?? '';
}

// ------------------------------------------------------------------------------------------------------ rounds

export interface RoundRow {
  id: string;
  year: number;
  version: LetterVersion;
  title: string;
  status: 'draft' | 'open' | 'publishing' | 'published';
  rubric: unknown;
  grade_bands: unknown;
  parties: number;
  opened_at: string | Date | null;
  published_at: string | Date | null;
  figures_at: string | Date | null;
}

const ROUND_SELECT = sql`select r.id, r.year, r.version, r.title, r.status, r.rubric, r.grade_bands, r.opened_at,
    r.published_at, r.figures_at, r.parties_count as parties
  from assessment_rounds r`;

export function listRounds(db: Db, parkId: string) {
  return rows<RoundRow>(db, sql`${ROUND_SELECT} where r.park_id = ${parkId} order by r.year desc, r.version`);
}

/**
 * A round; forUpdate locks it, 'skipLocked' answers null at once when a transaction holds it (a snapshot being taken)
 * instead of waiting for it — the caller tells that apart from a missing round with a plain read.
 */
export async function getRound(db: Db, parkId: string, id: string, forUpdate: boolean | 'skipLocked' = false) {
  const lock = forUpdate === 'skipLocked' ? sql`for update of r skip locked` : forUpdate ? sql`for update of r` : sql``;
  const [r] = await rows<RoundRow>(db, sql`${ROUND_SELECT} where r.park_id = ${parkId} and r.id = ${id} ${lock}`);
  return r ?? null;
}

export async function roundTaken(db: Db, parkId: string, year: number, version: LetterVersion) {
  const [r] = await rows<{ id: string }>(
    db,
    sql`select id from assessment_rounds where park_id = ${parkId} and year = ${year} and version = ${version}`,
  );
  return r?.id ?? null;
}

export async function insertRound(
  tx: Db,
  v: {
    parkId: string;
    year: number;
    version: LetterVersion;
    title: string;
    rubric: unknown;
    bands: unknown;
    by: string;
    at: Date;
  },
) {
  const [r] = await rows<{ id: string }>(
    tx,
    sql`insert into assessment_rounds (park_id, year, version, title, rubric, grade_bands, created_by, created_at, updated_at)
        values (${v.parkId}, ${v.year}, ${v.version}, ${v.title}, ${JSON.stringify(v.rubric)}::jsonb,
                ${JSON.stringify(v.bands)}::jsonb, ${v.by}, ${v.at.toISOString()}, ${v.at.toISOString()}) returning id`,
  );
  return r!.id;
}

export async function updateRound(
  tx: Db,
  parkId: string,
  id: string,
  v: { title: string; rubric: unknown; bands: unknown; at: Date },
) {
  await tx.execute(
    sql`update assessment_rounds set title = ${v.title}, rubric = ${JSON.stringify(v.rubric)}::jsonb,
          grade_bands = ${JSON.stringify(v.bands)}::jsonb, updated_at = ${v.at.toISOString()}
        where park_id = ${parkId} and id = ${id}`,
  );
}

export async function setRoundStatus(
  tx: Db,
  parkId: string,
  id: string,
  status: 'open' | 'publishing' | 'published',
  at: Date,
) {
  const stamp =
    status === 'publishing'
      ? sql``
      : sql`${sql.raw(status === 'open' ? 'opened_at' : 'published_at')} = ${at.toISOString()},`;
  await tx.execute(
    sql`update assessment_rounds set status = ${status}, ${stamp} updated_at = ${at.toISOString()}
         where park_id = ${parkId} and id = ${id}`,
  );
}

/** Parties with a manual item not scored yet (publication needs none), first names for the message. */
export async function unscoredParties(tx: Db, parkId: string, roundId: string, manualItemIds: readonly string[]) {
  if (!manualItemIds.length) return { n: 0, names: [] as string[] };
  const where = sql`p.park_id = ${parkId} and p.round_id = ${roundId}
    and not (p.scores ?& (select array_agg(k) from jsonb_array_elements_text(${JSON.stringify(manualItemIds)}::jsonb) k))`;
  const [c] = await rows<{ n: number }>(tx, sql`select count(*)::int as n from assessment_parties p where ${where}`);
  if (!c?.n) return { n: 0, names: [] as string[] };
  const names = await rows<{ name: string }>(
    tx,
    sql`select o.name from assessment_parties p join organisations o on o.id = p.party_id where ${where}
         order by o.name limit 3`,
  );
  return { n: c?.n ?? 0, names: names.map((r) => r.name) };
}

/** The round's parties: those who received the year's letter of the version. */
export async function addRoundParties(
  tx: Db,
  parkId: string,
  roundId: string,
  year: number,
  version: LetterVersion,
  at: Date,
) {
  const added = await rows<{ party_id: string }>(
    tx,
    sql`insert into assessment_parties (park_id, round_id, party_id, enterprise_id, updated_at)
        select l.park_id, ${roundId}::uuid, l.party_id, l.enterprise_id, ${at.toISOString()}::timestamptz
          from responsibility_letters l join responsibility_templates t on t.park_id = l.park_id and t.id = l.template_id
         where l.park_id = ${parkId} and t.year = ${year} and t.version = ${version}
        on conflict do nothing returning party_id`,
  );
  return added.length;
}

export interface RoundPartyRow {
  party_id: string;
  party_name: string;
  enterprise_id: string | null;
  self_assessment: Record<string, { text: string; fileIds: string[] }>;
  self_submitted_at: string | Date | null;
  scores: Record<string, number>;
  figures: Record<string, { connected: boolean; value: number | null; text: string; link: string | null }> | null;
  total: string | null;
  grade: string | null;
  rank: number | null;
}

/**
 * An open round's rank of row `p`, read rather than stored: 1 + the round's parties of a higher percent (a range of the
 * percent index), a party with nothing that counts after all that have — rank() over (order by percent desc nulls
 * last), as the former re-rank wrote it.
 */
const liveRankSql = sql`(1 + (select count(*) from assessment_parties x
    where x.park_id = p.park_id and x.round_id = p.round_id and x.percent > coalesce(p.percent, -1)))::int`;

/**
 * A round's parties in ranking order. `live`: an open round's ranks from the percents (one window over the round when
 * it is read whole), else the ranks stored at publication.
 */
export function roundParties(db: Db, actor: Actor, roundId: string, partyId?: string, live = false) {
  if (live && !partyId) {
    return rows<RoundPartyRow>(
      db,
      sql`select p.party_id, o.name as party_name, p.enterprise_id, p.self_assessment, p.self_submitted_at, p.scores,
                 p.figures, p.total::text as total, p.grade, r.rk as rank
            from assessment_parties p join organisations o on o.id = p.party_id
            join (select party_id, rank() over (order by percent desc nulls last)::int as rk
                    from assessment_parties where park_id = ${actor.parkId} and round_id = ${roundId}) r
              on r.party_id = p.party_id
           where p.park_id = ${actor.parkId} and p.round_id = ${roundId} and ${partyScopeSql(actor, 'p')}
           order by r.rk, o.name`,
    );
  }
  return rows<RoundPartyRow>(
    db,
    sql`select p.party_id, o.name as party_name, p.enterprise_id, p.self_assessment, p.self_submitted_at, p.scores,
               p.figures, p.total::text as total, p.grade, ${live ? liveRankSql : sql`p.rank`} as rank
          from assessment_parties p join organisations o on o.id = p.party_id
         where p.round_id = ${roundId} and ${partyScopeSql(actor, 'p')}
           ${partyId ? sql`and p.party_id = ${partyId}` : sql``}
         order by p.rank nulls last, o.name`,
  );
}

/**
 * A page of a published round's parties by frozen rank, ties by id so the index answers the page (an enterprise's
 * scope leaves its own row).
 */
export async function roundPartiesPage(
  db: Db,
  actor: Actor,
  roundId: string,
  v: { q?: string; limit: number; offset: number; knownTotal?: number; live?: boolean },
) {
  const where = sql`p.park_id = ${actor.parkId} and p.round_id = ${roundId} and ${partyScopeSql(actor, 'p')}
    ${v.q ? sql`and ${nameContains(sql`o.name`, v.q)}` : sql``}`;
  // An open round (live) is ordered by percent and ranked at read time (index on percent); a published one by the
  // ranks frozen at publication (index on rank).
  const order = v.live ? sql`p.percent desc nulls last, p.party_id` : sql`p.rank nulls last, p.party_id`;
  // The whole round unfiltered: the page's ranks follow from the first one's (one count), not a count per row.
  const wholeRound = v.live && !v.q && v.knownTotal != null;
  const rank = !v.live ? sql`p.rank` : wholeRound ? sql`null::int` : liveRankSql;
  const columns = sql`p.party_id, o.name as party_name, p.enterprise_id, p.self_assessment, p.self_submitted_at,
    p.scores, p.figures, p.total::text as total, p.grade, ${rank} as rank, p.percent::float8 as percent`;
  // Without a name filter the page's ids come from the index alone, so a deep page does not join the rows it skips.
  const page = v.q
    ? sql`select ${columns} from assessment_parties p join organisations o on o.id = p.party_id
           where ${where} order by ${order} limit ${v.limit} offset ${v.offset}`
    : sql`select ${columns}
            from (select p.party_id from assessment_parties p where ${where}
                   order by ${order} limit ${v.limit} offset ${v.offset}) ids
            join assessment_parties p on p.park_id = ${actor.parkId} and p.round_id = ${roundId}
             and p.party_id = ids.party_id
            join organisations o on o.id = p.party_id
           order by ${order}`;
  const [items, [n]] = await Promise.all([
    rows<RoundPartyRow & { percent: number | null }>(db, page).then(async (list) => {
      if (!wholeRound || !list.length) return list;
      // rank() semantics: a row ties its predecessor's rank on an equal percent, else its place; the first row's rank
      // is counted (its predecessors may share its percent on the page before).
      const [first] = await rows<{ rk: number }>(
        db,
        sql`select (1 + count(*))::int as rk from assessment_parties x
             where x.park_id = ${actor.parkId} and x.round_id = ${roundId} and x.percent > ${list[0]!.percent ?? -1}`,
      );
      list.forEach((r, i) => {
        const prev = list[i - 1];
        r.rank = i === 0 ? first!.rk : (prev!.percent ?? -1) === (r.percent ?? -1) ? prev!.rank : v.offset + i + 1;
      });
      return list;
    }),
    v.knownTotal != null && !v.q
      ? Promise.resolve([{ n: v.knownTotal }])
      : rows<{ n: number }>(
          db,
          v.q
            ? sql`select count(*)::int as n from assessment_parties p join organisations o on o.id = p.party_id where ${where}`
            : sql`select count(*)::int as n from assessment_parties p where ${where}`,
        ),
  ]);
  return { items, total: n?.n ?? 0 };
}

export async function lockParty(tx: Db, parkId: string, roundId: string, partyId: string) {
  const [r] = await rows<{ party_id: string }>(
    tx,
    sql`select party_id from assessment_parties where park_id = ${parkId} and round_id = ${roundId}
          and party_id = ${partyId} for update`,
  );
  return r != null;
}

export async function saveSelf(tx: Db, parkId: string, roundId: string, partyId: string, self: unknown, at: Date) {
  await tx.execute(
    sql`update assessment_parties set self_assessment = ${JSON.stringify(self)}::jsonb, self_submitted_at = ${at.toISOString()},
          updated_at = ${at.toISOString()}
        where park_id = ${parkId} and round_id = ${roundId} and party_id = ${partyId}`,
  );
}

export async function saveScores(tx: Db, parkId: string, roundId: string, partyId: string, scores: unknown, at: Date) {
  await tx.execute(
    sql`update assessment_parties set scores = ${JSON.stringify(scores)}::jsonb, updated_at = ${at.toISOString()}
        where park_id = ${parkId} and round_id = ${roundId} and party_id = ${partyId}`,
  );
}

/**
 * Every party of a round, unscoped (the snapshot's computation, by the committee's job or the scheduler), without the
 * stored figures it is about to replace (150 MB at 100,000 parties); one party (a score's re-total) with them.
 */
export function allRoundParties(db: Db, parkId: string, roundId: string, partyId?: string) {
  return rows<RoundPartyRow>(
    db,
    sql`select p.party_id, o.name as party_name, p.enterprise_id, p.self_assessment, p.self_submitted_at, p.scores,
               ${partyId ? sql`p.figures` : sql`null::jsonb as figures`}, p.total::text as total, p.grade, p.rank
          from assessment_parties p join organisations o on o.id = p.party_id
         where p.park_id = ${parkId} and p.round_id = ${roundId} ${partyId ? sql`and p.party_id = ${partyId}` : sql``}`,
  );
}

export interface PartyResultRow {
  partyId: string;
  figures: unknown;
  total: number;
  percent: number | null;
  grade: string | null;
  /** Given by a whole snapshot (ranked in memory, so every row is written once); a single score re-ranks after. */
  rank?: number;
}

/** Writes parties' figures and results that changed, in statements of 5,000 rows (one jsonb parameter each). */
export async function saveResults(tx: Db, parkId: string, roundId: string, list: readonly PartyResultRow[]) {
  for (let i = 0; i < list.length; i += 5_000) {
    const chunk = list.slice(i, i + 5_000).map((r) => ({
      party_id: r.partyId,
      figures: r.figures,
      total: r.total,
      percent: r.percent,
      grade: r.grade,
      rank: r.rank ?? null,
    }));
    await tx.execute(
      sql`update assessment_parties p
             set figures = v.figures, total = v.total, percent = v.percent, grade = v.grade,
                 rank = coalesce(v.rank, p.rank)
            from jsonb_to_recordset(${JSON.stringify(chunk)}::jsonb)
                 as v(party_id uuid, figures jsonb, total numeric, percent numeric, grade text, rank int)
           where p.park_id = ${parkId} and p.round_id = ${roundId} and p.party_id = v.party_id
             -- A nightly refresh mostly finds the same figures: unchanged rows are not rewritten.
             and (p.figures, p.total, p.percent, p.grade, p.rank)
                 is distinct from (v.figures, v.total, v.percent, v.grade, coalesce(v.rank, p.rank))`,
    );
  }
}

/** Ranks as the former full re-rank wrote them (rank() by percent): what the read-time ranks are compared with. */
export function fullRerank(db: Db, parkId: string, roundId: string) {
  return rows<{ party_id: string; rk: number }>(
    db,
    sql`select party_id, rank() over (order by percent desc nulls last)::int as rk
          from assessment_parties where park_id = ${parkId} and round_id = ${roundId}`,
  );
}

export async function setFiguresAt(tx: Db, parkId: string, roundId: string, at: Date) {
  await tx.execute(
    sql`update assessment_rounds set figures_at = ${at.toISOString()} where park_id = ${parkId} and id = ${roundId}`,
  );
}

/** What a publication needs besides the snapshot: the parties' enterprises and the first three by frozen rank. */
export async function publicationSummary(tx: Db, parkId: string, roundId: string) {
  const ids = await rows<{ enterprise_id: string }>(
    tx,
    sql`select enterprise_id from assessment_parties
         where park_id = ${parkId} and round_id = ${roundId} and enterprise_id is not null`,
  );
  const top = await rows<{ name: string; total: string; grade: string | null }>(
    tx,
    sql`select o.name, p.total::text as total, p.grade from assessment_parties p join organisations o on o.id = p.party_id
         where p.park_id = ${parkId} and p.round_id = ${roundId} order by p.rank nulls last, o.name limit 3`,
  );
  return { enterpriseIds: ids.map((r) => r.enterprise_id), top };
}

/** On publication a party with nothing that counts is graded 不合格, as before the snapshot. */
export async function gradeUngraded(tx: Db, parkId: string, roundId: string) {
  await tx.execute(
    sql`update assessment_parties set grade = 'fail' where park_id = ${parkId} and round_id = ${roundId} and grade is null`,
  );
}

/** Open rounds whose snapshot was not taken since `since` (the nightly refresh's work list). */
export function staleOpenRounds(db: Db, since: Date) {
  return rows<{ park_id: string; id: string }>(
    db,
    sql`select park_id, id from assessment_rounds
         where status = 'open' and (figures_at is null or figures_at < ${since.toISOString()})`,
  );
}

// ------------------------------------------------------------------------------------------------------ commendations

export interface CommendationRow {
  id: string;
  commendation_no: string;
  year: number;
  kind: 'enterprise' | 'individual';
  enterprise_id: string | null;
  person_name: string | null;
  unit_name: string;
  honour: string;
  reason: string;
  awarded_on: string;
  round_id: string | null;
  created_at: string | Date;
}

const COMMENDATION_SELECT = sql`select c.id, c.commendation_no, c.year, c.kind, c.enterprise_id, c.person_name,
  c.unit_name, c.honour, c.reason, c.awarded_on::text as awarded_on, c.round_id, c.created_at from commendations c`;

/** Individuals of no enterprise are the committee's to see; an enterprise sees its own and its people's. */
const commendationScope = (actor: Actor) =>
  actor.role === 'enterprise' || actor.role === 'inspector' || actor.role === 'department'
    ? enterpriseScopeSql(actor, 'c')
    : sql`c.park_id = ${actor.parkId}`;

export async function listCommendations(
  db: Db,
  actor: Actor,
  q: { year?: number; kind?: string; page: number; pageSize: number },
) {
  const conds: SQL[] = [commendationScope(actor)];
  if (q.year) conds.push(sql`c.year = ${q.year}`);
  if (q.kind) conds.push(sql`c.kind = ${q.kind}`);
  const where = sql.join(conds, sql` and `);
  const [items, [n]] = await Promise.all([
    rows<CommendationRow>(
      db,
      sql`${COMMENDATION_SELECT} where ${where} order by c.year desc, c.commendation_no desc
          limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`,
    ),
    rows<{ n: number }>(db, sql`select count(*)::int as n from commendations c where ${where}`),
  ]);
  return { items, total: n?.n ?? 0 };
}

export async function getCommendation(db: Db, actor: Actor, id: string) {
  const [r] = await rows<CommendationRow>(
    db,
    sql`${COMMENDATION_SELECT} where c.id = ${id} and ${commendationScope(actor)}`,
  );
  return r ?? null;
}

export async function commendationNoTaken(tx: Db, parkId: string, no: string) {
  const r = await rows<{ id: string }>(
    tx,
    sql`select id from commendations where park_id = ${parkId} and commendation_no = ${no}`,
  );
  return r.length > 0;
}

export async function insertCommendation(
  tx: Db,
  v: {
    parkId: string;
    no: string;
    year: number;
    kind: string;
    enterpriseId: string | null;
    personName: string | null;
    unitName: string;
    honour: string;
    reason: string;
    awardedOn: string;
    roundId: string | null;
    by: string;
    at: Date;
  },
) {
  const [r] = await rows<{ id: string }>(
    tx,
    sql`insert into commendations (park_id, commendation_no, year, kind, enterprise_id, person_name, unit_name, honour,
          reason, awarded_on, round_id, created_by, created_at)
        values (${v.parkId}, ${v.no}, ${v.year}, ${v.kind}, ${v.enterpriseId}, ${v.personName}, ${v.unitName}, ${v.honour},
          ${v.reason}, ${v.awardedOn}, ${v.roundId}, ${v.by}, ${v.at.toISOString()}) returning id`,
  );
  return r!.id;
}

export async function enterpriseName(db: Db, parkId: string, id: string) {
  const [r] = await rows<{ name: string }>(
    db,
    sql`select name from enterprises where park_id = ${parkId} and id = ${id}`,
  );
  return r?.name ?? null;
}
