// Settings and retention of the embedded database's scheduled backups.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { backupSchedule, listBackups, pruneBackups } from './backup-schedule';
import { loadConfig } from './config';

describe('scheduled backups', () => {
  it('reads interval, folder and retention from the settings; 0 hours turns it off', () => {
    const config = loadConfig({ DATA_DIR: 'memory://', NODE_ENV: 'test' });
    expect(backupSchedule(config, {})).toMatchObject({ intervalMs: 24 * 3600_000, keep: 7 });
    expect(backupSchedule(config, { BACKUP_INTERVAL_HOURS: '6', BACKUP_KEEP: '3', BACKUP_DIR: '/srv/b' })).toEqual({
      intervalMs: 6 * 3600_000,
      keep: 3,
      dir: '/srv/b',
    });
    expect(backupSchedule(config, { BACKUP_INTERVAL_HOURS: '0' })).toBeNull();
  });

  it('keeps the newest archives and leaves other files alone', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parksafe-keep-'));
    const names = ['20260101-000000Z', '20260102-000000Z', '20260103-000000Z', '20260104-000000Z'].map(
      (s) => `parksafe-backup-${s}.tar`,
    );
    for (const n of [...names, 'notes.txt', 'parksafe-backup-20260105-000000Z.tar.partial-ab12']) {
      fs.writeFileSync(path.join(dir, n), 'x');
    }
    expect(pruneBackups(dir, 2)).toEqual(names.slice(0, 2));
    expect(listBackups(dir)).toEqual(names.slice(2));
    expect(fs.existsSync(path.join(dir, 'notes.txt'))).toBe(true);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
