import { Descriptions, type DescriptionsProps, Typography } from 'antd';
import type { ReactNode } from 'react';
import type { EnterpriseView } from '../../../../shared/src/enterprises';
import { SCALE_LABELS, SITE_TYPE_LABELS } from '../../../../shared/src/labels';
import { formatTime } from '../../app/time';
import { CreditCode, EnterpriseStatusTag, SupervisionTags } from './EnterpriseTags';
import { useEnterpriseText } from './text';

const text = (value: string | number | null) => (value === null || value === '' ? '—' : value);
const WIDE = { span: 2 };
const PROPS = { bordered: true, size: 'small', column: 3, styles: { label: { width: 150 } } } as const;

export const industryText = (e: Pick<EnterpriseView, 'industryCode' | 'industryName'>) =>
  e.industryCode ? [e.industryCode, e.industryName].filter(Boolean).join(' ') : '—';

/** 基本信息 read: identity and classification, then site. Each group opens with a row of plain cells, so the
 * fixed-layout tables of both groups share one column grid. */
export function BasicView({ enterprise: e, extra }: { enterprise: EnterpriseView; extra?: ReactNode }) {
  const { t, x, l } = useEnterpriseText();
  const f = t.enterprise;
  const identity: DescriptionsProps['items'] = [
    { key: 'name', label: f.name, children: e.name },
    { key: 'creditCode', label: f.creditCode, children: <CreditCode code={e.creditCode} /> },
    { key: 'status', label: f.status, children: <EnterpriseStatusTag status={e.status} /> },
    { key: 'legalRepresentative', label: f.legalRepresentative, children: text(e.legalRepresentative) },
    { key: 'scale', label: f.scale, children: l(SCALE_LABELS, e.scale) },
    { key: 'employees', label: f.employees, children: text(e.employees) },
    { key: 'industry', label: f.industry, children: industryText(e) },
    { key: 'productionStartDate', label: f.productionStartDate, children: text(e.productionStartDate) },
    { key: 'updatedAt', label: f.updatedAt, children: formatTime(e.updatedAt) },
    { key: 'tags', label: f.tags, children: <SupervisionTags tags={e.supervisionTags} />, span: 3 },
  ];
  const site: DescriptionsProps['items'] = [
    { key: 'siteType', label: f.siteType, children: l(SITE_TYPE_LABELS, e.siteType) },
    { key: 'landlord', label: f.landlord, children: e.siteType === 'leased' ? text(e.landlordName) : '—' },
    { key: 'area', label: f.area, children: text(e.area) },
    { key: 'address', label: f.address, children: text(e.address), ...WIDE },
    {
      key: 'mapPosition',
      label: f.mapPosition,
      children:
        e.mapX !== null && e.mapY !== null ? (
          `${f.mapMarked}（${e.mapX}, ${e.mapY}）`
        ) : (
          <Typography.Text type="secondary">{f.mapUnmarked}</Typography.Text>
        ),
    },
  ];
  return (
    <div className="enterprise-detail">
      <Descriptions {...PROPS} title={x.form.identity} extra={extra} items={identity} data-testid="basic-view" />
      <Descriptions {...PROPS} title={x.form.site} items={site} />
    </div>
  );
}

/** 人员 read: principal, actual controller, safety managers. */
export function PeopleView({ enterprise: e, extra }: { enterprise: EnterpriseView; extra?: ReactNode }) {
  const { t, x } = useEnterpriseText();
  const rows: DescriptionsProps['items'] = [
    { key: 'principal', label: x.form.principal, children: text(e.principalName) },
    { key: 'principalPhone', label: x.form.phone, children: text(e.principalPhone), ...WIDE },
    { key: 'actualController', label: x.form.controller, children: text(e.actualControllerName) },
    { key: 'actualControllerPhone', label: x.form.phone, children: text(e.actualControllerPhone), ...WIDE },
    { key: 'safetyManager', label: x.form.safety, children: text(e.safetyManagerName) },
    {
      key: 'safetyManagerPhone',
      label: x.form.phone,
      children: <span data-testid="view-safety-phone">{text(e.safetyManagerPhone)}</span>,
      ...WIDE,
    },
    ...(e.extraSafetyManagers.length
      ? e.extraSafetyManagers.flatMap((m, i) => [
          { key: `extra-${i}`, label: `${x.form.extraManagers} ${i + 1}`, children: m.name },
          { key: `extra-phone-${i}`, label: x.form.phone, children: text(m.phone), ...WIDE },
        ])
      : [
          {
            key: 'extra',
            label: x.form.extraManagers,
            children: <Typography.Text type="secondary">{x.form.noExtraManagers}</Typography.Text>,
            span: 3,
          },
        ]),
  ];
  return (
    <div className="enterprise-detail">
      <Descriptions {...PROPS} title={t.enterprise.people} extra={extra} items={rows} data-testid="people-view" />
    </div>
  );
}
