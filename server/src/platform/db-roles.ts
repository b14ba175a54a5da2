// Least privilege on PostgreSQL. Two roles: the owner role owns the schema and runs the migrations
// (DATABASE_OWNER_URL); the server's role (DATABASE_URL) reads and writes the business tables but may only SELECT and
// INSERT audit rows, so it cannot edit, delete or truncate them, nor disable or drop the triggers that refuse it
// (only an owner may ALTER a table). The grants are re-applied after every migration, so a table a later migration
// adds is granted without that migration naming the deployment's role; the default privileges cover the rest.
import { sql } from 'drizzle-orm';
import type pg from 'pg';
import type { Config } from './config';
import { type Database, type Db, MIGRATION_LOCK, migrate, openDatabase, rows } from './db';

/** Role names this code writes into SQL: plain lower-case identifiers only. */
export const ROLE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** Tables of the audit trail: the server's role gets only what appending and verifying need. */
const AUDIT_GRANTS: Record<string, string[]> = {
  audit_log: ['SELECT, INSERT'],
  audit_chain_heads: ['SELECT, INSERT', 'UPDATE (last_seq, last_hash)'],
  audit_legacy_boundary: ['SELECT'],
  audit_archives: ['SELECT'],
  schema_migrations: ['SELECT'],
};

function checkRole(role: string): string {
  if (!ROLE_NAME.test(role)) throw new Error(`角色名不合法：${role}（只允许小写字母、数字和下划线）`);
  return role;
}

