// UI strings of the notifications page (消息通知), one dictionary per language; kind names are shared/src's.
const zh = {
  all: '全部',
  unread: '未读',
  kind: '消息类型',
  markAll: '全部标为已读',
  markAllDone: (n: number) => (n ? `已将 ${n} 条消息标为已读` : '没有未读消息'),
  markRead: '标为已读',
  open: '查看',
  read: '已读',
  empty: '暂无消息',
  emptyUnread: '没有未读消息',
  unreadCount: (n: number) => `未读 ${n} 条`,
  total: (n: number) => `共 ${n} 条`,
};

const en: typeof zh = {
  all: 'All',
  unread: 'Unread',
  kind: 'Kind',
  markAll: 'Mark all read',
  markAllDone: (n: number) => (n ? `${n} marked read` : 'Nothing unread'),
  markRead: 'Mark read',
  open: 'Open',
  read: 'Read',
  empty: 'No notifications',
  emptyUnread: 'Nothing unread',
  unreadCount: (n: number) => `${n} unread`,
  total: (n: number) => `${n} in all`,
};

export const TEXTS = { zh, en };
