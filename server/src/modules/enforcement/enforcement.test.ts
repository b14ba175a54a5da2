// Enforcement through the API: penalty cases (罚款 needs an amount naming the field, linked hazards must be the case's
// enterprise's, forward-only status with its dates, numbering, optimistic locking, enterprise sees only its own) and
// joint enforcement actions (units of the park, counted results and their totals, a department only its own actions).
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { penaltyProblem } from '../../../../shared/src/enforcement';
import { verifyAuditChains } from '../../platform/audit';
import { clock } from '../../platform/clock';
import { rows } from '../../platform/db';
import { type Client, createTestEnv, signedIn, type TestEnv } from '../../testing/harness';

let env: TestEnv;
let sup: Client;
let ent1: Client;
let ent1Id: string;
let ent2Id: string;
let hazard1: string;
let hazard2: string;

type Err = { error: { code: string; message: string; fields?: Record<string, string> } };
type Case = {
  id: string;
  caseNo: string;
  status: string;
  fineAmount: number | null;
  rowVersion: number;
  hazards: { id: string; serial: string }[];
  enterpriseId: string;
};
const err = (res: { json(): unknown }) => (res.json() as Err).error;

async function makeHazard(enterpriseId: string) {
  const res = await sup.post('/api/hazards', {
    enterpriseId,
    description: '未按规定对特种设备进行定期检验',
    category: 'managementDefect',
    source: 'specialised',
    deadline: '2026-12-31',
  });
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as { id: string }).id;
}

beforeAll(async () => {
  clock.set(new Date('2026-11-23T02:00:00Z'));
  env = await createTestEnv();
  sup = await signedIn(env.app, 'supervisor');
  ent1 = await signedIn(env.app, 'enterprise1');
  const me = (c: Client) => c.get('/api/auth/session').then((r) => (r.json() as { me: { enterpriseId: string } }).me);
  ent1Id = (await me(ent1)).enterpriseId;
  ent2Id = (await me(await signedIn(env.app, 'enterprise2'))).enterpriseId;
  hazard1 = await makeHazard(ent1Id);
  hazard2 = await makeHazard(ent2Id);
});
afterAll(async () => {
  clock.reset();
  await env?.close();
});

const fined = () => ({
  enterpriseId: ent1Id,
  hazardIds: [hazard1],
  legalBasis: '《中华人民共和国安全生产法》有关规定',
  measures: ['warning', 'fine'],
  fineAmount: 20000,
  filedOn: '2026-11-20',
});

