import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Table, type TableColumnsType, Typography } from 'antd';
import { useState } from 'react';
import { ROLE_LABELS } from '../../../../shared/src/labels';
import type { UserView } from '../../../../shared/src/users';
import { api, type Page } from '../../app/api';
import { useI18n } from '../../app/i18n';
import { useListState } from '../../app/listState';
import { formatTime } from '../../app/time';
import { MaskedValue } from '../../app/ui/MaskedValue';
import { PageContainer } from '../../app/ui/PageContainer';
import { QueryError } from '../../app/ui/QueryError';
import { ResetPasswordModal } from './ResetPasswordModal';
import { UserActions } from './UserActions';
import { UserCreateModal } from './UserCreateModal';
import { UserEditDrawer } from './UserEditDrawer';
import { UserFilters } from './UserFilters';
import { UserStatusTags } from './UserStatusTags';

export default function UserListPage() {
  const { t, l } = useI18n();
  const list = useListState<UserView>({ sort: 'username' });
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<UserView | null>(null);
  const [resetting, setResetting] = useState<UserView | null>(null);
  const page = useQuery({
    queryKey: ['users', list.query],
    queryFn: () => api.get<Page<UserView>>('/users', list.query),
    placeholderData: keepPreviousData,
  });
  const u = t.users;

  const columns: TableColumnsType<UserView> = [
    { title: u.username, dataIndex: 'username', sorter: true, sortOrder: list.sortOrder('username'), width: 150 },
    {
      title: u.displayName,
      dataIndex: 'displayName',
      sorter: true,
      sortOrder: list.sortOrder('displayName'),
      width: 140,
      render: (name: string, row) => (
        <div>
          <div>{name}</div>
          {row.phone && (
            <Typography.Text type="secondary">
              <MaskedValue
                value={row.phone}
                entityType="user"
                id={row.id}
                field="phone"
                testId={`user-phone-${row.username}`}
              />
            </Typography.Text>
          )}
        </div>
      ),
    },
    {
      title: u.role,
      dataIndex: 'role',
      sorter: true,
      sortOrder: list.sortOrder('role'),
      render: (v: string) => l(ROLE_LABELS, v),
      width: 120,
    },
    { title: u.organisation, dataIndex: 'organisationName', ellipsis: true },
    { title: t.common.status, key: 'status', render: (_, row) => <UserStatusTags user={row} />, width: 180 },
    {
      title: u.lastLoginAt,
      dataIndex: 'lastLoginAt',
      sorter: true,
      sortOrder: list.sortOrder('lastLoginAt'),
      render: (v: string | null) => formatTime(v),
      width: 150,
    },
    {
      title: t.common.actions,
      key: 'actions',
      fixed: 'right',
      width: 180,
      render: (_, row) => <UserActions user={row} onEdit={setEditing} onResetPassword={setResetting} />,
    },
  ];

  return (
    <PageContainer
      title={t.menu.users}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="user-create">
          {u.createTitle}
        </Button>
      }
    >
      <UserFilters onSearch={list.setFilters} />
      <Card>
        {page.isError ? (
          <QueryError error={page.error} onRetry={() => void page.refetch()} />
        ) : (
          <Table
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={page.data?.items}
            loading={page.isFetching}
            pagination={list.pagination(page.data?.total, t.common.total)}
            onChange={list.onChange}
            scroll={{ x: 1100 }}
            data-testid="user-table"
          />
        )}
      </Card>
      <UserCreateModal open={creating} onClose={() => setCreating(false)} />
      <UserEditDrawer user={editing} onClose={() => setEditing(null)} />
      <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} />
    </PageContainer>
  );
}
