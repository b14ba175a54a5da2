// One enterprise's credit as its people and the office read it: the score, its grade and why — every event with its
// points, how long it counts and a link to the record it came from; a supervisor may adjust with a reason.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Button,
  Card,
  Descriptions,
  Form,
  Grid,
  Input,
  InputNumber,
  List,
  Modal,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import type { CreditDetail, CreditEventView } from '../../../../shared/src/credit';
import type { RiskLevel } from '../../../../shared/src/risk-levels';
import { api } from '../../app/api';
import { useMe } from '../../app/auth';
import { useShowError } from '../../app/forms';
import { navItems } from '../../app/nav';
import { GradeTag } from './common';
import { useCreditText } from './text';

/** Where an event's record opens in the console (records without a page of their own show their label only). */
function sourceLink(e: CreditEventView): string | null {
  if (!e.sourceId) return null;
  if (e.sourceType === 'hazard') return `/hazards?hazard=${e.sourceId}`;
  if (e.sourceType === 'accident') return `/accidents?accident=${e.sourceId}`;
  if (e.sourceType === 'penaltyCase') return `/enforcement/penalties?case=${e.sourceId}`;
  if (e.sourceType === 'jointAction') return `/enforcement/joint-actions?action=${e.sourceId}`;
  return null;
}

export function CreditDetailView({ detail, canAdjust }: { detail: CreditDetail; canAdjust: boolean }) {
  const { credit: c, kindName, riskName } = useCreditText();
  const me = useMe();
  const mobile = Grid.useBreakpoint().md === false;
  const [adjusting, setAdjusting] = useState(false);
  const sum = detail.events.filter((e) => e.counting).reduce((s, e) => s + e.points, 0);
  const t = detail.thresholds;

  // Linked only where the role has the page (an enterprise reads its penalty cases, not the joint actions).
  const pages = new Set(navItems(me.role).map((i) => i.path));
  const source = (e: CreditEventView) => {
    const to = sourceLink(e);
    return to && pages.has(to.slice(0, to.indexOf('?'))) ? (
      <Link to={to} data-testid="credit-event-source">
        {e.sourceLabel}
      </Link>
    ) : (
      <span data-testid="credit-event-source">{e.sourceLabel}</span>
    );
  };
  const points = (e: CreditEventView) => (
    <Typography.Text type={e.points < 0 ? 'danger' : 'success'} delete={!e.counting}>
      {e.points > 0 ? `+${e.points}` : e.points}
    </Typography.Text>
  );
  const state = (e: CreditEventView) =>
    e.counting ? <Tag color="processing">{c.counting}</Tag> : <Tag>{c.expired}</Tag>;

  return (
    <div data-testid="credit-detail">
      <Card size="small">
        <Space size={mobile ? 16 : 48} wrap align="start">
          <Statistic
            title={c.score}
            value={detail.score}
            valueRender={(v) => <span data-testid="credit-score">{v}</span>}
          />
          <div>
            <Typography.Text type="secondary">{c.grade}</Typography.Text>
            <div style={{ fontSize: 24 }}>
              <GradeTag grade={detail.grade} />
            </div>
          </div>
          <div>
            <Typography.Text type="secondary">{c.required}</Typography.Text>
            <div style={{ fontSize: 16, marginTop: 6 }} data-testid="credit-required">
              {c.perYear(detail.requiredPerYear)}
            </div>
          </div>
        </Space>
        <Descriptions size="small" column={1} style={{ marginTop: 12 }}>
          <Descriptions.Item label={c.base}>{c.why(detail.baseScore, sum)}</Descriptions.Item>
          <Descriptions.Item label={c.grade}>
            {c.thresholds(t.A, t.B, t.C)}
            {c.ruleNote(c.ruleVersion(detail.ruleVersion))}
          </Descriptions.Item>
          <Descriptions.Item label={c.riskLevel}>
            {detail.riskLevel ? riskName(detail.riskLevel as RiskLevel) : c.unrated}
          </Descriptions.Item>
        </Descriptions>
        {canAdjust && (
          <Button onClick={() => setAdjusting(true)} data-testid="credit-adjust" style={{ marginTop: 8 }}>
            {c.adjust}
          </Button>
        )}
      </Card>
      <Card size="small" title={c.events} style={{ marginTop: 12 }} data-testid="credit-events">
        {mobile ? (
          <List
            dataSource={detail.events}
            locale={{ emptyText: c.noEvents }}
            renderItem={(e) => (
              <List.Item data-testid="credit-event">
                <div style={{ width: '100%' }}>
                  <Space style={{ justifyContent: 'space-between', width: '100%' }}>
                    <strong>{kindName(e.kind, e.kindName)}</strong>
                    {points(e)}
                  </Space>
                  <div>{source(e)}</div>
                  <Typography.Text type="secondary">
                    {e.occurredOn} → {e.countsUntil} {state(e)}
                  </Typography.Text>
                  {e.byName && <div>{c.adjustedBy(e.byName)}</div>}
                </div>
              </List.Item>
            )}
          />
        ) : (
          <Table<CreditEventView>
            rowKey="id"
            size="small"
            dataSource={detail.events}
            pagination={detail.events.length > 20 ? { pageSize: 20 } : false}
            locale={{ emptyText: c.noEvents }}
            onRow={() => ({ 'data-testid': 'credit-event' }) as React.HTMLAttributes<HTMLElement>}
            columns={[
              {
                title: c.eventKind,
                dataIndex: 'kindName',
                width: 150,
                render: (name: string, e) => kindName(e.kind, name),
              },
              {
                title: c.source,
                render: (_, e) => (
                  <>
                    {source(e)}
                    {e.byName && <div>{c.adjustedBy(e.byName)}</div>}
                  </>
                ),
              },
              { title: c.occurredOn, dataIndex: 'occurredOn', width: 110 },
              { title: c.points, render: (_, e) => points(e), width: 70, align: 'right' },
              { title: c.countsUntil, dataIndex: 'countsUntil', width: 110 },
              { title: '', render: (_, e) => state(e), width: 80 },
            ]}
          />
        )}
      </Card>
      <AdjustModal open={adjusting} enterpriseId={detail.enterpriseId} onClose={() => setAdjusting(false)} />
    </div>
  );
}

function AdjustModal({ open, enterpriseId, onClose }: { open: boolean; enterpriseId: string; onClose: () => void }) {
  const { credit: c } = useCreditText();
  const [form] = Form.useForm();
  const showError = useShowError(form);
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: (v: { points: number; reason: string; validDays: number }) =>
      api.post<CreditDetail>(`/credit/enterprises/${enterpriseId}/adjustments`, v),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['credit'] });
      form.resetFields();
      onClose();
    },
    onError: showError,
  });
  return (
    <Modal
      open={open}
      title={c.adjustTitle}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'credit-adjust-submit' } as Record<string, string>}
    >
      <Form form={form} layout="vertical" initialValues={{ validDays: 365 }} onFinish={(v) => save.mutate(v)}>
        <Form.Item name="points" label={c.adjustPoints} rules={[{ required: true }]}>
          <InputNumber
            min={-100}
            max={100}
            precision={0}
            style={{ width: '100%' }}
            data-testid="credit-adjust-points"
          />
        </Form.Item>
        <Form.Item name="reason" label={c.adjustReason} rules={[{ required: true, min: 4 }]}>
          <Input.TextArea rows={3} maxLength={1000} data-testid="credit-adjust-reason" />
        </Form.Item>
        <Form.Item name="validDays" label={c.adjustValid} rules={[{ required: true }]}>
          <InputNumber min={1} max={3650} precision={0} style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
