// 新增/修改风险点: where, what and which accidents; the assessment by LEC or LS with the calculator updating as the
// factors change; the measures by kind, the tier and the person. An enterprise's save goes to the park for review.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Col, DatePicker, Divider, Drawer, Form, Input, Radio, Row, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useRef } from 'react';
import {
  ACCIDENT_TYPES,
  CONTROL_MEASURE_KINDS,
  CONTROL_TIERS,
  type ControlMeasures,
  FACTOR_NAMES,
  type FactorOption,
  LEC_C,
  LEC_E,
  LEC_L,
  LS_VALUES,
  type RiskMethod,
  type RiskPointDetail,
} from '../../../../shared/src/risk';
import { ApiError, api } from '../../app/api';
import { codeOptions } from '../../app/ui/options';
import { markServerFields, useIsMobile } from '../hazards/common';
import { EnterprisePicker } from '../hazards/pickers';
import { riskKeys, useRiskRights } from './common';
import { ACCIDENT_TYPE_LABELS, MEASURE_LABELS, TIER_LABELS } from './labels';
import { RiskCalculator } from './RiskCalculator';
import { useRiskText } from './text';

interface Values {
  enterpriseId?: string;
  name: string;
  location?: string;
  activity?: string;
  hazardFactors: string;
  accidentTypes: string[];
  method: RiskMethod;
  likelihood?: number | null;
  exposure?: number | null;
  consequence?: number | null;
  severity?: number | null;
  controlMeasures: Partial<ControlMeasures>;
  controlTier?: string;
  responsiblePerson: string;
  nextReviewDate?: Dayjs | null;
}

function initialValues(point: RiskPointDetail | null, enterpriseId?: string): Partial<Values> {
  if (!point) return { enterpriseId, method: 'LEC', accidentTypes: [], controlMeasures: {} };
  return {
    enterpriseId: point.enterpriseId,
    name: point.name,
    location: point.location ?? undefined,
    activity: point.activity ?? undefined,
    hazardFactors: point.hazardFactors,
    accidentTypes: point.accidentTypes,
    method: point.method,
    likelihood: point.likelihood,
    exposure: point.exposure,
    consequence: point.consequence,
    severity: point.severity,
    controlMeasures: point.controlMeasures,
    controlTier: point.controlTier,
    responsiblePerson: point.responsiblePerson,
    nextReviewDate: point.nextReviewDate ? dayjs(point.nextReviewDate) : null,
  };
}

function body(v: Values) {
  const lec = v.method === 'LEC';
  return {
    name: v.name,
    location: v.location || null,
    activity: v.activity || null,
    hazardFactors: v.hazardFactors,
    accidentTypes: v.accidentTypes,
    method: v.method,
    likelihood: v.likelihood ?? null,
    exposure: lec ? (v.exposure ?? null) : null,
    consequence: lec ? (v.consequence ?? null) : null,
    severity: lec ? null : (v.severity ?? null),
    controlMeasures: Object.fromEntries(CONTROL_MEASURE_KINDS.map((k) => [k, v.controlMeasures?.[k]?.trim() || null])),
    controlTier: v.controlTier,
    responsiblePerson: v.responsiblePerson,
    nextReviewDate: v.nextReviewDate ? v.nextReviewDate.format('YYYY-MM-DD') : null,
  };
}

/** Factor options with their reference meaning beside the number: "6 相当可能". */
function factorOptions(options: readonly FactorOption[]) {
  return options.map((o) => ({
    value: o.value,
    label: `${o.value} ${o.meaning}`,
    title: `${o.value} ${o.meaning}`,
  }));
}

