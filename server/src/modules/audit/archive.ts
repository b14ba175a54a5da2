// The audit log by month (migration 0039): month partitions created ahead, a closed month exported with its digests
// (npm run audit:archive), and a month older than the retention period dropped once its archive matches
// (npm run audit:drop). Archive and drop run as the owner role; the server's role only calls
// audit_log_ensure_partitions() (SECURITY DEFINER) and reads.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { sql } from 'drizzle-orm';
import {
  type ArchivedChain,
  type ArchiveRecord,
  archiveMac,
  auditKeyId,
  type CheckpointSet,
  sameDigest,
  verifyAuditChains,
} from '../../platform/audit';
import { now } from '../../platform/clock';
import { type Database, type Db, rows } from '../../platform/db';
import { AppError, badRequest, conflict, unprocessable } from '../../platform/errors';

/** The shortest retention the drop command accepts, and the default of AUDIT_RETENTION_MONTHS. */
export const MIN_RETENTION_MONTHS = 6;
export const ARCHIVE_FORMAT = 'parksafe-audit-archive-v1';

/** Creates the partitions of the current park month and `ahead` more (idempotent, safe from several processes). */
export async function ensureAuditPartitions(db: Db, ahead = 2): Promise<number> {
  const [r] = await rows<{ n: number }>(db, sql`select audit_log_ensure_partitions(${ahead}) as n`);
  return Number(r?.n ?? 0);
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** A park month (Asia/Shanghai, UTC+8 without daylight saving): its bounds and its index for comparisons. */
export function parseMonth(month: string | undefined) {
  const m = MONTH.exec(month ?? '');
  if (!m)
    throw badRequest('AUDIT_MONTH_INVALID', '月份格式应为 YYYY-MM（如 2026-05）', { month: '月份格式应为 YYYY-MM' });
  const year = Number(m[1]);
  const mon = Number(m[2]);
  const at = (y: number, mo: number) =>
    new Date(
      `${String(y + Math.floor((mo - 1) / 12)).padStart(4, '0')}-${String(((mo - 1) % 12) + 1).padStart(2, '0')}-01T00:00:00+08:00`,
    );
  return {
    month: month!,
    from: at(year, mon),
    to: at(year, mon + 1),
    index: year * 12 + mon - 1,
    partition: `audit_log_p${m[1]}${m[2]}`,
  };
}

/** The park month of an instant (Asia/Shanghai). */
export function monthOf(instant: Date): string {
  return new Date(instant.getTime() + 8 * 3_600_000).toISOString().slice(0, 7);
}

/** AUDIT_RETENTION_MONTHS: a whole number of months, at least MIN_RETENTION_MONTHS (default). */
export function retentionMonths(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return MIN_RETENTION_MONTHS;
  const n = Number(value);
  if (!Number.isInteger(n) || n < MIN_RETENTION_MONTHS) {
    throw unprocessable(
      'AUDIT_RETENTION_TOO_SHORT',
      `审计日志保留期 AUDIT_RETENTION_MONTHS 必须是不少于 ${MIN_RETENTION_MONTHS} 的整数（月），当前为 ${value}`,
      { AUDIT_RETENTION_MONTHS: `至少 ${MIN_RETENTION_MONTHS} 个月` },
    );
  }
  return n;
}

/** Each chain's rows in [from, to): count, first and last row. */
export async function chainsIn(db: Db, from: Date, to: Date): Promise<ArchivedChain[]> {
  const found = await rows<{
    park_id: string;
    n: string | number;
    first_seq: string | number;
    last_seq: string | number;
  }>(
    db,
    sql`select park_id, count(*) as n, min(seq) as first_seq, max(seq) as last_seq from audit_log
         where "at" >= ${from.toISOString()} and "at" < ${to.toISOString()} group by park_id order by park_id`,
  );
  const chains: ArchivedChain[] = [];
  for (const c of found) {
    const ends = await rows<{ seq: string | number; hash: string; id: string }>(
      db,
      sql`select seq, hash, id from audit_log where park_id = ${c.park_id} and seq in (${Number(c.first_seq)}, ${Number(c.last_seq)})
             and "at" >= ${from.toISOString()} and "at" < ${to.toISOString()}`,
    );
    const first = ends.find((e) => Number(e.seq) === Number(c.first_seq))!;
    const last = ends.find((e) => Number(e.seq) === Number(c.last_seq))!;
    chains.push({
      park: c.park_id,
      rows: Number(c.n),
      firstSeq: Number(c.first_seq),
      firstHash: first.hash,
      lastSeq: Number(c.last_seq),
      lastHash: last.hash,
      lastId: last.id,
    });
  }
  return chains;
}

/**
 * The archived months, newest first, each with the rows of the given chains only (the file's name without its
 * folder: where the owner keeps archives is not the console's business).
 */
export async function listArchives(db: Db, parkIds: string[]) {
  const found = await rows<{
    month: string;
    rows: number;
    file_name: string;
    sha256: string;
    sm3: string;
    archived_at: string;
    archived_by: string;
    dropped_at: string | null;
  }>(
    db,
    sql`select a.month, coalesce((select sum((c->>'rows')::bigint) from jsonb_array_elements(a.chains) c
                                  where c->>'park' in ${parkIds}), 0)::int as rows,
               a.file_name, a.sha256, a.sm3, a.archived_by,
               to_char(a.archived_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as archived_at,
               to_char(a.dropped_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as dropped_at
          from audit_archives a order by a.month desc`,
  );
  return found.map((r) => ({
    month: r.month,
    rows: Number(r.rows),
    fileName: path.basename(r.file_name),
    sha256: r.sha256,
    sm3: r.sm3,
    archivedAt: r.archived_at,
    archivedBy: r.archived_by,
    droppedAt: r.dropped_at,
  }));
}

interface StoredArchive {
  month: string;
  rows: number;
  droppedAt: string | null;
  fileName: string;
  record: ArchiveRecord;
  mac: string;
}

export async function storedArchive(db: Db, month: string): Promise<StoredArchive | null> {
  const [r] = await rows<{
    month: string;
    from_at: string;
    to_at: string;
    rows: string | number;
    chains: string;
    file_name: string;
    sha256: string;
    sm3: string;
    archived_at: string;
    dropped_at: string | null;
    mac: string;
  }>(
    db,
    sql`select month, to_char(from_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as from_at,
               to_char(to_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as to_at, rows, chains::text as chains,
               file_name, sha256, sm3, to_char(archived_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as archived_at,
               dropped_at::text as dropped_at, mac
          from audit_archives where month = ${month}`,
  );
  if (!r) return null;
  return {
    month: r.month,
    rows: Number(r.rows),
    droppedAt: r.dropped_at,
    fileName: r.file_name,
    mac: r.mac,
    record: {
      month: r.month,
      from: r.from_at,
      to: r.to_at,
      rows: Number(r.rows),
      chains: JSON.parse(r.chains) as ArchivedChain[],
      sha256: r.sha256,
      sm3: r.sm3,
      archivedAt: r.archived_at,
    },
  };
}

const iso = (d: Date) => d.toISOString();

export interface ArchiveManifest extends ArchiveRecord {
  format: typeof ARCHIVE_FORMAT;
  file: string;
  keyId: string;
  mac: string;
}

/**
 * Exports a closed park month of every chain as gzip'd NDJSON (one stored row a line, as verification reads it) to
 * `out`, with `out.manifest.json` beside it (rows, first/last row of each chain, SHA-256 and SM3 of the file, signed
 * with the audit key), after verifying the month's rows: each row's MAC, their links, the link to the row before the
 * month (or the archive checkpoint of a dropped month) and the checkpoints kept outside the database. Records the
 * archive in audit_archives (as the owner role).
 */
export async function archiveMonth(
  database: Database,
  opts: {
    month: string;
    out: string;
    key: string;
    checkpoints?: CheckpointSet;
    by?: string;
    batchSize?: number;
    onProgress?: (msg: string) => void;
  },
): Promise<ArchiveManifest> {
  const { db } = database;
  const m = parseMonth(opts.month);
  const progress = opts.onProgress ?? (() => {});
  if (m.index >= parseMonth(monthOf(now())).index) {
    throw unprocessable('AUDIT_MONTH_NOT_CLOSED', `${m.month} 尚未结束（当前月份或以后的月份不能归档）`, {
      month: '只能归档已结束的月份',
    });
  }
  await assertOwner(db, '归档审计日志');
  const existing = await storedArchive(db, m.month);
  if (existing?.droppedAt) {
    throw conflict(
      'AUDIT_MONTH_DROPPED',
      `${m.month} 已归档并已从数据库删除，无法再次归档（归档文件：${existing.fileName}）`,
    );
  }
  const out = path.resolve(opts.out);
  const manifestPath = `${out}.manifest.json`;
  if (fs.existsSync(out) || fs.existsSync(manifestPath)) {
    throw conflict('AUDIT_ARCHIVE_FILE_EXISTS', `归档文件已存在：${out}（请换一个 --out 路径，不会覆盖已有文件）`, {
      out: '文件已存在',
    });
  }

  progress(`校验 ${m.month} 的记录（每条的审计密钥校验码、前后链接与检查点）…`);
  const verified = await verifyAuditChains(db, {
    key: opts.key,
    checkpoints: opts.checkpoints,
    range: { from: m.from, to: m.to },
    onProgress: (n) => progress(`已校验 ${n} 条`),
  });
  if (!verified.ok) {
    const b = verified.firstBroken!;
    throw unprocessable(
      'AUDIT_MONTH_BROKEN',
      `${m.month} 的审计记录校验未通过，拒绝归档：园区 ${b.parkId} 第 ${b.seq} 条（id ${b.id || '-'}）：${b.reason}`,
    );
  }
  const chains = await chainsIn(db, m.from, m.to);
  const total = chains.reduce((s, c) => s + c.rows, 0);
  progress(`${m.month}：${chains.length} 条链，${total} 条记录，校验通过；导出到 ${out}`);

  fs.mkdirSync(path.dirname(out), { recursive: true });
  const part = `${out}.part`;
  const sha256 = createHash('sha256');
  const sm3 = createHash('sm3');
  const batch = opts.batchSize ?? 5000;
  let written = 0;
  async function* lines() {
    for (const c of chains) {
      let after = c.firstSeq - 1;
      for (;;) {
        const page = await rows<Record<string, unknown> & { seq: string | number }>(
          db,
          sql`select park_id, seq, id, to_char("at" at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as at,
                     actor_user_id, actor_name, actor_organisation_id, actor_role, ip, action, entity_type, entity_id,
                     before::text as before, after::text as after, prev_hash, hash, enterprise_id
                from audit_log where park_id = ${c.park} and seq > ${after} and seq <= ${c.lastSeq}
                 and "at" >= ${iso(m.from)} and "at" < ${iso(m.to)}
               order by seq limit ${batch}`,
        );
        if (page.length === 0) break;
        yield page
          .map((r) => {
            const row = {
              ...r,
              seq: Number(r.seq),
              before: r.before == null ? null : JSON.parse(String(r.before)),
              after: r.after == null ? null : JSON.parse(String(r.after)),
            };
            return `${JSON.stringify(row)}\n`;
          })
          .join('');
        written += page.length;
        after = Number(page.at(-1)!.seq);
        progress(`已导出 ${written} / ${total} 条`);
        if (page.length < batch) break;
      }
    }
  }
  const digest = new Transform({
    transform(chunk: Buffer, _enc, done) {
      sha256.update(chunk);
      sm3.update(chunk);
      done(null, chunk);
    },
  });
  try {
    await pipeline(lines(), createGzip({ level: 6 }), digest, fs.createWriteStream(part, { mode: 0o640 }));
    if (written !== total) {
      throw new AppError(
        409,
        'AUDIT_ARCHIVE_CHANGED',
        `导出期间 ${m.month} 的记录数发生变化（应为 ${total} 条，导出 ${written} 条），已放弃本次归档`,
      );
    }
    fs.renameSync(part, out);
  } catch (err) {
    fs.rmSync(part, { force: true });
    throw err;
  }

  const record: ArchiveRecord = {
    month: m.month,
    from: iso(m.from),
    to: iso(m.to),
    rows: total,
    chains,
    sha256: sha256.digest('hex'),
    sm3: sm3.digest('hex'),
    archivedAt: iso(now()),
  };
  const mac = archiveMac(opts.key, record);
  const manifest: ArchiveManifest = {
    format: ARCHIVE_FORMAT,
    ...record,
    file: path.basename(out),
    keyId: auditKeyId(opts.key),
    mac,
  };
  fs.writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o640 });
  const by = opts.by ?? `${os.hostname()} 进程 ${process.pid}`;
  try {
    await db.execute(sql`
      insert into audit_archives (month, from_at, to_at, rows, chains, file_name, sha256, sm3, archived_at, archived_by, mac)
      values (${m.month}, ${record.from}, ${record.to}, ${total}, ${JSON.stringify(chains)}::jsonb, ${out}, ${record.sha256},
              ${record.sm3}, ${record.archivedAt}, ${by}, ${mac})
      on conflict (month) do update set from_at = excluded.from_at, to_at = excluded.to_at, rows = excluded.rows,
        chains = excluded.chains, file_name = excluded.file_name, sha256 = excluded.sha256, sm3 = excluded.sm3,
        archived_at = excluded.archived_at, archived_by = excluded.archived_by, mac = excluded.mac
      where audit_archives.dropped_at is null`);
  } catch (err) {
    throw ownerOnly(err, '记录归档');
  }
  progress(`已归档 ${m.month}：${total} 条记录，文件 ${out}（SHA-256 ${record.sha256}），清单 ${manifestPath}`);
  return manifest;
}

