// The password rule beyond length and classes: common passwords and the user name are refused wherever a password
// is set, including the command-line tools and the demo seed.
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoPark } from '../modules/demo/seed';
import { createTestEnv, type TestEnv } from '../testing/harness';
import { passwordRejection } from './passwords';

const policy = { minLength: 8, minClasses: 3 };

describe('passwordRejection', () => {
  it('refuses the common passwords the review found, in any case and with symbols around them', () => {
    for (const pw of ['Password1', 'P@ssw0rd', 'Admin123!', '1qaz@WSX', 'pASSWORD1', '#Qwerty123!']) {
      expect(passwordRejection(pw, policy)?.code, pw).toBe('PASSWORD_COMMON');
    }
  });

  it('refuses a password that is or contains the user name, in any case', () => {
    expect(passwordRejection('Zhangsan#1', policy, 'zhangsan')?.code).toBe('PASSWORD_CONTAINS_USERNAME');
    expect(passwordRejection('x-ZHANGSAN-9y', policy, 'ZhangSan')?.code).toBe('PASSWORD_CONTAINS_USERNAME');
    expect(passwordRejection('Zhangsan#1', policy, 'lisi')).toBeNull();
  });

  it('accepts the demo passwords used by the tests and the browser suite', () => {
    for (const pw of ['Demo#2026pass', 'Test#Demo2026']) {
      for (const username of ['admin', 'supervisor', 'leader', 'inspector', 'department', 'enterprise1']) {
        expect(passwordRejection(pw, policy, username), `${pw} / ${username}`).toBeNull();
      }
    }
  });

  it('still applies the length and class rule first', () => {
    expect(passwordRejection('short', policy)?.code).toBe('PASSWORD_TOO_WEAK');
  });
});

describe('where passwords are set outside the API', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await createTestEnv({ seed: false });
  });
  afterAll(async () => {
    await env?.close();
  });

  it('the demo seed refuses a common PARKSAFE_DEMO_PASSWORD before writing anything', async () => {
    await expect(seedDemoPark(env.database.db, { password: 'Password1', log: () => {} })).rejects.toThrow(
      /PARKSAFE_DEMO_PASSWORD.*常见/,
    );
  });

  it('admin:create refuses a common password', () => {
    const run = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        'server/src/cli/admin-create.ts',
        '--username',
        'ops',
        '--name',
        '运维',
        '--password',
        'P@ssw0rd',
      ],
      { encoding: 'utf8', env: { ...process.env, DATA_DIR: 'memory://', DATABASE_URL: '' }, timeout: 30_000 },
    );
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('常见');
  });
});
