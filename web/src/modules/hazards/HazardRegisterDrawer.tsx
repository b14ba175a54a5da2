// 登记隐患: a supervisor or inspector records what an inspection found, an enterprise its own self-inspection finding.
// A criterion of the library makes the hazard 重大; 即查即改 records it straight to 已销号 with photos after.
import { useMutation } from '@tanstack/react-query';
import { App, Form } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { api } from '../../app/api';
import { useMe } from '../../app/auth';
import { RiskPointField } from '../risk/RiskPointField';
import { type HazardDetail, markServerFields, parkToday, useHazardChanged } from './common';
import { FormDrawer } from './FormDrawer';
import { HAZARD_FIELD_DEFAULTS, HazardFields, type HazardFieldValues, hazardBody, useBusyWalls } from './HazardFields';
import { EnterprisePicker } from './pickers';
import { useHazardText } from './text';

interface Values extends HazardFieldValues {
  enterpriseId?: string;
  riskPointId?: string;
}

export function HazardRegisterDrawer({
  open,
  onClose,
  onCreated,
  preset,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (detail: HazardDetail) => void;
  /** Opened from a risk point: its enterprise, the point, and source 管控措施失效. */
  preset?: { enterpriseId: string; riskPointId: string };
}) {
  const { h } = useHazardText();
  const me = useMe();
  const { message } = App.useApp();
  const changed = useHazardChanged();
  const [form] = Form.useForm<Values>();
  const walls = useBusyWalls();
  // Photos belong to one enterprise: choosing another one (or opening the form again) starts the walls afresh.
  const [round, setRound] = useState(0);
  const own = me.role === 'enterprise' ? (me.enterpriseId ?? undefined) : (preset?.enterpriseId ?? undefined);
  const enterpriseId = Form.useWatch('enterpriseId', form) ?? own;
  const source = Form.useWatch('source', form);
  const f = h.form;

  const create = useMutation({
    mutationFn: (v: Values) =>
      api.post<HazardDetail>('/hazards', {
        enterpriseId: own ?? v.enterpriseId,
        ...hazardBody(v),
        ...(v.source === 'controlFailure' && v.riskPointId ? { riskPointId: v.riskPointId } : {}),
      }),
    onSuccess: (detail) => {
      message.success(f.created(detail.serial));
      changed(detail);
      onCreated(detail);
    },
    onError: (error) => {
      markServerFields(form, error);
      message.error(error.message);
    },
  });

  return (
    <FormDrawer
      title={me.role === 'enterprise' ? h.ledger.selfRegister : f.title}
      open={open}
      onClose={onClose}
      width={760}
      form={form}
      walls={walls}
      onReset={() => setRound((n) => n + 1)}
      submitting={create.isPending}
      submitText={f.submit}
      submitTestId="hazard-form-submit"
    >
      <Form<Values>
        form={form}
        layout="vertical"
        name="hazardRegister"
        initialValues={{
          ...HAZARD_FIELD_DEFAULTS,
          source: preset ? 'controlFailure' : own ? 'routine' : undefined,
          riskPointId: preset?.riskPointId,
          foundOn: dayjs(parkToday()),
        }}
        onFinish={(v) => create.mutate(v)}
        data-testid="hazard-form"
        scrollToFirstError
      >
        {!own && (
          <Form.Item
            name="enterpriseId"
            label={f.enterprise}
            rules={[{ required: true, message: f.choose(f.enterprise) }]}
          >
            <EnterprisePicker
              testId="hazard-enterprise"
              onChange={() => {
                form.setFieldsValue({ beforePhotoIds: [], afterPhotoIds: [], riskPointId: undefined });
                setRound((n) => n + 1);
              }}
            />
          </Form.Item>
        )}
        <HazardFields form={form} enterpriseId={enterpriseId} photoRound={round} onBusyChange={walls.onBusyChange} />
        {source === 'controlFailure' && <RiskPointField enterpriseId={enterpriseId} />}
      </Form>
    </FormDrawer>
  );
}
