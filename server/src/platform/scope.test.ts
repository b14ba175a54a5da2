// Walks every route of the OpenAPI document as enterprise1, with the ids of another enterprise (its record, its
// organisation, its user): every route that takes an id must answer 403 or 404, and every list only its own rows.
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestEnv, signedIn, type TestEnv } from '../testing/harness';
import { rows } from './db';

let env: TestEnv;
let ent: Client;
let own: string;
let other: {
  enterprise: string;
  name: string;
  user: string;
  hazard: string;
  inspection: string;
  riskPoint: string;
  accident: string;
  commitment: string;
  drill: string;
  resumption: string;
  guidance: string;
  fireVisit: string;
};

beforeAll(async () => {
  env = await createTestEnv();
  ent = await signedIn(env.app, 'enterprise1');
  own = ((await ent.get('/api/auth/session')).json() as { me: { enterpriseId: string } }).me.enterpriseId;
  const [o] = await rows<{ enterprise: string; name: string; user: string }>(
    env.database.db,
    sql`select u.organisation_id as enterprise, e.name, u.id as user
          from users u join enterprises e on e.id = u.organisation_id where u.username = 'enterprise2'`,
  );
  // A record of the other enterprise in the hazard module, made by the committee.
  const sup = await signedIn(env.app, 'supervisor');
  const hazard = await sup.post('/api/hazards', {
    enterpriseId: o!.enterprise,
    description: '消防通道被货物堵塞',
    category: 'unsafeCondition',
    source: 'routine',
    deadline: '2099-12-31',
  });
  // And an inspection of it with a checklist (its item results and signatures are the other enterprise's too).
  const checklist = await sup.post('/api/checklists', {
    name: '越权检查用检查表',
    activate: true,
    items: [{ content: '疏散通道是否畅通' }],
  });
  const items = (checklist.json() as { id: string; items: { id: string }[] }).items;
  const inspection = await sup.post('/api/inspections', {
    enterpriseId: o!.enterprise,
    inspectedOn: '2025-06-01',
    kind: 'supervision',
    externalInspectors: ['检查组'],
    checklistTemplateId: (checklist.json() as { id: string }).id,
    items: [{ itemId: items[0]!.id, result: 'fail' }],
  });
  expect(inspection.statusCode, inspection.body).toBe(200);
  // And a penalty case against it (the enforcement register and its Excel export must not show it).
  const penalty = await sup.post('/api/enforcement/penalty-cases', {
    enterpriseId: o!.enterprise,
    hazardIds: [(hazard.json() as { id: string }).id],
    legalBasis: '《中华人民共和国安全生产法》有关规定',
    measures: ['warning'],
    filedOn: '2025-06-02',
  });
  expect(penalty.statusCode, penalty.body).toBe(200);
  // And a risk point of the other enterprise (risk routes take risk point ids).
  const [point] = await rows<{ id: string }>(
    env.database.db,
    sql`select id from risk_points where enterprise_id = ${o!.enterprise} limit 1`,
  );
  // An accident and a commitment of the other enterprise (a hazardous-chemical one: it commits daily).
  const accident = await sup.post('/api/accidents', {
    enterpriseId: o!.enterprise,
    occurredAt: '2026-01-05T09:30:00+08:00',
    place: '仓库装卸区',
    accidentType: 'vehicle',
    seriousInjuries: 1,
    summary: '叉车倒车时撞伤装卸工人',
  });
  expect(accident.statusCode, accident.body).toBe(200);
  const types = (await sup.get('/api/commitments/types')).json() as {
    id: string;
    code: string;
    reviewItems: string[];
  }[];
  const daily = types.find((t) => t.code === 'dailyHazardousChemicals')!;
  const commitment = await sup.post('/api/commitments', {
    typeId: daily.id,
    enterpriseId: o!.enterprise,
    periodDate: '2020-01-01',
    review: daily.reviewItems.map((item) => ({ item, ok: true })),
    commitmentText: '今天我公司已进行安全风险研判，各项安全风险防控措施已落实到位。',
    committedBy: '代为登记',
  });
  expect(commitment.statusCode, commitment.body).toBe(200);
  // A drill (with a problem), a talk and a resumption application (the demo's) of other enterprises.
  const drill = await sup.post('/api/drills', {
    level: 'enterprise',
    enterpriseId: o!.enterprise,
    title: '越权测试用消防疏散演练',
    scenario: 'fire',
    heldOn: '2025-06-01',
    place: '办公楼',
    organiser: '企业安全部',
    headcount: 30,
    problems: [{ description: '疏散指示标志损坏' }],
  });
  expect(drill.statusCode, drill.body).toBe(200);
  const talk = await sup.post('/api/guidance', {
    kind: 'talk',
    enterpriseId: o!.enterprise,
    heldOn: '2025-06-01',
    staff: '张安监',
    counterpartName: '实际控制人',
    counterpartRole: 'actualController',
    topics: '主体责任落实情况',
    followUps: [{ content: '报送整改情况', dueOn: '2025-07-01' }],
  });
  expect(talk.statusCode, talk.body).toBe(200);
  const [resumption] = await rows<{ id: string }>(
    env.database.db,
    sql`select id from resumption_applications where enterprise_id <> ${own} limit 1`,
  );
  // A fire-service visit of the demo (never of the demo accounts' enterprises).
  const [fireVisit] = await rows<{ id: string }>(env.database.db, sql`select id from fire_service_visits limit 1`);
  other = {
    ...o!,
    drill: (drill.json() as { id: string }).id,
    resumption: resumption!.id,
    guidance: (talk.json() as { id: string }).id,
    fireVisit: fireVisit!.id,
    hazard: (hazard.json() as { id: string }).id,
    inspection: (inspection.json() as { id: string }).id,
    riskPoint: point!.id,
    accident: (accident.json() as { id: string }).id,
    commitment: (commitment.json() as { id: string }).id,
  };
});
afterAll(async () => {
  await env?.close();
});

