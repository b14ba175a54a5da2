// The API/integration suite against a PostgreSQL server: each test file gets a fresh database on it.
// TEST_DATABASE_URL defaults to the local server CI starts (trust auth).
import { spawnSync } from 'node:child_process';

const url = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const ready = spawnSync('pg_isready', ['-d', url, '-q']);
if (ready.status !== 0) {
  console.error(`PostgreSQL 不可达：${url}（设置 TEST_DATABASE_URL，或启动本机 PostgreSQL）`);
  process.exit(1);
}
const r = spawnSync(process.execPath, ['scripts/vitest.mjs', 'postgres', 'server/src'], {
  stdio: 'inherit',
  env: { ...process.env, TEST_DATABASE_URL: url },
});
process.exit(r.status ?? 1);
