// Work resumption: the shared state machine; an 在营 enterprise cannot apply nor be confirmed (nothing half-saved);
// required items and evidence; returned once, resubmitted, confirmed after the on-site check — the enterprise 在营
// again, audited in the same transaction; data scope; the season's counts (the demo's 41 of 2023).
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_RESUMPTION_CHECKLIST,
  nextResumptionState,
  type ResumptionDetail,
  resumptionActions,
  type SeasonView,
} from '../../../../shared/src/resumption';
import { clock } from '../../platform/clock';
import { rows } from '../../platform/db';
import { type Client, createTestEnv, signedIn, type TestEnv } from '../../testing/harness';

describe('resumption state machine', () => {
  it('allows submit → return → resubmit → confirm and nothing else', () => {
    expect(nextResumptionState('submitted', 'return')).toBe('returned');
    expect(nextResumptionState('returned', 'resubmit')).toBe('submitted');
    expect(nextResumptionState('submitted', 'confirm')).toBe('confirmed');
    expect(nextResumptionState('returned', 'confirm')).toBeNull();
    expect(nextResumptionState('confirmed', 'return')).toBeNull();
    expect(nextResumptionState('confirmed', 'resubmit')).toBeNull();
    expect(resumptionActions('submitted', 'supervisor')).toEqual(['return', 'confirm']);
    expect(resumptionActions('submitted', 'enterprise')).toEqual([]);
    expect(resumptionActions('returned', 'enterprise')).toEqual(['resubmit']);
    expect(resumptionActions('confirmed', 'supervisor')).toEqual([]);
  });
});

let env: TestEnv;
let sup: Client;
let ent1: Client;
let ent2: Client;
let ent1Id: string;
let season: SeasonView;
type Err = { error: { code: string; message: string; fields?: Record<string, string> } };

const idOf = async (c: Client) =>
  ((await c.get('/api/auth/session')).json() as { me: { enterpriseId: string } }).me.enterpriseId;

async function setStatus(id: string, status: string) {
  const e = (await sup.get(`/api/enterprises/${id}`)).json() as { rowVersion: number };
  const res = await sup.patch(`/api/enterprises/${id}`, { status, rowVersion: e.rowVersion });
  expect(res.statusCode, res.body).toBe(200);
}
const statusOf = async (id: string) => ((await sup.get(`/api/enterprises/${id}`)).json() as { status: string }).status;

beforeAll(async () => {
  clock.set(new Date('2026-11-23T02:00:00Z'));
  env = await createTestEnv();
  sup = await signedIn(env.app, 'supervisor');
  ent1 = await signedIn(env.app, 'enterprise1');
  ent2 = await signedIn(env.app, 'enterprise2');
  ent1Id = await idOf(ent1);
  const seasons = (await sup.get('/api/resumption/seasons')).json() as SeasonView[];
  season = seasons.find((s) => s.name.startsWith('2026'))!;
});
afterAll(async () => {
  clock.reset();
  await env?.close();
});

