import { Button, Form, Input } from 'antd';
import { useState } from 'react';
import { api } from '../../app/api';
import { useMe } from '../../app/auth';
import { useShowError } from '../../app/forms';
import { useI18n } from '../../app/i18n';
import { passwordRule } from './passwordRule';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

/** Current + new + confirmation, checked against the park's password policy as the user types. */
export function PasswordChangeForm({ onChanged, block }: { onChanged: () => void; block?: boolean }) {
  const { t } = useI18n();
  const me = useMe();
  const [form] = Form.useForm<Values>();
  const showError = useShowError(form);
  const [pending, setPending] = useState(false);
  const { minLength, minClasses } = me.passwordPolicy;
  // The rule as a hint until the user types; from then on the rule's own message says what is still missing.
  const typed = Boolean(Form.useWatch('newPassword', form));

  const submit = async ({ currentPassword, newPassword }: Values) => {
    setPending(true);
    try {
      await api.post('/auth/password', { currentPassword, newPassword });
      form.resetFields();
      onChanged();
    } catch (error) {
      showError(error);
    } finally {
      setPending(false);
    }
  };

  return (
    <Form form={form} layout="vertical" onFinish={submit} requiredMark={false} data-testid="password-form">
      <Form.Item
        name="currentPassword"
        label={t.password.current}
        rules={[{ required: true, message: t.password.current }]}
      >
        <Input.Password autoComplete="current-password" data-testid="pw-current" />
      </Form.Item>
      <Form.Item
        name="newPassword"
        label={t.password.next}
        extra={typed ? undefined : t.password.policy(minLength, minClasses)}
        hasFeedback
        rules={[passwordRule(me.passwordPolicy, () => me.username)]}
      >
        <Input.Password autoComplete="new-password" data-testid="pw-new" />
      </Form.Item>
      <Form.Item
        name="confirm"
        label={t.password.confirm}
        dependencies={['newPassword']}
        hasFeedback
        rules={[
          { required: true, message: t.password.confirm },
          ({ getFieldValue }) => ({
            validator: (_, value: string | undefined) =>
              !value || value === getFieldValue('newPassword')
                ? Promise.resolve()
                : Promise.reject(new Error(t.password.mismatch)),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" data-testid="pw-confirm" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={pending} block={block} data-testid="pw-submit">
        {t.password.submit}
      </Button>
    </Form>
  );
}
