// In-app notifications (消息通知): what happened to a hazard, or which deadline is near or passed, for the people who
// act on it. Produced by hazard events and by a scheduled sweep; each user reads and marks only their own.
import { z } from 'zod';
import { PageQuery } from './common';

export const NOTIFICATION_KINDS = [
  'hazardAssigned', // a hazard was recorded against the enterprise (to its users)
  'hazardDueSoon', // the rectification deadline is within 3 days, not yet submitted (to the enterprise's users)
  'hazardOverdue', // 整改逾期: the deadline passed before submission (to the enterprise's users and supervisors)
  'recheckRequested', // rectification submitted for re-check (to supervisors and the hazard's inspectors)
  'recheckFailed', // the re-check failed, rectification goes on (to the enterprise's users)
  'extensionRequested', // the enterprise asked for more time (to supervisors)
  'extensionDecided', // the extension was approved or refused (to the enterprise's users)
  'accountSecurity', // wrong passwords or codes for the account, the attempts left, a lock (to the account's owner)
  'recheckDueSoon', // a submission's re-check time limit ends today or tomorrow (to the supervisors)
  'recheckOverdue', // 复查超时: the office has not re-checked within the limit (to the supervisors)
  'letterReminder', // the party's responsibility letter is issued and not yet signed (to the party's users)
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** Days before the deadline from which a hazard is "due soon". */
export const DUE_SOON_NOTICE_DAYS = 3;

export const NOTIFICATION_KIND_LABELS: Record<NotificationKind, { zh: string; en: string }> = {
  hazardAssigned: { zh: '隐患整改任务', en: 'Hazard assigned' },
  hazardDueSoon: { zh: '整改即将到期', en: 'Rectification due soon' },
  hazardOverdue: { zh: '整改已逾期', en: 'Rectification overdue' },
  recheckRequested: { zh: '待复查', en: 'Re-check requested' },
  recheckFailed: { zh: '复查不通过', en: 'Re-check failed' },
  extensionRequested: { zh: '延期申请', en: 'Extension requested' },
  extensionDecided: { zh: '延期审批结果', en: 'Extension decided' },
  accountSecurity: { zh: '账户安全', en: 'Account security' },
  recheckDueSoon: { zh: '复查即将超时', en: 'Re-check due soon' },
  recheckOverdue: { zh: '复查超时', en: 'Re-check overdue' },
  letterReminder: { zh: '责任书待签署', en: 'Responsibility letter to sign' },
};

/** Days before the end of a submission's re-check limit from which it is "due soon" (to the supervisors). */
export const RECHECK_DUE_SOON_DAYS = 1;

export const NotificationView = z.object({
  id: z.uuid(),
  kind: z.enum(NOTIFICATION_KINDS),
  title: z.string(),
  body: z.string(),
  hazardId: z.uuid().nullable(),
  enterpriseId: z.uuid().nullable(),
  read: z.boolean(),
  readAt: z.string().nullable(),
  createdAt: z.string(),
});
export type NotificationView = z.infer<typeof NotificationView>;

export const NotificationListQuery = PageQuery.omit({ order: true }).extend({
  unreadOnly: z.enum(['true', 'false']).optional(),
  kind: z.enum(NOTIFICATION_KINDS).optional(),
});

/** Unread first, newest first; unread is the user's whole unread count (for the badge). */
export const NotificationPage = z.object({
  items: z.array(NotificationView),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  unread: z.number().int(),
});

export const UnreadCount = z.object({ count: z.number().int() });
export const ReadAllResult = z.object({ updated: z.number().int() });
