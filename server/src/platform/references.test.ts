// Every id a create/update body references is checked against the same enterprise, the same park and the actor's
// scope: an unknown id, another park's id and another enterprise's id are each refused with 422 naming the field
// (never a 500 from a foreign key, never stored). The record's own enterprise (enterpriseId) is the scope check's:
// 404 outside the scope, like every other record out of reach.
import { sql } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoPark } from '../modules/demo/seed';
import { type Client, createTestEnv, DEMO_PASSWORD, signedIn, type TestEnv } from '../testing/harness';
import { clock } from './clock';
import { rows } from './db';

const UNKNOWN = '00000000-0000-4000-8000-00000000beef';

let env: TestEnv;
let sup: Client;
let admin: Client;
let ent1: Client;
/** Park 1 (the demo park): enterprise1's enterprise and another enterprise's records. */
let p1: Record<string, string>;
/** Park 2: one record of every kind. */
let p2: Record<string, string>;

const one = async <T extends Record<string, string>>(q: ReturnType<typeof sql>) => {
  const [r] = await rows<T>(env.database.db, q);
  expect(r, 'fixture row').toBeDefined();
  return r!;
};

async function upload(c: Client, enterpriseId: string, purpose = 'hazardBefore'): Promise<string> {
  const png = await sharp({ create: { width: 32, height: 24, channels: 3, background: '#dd8844' } })
    .png()
    .toBuffer();
  const res = await c.upload({ purpose, enterpriseId }, 'photo.png', png, 'image/png');
  expect(res.statusCode, res.body).toBe(200);
  return res.json().id;
}