export function RiskPointFormDrawer({
  open,
  point,
  enterpriseId,
  onClose,
  onSaved,
}: {
  open: boolean;
  /** The point being changed; null for a new one. */
  point: RiskPointDetail | null;
  /** A fixed enterprise (an enterprise user's own, or the record page's); otherwise chosen in the form. */
  enterpriseId?: string;
  onClose: () => void;
  onSaved: (detail: RiskPointDetail) => void;
}) {
  const { r, lang } = useRiskText();
  const rights = useRiskRights();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const mobile = useIsMobile();
  const [form] = Form.useForm<Values>();
  const fixed = enterpriseId ?? (rights.isEnterprise ? (rights.enterpriseId ?? undefined) : undefined);
  const method = Form.useWatch('method', form) as RiskMethod | undefined;
  const likelihood = Form.useWatch('likelihood', form);
  const exposure = Form.useWatch('exposure', form);
  const consequence = Form.useWatch('consequence', form);
  const severity = Form.useWatch('severity', form);
  const f = r.form;
  const p = r.points;

  // Filled when the drawer opens or another version of the point arrives, not on every refetch of the same one
  // (that would wipe what is being typed).
  const latest = useRef(point);
  latest.current = point;
  const version = point ? `${point.id}:${point.version}` : 'new';
  useEffect(() => {
    if (open && version) form.setFieldsValue(initialValues(latest.current, fixed) as Values);
  }, [open, version, fixed, form]);

  const save = useMutation({
    mutationFn: (v: Values) =>
      point
        ? api.patch<RiskPointDetail>(`/risk/points/${point.id}`, { ...body(v), version: point.version })
        : api.post<RiskPointDetail>('/risk/points', { enterpriseId: fixed ?? v.enterpriseId, ...body(v) }),
    onSuccess: (detail) => {
      message.success(detail.reviewStatus === 'pending' && rights.isEnterprise ? f.submitted : f.saved);
      queryClient.setQueryData(riskKeys.point(detail.id), detail);
      void queryClient.invalidateQueries({ queryKey: riskKeys.all });
      void queryClient.invalidateQueries({ queryKey: ['enterprises'] });
      onSaved(detail);
    },
    onError: (error) => {
      if (error instanceof ApiError && error.status === 409) {
        modal.warning({ title: f.staleTitle, content: error.message });
        return;
      }
      markServerFields(form, error);
      // The measures are checked as a whole: the message goes under the first of them.
      const measures = error instanceof ApiError ? error.fields.controlMeasures : undefined;
      if (measures) form.setFields([{ name: ['controlMeasures', 'engineering'], errors: [measures] }]);
      message.error(error.message);
    },
  });

  const half = mobile ? 24 : 12;
  const third = mobile ? 24 : 8;
  const required = (label: string) => [{ required: true, whitespace: true, message: f.required(label) }];
  const chosen = (label: string) => [{ required: true, message: f.choose(label) }];
  const factor = (name: 'likelihood' | 'exposure' | 'consequence', options: readonly FactorOption[], id: string) => (
    <Form.Item name={name} label={FACTOR_NAMES[name]} rules={chosen(FACTOR_NAMES[name])}>
      <Select
        options={factorOptions(options)}
        placeholder={f.choose(id)}
        popupMatchSelectWidth={false}
        data-testid={`risk-${id}`}
      />
    </Form.Item>
  );

  return (
    <Drawer
      title={point ? f.editTitle : f.createTitle}
      open={open}
      onClose={onClose}
      size={mobile ? '100%' : 780}
      destroyOnHidden
      afterOpenChange={(visible) => !visible && form.resetFields()}
      footer={
        <div className="risk-drawer-footer">
          <Button onClick={onClose} block={mobile}>
            {f.cancel}
          </Button>
          <Button
            type="primary"
            loading={save.isPending}
            onClick={() => form.submit()}
            block={mobile}
            data-testid="risk-form-submit"
          >
            {f.save}
          </Button>
        </div>
      }
    >
      {point?.reviewStatus === 'returned' && point.reviewReason && (
        <Alert type="warning" showIcon className="risk-form-alert" title={f.returnedNote(point.reviewReason)} />
      )}
      {rights.isEnterprise && <Alert type="info" showIcon className="risk-form-alert" title={f.resubmitNote} />}
      <Form<Values>
        form={form}
        layout="vertical"
        name="riskPoint"
        onFinish={(v) => save.mutate(v)}
        scrollToFirstError
        data-testid="risk-form"
      >
        <Divider titlePlacement="start" className="risk-form-section">
          {f.basics}
        </Divider>
        {!fixed && !point && (
          <Form.Item name="enterpriseId" label={p.enterprise} rules={chosen(p.enterprise)}>
            <EnterprisePicker testId="risk-enterprise" />
          </Form.Item>
        )}
        <Row gutter={16}>
          <Col span={half}>
            <Form.Item name="name" label={p.name} rules={required(p.name)}>
              <Input maxLength={100} placeholder={f.namePlaceholder} data-testid="risk-name" />
            </Form.Item>
          </Col>
          <Col span={half}>
            <Form.Item name="location" label={p.location}>
              <Input maxLength={200} data-testid="risk-location" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="activity" label={p.activity}>
          <Input maxLength={200} data-testid="risk-activity" />
        </Form.Item>
        <Form.Item name="hazardFactors" label={p.hazardFactors} rules={required(p.hazardFactors)}>
          <Input.TextArea
            rows={2}
            maxLength={2000}
            placeholder={f.hazardFactorsPlaceholder}
            data-testid="risk-hazard-factors"
          />
        </Form.Item>
        <Form.Item name="accidentTypes" label={p.accidentTypes} rules={chosen(p.accidentTypes)}>
          <Select
            mode="multiple"
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            options={codeOptions(ACCIDENT_TYPES, ACCIDENT_TYPE_LABELS, lang)}
            data-testid="risk-accident-types"
          />
        </Form.Item>

        <Divider titlePlacement="start" className="risk-form-section">
          {f.assessment}
        </Divider>
        <div className="risk-calc">
          <Form.Item name="method" label={p.method} rules={chosen(p.method)}>
            <Radio.Group
              optionType="button"
              buttonStyle="solid"
              options={[
                { value: 'LEC', label: mobile ? 'LEC' : f.methodLEC },
                { value: 'LS', label: mobile ? 'LS' : f.methodLS },
              ]}
              onChange={() =>
                form.setFieldsValue({ likelihood: null, exposure: null, consequence: null, severity: null })
              }
              data-testid="risk-method"
            />
          </Form.Item>
          {method === 'LS' ? (
            <>
              <Row gutter={16}>
                {(['likelihood', 'severity'] as const).map((name) => (
                  <Col span={half} key={name}>
                    <Form.Item name={name} label={FACTOR_NAMES[name]} rules={chosen(FACTOR_NAMES[name])}>
                      <Radio.Group
                        optionType="button"
                        options={LS_VALUES.map((v) => ({ value: v, label: String(v) }))}
                        data-testid={`risk-${name === 'likelihood' ? 'L' : 'S'}`}
                      />
                    </Form.Item>
                  </Col>
                ))}
              </Row>
              <div className="risk-calc-note">{f.lsNoWording}</div>
            </>
          ) : (
            <Row gutter={16}>
              <Col span={third}>{factor('likelihood', LEC_L, 'L')}</Col>
              <Col span={third}>{factor('exposure', LEC_E, 'E')}</Col>
              <Col span={third}>{factor('consequence', LEC_C, 'C')}</Col>
            </Row>
          )}
          <RiskCalculator method={method} factors={{ likelihood, exposure, consequence, severity }} />
        </div>

        <Divider titlePlacement="start" className="risk-form-section">
          {f.control}
        </Divider>
        <Form.Item label={f.measures} extra={f.measuresHint} required className="risk-measures">
          {CONTROL_MEASURE_KINDS.map((kind, i) => (
            <Form.Item
              key={kind}
              name={['controlMeasures', kind]}
              className="risk-measure"
              dependencies={i === 0 ? CONTROL_MEASURE_KINDS.slice(1).map((k) => ['controlMeasures', k]) : undefined}
              rules={
                i === 0
                  ? [
                      {
                        validator: () =>
                          CONTROL_MEASURE_KINDS.some((k) => form.getFieldValue(['controlMeasures', k])?.trim())
                            ? Promise.resolve()
                            : Promise.reject(new Error(f.measuresRequired)),
                      },
                    ]
                  : undefined
              }
            >
              <Input.TextArea
                autoSize={{ minRows: 1, maxRows: 5 }}
                maxLength={1000}
                placeholder={MEASURE_LABELS[kind]?.[lang]}
                data-testid={`risk-measure-${kind}`}
              />
            </Form.Item>
          ))}
        </Form.Item>
        <Form.Item name="controlTier" label={p.tier} rules={chosen(p.tier)}>
          <Radio.Group
            optionType="button"
            options={codeOptions(CONTROL_TIERS, TIER_LABELS, lang)}
            data-testid="risk-tier"
          />
        </Form.Item>
        <Row gutter={16}>
          <Col span={half}>
            <Form.Item name="responsiblePerson" label={p.responsible} rules={required(p.responsible)}>
              <Input maxLength={50} data-testid="risk-responsible" />
            </Form.Item>
          </Col>
          <Col span={half}>
            <Form.Item name="nextReviewDate" label={p.nextReview}>
              <DatePicker className="risk-full" data-testid="risk-next-review" />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Drawer>
  );
}
