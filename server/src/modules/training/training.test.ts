// Training: scope (an enterprise reads its own sessions and plans, and the committee's sessions it took part in —
// with its own people only), bad input refused by field with nothing saved (hours, another park's enterprise, an
// expired provider unless confirmed), the new-enterprise rule (随投产随培训) and plans' derived completion, hours per
// person across enterprises, the pasted-list parser, and the figures.

import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProviderView } from '../../../../shared/src/providers';
import type {
  NewEnterpriseGap,
  ParsedAttendees,
  PlanView,
  SessionView,
  TrainingFigures,
} from '../../../../shared/src/training';
import { parseAttendeeLine, roleOfPost } from '../../../../shared/src/training';
import { clock } from '../../platform/clock';
import { rows } from '../../platform/db';
import { indicatorProvider } from '../../platform/indicators';
import { type Client, createTestEnv, signedIn, type TestEnv } from '../../testing/harness';
import './figures';

let env: TestEnv;
let sup: Client;
let ent1: Client;
let ent2: Client;
let e1: string;
let e2: string;
let e3: string;
let parkId: string;
let foreignEnterprise: string;
type Err = { error: { code: string; message: string; fields?: Record<string, string> } };

const meOf = async (c: Client) =>
  ((await c.get('/api/auth/session')).json() as { me: { enterpriseId: string } }).me.enterpriseId;
const count = async (table: string) =>
  (await rows<{ n: number }>(env.database.db, sql`select count(*)::int as n from ${sql.raw(table)}`))[0]!.n;

beforeAll(async () => {
  clock.set(new Date('2026-11-23T02:00:00Z'));
  env = await createTestEnv();
  sup = await signedIn(env.app, 'supervisor');
  ent1 = await signedIn(env.app, 'enterprise1');
  ent2 = await signedIn(env.app, 'enterprise2');
  e1 = await meOf(ent1);
  e2 = await meOf(ent2);
  const db = env.database.db;
  const [other] = await rows<{ id: string; park_id: string }>(
    db,
    // Commissioned long ago, so no demo session trained its people for the new-enterprise rule.
    sql`select id, park_id from enterprises where id not in (${e1}, ${e2}) and status = 'operating'
          and production_start_date < '2025-01-01' order by name limit 1`,
  );
  e3 = other!.id;
  parkId = other!.park_id;
  // Another park with one enterprise: its id must be refused as an attendee's enterprise.
  const [p2] = await rows<{ id: string }>(
    db,
    sql`insert into parks (code, name) values ('OTHER', '另一园区') returning id`,
  );
  const [o2] = await rows<{ id: string }>(
    db,
    sql`insert into organisations (park_id, kind, name) values (${p2!.id}, 'enterprise', '外园区企业') returning id`,
  );
  await db.execute(
    sql`insert into enterprises (park_id, id, name, credit_code, site_type)
        values (${p2!.id}, ${o2!.id}, '外园区企业', '91320500MA1XXXXX0X', 'ownSite')`,
  );
  foreignEnterprise = o2!.id;
}, 400_000);
afterAll(async () => {
  clock.reset();
  await env?.close();
});

const session = (over: Record<string, unknown> = {}) => ({
  kind: 'warning',
  title: '事故案例警示教育',
  occurredOn: '2026-11-10',
  organiserKind: 'committee',
  trainer: '应急管理局专家',
  hours: 2,
  attendees: [
    { name: '王一', enterpriseId: e1, post: '安全员', role: 'safetyManager', passed: true },
    { name: '李二', enterpriseId: e2, post: '车间主任', passed: false, score: 45 },
  ],
  ...over,
});

