// The deadline sweep: due-soon and overdue notifications, derived from the hazards' deadlines at the platform clock's
// "today" (Asia/Shanghai). Idempotent by dedupe key (kind, hazard, deadline): however often it runs, in however many
// processes, each recipient hears once per deadline — and again only if an approved extension sets a new one.
// Two deadlines, two addressees: the rectification deadline of a hazard not yet submitted (整改逾期) is the
// enterprise's (and its supervisors'); the re-check limit of a submitted one (复查超时) is the office's, so it goes to
// the supervisors only (dedupe key: kind, hazard, submission day — a resubmission is heard again).
import { recheckDueOn } from '../../../../shared/src/hazards';
import { DUE_SOON_NOTICE_DAYS, RECHECK_DUE_SOON_DAYS } from '../../../../shared/src/notifications';
import { shanghaiToday } from '../../../../shared/src/validators';
import { now } from '../../platform/clock';
import type { Db } from '../../platform/db';
import { addDays, messages } from './messages';
import * as repo from './repository';

/**
 * Overdue notices are raised for deadlines missed within this many days: a hazard forgotten for longer is on the
 * overdue ledger already, and the sweep stays a short index range scan however many old overdue hazards a park has.
 */
export const OVERDUE_LOOKBACK_DAYS = 30;
const BATCH = 2000;

export interface SweepResult {
  parks: number;
  /** Parks another process was sweeping at the same moment (left to it). */
  skipped: number;
  dueSoon: number;
  overdue: number;
  recheckDueSoon: number;
  recheckOverdue: number;
}

/** One pass over every park, each in its own short transaction under the park's advisory lock. */
export async function sweepDeadlineNotifications(db: Db, at: Date = now()): Promise<SweepResult> {
  const today = shanghaiToday(at);
  const result: SweepResult = { parks: 0, skipped: 0, dueSoon: 0, overdue: 0, recheckDueSoon: 0, recheckOverdue: 0 };
  for (const parkId of await repo.parkIds(db)) {
    const done = await db.transaction(async (tx) => {
      if (!(await repo.trySweepLock(tx, parkId))) return null;
      const dueSoon = await sweepKind(tx, parkId, 'hazardDueSoon', today, at);
      const overdue = await sweepKind(tx, parkId, 'hazardOverdue', today, at);
      const days = await repo.recheckDays(tx, parkId);
      const recheckDueSoon = await sweepRecheck(tx, parkId, 'recheckDueSoon', today, days, at);
      const recheckOverdue = await sweepRecheck(tx, parkId, 'recheckOverdue', today, days, at);
      return { dueSoon, overdue, recheckDueSoon, recheckOverdue };
    });
    if (!done) {
      result.skipped++;
      continue;
    }
    result.parks++;
    result.dueSoon += done.dueSoon;
    result.overdue += done.overdue;
    result.recheckDueSoon += done.recheckDueSoon;
    result.recheckOverdue += done.recheckOverdue;
  }
  return result;
}

async function sweepKind(
  tx: Db,
  parkId: string,
  kind: 'hazardDueSoon' | 'hazardOverdue',
  today: string,
  at: Date,
): Promise<number> {
  // Due soon: the deadline is today or within the next 3 days. Overdue: it passed (recently), still not closed.
  const range =
    kind === 'hazardDueSoon'
      ? { from: today, to: addDays(today, DUE_SOON_NOTICE_DAYS) }
      : { from: addDays(today, -OVERDUE_LOOKBACK_DAYS), to: addDays(today, -1) };
  let inserted = 0;
  for (;;) {
    const batch = await repo.deadlineCandidates(tx, parkId, kind, range, {
      supervisorsToo: kind === 'hazardOverdue',
      limit: BATCH,
    });
    if (batch.length === 0) break;
    const added = await repo.insertMany(
      tx,
      batch.map((c) => {
        const facts = {
          serial: c.serial,
          description: c.description,
          deadline: c.deadline,
          grade: c.grade,
          enterpriseName: c.enterprise_name,
        };
        return {
          parkId,
          userId: c.user_id,
          kind,
          ...(kind === 'hazardDueSoon' ? messages.hazardDueSoon(facts, today) : messages.hazardOverdue(facts, today)),
          hazardId: c.hazard_id,
          enterpriseId: c.enterprise_id,
          dedupeKey: `${kind}:${c.hazard_id}:${c.deadline}`,
          createdAt: at,
        };
      }),
    );
    inserted += added;
    // A full batch that added nothing would come back unchanged: stop rather than spin.
    if (batch.length < BATCH || added === 0) break;
  }
  return inserted;
}

/** The re-check limit of submissions (to the supervisors): its last day today or tomorrow, or passed (recently). */
async function sweepRecheck(
  tx: Db,
  parkId: string,
  kind: 'recheckDueSoon' | 'recheckOverdue',
  today: string,
  days: number,
  at: Date,
): Promise<number> {
  // Due day = submitted day + days: the due-day range becomes a submission-day range (an index range scan).
  const range =
    kind === 'recheckDueSoon'
      ? { from: addDays(today, -days), to: addDays(today, RECHECK_DUE_SOON_DAYS - days) }
      : { from: addDays(today, -days - OVERDUE_LOOKBACK_DAYS), to: addDays(today, -days - 1) };
  let inserted = 0;
  for (;;) {
    const batch = await repo.recheckCandidates(tx, parkId, kind, range, BATCH);
    if (batch.length === 0) break;
    const added = await repo.insertMany(
      tx,
      batch.map((c) => {
        const facts = {
          serial: c.serial,
          description: c.description,
          deadline: c.deadline,
          grade: c.grade,
          enterpriseName: c.enterprise_name,
        };
        const when = { submittedOn: c.submitted_on, dueOn: recheckDueOn(c.submitted_on, days) };
        return {
          parkId,
          userId: c.user_id,
          kind,
          ...(kind === 'recheckDueSoon'
            ? messages.recheckDueSoon(facts, when, today)
            : messages.recheckOverdue(facts, when, today)),
          hazardId: c.hazard_id,
          enterpriseId: c.enterprise_id,
          dedupeKey: `${kind}:${c.hazard_id}:${c.submitted_on}`,
          createdAt: at,
        };
      }),
    );
    inserted += added;
    if (batch.length < BATCH || added === 0) break;
  }
  return inserted;
}
