// npm run backup -- --out PATH — one archive of the database the server would open (DATA_DIR or DATABASE_URL), the
// uploaded files, the audit checkpoints and a manifest (platform/backup.ts). PATH is a file, or a folder to put a
// timestamped archive in. The embedded database can be opened by one process only: while the server runs, its
// scheduled backups (BACKUP_INTERVAL_HOURS) are the way; a PostgreSQL database can be backed up at any time.
import { VERSION } from '../app';
import { BackupError, createBackup } from '../platform/backup';
import { args, openForCli, run } from './common';

run(async () => {
  const a = args({ out: { type: 'string' } });
  if (!a.out) {
    console.error('用法：npm run backup -- --out 文件或目录');
    return 2;
  }
  const { config, database } = await openForCli();
  try {
    const { file, manifest } = await createBackup({
      config,
      database,
      out: a.out,
      appVersion: VERSION,
      log: (m) => console.log(`[backup] ${m}`),
    });
    console.log(`${file}\n  ${Object.keys(manifest.tables).length} 张表，${manifest.files.length} 个文件`);
    return 0;
  } catch (err) {
    if (err instanceof BackupError) {
      console.error(`备份失败：${err.message}`);
      return 1;
    }
    throw err;
  } finally {
    await database.close();
  }
});