/** A GET whose query has a required parameter is read with one, so it answers 200/403 rather than 400. */
const SAMPLE_QUERIES: Record<string, string> = {
  'GET /api/training/history': '?personKey=13800000000',
  'GET /api/plans/proposals': '?year=2026&quarter=4',
  'GET /api/plans/document': '?year=2026&quarter=4',
  'GET /api/files/device/parts': '?id=7d0c5b52-6f0e-4e43-9a55-0b7a51c1f0aa',
  'GET /api/reports/preview': '?kind=half&from=2026-01-01&to=2026-06-30',
  'GET /api/reports/draft': '?kind=half&from=2026-01-01&to=2026-06-30',
};
const SAMPLE_BODIES: Record<string, unknown> = {
  'PATCH /api/training/sessions/{id}': {
    kind: 'centralised',
    title: '越权修改培训',
    occurredOn: '2026-11-01',
    organiserKind: 'committee',
    hours: 2,
    rowVersion: 1,
  },
  'PATCH /api/training/plans/{id}': {
    items: [{ month: 1, topic: '越权修改计划', kind: 'centralised', plannedHours: 2, plannedAttendees: 10 }],
    rowVersion: 1,
  },
  'POST /api/users/{id}/reset-password': { password: 'Reset#Pass2026' },
  'PATCH /api/enterprises/{id}': { rowVersion: 1, principalPhone: '13800000000' },
  'PATCH /api/meetings/tasks/{id}': {
    decision: '越权改派任务',
    ownerOrganisationId: '00000000-0000-4000-8000-000000000001',
    dueOn: '2026-12-31',
  },
  'PATCH /api/enterprises/{id}/users/{userId}': { disabled: true },
  'POST /api/enterprises/{id}/users': { username: 'intruder', displayName: '外人', password: 'Intrude#2026' },
  'POST /api/hazards/{id}/transitions': { action: 'start' },
  'PATCH /api/surveys/{id}': { rowVersion: 1, title: '越权修改' },
  'POST /api/surveys/{id}/sections': { title: '越权分组' },
  'POST /api/surveys/{id}/questions': {
    sectionId: '00000000-0000-4000-8000-000000000000',
    questionType: 'text',
    title: '越权题目',
  },
  'POST /api/surveys/{id}/order': { sections: [{ id: '00000000-0000-4000-8000-000000000000', questionIds: [] }] },
  'POST /api/surveys/{id}/responses/{enterpriseId}/save': { answers: {}, rowVersion: 0 },
  'POST /api/surveys/{id}/responses/{enterpriseId}/submit': { answers: {}, rowVersion: 0 },
  'POST /api/surveys/{id}/responses/{enterpriseId}/return': { reason: '越权退回' },
  'POST /api/hazards/{id}/extension': { requestedDeadline: '2100-01-01', reason: '需要更多整改时间' },
  'POST /api/hazards/{id}/extension/decision': { approve: true },
  'POST /api/hazards/{id}/listing': { level: 'park', unit: '高新区安委办', listedOn: '2026-11-23' },
  'POST /api/hazards/{id}/downgrade': { reason: '误判为重大隐患' },
  'PUT /api/hazards/{id}/stoppage': { stoppage: 'full' },
  'PUT /api/checklists/{id}': { name: '越权修改检查表', items: [{ content: '越权检查项' }] },
  'POST /api/checklists/{id}/copy': { name: '越权复制检查表' },
  'PUT /api/campaigns/{id}/checklists': { templateIds: [] },
  'PATCH /api/campaigns/{id}': { name: '越权修改检查行动' },
  'POST /api/campaigns/{id}/cancel': { reason: '越权取消检查行动' },
  'POST /api/inspections/{id}/items/{itemId}/hazard': { category: 'unsafeCondition', deadline: '2099-12-31' },
  'POST /api/inspections/{id}/signatures': {
    role: 'enterprise',
    signerName: '越权签名',
    fileId: '00000000-0000-4000-8000-000000000000',
  },
  'PATCH /api/risk/points/{id}': { version: 1, name: '越权修改' },
  'POST /api/risk/points/{id}/review': { action: 'accept', version: 1 },
  'PUT /api/risk/enterprises/{id}/override': { level: 'low', reason: '越权调整等级' },
  'POST /api/documents/{id}/reissue': { reason: '越权重新出具' },
  'PUT /api/responsibility/templates/{id}': {
    content: { title: '越权修改', preamble: '', articles: [{ title: '第一条', body: '越权条款' }], indicators: [] },
    revision: 1,
  },
  'POST /api/responsibility/templates/{id}/issue': { target: 'all' },
  'POST /api/responsibility/letters/{id}/sign': {
    signerName: '越权签署',
    signaturePng: 'data:image/png;base64,iVBORw0KGgo=',
  },
  'PUT /api/responsibility/rounds/{id}': {
    title: '越权修改',
    rubric: [{ id: 'm1', title: '越权细则', maxPoints: 100, kind: 'manual' }],
    gradeBands: { excellent: 90, good: 80, pass: 60 },
  },
  'POST /api/responsibility/rounds/{id}/self-assessment': { items: [{ itemId: 'm1', text: '越权自评' }] },
  'POST /api/responsibility/rounds/{id}/scores': {
    partyId: '00000000-0000-4000-8000-000000000000',
    scores: [{ itemId: 'm1', points: 1 }],
  },
  'POST /api/credit/enterprises/{enterpriseId}/adjustments': { points: 5, reason: '越权调整诚信分' },
  'PATCH /api/accidents/{id}': { place: '越权修改事故地点' },
  'PATCH /api/commitments/types/{id}': { graceDays: 2 },
  'PUT /api/publicity/{id}': { kind: 'other', theme: '越权修改', startsOn: '2026-11-01', endsOn: '2026-11-01' },
  'PUT /api/meetings/{id}': { kind: 'topic', heldOn: '2026-11-01', topic: '越权修改' },
  'POST /api/meetings/{id}/tasks': {
    decision: '越权追加',
    ownerOrganisationId: '00000000-0000-4000-8000-000000000000',
    dueOn: '2026-12-01',
  },
  'POST /api/meetings/tasks/{id}/progress': { state: 'done', note: '越权完成' },
  'PUT /api/funds/{id}': { purpose: 'other', amount: 1, paidOn: '2026-11-01', description: '越权修改' },
  'PATCH /api/drills/{id}': { rowVersion: 1, title: '越权修改演练名称' },
  'POST /api/drills/{id}/problems/{problemId}/hazard': { category: 'unsafeAct', deadline: '2099-12-31' },
  'PATCH /api/resumption/seasons/{id}': { rowVersion: 1, name: '越权修改批次' },
  'POST /api/resumption/{id}/resubmit': {
    plannedOn: '2099-01-01',
    contactName: '越权者',
    workforce: 1,
    checklist: [],
    rowVersion: 1,
  },
  'POST /api/resumption/{id}/decision': { action: 'confirm', checkedOn: '2025-01-01', rowVersion: 1 },
  'POST /api/guidance/{id}/follow-ups': { content: '越权追加', dueOn: '2099-01-01' },
  'POST /api/guidance/{id}/follow-ups/{followUpId}/done': { doneOn: '2025-07-01' },
  'PUT /api/fire-service/contracts/{id}': {
    title: '越权修改服务合同',
    providerId: '00000000-0000-4000-8000-000000000000',
    startsOn: '2026-01-01',
    endsOn: '2026-12-31',
    amount: 1,
    content: '越权修改服务内容',
    coversAll: true,
    rowVersion: 1,
  },
  'PUT /api/plans/{id}': {
    year: 2026,
    kind: 'other',
    title: '越权修改计划事项',
    ownerUnit: '越权单位',
    dueOn: '2026-12-31',
    rowVersion: 1,
  },
  'POST /api/plans/{id}/links': { recordKind: 'campaign', recordId: '00000000-0000-4000-8000-000000000000' },
  'POST /api/plans/{id}/campaign': { target: { enterpriseIds: [] } },
};
const SAMPLE_CREATE: Record<string, Record<string, unknown>> = {
  'hazard-sources': { name: '液氨储罐区', level: 3 },
  equipment: { equipmentType: 'boiler', name: '燃气锅炉' },
  plans: { planKind: 'onSite', title: '火灾现场处置方案' },
  certificates: { holderName: '王五', certificateType: 'welding', certificateNo: 'T1234', expiryDate: '2030-01-01' },
};
const PUBLIC = new Set(['/api/health', '/api/auth/login', '/api/auth/login/totp', '/api/auth/login/totp-setup']);

