// Append-only, hash-chained audit. Each park has its own chain: hash = SM3(canonical row including prev_hash).
// The chain head row is locked FOR UPDATE inside the writer's transaction, so appends of one park are serialised and
// an audit row exists exactly when the change it describes was committed.
import { createHash, randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { AuditVerifyResult } from '../../../shared/src/audit';
import type { RequestContext } from './actor';
import { now } from './clock';
import { type Db, rows } from './db';

export const NO_PARK = '00000000-0000-0000-0000-000000000000';
export const GENESIS_HASH = '0'.repeat(64);
const SENSITIVE = /password|secret|token|hash/i;

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
  /** Defaults to the actor's park; NO_PARK for events that belong to none. */
  parkId?: string;
  /** Overrides the actor for events without a session (login attempts). */
  actorName?: string | null;
  /** The enterprise the change concerns, so its history is one indexed query. */
  enterpriseId?: string | null;
}

interface HashedFields {
  parkId: string;
  seq: number;
  id: string;
  at: Date;
  actorUserId: string | null;
  actorName: string | null;
  actorOrganisationId: string | null;
  actorRole: string | null;
  ip: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  prevHash: string;
  enterpriseId: string | null;
}

/** JSON with keys sorted at every level: jsonb does not keep key order, so hashing must not depend on it. */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function auditHash(f: HashedFields): string {
  const payload = canonicalJson([
    f.parkId,
    f.seq,
    f.id,
    f.at.toISOString(),
    f.actorUserId,
    f.actorName,
    f.actorOrganisationId,
    f.actorRole,
    f.ip,
    f.action,
    f.entityType,
    f.entityId,
    f.before ?? null,
    f.after ?? null,
    f.prevHash,
    // Added with the registry: hashed only when present, so rows written before it still verify.
    ...(f.enterpriseId ? [f.enterpriseId] : []),
  ]);
  return createHash('sm3').update(payload).digest('hex');
}

/** Masks secrets and turns the value into what jsonb will give back (plain JSON), so the hash survives a round trip. */
export function toAuditJson(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  const plain = JSON.parse(JSON.stringify(value)) as unknown;
  const mask = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(mask);
    if (v && typeof v === 'object') {
      return Object.fromEntries(
        Object.entries(v as Record<string, unknown>).map(([k, x]) => [
          k,
          SENSITIVE.test(k) && x != null ? '***' : mask(x),
        ]),
      );
    }
    return v;
  };
  return mask(plain);
}

const CHUNK = 500;

/** Appends one audit row inside the caller's transaction. */
export function appendAudit(tx: Db, ctx: RequestContext, entry: AuditEntry): Promise<void> {
  return appendAuditMany(tx, ctx, [entry]);
}

/**
 * Appends entries of one park, in order, inside the caller's transaction: the chain head is locked once, the SM3
 * chain is computed here, and rows go in 500 at a time as one JSON parameter (an import of 5,000 rows would
 * otherwise cost 3 statements a row).
 */
export async function appendAuditMany(tx: Db, ctx: RequestContext, entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const parkId = entries[0]!.parkId ?? ctx.actor?.parkId ?? NO_PARK;
  if (entries.some((e) => (e.parkId ?? ctx.actor?.parkId ?? NO_PARK) !== parkId)) {
    throw new Error('appendAuditMany: one park per call');
  }
  await tx.execute(
    sql`insert into audit_chain_heads (park_id, last_seq, last_hash) values (${parkId}, 0, ${GENESIS_HASH}) on conflict do nothing`,
  );
  const [head] = await rows<{ last_seq: string | number; last_hash: string }>(
    tx,
    sql`select last_seq, last_hash from audit_chain_heads where park_id = ${parkId} for update`,
  );
  if (!head) throw new Error('audit chain head missing');
  let seq = Number(head.last_seq);
  let prevHash = head.last_hash;
  const at = now();
  for (let i = 0; i < entries.length; i += CHUNK) {
    const records = entries.slice(i, i + CHUNK).map((entry) => {
      const fields: HashedFields = {
        parkId,
        seq: ++seq,
        id: randomUUID(),
        at,
        actorUserId: ctx.actor?.userId ?? null,
        actorName: entry.actorName !== undefined ? entry.actorName : (ctx.actor?.displayName ?? null),
        actorOrganisationId: ctx.actor?.organisationId ?? null,
        actorRole: ctx.actor?.role ?? null,
        ip: ctx.ip || null,
        action: entry.action,
        entityType: entry.entityType,
        entityId: entry.entityId ?? null,
        before: toAuditJson(entry.before),
        after: toAuditJson(entry.after),
        prevHash,
        enterpriseId: entry.enterpriseId ?? null,
      };
      const hash = auditHash(fields);
      prevHash = hash;
      return { ...fields, at: at.toISOString(), hash };
    });
    await tx.execute(sql`
      insert into audit_log (park_id, seq, id, at, actor_user_id, actor_name, actor_organisation_id, actor_role, ip,
                             action, entity_type, entity_id, before, after, prev_hash, hash, enterprise_id)
      select "parkId", seq, id, "at", "actorUserId", "actorName", "actorOrganisationId", "actorRole", ip,
             action, "entityType", "entityId", before, after, "prevHash", hash, "enterpriseId"
        from jsonb_to_recordset(${JSON.stringify(records)}::jsonb)
          as x("parkId" uuid, seq bigint, id uuid, "at" timestamptz, "actorUserId" uuid, "actorName" text,
               "actorOrganisationId" uuid, "actorRole" text, ip text, action text, "entityType" text,
               "entityId" text, before jsonb, after jsonb, "prevHash" text, hash text, "enterpriseId" uuid)
       order by seq`);
  }
  await tx.execute(
    sql`update audit_chain_heads set last_seq = ${seq}, last_hash = ${prevHash} where park_id = ${parkId}`,
  );
}

