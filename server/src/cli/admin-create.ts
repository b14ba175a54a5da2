// npm run admin:create -- --username u --name 姓名 --password p [--park-code c --park-name n]
// Creates the first administrator (and the park and committee office when the database has none). Prompts for what
// is missing when run in a terminal. Production never gets default accounts: this is how its first admin is made.
import { createInterface } from 'node:readline/promises';
import { and, eq } from 'drizzle-orm';
import { DEFAULT_PASSWORD_POLICY } from '../../../shared/src/password';
import { organisations, parks, users } from '../db/schema';
import { ensureCriteriaLibrary } from '../modules/criteria/service';
import { appendAudit } from '../platform/audit';
import { hashPassword, passwordRejection } from '../platform/passwords';
import { args, openForCli, run } from './common';

run(async () => {
  const a = args({
    username: { type: 'string' },
    name: { type: 'string' },
    password: { type: 'string' },
    'park-code': { type: 'string' },
    'park-name': { type: 'string' },
  });
  const rl = process.stdin.isTTY ? createInterface({ input: process.stdin, output: process.stdout }) : null;
  const ask = async (value: string | undefined, question: string, fallback?: string) => {
    if (value) return value;
    if (rl) return (await rl.question(question)).trim() || fallback || '';
    if (fallback) return fallback;
    throw new Error(`缺少参数：${question}`);
  };
  const username = await ask(a.username, '管理员用户名 (--username): ');
  const displayName = await ask(a.name, '姓名 (--name) [系统管理员]: ', '系统管理员');
  const password = await ask(a.password, '密码 (--password): ');
  const parkCode = await ask(a['park-code'], '园区代码 (--park-code) [gxq]: ', 'gxq');
  const parkName = await ask(a['park-name'], '园区名称 (--park-name) [高新区]: ', '高新区');
  rl?.close();
  if (!/^[a-zA-Z0-9_.-]{3,32}$/.test(username)) throw new Error('用户名为 3–32 位字母、数字、下划线、点或连字符');
  const refusal = passwordRejection(password, DEFAULT_PASSWORD_POLICY, username);
  if (refusal) throw new Error(refusal.message);
  const passwordHash = await hashPassword(password);

  const { database } = await openForCli();
  const { db } = database;
  try {
    await db.transaction(async (tx) => {
      const [taken] = await tx.select({ id: users.id }).from(users).where(eq(users.username, username));
      if (taken) throw new Error(`用户名「${username}」已存在`);
      let [park] = await tx.select().from(parks).where(eq(parks.code, parkCode));
      if (!park) [park] = await tx.insert(parks).values({ code: parkCode, name: parkName }).returning();
      let [committee] = await tx
        .select()
        .from(organisations)
        .where(and(eq(organisations.parkId, park!.id), eq(organisations.kind, 'committee')))
        .limit(1);
      if (!committee) {
        [committee] = await tx
          .insert(organisations)
          .values({ parkId: park!.id, kind: 'committee', name: `${park!.name}管委会` })
          .returning();
      }
      await ensureCriteriaLibrary(tx, park!.id);
      // The new admin must bind TOTP at first sign-in; the password set here need not be changed.
      const [u] = await tx
        .insert(users)
        .values({
          parkId: park!.id,
          organisationId: committee!.id,
          username,
          displayName,
          role: 'admin',
          passwordHash,
          mustChangePassword: false,
        })
        .returning({ id: users.id });
      await appendAudit(
        tx,
        { actor: null, ip: 'cli' },
        {
          parkId: park!.id,
          action: 'user.create',
          entityType: 'user',
          entityId: u!.id,
          actorName: 'admin:create',
          after: { username, displayName, role: 'admin' },
        },
      );
    });
    console.log(`已创建管理员 ${username}（园区 ${parkName}）。首次登录时需绑定动态验证码。`);
  } finally {
    await database.close();
  }
  return 0;
});
