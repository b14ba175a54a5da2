// The inbox: every signed-in user reads and marks only their own notifications (no permission needed beyond being
// signed in; the user id is the scope). Producers live in events.ts (hazard events), sweep.ts (deadlines) and
// account.ts (failed sign-ins, for the account's owner).
import type { z } from 'zod';
import type { NotificationListQuery, NotificationView } from '../../../../shared/src/notifications';
import type { Actor } from '../../platform/actor';
import { now } from '../../platform/clock';
import type { Db } from '../../platform/db';
import { notFound } from '../../platform/errors';
import * as repo from './repository';

export { notifySignInFailure } from './account';
export { type NotifiableHazard, notifyHazardEvent } from './events';
export { sweepDeadlineNotifications } from './sweep';

const iso = (v: string | Date | null) => (v == null ? null : new Date(v).toISOString());

function toView(r: repo.NotificationRow): NotificationView {
  return {
    id: r.id,
    kind: r.kind,
    title: r.title,
    body: r.body,
    hazardId: r.hazard_id,
    enterpriseId: r.enterprise_id,
    read: r.read_at != null,
    readAt: iso(r.read_at),
    createdAt: iso(r.created_at)!,
  };
}

export async function listMine(db: Db, actor: Actor, q: z.infer<typeof NotificationListQuery>) {
  const { items, total, unread } = await repo.listMine(db, actor.parkId, actor.userId, {
    page: q.page,
    pageSize: q.pageSize,
    unreadOnly: q.unreadOnly === 'true',
    kind: q.kind,
  });
  return { items: items.map(toView), total, page: q.page, pageSize: q.pageSize, unread };
}

export async function unreadCount(db: Db, actor: Actor) {
  return { count: await repo.unreadCount(db, actor.parkId, actor.userId) };
}

export async function markRead(db: Db, actor: Actor, id: string) {
  const row = await repo.markRead(db, actor.parkId, actor.userId, id, now());
  if (!row) throw notFound('消息');
  return toView(row);
}

export async function markAllRead(db: Db, actor: Actor) {
  return { updated: await repo.markAllRead(db, actor.parkId, actor.userId, now()) };
}

// For modules that notify many recipients inside their own transaction (responsibility reminders).
export { insertMany } from './repository';
