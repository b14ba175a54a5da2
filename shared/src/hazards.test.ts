import { describe, expect, it } from 'vitest';
import { availableActions, isOverdue, isRecheckOverdue, PLAN_ITEMS, recheckDueOn, refuseTransition } from './hazards';

const general = { status: 'assigned', grade: 'general', planItems: [] } as const;

describe('hazard state machine', () => {
  it('walks the closed loop: assigned → rectifying → submitted → closed', () => {
    expect(refuseTransition(general, 'start', 'enterprise', {})).toBeNull();
    expect(
      refuseTransition({ ...general, status: 'rectifying' }, 'submit', 'enterprise', { evidenceCount: 2 }),
    ).toBeNull();
    expect(refuseTransition({ ...general, status: 'submitted' }, 'recheckPass', 'inspector', {})).toBeNull();
  });

  it('refuses illegal transitions and roles with Chinese messages', () => {
    expect(refuseTransition(general, 'recheckPass', 'supervisor', {})).toMatchObject({
      code: 'HAZARD_ILLEGAL_TRANSITION',
      message: expect.stringContaining('待整改'),
    });
    expect(refuseTransition({ ...general, status: 'submitted' }, 'recheckPass', 'enterprise', {})).toMatchObject({
      code: 'HAZARD_ROLE_NOT_ALLOWED',
    });
    expect(refuseTransition({ ...general, status: 'closed' }, 'start', 'admin', {})?.code).toBe(
      'HAZARD_ILLEGAL_TRANSITION',
    );
  });

  it('refuses a role that may never take the action before looking at the state', () => {
    for (const role of ['leader', 'department'] as const) {
      for (const status of ['assigned', 'rectifying', 'submitted', 'closed'] as const) {
        for (const action of ['start', 'submit', 'recheckPass', 'recheckFail'] as const) {
          expect(refuseTransition({ ...general, status }, action, role, {})?.code).toBe('HAZARD_ROLE_NOT_ALLOWED');
        }
      }
    }
    expect(refuseTransition(general, 'recheckPass', 'enterprise', {})?.code).toBe('HAZARD_ROLE_NOT_ALLOWED');
  });

  it('requires a reason to fail a re-check and after-photos to submit', () => {
    const submitted = { ...general, status: 'submitted' } as const;
    expect(refuseTransition(submitted, 'recheckFail', 'inspector', { reason: ' ' })?.code).toBe(
      'HAZARD_REASON_REQUIRED',
    );
    expect(refuseTransition(submitted, 'recheckFail', 'inspector', { reason: '防护罩未恢复' })).toBeNull();
    expect(
      refuseTransition({ ...general, status: 'rectifying' }, 'submit', 'enterprise', { evidenceCount: 0 })?.code,
    ).toBe('HAZARD_EVIDENCE_REQUIRED');
  });

  it('keeps a major hazard from starting until all five plan items are in place', () => {
    const major = { status: 'assigned', grade: 'major', planItems: ['responsibility', 'measures'] } as const;
    const refusal = refuseTransition(major, 'start', 'enterprise', {});
    expect(refusal).toMatchObject({ code: 'HAZARD_PLAN_INCOMPLETE', missing: ['funds', 'timeLimit', 'emergencyPlan'] });
    expect(refusal?.message).toContain('资金、时限、预案');
    expect(refuseTransition({ ...major, planItems: PLAN_ITEMS }, 'start', 'enterprise', {})).toBeNull();
  });

  it('offers each role only its own next actions', () => {
    expect(availableActions({ ...general, status: 'submitted' }, 'enterprise')).toEqual([]);
    expect(availableActions({ ...general, status: 'submitted' }, 'inspector')).toEqual(['recheckPass', 'recheckFail']);
  });

  it('derives overdue from the deadline and status only', () => {
    expect(isOverdue('rectifying', '2026-11-22', '2026-11-23')).toBe(true);
    expect(isOverdue('rectifying', '2026-11-23', '2026-11-23')).toBe(false);
    expect(isOverdue('closed', '2020-01-01', '2026-11-23')).toBe(false);
    expect(isOverdue('assigned', null, '2026-11-23')).toBe(false);
  });

  it('keeps 整改逾期 the enterprise’s: a submitted hazard is not overdue whatever its deadline', () => {
    expect(isOverdue('assigned', '2026-11-22', '2026-11-23')).toBe(true);
    expect(isOverdue('submitted', '2020-01-01', '2026-11-23')).toBe(false);
  });

  it('derives 复查超时 from the submission day and the park’s allowed days', () => {
    expect(recheckDueOn('2026-11-24', 5)).toBe('2026-11-29');
    expect(recheckDueOn('2026-12-30', 5)).toBe('2027-01-04');
    expect(isRecheckOverdue('submitted', '2026-11-24', '2026-11-29', 5)).toBe(false);
    expect(isRecheckOverdue('submitted', '2026-11-24', '2026-11-30', 5)).toBe(true);
    expect(isRecheckOverdue('submitted', '2026-11-24', '2026-11-30', 10)).toBe(false);
    expect(isRecheckOverdue('closed', '2026-11-24', '2026-12-30', 5)).toBe(false);
    expect(isRecheckOverdue('submitted', null, '2026-12-30', 5)).toBe(false);
  });

  it('lets a back-filled submission (补录 of a paper ledger) come without photos', () => {
    const rectifying = { ...general, status: 'rectifying' } as const;
    expect(refuseTransition(rectifying, 'submit', 'supervisor', { evidenceCount: 0, backfill: true })).toBeNull();
    expect(refuseTransition(rectifying, 'submit', 'supervisor', { evidenceCount: 0 })?.code).toBe(
      'HAZARD_EVIDENCE_REQUIRED',
    );
  });
});