/**
 * Archive, drop and restore are the owner's: refused at once to a role that may not write audit_archives or drop
 * partitions.
 */
export async function assertOwner(db: Db, what: string): Promise<void> {
  const [r] = await rows<{ ok: boolean }>(
    db,
    sql`select has_table_privilege('audit_archives', 'INSERT, UPDATE')
               and pg_has_role(current_user, (select relowner from pg_class where oid = 'audit_log'::regclass), 'MEMBER')
               as ok`,
  );
  if (!r?.ok) throw ownerOnly({ code: '42501' }, what);
}

/** A permission error of the server's role: archive and drop are the owner's (DATABASE_OWNER_URL). */
export function ownerOnly(err: unknown, what: string): unknown {
  const code =
    (err as { code?: string; cause?: { code?: string } }).code ?? (err as { cause?: { code?: string } }).cause?.code;
  if (code === '42501') {
    return new AppError(
      403,
      'AUDIT_OWNER_REQUIRED',
      `数据库角色无权${what}：请以所有者角色运行（设置 DATABASE_OWNER_URL，见 README「PostgreSQL 的两个角色」）`,
    );
  }
  return err;
}

/** The SHA-256 of a file, streamed. */
async function fileSha256(file: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) h.update(chunk as Buffer);
  return h.digest('hex');
}