describe('data scope', () => {
  it('answers 403/404 on every id route for another enterprise, and lists only its own rows', async () => {
    const doc = (await ent.get('/api/openapi.json')).json() as { paths: Record<string, Record<string, unknown>> };
    const routes = Object.entries(doc.paths).flatMap(([p, methods]) =>
      Object.keys(methods).map((m) => ({ method: m.toUpperCase(), path: p })),
    );
    expect(routes.length).toBeGreaterThan(15);
    const checked: string[] = [];
    for (const { method, path } of routes) {
      if (PUBLIC.has(path) || path.startsWith('/api/auth/')) continue;
      const key = `${method} ${path}`;
      if (path.includes('{')) {
        for (const id of [
          other.enterprise,
          other.user,
          other.hazard,
          other.inspection,
          other.riskPoint,
          other.accident,
          other.commitment,
          other.drill,
          other.resumption,
          other.guidance,
          other.fireVisit,
        ]) {
          const url = path.replace(/\{[^}]+\}/g, id);
          const res = await ent.request(
            method as 'GET',
            url,
            method === 'GET' ? undefined : (SAMPLE_BODIES[key] ?? {}),
          );
          expect([403, 404], `${key} with ${id} gave ${res.statusCode}: ${res.body}`).toContain(res.statusCode);
        }
        checked.push(key);
      } else if (method === 'GET') {
        const res = await ent.get(path + (SAMPLE_QUERIES[key] ?? ''));
        expect([200, 403], `${key} gave ${res.statusCode}`).toContain(res.statusCode);
        if (res.statusCode === 200 && String(res.headers['content-type']).includes('spreadsheetml')) {
          // An Excel export: every cell of every sheet, read back.
          const wb = new ExcelJS.Workbook();
          await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
          const cells: string[] = [];
          wb.eachSheet((ws) => ws.eachRow((row) => cells.push(JSON.stringify(row.values))));
          expect(cells.join('\n'), `${key} leaks another enterprise`).not.toContain(other.name);
        } else if (res.statusCode === 200 && String(res.headers['content-type']).includes('json')) {
          const body = JSON.stringify(res.json());
          expect(body, `${key} leaks another enterprise`).not.toContain(other.enterprise);
        }
        checked.push(key);
      }
    }
    expect(checked).toContain('GET /api/enterprises/{id}');
    expect(checked).toContain('PATCH /api/registry/equipment/{id}');
    expect(checked).toContain('POST /api/hazards/{id}/transitions');
    expect(checked).toContain('GET /api/inspections/{id}');
    expect(checked).toContain('POST /api/inspections/{id}/items/{itemId}/hazard');
    expect(checked).toContain('PATCH /api/risk/points/{id}');
    expect(checked).toContain('GET /api/credit/enterprises/{enterpriseId}');
    expect(checked).toContain('GET /api/accidents/{id}');
    expect(checked).toContain('GET /api/commitments/{id}');
    expect(checked).toContain('POST /api/meetings/tasks/{id}/progress');
    expect(checked).toContain('GET /api/funds/');
    expect(checked).toContain('POST /api/drills/{id}/problems/{problemId}/hazard');
    expect(checked).toContain('POST /api/resumption/{id}/decision');
    expect(checked).toContain('POST /api/guidance/{id}/follow-ups/{followUpId}/done');
    expect(checked).toContain('GET /api/fire-service/visits/{id}');
    // Filters and exports cannot reach another enterprise's score, events, accidents or commitments.
    for (const url of [
      `/api/accidents?enterpriseId=${other.enterprise}`,
      `/api/commitments?enterpriseId=${other.enterprise}`,
      `/api/drills?enterpriseId=${other.enterprise}`,
      `/api/resumption?enterpriseId=${other.enterprise}`,
      `/api/guidance?enterpriseId=${other.enterprise}`,
    ]) {
      expect((await ent.get(url)).json().total, url).toBe(0);
    }
    const credit = (await ent.get('/api/credit/enterprises?pageSize=100')).json() as {
      items: { enterpriseId: string }[];
    };
    expect(credit.items.map((i) => i.enterpriseId)).toEqual([own]);
    const exported = await ent.get('/api/accidents/export');
    expect(exported.statusCode).toBe(200);
    expect(exported.rawPayload.length).toBeGreaterThan(0);
    const posted = await ent.post('/api/commitments', {
      typeId: '00000000-0000-4000-8000-000000000000',
      enterpriseId: other.enterprise,
      periodDate: '2020-01-01',
      review: [],
      commitmentText: '越权替其他企业提交的承诺内容',
      committedBy: '越权者',
    });
    // An enterprise's commitment is always its own: the enterprise named in the body is ignored, the type refused.
    expect(posted.statusCode).toBe(422);
    // Creating attached records for another enterprise is refused too.
    for (const kind of ['hazard-sources', 'equipment', 'plans', 'certificates']) {
      const res = await ent.post(`/api/registry/${kind}`, { enterpriseId: other.enterprise, ...SAMPLE_CREATE[kind] });
      expect([403, 404], `POST /api/registry/${kind} gave ${res.statusCode}: ${res.body}`).toContain(res.statusCode);
    }
    const mine = (await ent.get('/api/enterprises')).json() as { items: { id: string }[]; total: number };
    expect(mine.total).toBe(1);
    expect(mine.items[0]!.id).toBe(own);
    expect((await ent.get(`/api/enterprises/${own}`)).statusCode).toBe(200);
  });

  it("never shows another enterprise's responsibility letter, assessment result or commendation", async () => {
    // The demo's 2023 letters, published round and commendations are of other enterprises (and maybe enterprise1).
    const [letter] = await rows<{ id: string; enterprise_id: string }>(
      env.database.db,
      sql`select id, enterprise_id from responsibility_letters where enterprise_id <> ${own} and signed_at is not null limit 1`,
    );
    const [commendation] = await rows<{ id: string }>(
      env.database.db,
      sql`select id from commendations where coalesce(enterprise_id, '00000000-0000-4000-8000-000000000000') <> ${own} limit 1`,
    );
    const [round] = await rows<{ id: string }>(env.database.db, sql`select id from assessment_rounds limit 1`);
    const base = '/api/responsibility';
    for (const [method, url, body] of [
      ['GET', `${base}/letters/${letter!.id}`],
      ['GET', `${base}/letters/${letter!.id}/word`],
      ['GET', `${base}/letters/${letter!.id}/signature`],
      ['POST', `${base}/letters/${letter!.id}/verify`, {}],
      [
        'POST',
        `${base}/letters/${letter!.id}/sign`,
        { signerName: '越权签署', signaturePng: 'data:image/png;base64,iVBORw0KGgo=' },
      ],
      ['GET', `${base}/commendations/${commendation!.id}`],
      ['GET', `${base}/commendations/${commendation!.id}/certificate`],
    ] as const) {
      const res = await ent.request(method, url, body);
      expect([403, 404, 422], `${method} ${url} gave ${res.statusCode}: ${res.body}`).toContain(res.statusCode);
      expect(res.body).not.toContain(letter!.enterprise_id);
    }
    const letters = (await ent.get(`${base}/letters?year=2023&pageSize=100`)).json() as {
      items: { partyId: string }[];
    };
    expect(letters.items.every((l) => l.partyId === own)).toBe(true);
    const results = await ent.get(`${base}/rounds/${round!.id}/results`);
    expect(results.statusCode).toBe(200);
    const parties = (results.json() as { items: { partyId: string }[] }).items;
    expect(parties.every((p) => p.partyId === own)).toBe(true);
    const awards = (await ent.get(`${base}/commendations?pageSize=100`)).json() as {
      items: { enterpriseId: string }[];
    };
    expect(awards.items.every((c) => c.enterpriseId === own)).toBe(true);
  });

  it('limits an inspector to assigned enterprises and a supervisor to the park', async () => {
    const insp = await signedIn(env.app, 'inspector');
    const sup = await signedIn(env.app, 'supervisor');
    const inspTotal = ((await insp.get('/api/enterprises')).json() as { total: number }).total;
    const supTotal = ((await sup.get('/api/enterprises')).json() as { total: number }).total;
    expect(supTotal).toBe(287);
    expect(inspTotal).toBeGreaterThan(0);
    expect(inspTotal).toBeLessThan(supTotal);
  });
});

