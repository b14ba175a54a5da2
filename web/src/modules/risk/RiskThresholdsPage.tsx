// 风险阈值 (admin): the lower bounds of 重大 / 较大 / 一般 per method. No national rule fixes them, so the park sets
// its own; the page shows the bands the new values give before saving, and asks for confirmation because every
// point and enterprise level of the park is recomputed at once.
import { SaveOutlined, UndoOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Flex,
  Form,
  InputNumber,
  Row,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useEffect } from 'react';
import type { z } from 'zod';
import {
  bandRanges,
  type MethodThresholds,
  RISK_LEVELS,
  RISK_METHODS,
  type RiskMethod,
  type ThresholdsChanged,
  type ThresholdsView,
} from '../../../../shared/src/risk';
import { api } from '../../app/api';
import { formatTime } from '../../app/time';
import { PageContainer } from '../../app/ui/PageContainer';
import { PageLoading } from '../../app/ui/PageLoading';
import { QueryError } from '../../app/ui/QueryError';
import { LevelTag, riskKeys } from './common';
import { RISK_LEVEL_LABELS, RISK_METHOD_LABELS } from './labels';
import { useRiskText } from './text';
import './risk.css';

type Values = Record<RiskMethod, Partial<MethodThresholds>>;
const BOUNDS = ['major', 'significant', 'general'] as const;

export default function RiskThresholdsPage() {
  const { r, t } = useRiskText();
  const thresholds = useQuery({
    queryKey: riskKeys.thresholds,
    queryFn: () => api.get<ThresholdsView>('/risk/thresholds'),
  });
  return (
    <PageContainer title={t.menu.riskThresholds}>
      <Alert type="info" showIcon title={r.thresholds.intro} />
      {thresholds.isError ? (
        <Card>
          <QueryError error={thresholds.error} onRetry={() => void thresholds.refetch()} />
        </Card>
      ) : thresholds.data ? (
        <Row gutter={[16, 16]}>
          {RISK_METHODS.map((method) => (
            <Col key={method} xs={24} xl={12}>
              <MethodCard method={method} view={thresholds.data} />
            </Col>
          ))}
        </Row>
      ) : (
        <PageLoading />
      )}
    </PageContainer>
  );
}

function MethodCard({ method, view }: { method: RiskMethod; view: ThresholdsView }) {
  const { r, l } = useRiskText();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const current = Form.useWatch(method, form) as Partial<MethodThresholds> | undefined;
  const g = r.thresholds;
  useEffect(() => {
    form.setFieldsValue({ [method]: view[method] } as Values);
  }, [form, method, view]);

  const save = useMutation({
    mutationFn: (value: MethodThresholds | null) =>
      api.put<z.infer<typeof ThresholdsChanged>>('/risk/thresholds', { [method]: value }),
    onSuccess: (answer) => {
      queryClient.setQueryData(riskKeys.thresholds, answer.thresholds);
      void queryClient.invalidateQueries({ queryKey: riskKeys.all });
      void queryClient.invalidateQueries({ queryKey: ['enterprises'] });
      message.success(g.done(answer.points, answer.pointsChanged, answer.enterprisesChanged));
    },
    onError: (error) => message.error(error.message),
  });
  const confirm = (value: MethodThresholds | null) =>
    modal.confirm({
      title: g.confirmTitle,
      content: g.confirmText,
      okText: g.confirmOk,
      okButtonProps: { 'data-testid': 'thresholds-confirm' } as Record<string, string>,
      onOk: () => save.mutateAsync(value),
    });

  const complete =
    current && BOUNDS.every((b) => typeof current[b] === 'number') ? (current as MethodThresholds) : null;
  const ordered = complete && complete.major > complete.significant && complete.significant > complete.general;
  const preview = ordered ? bandRanges(method, { ...view, [method]: complete } as never) : null;
  const isDefault = view.isDefault[method];

  return (
    <Card
      title={
        <Space>
          {l(RISK_METHOD_LABELS, method)}
          <Tag color={isDefault ? 'default' : 'blue'}>{isDefault ? g.isDefault : g.custom}</Tag>
        </Space>
      }
      data-testid={`thresholds-${method}`}
    >
      <Form<Values> form={form} layout="vertical" onFinish={(v) => confirm(v[method] as MethodThresholds)}>
        <Row gutter={12}>
          {BOUNDS.map((b) => (
            <Col span={8} key={b}>
              <Form.Item
                name={[method, b]}
                label={g.lower(l(RISK_LEVEL_LABELS, b))}
                rules={[{ required: true, message: g.lower(l(RISK_LEVEL_LABELS, b)) }]}
              >
                <InputNumber
                  min={0.01}
                  max={10000}
                  step={method === 'LS' ? 1 : 10}
                  className="risk-full"
                  data-testid={`threshold-${method}-${b}`}
                />
              </Form.Item>
            </Col>
          ))}
        </Row>
        <Typography.Paragraph type="secondary">{view.comparison[method] === 'gt' ? g.gt : g.gte}</Typography.Paragraph>
        {complete && !ordered && <Alert type="error" showIcon title={g.order} className="risk-form-alert" />}
        {preview && (
          <Descriptions column={1} size="small" bordered title={g.preview} className="risk-form-alert">
            {RISK_LEVELS.map((level) => (
              <Descriptions.Item key={level} label={<LevelTag level={level} />}>
                <span className="risk-calc-formula">{preview[level]}</span>
              </Descriptions.Item>
            ))}
          </Descriptions>
        )}
        <Typography.Paragraph type="secondary">
          {g.isDefault}：{BOUNDS.map((b) => `${l(RISK_LEVEL_LABELS, b)} ${view.defaults[method][b]}`).join(' · ')}
          {view.updatedAt && view.updatedByName && (
            <div>{g.updatedBy(view.updatedByName, formatTime(view.updatedAt))}</div>
          )}
        </Typography.Paragraph>
        <Flex justify="flex-end" gap={8}>
          {!isDefault && (
            <Button icon={<UndoOutlined />} onClick={() => confirm(null)} data-testid={`thresholds-restore-${method}`}>
              {g.restore}
            </Button>
          )}
          <Button
            type="primary"
            htmlType="submit"
            icon={<SaveOutlined />}
            disabled={!ordered}
            loading={save.isPending}
            data-testid={`thresholds-save-${method}`}
          >
            {g.save}
          </Button>
        </Flex>
      </Form>
    </Card>
  );
}
