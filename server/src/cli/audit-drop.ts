// npm run audit:drop -- --month 2026-05
// Detaches and drops the partition of an archived park month older than the retention period (AUDIT_RETENTION_MONTHS,
// default and minimum 6), after checking the archive against the rows (count, chain ends, signature, file digest).
// Months go oldest first; the archive record stays as the checkpoint later verification starts from. Runs as the
// owner role (DATABASE_OWNER_URL). Exit 2 with a code when refused.
import { dropMonth } from '../modules/audit/archive';
import { openAsOwner, refused } from './audit-maintenance';
import { args, run } from './common';

run(async () => {
  const a = args({ month: { type: 'string' } });
  if (!a.month) {
    console.error('用法: npm run audit:drop -- --month YYYY-MM（保留期 AUDIT_RETENTION_MONTHS，默认且至少 6 个月）');
    return 2;
  }
  const { config, database } = await openAsOwner();
  try {
    await dropMonth(database, {
      month: a.month,
      retention: process.env.AUDIT_RETENTION_MONTHS,
      key: config.auditKey,
      onProgress: (msg) => console.log(msg),
    });
    return 0;
  } catch (err) {
    return refused(err);
  } finally {
    await database.close();
  }
});
