// Notifications raised by the hazard loop's events, written inside the transaction of the event itself: they exist
// exactly when the change was committed. The hazard service calls notifyHazardEvent after it has recorded the event.
import type { RequestContext } from '../../platform/actor';
import { now } from '../../platform/clock';
import type { Db } from '../../platform/db';
import { type HazardFacts, messages } from './messages';
import * as repo from './repository';

/** What notifyHazardEvent reads of a hazard: both the hazard row and its view have these fields. */
export interface NotifiableHazard {
  id: string;
  serial: string;
  enterpriseId: string;
  inspectionId: string | null;
  campaignId: string | null;
  description: string;
  location: string | null;
  requirement: string | null;
  deadline: string | null;
  grade: string;
  status: string;
}

/**
 * Raises the notifications of one hazard event (the action names of hazard_events):
 * - `create` → hazardAssigned to the enterprise's users (not for 即查即改 hazards recorded already closed);
 * - `submit` → recheckRequested to the supervisors and the inspectors of the hazard's inspection/campaign;
 * - `recheckFail` → recheckFailed (with the reason) to the enterprise's users;
 * - `extensionRequested` → to the supervisors; `extensionApproved` / `extensionRefused` → extensionDecided to the
 *   enterprise's users.
 * Other actions raise nothing. The acting user is never notified of their own act. Each occurrence has its own
 * dedupe key, so calling twice for the same event notifies once. Returns how many notifications were written.
 */
export async function notifyHazardEvent(
  tx: Db,
  ctx: RequestContext,
  hazard: NotifiableHazard,
  action: string,
): Promise<number> {
  const actor = ctx.actor;
  if (!actor) return 0;
  const parkId = actor.parkId;
  const facts = async (): Promise<HazardFacts> => ({
    ...hazard,
    enterpriseName: await repo.enterpriseName(tx, parkId, hazard.enterpriseId),
  });
  const send = async (
    recipients: string[],
    kind: repo.NewNotification['kind'],
    dedupeKey: string,
    text: { title: string; body: string },
  ) => {
    const to = [...new Set(recipients)].filter((u) => u !== actor.userId);
    if (to.length === 0) return 0;
    const at = now();
    return repo.insertMany(
      tx,
      to.map((userId) => ({
        parkId,
        userId,
        kind,
        ...text,
        hazardId: hazard.id,
        enterpriseId: hazard.enterpriseId,
        dedupeKey,
        createdAt: at,
      })),
    );
  };
  const enterpriseUsers = () => repo.enterpriseUsers(tx, parkId, hazard.enterpriseId);

  switch (action) {
    case 'create': {
      if (hazard.status === 'closed') return 0;
      return send(
        await enterpriseUsers(),
        'hazardAssigned',
        `hazardAssigned:${hazard.id}`,
        messages.hazardAssigned(await facts()),
      );
    }
    case 'submit': {
      const { count } = await repo.eventCount(tx, parkId, hazard.id, 'submit');
      const recipients = [
        ...(await repo.supervisors(tx, parkId)),
        ...(await repo.hazardInspectors(tx, parkId, hazard)),
      ];
      return send(
        recipients,
        'recheckRequested',
        `recheckRequested:${hazard.id}:${count}`,
        messages.recheckRequested(await facts()),
      );
    }
    case 'recheckFail': {
      const { count, lastReason } = await repo.eventCount(tx, parkId, hazard.id, 'recheckFail');
      return send(
        await enterpriseUsers(),
        'recheckFailed',
        `recheckFailed:${hazard.id}:${count}`,
        messages.recheckFailed(await facts(), lastReason),
      );
    }
    case 'extensionRequested': {
      const x = await repo.latestExtension(tx, parkId, hazard.id);
      if (!x) return 0;
      return send(
        await repo.supervisors(tx, parkId),
        'extensionRequested',
        `extensionRequested:${x.id}`,
        messages.extensionRequested(await facts(), {
          from: x.previous_deadline,
          to: x.requested_deadline,
          reason: x.reason,
        }),
      );
    }
    case 'extensionApproved':
    case 'extensionRefused': {
      const x = await repo.latestExtension(tx, parkId, hazard.id);
      if (!x || x.status === 'pending') return 0;
      return send(
        await enterpriseUsers(),
        'extensionDecided',
        `extensionDecided:${x.id}`,
        messages.extensionDecided(await facts(), {
          approved: x.status === 'approved',
          to: x.requested_deadline,
          previous: x.previous_deadline,
          reason: x.decision_reason,
        }),
      );
    }
    default:
      return 0;
  }
}
