// What every command-line tool does first: read the same settings as the server and open the same database.
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { type Config, loadConfig } from '../platform/config';
import { type Database, DataDirLockedError, migrate, openDatabase } from '../platform/db';

export async function openForCli(): Promise<{ config: Config; database: Database }> {
  const config = loadConfig();
  try {
    const database = await openDatabase(config);
    await migrate(database, (m) => console.log(m));
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
