import { DownloadOutlined, FileExcelOutlined, InboxOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Checkbox,
  Col,
  Flex,
  Form,
  Modal,
  Progress,
  Radio,
  Result,
  Row,
  Statistic,
  Table,
  Typography,
  Upload,
} from 'antd';
import { useEffect, useMemo, useState } from 'react';
import type { ImportOptions, ImportResult, ImportRowError, JobView } from '../../../../shared/src/io';
import { JOB_STATUS_LABELS } from '../../../../shared/src/labels';
import { api } from '../../app/api';
import { enterpriseKeys } from './rights';
import { useEnterpriseText } from './text';
import { useJob } from './useJob';
import './enterprises.css';

const MAX_BYTES = 10 * 1024 * 1024;

/** What differs when another register (e.g. risk points) imports through the same dialog. */
export interface ImportTarget {
  /** POST endpoint of the upload (without /api). */
  path: string;
  templateUrl: string;
  title: string;
  templateHint: string;
  onExistingLabel: string;
  /** Query keys to refetch after rows were saved. */
  invalidate: readonly (readonly unknown[])[];
}

/**
 * 导入: the supervisor picks how errors and existing enterprises are handled, uploads the workbook, and reads the
 * outcome — counts, every error by row and column, and the error workbook to correct and upload again.
 */
export function ImportModal({
  open,
  onClose,
  target: custom,
}: {
  open: boolean;
  onClose: () => void;
  target?: ImportTarget;
}) {
  const { x, l } = useEnterpriseText();
  const target = useMemo<ImportTarget>(
    () =>
      custom ?? {
        path: '/enterprises/import',
        templateUrl: '/api/enterprises/import/template',
        title: x.import.title,
        templateHint: x.import.templateHint,
        onExistingLabel: x.import.onExisting,
        invalidate: [enterpriseKeys.list, ['home']],
      },
    [custom, x],
  );
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Pick<ImportOptions, 'mode' | 'onExisting' | 'dryRun'>>();
  const [file, setFile] = useState<File | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const job = useJob(jobId);

  const upload = useMutation({
    mutationFn: (options: Pick<ImportOptions, 'mode' | 'onExisting' | 'dryRun'>) => {
      const body = new FormData();
      body.set('mode', options.mode);
      body.set('onExisting', options.onExisting);
      body.set('dryRun', String(Boolean(options.dryRun)));
      body.set('file', file!, file!.name);
      return api.upload<ImportResult | { job: JobView }>(`${target.path}?wait=20`, body, {
        tooLarge: x.misc.tooLarge,
      });
    },
    onSuccess: ({ status, data }) => {
      if (status === 202 && 'job' in data) setJobId(data.job.id);
      else setResult(data as ImportResult);
    },
    onError: (error) => message.error(error.message),
  });

  // A long import answers 202 and goes on in the background; its result arrives with the finished job.
  const j = jobId ? job.data : undefined;
  const shown = result ?? (j?.status === 'succeeded' && j.result ? (j.result as ImportResult) : null);
  const failed = j?.status === 'failed' ? (j.error ?? j.message ?? x.export.failed) : null;
  const running = upload.isPending || (jobId !== null && !shown && !failed);

  useEffect(() => {
    if (shown?.outcome === 'saved' && shown.created + shown.updated > 0) {
      for (const queryKey of target.invalidate) void queryClient.invalidateQueries({ queryKey });
    }
  }, [shown, queryClient, target.invalidate]);

  const again = () => {
    setResult(null);
    setFile(null);
    setJobId(null);
    upload.reset();
  };

  return (
    <Modal
      title={target.title}
      open={open}
      width={880}
      onCancel={onClose}
      afterOpenChange={(visible) => {
        if (!visible) {
          again();
          form.resetFields();
        }
      }}
      footer={
        shown || failed ? (
          <Flex justify="flex-end" gap={8}>
            <Button onClick={again} data-testid="import-again">
              {x.import.again}
            </Button>
            <Button type="primary" onClick={onClose}>
              {x.import.close}
            </Button>
          </Flex>
        ) : (
          <Flex justify="flex-end" gap={8}>
            <Button onClick={onClose}>{x.import.close}</Button>
            <Button
              type="primary"
              loading={running}
              onClick={() => (file ? form.submit() : message.warning(x.import.chooseFile))}
              data-testid="import-submit"
            >
              {x.import.start}
            </Button>
          </Flex>
        )
      }
    >
      <div data-testid="import-modal">
        {shown ? (
          <ImportOutcome result={shown} />
        ) : failed ? (
          <Alert type="error" showIcon title={x.import.failed} description={failed} />
        ) : running ? (
          <Flex vertical gap={8} className="job-progress">
            <Typography.Text>{x.import.running}</Typography.Text>
            <Progress
              percent={j?.total ? Math.floor((j.progress / j.total) * 100) : 0}
              status="active"
              showInfo={Boolean(j?.total)}
            />
            {j && (
              <Typography.Text type="secondary">
                {l(JOB_STATUS_LABELS, j.status)}
                {j.message ? ` · ${j.message}` : ''}
              </Typography.Text>
            )}
          </Flex>
        ) : (
          <>
            <Alert
              type="info"
              showIcon
              className="modal-alert"
              title={target.templateHint}
              action={
                <Button
                  size="small"
                  icon={<DownloadOutlined />}
                  href={target.templateUrl}
                  data-testid="import-template"
                >
                  {x.import.template}
                </Button>
              }
            />
            <Form
              form={form}
              layout="vertical"
              initialValues={{ mode: 'allOrNothing', onExisting: 'skip', dryRun: false }}
              onFinish={(v) => upload.mutate(v)}
            >
              <Row gutter={24}>
                <Col span={14}>
                  <Form.Item name="mode" label={x.import.mode}>
                    <Radio.Group
                      data-testid="import-mode"
                      options={[
                        {
                          value: 'allOrNothing',
                          label: (
                            <span>
                              {x.import.allOrNothing}
                              <span className="option-hint">{x.import.allOrNothingHint}</span>
                            </span>
                          ),
                        },
                        {
                          value: 'validRows',
                          label: (
                            <span>
                              {x.import.validRows}
                              <span className="option-hint">{x.import.validRowsHint}</span>
                            </span>
                          ),
                        },
                      ]}
                      className="option-list"
                    />
                  </Form.Item>
                </Col>
                <Col span={10}>
                  <Form.Item name="onExisting" label={target.onExistingLabel}>
                    <Radio.Group
                      optionType="button"
                      buttonStyle="solid"
                      options={[
                        { value: 'update', label: x.import.update },
                        { value: 'skip', label: x.import.skip },
                      ]}
                      data-testid="import-onExisting"
                    />
                  </Form.Item>
                  <Form.Item name="dryRun" valuePropName="checked">
                    <Checkbox>{x.import.dryRun}</Checkbox>
                  </Form.Item>
                </Col>
              </Row>
            </Form>
            <Upload.Dragger
              accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              maxCount={1}
              fileList={file ? [{ uid: 'file', name: file.name, size: file.size, status: 'done' }] : []}
              beforeUpload={(f) => {
                if (!f.name.toLowerCase().endsWith('.xlsx')) {
                  message.error(x.import.wrongType);
                  return Upload.LIST_IGNORE;
                }
                if (f.size > MAX_BYTES) {
                  message.error(x.import.dragHint);
                  return Upload.LIST_IGNORE;
                }
                setFile(f);
                return false;
              }}
              onRemove={() => setFile(null)}
              data-testid="import-file"
            >
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p className="ant-upload-text">{x.import.drag}</p>
              <p className="ant-upload-hint">{x.import.dragHint}</p>
            </Upload.Dragger>
          </>
        )}
      </div>
    </Modal>
  );
}

