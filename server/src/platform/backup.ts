// Backup and restore of a whole installation: the database (PostgreSQL: pg_dump's custom format of one snapshot;
// embedded: PGlite's own copy of its data directory), the uploaded files, the audit checkpoints, and a manifest with
// the row count of every table and the SHA-256 of every part, packed into one tar.
//
// - The archive is written under a temporary name beside the target and renamed only once complete, so a file that
//   looks like a backup is a whole one.
// - Order matters for consistency while servers run: the checkpoint file is copied first (every line it holds is then
//   at or before the database's snapshot), the row counts and the dump come from one snapshot, the files after it
//   (a row never names a file the archive lacks; a file uploaded meanwhile is merely extra).
// - Restore refuses a target that is not empty, checks every part against the manifest before touching the target,
//   then loads and verifies the result: row counts, file checksums, and the audit chain with the archive's
//   checkpoints (the same verification as npm run audit:verify).
// - On PostgreSQL the restore runs as a superuser (the audit tables' guard triggers must stay quiet while their rows
//   come back: pg_restore --disable-triggers), with the owner and server roles already created (npm run db:roles).
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { verifyAuditChains } from './audit';
import { readCheckpoints } from './audit-checkpoints';
import type { Config } from './config';
import { type Database, type Db, loadPgliteDataDir, openDatabase, rows } from './db';

export const BACKUP_FORMAT = 'parksafe-backup';
export const BACKUP_VERSION = 1;

export interface ManifestPart {
  path: string;
  size: number;
  sha256: string;
}

export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  version: number;
  createdAt: string;
  appVersion: string;
  engine: 'pglite' | 'postgres';
  migrations: string[];
  /** Row count of every table of the public schema at the snapshot. */
  tables: Record<string, number>;
  database: ManifestPart;
  checkpoints: ManifestPart | null;
  /** Key files of DATA_DIR (only when the keys are not given in the environment: development installs). */
  keys: ManifestPart[];
  files: ManifestPart[];
}

export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
}

type Log = (msg: string) => void;

async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

async function part(root: string, rel: string): Promise<ManifestPart> {
  const file = path.join(root, rel);
  return { path: rel, size: (await fsp.stat(file)).size, sha256: await sha256File(file) };
}

function runTool(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'], env });
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('error', (err) => reject(new BackupError(`无法运行 ${cmd}：${err.message}`)));
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new BackupError(`${cmd} 失败（退出码 ${code}）：${stderr.trim().slice(-800)}`)),
    );
  });
}

/** Every table of the public schema (partitions' parents included), sorted. */
async function tableNames(q: (text: string) => Promise<{ rows: { name: string }[] }>): Promise<string[]> {
  const r = await q(
    "select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relispartition order by 1",
  );
  return r.rows.map((x) => x.name);
}

async function countTables(
  q: (text: string) => Promise<{ rows: Record<string, unknown>[] }>,
): Promise<Record<string, number>> {
  const names = await tableNames(q as never);
  const counts: Record<string, number> = {};
  for (const name of names) {
    const r = await q(`select count(*)::bigint as n from "${name.replace(/"/g, '""')}"`);
    counts[name] = Number(r.rows[0]!.n);
  }
  return counts;
}

const viaDb = (db: Db) => async (text: string) => ({ rows: await rows<Record<string, unknown>>(db, sql.raw(text)) });

/** Where the archive goes: PATH itself, or a timestamped name in PATH when it is a folder. */
export function archivePath(out: string, at = new Date()): string {
  const resolved = path.resolve(out);
  const isDir = out.endsWith('/') || (fs.existsSync(resolved) && fs.statSync(resolved).isDirectory());
  if (!isDir) return resolved;
  const stamp = at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z')
    .replace('T', '-');
  return path.join(resolved, `parksafe-backup-${stamp}.tar`);
}

async function copyTree(from: string, to: string, skip: (rel: string) => boolean): Promise<string[]> {
  const out: string[] = [];
  const walk = async (rel: string) => {
    const entries = await fsp.readdir(path.join(from, rel), { withFileTypes: true }).catch(() => []);
    for (const e of entries) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (skip(r)) continue;
      if (e.isDirectory()) await walk(r);
      else if (e.isFile()) {
        await fsp.mkdir(path.dirname(path.join(to, r)), { recursive: true });
        await fsp.copyFile(path.join(from, r), path.join(to, r));
        out.push(r);
      }
    }
  };
  await walk('');
  return out.sort();
}

export interface BackupOptions {
  config: Config;
  database: Database;
  /** A file, or a folder to put a timestamped archive in. */
  out: string;
  appVersion: string;
  /** DATA_DIR/files unless given (tests). */
  filesDir?: string;
  log?: Log;
}

