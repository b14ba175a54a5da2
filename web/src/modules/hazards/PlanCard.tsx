// 五落实: the rectification plan of a major hazard (责任, 措施, 资金, 时限, 预案). Work may start only when all five are
// in place; the server says which are missing when 开始整改 is refused.
import { CheckCircleFilled, ExclamationCircleOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { App, Button, Card, Descriptions, Form, Input, Tag, Typography } from 'antd';
import { PLAN_ITEMS } from '../../../../shared/src/hazards';
import { api } from '../../app/api';
import { BackfillFields, type BackfillValues, backfillOf, earliestDay } from './BackfillFields';
import { type HazardDetail, markServerFields, useHazardChanged, useHazardRights, useIsMobile } from './common';
import { PLAN_ITEM_LABELS } from './labels';
import { useHazardText } from './text';

export function PlanCard({ hazard }: { hazard: HazardDetail }) {
  const { h, l } = useHazardText();
  const { message } = App.useApp();
  const rights = useHazardRights();
  const mobile = useIsMobile();
  const changed = useHazardChanged();
  const [form] = Form.useForm<Record<string, string> & BackfillValues>();
  const d = h.detail;
  const filled = PLAN_ITEMS.filter((k) => hazard.plan[k]?.trim()).length;
  const editable = rights.rectify && hazard.status !== 'closed';

  const save = useMutation({
    mutationFn: (values: Record<string, string> & BackfillValues) =>
      api.put<HazardDetail>(`/hazards/${hazard.id}/plan`, {
        ...Object.fromEntries(PLAN_ITEMS.map((k) => [k, values[k] ?? ''])),
        // 补录 (supervisors): the plan as it was drawn up, on its day.
        backfill: rights.backfill ? backfillOf(values) : null,
      }),
    onSuccess: (detail) => {
      message.success(d.planSaved);
      changed(detail);
    },
    onError: (error) => {
      markServerFields(form, error);
      message.error(error.message);
    },
  });

  const status = (
    <Tag
      color={hazard.planComplete ? 'success' : 'warning'}
      icon={hazard.planComplete ? <CheckCircleFilled /> : <ExclamationCircleOutlined />}
      data-testid="plan-progress"
    >
      {d.planDone(filled)}
    </Tag>
  );

  return (
    <Card size="small" title={d.plan} extra={status} data-testid="hazard-plan">
      <Typography.Paragraph type={hazard.planComplete ? 'success' : 'warning'} className="hazard-plan-note">
        {hazard.planComplete ? d.planComplete : d.planIncomplete}
      </Typography.Paragraph>
      {editable ? (
        <Form
          form={form}
          layout={mobile ? 'vertical' : 'horizontal'}
          labelCol={mobile ? undefined : { flex: '64px' }}
          initialValues={Object.fromEntries(PLAN_ITEMS.map((k) => [k, hazard.plan[k] ?? '']))}
          onFinish={(v) => save.mutate(v)}
        >
          {rights.backfill && <BackfillFields earliest={earliestDay(hazard)} testId="plan" />}
          {PLAN_ITEMS.map((k) => (
            <Form.Item key={k} name={k} label={l(PLAN_ITEM_LABELS, k)}>
              <Input.TextArea
                autoSize={{ minRows: 1, maxRows: 4 }}
                maxLength={k === 'measures' ? 2000 : 500}
                placeholder={d.planPlaceholders[k]}
                data-testid={`plan-${k}`}
              />
            </Form.Item>
          ))}
          <Button type="primary" htmlType="submit" loading={save.isPending} block={mobile} data-testid="plan-save">
            {d.planSave}
          </Button>
        </Form>
      ) : (
        <Descriptions
          size="small"
          column={1}
          items={PLAN_ITEMS.map((k) => ({
            key: k,
            label: l(PLAN_ITEM_LABELS, k),
            children: hazard.plan[k] || '—',
          }))}
        />
      )}
    </Card>
  );
}
