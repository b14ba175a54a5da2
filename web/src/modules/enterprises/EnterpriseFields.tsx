// The fields of an enterprise record, in the groups a 企业档案 is read in. Rules mirror the server's schema
// (shared/src/enterprises.ts) so most mistakes are caught before saving; the server still decides and its per-field
// messages land on the same fields.
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Col, Form, type FormItemProps, Input, InputNumber, Row, Select, Space } from 'antd';
import type { Rule } from 'antd/es/form';
import type { ReactNode } from 'react';
import { ENTERPRISE_STATUSES, SCALES, SITE_TYPES } from '../../../../shared/src/enterprises';
import { industryByCode } from '../../../../shared/src/industries';
import {
  ENTERPRISE_STATUS_LABELS,
  SCALE_LABELS,
  SITE_TYPE_LABELS,
  SUPERVISION_TAG_LABELS,
} from '../../../../shared/src/labels';
import { USCC_MESSAGES, usccProblem } from '../../../../shared/src/uscc';
import { shanghaiToday } from '../../../../shared/src/validators';
import { codeOptions } from '../../app/ui/options';
import { useHomeStats } from '../home/homeStats';
import { SupervisionTagSelect } from './EnterpriseTags';
import type { EnterpriseField } from './enterpriseForm';
import { IndustrySelect } from './IndustrySelect';
import { IsoDatePicker } from './IsoDatePicker';
import { LandlordSelect } from './LandlordSelect';
import { PlanPositionField } from './PlanPositionField';
import { useRegistryRights } from './rights';
import { useEnterpriseText } from './text';

export const PHONE = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/;

export function SectionTitle({ children, extra }: { children: ReactNode; extra?: ReactNode }) {
  return (
    <div className="form-section-title">
      <span>{children}</span>
      {extra}
    </div>
  );
}

/** A Form.Item that is read-only (with the reason on hover) when this role may not change the field. */
function useFieldProps() {
  const rights = useRegistryRights();
  const { x } = useEnterpriseText();
  const locked = (name: EnterpriseField) => !rights.canEditField(name);
  const item = (name: EnterpriseField): Pick<FormItemProps, 'tooltip' | 'className'> =>
    locked(name) ? { tooltip: x.form.locked, className: 'field-locked' } : {};
  return { locked, item };
}

const MASK = /^[0-9-]*\*+[0-9-]*$/;

function usePhoneRule(): Rule {
  const { x } = useEnterpriseText();
  return {
    validator: (_, v?: string | null) =>
      // A mask (138****1234) is the stored number left untouched: the server keeps it.
      !v?.trim() || PHONE.test(v.trim()) || MASK.test(v.trim())
        ? Promise.resolve()
        : Promise.reject(new Error(x.form.phoneInvalid)),
  };
}

const COL = { xs: 24, md: 12, xl: 8 } as const;
const WIDE = { xs: 24, xl: 16 } as const;

