// Opens the database: embedded PGlite in DATA_DIR (one process, guarded by a lock file) or a PostgreSQL server via
// DATABASE_URL (pooled). Both are driven through the same Drizzle pg-core schema and the same SQL migrations.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { type SQL, sql } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import * as schema from '../db/schema';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
/** Raw SQL that returns rows; both drivers answer with { rows }. */
export async function rows<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

export type DatabaseKind = 'pglite' | 'postgres';

export interface Database {
  kind: DatabaseKind;
  db: Db;
  /** Runs a script of several statements (migrations, test resets). */
  exec(sqlText: string): Promise<void>;
  close(): Promise<void>;
}

export class DataDirLockedError extends Error {
  constructor(
    readonly lockFile: string,
    readonly pid: number,
  ) {
    super(
      `数据目录已被进程 ${pid} 占用（锁文件 ${lockFile}）。同一数据目录只能由一个 ParkSafe 进程使用；请先停止该进程，或为本进程设置其他 DATA_DIR。`,
    );
    this.name = 'DataDirLockedError';
  }
}

const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../db/migrations');

export async function openDatabase(opts: { databaseUrl: string | null; dataDir: string }): Promise<Database> {
  return opts.databaseUrl ? openPostgres(opts.databaseUrl) : openPglite(opts.dataDir);
}

async function openPostgres(url: string): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: Number(process.env.DATABASE_POOL_MAX ?? 10) });
  pool.on('error', (err) => console.error('[db] idle client error', err.message));
  await pool.query('select 1');
  return {
    kind: 'postgres',
    db: drizzlePg(pool, { schema }) as unknown as Db,
    exec: async (text) => {
      // One client for the whole script, so a failed script is rolled back on the connection that ran it.
      const client = await pool.connect();
      try {
        await client.query(text);
      } catch (err) {
        await client.query('ROLLBACK').catch(() => {});
        throw err;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

/** dataDir 'memory://' gives a throw-away in-memory database (tests). */
async function openPglite(dataDir: string): Promise<Database> {
  const inMemory = dataDir === 'memory://';
  if (!inMemory) fs.mkdirSync(dataDir, { recursive: true });
  const release = inMemory ? () => {} : takeLock(path.join(dataDir, 'parksafe.lock'));
  let client: PGlite;
  try {
    client = await PGlite.create(inMemory ? 'memory://' : path.join(dataDir, 'pgdata'), { extensions: { pg_trgm } });
  } catch (err) {
    release();
    throw err;
  }
  return {
    kind: 'pglite',
    db: drizzlePglite(client, { schema }) as unknown as Db,
    exec: async (text) => {
      try {
        await client.exec(text);
      } catch (err) {
        await client.exec('ROLLBACK').catch(() => {});
        throw err;
      }
    },
    close: async () => {
      try {
        await client.close();
      } finally {
        release();
      }
    },
  };
}

/** Exclusive lock file holding our pid; a stale file (its process gone) is taken over. */
function takeLock(file: string): () => void {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = fs.openSync(file, 'wx');
      fs.writeSync(fd, String(process.pid));
      fs.closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        try {
          if (fs.readFileSync(file, 'utf8').trim() === String(process.pid)) fs.unlinkSync(file);
        } catch {
          // already gone
        }
      };
      process.once('exit', release);
      return release;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number(fs.readFileSync(file, 'utf8').trim());
      if (pid && pid !== process.pid && isAlive(pid)) throw new DataDirLockedError(file, pid);
      fs.unlinkSync(file); // stale: its owner is gone
    }
  }
  throw new Error(`无法获取数据目录锁 ${file}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export function listMigrations(): Migration[] {
  return fs
    .readdirSync(MIGRATIONS_DIR)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(path.join(MIGRATIONS_DIR, name), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

/** Applies pending migrations in order, each in its own transaction. Returns the names applied. */
export async function migrate(database: Database, log: (msg: string) => void = () => {}): Promise<string[]> {
  const { db } = database;
  await database.exec(
    'CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
  );
  const applied: string[] = [];
  // Concurrent starters against one PostgreSQL server queue on a transaction-scoped advisory lock.
  const lock = database.kind === 'postgres' ? 'SELECT pg_advisory_xact_lock(7212001);' : '';
  for (const m of listMigrations()) {
    const [row] = await rows<{ checksum: string }>(
      db,
      sql`select checksum from schema_migrations where name = ${m.name}`,
    );
    if (row) {
      if (row.checksum !== m.checksum) throw new Error(`迁移文件 ${m.name} 在应用后被修改过（校验和不一致）`);
      continue;
    }
    log(`[db] applying migration ${m.name}`);
    const name = m.name.replace(/'/g, "''");
    // One script, one transaction: the migration and its bookkeeping row land together or not at all.
    try {
      await database.exec(`BEGIN;
${lock}
DO $mig$ BEGIN
  IF EXISTS (SELECT 1 FROM schema_migrations WHERE name = '${name}') THEN
    RAISE EXCEPTION 'parksafe-migration-already-applied';
  END IF;
END $mig$;
${m.sql}
;
INSERT INTO schema_migrations (name, checksum) VALUES ('${name}', '${m.checksum}');
COMMIT;`);
    } catch (err) {
      if (String((err as Error).message).includes('parksafe-migration-already-applied')) continue;
      throw err;
    }
    applied.push(m.name);
  }
  return applied;
}
