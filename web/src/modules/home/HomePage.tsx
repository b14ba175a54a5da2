import { useQuery } from '@tanstack/react-query';
import { Col, Row, Typography } from 'antd';
import dayjs from 'dayjs';
import type { HomeStats } from '../../../../shared/src/home';
import { api } from '../../app/api';
import { useMe } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { PARK_TZ } from '../../app/time';
import { PageContainer } from '../../app/ui/PageContainer';
import { PageLoading } from '../../app/ui/PageLoading';
import { QueryError } from '../../app/ui/QueryError';
import { AccountSafetyCard } from './AccountSafetyCard';
import { EnterpriseCard } from './EnterpriseCard';
import { ParkCharts } from './ParkCharts';
import { StatCards } from './StatCards';

export function useHomeStats() {
  return useQuery({ queryKey: ['home'], queryFn: () => api.get<HomeStats>('/home') });
}

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
        </Row>
      ) : (
        <>
          <StatCards stats={stats.data} />
          <ParkCharts enterprises={stats.data.enterprises} />
        </>
      )}
    </PageContainer>
  );
}
