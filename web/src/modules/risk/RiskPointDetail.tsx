// One risk point in a drawer: what and where, the assessment with each factor's meaning, the measures by kind, the
// review (accept, or return with a reason) and the hazards recorded against it (source 管控措施失效).
import { CheckOutlined, DeleteOutlined, EditOutlined, PlusOutlined, RollbackOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Descriptions,
  Drawer,
  Empty,
  Flex,
  Form,
  Input,
  List,
  Modal,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { DUE_STATE_LABELS } from '../../../../shared/src/labels';
import {
  CONTROL_MEASURE_KINDS,
  FACTOR_NAMES,
  type FactorOption,
  LEC_C,
  LEC_E,
  LEC_L,
  type RiskPointDetail,
  SCORE_SYMBOL,
} from '../../../../shared/src/risk';
import { ApiError, api } from '../../app/api';
import { formatTime } from '../../app/time';
import { QueryError } from '../../app/ui/QueryError';
import { GradeTag, StatusTag, useIsMobile } from '../hazards/common';
import { HazardRegisterDrawer } from '../hazards/HazardRegisterDrawer';
import { formatScore, LevelTag, riskKeys, useRiskRights } from './common';
import { ACCIDENT_TYPE_LABELS, MEASURE_LABELS, REVIEW_STATUS_LABELS, TIER_LABELS } from './labels';
import { RiskPointFormDrawer } from './RiskPointForm';
import { useRiskText } from './text';

const REVIEW_COLORS: Record<string, string> = { pending: 'gold', accepted: 'green', returned: 'red' };

export function ReviewTag({ status }: { status: string }) {
  const { l } = useRiskText();
  return (
    <Tag color={REVIEW_COLORS[status]} data-testid="risk-review-status">
      {l(REVIEW_STATUS_LABELS, status)}
    </Tag>
  );
}

export function DueText({ date, due }: { date: string | null; due: string }) {
  const { l } = useRiskText();
  if (!date) return <>—</>;
  return (
    <Space size={4}>
      <Typography.Text type={due === 'overdue' ? 'danger' : due === 'dueSoon' ? 'warning' : undefined}>
        {date}
      </Typography.Text>
      {(due === 'overdue' || due === 'dueSoon') && (
        <Tag color={due === 'overdue' ? 'red' : 'orange'}>{l(DUE_STATE_LABELS, due)}</Tag>
      )}
    </Space>
  );
}

const meaning = (options: readonly FactorOption[], v: number | null) =>
  v === null ? '—' : `${formatScore(v)}（${options.find((o) => o.value === v)?.meaning ?? ''}）`;

export function useRiskPoint(id: string | null) {
  return useQuery({
    queryKey: riskKeys.point(id ?? ''),
    queryFn: () => api.get<RiskPointDetail>(`/risk/points/${id}`),
    enabled: Boolean(id),
  });
}

export function RiskPointDetailDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { r, l } = useRiskText();
  const rights = useRiskRights();
  const mobile = useIsMobile();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const point = useRiskPoint(id);
  const [editing, setEditing] = useState(false);
  const [returning, setReturning] = useState(false);
  const [recording, setRecording] = useState(false);
  const [reasonForm] = Form.useForm<{ reason: string }>();
  const d = r.detail;
  const p = point.data;

  const changed = (detail: RiskPointDetail) => {
    queryClient.setQueryData(riskKeys.point(detail.id), detail);
    void queryClient.invalidateQueries({
      queryKey: riskKeys.all,
      predicate: (q) => q.queryKey[1] !== 'point',
    });
    void queryClient.invalidateQueries({ queryKey: ['enterprises'] });
  };
  const review = useMutation({
    mutationFn: (v: { action: 'accept' | 'return'; reason?: string }) =>
      api.post<RiskPointDetail>(`/risk/points/${id}/review`, { ...v, version: p?.version }),
    onSuccess: (detail, v) => {
      message.success(v.action === 'accept' ? d.accepted : d.returned);
      setReturning(false);
      changed(detail);
    },
    onError: (error) => message.error(error.message),
  });
  const remove = useMutation({
    mutationFn: () => api.del(`/risk/points/${id}?version=${p?.version}`),
    onSuccess: () => {
      message.success(d.deleted);
      void queryClient.invalidateQueries({ queryKey: riskKeys.all });
      void queryClient.invalidateQueries({ queryKey: ['enterprises'] });
      onClose();
    },
    onError: (error) => message.error(error.message),
  });

  const own = !rights.isEnterprise || p?.enterpriseId === rights.enterpriseId;
  const canWrite = rights.write && own;
  const canReview = rights.review && p && p.reviewStatus !== 'accepted';
  const missing = point.error instanceof ApiError && point.error.status === 404;

  const footer = p && (canWrite || canReview) && (
    <Flex gap={8} justify="flex-end" wrap>
      {canWrite && (
        <Button
          danger
          icon={<DeleteOutlined />}
          onClick={() => modal.confirm({ title: d.confirmDelete, onOk: () => remove.mutateAsync() })}
          data-testid="risk-delete"
        >
          {d.delete}
        </Button>
      )}
      {canWrite && (
        <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="risk-edit">
          {d.edit}
        </Button>
      )}
      {canReview && p.reviewStatus === 'pending' && (
        <Button icon={<RollbackOutlined />} onClick={() => setReturning(true)} data-testid="risk-return">
          {d.return}
        </Button>
      )}
      {canReview && (
        <Button
          type="primary"
          icon={<CheckOutlined />}
          loading={review.isPending && !returning}
          onClick={() => review.mutate({ action: 'accept' })}
          data-testid="risk-accept"
        >
          {d.accept}
        </Button>
      )}
    </Flex>
  );

  return (
    <Drawer
      title={p ? p.name : d.title}
      open={Boolean(id)}
      onClose={onClose}
      size={mobile ? '100%' : 720}
      footer={footer || undefined}
      destroyOnHidden
    >
      {point.isError ? (
        missing ? (
          <Empty description={point.error.message} />
        ) : (
          <QueryError error={point.error} onRetry={() => void point.refetch()} />
        )
      ) : p ? (
        <div className="risk-detail" data-testid="risk-detail">
          {p.reviewStatus === 'returned' && p.reviewReason && (
            <Alert type="warning" showIcon title={r.form.returnedNote(p.reviewReason)} className="risk-form-alert" />
          )}
          <Descriptions column={mobile ? 1 : 2} size="small" bordered>
            <Descriptions.Item label={r.points.enterprise} span={mobile ? 1 : 2}>
              {rights.isEnterprise ? (
                p.enterpriseName
              ) : (
                <Link to={`/enterprises/${p.enterpriseId}?tab=risk`}>{p.enterpriseName}</Link>
              )}
            </Descriptions.Item>
            <Descriptions.Item label={r.points.location}>{p.location ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={r.points.activity}>{p.activity ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={r.points.hazardFactors} span={mobile ? 1 : 2}>
              <span className="pre-line">{p.hazardFactors}</span>
            </Descriptions.Item>
            <Descriptions.Item label={r.points.accidentTypes} span={mobile ? 1 : 2}>
              {p.accidentTypes.map((a) => (
                <Tag key={a}>{l(ACCIDENT_TYPE_LABELS, a)}</Tag>
              ))}
            </Descriptions.Item>
          </Descriptions>

          <Typography.Title level={5} className="risk-detail-title">
            {r.form.assessment}
          </Typography.Title>
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={r.points.method}>{p.method}</Descriptions.Item>
            {p.method === 'LEC' ? (
              <>
                <Descriptions.Item label={FACTOR_NAMES.likelihood}>{meaning(LEC_L, p.likelihood)}</Descriptions.Item>
                <Descriptions.Item label={FACTOR_NAMES.exposure}>{meaning(LEC_E, p.exposure)}</Descriptions.Item>
                <Descriptions.Item label={FACTOR_NAMES.consequence}>{meaning(LEC_C, p.consequence)}</Descriptions.Item>
              </>
            ) : (
              <>
                <Descriptions.Item label={FACTOR_NAMES.likelihood}>{p.likelihood ?? '—'}</Descriptions.Item>
                <Descriptions.Item label={FACTOR_NAMES.severity}>{p.severity ?? '—'}</Descriptions.Item>
              </>
            )}
            <Descriptions.Item label={r.points.score}>
              <Space>
                <Typography.Text strong data-testid="risk-detail-score">
                  {SCORE_SYMBOL[p.method]} = {formatScore(p.score)}
                </Typography.Text>
                <LevelTag level={p.level} />
              </Space>
            </Descriptions.Item>
          </Descriptions>

          <Typography.Title level={5} className="risk-detail-title">
            {r.form.control}
          </Typography.Title>
          <Descriptions column={1} size="small" bordered>
            {CONTROL_MEASURE_KINDS.filter((k) => p.controlMeasures[k]).map((k) => (
              <Descriptions.Item key={k} label={l(MEASURE_LABELS, k)}>
                <span className="pre-line">{p.controlMeasures[k]}</span>
              </Descriptions.Item>
            ))}
            <Descriptions.Item label={r.points.tier}>{l(TIER_LABELS, p.controlTier)}</Descriptions.Item>
            <Descriptions.Item label={r.points.responsible}>{p.responsiblePerson}</Descriptions.Item>
            <Descriptions.Item label={r.points.nextReview}>
              <DueText date={p.nextReviewDate} due={p.reviewDue} />
            </Descriptions.Item>
            <Descriptions.Item label={r.points.reviewStatus}>
              <Space wrap>
                <ReviewTag status={p.reviewStatus} />
                {p.reviewedByName && p.reviewedAt && (
                  <Typography.Text type="secondary">
                    {d.reviewedBy(p.reviewedByName, formatTime(p.reviewedAt))}
                  </Typography.Text>
                )}
              </Space>
            </Descriptions.Item>
          </Descriptions>

          <Flex justify="space-between" align="center" className="risk-detail-title">
            <Typography.Title level={5} style={{ margin: 0 }}>
              {d.hazards}（{p.hazards.length}）
            </Typography.Title>
            {own && rights.role !== 'leader' && rights.role !== 'department' && (
              <Button
                size="small"
                icon={<PlusOutlined />}
                onClick={() => setRecording(true)}
                data-testid="risk-record-hazard"
              >
                {d.recordHazard}
              </Button>
            )}
          </Flex>
          {p.hazards.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={d.noHazards} />
          ) : (
            <List
              size="small"
              bordered
              dataSource={p.hazards}
              data-testid="risk-hazards"
              renderItem={(h) => (
                <List.Item
                  extra={
                    <Space size={4}>
                      <GradeTag grade={h.grade} />
                      <StatusTag status={h.status} />
                    </Space>
                  }
                >
                  <List.Item.Meta
                    title={<Link to={`/hazards?hazard=${h.id}`}>{h.serial}</Link>}
                    description={`${h.description} · ${h.foundOn}`}
                  />
                </List.Item>
              )}
            />
          )}
          <Typography.Paragraph type="secondary" className="risk-detail-note">
            {d.hazardsHint}
          </Typography.Paragraph>
          <RiskPointFormDrawer
            open={editing}
            point={p}
            enterpriseId={p.enterpriseId}
            onClose={() => setEditing(false)}
            onSaved={(detail) => {
              setEditing(false);
              changed(detail);
            }}
          />
          <HazardRegisterDrawer
            open={recording}
            onClose={() => setRecording(false)}
            preset={{ enterpriseId: p.enterpriseId, riskPointId: p.id }}
            onCreated={() => {
              setRecording(false);
              void point.refetch();
            }}
          />
        </div>
      ) : null}
      <Modal
        title={d.returnTitle}
        open={returning}
        onCancel={() => setReturning(false)}
        onOk={() => reasonForm.submit()}
        okText={d.return}
        okButtonProps={{ loading: review.isPending, danger: true, 'data-testid': 'risk-return-confirm' }}
        destroyOnHidden
        afterOpenChange={(open) => !open && reasonForm.resetFields()}
      >
        <Form
          form={reasonForm}
          layout="vertical"
          onFinish={(v) => review.mutate({ action: 'return', reason: v.reason })}
        >
          <Form.Item
            name="reason"
            label={d.returnReason}
            rules={[{ required: true, whitespace: true, min: 2, message: d.returnReasonRequired }]}
          >
            <Input.TextArea rows={3} maxLength={1000} showCount data-testid="risk-return-reason" />
          </Form.Item>
        </Form>
      </Modal>
    </Drawer>
  );
}
