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
import { collectGarbage } from './memory';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
/** Raw SQL that returns rows; both drivers answer with { rows }. */
export async function rows<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

// Hot read paths (the ledger page, the counts, the home figures) send their statement straight to the driver: one
// round trip, rows as the driver parses them (timestamptz as Date, jsonb as objects, int4 as number; cast dates to
// text in the SQL), no drizzle result mapping. On PostgreSQL the statement is a named (prepared) one, so each pooled
// connection plans it once per text: the ledger page's planning took longer than its execution. The names are
// bounded (PREPARED_MAX distinct texts per process; beyond that, unnamed), as each one holds its parsed query and
// plan in every connection that ran it: ~0.6 MB for a ledger page (measured with pg_backend_memory_contexts), so at
// most ~60 MB per connection. PGlite has no named statements through its API and a single in-process connection:
// it runs the same text unnamed.
const PREPARED_MAX = 100;
const preparedNames = new Map<string, string>();

interface DriverSession {
  dialect: { sqlToQuery(q: SQL): { sql: string; params: unknown[] } };
  session: { client: { query: (...args: unknown[]) => Promise<{ rows: unknown[] }> } };
}

export async function fastRows<T>(db: Db, query: SQL): Promise<T[]> {
  const d = db as unknown as DriverSession;
  const { sql: text, params } = d.dialect.sqlToQuery(query);
  const client = d.session.client;
  if (client instanceof pg.Pool || client instanceof pg.Client) {
    let name = preparedNames.get(text);
    if (name === undefined && preparedNames.size < PREPARED_MAX) {
      name = `ps${preparedNames.size}`;
      preparedNames.set(text, name);
    }
    const result = await client.query(name ? { name, text, values: params } : { text, values: params });
    return result.rows as T[];
  }
  const result = await client.query(text, params);
  return result.rows as T[];
}

export type DatabaseKind = 'pglite' | 'postgres';

export interface Database {
  kind: DatabaseKind;
  db: Db;
  /** Runs a script of several statements (migrations, test resets). */
  exec(sqlText: string): Promise<void>;
  /**
   * LISTENs to a channel: `onLive(true)` once listening (again), `onLive(false)` when notifications may be missed
   * (connection lost; PostgreSQL reconnects every second). Returns the function that stops listening.
   */
  listen?(
    channel: string,
    onMessage: (payload: string) => void,
    onLive: (live: boolean) => void,
  ): Promise<() => Promise<void>>;
  /** Connections of the PostgreSQL pool (metrics); absent on the embedded database. */
  poolStats?(): { total: number; idle: number; waiting: number };
  /** The embedded database's own consistent copy of its data directory (a tar); PGlite only. */
  dumpDataDir?(): Promise<Blob>;
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

export async function openDatabase(opts: {
  databaseUrl: string | null;
  dataDir: string;
  /** PGlite in memory only: start from this data-directory dump (tests reuse one seeded database). */
  loadDataDir?: Blob;
}): Promise<Database> {
  return opts.databaseUrl ? openPostgres(opts.databaseUrl) : openPglite(opts.dataDir, opts.loadDataDir);
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
    listen: async (channel, onMessage, onLive) => {
      let stopped = false;
      let client: pg.Client | null = null;
      let retry: NodeJS.Timeout | null = null;
      const schedule = () => {
        if (stopped || retry) return;
        retry = setTimeout(() => {
          retry = null;
          void connect();
        }, 1000);
      };
      const connect = async () => {
        const c = new pg.Client({ connectionString: url });
        c.on('notification', (m) => onMessage(m.payload ?? ''));
        c.on('error', () => {}); // 'end' follows
        c.on('end', () => {
          if (client === c) {
            client = null;
            onLive(false);
          }
          schedule();
        });
        try {
          await c.connect();
          await c.query(`LISTEN ${channel}`);
        } catch {
          await c.end().catch(() => {});
          schedule();
          return;
        }
        if (stopped) {
          await c.end().catch(() => {});
          return;
        }
        client = c;
        onLive(true);
      };
      await connect();
      return async () => {
        stopped = true;
        if (retry) clearTimeout(retry);
        const c = client;
        client = null;
        onLive(false);
        await c?.end().catch(() => {});
      };
    },
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    close: () => pool.end(),
  };
}

/**
 * The embedded server's PostgreSQL settings: smaller than PGlite's defaults (shared_buffers 128 MB,
 * maintenance_work_mem 64 MB), because in WebAssembly every page the server ever touched stays resident (its memory
 * only grows) — see README「内存」 for what that costs. PGLITE_SHARED_BUFFERS / PGLITE_MAINTENANCE_WORK_MEM change them.
 */