describe('resumption through the API', () => {
  it("counts the demo's 2023 season: 41 confirmed, some returned first", async () => {
    const seasons = (await sup.get('/api/resumption/seasons')).json() as SeasonView[];
    const s2023 = seasons.find((s) => s.name === '2023 春节后复工复产')!;
    expect(s2023.counts).toMatchObject({ total: 41, confirmed: 41, pending: 0, returned: 0 });
    expect(s2023.counts.returnedBeforeConfirmed).toBeGreaterThan(0);
    expect(season.counts.pending).toBeGreaterThan(0);
    expect(season.counts.returned).toBe(1);
  });

  let inspectionId: string;
  let trainingId: string;
  const apply = (over: Record<string, unknown> = {}) =>
    ent1.post('/api/resumption', {
      seasonId: season.id,
      plannedOn: '2026-11-30',
      contactName: '刘安全',
      contactPhone: '13912340001',
      workforce: 80,
      checklist: DEFAULT_RESUMPTION_CHECKLIST.map((c) => ({
        key: c.key,
        done: true,
        ...(c.evidence === 'inspection' ? { evidenceKind: 'inspection', evidenceId: inspectionId } : {}),
        ...(c.evidence === 'training' ? { evidenceKind: 'training', evidenceId: trainingId } : {}),
      })),
      ...over,
    });

  it("refuses an 在营 enterprise, an undone required item and a training link that is not the enterprise's", async () => {
    const trainingBody = (title: string) => ({
      kind: 'centralised',
      title,
      occurredOn: '2026-11-18',
      organiserKind: 'enterprise',
      trainer: '安全总监',
      hours: 2,
      attendees: [],
    });
    const own = await ent1.post('/api/training/sessions', trainingBody('复工前全员安全生产培训'));
    expect(own.statusCode, own.body).toBe(200);
    trainingId = (own.json() as { id: string }).id;
    const theirs = await ent2.post('/api/training/sessions', trainingBody('另一企业的复工培训'));
    expect(theirs.statusCode, theirs.body).toBe(200);
    const theirId = (theirs.json() as { id: string }).id;
    const self = await ent1.post('/api/inspections', {
      enterpriseId: ent1Id,
      inspectedOn: '2026-11-20',
      kind: 'selfInspection',
      externalInspectors: ['刘安全'],
      summary: '复工前全面隐患排查',
    });
    expect(self.statusCode, self.body).toBe(200);
    inspectionId = (self.json() as { id: string }).id;

    expect(await statusOf(ent1Id)).toBe('operating');
    const operating = await apply();
    expect(operating.statusCode).toBe(409);
    expect((operating.json() as Err).error.code).toBe('RESUMPTION_NOT_SUSPENDED');
    expect((operating.json() as Err).error.message).toContain('在营');

    await setStatus(ent1Id, 'suspended');
    const notDone = await apply({
      checklist: DEFAULT_RESUMPTION_CHECKLIST.map((c) => ({
        key: c.key,
        done: c.key !== 'staff-training',
        ...(c.evidence === 'inspection' ? { evidenceKind: 'inspection', evidenceId: inspectionId } : {}),
      })),
    });
    expect(notDone.statusCode).toBe(422);
    expect((notDone.json() as Err).error.fields).toHaveProperty(['checklist.1.done']);
    const training = await apply({
      checklist: DEFAULT_RESUMPTION_CHECKLIST.map((c) => ({
        key: c.key,
        done: true,
        ...(c.evidence === 'training' ? { evidenceKind: 'training', evidenceId: inspectionId } : {}),
        ...(c.evidence === 'inspection' ? { evidenceKind: 'inspection', evidenceId: inspectionId } : {}),
      })),
    });
    // An inspection's id is no training session; another enterprise's session is not this enterprise's training.
    expect(training.statusCode).toBe(422);
    expect((training.json() as Err).error).toMatchObject({ code: 'REFERENCE_INVALID' });
    expect((training.json() as Err).error.fields?.['checklist.1.evidenceId']).toContain('不是本企业的培训');
    const foreign = await apply({
      checklist: DEFAULT_RESUMPTION_CHECKLIST.map((c) => ({
        key: c.key,
        done: true,
        ...(c.evidence === 'training' ? { evidenceKind: 'training', evidenceId: theirId } : {}),
        ...(c.evidence === 'inspection' ? { evidenceKind: 'inspection', evidenceId: inspectionId } : {}),
      })),
    });
    expect(foreign.statusCode).toBe(422);
    expect((foreign.json() as Err).error.fields).toHaveProperty(['checklist.1.evidenceId']);
    const noEvidence = await apply({
      checklist: DEFAULT_RESUMPTION_CHECKLIST.map((c) => ({ key: c.key, done: true })),
    });
    expect(noEvidence.statusCode).toBe(422);
    expect((noEvidence.json() as Err).error.fields).toHaveProperty(['checklist.0.evidenceId']);
    const [n] = await rows<{ n: number }>(
      env.database.db,
      sql`select count(*)::int as n from resumption_applications where enterprise_id = ${ent1Id}`,
    );
    expect(n!.n).toBe(0);
  });

  it('is returned once with reasons, resubmitted, then confirmed after the on-site check: 在营 again, audited', async () => {
    const applied = await apply();
    expect(applied.statusCode, applied.body).toBe(200);
    const a = applied.json() as ResumptionDetail;
    expect(a).toMatchObject({ state: 'submitted', priorStatus: 'suspended', enterpriseStatus: 'suspended' });
    expect(a.checklist[0]!.evidenceLabel).toContain('企业自查');
    expect(a.checklist[1]).toMatchObject({ evidenceKind: 'training', evidenceId: trainingId });
    expect(a.checklist[1]!.evidenceLabel).toBe('2026-11-18 复工前全员安全生产培训');
    // The contact phone is stored sealed (SM4) and answered masked (platform/personal-data.ts).
    expect(a.contactPhone).toBe('139****0001');
    const [stored] = await rows<{ contact_phone: string }>(
      env.database.db,
      sql`select contact_phone from resumption_applications where id = ${a.id}`,
    );
    expect(stored!.contact_phone).toMatch(/^sm4:/);
    expect((await apply()).statusCode).toBe(409);
    // Scope: another enterprise neither sees nor decides it.
    expect((await ent2.get(`/api/resumption/${a.id}`)).statusCode).toBe(404);
    const theirs = (await ent2.get('/api/resumption?pageSize=100')).json() as { items: { id: string }[] };
    expect(theirs.items.map((i) => i.id)).not.toContain(a.id);
    expect((await ent1.post(`/api/resumption/${a.id}/decision`, { action: 'confirm', rowVersion: 1 })).statusCode).toBe(
      403,
    );

    const noReason = await sup.post(`/api/resumption/${a.id}/decision`, { action: 'return', rowVersion: a.rowVersion });
    expect(noReason.statusCode).toBe(422);
    expect((noReason.json() as Err).error.fields).toHaveProperty('opinion');
    const returned = await sup.post(`/api/resumption/${a.id}/decision`, {
      action: 'return',
      opinion: '未附隐患整改照片',
      rowVersion: a.rowVersion,
    });
    expect(returned.statusCode, returned.body).toBe(200);
    const r = returned.json() as ResumptionDetail;
    expect(r).toMatchObject({ state: 'returned', returns: 1, lastOpinion: '未附隐患整改照片' });
    const confirmReturned = await sup.post(`/api/resumption/${a.id}/decision`, {
      action: 'confirm',
      checkedOn: '2026-11-22',
      rowVersion: r.rowVersion,
    });
    expect(confirmReturned.statusCode).toBe(409);
    expect((confirmReturned.json() as Err).error.code).toBe('RESUMPTION_STATE');

    const resubmit = (contactPhone: string) =>
      ent1.post(`/api/resumption/${a.id}/resubmit`, {
        plannedOn: '2026-12-01',
        contactName: '刘安全',
        contactPhone,
        workforce: 80,
        checklist: DEFAULT_RESUMPTION_CHECKLIST.map((c) => ({
          key: c.key,
          done: true,
          ...(c.evidence === 'inspection' ? { evidenceKind: 'inspection', evidenceId: inspectionId } : {}),
        })),
        rowVersion: r.rowVersion,
      });
    // The form shows the mask: another mask is refused by name (and nothing is saved).
    const otherMask = await resubmit('139****0000');
    expect(otherMask.statusCode).toBe(422);
    expect((otherMask.json() as Err).error).toMatchObject({ code: 'PERSONAL_DATA_MASKED_VALUE' });
    expect((otherMask.json() as Err).error.fields).toHaveProperty('contactPhone');
    const resubmitted = await ent1.post(`/api/resumption/${a.id}/resubmit`, {
      plannedOn: '2026-12-01',
      contactName: '刘安全',
      contactPhone: '139****0001', // left as the form showed it: the stored number is kept
      workforce: 80,
      checklist: DEFAULT_RESUMPTION_CHECKLIST.map((c) => ({
        key: c.key,
        done: true,
        note: c.evidence === 'inspection' ? '已补充整改照片' : null,
        ...(c.evidence === 'inspection' ? { evidenceKind: 'inspection', evidenceId: inspectionId } : {}),
      })),
      rowVersion: r.rowVersion,
    });
    expect(resubmitted.statusCode, resubmitted.body).toBe(200);
    const s = resubmitted.json() as ResumptionDetail;
    const noCheck = await sup.post(`/api/resumption/${a.id}/decision`, { action: 'confirm', rowVersion: s.rowVersion });
    expect(noCheck.statusCode).toBe(422);
    expect((noCheck.json() as Err).error.fields).toHaveProperty('checkedOn');
    const confirmed = await sup.post(`/api/resumption/${a.id}/decision`, {
      action: 'confirm',
      checkedOn: '2026-11-23',
      opinion: '现场核查合格',
      rowVersion: s.rowVersion,
    });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    const c = confirmed.json() as ResumptionDetail;
    expect(c).toMatchObject({ state: 'confirmed', enterpriseStatus: 'operating', checkedOn: '2026-11-23' });
    expect(c.events.map((e) => e.action)).toEqual(['submit', 'return', 'resubmit', 'confirm']);
    const shown = await sup.post('/api/personal-data/reveal', {
      entityType: 'resumption',
      id: a.id,
      field: 'contactPhone',
      reason: '现场核查前联系企业',
    });
    expect(shown.json()).toEqual({ value: '13912340001' });
    expect(await statusOf(ent1Id)).toBe('operating');
    const audit = await rows<{ action: string; after: { status?: string } }>(
      env.database.db,
      sql`select action, after from audit_log where entity_id = ${ent1Id} and action = 'enterprise.statusChange'`,
    );
    expect(audit).toHaveLength(1);
    expect(audit[0]!.after.status).toBe('operating');
  });

  it('refuses to confirm for an enterprise that is 在营 by then, leaving the application as it was', async () => {
    const [pending] = await rows<{ id: string; enterprise_id: string; row_version: number }>(
      env.database.db,
      sql`select id, enterprise_id, row_version from resumption_applications where season_id = ${season.id} and state = 'submitted' limit 1`,
    );
    await setStatus(pending!.enterprise_id, 'operating');
    const res = await sup.post(`/api/resumption/${pending!.id}/decision`, {
      action: 'confirm',
      checkedOn: '2026-11-23',
      rowVersion: pending!.row_version,
    });
    expect(res.statusCode).toBe(409);
    expect((res.json() as Err).error).toMatchObject({ code: 'RESUMPTION_NOT_SUSPENDED' });
    const after = (await sup.get(`/api/resumption/${pending!.id}`)).json() as ResumptionDetail;
    expect(after.state).toBe('submitted');
    expect(after.events.map((e) => e.action)).toEqual(['submit']);
  });

  it('lets the office edit the checklist of a season (unique keys) and exports the list', async () => {
    const dup = await sup.patch(`/api/resumption/seasons/${season.id}`, {
      checklist: [
        { key: 'a', label: '条目一', evidence: 'none' },
        { key: 'a', label: '条目二', evidence: 'none' },
      ],
      rowVersion: season.rowVersion,
    });
    expect(dup.statusCode).toBe(422);
    const edited = await sup.patch(`/api/resumption/seasons/${season.id}`, {
      checklist: [
        ...DEFAULT_RESUMPTION_CHECKLIST,
        { key: 'covid', label: '疫情防控措施落实', evidence: 'none', required: false },
      ],
      rowVersion: season.rowVersion,
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect((edited.json() as SeasonView).checklist).toHaveLength(DEFAULT_RESUMPTION_CHECKLIST.length + 1);
    expect((await ent1.patch(`/api/resumption/seasons/${season.id}`, { rowVersion: 2 })).statusCode).toBe(403);
    const file = await sup.get(`/api/resumption/export?seasonId=${season.id}`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toContain('spreadsheetml');
    // Contact phones: in full for the committee, masked for an enterprise; the notes say which.
    const cells = async (payload: unknown) => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(payload as never);
      const out: string[] = [];
      wb.eachSheet((ws) => ws.eachRow((row) => out.push(JSON.stringify(row.values))));
      return out.join('\n');
    };
    const full = await cells(file.rawPayload);
    expect(full).toContain('13912340001');
    expect(full).toContain('未脱敏');
    const own = await ent1.get(`/api/resumption/export?seasonId=${season.id}`);
    expect(own.statusCode).toBe(200);
    const masked = await cells(own.rawPayload);
    expect(masked).toContain('139****0001');
    expect(masked).not.toContain('13912340001');
    expect(masked).toContain('已脱敏');
  });
});
