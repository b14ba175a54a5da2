// npm run audit:verify-archive -- FILE [--manifest FILE.manifest.json] [--previous PREVIOUS.manifest.json]
// Verifies an archive file of npm run audit:archive on its own, without the database: the manifest's signature, the
// file's SHA-256 and SM3, each row's keyed MAC, the links inside each chain and each chain's count and ends. Needs only
// the audit key the archive was signed with (PARKSAFE_AUDIT_KEY, as the server). Exit 0 when it holds, 1 naming what
// failed (truncated file, altered row, …), 2 on wrong usage.
import { parseArgs } from 'node:util';
import { verifyArchiveFile } from '../modules/audit/archive-verify';
import { configureAuditKey } from '../platform/audit';
import { loadConfig } from '../platform/config';
import { run } from './common';

const USAGE =
  '用法: npm run audit:verify-archive -- 归档文件.ndjson.gz [--manifest 清单.manifest.json] [--previous 上月清单.manifest.json]';

const parse = () =>
  parseArgs({
    options: { manifest: { type: 'string' }, previous: { type: 'string' } },
    allowPositionals: true,
    strict: true,
  });

run(async () => {
  let a: ReturnType<typeof parse>;
  try {
    a = parse();
  } catch (err) {
    console.error(`${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  if (a.positionals.length !== 1) {
    console.error(USAGE);
    return 2;
  }
  const config = loadConfig();
  configureAuditKey(config.auditKey);
  const started = Date.now();
  const result = await verifyArchiveFile({
    file: a.positionals[0]!,
    manifestFile: a.values.manifest,
    previousManifestFile: a.values.previous,
    key: config.auditKey,
    onProgress: (n, total) => console.log(`已校验 ${n} / ${total} 条 (verified ${n} of ${total} rows)`),
  });
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`归档文件 ${result.file}；清单 ${result.manifestFile}`);
  if (result.ok) {
    const legacy = result.legacy ? `（其中 ${result.legacy} 条为启用审计密钥前的旧记录）` : '';
    console.log(
      `归档完整：${result.month}，${result.chains} 条链，${result.rows} 条记录${legacy}，SHA-256 ${result.sha256}，耗时 ${secs} 秒`,
    );
    console.log(
      `Archive OK: ${result.month}, ${result.chains} chain(s), ${result.rows} rows, every MAC and link holds.`,
    );
    console.log('注：各链首条与上月的衔接需上月清单（--previous）或数据库（归档时已校验）才能核对');
    return 0;
  }
  console.error(`归档校验未通过 (archive verification FAILED)，耗时 ${secs} 秒：`);
  for (const p of result.problems) console.error(`  [${p.code}] (${p.kind}) ${p.message}`);
  if (result.moreRowProblems)
    console.error(`  另有 ${result.moreRowProblems} 处同类问题未列出 (${result.moreRowProblems} more)`);
  return 1;
});
