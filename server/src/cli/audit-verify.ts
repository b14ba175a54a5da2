// npm run audit:verify [-- --checkpoints FILE ...] — recomputes every park's audit chain with the audit key, compares
// it with the signed checkpoints kept outside the database (the configured checkpoint file, plus any checkpoint files
// or server logs given), and names the first broken row and what happened to it. Exit 1 when broken.
import { auditKeyId, verifyAuditChains } from '../platform/audit';
import { readCheckpoints } from '../platform/audit-checkpoints';
import { args, openForCli, run } from './common';

const KINDS = { edited: '被修改', inserted: '伪造或插入', deleted: '被删除', truncated: '链尾被截断' } as const;

run(async () => {
  const a = args({ checkpoints: { type: 'string', multiple: true } });
  const { config, database } = await openForCli();
  const sources = [...(config.auditCheckpointFile ? [config.auditCheckpointFile] : []), ...(a.checkpoints ?? [])];
  const started = Date.now();
  const checkpoints = await readCheckpoints(sources, config.auditKey);
  const result = await verifyAuditChains(database.db, {
    key: config.auditKey,
    checkpoints,
    onProgress: (n) => process.stdout.write(`\r已校验 ${n} 条`),
  });
  process.stdout.write('\n');
  await database.close();
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  console.log(
    `审计密钥指纹 ${auditKeyId(config.auditKey)}；检查点来源：${sources.join('、') || '（无）'}；有效检查点 ${result.checkpoints.valid} 个`,
  );
  for (const w of result.warnings) console.warn(`注意：${w}`);
  if (result.ok) {
    const legacy = result.legacy ? `（其中 ${result.legacy} 条为启用审计密钥前的旧记录）` : '';
    console.log(`审计日志完整：${result.chains} 条链，${result.checked} 条记录${legacy}，耗时 ${secs} 秒`);
    return 0;
  }
  const b = result.firstBroken!;
  console.error(
    `审计日志被破坏（${KINDS[b.kind]}）：园区 ${b.parkId} 第 ${b.seq} 条（id ${b.id || '-'}）：${b.reason}`,
  );
  return 1;
});
