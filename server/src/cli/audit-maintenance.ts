// What npm run audit:archive and audit:drop share: the owner role's connection (they write audit_archives and drop
// partitions, which the server's role may not), and refusals printed as a stable code with a Chinese message.
import type { Config } from '../platform/config';
import { type Database, openDatabase } from '../platform/db';
import { AppError } from '../platform/errors';
import { openForCli } from './common';

/** The migrated database as the owner role (DATABASE_OWNER_URL), or the one connection when there is only one. */
export async function openAsOwner(): Promise<{ config: Config; database: Database }> {
  const { config, database } = await openForCli();
  if (!config.databaseOwnerUrl || database.kind !== 'postgres') return { config, database };
  await database.close();
  return { config, database: await openDatabase({ databaseUrl: config.databaseOwnerUrl, dataDir: config.dataDir }) };
}

/** Prints a refusal (AppError) as `拒绝 [CODE]：message` and returns exit code 2; anything else is rethrown. */
export function refused(err: unknown): number {
  if (err instanceof AppError) {
    console.error(`拒绝 [${err.code}]：${err.message}`);
    return 2;
  }
  throw err;
}