function ImportOutcome({ result: r }: { result: ImportResult }) {
  const { x } = useEnterpriseText();
  const s = x.import.stats;
  const stats: [string, number, string?][] = [
    [s.rows, r.rows],
    [s.validRows, r.validRows, '#1a7f37'],
    [s.invalidRows, r.invalidRows, r.invalidRows ? '#cf1322' : undefined],
    [s.created, r.created],
    [s.updated, r.updated],
    [r.onExisting === 'skip' ? s.skipped : s.unchanged, r.onExisting === 'skip' ? r.skipped : r.unchanged],
  ];
  const status = r.outcome === 'rejected' ? 'error' : r.errorCount > 0 ? 'warning' : 'success';
  return (
    <div data-testid="import-result">
      <Result
        className="import-result"
        status={status}
        icon={status === 'success' ? undefined : <FileExcelOutlined />}
        title={<span data-testid="import-outcome">{x.import.outcome[r.outcome]}</span>}
        subTitle={r.outcome === 'rejected' ? x.import.rejectedHint : undefined}
      />
      <Row gutter={12} className="import-stats">
        {stats.map(([title, value, color]) => (
          <Col span={4} key={title}>
            <Statistic title={title} value={value} styles={color ? { content: { color } } : undefined} />
          </Col>
        ))}
      </Row>
      {r.errorCount > 0 && (
        <>
          <Flex justify="space-between" align="center" className="import-errors-head">
            <Typography.Text strong>
              {x.import.errorList}
              {x.misc.counted(r.errorCount)}
            </Typography.Text>
            {r.errorReportUrl && (
              <Button
                icon={<DownloadOutlined />}
                href={r.errorReportUrl}
                download
                danger
                data-testid="import-error-report"
              >
                {x.import.downloadErrors}
              </Button>
            )}
          </Flex>
          {r.errorCount > r.errors.length && (
            <Typography.Paragraph type="secondary">
              {x.import.truncated(r.errors.length, r.errorCount)}
            </Typography.Paragraph>
          )}
          <Table<ImportRowError>
            rowKey={(e) => `${e.row}-${e.column}-${e.message}`}
            size="small"
            dataSource={r.errors}
            pagination={{ pageSize: 8, hideOnSinglePage: true, showSizeChanger: false }}
            columns={[
              { title: x.import.row, dataIndex: 'row', width: 90, render: (n: number) => x.import.rowNo(n) },
              { title: x.import.column, dataIndex: 'column', width: 170 },
              { title: x.import.reason, dataIndex: 'message' },
            ]}
            data-testid="import-errors"
          />
        </>
      )}
    </div>
  );
}
