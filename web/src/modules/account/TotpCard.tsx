import { useMutation } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { ApiError, api } from '../../app/api';
import { useAuth, useMe } from '../../app/auth';
import { useShowError } from '../../app/forms';
import { useI18n } from '../../app/i18n';
import { type TotpSecret, TotpSecretView } from '../auth/TotpSteps';

/** Turning one-time codes on (any role) and off (anyone but an administrator, who must keep them). */
export function TotpCard() {
  const { t } = useI18n();
  const me = useMe();
  return (
    <Card title={t.account.totpTitle}>
      <Typography.Paragraph type="secondary">{t.account.totpIntro}</Typography.Paragraph>
      {!me.totpEnabled ? (
        <TotpEnrol />
      ) : me.role === 'admin' ? (
        <Alert type="info" showIcon title={t.account.adminMustUseTotp} />
      ) : (
        <TotpDisable />
      )}
    </Card>
  );
}

function TotpEnrol() {
  const { t } = useI18n();
  const { refresh } = useAuth();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ code: string }>();
  const showError = useShowError(form);
  const [secret, setSecret] = useState<TotpSecret | null>(null);
  const start = useMutation({
    mutationFn: () => api.post<TotpSecret>('/auth/totp/setup'),
    onSuccess: setSecret,
    onError: showError,
  });
  const confirm = useMutation({
    mutationFn: ({ code }: { code: string }) => api.post('/auth/totp/confirm', { secret: secret?.secret, code }),
    onSuccess: () => {
      message.success(t.account.totpEnabled);
      void refresh();
    },
    onError: (error) => {
      showError(error);
      // The server gave up on this QR code (expired or too many wrong codes): start again with a new one.
      if (error instanceof ApiError && error.code === 'TOTP_SETUP_INVALID') setSecret(null);
    },
  });

  if (!secret) {
    return (
      <Button type="primary" loading={start.isPending} onClick={() => start.mutate()} data-testid="totp-enable">
        {t.account.enableTotp}
      </Button>
    );
  }
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <TotpSecretView {...secret} />
      <Form form={form} layout="vertical" onFinish={(values) => confirm.mutate(values)}>
        <Form.Item
          name="code"
          label={t.login.code}
          rules={[{ required: true, pattern: /^\d{6}$/, message: t.login.codeRequired }]}
        >
          <Input.OTP length={6} data-testid="totp-code" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={confirm.isPending} data-testid="totp-confirm">
          {t.account.confirmTotp}
        </Button>
      </Form>
    </Space>
  );
}

function TotpDisable() {
  const { t } = useI18n();
  const { refresh } = useAuth();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ password: string }>();
  const showError = useShowError(form);
  const disable = useMutation({
    mutationFn: (values: { password: string }) => api.post('/auth/totp/disable', values),
    onSuccess: () => {
      message.success(t.account.totpDisabled);
      void refresh();
    },
    onError: showError,
  });
  return (
    <Form form={form} layout="vertical" onFinish={(values) => disable.mutate(values)}>
      <Form.Item
        name="password"
        label={t.password.current}
        extra={t.account.disableHint}
        rules={[{ required: true, message: t.password.current }]}
      >
        <Input.Password autoComplete="current-password" />
      </Form.Item>
      <Button danger htmlType="submit" loading={disable.isPending}>
        {t.account.disableTotp}
      </Button>
    </Form>
  );
}
