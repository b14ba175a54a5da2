// Records captured on a phone without a signal, applied when it is online again (issue 17). The record is applied
// through the inspections and hazards services (the same scope, state machine and criteria as online), in one
// transaction with the row that remembers its idempotency key: a retry returns that first result, never a duplicate.
// Refusals carry a stable code and a Chinese reason the device keeps beside the record.
import { and, eq, or } from 'drizzle-orm';
import {
  MAX_CLOCK_AHEAD_MINUTES,
  type SyncInspectionBody,
  type SyncRectificationBody,
  type SyncResult,
} from '../../../../shared/src/sync';
import { syncRecords } from '../../db/schema';
import type { RequestContext } from '../../platform/actor';
import { appendAudit } from '../../platform/audit';
import { now } from '../../platform/clock';
import type { Db } from '../../platform/db';
import { AppError, conflict, forbidden, unprocessable } from '../../platform/errors';
import { assertCan } from '../../platform/permissions';
import { assertEnterpriseInScope } from '../../platform/scope';
import * as hazards from '../hazards/service';
import * as inspections from '../inspections/service';

type Kind = SyncResult['kind'];
interface Envelope {
  deviceRecordId: string;
  idempotencyKey: string;
  capturedBy: string;
  capturedAt: string;
}

const isDuplicateKey = (err: unknown) =>
  (err as { code?: string }).code === '23505' || String(err).includes('duplicate key');

/** The stored answer for this key (or this device record) of this user, marked as a replay; null when none. */
async function stored(db: Db, userId: string, e: Envelope): Promise<SyncResult | null> {
  const [row] = await db
    .select()
    .from(syncRecords)
    .where(
      and(
        eq(syncRecords.userId, userId),
        or(eq(syncRecords.idempotencyKey, e.idempotencyKey), eq(syncRecords.deviceRecordId, e.deviceRecordId)),
      ),
    )
    .limit(1);
  return row ? { ...(row.result as SyncResult), replayed: true } : null;
}

/** Who captured it and when: only the same user syncs it, and a phone clock far ahead is refused, not trusted. */
function assertEnvelope(ctx: RequestContext, e: Envelope): void {
  const actor = ctx.actor!;
  if (e.capturedBy !== actor.userId) {
    throw forbidden('该记录由其他用户在本设备上采集，只能由采集人本人登录后同步', 'SYNC_WRONG_USER');
  }
  const ahead = new Date(e.capturedAt).getTime() - now().getTime();
  if (ahead > MAX_CLOCK_AHEAD_MINUTES * 60_000) {
    const msg = `采集时间比服务器时间晚 ${Math.round(ahead / 60_000)} 分钟：请将手机设为自动校时后重新同步`;
    throw unprocessable('SYNC_CLOCK_AHEAD', msg, { capturedAt: msg });
  }
}

/**
 * Applies a record once. A second request with the same key (or device record id) gets the first answer; two racing
 * requests both try, and the one whose sync row loses the unique key rolls back whole and answers with the winner's.
 */
async function once(
  db: Db,
  ctx: RequestContext,
  kind: Kind,
  e: Envelope,
  apply: (tx: Db) => Promise<{ entityId: string; label: string; enterpriseId: string }>,
): Promise<SyncResult> {
  const actor = ctx.actor!;
  assertEnvelope(ctx, e);
  const earlier = await stored(db, actor.userId, e);
  if (earlier) return earlier;
  try {
    return await db.transaction(async (tx) => {
      const done = await apply(tx);
      const receivedAt = now();
      const result: SyncResult = {
        deviceRecordId: e.deviceRecordId,
        kind,
        entityId: done.entityId,
        label: done.label,
        capturedAt: new Date(e.capturedAt).toISOString(),
        receivedAt: receivedAt.toISOString(),
        replayed: false,
      };
      await tx.insert(syncRecords).values({
        parkId: actor.parkId,
        userId: actor.userId,
        idempotencyKey: e.idempotencyKey,
        deviceRecordId: e.deviceRecordId,
        kind,
        entityId: done.entityId,
        capturedAt: new Date(e.capturedAt),
        receivedAt,
        result,
      });
      await appendAudit(tx, ctx, {
        action: `sync.${kind}`,
        entityType: kind === 'inspection' ? 'inspection' : 'hazard',
        entityId: done.entityId,
        enterpriseId: done.enterpriseId,
        after: {
          deviceRecordId: e.deviceRecordId,
          capturedAt: result.capturedAt,
          receivedAt: result.receivedAt,
        },
      });
      return result;
    });
  } catch (err) {
    if (isDuplicateKey(err)) {
      const winner = await stored(db, actor.userId, e);
      if (winner) return winner;
      throw conflict('SYNC_DEVICE_ID_TAKEN', '设备记录编号已被其他用户的记录使用，请在设备上复制后重新提交');
    }
    throw err;
  }
}

/** The device's view of "outside my scope": the enterprise was reassigned, or never was this user's. */
async function assertInScope(tx: Db, ctx: RequestContext, enterpriseId: string) {
  try {
    await assertEnterpriseInScope(tx, ctx.actor!, enterpriseId);
  } catch (err) {
    if (err instanceof AppError && err.status === 404) {
      throw forbidden(
        '该企业不在您当前的数据范围内（可能已调整检查分配），记录已保留在设备上，请联系安监人员',
        'SYNC_OUT_OF_SCOPE',
      );
    }
    throw err;
  }
}

export async function inspection(db: Db, ctx: RequestContext, body: SyncInspectionBody): Promise<SyncResult> {
  assertCan(ctx.actor!, 'inspections.create');
  return once(db, ctx, 'inspection', body, async (tx) => {
    await assertInScope(tx, ctx, body.inspection.enterpriseId);
    // The same service as the online form: checklist, photos, signatures and hazards in one (nested) transaction.
    const saved = await inspections.create(tx, ctx, body.inspection);
    return {
      entityId: saved.id,
      label: `${saved.enterpriseName} ${saved.inspectedOn}`,
      enterpriseId: saved.enterpriseId,
    };
  });
}

export async function rectification(db: Db, ctx: RequestContext, body: SyncRectificationBody): Promise<SyncResult> {
  assertCan(ctx.actor!, 'hazards.rectify');
  return once(db, ctx, 'rectification', body, async (tx) => {
    const h = await hazards.brief(tx, ctx.actor!, body.hazardId);
    if (h.status === 'closed') {
      const on = h.closedAt ? `于 ${h.closedAt.toISOString().slice(0, 10)} ` : '';
      throw conflict(
        'SYNC_HAZARD_CLOSED',
        `隐患 ${h.serial} 已${on}复查销号，这次离线整改不再提交；照片仍在本设备上，可放弃此记录`,
      );
    }
    if (h.status === 'submitted') {
      throw conflict('SYNC_HAZARD_SUBMITTED', `隐患 ${h.serial} 已提交复查，正在等待复查结果，不能重复提交`);
    }
    // Offline the enterprise does the work and submits in one go: a hazard still 待整改 is started first (a major
    // one only with its 五落实 plan complete, as online).
    if (h.status === 'assigned') {
      await hazards.transition(tx, ctx, body.hazardId, {
        action: 'start',
        reason: null,
        evidenceIds: [],
        backfill: null,
      });
    }
    const after = await hazards.transition(tx, ctx, body.hazardId, {
      action: 'submit',
      reason: body.note,
      evidenceIds: body.evidenceIds,
      backfill: null,
    });
    return { entityId: body.hazardId, label: h.serial, enterpriseId: after.enterpriseId };
  });
}
