import { ArrowRightOutlined, ShopOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions } from 'antd';
import { useNavigate } from 'react-router-dom';
import type { HomeStats } from '../../../../shared/src/home';
import { useI18n } from '../../app/i18n';
import { EnterpriseStatusTag, SupervisionTags } from '../enterprises/EnterpriseTags';

/** An enterprise user's home: its own enterprise, nothing of anyone else's. */
export function EnterpriseCard({ enterprise }: { enterprise: NonNullable<HomeStats['enterprise']> }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <Card
      title={
        <span>
          <ShopOutlined /> {t.home.myEnterprise}
        </span>
      }
      extra={
        <Button type="link" onClick={() => navigate('/my-enterprise')}>
          {t.home.viewRecord} <ArrowRightOutlined />
        </Button>
      }
      className="card-fill"
      data-testid="own-enterprise-card"
    >
      <Descriptions
        column={{ xs: 1, md: 2 }}
        items={[
          { key: 'name', label: t.enterprise.name, children: enterprise.name },
          { key: 'creditCode', label: t.enterprise.creditCode, children: enterprise.creditCode },
          { key: 'status', label: t.enterprise.status, children: <EnterpriseStatusTag status={enterprise.status} /> },
          {
            key: 'tags',
            label: t.enterprise.tags,
            children: <SupervisionTags tags={enterprise.tags} empty={t.home.noTags} />,
          },
        ]}
      />
    </Card>
  );
}
