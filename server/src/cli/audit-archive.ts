// npm run audit:archive -- --month 2026-05 --out /backup/audit-2026-05.ndjson.gz [--checkpoints FILE ...]
// Verifies a closed park month's audit rows (keyed MACs, links, the checkpoints kept outside the database), exports
// them as gzip'd NDJSON with OUT.manifest.json beside it (rows, first/last row of each chain, SHA-256 and SM3 of the
// file, signed with the audit key) and records the archive in audit_archives. Runs as the owner role
// (DATABASE_OWNER_URL). Exit 2 with a code when refused.

import { archiveMonth } from '../modules/audit/archive';
import { readCheckpoints } from '../platform/audit-checkpoints';
import { openAsOwner, refused } from './audit-maintenance';
import { args, run } from './common';

run(async () => {
  const a = args({
    month: { type: 'string' },
    out: { type: 'string' },
    checkpoints: { type: 'string', multiple: true },
  });
  if (!a.month || !a.out) {
    console.error('用法: npm run audit:archive -- --month YYYY-MM --out 文件.ndjson.gz [--checkpoints 检查点文件 ...]');
    return 2;
  }
  const { config, database } = await openAsOwner();
  try {
    const sources = [...(config.auditCheckpointFile ? [config.auditCheckpointFile] : []), ...(a.checkpoints ?? [])];
    const manifest = await archiveMonth(database, {
      month: a.month,
      out: a.out,
      key: config.auditKey,
      checkpoints: await readCheckpoints(sources, config.auditKey),
      onProgress: (msg) => console.log(msg),
    });
    console.log(`行数 ${manifest.rows}；SHA-256 ${manifest.sha256}；SM3 ${manifest.sm3}`);
    return 0;
  } catch (err) {
    return refused(err);
  } finally {
    await database.close();
  }
});
