import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, type ButtonProps, Form, Input, Modal } from 'antd';
import type { Role } from '../../../../shared/src/roles';
import type { UserView } from '../../../../shared/src/users';
import { api } from '../../app/api';
import { useShowError } from '../../app/forms';
import { useI18n } from '../../app/i18n';
import { InitialPasswordField } from './InitialPasswordField';
import { UserFields } from './UserFields';

interface Values {
  username: string;
  displayName: string;
  phone?: string;
  role: Role;
  organisationId: string;
  password: string;
}

export function UserCreateModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const showError = useShowError(form);
  const create = useMutation({
    mutationFn: (values: Values) => api.post<UserView>('/users', { ...values, phone: values.phone?.trim() || null }),
    onSuccess: () => {
      message.success(t.users.created);
      void queryClient.invalidateQueries({ queryKey: ['users'] });
      onClose();
    },
    onError: showError,
  });

  return (
    <Modal
      title={t.users.createTitle}
      open={open}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t.common.save}
      confirmLoading={create.isPending}
      afterOpenChange={(visible) => visible || form.resetFields()}
      okButtonProps={{ 'data-testid': 'user-create-submit' } as ButtonProps}
    >
      <Form
        form={form}
        name="userCreate"
        layout="vertical"
        onFinish={(values) => create.mutate(values)}
        data-testid="user-create-form"
      >
        <Form.Item name="username" label={t.users.username} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={32} autoComplete="off" data-testid="user-username" />
        </Form.Item>
        <UserFields />
        <InitialPasswordField
          label={t.users.initialPassword}
          extra={t.users.initialPasswordHint}
          testId="user-password"
        />
      </Form>
    </Modal>
  );
}
