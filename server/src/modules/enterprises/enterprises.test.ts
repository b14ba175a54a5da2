import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { usccCheckChar } from '../../../../shared/src/uscc';
import { clock } from '../../platform/clock';
import { type Client, createTestEnv, signedIn, type TestEnv } from '../../testing/harness';

let env: TestEnv;
let sup: Client;
let ent1: Client;
let ownId: string;

beforeAll(async () => {
  env = await createTestEnv();
  sup = await signedIn(env.app, 'supervisor');
  ent1 = await signedIn(env.app, 'enterprise1');
  ownId = ((await ent1.get('/api/auth/session')).json() as { me: { enterpriseId: string } }).me.enterpriseId;
});
afterAll(async () => {
  clock.reset();
  await env?.close();
});

const err = (res: { json(): unknown }) =>
  (res.json() as { error: { code: string; message: string; fields?: Record<string, string> } }).error;
const code = (first17: string) => first17 + usccCheckChar(first17);

const valid = {
  name: '测试精密机械有限公司',
  creditCode: code('91370300MA3C4X5Y6'),
  siteType: 'ownSite',
  area: '东区',
  industryCode: 'C3484',
  supervisionTags: ['combustibleDust'],
  productionStartDate: '2020-05-01',
  principalName: '刘强',
  principalPhone: '13912345678',
};

describe('enterprise record', () => {
  it('creates an enterprise and refuses a wrong check character naming the field', async () => {
    const bad = await sup.post('/api/enterprises', {
      ...valid,
      creditCode:
        `${valid.creditCode.slice(0, 17)}0` === valid.creditCode
          ? `${valid.creditCode.slice(0, 17)}1`
          : `${valid.creditCode.slice(0, 17)}0`,
    });
    expect(bad.statusCode).toBe(400);
    expect(err(bad).fields?.creditCode).toContain('校验位');
    expect(err(bad).message).toContain('统一社会信用代码');

    const ok = await sup.post('/api/enterprises', valid);
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ name: valid.name, industryName: expect.any(String), rowVersion: 1 });

    const dup = await sup.post('/api/enterprises', { ...valid, name: '另一家公司' });
    expect(dup.statusCode).toBe(409);
    expect(err(dup).code).toBe('ENTERPRISE_CREDIT_CODE_TAKEN');
  });

  it('refuses impossible and future dates and unknown tags', async () => {
    const impossible = await sup.post('/api/enterprises', {
      ...valid,
      creditCode: code('91370300MA3C4X5Y7'),
      productionStartDate: '2023-02-30',
    });
    expect(impossible.statusCode).toBe(400);
    expect(err(impossible).fields?.productionStartDate).toBeDefined();
    const future = await sup.post('/api/enterprises', {
      ...valid,
      creditCode: code('91370300MA3C4X5Y7'),
      productionStartDate: '2099-01-01',
    });
    expect(future.statusCode).toBe(422);
    const tag = await sup.post('/api/enterprises', {
      ...valid,
      creditCode: code('91370300MA3C4X5Y7'),
      supervisionTags: ['nuclear'],
    });
    expect(tag.statusCode).toBe(400);
  });

  it('uses optimistic locking: a stale version gets 409 and changes nothing', async () => {
    const before = (await sup.get(`/api/enterprises/${ownId}`)).json() as { rowVersion: number; employees: number };
    const first = await sup.patch(`/api/enterprises/${ownId}`, { rowVersion: before.rowVersion, employees: 321 });
    expect(first.statusCode).toBe(200);
    const stale = await sup.patch(`/api/enterprises/${ownId}`, { rowVersion: before.rowVersion, employees: 999 });
    expect(stale.statusCode).toBe(409);
    expect(((await sup.get(`/api/enterprises/${ownId}`)).json() as { employees: number }).employees).toBe(321);
  });

  it('lets an enterprise user keep its own contacts current, not its classification, and shows it in history', async () => {
    const me = (await ent1.get(`/api/enterprises/${ownId}`)).json() as { rowVersion: number };
    const locked = await ent1.patch(`/api/enterprises/${ownId}`, { rowVersion: me.rowVersion, supervisionTags: [] });
    expect(locked.statusCode).toBe(403);
    expect(err(locked).message).toContain('重点监管标签');
    const ok = await ent1.patch(`/api/enterprises/${ownId}`, {
      rowVersion: me.rowVersion,
      safetyManagerPhone: '13700001111',
    });
    expect(ok.statusCode).toBe(200);
    const history = (await sup.get(`/api/enterprises/${ownId}/history`)).json() as {
      items: { action: string; actorRole: string; after: { safetyManagerPhone?: string } }[];
    };
    expect(history.items[0]).toMatchObject({ action: 'enterprise.update', actorRole: 'enterprise' });
    // The history (the audit log) keeps phones masked; the number itself is stored and revealed to the enterprise.
    expect(history.items[0]!.after.safetyManagerPhone).toBe('137****1111');
    const shown = await ent1.post('/api/personal-data/reveal', {
      entityType: 'enterprise',
      id: ownId,
      field: 'safetyManagerPhone',
      reason: '核对联系电话',
    });
    expect(shown.json()).toEqual({ value: '13700001111' });
  });

  it('lets a supervisor open and disable accounts from the enterprise page', async () => {
    const created = await sup.post(`/api/enterprises/${ownId}/users`, {
      username: 'ent1safety',
      displayName: '安全员小王',
      password: 'Safety#2026',
    });
    expect(created.statusCode).toBe(200);
    expect(created.json()).toMatchObject({ role: 'enterprise', organisationId: ownId, mustChangePassword: true });
    const list = (await sup.get(`/api/enterprises/${ownId}/users`)).json() as { items: { username: string }[] };
    expect(list.items.map((u) => u.username)).toContain('ent1safety');
    const id = (created.json() as { id: string }).id;
    const off = await sup.patch(`/api/enterprises/${ownId}/users/${id}`, { disabled: true });
    expect(off.json()).toMatchObject({ disabled: true });
    expect((await ent1.get(`/api/enterprises/${ownId}/users`)).statusCode).toBe(403);
  });
});

