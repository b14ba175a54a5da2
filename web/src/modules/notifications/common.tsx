// The signed-in user's inbox as the header's bell and the notifications page share it: query keys, the unread
// count (polled, and refreshed when the window regains focus), marking read, and where a notification leads.
import { BellOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Badge, Button } from 'antd';
import { useNavigate } from 'react-router-dom';
import type { z } from 'zod';
import type { NotificationPage, NotificationView } from '../../../../shared/src/notifications';
import { api } from '../../app/api';
import { useI18n } from '../../app/i18n';

export type Notification = NotificationView;
export type NotificationList = z.infer<typeof NotificationPage>;

export const notificationKeys = {
  all: ['notifications'] as const,
  unread: ['notifications', 'unread'] as const,
  list: (q: object) => ['notifications', 'list', q] as const,
};

/** The unread badge polls once a minute: the deadline sweep and other users' actions add notifications. */
const POLL_MS = 60_000;

export function useUnreadCount() {
  return useQuery({
    queryKey: notificationKeys.unread,
    queryFn: () => api.get<{ count: number }>('/notifications/unread-count'),
    refetchInterval: POLL_MS,
    refetchOnWindowFocus: true,
  });
}

/** Where a notification leads: its hazard (the ledger with the hazard's drawer open) or the account page. */
export function targetOf(n: Notification): string | null {
  if (n.hazardId) return `/hazards?hazard=${n.hazardId}`;
  if (n.kind === 'accountSecurity') return '/account';
  return null;
}

export function useMarkRead() {
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: notificationKeys.all });
  const one = useMutation({
    mutationFn: (id: string) => api.post<Notification>(`/notifications/${id}/read`),
    onSuccess: () => void refresh(),
  });
  const all = useMutation({
    mutationFn: () => api.post<{ updated: number }>('/notifications/read-all'),
    onSuccess: () => void refresh(),
  });
  return { one, all };
}

/** The header's bell: the unread count as a badge; a click opens the notifications page. */
export function NotificationBell() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const unread = useUnreadCount();
  const count = unread.data?.count ?? 0;
  return (
    <Button
      type="text"
      onClick={() => navigate('/notifications')}
      aria-label={t.menu.notifications}
      title={t.menu.notifications}
      className="notification-bell"
      data-testid="notification-bell"
    >
      <Badge count={count} size="small" overflowCount={99} data-testid="notification-badge">
        <BellOutlined className="notification-bell-icon" />
      </Badge>
    </Button>
  );
}