beforeAll(async () => {
  clock.set(new Date('2026-11-23T02:00:00Z'));
  env = await createTestEnv();
  const db = env.database.db;
  // A second park beside the demo park (user names are unique across parks, so the first park's step aside).
  await db.execute(sql`update users set username = username || '.p1'`);
  await seedDemoPark(db, {
    password: DEMO_PASSWORD,
    log: () => {},
    spec: { seed: 11, ownSite: 20, leased: 30, parkName: '滨河园区', parkCode: 'BINHE' },
  });
  await db.execute(sql`update users set username = username || '.p2' where username not like '%.p1'`);
  await db.execute(sql`update users set username = left(username, length(username) - 3) where username like '%.p1'`);

  const park2 = await one<{ id: string }>(sql`select id from parks where code = 'BINHE'`);
  const sup2 = await signedIn(env.app, 'supervisor.p2');
  const e2 = await one<{ id: string }>(
    sql`select e.id from enterprises e where e.park_id = ${park2.id} and exists (
          select 1 from risk_points p where p.enterprise_id = e.id) order by e.name limit 1`,
  );
  p2 = {
    enterprise: e2.id,
    inspection: (await one(sql`select id from inspections where park_id = ${park2.id} limit 1`)).id!,
    campaign: (await one(sql`select id from campaigns where park_id = ${park2.id} limit 1`)).id!,
    hazard: (await one(sql`select id from hazards where park_id = ${park2.id} limit 1`)).id!,
    riskPoint: (await one(sql`select id from risk_points where park_id = ${park2.id} limit 1`)).id!,
    checklist: (
      await one(sql`select id from checklist_templates where park_id = ${park2.id} and status = 'active' limit 1`)
    ).id!,
    department: (
      await one(sql`select id from organisations where park_id = ${park2.id} and kind = 'department' limit 1`)
    ).id!,
    committee: (await one(sql`select id from organisations where park_id = ${park2.id} and kind = 'committee' limit 1`))
      .id!,
    inspector: (await one(sql`select id from users where username = 'inspector.p2'`)).id!,
    file: await upload(sup2, e2.id),
  };

  sup = await signedIn(env.app, 'supervisor');
  admin = await signedIn(env.app, 'admin');
  ent1 = await signedIn(env.app, 'enterprise1');
  const mine = await one<{ e1: string; e2: string }>(
    sql`select (select organisation_id from users where username = 'enterprise1') as e1,
               (select organisation_id from users where username = 'enterprise2') as e2`,
  );
  const hazardOf = async (enterpriseId: string) => {
    const res = await sup.post('/api/hazards', {
      enterpriseId,
      description: '消防通道堆放货物',
      category: 'unsafeAct',
      source: 'routine',
      deadline: '2026-12-31',
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json().id as string;
  };
  const inspectionOf = async (enterpriseId: string) => {
    const res = await sup.post('/api/inspections', {
      enterpriseId,
      inspectedOn: '2026-11-20',
      kind: 'supervision',
      externalInspectors: ['检查组'],
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json().id as string;
  };
  const campaign = async (enterpriseIds: string[], startsOn: string, endsOn: string) => {
    const res = await sup.post('/api/campaigns', {
      name: `专项检查 ${startsOn}`,
      campaignType: 'other',
      startsOn,
      endsOn,
      target: { enterpriseIds },
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json().id as string;
  };
  p1 = {
    e1: mine.e1,
    e2: mine.e2,
    e2Hazard: await hazardOf(mine.e2),
    e1Hazard: await hazardOf(mine.e1),
    e2Inspection: await inspectionOf(mine.e2),
    e1Inspection: await inspectionOf(mine.e1),
    e2RiskPoint: (await one(sql`select id from risk_points where enterprise_id = ${mine.e2} limit 1`)).id!,
    e2File: await upload(sup, mine.e2),
    e1File: await upload(sup, mine.e1),
    notTargeting: await campaign([mine.e2], '2026-11-01', '2026-12-31'),
    spring: await campaign([mine.e1], '2026-03-01', '2026-04-30'),
    enterpriseOrg: mine.e2,
  };
});
afterAll(async () => {
  clock.reset();
  await env?.close();
});

type Case = [label: string, value: unknown];

/** Sends body with value put in field, for each case: 422 naming the field (or the given status). */
async function refused(
  c: Client,
  method: 'POST' | 'PATCH' | 'PUT',
  url: string,
  base: Record<string, unknown>,
  field: string,
  cases: Case[],
  put: (body: Record<string, unknown>, value: unknown) => Record<string, unknown> = (b, v) => ({ ...b, [field]: v }),
  status = 422,
) {
  for (const [label, value] of cases) {
    const res = await c.request(method, url, put(base, value));
    expect(res.statusCode, `${method} ${url} ${field} = ${label}: ${res.body}`).toBe(status);
    if (status === 422) {
      expect(Object.keys(res.json().error.fields ?? {}), `${method} ${url} ${field} = ${label}`).toContain(field);
    }
  }
}

const hazardBody = () => ({
  enterpriseId: p1.e1,
  description: '配电箱箱门破损未上锁',
  category: 'unsafeCondition',
  source: 'routine',
  deadline: '2026-12-31',
});

describe('references in hazard and inspection bodies', () => {
  it('refuses a foreign, another park’s or an unknown inspection, campaign, risk point or photo of a hazard', async () => {
    const before = await rows<{ n: number }>(env.database.db, sql`select count(*)::int as n from hazards`);
    await refused(sup, 'POST', '/api/hazards', hazardBody(), 'inspectionId', [
      ['unknown', UNKNOWN],
      ['another park', p2.inspection],
      ['another enterprise', p1.e2Inspection],
    ]);
    await refused(sup, 'POST', '/api/hazards', hazardBody(), 'campaignId', [
      ['unknown', UNKNOWN],
      ['another park', p2.campaign],
      ['not targeting the enterprise', p1.notTargeting],
    ]);
    await refused(sup, 'POST', '/api/hazards', hazardBody(), 'riskPointId', [
      ['unknown', UNKNOWN],
      ['another park', p2.riskPoint],
      ['another enterprise', p1.e2RiskPoint],
    ]);
    for (const field of ['beforePhotoIds', 'afterPhotoIds']) {
      await refused(
        sup,
        'POST',
        '/api/hazards',
        { ...hazardBody(), ...(field === 'afterPhotoIds' ? { fixedOnSpot: true, deadline: null } : {}) },
        field,
        [
          ['unknown', [UNKNOWN]],
          ['another park', [p2.file]],
          ['another enterprise', [p1.e2File]],
        ],
      );
    }
    // As enterprise1: another enterprise's inspection, and any campaign (the committee's plans) are refused too.
    await refused(ent1, 'POST', '/api/hazards', { ...hazardBody(), source: 'routine' }, 'inspectionId', [
      ['another enterprise', p1.e2Inspection],
    ]);
    await refused(ent1, 'POST', '/api/hazards', hazardBody(), 'campaignId', [['a campaign', p1.spring]]);
    const after = await rows<{ n: number }>(env.database.db, sql`select count(*)::int as n from hazards`);
    expect(after[0]!.n).toBe(before[0]!.n);
  });

  it('does not let a foreign inspection show another enterprise’s hazards or count them (the reported case)', async () => {
    const res = await ent1.post('/api/hazards', { ...hazardBody(), inspectionId: p1.e2Inspection });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.message).toContain('检查记录');
    const detail = (await sup.get(`/api/inspections/${p1.e2Inspection}`)).json() as { hazardCount: number };
    expect(detail.hazardCount).toBe(0);
    const ledger = (await sup.get(`/api/hazards?inspectionId=${p1.e2Inspection}`)).json() as { total: number };
    expect(ledger.total).toBe(0);
    // A hazard of the enterprise's own inspection counts toward that inspection (and its campaign, when it has one).
    const own = await sup.post('/api/hazards', { ...hazardBody(), inspectionId: p1.e1Inspection });
    expect(own.statusCode, own.body).toBe(200);
  });

  it('counts a hazard toward a campaign only for a target enterprise within the campaign’s period', async () => {
    const notTarget = await sup.post('/api/hazards', { ...hazardBody(), campaignId: p1.notTargeting });
    expect(notTarget.json().error).toMatchObject({ code: 'CAMPAIGN_NOT_TARGET' });
    const outside = await sup.post('/api/hazards', { ...hazardBody(), campaignId: p1.spring, foundOn: '2026-05-10' });
    expect(outside.statusCode).toBe(422);
    expect(outside.json().error.code).toBe('CAMPAIGN_PERIOD_MISMATCH');
    expect(outside.json().error.fields).toHaveProperty('foundOn');
    expect(outside.json().error.message).toContain('2026-03-01 至 2026-04-30');
    const within = await sup.post('/api/hazards', { ...hazardBody(), campaignId: p1.spring, foundOn: '2026-04-10' });
    expect(within.statusCode, within.body).toBe(200);
    const progress = (await sup.get(`/api/campaigns/${p1.notTargeting}`)).json() as { progress: { hazards: number } };
    expect(progress.progress.hazards).toBe(0);
  });

  it('refuses an inspection outside its campaign’s period or enterprises, and foreign inspectors, checklists, files', async () => {
    const body = { enterpriseId: p1.e1, inspectedOn: '2026-11-20', kind: 'supervision' };
    const early = await sup.post('/api/inspections', { ...body, campaignId: p1.spring, inspectedOn: '2026-02-27' });
    expect(early.statusCode).toBe(422);
    expect(early.json().error).toMatchObject({ code: 'CAMPAIGN_PERIOD_MISMATCH' });
    expect(early.json().error.fields).toHaveProperty('inspectedOn');
    expect(early.json().error.message).toContain('检查日期 2026-02-27 不在检查行动');
    await refused(sup, 'POST', '/api/inspections', body, 'campaignId', [
      ['unknown', UNKNOWN],
      ['another park', p2.campaign],
      ['not targeting the enterprise', p1.notTargeting],
    ]);
    await refused(sup, 'POST', '/api/inspections', body, 'inspectorIds', [
      ['unknown', [UNKNOWN]],
      ['another park', [p2.inspector]],
    ]);
    await refused(sup, 'POST', '/api/inspections', body, 'checklistTemplateId', [
      ['unknown', UNKNOWN],
      ['another park', p2.checklist],
    ]);
    await refused(
      sup,
      'POST',
      '/api/inspections',
      body,
      'enterpriseSignature.fileId',
      [
        ['unknown', UNKNOWN],
        ['another park', p2.file],
        ['another enterprise', p1.e2File],
      ],
      (b, v) => ({ ...b, enterpriseSignature: { signerName: '企业代表', fileId: v } }),
    );
    await refused(
      sup,
      'POST',
      `/api/hazards/${p1.e1Hazard}/transitions`,
      { action: 'start' },
      'evidenceIds',
      [['unknown', [UNKNOWN]]],
      (b, v) => ({ ...b, action: 'start', evidenceIds: v }),
    );
  });
});

describe('references in other bodies', () => {
  it('refuses foreign joint departments, targets, team members and checklists of a campaign', async () => {
    const body = {
      name: '联合专项检查行动',
      campaignType: 'other',
      startsOn: '2026-11-01',
      endsOn: '2026-12-31',
      target: { enterpriseIds: [p1.e1] },
    };
    await refused(sup, 'POST', '/api/campaigns', body, 'jointDepartmentIds', [
      ['unknown', [UNKNOWN]],
      ['another park', [p2.department]],
      ['an enterprise', [p1.enterpriseOrg]],
    ]);
    await refused(
      sup,
      'POST',
      '/api/campaigns',
      body,
      'target.enterpriseIds',
      [
        ['unknown', [p1.e1, UNKNOWN]],
        ['another park', [p2.enterprise]],
      ],
      (b, v) => ({ ...b, target: { enterpriseIds: v } }),
    );
    await refused(sup, 'POST', '/api/campaigns', body, 'inspectorIds', [
      ['unknown', [UNKNOWN]],
      ['another park', [p2.inspector]],
    ]);
    await refused(
      sup,
      'POST',
      '/api/campaigns',
      body,
      'checklistTemplateIds.0',
      [['another park', [p2.checklist]]],
      (b, v) => ({
        ...b,
        checklistTemplateIds: v,
      }),
    );
    await refused(
      sup,
      'PUT',
      `/api/campaigns/${p1.spring}/checklists`,
      {},
      'templateIds.0',
      [
        ['unknown', [UNKNOWN]],
        ['another park', [p2.checklist]],
      ],
      (_b, v) => ({ templateIds: v }),
    );
  });

  it('refuses foreign hazards of a penalty case and foreign units and targets of a joint action', async () => {
    const penalty = {
      enterpriseId: p1.e1,
      legalBasis: '《中华人民共和国安全生产法》有关规定',
      measures: ['warning'],
      filedOn: '2026-11-20',
    };
    await refused(sup, 'POST', '/api/enforcement/penalty-cases', penalty, 'hazardIds', [
      ['unknown', [UNKNOWN]],
      ['another park', [p2.hazard]],
      ['another enterprise', [p1.e2Hazard]],
    ]);
    const committee = await one<{ id: string }>(
      sql`select organisation_id as id from users where username = 'supervisor'`,
    );
    const action = {
      actionDate: '2026-11-20',
      title: '联合执法专项行动',
      leadOrganisationId: committee.id,
      participantOrganisationIds: [],
      targetEnterpriseIds: [p1.e1],
      resultCounts: [{ item: '责令改正', count: 1 }],
    };
    await refused(sup, 'POST', '/api/enforcement/joint-actions', action, 'leadOrganisationId', [
      ['unknown', UNKNOWN],
      ['another park', p2.committee],
    ]);
    await refused(sup, 'POST', '/api/enforcement/joint-actions', action, 'participantOrganisationIds', [
      ['another park', [p2.department]],
    ]);
    await refused(sup, 'POST', '/api/enforcement/joint-actions', action, 'targetEnterpriseIds', [
      ['unknown', [UNKNOWN]],
      ['another park', [p2.enterprise]],
    ]);
  });

  it('refuses foreign hazards and inspections of a document, a landlord, an organisation and map positions', async () => {
    await refused(sup, 'POST', '/api/documents/rectification-notice', { enterpriseId: p1.e1 }, 'hazardIds', [
      ['unknown', [UNKNOWN]],
      ['another park', [p2.hazard]],
      ['another enterprise', [p1.e2Hazard]],
    ]);
    await refused(sup, 'POST', '/api/documents/rectification-notice', { enterpriseId: p1.e1 }, 'inspectionId', [
      ['unknown', UNKNOWN],
      ['another park', p2.inspection],
      ['another enterprise', p1.e2Inspection],
    ]);
    await refused(sup, 'POST', '/api/documents/recheck-opinion', {}, 'hazardId', [
      ['unknown', UNKNOWN],
      ['another park', p2.hazard],
    ]);
    const e1 = (await sup.get(`/api/enterprises/${p1.e1}`)).json() as { rowVersion: number };
    await refused(
      sup,
      'PATCH',
      `/api/enterprises/${p1.e1}`,
      { rowVersion: e1.rowVersion, siteType: 'leased' },
      'landlordEnterpriseId',
      [
        ['unknown', UNKNOWN],
        ['another park', p2.enterprise],
      ],
    );
    await refused(
      admin,
      'POST',
      '/api/users',
      { username: 'newcomer', displayName: '新同事', role: 'supervisor', password: 'Arrival#2026x' },
      'organisationId',
      [
        ['unknown', UNKNOWN],
        ['another park', p2.committee],
      ],
    );
    await refused(
      sup,
      'PUT',
      '/api/risk/map/positions',
      {},
      'positions.0.enterpriseId',
      [
        ['unknown', UNKNOWN],
        ['another park', p2.enterprise],
      ],
      (_b, v) => ({ positions: [{ enterpriseId: v, x: 0.5, y: 0.5 }] }),
    );
  });

  it('refuses a survey question in another survey’s or an unknown section, and an unknown survey to copy', async () => {
    const a = await sup.post('/api/surveys', { year: 2031, title: '2031年度安全生产状况调查' });
    const b = await sup.post('/api/surveys', { year: 2032, title: '2032年度安全生产状况调查' });
    expect(a.statusCode, a.body).toBe(200);
    const otherSection = (b.json() as { sections: { id: string }[] }).sections[0]!.id;
    const question = { questionType: 'text', title: '贵单位是否建立隐患排查制度' };
    await refused(sup, 'POST', `/api/surveys/${a.json().id}/questions`, question, 'sectionId', [
      ['unknown', UNKNOWN],
      ['another survey', otherSection],
    ]);
    await refused(sup, 'POST', '/api/surveys', { year: 2033, title: '2033年度调查', source: 'copy' }, 'copyFromId', [
      ['unknown', UNKNOWN],
    ]);
  });

  it('answers 404 for the record’s own enterprise from another park or out of scope, never 500', async () => {
    for (const [c, url, body] of [
      [sup, '/api/hazards', { ...hazardBody(), enterpriseId: p2.enterprise }],
      [sup, '/api/registry/equipment', { enterpriseId: p2.enterprise, equipmentType: 'boiler', name: '燃气锅炉' }],
      [
        sup,
        '/api/enforcement/penalty-cases',
        { enterpriseId: UNKNOWN, legalBasis: '安全生产法有关规定', measures: ['warning'], filedOn: '2026-11-20' },
      ],
      [ent1, '/api/hazards', { ...hazardBody(), enterpriseId: p1.e2 }],
      [
        sup,
        '/api/inspections',
        { enterpriseId: p2.enterprise, inspectedOn: '2026-11-20', kind: 'supervision', externalInspectors: ['检查组'] },
      ],
    ] as const) {
      const res = await c.post(url, body);
      expect(res.statusCode, `${url}: ${res.body}`).toBe(404);
    }
  });
});
