import { Col, Row, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMe } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { PARK_TZ } from '../../app/time';
import { PageContainer } from '../../app/ui/PageContainer';
import { PageLoading } from '../../app/ui/PageLoading';
import { QueryError } from '../../app/ui/QueryError';
import { HazardHomeCard } from '../hazards/HazardHomeCard';
import { AccountSafetyCard } from './AccountSafetyCard';
import { EnterpriseCard } from './EnterpriseCard';
import { useHomeStats } from './homeStats';
import { ParkCharts } from './ParkCharts';
import { StatCards } from './StatCards';

export default function HomePage() {
  const me = useMe();
  const { t, lang } = useI18n();
  const stats = useHomeStats();
  const today = dayjs()
    .tz(PARK_TZ)
    .format(lang === 'zh' ? 'YYYY年M月D日 dddd' : 'dddd, D MMMM YYYY');

  return (
    <PageContainer
      title={t.home.greeting(me.displayName)}
      isHome
      extra={<Typography.Text type="secondary">{today}</Typography.Text>}
    >
      {stats.isPending ? (
        <PageLoading />
      ) : stats.isError ? (
        <QueryError error={stats.error} onRetry={() => void stats.refetch()} />
      ) : stats.data.enterprise ? (
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={16}>
            <EnterpriseCard enterprise={stats.data.enterprise} />
          </Col>
          <Col xs={24} xl={8}>
            <AccountSafetyCard />
          </Col>
          <Col xs={24}>
            <HazardHomeCard />
          </Col>
        </Row>
      ) : (
        <>
          <StatCards stats={stats.data} />
          <div style={{ marginTop: 16 }}>
            <HazardHomeCard />
          </div>
          <ParkCharts enterprises={stats.data.enterprises} />
        </>
      )}
    </PageContainer>
  );
}
