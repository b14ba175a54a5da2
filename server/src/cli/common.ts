// What every command-line tool does first: read the same settings as the server and open the same database.
import { type ParseArgsConfig, parseArgs } from 'node:util';
import '../registrations';
import { configureAuditKey } from '../platform/audit';
import { type Config, loadConfig } from '../platform/config';
import { type Database, DataDirLockedError } from '../platform/db';
import { openServerDatabase } from '../platform/db-roles';
import { configurePersonalDataKey } from '../platform/personal-data';

/** The server's database, migrated as the owner role when DATABASE_OWNER_URL is set. */
export async function openForCli(): Promise<{ config: Config; database: Database }> {
  const config = loadConfig();
  configureAuditKey(config.auditKey);
  configurePersonalDataKey(config.dataKey);
  try {
    const database = await openServerDatabase(config, (m) => console.log(m));
    return { config, database };
  } catch (err) {
    if (err instanceof DataDirLockedError) {
      console.error(
        `${err.message}\n（嵌入式数据库一次只能由一个进程打开：请先停止 npm start，或对 PostgreSQL 使用 DATABASE_URL）`,
      );
      process.exit(1);
    }
    throw err;
  }
}

export function args<T extends NonNullable<ParseArgsConfig['options']>>(options: T) {
  return parseArgs({ options, allowPositionals: false, strict: true }).values;
}

export async function run(main: () => Promise<number | undefined>) {
  try {
    process.exit((await main()) ?? 0);
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  }
}
