// Append-only, hash-chained audit. Each park has its own chain: hash = HMAC-SM3(audit key, canonical row including
// prev_hash). The key (PARKSAFE_AUDIT_KEY) never enters the database, so whoever holds the database credentials
// cannot recompute a chain they edited. Rows written before the key (migration 0014) keep their unkeyed SM3 hash up
// to the boundary recorded per chain. The chain head row is locked FOR UPDATE inside the writer's transaction, so
// appends of one park are serialised and an audit row exists exactly when the change it describes was committed.
import { createHash, createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { AuditBreakKind, AuditVerifyResult } from '../../../shared/src/audit';
import type { RequestContext } from './actor';
import { now } from './clock';
import { type Db, rows } from './db';
import { isSealed, maskIdNumber, maskPhone } from './personal-data';

export const NO_PARK = '00000000-0000-0000-0000-000000000000';
export const GENESIS_HASH = '0'.repeat(64);
const SENSITIVE = /password|secret|token|hash/i;
const PHONE = /phone/i;
/** ID-card-like numbers (a 特种作业操作证's number): kept as their mask, like phones. */
const ID_NUMBER = /^(certificateNo|idNumber|idCard(No)?)$/i;

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

export interface HashedFields {
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

let activeKey: string | null = null;

/** Sets the audit key of this process (from the config, at start-up, before anything is appended). */
export function configureAuditKey(key: string): void {
  if (key.length < 32) throw new Error('审计密钥至少需要 32 个字符');
  activeKey = key;
}

export function auditKey(): string {
  if (!activeKey) throw new Error('审计密钥未配置（configureAuditKey）');
  return activeKey;
}

/** A short fingerprint of a key, to tell which key signed what without revealing it. */
export function auditKeyId(key: string): string {
  return createHmac('sm3', key).update('parksafe-audit-key-id').digest('hex').slice(0, 16);
}

/** The keyed MAC of a row: HMAC-SM3 over the same fields as the legacy hash, every field always present. */
export function auditMac(key: string, f: HashedFields): string {
  const payload = canonicalJson([
    'parksafe-audit-v2',
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
    f.enterpriseId,
  ]);
  return createHmac('sm3', key).update(payload).digest('hex');
}

/** Constant-time comparison of two hex digests. */
export function sameDigest(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The unkeyed SM3 hash of rows written before the keyed chain (migration 0014); kept to verify those rows. */
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
          SENSITIVE.test(k) && x != null
            ? '***'
            : PHONE.test(k) && typeof x === 'string'
              ? // Phones are personal data: the audit log (append-only, never re-encrypted) keeps only their mask.
                isSealed(x as string)
                ? '***'
                : (x as string).includes('*')
                  ? x
                  : maskPhone(x as string)
              : ID_NUMBER.test(k) && typeof x === 'string'
                ? isSealed(x as string)
                  ? '***'
                  : (x as string).includes('*')
                    ? x
                    : maskIdNumber(x as string)
                : mask(x),
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
  const key = auditKey();
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
      const hash = auditMac(key, fields);
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

/** A signed record of one chain head, written outside the database (platform/audit-checkpoints.ts). */
export interface AuditCheckpoint {
  v: 1;
  park: string;
  seq: number;
  /** The hash of row `seq`, i.e. the chain head's digest. */
  hash: string;
  /** The id of row `seq`, so a removed row can still be named. */
  id: string | null;
  /** The chain's legacy boundary when the checkpoint was taken (0: every row keyed). */
  legacySeq: number;
  at: string;
  host: string;
  pid: number;
  /** Fingerprint of the key that signed it. */
  kid: string;
  mac: string;
}

/** The checkpoints read for a verification: only those whose MAC holds under the current key are in byPark. */
export interface CheckpointSet {
  byPark: Map<string, AuditCheckpoint[]>;
  invalid: number;
  /** Fingerprints of other keys that signed lines of the files (a changed PARKSAFE_AUDIT_KEY). */
  otherKeys: Set<string>;
  /** Configured sources that do not exist (yet). */
  missing: string[];
  sources: string[];
}

/** An audit row as the database (and an archive file's line) holds it. */
export interface StoredRow {
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

const shanghai = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
});
const when = (iso: string) => shanghai.format(new Date(iso)).replace(/\//g, '-');
const range = (from: number, to: number) => (to > from ? `第 ${from}–${to} 条` : `第 ${from} 条`);
const describe = (c: AuditCheckpoint) => `${when(c.at)} 的检查点（${c.host} 进程 ${c.pid}）`;

type Broken = NonNullable<AuditVerifyResult['firstBroken']>;

/** One chain's rows in an archived month (npm run audit:archive), as its archive record and manifest state them. */
export interface ArchivedChain {
  park: string;
  rows: number;
  firstSeq: number;
  firstHash: string;
  lastSeq: number;
  lastHash: string;
  lastId: string;
}

/** What the audit key signs of an archived month: rows, chain ends and file digests (migration 0039). */
export interface ArchiveRecord {
  month: string;
  from: string;
  to: string;
  rows: number;
  chains: ArchivedChain[];
  sha256: string;
  sm3: string;
  archivedAt: string;
}

export function archiveMac(key: string, r: ArchiveRecord): string {
  const { month, from, to, rows, chains, sha256, sm3, archivedAt } = r;
  return createHmac('sm3', key)
    .update(canonicalJson(['parksafe-audit-archive-v1', { month, from, to, rows, chains, sha256, sm3, archivedAt }]))
    .digest('hex');
}

/** Where each chain resumes after the months dropped so far: the last row of its newest dropped month. */
export interface ArchiveCheckpoints {
  months: string[];
  byPark: Map<string, { seq: number; hash: string; id: string; month: string }>;
  /** Dropped months whose record does not verify under the key (not used as checkpoints). */
  invalid: string[];
}

/** The dropped months' signed records; a record whose MAC does not hold under the key is not trusted. */
export async function readArchiveCheckpoints(db: Db, key: string): Promise<ArchiveCheckpoints> {
  const found = await rows<{
    month: string;
    from_at: string;
    to_at: string;
    rows: string | number;
    chains: unknown;
    sha256: string;
    sm3: string;
    archived_at: string;
    mac: string;
  }>(
    db,
    sql`select month, to_char(from_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as from_at,
               to_char(to_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as to_at, rows, chains::text as chains,
               sha256, sm3, to_char(archived_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as archived_at, mac
          from audit_archives where dropped_at is not null order by month`,
  );
  const out: ArchiveCheckpoints = { months: [], byPark: new Map(), invalid: [] };
  for (const r of found) {
    const record: ArchiveRecord = {
      month: r.month,
      from: r.from_at,
      to: r.to_at,
      rows: Number(r.rows),
      chains: parseJson(r.chains) as ArchivedChain[],
      sha256: r.sha256,
      sm3: r.sm3,
      archivedAt: r.archived_at,
    };
    if (!sameDigest(archiveMac(key, record), r.mac)) {
      out.invalid.push(r.month);
      continue;
    }
    out.months.push(r.month);
    for (const c of record.chains) {
      const known = out.byPark.get(c.park);
      if (!known || c.lastSeq > known.seq) {
        out.byPark.set(c.park, { seq: c.lastSeq, hash: c.lastHash, id: c.lastId, month: r.month });
      }
    }
  }
  return out;
}

/** Every chain to verify: those with a head, with rows (a skip scan over the primary key), a boundary or a checkpoint. */
async function chainsToVerify(db: Db, checkpoints: CheckpointSet | undefined, only?: string[]): Promise<string[]> {
  const found = await rows<{ park_id: string }>(
    db,
    sql`with recursive p as (
          (select park_id from audit_log order by park_id limit 1)
          union all
          select (select park_id from audit_log where park_id > p.park_id order by park_id limit 1) from p
           where p.park_id is not null)
        select park_id from p where park_id is not null
        union select park_id from audit_chain_heads
        union select park_id from audit_legacy_boundary`,
  );
  const parks = new Set([...found.map((r) => r.park_id), ...(checkpoints?.byPark.keys() ?? [])]);
  return [...parks].filter((p) => !only || only.includes(p)).sort();
}

/**
 * Walks every chain (or one park's) in seq order, in batches, and names the first row whose MAC, link or sequence
 * does not hold, then compares the chain with its head, its legacy boundary and the checkpoints kept outside the
 * database, so a recomputed chain, a forged row and a cut-off tail are each named with what happened.
 */
export async function verifyAuditChains(
  db: Db,
  opts: {
    parkIds?: string[];
    batchSize?: number;
    onProgress?: (checked: number) => void;
    /** Defaults to the configured key. */
    key?: string;
    /** Checkpoints to compare with; without them a removed tail with a reset head cannot be seen. */
    checkpoints?: CheckpointSet;
    /**
     * Only the rows written in [from, to): each row's MAC and link, the link to the row before the first and from the
     * row after the last. The whole chain's head and tail are not compared (a day is checked in seconds at any size).
     */
    range?: { from: Date; to: Date };
  } = {},
): Promise<AuditVerifyResult> {
  const batch = opts.batchSize ?? 2000;
  const key = opts.key ?? auditKey();
  const parks = await chainsToVerify(db, opts.checkpoints, opts.parkIds);
  const heads = new Map(
    (
      await rows<{ park_id: string; last_seq: string | number; last_hash: string }>(
        db,
        sql`select park_id, last_seq, last_hash from audit_chain_heads`,
      )
    ).map((h) => [h.park_id, { seq: Number(h.last_seq), hash: h.last_hash }]),
  );
  const boundaries = new Map(
    (
      await rows<{ park_id: string; last_seq: string | number; last_hash: string }>(
        db,
        sql`select park_id, last_seq, last_hash from audit_legacy_boundary`,
      )
    ).map((b) => [b.park_id, { seq: Number(b.last_seq), hash: b.last_hash }]),
  );

  let checked = 0;
  let legacy = 0;
  let valid = 0;
  let latestAt: string | null = null;
  for (const park of parks) {
    for (const c of opts.checkpoints?.byPark.get(park) ?? []) {
      valid++;
      if (!latestAt || c.at > latestAt) latestAt = c.at;
    }
  }
  const warnings: string[] = [];
  const cps = opts.checkpoints;
  if (!cps || cps.sources.length === 0) {
    warnings.push('未配置审计检查点：无法发现链尾被删除且链头被重置的情况');
  } else {
    if (cps.missing.length) warnings.push(`检查点文件不存在：${cps.missing.length} 个（尚未写入，或被移走）`);
    if (cps.invalid) warnings.push(`${cps.invalid} 条检查点签名无效（被篡改、写入不完整，或由另一把密钥签名），已忽略`);
    if (cps.otherKeys.size) {
      warnings.push(
        `部分检查点由另一把审计密钥签名（指纹 ${[...cps.otherKeys].join('、')}；当前密钥指纹 ${auditKeyId(key)}）：PARKSAFE_AUDIT_KEY 可能被更换`,
      );
    }
  }
  const archived = await readArchiveCheckpoints(db, key);
  if (archived.months.length) {
    warnings.push(
      `${archived.months[0]}${archived.months.length > 1 ? ` 至 ${archived.months.at(-1)}` : ''} 的记录已归档并从数据库删除（npm run audit:archive / audit:drop）：各链自最后删除月份留下的归档检查点之后开始校验，更早的记录请校验归档文件`,
    );
  }
  if (archived.invalid.length) {
    warnings.push(`归档记录 ${archived.invalid.join('、')} 的签名无效（被改动，或由另一把密钥签名），未作为检查点使用`);
  }
  const result = (firstBroken: Broken | null): AuditVerifyResult => ({
    ok: firstBroken === null,
    checked,
    chains: parks.length,
    legacy,
    checkpoints: { valid, invalid: cps?.invalid ?? 0, latestAt },
    warnings,
    archivedMonths: archived.months,
    firstBroken,
  });
  const broken = (parkId: string, seq: number, id: string, kind: AuditBreakKind, reason: string) =>
    result({ parkId, seq, id, kind, reason });

  for (const park of parks) {
    const head = heads.get(park) ?? null;
    const boundary = boundaries.get(park) ?? null;
    const legacySeq = boundary?.seq ?? 0;
    const marks = cps?.byPark.get(park) ?? [];
    const marksAt = new Map<number, AuditCheckpoint[]>();
    let newest: AuditCheckpoint | null = null;
    for (const c of marks) {
      marksAt.set(c.seq, [...(marksAt.get(c.seq) ?? []), c]);
      if (!newest || c.seq > newest.seq) newest = c;
    }
    // A checkpoint that saw another boundary: rows between the two would be checked with the wrong scheme.
    const moved = marks.find((c) => c.legacySeq !== legacySeq);
    const movedAt = moved ? Math.min(moved.legacySeq, legacySeq) + 1 : 0;
    const movedReason = moved
      ? `启用审计密钥前后的分界被改动：${describe(moved)}记录分界为第 ${moved.legacySeq} 条，数据库中为第 ${legacySeq} 条（旧记录被冒充或改写）`
      : '';

    // Rows of dropped months are in their archive files: the chain resumes after the last row they hold.
    const resume = archived.byPark.get(park) ?? null;
    let prevHash = resume?.hash ?? GENESIS_HASH;
    let prevId = resume?.id ?? '';
    let expectedSeq = (resume?.seq ?? 0) + 1;
    let endSeq = Number.MAX_SAFE_INTEGER;
    if (opts.range) {
      // seq follows at within a chain (appends are serialised on the chain head), so the day is a seq interval.
      const [span] = await rows<{ first: string | null; last: string | null }>(
        db,
        sql`select (select seq from audit_log where park_id = ${park} and "at" >= ${opts.range.from.toISOString()}
                     and "at" < ${opts.range.to.toISOString()} order by "at", seq limit 1) as first,
                   (select seq from audit_log where park_id = ${park} and "at" >= ${opts.range.from.toISOString()}
                     and "at" < ${opts.range.to.toISOString()} order by "at" desc, seq desc limit 1) as last`,
      );
      if (!span?.first || !span.last) continue;
      expectedSeq = Number(span.first);
      endSeq = Number(span.last);
      // When the row before the period was in a dropped month, its archive checkpoint (above) stands for it.
      if (expectedSeq > 1 && expectedSeq - 1 !== resume?.seq) {
        const [before] = await rows<{ id: string; hash: string }>(
          db,
          sql`select id, hash from audit_log where park_id = ${park} and seq = ${expectedSeq - 1}`,
        );
        if (!before) {
          return broken(
            park,
            expectedSeq - 1,
            '',
            'deleted',
            `第 ${expectedSeq - 1} 条记录被删除（所校验时段之前的一条）`,
          );
        }
        prevHash = before.hash;
        prevId = before.id;
      }
    }
    for (;;) {
      // at is read as text with milliseconds so the value hashed is exactly the stored one.
      const page = await rows<StoredRow>(
        db,
        sql`select park_id, seq, id, to_char("at" at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as at,
                   actor_user_id, actor_name, actor_organisation_id, actor_role, ip, action, entity_type, entity_id,
                   before::text as before, after::text as after, prev_hash, hash, enterprise_id
            from audit_log where park_id = ${park} and seq >= ${expectedSeq} and seq <= ${endSeq}
            order by seq limit ${batch}`,
      );
      for (const r of page) {
        const seq = Number(r.seq);
        if (seq !== expectedSeq) {
          return broken(
            park,
            expectedSeq,
            marksAt.get(expectedSeq)?.[0]?.id ?? '',
            'deleted',
            `${range(expectedSeq, seq - 1)}记录被删除（序号不连续：其后现存的是第 ${seq} 条，id ${r.id}）`,
          );
        }
        const isLegacy = seq <= legacySeq;
        const fields: HashedFields = {
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
        };
        const authentic = sameDigest(isLegacy ? auditHash(fields) : auditMac(key, fields), r.hash);
        if (r.prev_hash !== prevHash && authentic) {
          // This row is as written, so the one before it changed (and was re-hashed) after this row was appended.
          return broken(
            park,
            seq - 1,
            prevId,
            'edited',
            `记录被修改后重新计算了哈希：下一条记录（第 ${seq} 条，id ${r.id}）所记的前序哈希与之不符`,
          );
        }
        if (!authentic) {
          if (isLegacy)
            return broken(park, seq, r.id, 'edited', '记录被修改：内容与哈希不符（启用审计密钥前的旧记录）');
          if (newest && seq > newest.seq) {
            return broken(
              park,
              seq,
              r.id,
              'inserted',
              `伪造或插入的记录：内容与审计密钥校验码（HMAC-SM3）不符，不是持有审计密钥的服务器写入的（它在${describe(newest)}之后出现；也可能是那之后写入的记录被修改）`,
            );
          }
          return broken(
            park,
            seq,
            r.id,
            'edited',
            newest
              ? `记录被修改：内容与审计密钥校验码（HMAC-SM3）不符，而${describe(newest)}已包含这条记录`
              : '记录被修改或伪造：内容与审计密钥校验码（HMAC-SM3）不符（没有检查点可以区分两者）',
          );
        }
        if (boundary && seq === boundary.seq && r.hash !== boundary.hash) {
          return broken(
            park,
            seq,
            r.id,
            'edited',
            `启用审计密钥前的旧记录被改写：第 ${seq} 条的哈希与启用密钥时记下的不符（第 1–${seq} 条中有记录被修改后重新计算了哈希链）`,
          );
        }
        const differs = marksAt.get(seq)?.find((c) => c.hash !== r.hash);
        if (differs) {
          return broken(
            park,
            seq,
            r.id,
            'edited',
            `记录被改写：与${describe(differs)}记下的摘要不符（此条或之前的记录被修改后重新计算了哈希链）`,
          );
        }
        if (seq === movedAt) return broken(park, seq, r.id, 'edited', movedReason);
        if (isLegacy) legacy++;
        prevHash = r.hash;
        prevId = r.id;
        expectedSeq = seq + 1;
        checked++;
      }
      opts.onProgress?.(checked);
      if (page.length < batch) break;
    }

    const last = expectedSeq - 1;
    if (opts.range) {
      if (last < endSeq) {
        return broken(park, last + 1, '', 'deleted', `${range(last + 1, endSeq)}记录被删除（所校验时段内序号不连续）`);
      }
      // The row after the period must name the period's last row as its predecessor: an edited last row shows here.
      const [after] = await rows<{ id: string; prev_hash: string }>(
        db,
        sql`select id, prev_hash from audit_log where park_id = ${park} and seq = ${last + 1}`,
      );
      if (after && after.prev_hash !== prevHash) {
        return broken(
          park,
          last,
          prevId,
          'edited',
          `记录被修改后重新计算了哈希：下一条记录（第 ${last + 1} 条，id ${after.id}）所记的前序哈希与之不符`,
        );
      }
      continue;
    }
    if (newest && newest.seq > last) {
      return broken(
        park,
        last + 1,
        marksAt.get(last + 1)?.[0]?.id ?? '',
        'truncated',
        last === 0
          ? `整条链被删除：${describe(newest)}记录链头为第 ${newest.seq} 条（id ${newest.id ?? '-'}），现在没有任何记录`
          : `链尾被截断：${range(last + 1, newest.seq)}记录被删除（${describe(newest)}记录链头为第 ${newest.seq} 条，id ${newest.id ?? '-'}；现在链止于第 ${last} 条）`,
      );
    }
    if (boundary && boundary.seq > last) {
      return broken(
        park,
        last + 1,
        '',
        'truncated',
        `链尾被截断：启用审计密钥时此链已有 ${boundary.seq} 条记录，现在只有 ${last} 条`,
      );
    }
    if (moved) return broken(park, movedAt, '', 'edited', movedReason);
    if (!head) {
      if (last > 0) {
        return broken(park, last, prevId, 'deleted', `链头被删除：此链有 ${last} 条记录，却没有链头`);
      }
      continue;
    }
    if (head.seq > last) {
      return broken(
        park,
        last + 1,
        '',
        'truncated',
        `链尾被截断：链头记录到第 ${head.seq} 条，实际只有 ${last} 条（${range(last + 1, head.seq)}记录被删除）`,
      );
    }
    if (head.seq < last) {
      // Rows may have been appended while we walked: only a head still behind the rows is a reset head.
      const [now] = await rows<{ last_seq: string | number }>(
        db,
        sql`select last_seq from audit_chain_heads where park_id = ${park}`,
      );
      if (!now || Number(now.last_seq) < last) {
        return broken(
          park,
          head.seq + 1,
          '',
          'edited',
          `链头被回退：链头记录到第 ${head.seq} 条，之后仍有${range(head.seq + 1, last)}记录`,
        );
      }
    } else if (head.hash !== prevHash) {
      return broken(park, last, prevId, 'edited', '链头被改动：链头的哈希与最后一条记录不符');
    }
  }
  return result(null);
}
