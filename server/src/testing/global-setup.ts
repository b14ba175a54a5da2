// Removes the seeded copies the test files of this run shared (harness.ts seededDatabase): the dump directory, and on
// PostgreSQL the run's template databases.
import fs from 'node:fs';
import pg from 'pg';

export default function setup(): () => Promise<void> {
  const dir = process.env.PARKSAFE_TEST_TEMPLATES;
  const run = process.env.PARKSAFE_TEST_RUN;
  return async () => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
    const url = process.env.TEST_DATABASE_URL;
    if (!url || !run) return;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      const { rows } = await admin.query<{ datname: string }>('select datname from pg_database where datname like $1', [
        `parksafe\\_tpl\\_${run}\\_%`,
      ]);
      for (const { datname } of rows) await admin.query(`drop database if exists ${datname} with (force)`);
    } finally {
      await admin.end();
    }
  };
}
