import { DownloadOutlined, ExportOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, App, Button, Flex, Modal, Progress, Result, Typography } from 'antd';
import { useState } from 'react';
import type { JobView } from '../../../../shared/src/io';
import { JOB_STATUS_LABELS } from '../../../../shared/src/labels';
import { api } from '../../app/api';
import { formatTime } from '../../app/time';
import type { EnterpriseFilterValues } from './listPrefs';
import { useEnterpriseText } from './text';
import { useJob } from './useJob';

/**
 * 导出: the server writes the workbook in the background (a city's registry may hold many thousands of enterprises);
 * this starts the job with the list's filters, shows its progress and then offers the file.
 */
export function ExportButton({
  filters,
  path = '/enterprises/export',
  title,
  scope,
  testId = 'enterprise-export',
}: {
  filters: EnterpriseFilterValues | Record<string, unknown>;
  /** Another register's export job (e.g. risk points) through the same button and dialog. */
  path?: string;
  title?: string;
  scope?: string;
  testId?: string;
}) {
  const { x, l } = useEnterpriseText();
  const { message } = App.useApp();
  const [jobId, setJobId] = useState<string | null>(null);
  const start = useMutation({
    mutationFn: () => api.post<{ job: JobView }>(path, filters),
    onSuccess: (answer) => setJobId(answer.job.id),
    onError: (error) => message.error(error.message),
  });
  const job = useJob(jobId);
  const close = () => setJobId(null);

  const j = job.data;
  const percent = j?.status === 'succeeded' ? 100 : j?.total ? Math.floor((j.progress / j.total) * 100) : 0;
  return (
    <>
      <Button icon={<ExportOutlined />} loading={start.isPending} onClick={() => start.mutate()} data-testid={testId}>
        {x.list.export}
      </Button>
      <Modal
        title={title ?? x.export.title}
        open={jobId !== null}
        onCancel={close}
        footer={<Button onClick={close}>{x.import.close}</Button>}
        destroyOnHidden
      >
        <div data-testid="export-modal">
          <Typography.Paragraph type="secondary">{scope ?? x.export.scope}</Typography.Paragraph>
          {job.isError ? (
            <Alert type="error" showIcon title={x.export.failed} description={job.error.message} />
          ) : j?.status === 'failed' ? (
            <Alert type="error" showIcon title={x.export.failed} description={j.error ?? j.message} />
          ) : j?.status === 'succeeded' && j.downloadUrl ? (
            <Result
              status="success"
              title={x.export.done}
              subTitle={
                <>
                  <div>{j.message}</div>
                  {j.expiresAt && <div>{x.export.expires(formatTime(j.expiresAt))}</div>}
                </>
              }
              extra={
                <Button
                  type="primary"
                  icon={<DownloadOutlined />}
                  href={j.downloadUrl}
                  download={j.resultName ?? true}
                  data-testid="export-download"
                >
                  {x.export.download}
                </Button>
              }
            />
          ) : (
            <Flex vertical gap={8} className="job-progress">
              <Progress percent={percent} status="active" />
              <Typography.Text type="secondary" data-testid="export-progress">
                {j
                  ? `${l(JOB_STATUS_LABELS, j.status)} · ${x.export.progress(j.progress, j.total)}`
                  : x.export.starting}
              </Typography.Text>
            </Flex>
          )}
        </div>
      </Modal>
    </>
  );
}
