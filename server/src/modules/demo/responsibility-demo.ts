// The demo park's responsibility system, after the seed (003 §二): the 2023 letters 部门版 / 企业版 / 村居版 signed with
// the member departments, the villages and the independently sited enterprises (a few still unsigned), the published
// 2023 enterprise assessment, and the commendations of enterprises and individuals for 2023. The 2023 letters were
// signed before the platform: they carry the signer's name and drawing but no account or address, and their digests
// are computed as any signature's, so verify works on them.
import { sql } from 'drizzle-orm';
import sharp from 'sharp';
import {
  DEFAULT_GRADE_BANDS,
  defaultLetterContent,
  defaultRubric,
  LETTER_VERSIONS,
  type RubricItem,
} from '../../../../shared/src/responsibility';
import type { Actor, RequestContext } from '../../platform/actor';
import { type Db, rows } from '../../platform/db';
import * as assessment from '../responsibility/assessment';
import * as commendations from '../responsibility/commendations';
import { letterDigest } from '../responsibility/digest';
import * as letters from '../responsibility/letters';

const YEAR = 2023;

/** A drawn-looking signature: a few strokes, different for every signer. */
async function scribble(seed: number): Promise<Buffer> {
  const r = (n: number) => ((seed * 9301 + n * 49297) % 233280) / 233280;
  const points = Array.from({ length: 9 }, (_, i) => `${20 + i * 30},${40 + Math.round(r(i) * 40)}`).join(' ');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="300" height="110"><polyline points="${points}"
    fill="none" stroke="#111" stroke-width="4" stroke-linecap="round" stroke-linejoin="round"/>
    <path d="M40 90 Q ${120 + r(11) * 60} ${50 + r(12) * 30} 270 80" fill="none" stroke="#111" stroke-width="3"/></svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

const at = (month: number, day: number, hour = 10) => new Date(Date.UTC(YEAR, month - 1, day, hour - 8));

export async function insertResponsibilityDemo(
  tx: Db,
  parkId: string,
  supervisor: { id: string; username: string; displayName: string; organisationId: string },
  ownSite: string[],
): Promise<{ letters: number; unsigned: number; commendations: number }> {
  const actor: Actor = {
    userId: supervisor.id,
    username: supervisor.username,
    displayName: supervisor.displayName,
    role: 'supervisor',
    parkId,
    organisationId: supervisor.organisationId,
    enterpriseId: null,
    mustChangePassword: false,
  };
  const ctx: RequestContext = { actor, ip: '127.0.0.1' };
  let total = 0;
  let unsigned = 0;
  for (const version of LETTER_VERSIONS) {
    const t = await letters.createTemplate(tx, ctx, {
      year: YEAR,
      version,
      content: defaultLetterContent(YEAR, version),
    });
    await letters.issue(
      tx,
      ctx,
      t.id,
      version === 'enterprise' ? { target: 'list', enterpriseIds: ownSite } : { target: 'all' },
    );
    const list = await letters.backfill.lettersOfTemplate(tx, parkId, t.id);
    const names = await partySigners(
      tx,
      list.map((l) => l.party_id),
    );
    for (const [i, l] of list.entries()) {
      total++;
      // Every seventh enterprise and the last village have not signed yet.
      if ((version === 'enterprise' && i % 7 === 3) || (version === 'village' && i === list.length - 1)) {
        unsigned++;
        continue;
      }
      const png = await scribble(i + version.length * 101);
      const signedAt = at(3, 1 + (i % 20), 9 + (i % 8));
      const signerName = names.get(l.party_id) ?? '负责人';
      const digest = letterDigest({
        letterId: l.id,
        year: YEAR,
        version,
        partyName: l.party_name,
        revision: Number(l.revision),
        content: l.content,
        signerName,
        signedAt: signedAt.toISOString(),
        signaturePng: png,
      });
      await letters.backfill.sign(tx, parkId, l.id, {
        userId: null,
        name: signerName,
        ip: null,
        png,
        digest,
        at: signedAt,
      });
    }
    await tx.execute(sqlIssuedAt(parkId, t.id));
  }

  // The 2023 enterprise assessment: computed items from the ledger, the two manual items scored, then published.
  const round = await assessment.createRound(tx, ctx, {
    year: YEAR,
    version: 'enterprise',
    title: `${YEAR}年度企业安全生产工作考核`,
    rubric: defaultRubric('enterprise'),
    gradeBands: DEFAULT_GRADE_BANDS,
  });
  await assessment.openRound(tx, null, ctx, round.id);
  const manual = (round.rubric as RubricItem[]).filter((i) => i.kind === 'manual');
  const parties = await assessment.backfill.roundParties(tx, actor, round.id);
  for (const [i, p] of parties.entries()) {
    const scores = Object.fromEntries(manual.map((m, k) => [m.id, Math.max(2, m.maxPoints - ((i * 3 + k * 5) % 9))]));
    await assessment.backfill.saveScores(tx, parkId, round.id, p.party_id, scores, at(12, 20));
  }
  await assessment.publish(tx, null, ctx, round.id);
  await tx.execute(roundDates(parkId, round.id));

  // Commendations: the three best enterprises and two safety managers, proposed from the ranking.
  const { items } = await assessment.results(tx, actor, round.id);
  const best = items.slice(0, 3);
  let given = 0;
  for (const r of best) {
    await commendations.create(tx, ctx, {
      year: YEAR,
      kind: 'enterprise',
      enterpriseId: r.enterpriseId,
      personName: null,
      unitName: null,
      honour: '安全生产先进企业',
      reason: `${YEAR}年度安全生产工作考核排名第 ${r.rank}，隐患排查治理扎实有效`,
      awardedOn: '2024-01-20',
      roundId: round.id,
    });
    given++;
  }
  const people = await safetyManagers(
    tx,
    best.slice(0, 2).flatMap((r) => (r.enterpriseId ? [r.enterpriseId] : [])),
  );
  for (const p of people) {
    await commendations.create(tx, ctx, {
      year: YEAR,
      kind: 'individual',
      enterpriseId: p.id,
      personName: p.manager,
      unitName: p.name,
      honour: '安全生产先进个人',
      reason: '认真履行安全管理职责，组织隐患自查自改成效突出',
      awardedOn: '2024-01-20',
      roundId: round.id,
    });
    given++;
  }
  return { letters: total, unsigned, commendations: given };
}

/** The 2023 letters were issued in February 2023, not when the demo was created. */
const sqlIssuedAt = (parkId: string, templateId: string) =>
  sql`update responsibility_letters set issued_at = ${at(2, 15).toISOString()}
       where park_id = ${parkId} and template_id = ${templateId}`;

const roundDates = (parkId: string, roundId: string) =>
  sql`update assessment_rounds set opened_at = ${at(12, 1).toISOString()}, published_at = ${new Date(Date.UTC(2024, 0, 15, 2)).toISOString()}
       where park_id = ${parkId} and id = ${roundId}`;

async function partySigners(tx: Db, ids: string[]) {
  if (ids.length === 0) return new Map<string, string>();
  const found = await rows<{ id: string; name: string | null }>(
    tx,
    sql`select o.id, coalesce(e.principal_name, o.contact_person) as name
          from organisations o left join enterprises e on e.id = o.id
         where o.id in (${sql.join(
           ids.map((id) => sql`${id}::uuid`),
           sql`, `,
         )})`,
  );
  return new Map(found.flatMap((r) => (r.name ? [[r.id, r.name] as const] : [])));
}

async function safetyManagers(tx: Db, ids: string[]) {
  if (ids.length === 0) return [];
  return rows<{ id: string; name: string; manager: string }>(
    tx,
    sql`select id, name, safety_manager_name as manager from enterprises
         where safety_manager_name is not null and id in (${sql.join(
           ids.map((id) => sql`${id}::uuid`),
           sql`, `,
         )})`,
  );
}
