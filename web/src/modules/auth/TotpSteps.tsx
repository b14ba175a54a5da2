import { Alert, Button, Flex, Form, Input, QRCode, Typography } from 'antd';
import { useState } from 'react';
import type { LoginResult } from '../../../../shared/src/auth';
import { ApiError, api } from '../../app/api';
import { useI18n } from '../../app/i18n';

interface StepProps {
  challenge: string;
  onResult: (result: LoginResult) => void;
  /** Back to user name and password, with the reason when the server ended this step. */
  onBack: (message?: string) => void;
}

// Answers after which this challenge can never succeed: the user signs in again from the start.
const RESTART_CODES = new Set(['AUTH_CHALLENGE_INVALID', 'AUTH_ACCOUNT_LOCKED']);

/** Second factor for an account that has TOTP. */
export function TotpLoginStep({ challenge, onResult, onBack }: StepProps) {
  const { t } = useI18n();
  return (
    <>
      <Typography.Paragraph type="secondary">{t.login.totpHint}</Typography.Paragraph>
      <CodeForm
        submitText={t.login.verify}
        onCode={async (code) => onResult(await api.post<LoginResult>('/auth/login/totp', { challenge, code }))}
        onBack={onBack}
      />
    </>
  );
}

/** Enrolment during sign-in, for administrators who must have TOTP before they may enter. */
export function TotpSetupStep({ challenge, secret, otpauthUrl, onResult, onBack }: StepProps & TotpSecret) {
  const { t } = useI18n();
  return (
    <>
      <Typography.Paragraph type="secondary">{t.login.setupHint}</Typography.Paragraph>
      <TotpSecretView secret={secret} otpauthUrl={otpauthUrl} />
      <CodeForm
        submitText={t.login.bindAndLogin}
        onCode={async (code) => onResult(await api.post<LoginResult>('/auth/login/totp-setup', { challenge, code }))}
        onBack={onBack}
      />
    </>
  );
}

export interface TotpSecret {
  secret: string;
  otpauthUrl: string;
}

/** QR code for the authenticator app, and the secret as text for typing it in by hand. */
export function TotpSecretView({ secret, otpauthUrl }: TotpSecret) {
  const { t } = useI18n();
  return (
    <Flex vertical align="center" gap={8} className="totp-secret-view">
      <QRCode value={otpauthUrl} size={180} bordered />
      <Typography.Text type="secondary">{t.login.secret}</Typography.Text>
      <Typography.Text copyable className="totp-secret" data-testid="totp-secret">
        {secret}
      </Typography.Text>
    </Flex>
  );
}

function CodeForm({
  submitText,
  onCode,
  onBack,
}: {
  submitText: string;
  onCode: (code: string) => Promise<void>;
  onBack: (message?: string) => void;
}) {
  const { t } = useI18n();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [form] = Form.useForm<{ code: string }>();

  const submit = async ({ code }: { code: string }) => {
    setPending(true);
    setError(null);
    try {
      await onCode(code);
    } catch (e) {
      if (e instanceof ApiError && RESTART_CODES.has(e.code)) {
        onBack(e.message);
        return;
      }
      setError(e instanceof Error ? e.message : String(e));
      form.resetFields();
    } finally {
      setPending(false);
    }
  };

  return (
    <Form form={form} layout="vertical" size="large" onFinish={submit} requiredMark={false}>
      {error && <Alert type="error" showIcon title={error} className="auth-alert" data-testid="login-error" />}
      <Form.Item
        name="code"
        label={t.login.code}
        rules={[{ required: true, pattern: /^\d{6}$/, message: t.login.codeRequired }]}
      >
        <Input.OTP length={6} autoFocus data-testid="totp-code" />
      </Form.Item>
      <Button type="primary" htmlType="submit" block loading={pending} data-testid="totp-submit">
        {submitText}
      </Button>
      <Button type="link" block onClick={() => onBack()}>
        {t.login.back}
      </Button>
    </Form>
  );
}