function pgliteSettings(env: NodeJS.ProcessEnv = process.env): string[] {
  const setting = (v: string | undefined, fallback: string) => (v && /^\d+(kB|MB|GB)$/.test(v) ? v : fallback);
  return [
    `shared_buffers=${setting(env.PGLITE_SHARED_BUFFERS, '32MB')}`,
    `maintenance_work_mem=${setting(env.PGLITE_MAINTENANCE_WORK_MEM, '16MB')}`,
    'temp_buffers=2MB',
    'wal_buffers=1MB',
  ].flatMap((s) => ['-c', s]);
}

/** dataDir 'memory://' gives a throw-away in-memory database (tests). */
async function openPglite(dataDir: string, loadDataDir?: Blob): Promise<Database> {
  const inMemory = dataDir === 'memory://';
  if (!inMemory) fs.mkdirSync(dataDir, { recursive: true });
  const release = inMemory ? () => {} : takeLock(path.join(dataDir, 'parksafe.lock'));
  let client: PGlite;
  try {
    client = await PGlite.create(inMemory ? 'memory://' : path.join(dataDir, 'pgdata'), {
      extensions: { pg_trgm },
      // On the command line (-c), as postgresqlconf would replace initdb's postgresql.conf (time zone, locale).
      ...(inMemory ? {} : { startParams: [...PGlite.defaultStartParams, ...pgliteSettings()] }),
      ...(inMemory && loadDataDir ? { loadDataDir } : {}),
    });
  } catch (err) {
    release();
    throw err;
  }
  // The start's garbage (initdb's instance on a first start, the bundles) goes before the migrations grow the heap.
  if (!inMemory) collectGarbage();
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
    listen: async (channel, onMessage, onLive) => {
      const unsubscribe = await client.listen(channel, onMessage);
      onLive(true);
      return async () => {
        onLive(false);
        if (!client.closed) await unsubscribe();
      };
    },
    dumpDataDir: () => client.dumpDataDir('none'),
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

/** The advisory lock that serialises migrations (and the grants after them) of several starting processes. */
export const MIGRATION_LOCK = 7212001;

/** PostgreSQL's insufficient_privilege (42501), directly or as the cause Drizzle wraps. */
export function isPermissionDenied(err: unknown): boolean {
  const e = err as { code?: string; cause?: { code?: string } } | null;
  return e?.code === '42501' || e?.cause?.code === '42501';
}

function ownerNeeded(what: string, err: unknown): Error {
  return new Error(
    `数据库角色无权应用迁移 ${what}（${(err as Error).message}）：请以所有者角色迁移——设置 DATABASE_OWNER_URL 后运行 npm run db:migrate 或启动服务器（见 README「PostgreSQL 的两个角色」）`,
  );
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

/**
 * Applies pending migrations in order, each in its own transaction. Returns the names applied. `before` stops at the
 * first migration whose name is not below it (tests of an upgrade). A role that may not create tables (the server's
 * restricted role) can run it when nothing is pending; otherwise it is told to migrate as the owner.
 */
export async function migrate(
  database: Database,
  log: (msg: string) => void = () => {},
  opts: { before?: string } = {},
): Promise<string[]> {
  const { db } = database;
  const [bookkeeping] = await rows<{ present: boolean }>(
    db,
    sql`select to_regclass('schema_migrations') is not null as present`,
  );
  if (!bookkeeping?.present) {
    await database
      .exec(
        'CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
      )
      .catch((err: unknown) => {
        throw isPermissionDenied(err) ? ownerNeeded('（空数据库）', err) : err;
      });
  }
  const applied: string[] = [];
  // Concurrent starters against one PostgreSQL server queue on a transaction-scoped advisory lock.
  const lock = database.kind === 'postgres' ? `SELECT pg_advisory_xact_lock(${MIGRATION_LOCK});` : '';
  for (const m of listMigrations().filter((x) => !opts.before || x.name < opts.before)) {
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
      throw isPermissionDenied(err) ? ownerNeeded(m.name, err) : err;
    }
    applied.push(m.name);
  }
  return applied;
}

/** A uuid[] of the given ids as ONE bind parameter (no 65,535-parameter limit); the ids are uuids already validated. */
export const uuidArray = (ids: readonly string[]): SQL => sql`${`{${ids.join(',')}}`}::uuid[]`;

/** Creates DATA_DIR/pgdata from an embedded database's dump (restore); the directory must not hold a database yet. */
export async function loadPgliteDataDir(dataDir: string, dump: Blob): Promise<void> {
  const client = await PGlite.create(path.join(dataDir, 'pgdata'), { extensions: { pg_trgm }, loadDataDir: dump });
  await client.close();
}