/** The grants of the server's role, run as the owner; idempotent. */
export function appGrantsSql(appRole: string): string {
  const app = checkRole(appRole);
  const audit = Object.entries(AUDIT_GRANTS);
  return [
    `GRANT USAGE ON SCHEMA public TO ${app};`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${app};`,
    `GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${app};`,
    // Only the tables that exist yet (an owner may grant before the audit migrations ran).
    ...audit.map(
      ([table, privileges]) => `DO $g$ BEGIN
  IF to_regclass('public.${table}') IS NOT NULL THEN
    REVOKE ALL ON public.${table} FROM ${app};
    ${privileges.map((p) => `GRANT ${p} ON public.${table} TO ${app};`).join('\n    ')}
  END IF;
END $g$;`,
    ),
    // The month partitions of audit_log (migration 0039): reached only through audit_log, never granted directly.
    `DO $p$
DECLARE r record;
BEGIN
  IF to_regclass('public.audit_log') IS NOT NULL THEN
    FOR r IN SELECT inhrelid::regclass AS part FROM pg_inherits WHERE inhparent = 'public.audit_log'::regclass LOOP
      EXECUTE format('REVOKE ALL ON %s FROM ${app}', r.part);
    END LOOP;
  END IF;
END $p$;`,
    `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${app};`,
    `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ${app};`,
  ].join('\n');
}

/** Grants the server's role what it needs, as the owner, under the migration lock (several processes may start). */
export async function grantAppRole(owner: Database, appRole: string): Promise<void> {
  await owner.exec(`BEGIN;
SELECT pg_advisory_xact_lock(${MIGRATION_LOCK});
${appGrantsSql(appRole)}
COMMIT;`);
}

/**
 * Opens the server's database and brings the schema up to date. With DATABASE_OWNER_URL (PostgreSQL), migrations run
 * as the owner and then grant the server's role (the user of DATABASE_URL); the owner connection is closed again.
 * Otherwise the server's own connection migrates (the embedded database, a quick start with one URL).
 */
export async function openServerDatabase(config: Config, log: (msg: string) => void = () => {}): Promise<Database> {
  const database = await openDatabase(config);
  try {
    if (config.databaseOwnerUrl && database.kind === 'postgres') {
      const [{ role }] = (await rows<{ role: string }>(database.db, sql`select current_user as role`)) as [
        { role: string },
      ];
      const owner = await openDatabase({ databaseUrl: config.databaseOwnerUrl, dataDir: config.dataDir });
      try {
        const [{ role: ownerRole }] = (await rows<{ role: string }>(owner.db, sql`select current_user as role`)) as [
          { role: string },
        ];
        await migrate(owner, log);
        if (ownerRole !== role) await grantAppRole(owner, role);
      } finally {
        await owner.close();
      }
    } else {
      await migrate(database, log);
    }
  } catch (err) {
    await database.close().catch(() => {});
    throw err;
  }
  return database;
}

export interface AuditRoleReport {
  role: string;
  /** What this role could do to the audit log; empty: it can only read and append. */
  problems: string[];
}

/** Asks the database what the connected role may do to the audit tables. */
export async function auditRoleReport(db: Db): Promise<AuditRoleReport> {
  const [r] = (await rows<{
    role: string;
    superuser: boolean;
    owns_table: boolean;
    owns_schema: boolean;
    changes_rows: boolean;
    changes_heads: boolean;
    changes_boundary: boolean;
    changes_partitions: boolean;
  }>(
    db,
    sql`select current_user as role,
               coalesce((select rolsuper from pg_roles where rolname = current_user), false) as superuser,
               pg_has_role(current_user, c.relowner, 'MEMBER') as owns_table,
               pg_has_role(current_user, n.nspowner, 'MEMBER') as owns_schema,
               has_table_privilege('audit_log', 'UPDATE, DELETE, TRUNCATE, TRIGGER') as changes_rows,
               has_table_privilege('audit_chain_heads', 'DELETE, TRUNCATE, TRIGGER') as changes_heads,
               has_table_privilege('audit_legacy_boundary', 'INSERT, UPDATE, DELETE, TRUNCATE, TRIGGER')
                 as changes_boundary,
               exists (select 1 from pg_inherits i where i.inhparent = 'audit_log'::regclass
                          and has_table_privilege(i.inhrelid, 'SELECT, INSERT, UPDATE, DELETE, TRUNCATE, TRIGGER'))
                 as changes_partitions
          from pg_class c join pg_namespace n on n.oid = c.relnamespace
         where c.oid = 'audit_log'::regclass`,
  )) as [
    {
      role: string;
      superuser: boolean;
      owns_table: boolean;
      owns_schema: boolean;
      changes_rows: boolean;
      changes_heads: boolean;
      changes_boundary: boolean;
      changes_partitions: boolean;
    },
  ];
  const problems: string[] = [];
  if (r.superuser) problems.push('是超级用户');
  else {
    if (r.owns_table) problems.push('是 audit_log 的所有者（可停用或删除其触发器）');
    if (r.owns_schema) problems.push('是 public 模式的所有者（可删除其中的表）');
    if (r.changes_rows) problems.push('对 audit_log 有 UPDATE/DELETE/TRUNCATE/TRIGGER 权限');
    if (r.changes_heads || r.changes_boundary) problems.push('可删除或改写审计链头、旧记录分界');
    if (r.changes_partitions) problems.push('对 audit_log 的月分区有直接权限');
  }
  return { role: r.role, problems };
}

/** The start-up warning when the server's role could change the audit log; null when it can only read and append. */
export function auditRoleWarning(kind: Database['kind'], report: AuditRoleReport): string | null {
  if (report.problems.length === 0) return null;
  const consequence = '审计日志只与这个角色一样安全：篡改仍会被审计密钥和检查点发现，但数据库本身拦不住它。';
  if (kind === 'pglite') {
    return `警告：嵌入式数据库没有角色分离，服务器以超级用户 ${report.role} 运行。${consequence}嵌入式数据库只用于试用；生产请用 PostgreSQL 的两个角色（README「PostgreSQL 的两个角色」）。`;
  }
  return `警告：服务器的数据库角色 ${report.role} ${report.problems.join('、')}。${consequence}请用所有者角色迁移（DATABASE_OWNER_URL），服务器用只能读写业务表、对审计日志只能 SELECT/INSERT 的角色连接（DATABASE_URL；npm run db:roles 创建，见 README「PostgreSQL 的两个角色」）。`;
}

export interface RoleSetup {
  owner: string;
  app: string;
  ownerPassword?: string | null;
  appPassword?: string | null;
}

/**
 * Creates the two login roles when missing; an existing role (and its password) is left as it is. Roles are
 * cluster-wide: creation is serialised by an advisory lock of the connection's database and tolerates a concurrent
 * creator connected elsewhere. Returns the roles it created.
 */
export async function ensureRoles(admin: pg.Client, setup: RoleSetup): Promise<string[]> {
  const owner = checkRole(setup.owner);
  const app = checkRole(setup.app);
  if (owner === app) throw new Error('所有者角色和服务器角色必须是两个不同的角色');
  const created: string[] = [];
  await admin.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK + 1]);
  try {
    for (const [role, password] of [
      [owner, setup.ownerPassword],
      [app, setup.appPassword],
    ] as const) {
      const exists = await admin.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
      if (exists.rowCount) continue;
      const pw = password ? ` PASSWORD ${admin.escapeLiteral(password)}` : '';
      try {
        await admin.query(`CREATE ROLE ${role} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE${pw}`);
      } catch (err) {
        const code = (err as { code?: string }).code;
        if (code === '42710' || code === '23505') continue; // duplicate_object / unique_violation: someone else won
        throw err;
      }
      created.push(role);
    }
  } finally {
    await admin.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK + 1]);
  }
  return created;
}

/**
 * As a superuser connected to the ParkSafe database: makes the owner role own the database, the public schema and
 * every object already in it, takes CREATE on the schema from everyone else, lets the server's role connect and use
 * the schema, and sets the default privileges of the owner's future tables for it. Idempotent.
 */
export async function prepareDatabase(admin: pg.Client, setup: RoleSetup): Promise<void> {
  const owner = checkRole(setup.owner);
  const app = checkRole(setup.app);
  const { rows: dbRows } = await admin.query<{ db: string }>('SELECT current_database() AS db');
  const database = admin.escapeIdentifier(dbRows[0]!.db);
  await admin.query(`BEGIN;
ALTER DATABASE ${database} OWNER TO ${owner};
ALTER SCHEMA public OWNER TO ${owner};
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE ${database} TO ${app};
GRANT USAGE ON SCHEMA public TO ${app};
${adoptObjectsSql(owner)}
ALTER DEFAULT PRIVILEGES FOR ROLE ${owner} IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${app};
ALTER DEFAULT PRIVILEGES FOR ROLE ${owner} IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ${app};
COMMIT;`);
}

/**
 * Hands every table, sequence, function and type of the public schema to the owner role (a database that one role
 * used to migrate and serve); objects of extensions stay with their extension.
 */
function adoptObjectsSql(owner: string): string {
  const notExtension = (catalog: string, oid: string) =>
    `NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = '${catalog}'::regclass AND d.objid = ${oid} AND d.deptype = 'e')`;
  return `DO $a$
DECLARE r record;
BEGIN
  FOR r IN SELECT c.oid::regclass AS obj FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
              AND c.relowner <> '${owner}'::regrole AND ${notExtension('pg_class', 'c.oid')}
  LOOP EXECUTE format('ALTER TABLE %s OWNER TO ${owner}', r.obj); END LOOP;
  FOR r IN SELECT c.oid::regclass AS obj FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public' AND c.relkind = 'S' AND c.relowner <> '${owner}'::regrole
              AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
                                AND d.deptype IN ('a', 'i', 'e'))
  LOOP EXECUTE format('ALTER SEQUENCE %s OWNER TO ${owner}', r.obj); END LOOP;
  FOR r IN SELECT p.oid::regprocedure AS fn FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
            WHERE n.nspname = 'public' AND p.proowner <> '${owner}'::regrole AND ${notExtension('pg_proc', 'p.oid')}
  LOOP EXECUTE format('ALTER ROUTINE %s OWNER TO ${owner}', r.fn); END LOOP;
  FOR r IN SELECT t.oid::regtype AS typ FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
            WHERE n.nspname = 'public' AND t.typowner <> '${owner}'::regrole AND t.typtype IN ('c', 'e', 'd')
              AND (t.typrelid = 0 OR (SELECT relkind FROM pg_class WHERE oid = t.typrelid) = 'c')
              AND ${notExtension('pg_type', 't.oid')}
  LOOP EXECUTE format('ALTER TYPE %s OWNER TO ${owner}', r.typ); END LOOP;
END $a$;`;
}

/** A copy of a connection URL with another user and password. */
export function urlAs(url: string, user: string, password?: string | null): string {
  const u = new URL(url);
  u.username = encodeURIComponent(user);
  u.password = password ? encodeURIComponent(password) : '';
  return u.toString();
}
