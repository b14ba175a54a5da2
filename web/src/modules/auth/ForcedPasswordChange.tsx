import { Alert, App, Button } from 'antd';
import { useAuth } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { AuthScreen } from './AuthScreen';
import { PasswordChangeForm } from './PasswordChangeForm';

/** Until a first-login or reset password is replaced, this is the only screen the user gets. */
export function ForcedPasswordChange() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { refresh, signOut } = useAuth();
  return (
    <AuthScreen title={t.password.forcedTitle}>
      <Alert type="warning" showIcon title={t.password.forcedHint} className="auth-alert" data-testid="forced-change" />
      <PasswordChangeForm
        block
        onChanged={() => {
          message.success(t.password.changed);
          void refresh();
        }}
      />
      <Button type="link" block onClick={() => void signOut()}>
        {t.header.logout}
      </Button>
    </AuthScreen>
  );
}