/** 基本信息: identity, classification and site. */
export function BasicFields({ selfId, landlord }: { selfId?: string; landlord?: { id: string; name: string } | null }) {
  const { t, x, l, lang } = useEnterpriseText();
  const f = t.enterprise;
  const form = Form.useFormInstance();
  const siteType = Form.useWatch('siteType', form);
  const industryCode = Form.useWatch<string | null>('industryCode', form);
  const tags = Form.useWatch<string[] | undefined>('supervisionTags', form) ?? [];
  const { locked, item } = useFieldProps();
  const areas = useHomeStats().data?.enterprises.byArea.map((a) => ({ value: a.key, label: a.key })) ?? [];
  const typical = (industryCode ? (industryByCode(industryCode)?.typicalTags ?? []) : []).filter(
    (tag) => !tags.includes(tag),
  );
  const tagsEditable = !locked('supervisionTags');

  return (
    <>
      <SectionTitle>{x.form.identity}</SectionTitle>
      <Row gutter={24}>
        <Col {...COL}>
          <Form.Item
            name="name"
            label={f.name}
            {...item('name')}
            rules={[
              { required: true, whitespace: true, message: x.form.required(f.name) },
              { min: 2, max: 100, message: x.form.nameLength },
            ]}
          >
            <Input maxLength={100} disabled={locked('name')} data-testid="field-name" />
          </Form.Item>
        </Col>
        <Col {...COL}>
          <Form.Item
            name="creditCode"
            label={f.creditCode}
            {...item('creditCode')}
            normalize={(v?: string) => v?.toUpperCase().replace(/\s/g, '')}
            validateDebounce={300}
            rules={[
              { required: true, message: x.form.required(f.creditCode) },
              {
                validator: (_, v?: string) => {
                  const problem = v ? usccProblem(v) : null;
                  return problem ? Promise.reject(new Error(USCC_MESSAGES[problem])) : Promise.resolve();
                },
              },
            ]}
            extra={locked('creditCode') ? undefined : x.form.creditCodeHint}
          >
            <Input
              maxLength={18}
              className="credit-code"
              disabled={locked('creditCode')}
              data-testid="field-creditCode"
            />
          </Form.Item>
        </Col>
        <Col {...COL}>
          <Form.Item name="legalRepresentative" label={f.legalRepresentative} {...item('legalRepresentative')}>
            <Input maxLength={50} disabled={locked('legalRepresentative')} />
          </Form.Item>
        </Col>
        <Col {...COL}>
          <Form.Item name="status" label={f.status} {...item('status')} rules={[{ required: true }]}>
            <Select
              options={codeOptions(ENTERPRISE_STATUSES, ENTERPRISE_STATUS_LABELS, lang)}
              disabled={locked('status')}
            />
          </Form.Item>
        </Col>
        <Col {...COL}>
          <Form.Item name="scale" label={f.scale} {...item('scale')} rules={[{ required: true }]}>
            <Select options={codeOptions(SCALES, SCALE_LABELS, lang)} disabled={locked('scale')} />
          </Form.Item>
        </Col>
        <Col {...COL}>
          <Form.Item
            name="employees"
            label={f.employees}
            {...item('employees')}
            rules={[{ type: 'integer', min: 0, max: 1_000_000, message: x.form.employeesInvalid }]}
          >
            <InputNumber
              min={0}
              max={1_000_000}
              precision={0}
              style={{ width: '100%' }}
              disabled={locked('employees')}
            />
          </Form.Item>
        </Col>
        <Col {...COL}>
          <Form.Item
            name="industryCode"
            label={f.industry}
            {...item('industryCode')}
            rules={[
              {
                validator: (_, v?: string | null) =>
                  !v || /^[A-T]\d{4}$/.test(v) ? Promise.resolve() : Promise.reject(new Error(x.form.industryInvalid)),
              },
            ]}
          >
            <IndustrySelect testId="field-industry" disabled={locked('industryCode')} />
          </Form.Item>
        </Col>
        <Col {...COL}>
          <Form.Item
            name="productionStartDate"
            label={f.productionStartDate}
            {...item('productionStartDate')}
            rules={[
              {
                validator: (_, v?: string | null) =>
                  !v || v <= shanghaiToday() ? Promise.resolve() : Promise.reject(new Error(x.form.futureDate)),
              },
            ]}
          >
            <IsoDatePicker notAfterToday disabled={locked('productionStartDate')} />
          </Form.Item>
        </Col>
        <Col {...COL} />
        <Col xs={24}>
          <Form.Item
            name="supervisionTags"
            label={f.tags}
            {...item('supervisionTags')}
            extra={
              tagsEditable && typical.length > 0 ? (
                <Space size={4} className="typical-tags">
                  <span>
                    {x.form.typicalTags(
                      typical.map((tag) => l(SUPERVISION_TAG_LABELS, tag)).join(x.misc.listSeparator),
                    )}
                  </span>
                  <Button
                    type="link"
                    size="small"
                    onClick={() => form.setFieldValue('supervisionTags', [...tags, ...typical])}
                  >
                    {x.form.addTypicalTags}
                  </Button>
                </Space>
              ) : undefined
            }
          >
            <SupervisionTagSelect disabled={locked('supervisionTags')} data-testid="field-tags" />
          </Form.Item>
        </Col>
      </Row>

      <SectionTitle>{x.form.site}</SectionTitle>
      <Row gutter={24}>
        <Col {...COL}>
          <Form.Item name="siteType" label={f.siteType} {...item('siteType')} rules={[{ required: true }]}>
            <Select
              options={codeOptions(SITE_TYPES, SITE_TYPE_LABELS, lang)}
              onChange={(v) => v === 'ownSite' && form.setFieldValue('landlordEnterpriseId', null)}
              disabled={locked('siteType')}
              data-testid="field-siteType"
            />
          </Form.Item>
        </Col>
        <Col {...COL}>
          {siteType === 'leased' ? (
            <Form.Item
              name="landlordEnterpriseId"
              label={f.landlord}
              {...item('landlordEnterpriseId')}
              extra={locked('landlordEnterpriseId') ? undefined : x.form.landlordHint}
            >
              <LandlordSelect selfId={selfId} current={landlord} disabled={locked('landlordEnterpriseId')} />
            </Form.Item>
          ) : (
            <Form.Item label={f.landlord}>
              <Input disabled placeholder={x.form.ownSiteNoLandlord} />
            </Form.Item>
          )}
        </Col>
        <Col {...COL}>
          <Form.Item name="area" label={f.area} {...item('area')}>
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              options={areas}
              data-testid="field-area"
              disabled={locked('area')}
              placeholder={x.form.choose(f.area)}
            />
          </Form.Item>
        </Col>
        <Col {...WIDE}>
          <Form.Item name="address" label={f.address} {...item('address')} rules={[{ max: 200 }]}>
            <Input maxLength={200} disabled={locked('address')} />
          </Form.Item>
        </Col>
        <Col xs={24} xl={8}>
          <PlanPositionField disabled={locked('mapX')} />
        </Col>
      </Row>
    </>
  );
}