describe('penalty cases', () => {
  it('requires the fine amount with 罚款 and names the field', async () => {
    const { fineAmount: _, ...noAmount } = fined();
    const res = await sup.post('/api/enforcement/penalty-cases', noAmount);
    expect([400, 422]).toContain(res.statusCode);
    expect(err(res).code).toBe('PENALTY_FINE_AMOUNT_REQUIRED');
    expect(err(res).fields).toHaveProperty('fineAmount');
    expect(err(res).message).toContain('罚款金额');

    const stray = await sup.post('/api/enforcement/penalty-cases', { ...fined(), measures: ['warning'] });
    expect(stray.statusCode).toBe(422);
    expect(err(stray).fields).toHaveProperty('fineAmount');

    const cents = await sup.post('/api/enforcement/penalty-cases', { ...fined(), fineAmount: 100.005 });
    expect(cents.statusCode).toBe(400);
    expect(err(cents).fields).toHaveProperty('fineAmount');
    const none = await sup.post('/api/enforcement/penalty-cases', { ...fined(), measures: [] });
    expect(none.statusCode).toBe(400);
    expect(err(none).fields).toHaveProperty('measures');
    const unknown = await sup.post('/api/enforcement/penalty-cases', { ...fined(), measures: ['jail'] });
    expect(unknown.statusCode).toBe(400);
  });

  it('refuses a hazard of another enterprise (422) and an enterprise out of scope', async () => {
    const res = await sup.post('/api/enforcement/penalty-cases', { ...fined(), hazardIds: [hazard1, hazard2] });
    expect(res.statusCode).toBe(422);
    expect(err(res).code).toBe('PENALTY_HAZARD_NOT_OF_ENTERPRISE');
    expect(err(res).fields).toHaveProperty('hazardIds');
    const ghost = await sup.post('/api/enforcement/penalty-cases', {
      ...fined(),
      hazardIds: ['00000000-0000-4000-8000-000000000001'],
    });
    expect(ghost.statusCode).toBe(422);
    const byEnterprise = await ent1.post('/api/enforcement/penalty-cases', fined());
    expect(byEnterprise.statusCode).toBe(403);
  });

  it('files with a generated case number, advances forward only with the stage dates, and locks optimistically', async () => {
    const res = await sup.post('/api/enforcement/penalty-cases', fined());
    expect(res.statusCode, res.body).toBe(200);
    const c = res.json() as Case;
    expect(c).toMatchObject({ status: 'filed', fineAmount: 20000, rowVersion: 1 });
    expect(c.caseNo).toMatch(/^高新安监罚〔2026〕\d{4}号$/);
    expect(c.hazards.map((h) => h.id)).toEqual([hazard1]);
    const second = (await sup.post('/api/enforcement/penalty-cases', fined())).json() as Case;
    const n = (s: string) => Number(/〔2026〕(\d{4})号/.exec(s)![1]);
    expect(n(second.caseNo)).toBe(n(c.caseNo) + 1);

    const url = `/api/enforcement/penalty-cases/${c.id}`;
    const noDate = await sup.patch(url, { status: 'decided' });
    expect(noDate.statusCode).toBe(422);
    expect(err(noDate).fields).toHaveProperty('decidedOn');
    const early = await sup.patch(url, { status: 'decided', decidedOn: '2026-11-19' });
    expect(early.statusCode).toBe(422);
    expect(err(early).code).toBe('PENALTY_DATE_ORDER');
    const future = await sup.patch(url, { status: 'decided', decidedOn: '2026-12-01' });
    expect(future.statusCode).toBe(422);
    const decided = await sup.patch(url, { status: 'decided', decidedOn: '2026-11-22', rowVersion: 1 });
    expect(decided.statusCode, decided.body).toBe(200);
    expect(decided.json()).toMatchObject({ status: 'decided', decidedOn: '2026-11-22', rowVersion: 2 });
    const stale = await sup.patch(url, { note: '过期的版本', rowVersion: 1 });
    expect(stale.statusCode).toBe(409);
    const back = await sup.patch(url, { status: 'filed', decidedOn: null });
    expect(back.statusCode).toBe(409);
    expect(err(back).code).toBe('PENALTY_STATUS_BACKWARDS');
    const clearFine = await sup.patch(url, { fineAmount: null });
    expect(clearFine.statusCode).toBe(422);
    expect(err(clearFine).fields).toHaveProperty('fineAmount');

    const closed = await sup.patch(url, {
      status: 'closed',
      executedOn: '2026-11-23',
      closedOn: '2026-11-23',
      fineAmount: 15000.5,
    });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({ status: 'closed', fineAmount: 15000.5 });
    const afterClose = await sup.patch(url, { note: '补充' });
    expect(afterClose.statusCode).toBe(409);

    const dup = await sup.post('/api/enforcement/penalty-cases', { ...fined(), caseNo: c.caseNo });
    expect(dup.statusCode).toBe(409);
    expect(err(dup).fields).toHaveProperty('caseNo');
  });

  it('lists with filters and fine totals; an enterprise reads only its own cases', async () => {
    const other = await sup.post('/api/enforcement/penalty-cases', {
      enterpriseId: ent2Id,
      hazardIds: [hazard2],
      legalBasis: '有关安全生产法律法规',
      measures: ['suspension'],
      filedOn: '2026-11-21',
      caseNo: '高新安监罚〔2026〕9001号',
    });
    expect(other.statusCode, other.body).toBe(200);
    const otherId = (other.json() as Case).id;

    // The demo park's cases (filed mid-year, enforcement-demo.ts) are left out by the date filter.
    const all = (await sup.get('/api/enforcement/penalty-cases?pageSize=100&filedFrom=2026-11-01')).json() as {
      items: Case[];
      total: number;
      fineTotal: number;
    };
    expect(all.total).toBe(3);
    expect(all.fineTotal).toBe(20000 + 15000.5);
    const fines = (await sup.get('/api/enforcement/penalty-cases?measure=fine&filedFrom=2026-11-01')).json() as {
      total: number;
    };
    expect(fines.total).toBe(2);
    const byHazard = (await sup.get(`/api/enforcement/penalty-cases?hazardId=${hazard2}`)).json() as {
      items: Case[];
    };
    expect(byHazard.items.map((i) => i.id)).toEqual([otherId]);
    const closed = (await sup.get('/api/enforcement/penalty-cases?status=closed&filedFrom=2026-11-01')).json() as {
      total: number;
    };
    expect(closed.total).toBe(1);

    const mine = (await ent1.get('/api/enforcement/penalty-cases?pageSize=100&filedFrom=2026-11-01')).json() as {
      items: Case[];
    };
    expect(mine.items.length).toBe(2);
    expect(mine.items.every((i) => i.enterpriseId === ent1Id)).toBe(true);
    expect((await ent1.get(`/api/enforcement/penalty-cases/${otherId}`)).statusCode).toBe(404);
    expect((await ent1.patch(`/api/enforcement/penalty-cases/${otherId}`, { note: 'x' })).statusCode).toBe(403);
    const theirs = (await ent1.get(`/api/enforcement/penalty-cases?enterpriseId=${ent2Id}`)).json() as {
      total: number;
    };
    expect(theirs.total).toBe(0);
  });

  it('checks a whole case in one pure rule (shared with the console)', () => {
    const base = {
      measures: ['warning'] as const,
      fineAmount: null,
      filedOn: '2026-11-01',
      decidedOn: null,
      executedOn: null,
      closedOn: null,
      status: 'filed' as const,
    };
    expect(penaltyProblem({ ...base, measures: ['warning'] }, '2026-11-23')).toBeNull();
    expect(penaltyProblem({ ...base, measures: ['warning'], decidedOn: '2026-11-02' }, '2026-11-23')?.code).toBe(
      'PENALTY_STAGE_DATE_EARLY',
    );
    expect(
      penaltyProblem(
        { ...base, measures: ['warning'], status: 'executed', decidedOn: '2026-11-05', executedOn: '2026-11-04' },
        '2026-11-23',
      )?.field,
    ).toBe('executedOn');
    expect(penaltyProblem({ ...base, measures: ['warning'], filedOn: '2026-11-24' }, '2026-11-23')?.field).toBe(
      'filedOn',
    );
  });
});

