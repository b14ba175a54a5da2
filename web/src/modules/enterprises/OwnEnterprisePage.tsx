import { Card, Result } from 'antd';
import { useMe } from '../../app/auth';
import { PageContainer } from '../../app/ui/PageContainer';
import { EnterpriseRecord } from './EnterpriseRecord';
import { useEnterpriseText } from './text';

/** An enterprise user's own record (本企业档案): the same page the committee opens, limited to what it may change. */
export default function OwnEnterprisePage() {
  const { t, x } = useEnterpriseText();
  const { enterpriseId } = useMe();
  if (!enterpriseId) {
    return (
      <PageContainer title={t.menu.myEnterprise}>
        <Card>
          <Result status="warning" title={x.detail.unboundEnterprise} />
        </Card>
      </PageContainer>
    );
  }
  return <EnterpriseRecord enterpriseId={enterpriseId} own />;
}
