// 消息通知: the signed-in user's notifications, unread first, filtered by read state and kind; a click marks one read
// and opens its record (a hazard's drawer in the ledger, the account page for sign-in warnings); 全部标为已读 clears
// the badge. The same list serves desk and phone (one line per notification, wrapping).
import { CheckOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { App, Badge, Button, Card, Empty, Flex, List, Pagination, Segmented, Select, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { NOTIFICATION_KIND_LABELS, NOTIFICATION_KINDS } from '../../../../shared/src/notifications';
import { api } from '../../app/api';
import { useShowError } from '../../app/forms';
import { useI18n } from '../../app/i18n';
import { formatTime } from '../../app/time';
import { codeOptions } from '../../app/ui/options';
import { PageContainer } from '../../app/ui/PageContainer';
import { QueryError } from '../../app/ui/QueryError';
import { type Notification, type NotificationList, notificationKeys, targetOf, useMarkRead } from './common';
import { TEXTS } from './text';
import './notifications.css';

const KIND_COLORS: Record<string, string> = {
  hazardOverdue: 'red',
  recheckOverdue: 'volcano',
  hazardDueSoon: 'orange',
  recheckDueSoon: 'gold',
  recheckFailed: 'magenta',
  accountSecurity: 'purple',
  hazardAssigned: 'blue',
  recheckRequested: 'cyan',
  extensionRequested: 'geekblue',
  extensionDecided: 'green',
};

const PAGE_SIZE = 20;

export default function NotificationsPage() {
  const { t, lang, l } = useI18n();
  const n = TEXTS[lang];
  const navigate = useNavigate();
  const { message } = App.useApp();
  const showError = useShowError();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [kind, setKind] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const query = { page, pageSize: PAGE_SIZE, unreadOnly: unreadOnly ? 'true' : undefined, kind };
  const list = useQuery({
    queryKey: notificationKeys.list(query),
    queryFn: () => api.get<NotificationList>('/notifications', query),
    placeholderData: keepPreviousData,
  });
  const mark = useMarkRead();
  const unread = list.data?.unread ?? 0;

  const openOne = (item: Notification) => {
    const go = () => {
      const to = targetOf(item);
      if (to) navigate(to);
    };
    if (item.read) return go();
    mark.one.mutate(item.id, { onSuccess: go, onError: showError });
  };

  return (
    <PageContainer
      title={t.menu.notifications}
      extra={
        <Button
          icon={<CheckOutlined />}
          disabled={unread === 0}
          loading={mark.all.isPending}
          onClick={() =>
            mark.all.mutate(undefined, {
              onSuccess: (r) => message.success(n.markAllDone(r.updated)),
              onError: showError,
            })
          }
          data-testid="notifications-read-all"
        >
          {n.markAll}
        </Button>
      }
    >
      <Card size="small" className="filter-card">
        <Flex gap={12} wrap align="center">
          <Segmented
            value={unreadOnly ? 'unread' : 'all'}
            onChange={(v) => {
              setUnreadOnly(v === 'unread');
              setPage(1);
            }}
            options={[
              { value: 'all', label: n.all },
              { value: 'unread', label: `${n.unread}${unread ? ` (${unread})` : ''}` },
            ]}
            data-testid="notifications-filter"
          />
          <Select
            allowClear
            placeholder={n.kind}
            style={{ width: 180 }}
            value={kind}
            onChange={(v?: string) => {
              setKind(v);
              setPage(1);
            }}
            options={codeOptions(NOTIFICATION_KINDS, NOTIFICATION_KIND_LABELS, lang)}
            data-testid="notifications-kind"
          />
          <Typography.Text type="secondary" data-testid="notifications-unread">
            {n.unreadCount(unread)}
          </Typography.Text>
        </Flex>
      </Card>
      <Card>
        {list.isError ? (
          <QueryError error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <>
            <List<Notification>
              loading={list.isFetching}
              dataSource={list.data?.items ?? []}
              locale={{ emptyText: <Empty description={unreadOnly ? n.emptyUnread : n.empty} /> }}
              renderItem={(item) => (
                <List.Item
                  className={`notification-item${item.read ? ' notification-read' : ''}`}
                  onClick={() => openOne(item)}
                  data-testid="notification-item"
                  data-read={item.read}
                >
                  <Flex vertical gap={2} className="notification-body">
                    <Flex gap={8} align="center" wrap>
                      {!item.read && <Badge status="processing" />}
                      <Tag color={KIND_COLORS[item.kind]}>{l(NOTIFICATION_KIND_LABELS, item.kind)}</Tag>
                      <Typography.Text strong={!item.read} className="notification-title">
                        {item.title}
                      </Typography.Text>
                    </Flex>
                    <Typography.Text type="secondary" className="notification-text">
                      {item.body}
                    </Typography.Text>
                    <Flex gap={8} align="center" wrap>
                      <Typography.Text type="secondary" className="notification-time">
                        {formatTime(item.createdAt)}
                        {item.read ? ` · ${n.read}` : ''}
                        {targetOf(item) ? ` · ${n.open} ›` : ''}
                      </Typography.Text>
                      {!item.read && (
                        <Button
                          size="small"
                          type="link"
                          className="notification-mark"
                          onClick={(ev) => {
                            ev.stopPropagation();
                            mark.one.mutate(item.id, { onError: showError });
                          }}
                          data-testid="notification-mark-read"
                        >
                          {n.markRead}
                        </Button>
                      )}
                    </Flex>
                  </Flex>
                </List.Item>
              )}
              className="notifications-list"
              data-testid="notifications-list"
            />
            {(list.data?.total ?? 0) > PAGE_SIZE && (
              <Pagination
                className="notifications-pager"
                align="center"
                simple
                current={page}
                pageSize={PAGE_SIZE}
                total={list.data?.total ?? 0}
                onChange={setPage}
                showTotal={n.total}
              />
            )}
          </>
        )}
      </Card>
    </PageContainer>
  );
}
