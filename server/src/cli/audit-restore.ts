// npm run audit:restore -- FILE [--manifest FILE.manifest.json]
// Loads a dropped month back into audit_log from its archive file (npm run audit:archive), after verifying the file
// on its own and against the database's archive record; months come back newest dropped first. Runs as the owner
// role (DATABASE_OWNER_URL). Exit 2 with a code when refused.
import { parseArgs } from 'node:util';
import { restoreMonth } from '../modules/audit/restore';
import { openAsOwner, refused } from './audit-maintenance';
import { run } from './common';

const USAGE = '用法: npm run audit:restore -- 归档文件.ndjson.gz [--manifest 清单.manifest.json]';

run(async () => {
  let a: ReturnType<typeof parseArgs<{ options: { manifest: { type: 'string' } }; allowPositionals: true }>>;
  try {
    a = parseArgs({ options: { manifest: { type: 'string' } }, allowPositionals: true, strict: true });
  } catch (err) {
    console.error(`${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  if (a.positionals.length !== 1) {
    console.error(USAGE);
    return 2;
  }
  const { config, database } = await openAsOwner();
  try {
    await restoreMonth(database, {
      file: a.positionals[0]!,
      manifestFile: a.values.manifest,
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
