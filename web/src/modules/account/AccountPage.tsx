import { App, Card, Col, Descriptions, Row, Tag } from 'antd';
import { ROLE_LABELS } from '../../../../shared/src/labels';
import { useAuth, useMe } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { PageContainer } from '../../app/ui/PageContainer';
import { PasswordChangeForm } from '../auth/PasswordChangeForm';
import { TotpCard } from './TotpCard';

export default function AccountPage() {
  const { t, l } = useI18n();
  const me = useMe();
  const { refresh } = useAuth();
  const { message } = App.useApp();
  return (
    <PageContainer title={t.menu.account}>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Card title={t.account.profile}>
            <Descriptions
              column={1}
              bordered
              size="small"
              styles={{ label: { width: 140 } }}
              items={[
                { key: 'username', label: t.users.username, children: me.username },
                { key: 'displayName', label: t.users.displayName, children: me.displayName },
                { key: 'role', label: t.users.role, children: l(ROLE_LABELS, me.role) },
                { key: 'organisation', label: t.users.organisation, children: me.organisationName },
                { key: 'park', label: t.account.park, children: me.parkName },
                {
                  key: 'totp',
                  label: t.account.totpTitle,
                  children: me.totpEnabled ? (
                    <Tag color="success">{t.account.totpOn}</Tag>
                  ) : (
                    <Tag>{t.account.totpOff}</Tag>
                  ),
                },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card title={t.account.changePassword}>
            <PasswordChangeForm
              onChanged={() => {
                message.success(t.password.changed);
                void refresh();
              }}
            />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <TotpCard />
        </Col>
      </Row>
    </PageContainer>
  );
}
