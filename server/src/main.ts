// `npm start`: open the database (embedded PGlite in DATA_DIR unless DATABASE_URL is set), migrate (as the owner role
// when DATABASE_OWNER_URL is set), warn when the server's role could change the audit log, create the demo park on a
// fresh embedded database, serve the API and the console, and shut down cleanly on SIGTERM/SIGINT.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createApp, VERSION } from './app';
import { ensureCriteriaLibrary, parksWithoutLibrary } from './modules/criteria/service';
import { seedDemoIfEmpty } from './modules/demo/seed';
import { configureAuditKey } from './platform/audit';
import { BackupScheduler, backupSchedule } from './platform/backup-schedule';
import { loadConfig } from './platform/config';
import { type Database, DataDirLockedError } from './platform/db';
import { auditRoleReport, auditRoleWarning, openServerDatabase } from './platform/db-roles';
import { createShutdown, Lifecycle, shutdownTimeoutMs } from './platform/lifecycle';
import { flushLogs } from './platform/log';
import { configurePersonalDataKey, WrongDataKeyError } from './platform/personal-data';
import {
  isClusterWorker,
  runPrimary,
  superviseWorker,
  watchWorkerShutdown,
  workerCount,
  workersRefusal,
} from './platform/workers';

/** Set for the child that prepares a fresh embedded database: it migrates, seeds and exits. */
const SETUP_ONLY = 'PARKSAFE_SETUP_ONLY';

async function main() {
  const config = loadConfig();
  // PARKSAFE_WORKERS=N > 1 (PostgreSQL only): this process becomes the cluster's primary and serves nothing itself.
  const workers = workerCount();
  const refusal = workersRefusal(workers, config.databaseUrl);
  if (refusal) {
    console.error(`[parksafe] ${refusal}`);
    process.exit(1);
  }
  if (isClusterWorker()) watchWorkerShutdown();
  if (workers > 1 && !isClusterWorker()) {
    runPrimary({
      workers,
      shutdownTimeoutMs: shutdownTimeoutMs(),
      log: (msg) => process.stderr.write(`${msg}\n`),
      exit: (code) => process.exit(code),
    });
    return;
  }
  configureAuditKey(config.auditKey);
  configurePersonalDataKey(config.dataKey); // the seed seals too; createApp checks the key against the data
  const firstEmbeddedStart = !config.databaseUrl && !fs.existsSync(path.join(config.dataDir, 'pgdata', 'PG_VERSION'));
  if (firstEmbeddedStart && process.env[SETUP_ONLY] !== '1') {
    // The first embedded start creates, migrates and seeds the database in a child process of its own: PGlite's
    // WebAssembly memory only grows, so the server would otherwise keep initdb's and the seed's peak resident
    // (README「内存」: ~500 MB against ~340 MB). The child ends before the server opens the database.
    console.log('[parksafe] 首次启动：在子进程中创建、迁移并填充嵌入式数据库');
    // Its output is forwarded, not inherited: a Node process resets the stdio flags it started with when it exits,
    // and an inherited stdout would come back blocking — the server's log writes would then block the thread pool
    // on a stdout nobody reads, and exit would wait on them for ever.
    const setup = spawn(process.execPath, [...process.execArgv, ...process.argv.slice(1)], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, [SETUP_ONLY]: '1' },
    });
    setup.stdout.pipe(process.stdout, { end: false });
    setup.stderr.pipe(process.stderr, { end: false });
    const status = await new Promise<number | null>((resolve) => setup.on('close', (code) => resolve(code)));
    if (status !== 0) {
      console.error('[parksafe] 嵌入式数据库初始化失败（见上方输出）');
      process.exit(1);
    }
  }
  let database: Database;
  try {
    database = await openServerDatabase(config, console.log);
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
  const warning = auditRoleWarning(database.kind, await auditRoleReport(database.db));
  if (warning) console.warn(`[parksafe] ${warning}`);
  if (config.seedDemo && database.kind === 'pglite') {
    await seedDemoIfEmpty(database.db, config, (msg) => console.log(`[demo] ${msg}`));
  }
  for (const parkId of await parksWithoutLibrary(database.db)) {
    await database.db.transaction((tx) => ensureCriteriaLibrary(tx, parkId));
  }
  if (process.env[SETUP_ONLY] === '1') {
    await database.close();
    process.exit(0);
  }
  const lifecycle = new Lifecycle();
  let app: Awaited<ReturnType<typeof createApp>>;
  try {
    app = await createApp(config, database, lifecycle);
  } catch (err) {
    if (err instanceof WrongDataKeyError) {
      console.error(`[parksafe] ${err.message}`);
      await database.close();
      process.exit(1);
    }
    throw err;
  }

  // Scheduled backups of the embedded database (platform/backup-schedule.ts); PostgreSQL is backed up from outside.
  const schedule = database.kind === 'pglite' ? backupSchedule(config) : null;
  const backups = schedule
    ? new BackupScheduler(schedule, { config, database, appVersion: VERSION, log: (m) => app.log.info(m) })
    : null;
  if (backups) lifecycle.report('backup', () => (backups.busy ? ['scheduled backup in progress'] : []));

  // SIGTERM/SIGINT: finish what is open within SHUTDOWN_TIMEOUT_SECONDS, then exit anyway (platform/lifecycle.ts).
  const shutdown = createShutdown({
    lifecycle,
    closeApp: async () => {
      // server.close() drops the connections idle at that moment only; a proxy's kept-alive connections fall idle
      // after each answer and would hold the close open until the deadline, so they are dropped as they do.
      const dropIdle = setInterval(() => app.server.closeIdleConnections(), 100);
      try {
        await app.close();
      } finally {
        clearInterval(dropIdle);
      }
      await backups?.stop();
    },
    closeDatabase: () => database.close(),
    flushLogs,
    // Straight to stderr: the logger's own stream is what may be blocked.
    log: (msg) => process.stderr.write(`${msg}\n`),
    timeoutMs: shutdownTimeoutMs(),
    exit: (code) => process.exit(code),
  });
  if (isClusterWorker()) {
    superviseWorker((reason) => void shutdown(reason));
  } else {
    process.on('SIGTERM', () => void shutdown('SIGTERM'));
    process.on('SIGINT', () => void shutdown('SIGINT'));
  }

  await app.listen({ port: config.port, host: config.host });
  backups?.start();
  console.log(`[parksafe] console at http://localhost:${config.port}  (API docs: /api/docs)`);
}

main().catch((err) => {
  console.error('[parksafe] failed to start:', err);
  process.exit(1);
});
