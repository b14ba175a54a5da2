// An enterprise's risk: its level (the highest point's, or a supervisor's override with the reason), the counts that
// need attention, and its points. The summary opens from the four-colour map; the tab sits on the enterprise record.
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Empty,
  Flex,
  Form,
  Input,
  List,
  Modal,
  Radio,
  Space,
  Statistic,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { type EnterpriseRiskView, RISK_LEVELS, type RiskPointView, SCORE_SYMBOL } from '../../../../shared/src/risk';
import { api, type Page } from '../../app/api';
import { formatTime } from '../../app/time';
import { codeOptions } from '../../app/ui/options';
import { QueryError } from '../../app/ui/QueryError';
import { SupervisionTags } from '../enterprises/EnterpriseTags';
import { formatScore, LevelTag, riskKeys, useRiskRights } from './common';
import { RISK_LEVEL_LABELS } from './labels';
import { DueText, ReviewTag, RiskPointDetailDrawer } from './RiskPointDetail';
import { RiskPointFormDrawer } from './RiskPointForm';
import { useRiskText } from './text';
import './risk.css';

export function useEnterpriseRisk(id: string | null) {
  return useQuery({
    queryKey: riskKeys.enterprise(id ?? ''),
    queryFn: () => api.get<EnterpriseRiskView>(`/risk/enterprises/${id}`),
    enabled: Boolean(id),
  });
}

function usePoints(enterpriseId: string, extra: Record<string, string> = {}, pageSize = 100) {
  const query = { enterpriseId, pageSize, sort: 'score', order: 'desc', ...extra };
  return useQuery({
    queryKey: riskKeys.points(query),
    queryFn: () => api.get<Page<RiskPointView>>('/risk/points', query),
  });
}

function RiskFigures({ risk }: { risk: EnterpriseRiskView }) {
  const { r } = useRiskText();
  const e = r.enterprise;
  const figures: [string, number, boolean][] = [
    [e.points, risk.points, false],
    [e.pending, risk.pendingReview, risk.pendingReview > 0],
    [e.reviewOverdue, risk.reviewOverdue, risk.reviewOverdue > 0],
    [e.openHazards, risk.openHazards, risk.openHazards > 0],
  ];
  return (
    <div className="risk-summary-stat">
      {figures.map(([title, value, alert]) => (
        <Statistic
          key={title}
          title={title}
          value={value}
          styles={alert ? { content: { color: '#cf1322' } } : undefined}
        />
      ))}
    </div>
  );
}

function LevelLine({ risk }: { risk: EnterpriseRiskView }) {
  const { r, l } = useRiskText();
  const e = r.enterprise;
  return (
    <Space wrap size={8}>
      <LevelTag level={risk.level} overridden={Boolean(risk.override)} testId="enterprise-risk-level" />
      {risk.override && (
        <Typography.Text type="secondary">
          {e.computed}：{l(RISK_LEVEL_LABELS, risk.computedLevel ?? 'none')}
        </Typography.Text>
      )}
      {risk.byLevel.some((b) => b.count > 0) && (
        <Typography.Text type="secondary">
          {e.byLevel}：
          {risk.byLevel
            .filter((b) => b.count > 0)
            .map((b) => `${l(RISK_LEVEL_LABELS, b.level)} ${b.count}`)
            .join(' · ')}
        </Typography.Text>
      )}
      {/* Points the committee has not accepted do not count toward the level: shown apart, as pending. */}
      {risk.pendingLevel && (
        <Tooltip title={e.pendingNote(l(RISK_LEVEL_LABELS, risk.pendingLevel))}>
          <Tag color="orange" data-testid="enterprise-risk-pending" data-level={risk.pendingLevel}>
            {e.pendingPoints}：
            {risk.pendingByLevel
              .filter((b) => b.count > 0)
              .map((b) => `${l(RISK_LEVEL_LABELS, b.level)} ${b.count}`)
              .join(' · ')}
          </Tag>
        </Tooltip>
      )}
    </Space>
  );
}

