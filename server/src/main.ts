// `npm start`: open the database (embedded PGlite in DATA_DIR unless DATABASE_URL is set), migrate, create the demo
// park on a fresh embedded database, serve the API and the console, and shut down cleanly on SIGTERM/SIGINT.
import { createApp, VERSION } from './app';
import { ensureCriteriaLibrary, parksWithoutLibrary } from './modules/criteria/repository';
import { seedDemoIfEmpty } from './modules/demo/seed';
import { loadConfig } from './platform/config';
import { DataDirLockedError, migrate, openDatabase } from './platform/db';

async function main() {
  const config = loadConfig();
  let database: Awaited<ReturnType<typeof openDatabase>>;
  try {
    database = await openDatabase(config);
  } catch (err) {
    if (err instanceof DataDirLockedError) {
      console.error(`[parksafe] ${err.message}`);
      process.exit(1);
    }
    throw err;
  }
  console.log(
    `[parksafe] ParkSafe ${VERSION} · database: ${database.kind === 'pglite' ? `PGlite (${config.dataDir})` : 'PostgreSQL'}`,
  );
  await migrate(database, console.log);
  if (config.seedDemo && database.kind === 'pglite') {
    await seedDemoIfEmpty(database.db, config, (msg) => console.log(`[demo] ${msg}`));
  }
  for (const parkId of await parksWithoutLibrary(database.db)) {
    await database.db.transaction((tx) => ensureCriteriaLibrary(tx, parkId));
  }
  const app = await createApp(config, database);

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    console.log(`[parksafe] ${signal} received, closing`);
    try {
      await app.close();
      await database.close();
      process.exit(0);
    } catch (err) {
      console.error('[parksafe] error while closing', err);
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  await app.listen({ port: config.port, host: config.host });
  console.log(`[parksafe] console at http://localhost:${config.port}  (API docs: /api/docs)`);
}

main().catch((err) => {
  console.error('[parksafe] failed to start:', err);
  process.exit(1);
});
