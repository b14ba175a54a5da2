// npm run restore -- FILE [--admin-url postgres://superuser@host/target] — restores an archive of npm run backup into
// an empty DATA_DIR (embedded) or an empty PostgreSQL database (DATABASE_URL; loaded as the superuser of --admin-url,
// default DATABASE_URL), then verifies row counts, file checksums and the audit chain. Refuses a non-empty target;
// a truncated or altered archive fails before anything is written, naming the part.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { BackupError, restoreBackup } from '../platform/backup';
import { loadConfig } from '../platform/config';
import { run } from './common';

run(async () => {
  const { values, positionals } = parseArgs({
    options: { 'admin-url': { type: 'string' } },
    allowPositionals: true,
    strict: true,
  });
  const file = positionals[0];
  if (!file || positionals.length > 1) {
    console.error('用法：npm run restore -- 备份文件 [--admin-url 超级用户连接]');
    return 2;
  }
  // Read from the environment directly: loading the configuration would create key files in DATA_DIR.
  const env = process.env;
  const dataDir = path.resolve(env.DATA_DIR ?? './data');
  const databaseUrl = env.DATABASE_URL || null;
  const filesDir = path.join(dataDir, 'files');
  if (databaseUrl && fs.existsSync(filesDir) && fs.readdirSync(filesDir).length > 0) {
    console.error(`恢复失败：上传文件目录不是空的：${filesDir}`);
    return 1;
  }
  try {
    await restoreBackup({
      file: path.resolve(file),
      target: {
        dataDir,
        databaseUrl,
        adminUrl: values['admin-url'] ?? null,
        checkpointFile: env.PARKSAFE_AUDIT_CHECKPOINTS
          ? path.resolve(env.PARKSAFE_AUDIT_CHECKPOINTS)
          : path.join(dataDir, 'audit-checkpoints.jsonl'),
      },
      loadConfig: () => loadConfig(),
      log: (m) => console.log(`[restore] ${m}`),
    });
    return 0;
  } catch (err) {
    if (err instanceof BackupError) {
      console.error(`恢复失败：${err.message}`);
      return 1;
    }
    throw err;
  }
});