/** The map's pop-up: who, what level and why, the major points, open hazards, and the way to the record. */
export function EnterpriseRiskSummary({ enterpriseId }: { enterpriseId: string }) {
  const { r } = useRiskText();
  const rights = useRiskRights();
  const navigate = useNavigate();
  const risk = useEnterpriseRisk(enterpriseId);
  const major = usePoints(enterpriseId, { level: 'major' }, 20);
  if (risk.isError) return <QueryError error={risk.error} onRetry={() => void risk.refetch()} />;
  const v = risk.data;
  if (!v) return null;
  const e = r.enterprise;
  return (
    <Flex vertical gap={16} data-testid="enterprise-risk-summary">
      <div>
        <Typography.Title level={5} style={{ marginTop: 0 }} data-testid="summary-name">
          {v.name}
        </Typography.Title>
        <Typography.Text type="secondary">{[v.area, v.creditCode].filter(Boolean).join(' · ')}</Typography.Text>
        <div style={{ marginTop: 8 }}>
          <SupervisionTags tags={v.supervisionTags} />
        </div>
      </div>
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label={e.level}>
          <LevelLine risk={v} />
        </Descriptions.Item>
        {v.override && (
          <Descriptions.Item label={e.overrideReason}>
            {v.override.reason}
            <div className="risk-cell-sub">{e.overrideBy(v.override.byName ?? '—', formatTime(v.override.at))}</div>
          </Descriptions.Item>
        )}
      </Descriptions>
      <RiskFigures risk={v} />
      <div>
        <Typography.Text strong>
          {e.majorPoints}（{major.data?.total ?? 0}）
        </Typography.Text>
        {major.data && major.data.items.length > 0 ? (
          <List
            size="small"
            dataSource={major.data.items}
            renderItem={(p) => (
              <List.Item extra={<ReviewTag status={p.reviewStatus} />}>
                <List.Item.Meta
                  title={p.name}
                  description={`${SCORE_SYMBOL[p.method]} = ${formatScore(p.score)}${p.openHazards ? ` · ${e.openHazards} ${p.openHazards}` : ''}`}
                />
              </List.Item>
            )}
          />
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={r.major.empty} />
        )}
      </div>
      {!rights.isEnterprise && (
        <Button
          type="primary"
          block
          onClick={() => navigate(`/enterprises/${enterpriseId}?tab=risk`)}
          data-testid="summary-open-record"
        >
          {e.openRecord}
        </Button>
      )}
    </Flex>
  );
}

/** 风险 tab of the enterprise record: the level with its override, then the points. */
export function EnterpriseRiskTab({ enterpriseId }: { enterpriseId: string }) {
  const { r, l } = useRiskText();
  const rights = useRiskRights();
  const risk = useEnterpriseRisk(enterpriseId);
  const points = usePoints(enterpriseId);
  const [overriding, setOverriding] = useState(false);
  const [adding, setAdding] = useState(false);
  const [openId, setOpenId] = useState<string | null>(null);
  const e = r.enterprise;
  const p = r.points;
  if (risk.isError) return <QueryError error={risk.error} onRetry={() => void risk.refetch()} />;
  const v = risk.data;
  const own = !rights.isEnterprise || rights.enterpriseId === enterpriseId;

  return (
    <Flex vertical gap={16} data-testid="enterprise-risk-tab">
      {v && (
        <Card size="small">
          <Flex justify="space-between" align="flex-start" wrap gap={12}>
            <Flex vertical gap={8}>
              <Typography.Text type="secondary">{e.level}</Typography.Text>
              <LevelLine risk={v} />
              {v.override && (
                <Typography.Text type="secondary">
                  {e.overrideReason}：{v.override.reason}（
                  {e.overrideBy(v.override.byName ?? '—', formatTime(v.override.at))}）
                </Typography.Text>
              )}
            </Flex>
            <RiskFigures risk={v} />
            {rights.override && (
              <Button icon={<EditOutlined />} onClick={() => setOverriding(true)} data-testid="risk-override">
                {e.override}
              </Button>
            )}
          </Flex>
        </Card>
      )}
      <Flex justify="space-between" align="center">
        <Typography.Text strong>
          {e.points}（{points.data?.total ?? 0}）
        </Typography.Text>
        <Space>
          {!rights.isEnterprise && <Link to="/risk/points">{e.allPoints}</Link>}
          {rights.write && own && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="risk-tab-add">
              {e.addPoint}
            </Button>
          )}
        </Space>
      </Flex>
      <Table<RiskPointView>
        rowKey="id"
        size="small"
        loading={points.isFetching}
        dataSource={points.data?.items}
        pagination={false}
        scroll={{ x: 860 }}
        locale={{ emptyText: <Empty description={e.noPoints} /> }}
        onRow={(row) => ({ onClick: () => setOpenId(row.id), className: 'risk-row' })}
        columns={[
          {
            title: p.name,
            dataIndex: 'name',
            render: (name: string, row) => (
              <div>
                <Typography.Link>{name}</Typography.Link>
                <span className="risk-cell-sub">{row.location ?? ''}</span>
              </div>
            ),
          },
          {
            title: p.level,
            dataIndex: 'level',
            width: 96,
            render: (x: RiskPointView['level']) => <LevelTag level={x} />,
          },
          {
            title: p.score,
            dataIndex: 'score',
            width: 110,
            render: (x: number, row) => `${SCORE_SYMBOL[row.method]} = ${formatScore(x)}`,
          },
          { title: p.responsible, dataIndex: 'responsiblePerson', width: 90 },
          {
            title: p.nextReview,
            dataIndex: 'nextReviewDate',
            width: 180,
            render: (x: string | null, row) => <DueText date={x} due={row.reviewDue} />,
          },
          {
            title: p.reviewStatus,
            dataIndex: 'reviewStatus',
            width: 90,
            render: (x: string) => <ReviewTag status={x} />,
          },
        ]}
        data-testid="enterprise-risk-points"
      />
      <RiskPointDetailDrawer id={openId} onClose={() => setOpenId(null)} />
      <RiskPointFormDrawer
        open={adding}
        point={null}
        enterpriseId={enterpriseId}
        onClose={() => setAdding(false)}
        onSaved={(detail) => {
          setAdding(false);
          setOpenId(detail.id);
        }}
      />
      {v && rights.override && (
        <OverrideModal
          risk={v}
          open={overriding}
          onClose={() => setOverriding(false)}
          levelLabel={(x) => l(RISK_LEVEL_LABELS, x)}
        />
      )}
    </Flex>
  );
}

