import { SafetyOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, DatePicker, Descriptions, Flex, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import type { AuditVerifyResult } from '../../../../shared/src/audit';
import { api } from '../../app/api';
import { useShowError } from '../../app/forms';
import { useI18n } from '../../app/i18n';
import { formatTime } from '../../app/time';

/**
 * Re-computes the keyed hash chain on the server, compares it with the signed checkpoints kept outside the database,
 * and says whether it is intact or which row broke it and how (edited, forged, deleted, cut off).
 */
export function AuditVerify() {
  const { t } = useI18n();
  const a = t.audit;
  const showError = useShowError();
  // A mutation, not a query: the check is an explicit, on-demand act over every row, never a cached view.
  // Empty: the whole chain; a day: that day's records only (seconds at any size of the log).
  const [day, setDay] = useState<Dayjs | null>(null);
  const verify = useMutation({
    mutationFn: (date: string | null) =>
      api.get<AuditVerifyResult>(date ? `/audit/verify?date=${date}` : '/audit/verify').then((r) => ({ ...r, date })),
    onError: showError,
  });
  const result = verify.data;
  const broken = result?.firstBroken;
  const latest = result?.checkpoints.latestAt ? formatTime(result.checkpoints.latestAt, 'YYYY-MM-DD HH:mm:ss') : null;
  return (
    <Card size="small">
      <Flex gap={16} align="flex-start" wrap>
        <Flex gap={8} wrap>
          <DatePicker
            value={day}
            onChange={setDay}
            placeholder={a.verifyDayPlaceholder}
            aria-label={a.verifyDay}
            data-testid="audit-verify-day"
          />
          <Button
            icon={<SafetyOutlined />}
            loading={verify.isPending}
            onClick={() => verify.mutate(day ? day.format('YYYY-MM-DD') : null)}
            data-testid="audit-verify"
          >
            {a.verify}
          </Button>
        </Flex>
        {result && (
          <Alert
            className="verify-result"
            style={{ flex: '1 1 420px' }}
            showIcon
            type={result.ok ? 'success' : 'error'}
            title={
              !result.ok
                ? a.verifyBroken
                : result.date
                  ? a.verifyDayOk(result.date, result.checked)
                  : a.verifyOk(result.checked, result.chains)
            }
            description={
              <Flex vertical gap={6}>
                {broken && (
                  <Descriptions
                    size="small"
                    column={1}
                    bordered
                    styles={{ label: { whiteSpace: 'nowrap' } }}
                    data-testid="audit-verify-broken"
                  >
                    <Descriptions.Item label={a.brokenReason}>
                      <Tag color="red">{a.breakKinds[broken.kind] ?? broken.kind}</Tag>
                      {broken.reason}
                    </Descriptions.Item>
                    <Descriptions.Item label={a.brokenPark}>{broken.parkId}</Descriptions.Item>
                    <Descriptions.Item label={a.brokenSeq}>{broken.seq}</Descriptions.Item>
                    <Descriptions.Item label={a.brokenId}>{broken.id || '—'}</Descriptions.Item>
                  </Descriptions>
                )}
                {result.legacy > 0 && <Typography.Text type="secondary">{a.legacyNote(result.legacy)}</Typography.Text>}
                <Typography.Text type={result.checkpoints.valid ? 'secondary' : 'warning'}>
                  {a.checkpointsNote(result.checkpoints.valid, latest)}
                </Typography.Text>
                {result.warnings.map((w) => (
                  <Typography.Text key={w} type="warning">
                    {w}
                  </Typography.Text>
                ))}
              </Flex>
            }
            data-testid="audit-verify-result"
          />
        )}
      </Flex>
    </Card>
  );
}