describe('training sessions', () => {
  it('keeps scope: an enterprise sees the committee session it attended with its own people only, never another’s', async () => {
    const res = await sup.post('/api/training/sessions', session());
    expect(res.statusCode, res.body).toBe(200);
    const s = res.json() as SessionView;
    expect(s.serial).toMatch(/^PX2026-\d{4}$/);
    expect(s.attendees).toHaveLength(2);
    expect(s.recordedAt.slice(0, 10)).toBe('2026-11-23');
    expect(s.occurredOn).toBe('2026-11-10');

    const seen = (await ent1.get(`/api/training/sessions/${s.id}`)).json() as SessionView;
    expect(seen.attendees.map((a) => a.name)).toEqual(['王一']);
    expect(seen.editable).toBe(false);

    const own = (
      await ent1.post('/api/training/sessions', {
        ...session({ organiserKind: 'enterprise', kind: 'threeLevel', title: '新员工三级安全教育（厂级）' }),
        attendees: [{ name: '赵三', enterpriseId: e1, post: '操作工' }],
      })
    ).json() as SessionView;
    expect(own.enterpriseId).toBe(e1);
    expect(own.editable).toBe(true);
    // enterprise2 cannot read enterprise1's session, nor change the committee's.
    expect((await ent2.get(`/api/training/sessions/${own.id}`)).statusCode).toBe(404);
    const list2 = (await ent2.get('/api/training/sessions?pageSize=100')).json() as { items: { id: string }[] };
    expect(list2.items.map((i) => i.id)).not.toContain(own.id);
    expect(list2.items.map((i) => i.id)).toContain(s.id);
    const put = await ent1.patch(`/api/training/sessions/${s.id}`, { ...session(), rowVersion: 1 });
    expect(put.statusCode).toBe(403);
    // An enterprise may not record another enterprise's people, nor a committee session.
    const foreign = await ent1.post('/api/training/sessions', {
      ...session({ organiserKind: 'enterprise' }),
      attendees: [{ name: '李二', enterpriseId: e2 }],
    });
    expect(foreign.statusCode).toBe(422);
    expect((foreign.json() as Err).error.fields?.['attendees.0.enterpriseId']).toMatch(/不是本企业人员/);
    expect((await ent1.post('/api/training/sessions', session())).statusCode).toBe(403);
  });

  it('refuses bad input by field with nothing saved', async () => {
    const before = await count('training_sessions');
    const negative = await sup.post('/api/training/sessions', session({ hours: -1 }));
    expect(negative.statusCode).toBe(400);
    expect(negative.body).toMatch(/学时须大于 0/);
    const huge = await sup.post('/api/training/sessions', session({ hours: 500 }));
    expect(huge.statusCode).toBe(400);
    const otherPark = await sup.post(
      '/api/training/sessions',
      session({ attendees: [{ name: '外园区人员', enterpriseId: foreignEnterprise }] }),
    );
    expect(otherPark.statusCode).toBe(422);
    expect((otherPark.json() as Err).error.fields?.['attendees.0.enterpriseId']).toMatch(/不是本园区的企业/);
    const future = await sup.post('/api/training/sessions', session({ occurredOn: '2026-12-30' }));
    expect(future.statusCode).toBe(422);
    expect(await count('training_sessions')).toBe(before);
    expect(await count('training_attendees')).toBeGreaterThan(0);
  });

  it('warns on a provider whose qualification expired: refused until confirmed, then kept as confirmed', async () => {
    const provider = (
      await sup.post('/api/providers', {
        name: '苏州消防培训中心',
        kinds: ['fireService', 'training'],
        qualificationValidUntil: '2026-06-30',
      })
    ).json() as ProviderView;
    const before = await count('training_sessions');
    const body = session({ kind: 'fire', title: '消防专题培训', organiserKind: 'provider', providerId: provider.id });
    const warned = await sup.post('/api/training/sessions', body);
    expect(warned.statusCode).toBe(409);
    expect((warned.json() as Err).error.code).toBe('PROVIDER_QUALIFICATION_EXPIRED');
    expect((warned.json() as Err).error.message).toMatch(/2026-06-30/);
    expect(await count('training_sessions')).toBe(before);
    const ok = await sup.post('/api/training/sessions', { ...body, providerExpiredConfirmed: true });
    expect(ok.statusCode, ok.body).toBe(200);
    expect((ok.json() as SessionView).providerExpired).toBe(true);
    // A session held while the qualification was valid needs no confirmation.
    const earlier = await sup.post('/api/training/sessions', { ...body, occurredOn: '2026-05-20' });
    expect(earlier.statusCode, earlier.body).toBe(200);
    expect((earlier.json() as SessionView).providerExpired).toBe(false);
  });
});