// A member department (成员单位/村居) sees its own records, the joint checks and actions it takes part in, the
// enterprises of those, and the park's public figures — nothing else (DOMAIN.md §1).
describe('department scope', () => {
  let dept: Client;
  let sup: Client;
  let deptOrg: string;
  /** Records outside the department's scope (an enterprise it has no joint work with, its records, other work). */
  let foreign: Record<string, string>;
  /** Records within it: a campaign it joins, a joint action it takes part in, and their enterprises' records. */
  let mine: Record<string, string>;

  /** Enterprises with risk points that the department has no joint work with (computed here, not by scope.ts). */
  async function unrelatedEnterprises(org: string): Promise<string[]> {
    const found = await rows<{ id: string }>(
      env.database.db,
      sql`select e.id from enterprises e
           where e.status <> 'cancelled' and exists (select 1 from risk_points p where p.enterprise_id = e.id)
             and e.id not in (select ce.enterprise_id from campaign_enterprises ce join campaigns c on c.id = ce.campaign_id
                               where ${org}::uuid = any(c.joint_departments)
                                  or ce.campaign_id in (select ci.campaign_id from campaign_inspectors ci
                                                          join users u on u.id = ci.user_id where u.organisation_id = ${org}))
             and e.id not in (select unnest(j.target_enterprise_ids) from joint_enforcement_actions j
                               where j.lead_organisation_id = ${org} or ${org}::uuid = any(j.participant_organisation_ids))
             and e.id not in (select i.enterprise_id from inspections i, users u
                               where u.organisation_id = ${org} and u.id = any(i.inspector_ids))
           order by e.name limit 3`,
    );
    return found.map((r) => r.id);
  }

  /** A hazard, an inspection, a risk point, a file, a penalty case and an equipment record of the enterprise. */
  async function recordsOf(enterpriseId: string) {
    const hazard = await sup.post('/api/hazards', {
      enterpriseId,
      description: '安全出口指示灯损坏',
      category: 'unsafeCondition',
      source: 'routine',
      deadline: '2099-12-31',
    });
    expect(hazard.statusCode, hazard.body).toBe(200);
    const inspection = await sup.post('/api/inspections', {
      enterpriseId,
      inspectedOn: '2025-06-01',
      kind: 'supervision',
      externalInspectors: ['检查组'],
    });
    expect(inspection.statusCode, inspection.body).toBe(200);
    const [point] = await rows<{ id: string }>(
      env.database.db,
      sql`select id from risk_points where enterprise_id = ${enterpriseId} limit 1`,
    );
    const png = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#3366cc' } })
      .png()
      .toBuffer();
    const file = await sup.upload({ purpose: 'evidence', enterpriseId }, 'evidence.png', png, 'image/png');
    expect(file.statusCode, file.body).toBe(200);
    const penalty = await sup.post('/api/enforcement/penalty-cases', {
      enterpriseId,
      hazardIds: [hazard.json().id],
      legalBasis: '《中华人民共和国安全生产法》有关规定',
      measures: ['warning'],
      filedOn: '2025-06-02',
    });
    expect(penalty.statusCode, penalty.body).toBe(200);
    const equipment = await sup.post('/api/registry/equipment', {
      enterpriseId,
      equipmentType: 'boiler',
      name: '燃气锅炉',
    });
    expect(equipment.statusCode, equipment.body).toBe(200);
    return {
      enterprise: enterpriseId,
      hazard: hazard.json().id as string,
      inspection: inspection.json().id as string,
      riskPoint: point!.id,
      file: file.json().id as string,
      penalty: penalty.json().id as string,
      equipment: equipment.json().id as string,
    };
  }

  beforeAll(async () => {
    sup = await signedIn(env.app, 'supervisor');
    dept = await signedIn(env.app, 'department');
    deptOrg = ((await dept.get('/api/auth/session')).json() as { me: { organisationId: string } }).me.organisationId;
    const [outside, joined, acted] = await unrelatedEnterprises(deptOrg);
    const [committee] = await rows<{ id: string }>(
      env.database.db,
      sql`select organisation_id as id from users where username = 'supervisor'`,
    );
    const campaign = (target: string, joint: string[]) =>
      sup.post('/api/campaigns', {
        name: joint.length ? '联合检查（成员单位参加）' : '管委会专项检查（成员单位未参加）',
        campaignType: 'other',
        startsOn: '2025-05-01',
        endsOn: '2025-12-31',
        jointDepartmentIds: joint,
        target: { enterpriseIds: [target] },
      });
    const action = (target: string, participants: string[]) =>
      sup.post('/api/enforcement/joint-actions', {
        actionDate: '2025-06-10',
        title: participants.length ? '联合执法（成员单位参与）' : '管委会执法行动',
        leadOrganisationId: committee!.id,
        participantOrganisationIds: participants,
        targetEnterpriseIds: [target],
        resultCounts: [{ item: '责令改正', count: 1 }],
      });
    const otherCampaign = await campaign(outside!, []);
    const otherAction = await action(outside!, []);
    const joinedCampaign = await campaign(joined!, [deptOrg]);
    const joinedAction = await action(acted!, [deptOrg]);
    for (const r of [otherCampaign, otherAction, joinedCampaign, joinedAction]) expect(r.statusCode, r.body).toBe(200);
    foreign = {
      ...(await recordsOf(outside!)),
      campaign: otherCampaign.json().id,
      jointAction: otherAction.json().id,
    };
    mine = {
      ...(await recordsOf(joined!)),
      campaign: joinedCampaign.json().id,
      jointAction: joinedAction.json().id,
      actedOn: acted!,
    };
  });

  it('answers 403/404 on every id route outside its joint work, and lists none of it', async () => {
    const doc = (await dept.get('/api/openapi.json')).json() as { paths: Record<string, Record<string, unknown>> };
    const checked: string[] = [];
    for (const [path, methods] of Object.entries(doc.paths)) {
      if (PUBLIC.has(path) || path.startsWith('/api/auth/')) continue;
      for (const method of Object.keys(methods).map((m) => m.toUpperCase())) {
        const key = `${method} ${path}`;
        if (path.includes('{')) {
          for (const id of [...Object.values(foreign), other.user]) {
            const url = path.replace(/\{[^}]+\}/g, id);
            const res = await dept.request(
              method as 'GET',
              url,
              method === 'GET' ? undefined : (SAMPLE_BODIES[key] ?? {}),
            );
            expect([403, 404], `${key} with ${id} gave ${res.statusCode}: ${res.body}`).toContain(res.statusCode);
          }
          checked.push(key);
        } else if (method === 'GET') {
          const res = await dept.get(path + (SAMPLE_QUERIES[key] ?? ''));
          expect([200, 403], `${key} gave ${res.statusCode}`).toContain(res.statusCode);
          if (res.statusCode === 200 && res.headers['content-type']?.toString().includes('json')) {
            for (const [what, id] of Object.entries(foreign)) {
              expect(res.body, `${key} leaks the foreign ${what}`).not.toContain(id);
            }
          }
          checked.push(key);
        }
      }
    }
    for (const key of [
      'GET /api/enterprises/{id}',
      'GET /api/hazards/{id}',
      'GET /api/inspections/{id}',
      'GET /api/files/{id}',
      'GET /api/risk/points/{id}',
      'GET /api/enforcement/penalty-cases/{id}',
      'GET /api/enforcement/joint-actions/{id}',
      'GET /api/campaigns/{id}',
      'GET /api/campaigns/{id}/coverage',
      'GET /api/registry/equipment/{id}',
      'GET /api/hazards',
      'GET /api/risk/map',
    ]) {
      expect(checked.map((k) => k.replace(/\/$/, ''))).toContain(key);
    }
    // Filters cannot reach outside the scope either.
    for (const url of [
      `/api/hazards?enterpriseId=${foreign.enterprise}`,
      `/api/inspections?enterpriseId=${foreign.enterprise}`,
      `/api/risk/points?enterpriseId=${foreign.enterprise}`,
      `/api/enforcement/penalty-cases?enterpriseId=${foreign.enterprise}`,
      `/api/enforcement/joint-actions?enterpriseId=${foreign.enterprise}`,
      `/api/registry/equipment?enterpriseId=${foreign.enterprise}`,
    ]) {
      const res = await dept.get(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.json().total, url).toBe(0);
    }
  });

  it('reads the joint work it takes part in, its enterprises and their records, and the park figures', async () => {
    for (const url of [
      `/api/enterprises/${mine.enterprise}`,
      `/api/enterprises/${mine.actedOn}`,
      `/api/hazards/${mine.hazard}`,
      `/api/inspections/${mine.inspection}`,
      `/api/risk/points/${mine.riskPoint}`,
      `/api/files/${mine.file}`,
      `/api/files/${mine.file}/thumb`,
      `/api/enforcement/penalty-cases/${mine.penalty}`,
      `/api/registry/equipment/${mine.equipment}`,
      `/api/campaigns/${mine.campaign}`,
      `/api/campaigns/${mine.campaign}/coverage`,
      `/api/enforcement/joint-actions/${mine.jointAction}`,
      `/api/risk/enterprises/${mine.enterprise}`,
    ]) {
      const res = await dept.get(url);
      expect(res.statusCode, `${url}: ${res.body.slice(0, 200)}`).toBe(200);
    }
    const ids = async (url: string) =>
      ((await dept.get(url)).json() as { items: { id: string }[] }).items.map((i) => i.id);
    expect(await ids(`/api/enterprises?pageSize=100`)).toEqual(expect.arrayContaining([mine.enterprise, mine.actedOn]));
    expect(await ids(`/api/hazards?enterpriseId=${mine.enterprise}`)).toContain(mine.hazard);
    expect(await ids(`/api/inspections?enterpriseId=${mine.enterprise}`)).toContain(mine.inspection);
    expect(await ids('/api/campaigns?pageSize=100')).toContain(mine.campaign);
    // The demo park's own joint action has the demo department among its units (enforcement-demo.ts): it is the
    // department's too; the committee's action without it is not.
    const actions = await ids('/api/enforcement/joint-actions?pageSize=100');
    expect(actions).toContain(mine.jointAction);
    expect(actions).not.toContain(foreign.jointAction);
    // Its enterprise list is its joint work's, not the park's; the home page's figures are the park's.
    const listed = ((await dept.get('/api/enterprises')).json() as { total: number }).total;
    const park = ((await sup.get('/api/enterprises')).json() as { total: number }).total;
    expect(listed).toBeLessThan(park);
    const home = (await dept.get('/api/home')).json() as { enterprises: { total: number } };
    expect(home.enterprises.total).toBe(park);
  });
});
