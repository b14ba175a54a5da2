// The API/integration suite against a PostgreSQL server: each test file gets a fresh database on it, migrated as the
// owner role parksafe_test_owner, with the app connected as the restricted role parksafe_test_app (as in production).
// TEST_DATABASE_URL defaults to the local server CI starts (trust auth); its role must be able to create roles and
// databases (a superuser).
import { spawnSync } from 'node:child_process';
import pg from 'pg';

const url = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const ready = spawnSync('pg_isready', ['-d', url, '-q']);
if (ready.status !== 0) {
  console.error(`PostgreSQL 不可达：${url}（设置 TEST_DATABASE_URL，或启动本机 PostgreSQL）`);
  process.exit(1);
}
const admin = new pg.Client({ connectionString: url });
await admin.connect();
const { rows } = await admin.query(
  'select rolsuper or (rolcreaterole and rolcreatedb) as ok from pg_roles where rolname = current_user',
);
await admin.end();
if (!rows[0]?.ok) {
  console.error(`TEST_DATABASE_URL 的角色必须能创建数据库和角色（测试以所有者角色迁移、以受限角色运行）：${url}`);
  process.exit(1);
}
// Files or folders named on the command line narrow the run (npm run test:pg -- server/src/platform/workers.test.ts).
const only = process.argv.slice(2);
const r = spawnSync(process.execPath, ['scripts/vitest.mjs', 'postgres', ...(only.length ? only : ['server/src'])], {
  stdio: 'inherit',
  env: { ...process.env, TEST_DATABASE_URL: url },
});
process.exit(r.status ?? 1);
