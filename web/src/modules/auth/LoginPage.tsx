import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input } from 'antd';
import { useState } from 'react';
import type { LoginResult } from '../../../../shared/src/auth';
import { ApiError, api } from '../../app/api';
import { useAuth } from '../../app/auth';
import { markFields } from '../../app/forms';
import { useI18n } from '../../app/i18n';
import { AuthScreen } from './AuthScreen';
import { TotpLoginStep, TotpSetupStep } from './TotpSteps';

type Step =
  | { kind: 'credentials' }
  | { kind: 'totp'; challenge: string }
  | { kind: 'setup'; challenge: string; secret: string; otpauthUrl: string };

export function LoginPage() {
  const { t } = useI18n();
  const { signedIn } = useAuth();
  const [step, setStep] = useState<Step>({ kind: 'credentials' });
  // Why the second step sent the user back (a challenge used up or expired, the account locked).
  const [notice, setNotice] = useState<string | null>(null);

  const onResult = (result: LoginResult) => {
    setNotice(null);
    if (result.status === 'ok') signedIn(result);
    else if (result.status === 'totpRequired') setStep({ kind: 'totp', challenge: result.challenge });
    else setStep({ kind: 'setup', ...result });
  };
  const restart = (message?: string) => {
    setNotice(message ?? null);
    setStep({ kind: 'credentials' });
  };

  if (step.kind === 'totp') {
    return (
      <AuthScreen title={t.login.totpTitle}>
        <TotpLoginStep challenge={step.challenge} onResult={onResult} onBack={restart} />
      </AuthScreen>
    );
  }
  if (step.kind === 'setup') {
    return (
      <AuthScreen title={t.login.setupTitle}>
        <TotpSetupStep {...step} onResult={onResult} onBack={restart} />
      </AuthScreen>
    );
  }
  return (
    <AuthScreen title={t.login.title}>
      <CredentialsForm onResult={onResult} notice={notice} />
    </AuthScreen>
  );
}

function CredentialsForm({ onResult, notice }: { onResult: (result: LoginResult) => void; notice: string | null }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ username: string; password: string }>();
  const [error, setError] = useState<string | null>(notice);
  const [pending, setPending] = useState(false);

  const submit = async (values: { username: string; password: string }) => {
    setPending(true);
    setError(null);
    try {
      onResult(await api.post<LoginResult>('/auth/login', values));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      if (e instanceof ApiError) markFields(form, e);
      form.setFieldValue('password', '');
    } finally {
      setPending(false);
    }
  };

  return (
    <Form form={form} layout="vertical" size="large" onFinish={submit} requiredMark={false}>
      {error && <Alert type="error" showIcon title={error} className="auth-alert" data-testid="login-error" />}
      <Form.Item
        name="username"
        label={t.login.username}
        rules={[{ required: true, message: t.login.usernameRequired }]}
      >
        <Input prefix={<UserOutlined />} autoComplete="username" autoFocus data-testid="login-username" />
      </Form.Item>
      <Form.Item
        name="password"
        label={t.login.password}
        rules={[{ required: true, message: t.login.passwordRequired }]}
      >
        <Input.Password prefix={<LockOutlined />} autoComplete="current-password" data-testid="login-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit" block loading={pending} data-testid="login-submit">
        {t.login.submit}
      </Button>
    </Form>
  );
}
