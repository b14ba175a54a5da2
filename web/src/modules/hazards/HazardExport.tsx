// 导出台账: the server writes the ledger's workbook in the background (a city may hold millions of hazards) with the
// ledger's current conditions and the user's data scope; this starts the job, follows it and offers the file.
import { DownloadOutlined, ExportOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Flex, Modal, Progress, Result, Typography } from 'antd';
import { useState } from 'react';
import type { JobView } from '../../../../shared/src/io';
import { JOB_STATUS_LABELS } from '../../../../shared/src/labels';
import { api } from '../../app/api';
import type { LedgerFilters } from './HazardFilters';
import { useHazardText } from './text';

const finished = (job: JobView | undefined) => job?.status === 'succeeded' || job?.status === 'failed';

export function HazardExport({ filters, block }: { filters: LedgerFilters; block?: boolean }) {
  const { h, l } = useHazardText();
  const { message } = App.useApp();
  const [jobId, setJobId] = useState<string | null>(null);
  const start = useMutation({
    mutationFn: () => api.post<{ job: JobView }>('/hazards/export', filters),
    onSuccess: (answer) => setJobId(answer.job.id),
    onError: (error) => message.error(error.message),
  });
  const job = useQuery({
    queryKey: ['jobs', jobId],
    queryFn: () => api.get<JobView>(`/jobs/${jobId}`),
    enabled: jobId !== null,
    refetchInterval: (q) => (finished(q.state.data) ? false : 1000),
    staleTime: 0,
  });
  const j = job.data;
  const e = h.export;
  const percent = j?.status === 'succeeded' ? 100 : j?.total ? Math.floor((j.progress / j.total) * 100) : 0;
  const close = () => setJobId(null);

  return (
    <>
      <Button
        icon={<ExportOutlined />}
        loading={start.isPending}
        onClick={() => start.mutate()}
        block={block}
        data-testid="hazard-export"
      >
        {e.button}
      </Button>
      <Modal
        title={e.title}
        open={jobId !== null}
        onCancel={close}
        footer={<Button onClick={close}>{h.detail.close}</Button>}
        destroyOnHidden
      >
        <div data-testid="hazard-export-modal">
          <Typography.Paragraph type="secondary">{e.scope}</Typography.Paragraph>
          {job.isError ? (
            <Alert type="error" showIcon title={e.failed} description={job.error.message} />
          ) : j?.status === 'failed' ? (
            <Alert type="error" showIcon title={e.failed} description={j.error ?? j.message} />
          ) : j?.status === 'succeeded' && j.downloadUrl ? (
            <Result
              status="success"
              title={e.done}
              subTitle={j.message}
              extra={
                <Button
                  type="primary"
                  icon={<DownloadOutlined />}
                  href={j.downloadUrl}
                  download={j.resultName ?? true}
                  data-testid="hazard-export-download"
                >
                  {e.download}
                </Button>
              }
            />
          ) : (
            <Flex vertical gap={8}>
              <Progress percent={percent} status="active" />
              <Typography.Text type="secondary">
                {j ? `${l(JOB_STATUS_LABELS, j.status)} · ${j.progress}/${j.total ?? '?'}` : e.starting}
              </Typography.Text>
            </Flex>
          )}
        </div>
      </Modal>
    </>
  );
}