/** Writes one archive; returns its path and manifest. Nothing named like a backup is left behind on failure. */
export async function createBackup(opts: BackupOptions): Promise<{ file: string; manifest: BackupManifest }> {
  const { config, database } = opts;
  const log = opts.log ?? (() => {});
  const target = archivePath(opts.out);
  await fsp.mkdir(path.dirname(target), { recursive: true });
  const staging = await fsp.mkdtemp(path.join(path.dirname(target), '.parksafe-backup-'));
  const partial = `${target}.partial-${randomBytes(4).toString('hex')}`;
  try {
    // 1. Checkpoints first: each line then names a state at or before the snapshot.
    let checkpoints: ManifestPart | null = null;
    if (config.auditCheckpointFile && fs.existsSync(config.auditCheckpointFile)) {
      await fsp.copyFile(config.auditCheckpointFile, path.join(staging, 'audit-checkpoints.jsonl'));
      checkpoints = await part(staging, 'audit-checkpoints.jsonl');
      log(`审计检查点：${checkpoints.size} 字节`);
    }
    // 2. One snapshot: counts and dump.
    let tables: Record<string, number>;
    let dbFile: string;
    if (database.kind === 'postgres') {
      const url = config.databaseOwnerUrl ?? config.databaseUrl!;
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query('begin isolation level repeatable read read only');
        const snap = await client.query<{ id: string }>('select pg_export_snapshot() as id');
        tables = await countTables((t) => client.query(t));
        log(`数据库快照：${Object.keys(tables).length} 张表，${sum(tables)} 行；pg_dump 导出中…`);
        dbFile = 'database.pgdump';
        await runTool('pg_dump', [
          '--format=custom',
          `--snapshot=${snap.rows[0]!.id}`,
          `--file=${path.join(staging, dbFile)}`,
          url,
        ]);
        await client.query('commit');
      } finally {
        await client.end().catch(() => {});
      }
    } else {
      if (!database.dumpDataDir) throw new BackupError('该数据库不支持导出');
      dbFile = 'database.pglite.tar';
      // The embedded database answers one query at a time but other requests may write between the counts and the
      // dump: counted again after it, and done again when anything changed.
      for (let attempt = 1; ; attempt++) {
        tables = await countTables(viaDb(database.db));
        const dump = await database.dumpDataDir();
        await fsp.writeFile(path.join(staging, dbFile), Buffer.from(await dump.arrayBuffer()));
        const after = await countTables(viaDb(database.db));
        if (JSON.stringify(after) === JSON.stringify(tables)) break;
        if (attempt >= 5) throw new BackupError('数据库在备份期间持续写入，未能取得一致的副本，请稍后重试');
      }
      log(`嵌入式数据库：${Object.keys(tables).length} 张表，${sum(tables)} 行`);
    }
    const databasePart = await part(staging, dbFile);
    log(`数据库导出：${(databasePart.size / 1024 / 1024).toFixed(1)} MB`);
    const migrations = (
      await rows<{ name: string }>(database.db, sql`select name from schema_migrations order by name`)
    ).map((r) => r.name);

    // 3. Files after the snapshot.
    const filesDir = opts.filesDir ?? path.join(config.dataDir, 'files');
    const names = await copyTree(
      filesDir,
      path.join(staging, 'files'),
      (rel) => rel === '.tmp' || rel.startsWith('.tmp/'),
    );
    const files: ManifestPart[] = [];
    for (const [i, rel] of names.entries()) {
      files.push(await part(staging, `files/${rel}`));
      if ((i + 1) % 500 === 0) log(`文件校验：${i + 1}/${names.length}`);
    }
    log(`上传文件：${files.length} 个，${(files.reduce((a, f) => a + f.size, 0) / 1024 / 1024).toFixed(1)} MB`);

    // 4. Keys kept in DATA_DIR (not in the environment): without them the restored audit chain cannot be verified.
    const keys: ManifestPart[] = [];
    for (const [envName, fileName] of [
      ['PARKSAFE_AUDIT_KEY', 'audit.key'],
      ['PARKSAFE_SECRET', 'secret.key'],
      // Without the personal-data key the restored phones cannot be opened (the server refuses to start).
      ['PARKSAFE_DATA_KEY', 'data.key'],
    ] as const) {
      const file = path.join(config.dataDir, fileName);
      if (!process.env[envName] && fs.existsSync(file)) {
        await fsp.mkdir(path.join(staging, 'keys'), { recursive: true });
        await fsp.copyFile(file, path.join(staging, 'keys', fileName));
        keys.push(await part(staging, `keys/${fileName}`));
      }
    }
    if (keys.length)
      log(
        `密钥文件：${keys.map((k) => k.path).join('、')}（密钥来自数据目录；生产环境请以环境变量提供，归档中便不含密钥）`,
      );

    const manifest: BackupManifest = {
      format: BACKUP_FORMAT,
      version: BACKUP_VERSION,
      createdAt: new Date().toISOString(),
      appVersion: opts.appVersion,
      engine: database.kind,
      migrations,
      tables,
      database: databasePart,
      checkpoints,
      keys,
      files,
    };
    await fsp.writeFile(path.join(staging, 'manifest.json'), `${JSON.stringify(manifest, null, 1)}\n`);

    // 5. Pack (manifest first, so a reader meets it before the rest), flush to disk, then give it its name.
    const entries = ['manifest.json', ...(await fsp.readdir(staging)).filter((n) => n !== 'manifest.json').sort()];
    await runTool('tar', ['-cf', partial, '-C', staging, ...entries]);
    const fd = await fsp.open(partial, 'r');
    await fd.sync();
    await fd.close();
    await fsp.rename(partial, target);
    log(`备份完成：${target}（${((await fsp.stat(target)).size / 1024 / 1024).toFixed(1)} MB）`);
    return { file: target, manifest };
  } catch (err) {
    await fsp.rm(partial, { force: true });
    throw err;
  } finally {
    await fsp.rm(staging, { recursive: true, force: true });
  }
}

