// npm run db:migrate — applies pending SQL migrations to the configured database.
import { openForCli, run } from './common';

run(async () => {
  const { database } = await openForCli();
  console.log(`migrations up to date (${database.kind})`);
  await database.close();
  return 0;
});