interface OverrideValues {
  level: string;
  reason?: string;
}

function OverrideModal({
  risk,
  open,
  onClose,
  levelLabel,
}: {
  risk: EnterpriseRiskView;
  open: boolean;
  onClose: () => void;
  levelLabel: (level: string) => string;
}) {
  const { r, lang } = useRiskText();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<OverrideValues>();
  const e = r.enterprise;
  const save = useMutation({
    mutationFn: (body: { level: string | null; reason?: string | null }) =>
      api.put<EnterpriseRiskView>(`/risk/enterprises/${risk.enterpriseId}/override`, body),
    onSuccess: (view) => {
      queryClient.setQueryData(riskKeys.enterprise(view.enterpriseId), view);
      void queryClient.invalidateQueries({ queryKey: riskKeys.all });
      void queryClient.invalidateQueries({ queryKey: ['enterprises'] });
      void queryClient.invalidateQueries({ queryKey: ['enterprise', view.enterpriseId] });
      message.success(r.form.saved);
      onClose();
    },
    onError: (error) => message.error(error.message),
  });
  return (
    <Modal
      title={e.overrideTitle}
      open={open}
      onCancel={onClose}
      destroyOnHidden
      afterOpenChange={(visible) =>
        visible && form.setFieldsValue({ level: risk.override?.level ?? risk.computedLevel ?? undefined })
      }
      footer={
        <Flex justify="space-between" gap={8}>
          <span>
            {risk.override && (
              <Button
                danger
                onClick={() => save.mutate({ level: null, reason: null })}
                loading={save.isPending}
                data-testid="risk-override-clear"
              >
                {e.clearOverride}
              </Button>
            )}
          </span>
          <Space>
            <Button onClick={onClose}>{r.form.cancel}</Button>
            <Button
              type="primary"
              onClick={() => form.submit()}
              loading={save.isPending}
              data-testid="risk-override-save"
            >
              {r.form.save}
            </Button>
          </Space>
        </Flex>
      }
    >
      <Alert
        type="info"
        showIcon
        className="risk-form-alert"
        title={`${e.computed}：${levelLabel(risk.computedLevel ?? 'none')}`}
      />
      <Form<OverrideValues>
        form={form}
        layout="vertical"
        onFinish={(v) => save.mutate({ level: v.level, reason: v.reason })}
      >
        <Form.Item
          name="level"
          label={e.overrideLevel}
          rules={[{ required: true, message: r.form.choose(e.overrideLevel) }]}
        >
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            options={codeOptions(RISK_LEVELS, RISK_LEVEL_LABELS, lang)}
            data-testid="risk-override-level"
          />
        </Form.Item>
        <Form.Item
          name="reason"
          label={e.overrideReason}
          rules={[{ required: true, whitespace: true, min: 2, message: e.overrideReasonRequired }]}
        >
          <Input.TextArea rows={3} maxLength={1000} showCount data-testid="risk-override-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
