import { SafetyOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Tag } from 'antd';
import { useNavigate } from 'react-router-dom';
import { ROLE_LABELS } from '../../../../shared/src/labels';
import { useMe } from '../../app/auth';
import { useI18n } from '../../app/i18n';

/** Who is signed in for the enterprise, and a nudge towards a second factor while there is none. */
export function AccountSafetyCard() {
  const { t, l } = useI18n();
  const me = useMe();
  const navigate = useNavigate();
  return (
    <Card
      title={
        <span>
          <SafetyOutlined /> {t.home.accountSafety}
        </span>
      }
      className="card-fill"
    >
      <Descriptions
        column={1}
        size="small"
        items={[
          { key: 'user', label: t.users.displayName, children: `${me.displayName}（${me.username}）` },
          { key: 'role', label: t.users.role, children: l(ROLE_LABELS, me.role) },
          {
            key: 'totp',
            label: t.account.totpTitle,
            children: me.totpEnabled ? <Tag color="success">{t.account.totpOn}</Tag> : <Tag>{t.account.totpOff}</Tag>,
          },
        ]}
      />
      {!me.totpEnabled && (
        <Alert
          type="warning"
          showIcon
          title={t.home.totpAdvice}
          action={
            <Button size="small" onClick={() => navigate('/account')}>
              {t.home.goToAccount}
            </Button>
          }
        />
      )}
    </Card>
  );
}
