import { SafetyOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, Flex } from 'antd';
import type { AuditVerifyResult } from '../../../../shared/src/audit';
import { api } from '../../app/api';
import { useShowError } from '../../app/forms';
import { useI18n } from '../../app/i18n';

/** Re-computes the tamper-evident hash chain on the server and says whether it is intact. */
export function AuditVerify() {
  const { t } = useI18n();
  const a = t.audit;
  const showError = useShowError();
  // A mutation, not a query: the check is an explicit, on-demand act over every row, never a cached view.
  const verify = useMutation({
    mutationFn: () => api.get<AuditVerifyResult>('/audit/verify'),
    onError: showError,
  });
  const result = verify.data;
  return (
    <Card size="small">
      <Flex gap={16} align="center" wrap>
        <Button
          icon={<SafetyOutlined />}
          loading={verify.isPending}
          onClick={() => verify.mutate()}
          data-testid="audit-verify"
        >
          {a.verify}
        </Button>
        {result && (
          <Alert
            className="verify-result"
            showIcon
            type={result.ok ? 'success' : 'error'}
            title={result.ok ? a.verifyOk(result.checked, result.chains) : a.verifyBroken}
            description={
              result.firstBroken &&
              a.brokenAt(result.firstBroken.parkId, result.firstBroken.seq, result.firstBroken.reason)
            }
            data-testid="audit-verify-result"
          />
        )}
      </Flex>
    </Card>
  );
}
