// The restore drill, on the engine the suite runs on (embedded PGlite, or PostgreSQL in the pg suite): seed, write
// audit records and checkpoints, back up, drop the database, restore into an empty target, and find the same row
// counts, the same files and an intact audit chain. A non-empty target is refused; a truncated or altered archive
// fails by name before anything is written.
import { execFileSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../testing/harness';
import { writeAuditCheckpoints } from './audit-checkpoints';
import { BackupError, type BackupManifest, createBackup, restoreBackup } from './backup';
import type { Config } from './config';

const adminUrl = process.env.TEST_DATABASE_URL ?? null;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'parksafe-backup-test-'));
let env: TestEnv;
let config: Config;
let archive: string;
let manifest: BackupManifest;
const created: string[] = [];

beforeAll(async () => {
  env = await createTestEnv();
  const srcDir = path.join(tmp, 'src');
  fs.mkdirSync(path.join(srcDir, 'files'), { recursive: true });
  // Keys in DATA_DIR (as a development install keeps them): the archive carries them.
  fs.writeFileSync(path.join(srcDir, 'audit.key'), env.config.auditKey);
  // The personal-data key too: without it the restored phones could not be opened.
  fs.writeFileSync(path.join(srcDir, 'data.key'), env.config.dataKey);
  config = { ...env.config, dataDir: srcDir, auditCheckpointFile: path.join(srcDir, 'audit-checkpoints.jsonl') };
  await writeAuditCheckpoints(env.database.db, { file: config.auditCheckpointFile, key: config.auditKey });
  // Two uploaded files as the file store lays them out.
  const park = randomUUID();
  for (const name of [randomUUID(), `${randomUUID()}-thumb`]) {
    const file = path.join(srcDir, 'files', park, '2026', '05', name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, randomBytes(5000));
  }
  fs.mkdirSync(path.join(srcDir, 'files', '.tmp'), { recursive: true });
  fs.writeFileSync(path.join(srcDir, 'files', '.tmp', 'half.part'), 'unfinished upload');
}, 180_000);

afterAll(async () => {
  await env?.close().catch(() => {});
  if (adminUrl) {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    for (const name of created) await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** An empty target: a new PostgreSQL database (superuser URL) or a new DATA_DIR. */
async function emptyTarget(label: string) {
  const dataDir = path.join(tmp, `target-${label}`);
  if (!adminUrl) return { dataDir, databaseUrl: null, adminUrl: null, checkpointFile: null };
  const name = `parksafe_restore_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  created.push(name);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { dataDir, databaseUrl: url.toString(), adminUrl: url.toString(), checkpointFile: null };
}

describe(`backup and restore drill (${adminUrl ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('backs up the database, files, checkpoints and keys into one archive with a manifest', async () => {
    const lines: string[] = [];
    const out = path.join(tmp, 'out') + path.sep;
    ({ file: archive, manifest } = await createBackup({
      config,
      database: env.database,
      out,
      appVersion: 'test',
      log: (m) => lines.push(m),
    }));
    expect(path.basename(archive)).toMatch(/^parksafe-backup-\d{8}-\d{6}Z\.tar$/);
    expect(fs.readdirSync(path.dirname(archive))).toEqual([path.basename(archive)]); // no partial or staging left
    expect(manifest.engine).toBe(env.database.kind);
    expect(manifest.tables.audit_log).toBeGreaterThan(0);
    expect(manifest.tables.enterprises).toBeGreaterThan(0);
    expect(manifest.files.map((f) => f.path).every((p) => p.startsWith('files/') && !p.includes('.tmp'))).toBe(true);
    expect(manifest.files).toHaveLength(2);
    expect(manifest.checkpoints?.size).toBeGreaterThan(0);
    expect(manifest.keys.map((k) => k.path)).toEqual(['keys/audit.key', 'keys/data.key']);
    expect(lines.join('\n')).toContain('备份完成');
    const listing = execFileSync('tar', ['-tf', archive], { encoding: 'utf8' }).split('\n');
    expect(listing[0]).toBe('manifest.json');
  }, 120_000);

  it('restores into an empty target after the database is dropped, and verifies counts, files and audit', async () => {
    const counts = manifest.tables;
    await env.close(); // the drop: the test database is gone
    const target = await emptyTarget('ok');
    const lines: string[] = [];
    const result = await restoreBackup({
      file: archive,
      target,
      loadConfig: () => config,
      log: (m) => lines.push(m),
    });
    expect(result.rows).toBe(Object.values(counts).reduce((a, b) => a + b, 0));
    expect(result.files).toBe(2);
    expect(result.auditRecords).toBe(counts.audit_log);
    expect(lines.at(-1)).toContain('恢复完成并通过校验');
    for (const f of manifest.files) expect(fs.existsSync(path.join(target.dataDir, f.path))).toBe(true);
    expect(fs.readFileSync(path.join(target.dataDir, 'audit.key'), 'utf8')).toBe(config.auditKey);
    expect(fs.readFileSync(path.join(target.dataDir, 'data.key'), 'utf8')).toBe(config.dataKey);

    // The same target again: not empty any more.
    await expect(restoreBackup({ file: archive, target, loadConfig: () => config })).rejects.toThrow(/不是空的/);
  }, 240_000);

  it('refuses a truncated archive and one with an altered file, naming what failed', async () => {
    const truncated = path.join(tmp, 'truncated.tar');
    const bytes = fs.readFileSync(archive);
    fs.writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    const t1 = await emptyTarget('truncated');
    const e1 = await restoreBackup({ file: truncated, target: t1, loadConfig: () => config }).catch((e) => e);
    expect(e1).toBeInstanceOf(BackupError);
    expect(String(e1.message)).toMatch(/不完整|截断|大小不符|缺少/);
    expect(fs.existsSync(path.join(t1.dataDir, 'pgdata'))).toBe(false);

    // One uploaded file changed inside an otherwise well-formed archive.
    const dir = path.join(tmp, 'altered');
    fs.mkdirSync(dir);
    execFileSync('tar', ['-xf', archive, '-C', dir]);
    const victim = manifest.files[0]!.path;
    const content = fs.readFileSync(path.join(dir, victim));
    content[10] = content[10]! ^ 0xff;
    fs.writeFileSync(path.join(dir, victim), content);
    const altered = path.join(tmp, 'altered.tar');
    execFileSync('tar', ['-cf', altered, '-C', dir, ...fs.readdirSync(dir)]);
    const t2 = await emptyTarget('altered');
    const e2 = await restoreBackup({ file: altered, target: t2, loadConfig: () => config }).catch((e) => e);
    expect(e2).toBeInstanceOf(BackupError);
    expect(e2.message).toContain(victim);
    expect(e2.message).toContain('校验和不符');
  }, 120_000);
});
