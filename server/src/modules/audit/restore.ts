// npm run audit:restore: a dropped month loaded back into audit_log from its archive file — for an investigation
// that needs the console's search over a month past the retention period. The file must verify on its own (manifest
// signature, digests, every row's MAC and links), be the file the database recorded for that month (same SHA-256 and
// SM3), and the month must be the newest one dropped: verification resumes after the newest dropped month, so
// restoring newest-first keeps the dropped months a prefix of each chain and the restored rows link to the checkpoint
// before them. In one transaction: the month's partition, its rows, a check that the chains now in the database are
// those the archive recorded, and the archive record marked not dropped (it can be dropped again with audit:drop).
import fs from 'node:fs';
import readline from 'node:readline';
import { createGunzip } from 'node:zlib';
import { sql } from 'drizzle-orm';
import { archiveMac, sameDigest } from '../../platform/audit';
import type { Database } from '../../platform/db';
import { rows } from '../../platform/db';
import { AppError, conflict, unprocessable } from '../../platform/errors';
import { assertOwner, chainsIn, ownerOnly, parseMonth, storedArchive } from './archive';
import { verifyArchiveFile } from './archive-verify';

const BATCH = 2000;

export async function restoreMonth(
  database: Database,
  opts: { file: string; manifestFile?: string; key: string; onProgress?: (msg: string) => void },
): Promise<{ month: string; rows: number; partition: string }> {
  const { db } = database;
  const progress = opts.onProgress ?? (() => {});
  await assertOwner(db, '恢复审计日志');
  progress(`校验归档文件 ${opts.file}（清单签名、摘要、每条记录的校验码与链接）…`);
  const verified = await verifyArchiveFile({
    file: opts.file,
    manifestFile: opts.manifestFile,
    key: opts.key,
    onProgress: (n, total) => progress(`已校验 ${n} / ${total} 条`),
  });
  if (!verified.ok || !verified.month) {
    const first = verified.problems[0];
    throw unprocessable(
      'AUDIT_RESTORE_FILE_INVALID',
      `归档文件校验未通过，拒绝恢复：${first ? `[${first.code}] ${first.message}` : '无法读取清单'}`,
    );
  }
  const m = parseMonth(verified.month);
  const stored = await storedArchive(db, m.month);
  if (!stored) {
    throw unprocessable(
      'AUDIT_MONTH_NOT_ARCHIVED',
      `数据库中没有 ${m.month} 的归档记录，不能恢复（这份文件不是本库归档的）`,
    );
  }
  if (!stored.droppedAt) throw conflict('AUDIT_MONTH_PRESENT', `${m.month} 的记录仍在数据库中，无需恢复`);
  if (!sameDigest(archiveMac(opts.key, stored.record), stored.mac)) {
    throw unprocessable('AUDIT_ARCHIVE_TAMPERED', `${m.month} 的归档记录签名无效（被改动，或由另一把审计密钥签名）`);
  }
  if (verified.sha256 !== stored.record.sha256 || verified.sm3 !== stored.record.sm3) {
    throw unprocessable(
      'AUDIT_RESTORE_OTHER_FILE',
      `该文件不是数据库为 ${m.month} 记录的归档（SHA-256 ${verified.sha256}，记录为 ${stored.record.sha256}）`,
    );
  }
  const [newest] = await rows<{ month: string }>(
    db,
    sql`select max(month) as month from audit_archives where dropped_at is not null`,
  );
  if (newest?.month && newest.month !== m.month) {
    throw unprocessable(
      'AUDIT_RESTORE_ORDER',
      `请先恢复较晚删除的月份 ${newest.month}：删除的月份须从最晚的开始依次恢复（校验自最晚删除月份的检查点开始）`,
    );
  }

  progress(`恢复 ${m.month}：建立分区 ${m.partition}，写入 ${stored.rows} 条记录 …`);
  let written = 0;
  try {
    await database.db.transaction(async (tx) => {
      await tx.execute(sql`set local lock_timeout = '30s'`);
      await tx.execute(sql`select audit_log_create_month(${`${m.month}-01`}::date)`);
      const input = fs.createReadStream(verified.file).pipe(createGunzip());
      const lines = readline.createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
      let batch: string[] = [];
      const flush = async () => {
        if (batch.length === 0) return;
        // One parameter a batch: the lines are the rows as the table holds them (jsonb_populate_recordset types them).
        await tx.execute(
          sql`insert into audit_log select * from jsonb_populate_recordset(null::audit_log, ${`[${batch.join(',')}]`}::jsonb)`,
        );
        written += batch.length;
        batch = [];
        progress(`已写入 ${written} / ${stored.rows} 条`);
      };
      for await (const line of lines) {
        if (line.trim() === '') continue;
        batch.push(line);
        if (batch.length >= BATCH) await flush();
      }
      await flush();
      // The rows now in the month are exactly those the archive recorded (count and each chain's ends).
      const chains = await chainsIn(tx, m.from, m.to);
      const same =
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
      if (!same || written !== stored.rows) {
        throw new AppError(
          422,
          'AUDIT_RESTORE_MISMATCH',
          `恢复后 ${m.month} 的记录与归档记录不一致（写入 ${written} 条，归档 ${stored.rows} 条，或链首尾不同），已撤销`,
        );
      }
      await tx.execute(sql`update audit_archives set dropped_at = null where month = ${m.month}`);
    });
  } catch (err) {
    throw ownerOnly(err, '恢复审计日志');
  }
  progress(`已恢复 ${m.month}：${written} 条记录在分区 ${m.partition}；该月仍有归档，可再次用 npm run audit:drop 删除`);
  return { month: m.month, rows: written, partition: m.partition };
}