describe('the new-enterprise rule (随投产随培训)', () => {
  it('lists a new enterprise’s untrained principal and safety manager, and drops each once trained', async () => {
    const db = env.database.db;
    await db.execute(
      sql`update enterprises set production_start_date = '2026-10-24', principal_name = '周新', safety_manager_name = '吴安'
           where id = ${e3}`,
    );
    const gapsOf = async () =>
      ((await sup.get('/api/training/new-enterprises')).json() as { items: NewEnterpriseGap[] }).items.filter(
        (g) => g.enterpriseId === e3,
      );
    const gaps = await gapsOf();
    expect(gaps.map((g) => [g.role, g.personName, g.daysSinceStart])).toEqual([
      ['principal', '周新', 30],
      ['safetyManager', '吴安', 30],
    ]);
    // A 警示教育 does not count; a failed 新投产企业负责人培训 does not either.
    await sup.post(
      '/api/training/sessions',
      session({ attendees: [{ name: '周新', enterpriseId: e3, role: 'principal', passed: true }] }),
    );
    await sup.post(
      '/api/training/sessions',
      session({
        kind: 'newPrincipal',
        title: '新投产企业主要负责人培训',
        attendees: [{ name: '周新', enterpriseId: e3, role: 'principal', passed: false }],
      }),
    );
    expect(await gapsOf()).toHaveLength(2);
    const trained = await sup.post(
      '/api/training/sessions',
      session({
        kind: 'newPrincipal',
        title: '新投产企业主要负责人培训',
        attendees: [{ name: '周新', enterpriseId: e3, post: '总经理', role: 'principal', passed: true }],
      }),
    );
    expect(trained.statusCode, trained.body).toBe(200);
    expect((await gapsOf()).map((g) => g.role)).toEqual(['safetyManager']);
    // Other enterprises cannot see the list's entries for e3.
    const seen = (await ent1.get('/api/training/new-enterprises')).json() as { items: NewEnterpriseGap[] };
    expect(seen.items.every((g) => g.enterpriseId === e1)).toBe(true);
  });
});