const sum = (t: Record<string, number>) => Object.values(t).reduce((a, b) => a + b, 0);

/** Unpacks and checks an archive against its manifest; names the first part that fails. */
export async function readArchive(file: string, into: string, log: Log = () => {}): Promise<BackupManifest> {
  if (!fs.existsSync(file)) throw new BackupError(`备份文件不存在：${file}`);
  try {
    await runTool('tar', ['-xf', file, '-C', into]);
  } catch (err) {
    throw new BackupError(`备份文件不完整或已损坏（无法解包）：${(err as Error).message}`);
  }
  let manifest: BackupManifest;
  try {
    manifest = JSON.parse(await fsp.readFile(path.join(into, 'manifest.json'), 'utf8')) as BackupManifest;
  } catch {
    throw new BackupError('备份文件缺少清单 manifest.json 或清单无法解析');
  }
  if (manifest.format !== BACKUP_FORMAT || manifest.version !== BACKUP_VERSION) {
    throw new BackupError(`不是可识别的 ParkSafe 备份（格式 ${manifest.format} 版本 ${manifest.version}）`);
  }
  const parts = [
    manifest.database,
    ...(manifest.checkpoints ? [manifest.checkpoints] : []),
    ...manifest.keys,
    ...manifest.files,
  ];
  for (const [i, p] of parts.entries()) {
    const f = path.join(into, p.path);
    if (!path.resolve(f).startsWith(path.resolve(into) + path.sep))
      throw new BackupError(`清单中的路径不合法：${p.path}`);
    const stat = await fsp.stat(f).catch(() => null);
    if (!stat) throw new BackupError(`备份缺少 ${p.path}`);
    if (stat.size !== p.size)
      throw new BackupError(`${p.path} 大小不符（清单 ${p.size}，实际 ${stat.size}）：备份被截断或修改`);
    if ((await sha256File(f)) !== p.sha256) throw new BackupError(`${p.path} 校验和不符：备份被修改`);
    if ((i + 1) % 500 === 0) log(`已校验 ${i + 1}/${parts.length} 个部分`);
  }
  log(
    `归档校验通过：${parts.length} 个部分（数据库、${manifest.files.length} 个文件${manifest.checkpoints ? '、审计检查点' : ''}）`,
  );
  return manifest;
}

export interface RestoreTarget {
  /** Embedded: DATA_DIR (must be empty or absent). */
  dataDir: string;
  /** PostgreSQL: the target database for pg_restore, as a superuser (must hold no table). */
  adminUrl?: string | null;
  /** The server's URL to verify with after loading (the target database); null: embedded. */
  databaseUrl: string | null;
  /** Where the checkpoint file goes (written when absent). */
  checkpointFile: string | null;
}

/** True when DATA_DIR holds nothing (or does not exist). */
export function isEmptyDir(dir: string): boolean {
  return !fs.existsSync(dir) || fs.readdirSync(dir).length === 0;
}

