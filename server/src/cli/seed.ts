// npm run seed -- --demo                      the demo park (same as first start), into any database
// npm run seed -- --enterprises 100000 [--park-code bench] [--seed 7]   a large park for benchmarks
import { eq } from 'drizzle-orm';
import { parks } from '../db/schema';
import { findParkId, seedDemoPark, seedEnterprises } from '../modules/demo/seed';
import { args, openForCli, run } from './common';

run(async () => {
  const a = args({
    demo: { type: 'boolean', default: false },
    enterprises: { type: 'string' },
    'park-code': { type: 'string', default: 'bench' },
    seed: { type: 'string', default: '7' },
  });
  if (!a.demo && !a.enterprises) {
    console.error('用法: npm run seed -- --demo | --enterprises N [--park-code 代码] [--seed 数字]');
    return 2;
  }
  const { config, database } = await openForCli();
  const log = (m: string) => console.log(`[seed] ${m}`);
  try {
    if (a.demo) {
      if (await findParkId(database.db, 'gxq')) {
        console.error('演示园区（gxq）已存在，未做任何修改');
        return 1;
      }
      const creds = await seedDemoPark(database.db, { password: config.demoPassword, log });
      console.log(`演示账户：${creds.users.map((u) => u.username).join(', ')}；密码：${creds.password}`);
    }
    if (a.enterprises) {
      const n = Number(a.enterprises);
      if (!Number.isInteger(n) || n <= 0) throw new Error('--enterprises 必须是正整数');
      const code = a['park-code']!;
      let parkId = await findParkId(database.db, code);
      if (!parkId) {
        [{ id: parkId }] = (await database.db
          .insert(parks)
          .values({ code, name: `压测园区 ${code}` })
          .returning({ id: parks.id })) as [{ id: string }];
      } else {
        const [p] = await database.db.select().from(parks).where(eq(parks.id, parkId));
        log(`adding to existing park ${p?.name}`);
      }
      await seedEnterprises(database.db, parkId, n, Number(a.seed), log);
    }
  } finally {
    await database.close();
  }
  return 0;
});