describe('attached records and due lists', () => {
  it('lists special equipment whose inspection is overdue or due within 30 days, derived from today', async () => {
    clock.set(new Date('2026-11-23T04:00:00Z'));
    const ent1 = await signedIn(env.app, 'enterprise1');
    const sup = await signedIn(env.app, 'supervisor');
    try {
      const overdue = await ent1.post('/api/registry/equipment', {
        enterpriseId: ownId,
        equipmentType: 'crane',
        name: '5t 桥式起重机',
        registrationNo: '起17鲁C00123',
        nextInspectionDate: '2026-11-01',
      });
      expect(overdue.statusCode).toBe(200);
      expect(overdue.json()).toMatchObject({ due: 'overdue' });
      await ent1.post('/api/registry/equipment', {
        enterpriseId: ownId,
        equipmentType: 'boiler',
        name: '燃气锅炉',
        nextInspectionDate: '2026-12-10',
      });
      await ent1.post('/api/registry/equipment', {
        enterpriseId: ownId,
        equipmentType: 'elevator',
        name: '货梯',
        nextInspectionDate: '2027-06-01',
      });

      const listRes = await sup.get(`/api/registry/equipment?due=overdue&enterpriseId=${ownId}`);
      expect(listRes.statusCode, listRes.body).toBe(200);
      const list = listRes.json() as { items: { name: string; enterpriseName: string }[] };
      expect(list.items.map((i) => i.name)).toContain('5t 桥式起重机');
      expect(list.items.map((i) => i.name)).not.toContain('燃气锅炉');
      // The park-wide overdue list includes it too, with the enterprise's name.
      const park = (await sup.get('/api/registry/equipment?due=overdue&pageSize=100')).json() as {
        items: { name: string }[];
        total: number;
      };
      expect(park.total).toBeGreaterThan(0);
      const soon = (await sup.get(`/api/registry/equipment?due=dueSoon&enterpriseId=${ownId}`)).json() as {
        items: { name: string }[];
      };
      expect(soon.items.map((i) => i.name)).toContain('燃气锅炉');
      expect(soon.items.map((i) => i.name)).not.toContain('货梯');
      // Time passes: the boiler becomes overdue without anything being stored.
      clock.set(new Date('2026-12-11T04:00:00Z'));
      // (the 30-minute idle timeout has ended the old session in the meantime)
      const supLater = await signedIn(env.app, 'supervisor');
      const later = (await supLater.get(`/api/registry/equipment?due=overdue&enterpriseId=${ownId}`)).json() as {
        items: { name: string }[];
      };
      expect(later.items.map((i) => i.name)).toEqual(expect.arrayContaining(['5t 桥式起重机', '燃气锅炉']));
    } finally {
      clock.reset();
    }
  });

  it('refuses a duplicate certificate number with 409 and a bad level with a field message', async () => {
    const cert = {
      enterpriseId: ownId,
      holderName: '张三',
      certificateType: 'electrician',
      certificateNo: 'T370302198001011234',
      expiryDate: '2027-03-01',
    };
    expect((await sup.post('/api/registry/certificates', cert)).statusCode).toBe(200);
    const dup = await sup.post('/api/registry/certificates', { ...cert, holderName: '李四' });
    expect(dup.statusCode).toBe(409);
    expect(err(dup).fields?.certificateNo).toBeDefined();
    const badLevel = await sup.post('/api/registry/hazard-sources', { enterpriseId: ownId, name: '罐区', level: 5 });
    expect(badLevel.statusCode).toBe(400);
    expect(err(badLevel).message).toContain('等级');
  });

  it('edits and deletes with history, and hides other enterprises records', async () => {
    const plan = (
      await ent1.post('/api/registry/plans', {
        enterpriseId: ownId,
        planKind: 'comprehensive',
        title: '生产安全事故综合应急预案',
      })
    ).json() as { id: string };
    const edited = await ent1.patch(`/api/registry/plans/${plan.id}`, {
      filingStatus: 'filed',
      filingNo: 'BA-2026-001',
    });
    expect(edited.json()).toMatchObject({ filingStatus: 'filed' });
    expect((await ent1.request('DELETE', `/api/registry/plans/${plan.id}`)).statusCode).toBe(200);
    const history = (await sup.get(`/api/enterprises/${ownId}/history?entityId=${plan.id}`)).json() as {
      items: { action: string }[];
    };
    expect(history.items.map((h) => h.action)).toEqual(['plans.delete', 'plans.update', 'plans.create']);
    const ent2 = await signedIn(env.app, 'enterprise2');
    const ent2Id = ((await ent2.get('/api/auth/session')).json() as { me: { enterpriseId: string } }).me.enterpriseId;
    const theirs = (await ent2.get('/api/registry/equipment?pageSize=100')).json() as {
      items: { enterpriseId: string; name: string }[];
    };
    expect(theirs.items.every((i) => i.enterpriseId === ent2Id)).toBe(true);
    expect(theirs.items.map((i) => i.name)).not.toContain('5t 桥式起重机');
  });
});

