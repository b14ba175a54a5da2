// An enterprise's own credit: its score, grade and every event that makes it, with the records they come from.
import { useQuery } from '@tanstack/react-query';
import type { CreditDetail } from '../../../../shared/src/credit';
import { api } from '../../app/api';
import { useMe } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { PageContainer } from '../../app/ui/PageContainer';
import { PageLoading } from '../../app/ui/PageLoading';
import { QueryError } from '../../app/ui/QueryError';
import { CreditDetailView } from './CreditDetailView';

export default function MyCreditPage() {
  const { t } = useI18n();
  const me = useMe();
  const one = useQuery({
    queryKey: ['credit', 'detail', me.enterpriseId],
    queryFn: () => api.get<CreditDetail>(`/credit/enterprises/${me.enterpriseId}`),
    enabled: Boolean(me.enterpriseId),
  });
  return (
    <PageContainer title={t.menu.myCredit}>
      {one.isError ? (
        <QueryError error={one.error} onRetry={() => void one.refetch()} />
      ) : one.data ? (
        <CreditDetailView detail={one.data} canAdjust={false} />
      ) : (
        <PageLoading />
      )}
    </PageContainer>
  );
}
