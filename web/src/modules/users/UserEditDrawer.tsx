import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Drawer, Form, Space, Switch } from 'antd';
import { useEffect } from 'react';
import type { Role } from '../../../../shared/src/roles';
import type { UserView } from '../../../../shared/src/users';
import { api } from '../../app/api';
import { useShowError } from '../../app/forms';
import { useI18n } from '../../app/i18n';
import { UserFields } from './UserFields';

interface Values {
  displayName: string;
  phone?: string | null;
  role: Role;
  organisationId: string;
  disabled: boolean;
}

export function UserEditDrawer({ user, onClose }: { user: UserView | null; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const showError = useShowError(form);

  useEffect(() => {
    if (user) {
      const { displayName, phone, role, organisationId, disabled } = user;
      form.setFieldsValue({ displayName, phone, role, organisationId, disabled });
    }
  }, [user, form]);

  const save = useMutation({
    mutationFn: (values: Values) =>
      api.patch<UserView>(`/users/${user?.id}`, { ...values, phone: values.phone?.trim() || null }),
    onSuccess: () => {
      message.success(t.common.saved);
      void queryClient.invalidateQueries({ queryKey: ['users'] });
      onClose();
    },
    onError: showError,
  });

  return (
    <Drawer
      title={user ? `${t.users.editTitle}：${user.username}` : t.users.editTitle}
      size={480}
      open={user !== null}
      onClose={onClose}
      forceRender
      footer={
        <Space>
          <Button type="primary" loading={save.isPending} onClick={() => form.submit()} data-testid="user-edit-submit">
            {t.common.save}
          </Button>
          <Button onClick={onClose}>{t.common.cancel}</Button>
        </Space>
      }
    >
      <Form form={form} name="userEdit" layout="vertical" onFinish={(values) => save.mutate(values)}>
        <UserFields currentOrganisation={user ? { id: user.organisationId, name: user.organisationName } : undefined} />
        <Form.Item name="disabled" label={t.users.disabledField} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