describe('name search', () => {
  it('finds enterprises by a two-character fragment, by a longer one and by the full credit code', async () => {
    const list = (await sup.get('/api/enterprises?pageSize=1&sort=name')).json() as {
      items: { name: string; creditCode: string }[];
    };
    const target = list.items[0]!;
    for (const term of [target.name.slice(0, 2), target.name.slice(1, 4), target.creditCode]) {
      const found = (await sup.get(`/api/enterprises?q=${encodeURIComponent(term)}&pageSize=100`)).json() as {
        items: { name: string }[];
      };
      expect(
        found.items.map((i) => i.name),
        term,
      ).toContain(target.name);
      if (term !== target.creditCode) expect(found.items.every((i) => i.name.includes(term))).toBe(true);
    }
  });
});

describe('enterprise list by credit grade', () => {
  type Page = {
    items: { id: string; name: string; creditScore: number | null; creditGrade: string }[];
    total: number;
  };

  it('filters by the stored grade as the credit list counts it (unscored at the base grade)', async () => {
    const credit = (await sup.get('/api/credit/enterprises?pageSize=1')).json() as {
      gradeCounts: Record<string, number>;
    };
    expect(Object.values(credit.gradeCounts).filter((n) => n > 0).length).toBeGreaterThan(1);
    for (const g of ['A', 'B', 'C', 'D']) {
      const res = await sup.get(`/api/enterprises?creditGrade=${g}&pageSize=100`);
      expect(res.statusCode, res.body).toBe(200);
      const page = res.json() as Page;
      expect(page.total).toBe(credit.gradeCounts[g]);
      expect(page.items.every((e) => e.creditGrade === g)).toBe(true);
    }
    const bad = await sup.get('/api/enterprises?creditGrade=E');
    expect(bad.statusCode).toBe(400);
    expect(err(bad).fields).toHaveProperty('creditGrade');
  });

  it('sorts by grade, the higher score first within a grade, and keeps the data scope', async () => {
    const page = (await sup.get('/api/enterprises?sort=creditGrade&order=asc&pageSize=100')).json() as Page;
    const worst = (await sup.get('/api/enterprises?sort=creditGrade&order=desc&pageSize=5')).json() as Page;
    expect(page.items[0]!.creditGrade).toBe('A');
    expect(worst.items[0]!.creditGrade).not.toBe('A');
    const rank = (e: Page['items'][number]) => [e.creditGrade, -(e.creditScore ?? 100)] as const;
    for (let i = 1; i < page.items.length; i++) {
      const [g0, s0] = rank(page.items[i - 1]!);
      const [g1, s1] = rank(page.items[i]!);
      expect(g0 < g1 || (g0 === g1 && s0 <= s1)).toBe(true);
    }
    const mine = (await ent1.get('/api/enterprises?sort=creditGrade')).json() as Page;
    expect(mine.items.map((e) => e.id)).toEqual([ownId]);
    const detail = (await ent1.get(`/api/credit/enterprises/${ownId}`)).json() as { score: number; grade: string };
    expect(mine.items[0]).toMatchObject({ creditScore: detail.score, creditGrade: detail.grade });
  });
});