describe('plans', () => {
  it('keeps plans in scope and derives each item’s completion from the linked sessions', async () => {
    const res = await ent1.post('/api/training/plans', {
      enterpriseId: e1,
      // The demo gave enterprise1 this year's plan: last year's is made here.
      year: 2025,
      items: [
        { month: 3, topic: '全员安全生产责任制培训', kind: 'centralised', plannedHours: 4, plannedAttendees: 2 },
        { month: 12, topic: '冬季消防培训', kind: 'fire', plannedHours: 2, plannedAttendees: 10 },
        { month: 6, topic: '有限空间作业专题培训', kind: 'topical', plannedHours: 2, plannedAttendees: 1 },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    const plan = res.json() as PlanView;
    expect(plan.itemList.map((i) => i.state)).toEqual(['overdue', 'overdue', 'overdue']);
    expect((await ent2.get(`/api/training/plans/${plan.id}`)).statusCode).toBe(404);
    const list2 = (await ent2.get('/api/training/plans')).json() as { items: { id: string }[] };
    expect(list2.items.map((i) => i.id)).not.toContain(plan.id);
    expect(
      (
        await ent1.post('/api/training/plans', {
          ...plan,
          enterpriseId: e1,
          year: 2025,
          items: [{ month: 1, topic: '重复', kind: 'fire', plannedHours: 1, plannedAttendees: 1 }],
        })
      ).statusCode,
    ).toBe(409);

    const byMonth = (m: number) => plan.itemList.find((i) => i.month === m)!;
    const march = byMonth(3);
    const june = byMonth(6);
    const link = (itemId: string, hours: number, people: number) =>
      ent1.post('/api/training/sessions', {
        ...session({
          organiserKind: 'enterprise',
          kind: 'topical',
          hours,
          planItemId: itemId,
          occurredOn: '2025-06-12',
        }),
        attendees: Array.from({ length: people }, (_, i) => ({ name: `员工${i + 1}`, enterpriseId: e1 })),
      });
    expect((await link(march!.id, 2, 2)).statusCode).toBe(200);
    expect((await link(june!.id, 2, 1)).statusCode).toBe(200);
    const after = (await ent1.get(`/api/training/plans/${plan.id}`)).json() as PlanView;
    expect(after.itemList.map((i) => [i.state, i.sessions, i.hours, i.attendees])).toEqual([
      ['partly', 1, 2, 2],
      ['done', 1, 2, 1],
      ['overdue', 0, 0, 0],
    ]);
    expect(after.done).toBe(1);
    // A plan item of another enterprise cannot be linked; a linked item cannot be deleted.
    const wrong = await sup.post(
      '/api/training/sessions',
      session({ organiserKind: 'enterprise', enterpriseId: e2, planItemId: march!.id, occurredOn: '2025-06-12' }),
    );
    expect(wrong.statusCode).toBe(422);
    expect((wrong.json() as Err).error.fields?.planItemId).toBeDefined();
    const drop = await ent1.patch(`/api/training/plans/${plan.id}`, {
      rowVersion: after.rowVersion,
      items: [
        {
          id: june!.id,
          month: 6,
          topic: '有限空间作业专题培训',
          kind: 'topical',
          plannedHours: 2,
          plannedAttendees: 1,
        },
      ],
    });
    expect(drop.statusCode).toBe(409);
  });
});

describe('hours, history, pasted lists and figures', () => {
  it('follows a person with a phone across enterprises, and sums hours per person and enterprise', async () => {
    await sup.post(
      '/api/training/sessions',
      session({ attendees: [{ name: '钱七', enterpriseId: e1, phone: '13900001111', passed: true }] }),
    );
    await sup.post(
      '/api/training/sessions',
      session({ hours: 3, attendees: [{ name: '钱七', enterpriseId: e2, phone: '13900001111', passed: true }] }),
    );
    const report = (await sup.get('/api/training/hours?year=2026&q=钱七')).json() as {
      people: { personKey: string; hours: number; enterpriseNames: string[] }[];
    };
    expect(report.people).toHaveLength(1);
    expect(report.people[0]!.hours).toBe(5);
    expect(report.people[0]!.enterpriseNames).toHaveLength(2);
    const history = (
      await sup.get(`/api/training/history?personKey=${encodeURIComponent(report.people[0]!.personKey)}`)
    ).json() as { items: unknown[]; hours: number };
    expect(history.items).toHaveLength(2);
    // enterprise2 sees only the record made while the person was its own.
    const seen = (
      await ent2.get(`/api/training/history?personKey=${encodeURIComponent(report.people[0]!.personKey)}`)
    ).json() as { hours: number };
    expect(seen.hours).toBe(3);
  });

  it('parses a pasted list line by line, resolving enterprises and naming what is wrong', async () => {
    expect(parseAttendeeLine('张三 某某公司 安全员 13812345678 85', 1)).toMatchObject({
      name: '张三',
      enterpriseName: '某某公司',
      post: '安全员',
      phone: '13812345678',
      score: 85,
    });
    expect(roleOfPost('总经理')).toBe('principal');
    expect(roleOfPost('专职安全员')).toBe('safetyManager');
    const [names] = await rows<{ a: string; b: string }>(
      env.database.db,
      sql`select (select name from enterprises where id = ${e1}) as a, (select name from enterprises where id = ${e2}) as b`,
    );
    const parsed = (
      await sup.post('/api/training/attendees/parse', {
        text: `张三 ${names!.a} 安全员\n\n李四 ${names!.b} 总经理 合格\n王五 不存在的公司 操作工`,
      })
    ).json() as ParsedAttendees;
    expect(parsed.valid).toBe(2);
    expect(parsed.invalid).toBe(1);
    expect(parsed.items.map((i) => i.line)).toEqual([1, 3, 4]);
    expect(parsed.items[0]!.attendee).toMatchObject({ enterpriseId: e1, role: 'safetyManager' });
    expect(parsed.items[1]!.attendee).toMatchObject({ enterpriseId: e2, role: 'principal', passed: true });
    expect(parsed.items[2]!.error).toMatch(/不是本园区/);
    // An enterprise's user may leave its own name out.
    const own = (await ent1.post('/api/training/attendees/parse', { text: '孙八 操作工' })).json() as ParsedAttendees;
    expect(own.items[0]!.attendee.enterpriseId).toBe(e1);
  });

  it('computes the figures by the day held, and the assessment’s 培训学时 per enterprise', async () => {
    const f = (await sup.get('/api/training/figures?from=2026-01-01&to=2026-12-31')).json() as TrainingFigures;
    const [db] = await rows<{ n: number; h: string; a: number }>(
      env.database.db,
      sql`select count(*)::int as n, sum(hours)::text as h,
                 (select count(*)::int from training_attendees a join training_sessions x on x.id = a.session_id
                   where x.occurred_on between '2026-01-01' and '2026-12-31') as a
            from training_sessions where occurred_on between '2026-01-01' and '2026-12-31'`,
    );
    expect(f.sessions).toBe(db!.n);
    expect(f.hours).toBe(Number(db!.h));
    expect(f.attendees).toBe(db!.a);
    const [np] = await rows<{ n: number }>(
      env.database.db,
      sql`select count(*)::int as n from training_sessions
           where kind = 'newPrincipal' and occurred_on between '2026-01-01' and '2026-12-31'`,
    );
    expect(f.byKind.find((k) => k.kind === 'newPrincipal')!.sessions).toBe(np!.n);
    const none = (await sup.get('/api/training/figures?from=2019-01-01&to=2019-12-31')).json() as TrainingFigures;
    expect(none.sessions).toBe(0);
    const values = await indicatorProvider('trainingHours')!(env.database.db, {
      parkId,
      year: 2026,
      enterpriseIds: [e1, foreignEnterprise],
      today: '2026-11-23',
    });
    expect(values.get(e1)!.value).toBeGreaterThan(0);
    expect(values.get(foreignEnterprise)!.value).toBe(0);
  });
});

describe('a committee session’s materials and photos (park files read per session)', () => {
  const PDF = Buffer.from(
    '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
      '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
  );
  let png: Buffer;
  const uploaded = async (c: Client, fields: Record<string, string>, name = 'p.png') => {
    const pdf = name.endsWith('.pdf');
    const res = await c.upload(
      { purpose: pdf ? 'document' : 'evidence', enterpriseId: '', ...fields },
      name,
      pdf ? PDF : png,
      pdf ? 'application/pdf' : 'image/png',
    );
    return res;
  };
  const idOf = async (res: Awaited<ReturnType<Client['upload']>>) => {
    expect(res.statusCode, res.body).toBe(200);
    return (res.json() as { id: string }).id;
  };
  beforeAll(async () => {
    const sharp = (await import('sharp')).default;
    png = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#3366cc' } })
      .png()
      .toBuffer();
  });

  it('attaches them to a committee session; attendees’ enterprises read them, others and the unattached not', async () => {
    const material = await idOf(await uploaded(sup, { recordKind: 'trainingSession' }, '课件.pdf'));
    const photo = await idOf(await uploaded(sup, { recordKind: 'trainingSession' }));
    // Before the session lists them, only the uploader reads them.
    expect((await sup.get(`/api/files/${material}/meta`)).statusCode).toBe(200);
    expect((await ent1.get(`/api/files/${material}`)).statusCode).toBe(404);

    const res = await sup.post(
      '/api/training/sessions',
      session({
        title: '有限空间作业专题培训',
        attendees: [{ name: '王一', enterpriseId: e1, post: '安全员' }],
        materialFileIds: [material],
        photoFileIds: [photo],
      }),
    );
    expect(res.statusCode, res.body).toBe(200);
    const s = res.json() as SessionView;
    expect(s.materials).toEqual([{ id: material, originalName: '课件.pdf', mime: 'application/pdf' }]);
    expect(s.photos.map((p) => p.id)).toEqual([photo]);

    // enterprise1 attended: it reads the session and its files; enterprise2 did not: neither.
    const seen = (await ent1.get(`/api/training/sessions/${s.id}`)).json() as SessionView;
    expect(seen.materials.map((m) => m.id)).toEqual([material]);
    const pdf = await ent1.get(`/api/files/${material}`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toContain('application/pdf');
    expect((await ent1.get(`/api/files/${photo}/thumb`)).statusCode).toBe(200);
    expect((await ent2.get(`/api/training/sessions/${s.id}`)).statusCode).toBe(404);
    expect((await ent2.get(`/api/files/${material}`)).statusCode).toBe(404);
    expect((await ent2.get(`/api/files/${photo}/thumb`)).statusCode).toBe(404);
    // Opened to all enterprises: enterprise2 reads them too.
    const open = await sup.patch(`/api/training/sessions/${s.id}`, {
      ...session({
        title: '有限空间作业专题培训',
        openToAll: true,
        attendees: [{ name: '王一', enterpriseId: e1, post: '安全员' }],
        materialFileIds: [material],
        photoFileIds: [photo],
      }),
      rowVersion: s.rowVersion,
    });
    expect(open.statusCode, open.body).toBe(200);
    expect((await ent2.get(`/api/files/${material}`)).statusCode).toBe(200);
    const inspector = await signedIn(env.app, 'inspector');
    expect((await inspector.get(`/api/files/${material}/meta`)).statusCode).toBe(200);

    // The create is audited with the files it listed.
    const admin = await signedIn(env.app, 'admin');
    const audit = await admin.get(`/api/audit?entityId=${s.id}`);
    expect(audit.statusCode).toBe(200);
    expect(audit.body).toContain(material);
  });

  it('refuses a file that is not a session’s park file, or a park file in an enterprise’s session, by field', async () => {
    const before = await count('training_sessions');
    const entFile = await idOf(await ent1.upload({ purpose: 'evidence', enterpriseId: e1 }, 'p.png', png, 'image/png'));
    const plainPark = await idOf(await uploaded(sup, {}));
    const parkFile = await idOf(await uploaded(sup, { recordKind: 'trainingSession' }, 'm.pdf'));
    const contractFile = await idOf(await uploaded(sup, { recordKind: 'fireServiceContract' }, 'c.pdf'));
    for (const [field, id] of [
      ['photoFileIds', entFile],
      ['photoFileIds', plainPark],
      ['materialFileIds', contractFile],
      ['materialFileIds', '00000000-0000-4000-8000-000000000000'],
    ] as const) {
      const res = await sup.post('/api/training/sessions', session({ [field]: [id] }));
      expect(res.statusCode, `${field} ${id}`).toBe(422);
      const err = (res.json() as Err).error;
      expect(err.code).toBe('FILE_NOT_FOUND');
      expect(err.fields?.[field]).toMatch(/附件不存在或不是为该记录上传的文件/);
    }
    // An enterprise never references a park file (nor another enterprise's file) in its own session.
    const own = (over: Record<string, unknown>) => ({
      ...session({ organiserKind: 'enterprise', title: '班组安全活动学习' }),
      attendees: [{ name: '赵三', enterpriseId: e1, post: '操作工' }],
      ...over,
    });
    const park = await ent1.post('/api/training/sessions', own({ materialFileIds: [parkFile] }));
    expect(park.statusCode).toBe(422);
    expect((park.json() as Err).error.fields?.materialFileIds).toMatch(/不存在|不属于该企业/);
    const ent2File = await idOf(
      await ent2.upload({ purpose: 'evidence', enterpriseId: e2 }, 'p.png', png, 'image/png'),
    );
    const other = await ent1.post('/api/training/sessions', own({ photoFileIds: [ent2File] }));
    expect(other.statusCode).toBe(422);
    expect((other.json() as Err).error.fields).toHaveProperty('photoFileIds');
    expect(await count('training_sessions')).toBe(before);

    // Uploads: an enterprise cannot upload a park file of a record kind; a kind must be a known one.
    const entPark = await ent1.upload(
      { purpose: 'document', enterpriseId: e1, recordKind: 'trainingSession' },
      'm.pdf',
      PDF,
      'application/pdf',
    );
    expect(entPark.statusCode).toBe(400);
    expect((entPark.json() as Err).error.fields?.recordKind).toBe('企业的文件不能作为管委会记录的附件上传');
    const entNoEnterprise = await uploaded(ent1, { recordKind: 'trainingSession' }, 'm.pdf');
    expect(entNoEnterprise.statusCode).toBe(400);
    expect((entNoEnterprise.json() as Err).error.fields?.enterpriseId).toBe('请选择企业');
    const unknown = await uploaded(sup, { recordKind: 'secretThing' }, 'm.pdf');
    expect(unknown.statusCode).toBe(400);
    expect((unknown.json() as Err).error.fields?.recordKind).toBe('文件所属记录类型不正确');
  });
});
