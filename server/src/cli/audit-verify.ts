// npm run audit:verify — recomputes every park's audit hash chain and names the first broken row. Exit 1 when broken.
import { verifyAuditChains } from '../platform/audit';
import { openForCli, run } from './common';

run(async () => {
  const { database } = await openForCli();
  const started = Date.now();
  const result = await verifyAuditChains(database.db, {
    onProgress: (n) => process.stdout.write(`\r已校验 ${n} 条`),
  });
  process.stdout.write('\n');
  await database.close();
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  if (result.ok) {
    console.log(`审计日志完整：${result.chains} 条链，${result.checked} 条记录，耗时 ${secs} 秒`);
    return 0;
  }
  const b = result.firstBroken!;
  console.error(`审计日志被破坏：园区 ${b.parkId} 第 ${b.seq} 条（id ${b.id || '-'}）：${b.reason}`);
  return 1;
});
