// npm run db:roles -- [--owner parksafe_owner] [--app parksafe_app] [--owner-password P] [--app-password P]
// With DATABASE_ADMIN_URL (a superuser, connected to the ParkSafe database): creates the owner role and the server's
// role when missing (a random password, printed once, when none is given), hands the database and its objects to the
// owner, applies the migrations as the owner and grants the server's role what it needs. Idempotent: run it again
// after an upgrade, or to adopt a database one role used to own. Prints the two URLs to set.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { migrate, openDatabase } from '../platform/db';
import { ensureRoles, grantAppRole, prepareDatabase, urlAs } from '../platform/db-roles';
import { args, run } from './common';

run(async () => {
  const a = args({
    owner: { type: 'string', default: 'parksafe_owner' },
    app: { type: 'string', default: 'parksafe_app' },
    'owner-password': { type: 'string' },
    'app-password': { type: 'string' },
  });
  const adminUrl = process.env.DATABASE_ADMIN_URL;
  if (!adminUrl) {
    console.error(
      '用法: DATABASE_ADMIN_URL=postgres://postgres@主机:5432/parksafe npm run db:roles -- [--owner 角色] [--app 角色] [--owner-password 密码] [--app-password 密码]',
    );
    return 2;
  }
  const owner = a.owner!;
  const app = a.app!;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  const passwords: Record<string, string | null> = {
    [owner]: a['owner-password'] ?? null,
    [app]: a['app-password'] ?? null,
  };
  const generated: string[] = [];
  try {
    for (const role of [owner, app]) {
      const exists = await admin.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
      if (!exists.rowCount && !passwords[role]) {
        passwords[role] = randomBytes(18).toString('base64url');
        generated.push(role);
      }
    }
    const setup = { owner, app, ownerPassword: passwords[owner], appPassword: passwords[app] };
    const created = await ensureRoles(admin, setup);
    await prepareDatabase(admin, setup);
    console.log(created.length ? `已创建角色：${created.join('、')}` : '角色已存在，未改动其密码');
    // The superuser acts as the owner (SET ROLE at connect), so the owner's password is not needed here.
    const asOwner = new URL(adminUrl);
    asOwner.searchParams.set('options', `-c role=${owner}`);
    const database = await openDatabase({ databaseUrl: asOwner.toString(), dataDir: '' });
    try {
      const applied = await migrate(database, (m) => console.log(m));
      await grantAppRole(database, app);
      console.log(`迁移已应用 ${applied.length} 个；已授予 ${app} 业务表的读写与审计表的 SELECT/INSERT`);
    } finally {
      await database.close();
    }
  } finally {
    await admin.end();
  }
  const shown = (role: string) => passwords[role];
  console.log('\n服务器与迁移使用的连接（生成的密码只显示这一次；未显示密码的角色沿用其已有密码）：');
  console.log(`DATABASE_OWNER_URL=${urlAs(adminUrl, owner, shown(owner))}`);
  console.log(`DATABASE_URL=${urlAs(adminUrl, app, shown(app))}`);
  return 0;
});