/** Restores an archive into an empty target and verifies it. `loadConfig` reads the settings once the keys are in place. */
export async function restoreBackup(opts: {
  file: string;
  target: RestoreTarget;
  loadConfig: () => Config;
  log?: Log;
}): Promise<{ manifest: BackupManifest; rows: number; files: number; auditRecords: number }> {
  const log = opts.log ?? (() => {});
  const { target } = opts;
  const work = await fsp.mkdtemp(path.join(path.dirname(path.resolve(opts.file)), '.parksafe-restore-'));
  try {
    const manifest = await readArchive(opts.file, work, log);
    // The target must be empty: checked before anything is written.
    if (manifest.engine === 'pglite' && target.databaseUrl) {
      throw new BackupError('这是嵌入式数据库的备份，只能恢复到空的 DATA_DIR（请不要设置 DATABASE_URL）');
    }
    if (manifest.engine === 'postgres' && !target.databaseUrl) {
      throw new BackupError(
        '这是 PostgreSQL 的备份：请设置 DATABASE_URL（目标数据库）并以 --admin-url 给出超级用户连接',
      );
    }
    if (manifest.engine === 'pglite' && !isEmptyDir(target.dataDir)) {
      throw new BackupError(`目标数据目录不是空的：${target.dataDir}（恢复只写入空目录，不会覆盖现有数据）`);
    }
    if (manifest.engine === 'postgres') {
      const admin = new pg.Client({ connectionString: target.adminUrl ?? target.databaseUrl! });
      await admin.connect();
      try {
        const su = await admin.query<{ su: boolean }>(
          'select rolsuper as su from pg_roles where rolname = current_user',
        );
        if (!su.rows[0]?.su) {
          throw new BackupError('恢复 PostgreSQL 需要超级用户连接（--admin-url）：恢复审计表时须停用其防篡改触发器');
        }
        const tables = await tableNames((t) => admin.query(t));
        if (tables.length) {
          throw new BackupError(
            `目标数据库不是空的（已有 ${tables.length} 张表，如 ${tables.slice(0, 3).join('、')}）：恢复只写入空数据库`,
          );
        }
      } finally {
        await admin.end().catch(() => {});
      }
    }

    // Keys and checkpoints first: the configuration reads the keys from DATA_DIR.
    await fsp.mkdir(target.dataDir, { recursive: true });
    for (const k of manifest.keys) {
      const dest = path.join(target.dataDir, path.basename(k.path));
      if (!fs.existsSync(dest)) await fsp.copyFile(path.join(work, k.path), dest);
      await fsp.chmod(dest, 0o600);
    }
    const archiveCheckpoints = manifest.checkpoints ? path.join(work, manifest.checkpoints.path) : null;
    if (archiveCheckpoints && target.checkpointFile && !fs.existsSync(target.checkpointFile)) {
      await fsp.mkdir(path.dirname(target.checkpointFile), { recursive: true });
      await fsp.copyFile(archiveCheckpoints, target.checkpointFile);
    }

    log('恢复数据库…');
    if (manifest.engine === 'postgres') {
      await runTool('pg_restore', [
        '--exit-on-error',
        '--single-transaction',
        '--disable-triggers',
        `--dbname=${target.adminUrl ?? target.databaseUrl}`,
        path.join(work, manifest.database.path),
      ]);
    } else {
      const dump = new Blob([await fsp.readFile(path.join(work, manifest.database.path))]);
      await loadPgliteDataDir(target.dataDir, dump);
    }
    log('恢复上传文件…');
    const filesDir = path.join(target.dataDir, 'files');
    for (const f of manifest.files) {
      const dest = path.join(filesDir, f.path.replace(/^files\//, ''));
      await fsp.mkdir(path.dirname(dest), { recursive: true });
      await fsp.copyFile(path.join(work, f.path), dest);
    }

    // Verification of what is now in the target.
    const config = opts.loadConfig();
    const database = await openDatabase({ databaseUrl: target.databaseUrl, dataDir: target.dataDir });
    try {
      log('核对行数…');
      const counts = await countTables(viaDb(database.db));
      for (const [table, n] of Object.entries(manifest.tables)) {
        if (counts[table] !== n)
          throw new BackupError(`恢复后表 ${table} 的行数不符：清单 ${n}，实际 ${counts[table] ?? '（表不存在）'}`);
      }
      log('核对文件校验和…');
      for (const f of manifest.files) {
        const dest = path.join(filesDir, f.path.replace(/^files\//, ''));
        if ((await sha256File(dest)) !== f.sha256) throw new BackupError(`恢复后文件 ${f.path} 校验和不符`);
      }
      log('校验审计日志链…');
      const checkpoints = await readCheckpoints(archiveCheckpoints ? [archiveCheckpoints] : [], config.auditKey);
      const audit = await verifyAuditChains(database.db, { key: config.auditKey, checkpoints });
      if (!audit.ok) {
        const b = audit.firstBroken!;
        throw new BackupError(`恢复后审计日志校验失败：园区 ${b.parkId} 第 ${b.seq} 条：${b.reason}`);
      }
      const total = sum(counts);
      log(
        `恢复完成并通过校验：${Object.keys(manifest.tables).length} 张表 ${total} 行、${manifest.files.length} 个文件、审计链 ${audit.chains} 条 ${audit.checked} 条记录（检查点 ${audit.checkpoints.valid} 个）`,
      );
      return { manifest, rows: total, files: manifest.files.length, auditRecords: audit.checked };
    } finally {
      await database.close();
    }
  } finally {
    await fsp.rm(work, { recursive: true, force: true });
  }
}
