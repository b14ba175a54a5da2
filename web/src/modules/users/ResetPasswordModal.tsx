import { useMutation } from '@tanstack/react-query';
import { Alert, App, type ButtonProps, Form, Modal } from 'antd';
import type { UserView } from '../../../../shared/src/users';
import { api } from '../../app/api';
import { useShowError } from '../../app/forms';
import { useI18n } from '../../app/i18n';
import { InitialPasswordField } from './InitialPasswordField';

export function ResetPasswordModal({ user, onClose }: { user: UserView | null; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ password: string }>();
  const showError = useShowError(form);
  const reset = useMutation({
    mutationFn: ({ password }: { password: string }) => api.post(`/users/${user?.id}/reset-password`, { password }),
    onSuccess: () => {
      message.success(t.users.passwordReset);
      onClose();
    },
    onError: showError,
  });

  return (
    <Modal
      title={user ? t.users.resetTitle(user.username) : ''}
      open={user !== null}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t.common.save}
      confirmLoading={reset.isPending}
      forceRender
      afterOpenChange={(visible) => visible || form.resetFields()}
      okButtonProps={{ 'data-testid': 'reset-submit' } as ButtonProps}
    >
      <Alert type="info" showIcon title={t.users.resetHint} className="auth-alert" />
      <Form form={form} name="resetPassword" layout="vertical" onFinish={(values) => reset.mutate(values)}>
        <InitialPasswordField label={t.password.next} testId="reset-password" username={user?.username} />
      </Form>
    </Modal>
  );
}
