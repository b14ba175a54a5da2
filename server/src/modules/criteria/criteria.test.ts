// The criteria library lists codes in numeric order within a standard: GM2023-3-2 before GM2023-11-1 and HG2017-2
// before HG2017-10, as the regulation numbers its articles (plain text order would put 10 before 2).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestEnv, signedIn, type TestEnv } from '../../testing/harness';

let env: TestEnv;
let admin: Client;

beforeAll(async () => {
  env = await createTestEnv();
  admin = await signedIn(env.app, 'admin');
});
afterAll(async () => {
  await env?.close();
});

/** Numeric parts of a code, for comparing in the order the list must follow. */
const parts = (code: string) =>
  code
    .split(/[^0-9]+/)
    .filter(Boolean)
    .map(Number);
const before = (a: string, b: string) => {
  const x = parts(a);
  const y = parts(b);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    if ((x[i] ?? -1) !== (y[i] ?? -1)) return (x[i] ?? -1) < (y[i] ?? -1);
  }
  return true;
};

describe('criteria library order', () => {
  it('sorts codes numerically within each standard, new items included', async () => {
    for (const [code, standard] of [
      ['GM2023-2-1', 'GM2023'],
      ['GM2023-100-1', 'GM2023'],
      ['HG2017-21', 'HG2017'],
    ] as const) {
      const res = await admin.post('/api/criteria', { code, standard, item: `管理员补充的判定条款 ${code}` });
      expect(res.statusCode, res.body).toBe(200);
    }
    const items: { code: string; standard: string }[] = [];
    for (let page = 1; ; page++) {
      const res = (await admin.get(`/api/criteria?pageSize=20&page=${page}`)).json() as {
        items: { code: string; standard: string }[];
        total: number;
      };
      items.push(...res.items);
      if (items.length >= res.total) break;
    }
    const codes = items.map((i) => i.code);
    expect(codes.indexOf('HG2017-2')).toBeLessThan(codes.indexOf('HG2017-10'));
    expect(codes.indexOf('GM2023-3-2')).toBeLessThan(codes.indexOf('GM2023-11-1'));
    expect(codes.indexOf('GM2023-11-9')).toBeLessThan(codes.indexOf('GM2023-11-10'));
    expect(codes.indexOf('GM2023-2-1')).toBeLessThan(codes.indexOf('GM2023-3-1'));
    expect(codes.at(-1)).toBe('HG2017-21');
    for (let i = 1; i < items.length; i++) {
      const [a, b] = [items[i - 1]!, items[i]!];
      if (a.standard === b.standard) expect(before(a.code, b.code), `${a.code} / ${b.code}`).toBe(true);
    }
  });
});

describe('field labels of validation messages', () => {
  it('labels a criterion code as 条款编号 (the TOTP code keeps 动态验证码 on the login route)', async () => {
    const res = await admin.post('/api/criteria', {
      code: 'bad code',
      standard: 'GM2023',
      item: '管理员补充的判定条款',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toHaveProperty('code');
    expect(res.json().error.message).toMatch(/^条款编号：/);
    expect(res.json().error.message).not.toContain('动态验证码');
    const totp = await admin.post('/api/auth/login/totp', { challenge: 'x', code: '12' });
    expect(totp.statusCode).toBe(400);
    expect(totp.json().error.message).toMatch(/^动态验证码：/);
  });
});