/** 人员: principal, actual controller, safety manager and the other safety managers. */
export function PeopleFields() {
  const { x } = useEnterpriseText();
  const { locked, item } = useFieldProps();
  const phoneRule = usePhoneRule();
  const person = (title: string, name: EnterpriseField, phone: EnterpriseField, testId: string) => (
    <Col xs={24} xl={8}>
      <div className="person-block">
        <div className="person-block-title">{title}</div>
        <Form.Item name={name} label={x.form.name} {...item(name)} rules={[{ max: 50 }]}>
          <Input maxLength={50} disabled={locked(name)} data-testid={`field-${testId}-name`} />
        </Form.Item>
        <Form.Item name={phone} label={x.form.phone} {...item(phone)} rules={[phoneRule]}>
          <Input maxLength={20} disabled={locked(phone)} data-testid={`field-${testId}-phone`} />
        </Form.Item>
      </div>
    </Col>
  );
  const extraDisabled = locked('extraSafetyManagers');
  return (
    <>
      <Row gutter={24}>
        {person(x.form.principal, 'principalName', 'principalPhone', 'principal')}
        {person(x.form.controller, 'actualControllerName', 'actualControllerPhone', 'controller')}
        {person(x.form.safety, 'safetyManagerName', 'safetyManagerPhone', 'safety')}
      </Row>
      <Form.List name="extraSafetyManagers">
        {(fields, { add, remove }) => (
          <>
            <SectionTitle
              extra={
                !extraDisabled &&
                fields.length < 10 && (
                  <Button size="small" icon={<PlusOutlined />} onClick={() => add({ name: '', phone: '' })}>
                    {x.form.addManager}
                  </Button>
                )
              }
            >
              {x.form.extraManagers}
            </SectionTitle>
            {fields.length === 0 && <Alert type="info" showIcon={false} title={x.form.noExtraManagers} />}
            {fields.map((field, index) => (
              <Row gutter={24} key={field.key} align="top">
                <Col xs={10} xl={8}>
                  <Form.Item
                    name={[field.name, 'name']}
                    label={index === 0 ? x.form.name : undefined}
                    rules={[{ required: true, whitespace: true, message: x.form.required(x.form.name) }]}
                  >
                    <Input maxLength={50} disabled={extraDisabled} />
                  </Form.Item>
                </Col>
                <Col xs={10} xl={8}>
                  <Form.Item
                    name={[field.name, 'phone']}
                    label={index === 0 ? x.form.phone : undefined}
                    rules={[phoneRule]}
                  >
                    <Input maxLength={20} disabled={extraDisabled} />
                  </Form.Item>
                </Col>
                {!extraDisabled && (
                  <Col xs={4} xl={8}>
                    <Form.Item label={index === 0 ? ' ' : undefined}>
                      <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(field.name)} />
                    </Form.Item>
                  </Col>
                )}
              </Row>
            ))}
          </>
        )}
      </Form.List>
    </>
  );
}