/**
 * Detaches and drops the partition of a month older than the retention period, once its archive matches the rows
 * still in the database (count and each chain's first and last row, the record's signature, and the file's SHA-256
 * when the file is still where it was written). Months go oldest first. The archive record stays: it is the
 * checkpoint verification resumes from.
 */
export async function dropMonth(
  database: Database,
  opts: { month: string; retention: string | undefined; key: string; onProgress?: (msg: string) => void },
): Promise<{ month: string; rows: number; partition: string | null }> {
  const { db } = database;
  const progress = opts.onProgress ?? (() => {});
  const keep = retentionMonths(opts.retention);
  const m = parseMonth(opts.month);
  const current = parseMonth(monthOf(now()));
  const newestDroppable = current.index - keep - 1;
  if (m.index > newestDroppable) {
    const y = Math.floor(newestDroppable / 12);
    const latest = `${y}-${String((newestDroppable % 12) + 1).padStart(2, '0')}`;
    throw unprocessable(
      'AUDIT_MONTH_TOO_RECENT',
      `${m.month} 仍在保留期内（保留 ${keep} 个完整月份与当月，AUDIT_RETENTION_MONTHS），最晚可删除 ${latest}`,
      { month: `最晚可删除 ${latest}` },
    );
  }
  await assertOwner(db, '删除审计日志分区');
  const stored = await storedArchive(db, m.month);
  if (!stored) {
    throw unprocessable(
      'AUDIT_MONTH_NOT_ARCHIVED',
      `${m.month} 尚未归档：请先运行 npm run audit:archive -- --month ${m.month} --out 文件`,
      {
        month: '尚未归档',
      },
    );
  }
  if (stored.droppedAt) throw conflict('AUDIT_MONTH_DROPPED', `${m.month} 已于 ${stored.droppedAt} 删除`);
  if (!sameDigest(archiveMac(opts.key, stored.record), stored.mac)) {
    throw unprocessable(
      'AUDIT_ARCHIVE_TAMPERED',
      `${m.month} 的归档记录签名无效（被改动，或由另一把审计密钥签名）：请重新归档`,
    );
  }
  const chains = await chainsIn(db, m.from, m.to);
  const total = chains.reduce((s, c) => s + c.rows, 0);
  const same =
    total === stored.rows &&
    chains.length === stored.record.chains.length &&
    chains.every((c, i) => {
      const a = stored.record.chains[i]!;
      return (
        a.park === c.park &&
        a.rows === c.rows &&
        a.firstSeq === c.firstSeq &&
        a.firstHash === c.firstHash &&
        a.lastSeq === c.lastSeq &&
        a.lastHash === c.lastHash
      );
    });
  if (!same) {
    throw unprocessable(
      'AUDIT_ARCHIVE_MISMATCH',
      `${m.month} 的归档与数据库中的记录不一致（归档 ${stored.rows} 条，现有 ${total} 条，或链首尾不同）：请重新归档后再删除`,
    );
  }
  const [earlier] = await rows<{ at: string }>(
    db,
    sql`select "at"::text as at from audit_log where "at" < ${iso(m.from)} limit 1`,
  );
  if (earlier) {
    throw unprocessable(
      'AUDIT_EARLIER_MONTH_PRESENT',
      `${m.month} 之前的月份（${earlier.at.slice(0, 7)} 起）仍有记录：请按月份从早到晚依次归档、删除`,
    );
  }
  if (fs.existsSync(stored.fileName)) {
    progress(`核对归档文件 ${stored.fileName} 的 SHA-256 …`);
    if ((await fileSha256(stored.fileName)) !== stored.record.sha256) {
      throw unprocessable(
        'AUDIT_ARCHIVE_FILE_CHANGED',
        `归档文件 ${stored.fileName} 的 SHA-256 与归档记录不符（文件被改动或替换）：请重新归档`,
      );
    }
  } else {
    progress(`归档文件 ${stored.fileName} 不在本机（已移往别处保存？），按归档记录与清单中的摘要为准`);
  }
  const [inDefault] = await rows<{ n: number }>(
    db,
    sql`select count(*)::int as n from audit_log_default where "at" >= ${iso(m.from)} and "at" < ${iso(m.to)}`,
  );
  if (inDefault && inDefault.n > 0) {
    throw unprocessable(
      'AUDIT_MONTH_IN_DEFAULT',
      `${m.month} 有 ${inDefault.n} 条记录在默认分区 audit_log_default 中（写入时该月分区尚未创建），不能整月删除`,
    );
  }
  const [exists] = await rows<{ present: boolean }>(db, sql`select to_regclass(${m.partition}) is not null as present`);
  progress(`删除分区 ${m.partition}（${total} 条记录）…`);
  try {
    await db.transaction(async (tx) => {
      await tx.execute(sql`set local lock_timeout = '30s'`);
      if (exists?.present) {
        await tx.execute(sql.raw(`alter table audit_log detach partition ${m.partition}`));
        await tx.execute(sql.raw(`drop table ${m.partition}`));
      }
      await tx.execute(
        sql`update audit_archives set dropped_at = now() where month = ${m.month} and dropped_at is null`,
      );
    });
  } catch (err) {
    throw ownerOnly(err, '删除审计日志分区');
  }
  progress(`已删除 ${m.month}：${total} 条记录（归档文件 ${stored.fileName}）；之后的校验自该月留下的归档检查点开始`);
  return { month: m.month, rows: total, partition: exists?.present ? m.partition : null };
}
