// Walks every route of the OpenAPI document as enterprise1, with the ids of another enterprise (its record, its
// organisation, its user): every route that takes an id must answer 403 or 404, and every list only its own rows.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestEnv, signedIn, type TestEnv } from '../testing/harness';
import { rows } from './db';

let env: TestEnv;
let ent: Client;
let own: string;
let other: { enterprise: string; user: string; hazard: string; inspection: string; riskPoint: string };

beforeAll(async () => {
  env = await createTestEnv();
  ent = await signedIn(env.app, 'enterprise1');
  own = ((await ent.get('/api/auth/session')).json() as { me: { enterpriseId: string } }).me.enterpriseId;
  const [o] = await rows<{ enterprise: string; user: string }>(
    env.database.db,
    sql`select u.organisation_id as enterprise, u.id as user from users u where u.username = 'enterprise2'`,
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
    checklistTemplateId: (checklist.json() as { id: string }).id,
    items: [{ itemId: items[0]!.id, result: 'fail' }],
  });
  expect(inspection.statusCode, inspection.body).toBe(200);
  // And a risk point of the other enterprise (risk routes take risk point ids).
  const [point] = await rows<{ id: string }>(
    env.database.db,
    sql`select id from risk_points where enterprise_id = ${o!.enterprise} limit 1`,
  );
  other = {
    ...o!,
    hazard: (hazard.json() as { id: string }).id,
    inspection: (inspection.json() as { id: string }).id,
    riskPoint: point!.id,
  };
});
afterAll(async () => {
  await env?.close();
});

const SAMPLE_BODIES: Record<string, unknown> = {
  'POST /api/users/{id}/reset-password': { password: 'Reset#Pass2026' },
  'PATCH /api/enterprises/{id}': { rowVersion: 1, principalPhone: '13800000000' },
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
  'POST /api/inspections/{id}/items/{itemId}/hazard': { category: 'unsafeCondition', deadline: '2099-12-31' },
  'POST /api/inspections/{id}/signatures': {
    role: 'enterprise',
    signerName: '越权签名',
    fileId: '00000000-0000-4000-8000-000000000000',
  },
  'PATCH /api/risk/points/{id}': { version: 1, name: '越权修改' },
  'POST /api/risk/points/{id}/review': { action: 'accept', version: 1 },
  'PUT /api/risk/enterprises/{id}/override': { level: 'low', reason: '越权调整等级' },
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
        for (const id of [other.enterprise, other.user, other.hazard, other.inspection, other.riskPoint]) {
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
        const res = await ent.get(path);
        expect([200, 403], `${key} gave ${res.statusCode}`).toContain(res.statusCode);
        if (res.statusCode === 200) {
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