interface StoredRow {
  park_id: string;
  seq: string | number;
  id: string;
  at: string;
  actor_user_id: string | null;
  actor_name: string | null;
  actor_organisation_id: string | null;
  actor_role: string | null;
  ip: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  before: unknown;
  after: unknown;
  prev_hash: string;
  hash: string;
  enterprise_id: string | null;
}

const parseJson = (v: unknown) => (typeof v === 'string' ? (JSON.parse(v) as unknown) : v);

/**
 * Walks every chain (or one park's) in seq order, in batches, and names the first row whose hash, link or sequence
 * does not hold. Also catches a removed tail by comparing with the chain head.
 */
export async function verifyAuditChains(
  db: Db,
  opts: { parkIds?: string[]; batchSize?: number; onProgress?: (checked: number) => void } = {},
): Promise<AuditVerifyResult> {
  const batch = opts.batchSize ?? 2000;
  const heads = await rows<{ park_id: string; last_seq: string | number; last_hash: string }>(
    db,
    opts.parkIds
      ? sql`select park_id, last_seq, last_hash from audit_chain_heads
             where park_id in (${sql.join(
               opts.parkIds.map((p) => sql`${p}`),
               sql`, `,
             )}) order by park_id`
      : sql`select park_id, last_seq, last_hash from audit_chain_heads order by park_id`,
  );
  let checked = 0;
  for (const head of heads) {
    let prevHash = GENESIS_HASH;
    let expectedSeq = 1;
    for (;;) {
      // at is read as text with microseconds so the value hashed is exactly the stored one.
      const page = await rows<StoredRow>(
        db,
        sql`select park_id, seq, id, to_char("at" at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as at,
                   actor_user_id, actor_name, actor_organisation_id, actor_role, ip, action, entity_type, entity_id,
                   before::text as before, after::text as after, prev_hash, hash, enterprise_id
            from audit_log where park_id = ${head.park_id} and seq >= ${expectedSeq}
            order by seq limit ${batch}`,
      );
      for (const r of page) {
        const seq = Number(r.seq);
        const broken = (reason: string): AuditVerifyResult => ({
          ok: false,
          checked,
          chains: heads.length,
          firstBroken: { parkId: r.park_id, seq, id: r.id, reason },
        });
        if (seq !== expectedSeq) return broken(`序号不连续：应为 ${expectedSeq}，实际为 ${seq}（有记录被删除）`);
        if (r.prev_hash !== prevHash) return broken('前序哈希与上一条记录不一致');
        const recomputed = auditHash({
          parkId: r.park_id,
          seq,
          id: r.id,
          at: new Date(r.at),
          actorUserId: r.actor_user_id,
          actorName: r.actor_name,
          actorOrganisationId: r.actor_organisation_id,
          actorRole: r.actor_role,
          ip: r.ip,
          action: r.action,
          entityType: r.entity_type,
          entityId: r.entity_id,
          before: parseJson(r.before),
          after: parseJson(r.after),
          prevHash: r.prev_hash,
          enterpriseId: r.enterprise_id,
        });
        if (recomputed !== r.hash) return broken('记录内容与哈希不符（记录被篡改）');
        prevHash = r.hash;
        expectedSeq = seq + 1;
        checked++;
      }
      opts.onProgress?.(checked);
      if (page.length < batch) break;
    }
    if (expectedSeq - 1 !== Number(head.last_seq) || prevHash !== head.last_hash) {
      return {
        ok: false,
        checked,
        chains: heads.length,
        firstBroken: {
          parkId: head.park_id,
          seq: expectedSeq,
          id: '',
          reason: `链尾缺失：链头记录到第 ${head.last_seq} 条，实际只有 ${expectedSeq - 1} 条`,
        },
      };
    }
  }
  return { ok: true, checked, chains: heads.length, firstBroken: null };
}