describe('joint enforcement actions', () => {
  let units: Record<string, string>;

  beforeAll(async () => {
    const found = await rows<{ id: string; name: string; kind: string }>(
      env.database.db,
      sql`select id, name, kind from organisations where kind in ('committee', 'department', 'village') order by name`,
    );
    const by = (re: RegExp) => found.find((o) => re.test(o.name))!.id;
    units = {
      committee: found.find((o) => o.kind === 'committee')!.id,
      market: by(/市场监督管理/),
      fire: by(/消防救援/),
      enforcement: by(/综合行政执法/),
    };
  });

  const action = () => ({
    actionDate: '2026-11-18',
    title: '打击非法加油车（点）联合执法行动',
    leadOrganisationId: units.enforcement,
    participantOrganisationIds: [units.market, units.fire, units.enforcement],
    targetEnterpriseIds: [ent1Id],
    results: '出动执法人员 24 人次，检查点位 12 处。',
    resultCounts: [
      { item: '打击取缔非法加油车（点）', count: 3, unit: '起' },
      { item: '查扣非法储油容器', count: 5, unit: '个' },
    ],
  });

  it('records an action with its units, targets and counted results, and sums the results', async () => {
    const res = await sup.post('/api/enforcement/joint-actions', action());
    expect(res.statusCode, res.body).toBe(200);
    const a = res.json() as {
      id: string;
      leadOrganisation: { name: string };
      participants: { id: string; name: string }[];
      targetEnterprises: { id: string }[];
      resultSummary: string[];
      rowVersion: number;
    };
    expect(a.leadOrganisation.name).toMatch(/综合行政执法队/);
    expect(a.participants.map((p) => p.id)).toEqual([units.market, units.fire]); // the lead is not repeated
    expect(a.resultSummary).toEqual(['打击取缔非法加油车（点）3起', '查扣非法储油容器5个']);

    await sup.post('/api/enforcement/joint-actions', {
      ...action(),
      actionDate: '2026-11-20',
      targetEnterpriseIds: [],
      resultCounts: [{ item: '打击取缔非法加油车（点）', count: 2 }],
    });
    // The demo park's own joint action (mid-year, enforcement-demo.ts) is left out by the date filter.
    const list = (await sup.get('/api/enforcement/joint-actions?from=2026-11-01')).json() as {
      total: number;
      items: { actionDate: string }[];
      totals: { item: string; unit: string; count: number }[];
    };
    expect(list.total).toBe(2);
    expect(list.items[0]!.actionDate).toBe('2026-11-20');
    expect(list.totals).toContainEqual({ item: '打击取缔非法加油车（点）', unit: '起', count: 5 });
    const byTarget = (await sup.get(`/api/enforcement/joint-actions?enterpriseId=${ent1Id}`)).json() as {
      total: number;
    };
    expect(byTarget.total).toBe(1);
    const byUnit = (
      await sup.get(`/api/enforcement/joint-actions?organisationId=${units.fire}&from=2026-11-01`)
    ).json() as {
      total: number;
    };
    expect(byUnit.total).toBe(2);

    const updated = await sup.patch(`/api/enforcement/joint-actions/${a.id}`, {
      resultCounts: [{ item: '打击取缔非法加油车（点）', count: 4, unit: '起' }],
      rowVersion: 1,
    });
    expect(updated.statusCode, updated.body).toBe(200);
    expect(updated.json()).toMatchObject({ resultSummary: ['打击取缔非法加油车（点）4起'], rowVersion: 2 });
    expect(
      (await sup.patch(`/api/enforcement/joint-actions/${a.id}`, { title: '再改', rowVersion: 1 })).statusCode,
    ).toBe(409);

    // The single target enterprise's history shows the action.
    const history = (await sup.get(`/api/enterprises/${ent1Id}/history?pageSize=100`)).json() as {
      items: { action: string }[];
    };
    expect(history.items.map((i) => i.action)).toEqual(
      expect.arrayContaining(['jointAction.create', 'jointAction.update', 'penaltyCase.create', 'penaltyCase.update']),
    );
  });

  it('refuses units and targets that are not the park’s, and lets a department record only its own actions', async () => {
    const asLead = await sup.post('/api/enforcement/joint-actions', { ...action(), leadOrganisationId: ent1Id });
    expect(asLead.statusCode).toBe(422);
    expect(err(asLead).fields).toHaveProperty('leadOrganisationId');
    const badTarget = await sup.post('/api/enforcement/joint-actions', {
      ...action(),
      targetEnterpriseIds: [units.market],
    });
    expect(badTarget.statusCode).toBe(422);
    expect(err(badTarget).fields).toHaveProperty('targetEnterpriseIds');
    const noTitle = await sup.post('/api/enforcement/joint-actions', { ...action(), title: '' });
    expect(noTitle.statusCode).toBe(400);
    const negative = await sup.post('/api/enforcement/joint-actions', {
      ...action(),
      resultCounts: [{ item: '打击取缔非法加油车（点）', count: -1 }],
    });
    expect(negative.statusCode).toBe(400);

    const dept = await signedIn(env.app, 'department');
    const [deptOrg] = await rows<{ organisation_id: string }>(
      env.database.db,
      sql`select organisation_id from users where username = 'department'`,
    );
    const own = deptOrg!.organisation_id;
    const notMine = await dept.post('/api/enforcement/joint-actions', {
      ...action(),
      leadOrganisationId: units.committee,
      participantOrganisationIds: [units.market, units.fire, units.enforcement].filter((u) => u !== own),
    });
    expect(notMine.statusCode).toBe(403);
    const mine = await dept.post('/api/enforcement/joint-actions', {
      ...action(),
      leadOrganisationId: units.committee,
      participantOrganisationIds: [own],
    });
    expect(mine.statusCode, mine.body).toBe(200);
    const id = (mine.json() as { id: string }).id;
    const leaveOut = await dept.patch(`/api/enforcement/joint-actions/${id}`, { participantOrganisationIds: [] });
    expect(leaveOut.statusCode).toBe(403);

    const ent = await ent1.get('/api/enforcement/joint-actions');
    expect(ent.statusCode).toBe(403);
    expect((await ent1.get(`/api/enforcement/joint-actions/${id}`)).statusCode).toBe(403);
    expect((await verifyAuditChains(env.database.db)).ok).toBe(true);
  });
});
