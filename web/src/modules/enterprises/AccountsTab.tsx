import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  type ButtonProps,
  Flex,
  Form,
  Input,
  Modal,
  Popconfirm,
  Table,
  type TableColumnsType,
  Typography,
} from 'antd';
import { useState } from 'react';
import type { EnterpriseView } from '../../../../shared/src/enterprises';
import type { UserView } from '../../../../shared/src/users';
import { api, type Page } from '../../app/api';
import { formatTime } from '../../app/time';
import { QueryError } from '../../app/ui/QueryError';
import { InitialPasswordField } from '../users/InitialPasswordField';
import { UserStatusTags } from '../users/UserStatusTags';
import { markServerFields } from './enterpriseForm';
import { enterpriseKeys } from './rights';
import { useEnterpriseText } from './text';

// The phone rule of shared/src/users.ts (UserCreate).
const USER_PHONE = /^1\d{10}$|^0\d{2,3}-?\d{7,8}$/;

interface NewAccount {
  username: string;
  displayName: string;
  phone?: string;
  password: string;
}

/** 企业账户: the accounts an enterprise signs in with, opened and disabled by the park safety office. */
export function AccountsTab({ enterprise }: { enterprise: EnterpriseView }) {
  const { t, x } = useEnterpriseText();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm<NewAccount>();
  const users = useQuery({
    queryKey: enterpriseKeys.users(enterprise.id),
    queryFn: () => api.get<Page<UserView>>(`/enterprises/${enterprise.id}/users`),
  });
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: enterpriseKeys.users(enterprise.id) });
    void queryClient.invalidateQueries({ queryKey: enterpriseKeys.history(enterprise.id) });
    void queryClient.invalidateQueries({ queryKey: ['users'] });
  };
  const create = useMutation({
    mutationFn: (v: NewAccount) =>
      api.post<UserView>(`/enterprises/${enterprise.id}/users`, { ...v, phone: v.phone?.trim() || null }),
    onSuccess: () => {
      message.success(x.accounts.created);
      setCreating(false);
      refresh();
    },
    onError: (error) => {
      markServerFields(form, error);
      message.error(error.message);
    },
  });
  const toggle = useMutation({
    mutationFn: (u: UserView) =>
      api.patch<UserView>(`/enterprises/${enterprise.id}/users/${u.id}`, { disabled: !u.disabled }),
    onSuccess: () => {
      message.success(t.common.saved);
      refresh();
    },
    onError: (error) => message.error(error.message),
  });

  const columns: TableColumnsType<UserView> = [
    {
      title: t.users.username,
      dataIndex: 'username',
      width: 160,
      render: (v: string) => <span className="record-no">{v}</span>,
    },
    { title: t.users.displayName, dataIndex: 'displayName', width: 120 },
    { title: t.users.phone, dataIndex: 'phone', width: 140, render: (v: string | null) => v ?? '—' },
    { title: t.common.status, key: 'status', width: 220, render: (_, u) => <UserStatusTags user={u} /> },
    { title: t.users.lastLoginAt, dataIndex: 'lastLoginAt', width: 150, render: (v: string | null) => formatTime(v) },
    { title: t.common.createdAt, dataIndex: 'createdAt', width: 150, render: (v: string) => formatTime(v) },
    {
      title: t.common.actions,
      key: 'actions',
      width: 90,
      fixed: 'right',
      render: (_, u) => (
        <Popconfirm
          title={u.disabled ? x.accounts.confirmEnable(u.displayName) : x.accounts.confirmDisable(u.displayName)}
          onConfirm={() => toggle.mutate(u)}
        >
          <Button type="link" size="small" danger={!u.disabled} data-testid={`account-toggle-${u.username}`}>
            {u.disabled ? x.accounts.enable : x.accounts.disable}
          </Button>
        </Popconfirm>
      ),
    },
  ];

  return (
    <div data-testid="enterprise-accounts">
      <Flex justify="space-between" align="center" className="tab-toolbar">
        <Typography.Text type="secondary">{t.common.total(users.data?.total ?? 0)}</Typography.Text>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="account-create">
          {x.accounts.create}
        </Button>
      </Flex>
      {users.isError ? (
        <QueryError error={users.error} onRetry={() => void users.refetch()} />
      ) : (
        <Table
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={users.data?.items}
          loading={users.isFetching}
          pagination={false}
          locale={{ emptyText: x.accounts.empty }}
          scroll={{ x: 'max-content' }}
        />
      )}
      <Modal
        title={x.accounts.createTitle(enterprise.name)}
        open={creating}
        onCancel={() => setCreating(false)}
        onOk={() => form.submit()}
        okText={t.common.save}
        confirmLoading={create.isPending}
        destroyOnHidden
        okButtonProps={{ 'data-testid': 'account-submit' } as ButtonProps}
      >
        <Alert type="info" showIcon title={x.accounts.hint} className="modal-alert" />
        <Form form={form} layout="vertical" preserve={false} onFinish={(v) => create.mutate(v)}>
          <Form.Item
            name="username"
            label={t.users.username}
            rules={[
              { required: true, whitespace: true },
              { pattern: /^[a-zA-Z0-9_.-]{3,32}$/, message: x.accounts.usernameRule },
            ]}
          >
            <Input maxLength={32} autoComplete="off" data-testid="account-username" />
          </Form.Item>
          <Form.Item
            name="displayName"
            label={t.users.displayName}
            rules={[{ required: true, whitespace: true }, { max: 50 }]}
          >
            <Input maxLength={50} data-testid="account-displayName" />
          </Form.Item>
          <Form.Item
            name="phone"
            label={t.users.phone}
            rules={[{ pattern: USER_PHONE, message: x.form.phoneInvalid, transform: (v?: string) => v?.trim() }]}
          >
            <Input maxLength={20} />
          </Form.Item>
          <InitialPasswordField label={t.users.initialPassword} testId="account-password" />
        </Form>
      </Modal>
    </div>
  );
}
