import { Descriptions, type DescriptionsProps, Grid, Typography } from 'antd';
import type { ReactNode } from 'react';
import type { EnterpriseView } from '../../../../shared/src/enterprises';
import { SCALE_LABELS, SITE_TYPE_LABELS } from '../../../../shared/src/labels';
import { formatTime } from '../../app/time';
import { MaskedValue } from '../../app/ui/MaskedValue';
import { CreditCode, EnterpriseStatusTag, SupervisionTags } from './EnterpriseTags';
import { useEnterpriseText } from './text';

const text = (value: string | number | null) => (value === null || value === '' ? '—' : value);
// Three label/value pairs a row on a wide desk, two on a narrow one, one on a phone: a value never gets a sliver.
const COLUMNS = { xs: 1, sm: 1, md: 2, lg: 2, xl: 3, xxl: 3 };
const WIDE = { span: { xs: 1, sm: 1, md: 1, lg: 1, xl: 2, xxl: 2 } };
/** The rest of the row, whatever the column count (a person's phone beside the name). */
const REST = { span: 'filled' } as const;

/** The read views' common settings; a phone gets a narrower label column. */
function useDescriptionProps() {
  const phone = Grid.useBreakpoint().md === false;
  return { bordered: true, size: 'small', column: COLUMNS, styles: { label: { width: phone ? 104 : 150 } } } as const;
}

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
    { key: 'tags', label: f.tags, children: <SupervisionTags tags={e.supervisionTags} />, ...REST },
  ];
  const site: DescriptionsProps['items'] = [
    { key: 'siteType', label: f.siteType, children: l(SITE_TYPE_LABELS, e.siteType) },
    { key: 'landlord', label: f.landlord, children: e.siteType === 'leased' ? text(e.landlordName) : '—' },
    { key: 'area', label: f.area, children: text(e.area) },
    { key: 'address', label: f.address, children: text(e.address), ...WIDE },
    {
      key: 'mapPosition',
      label: f.mapPosition,
      // Placed or not: the place itself is seen on the 四色图, never as raw fractions.
      children:
        e.mapX !== null && e.mapY !== null ? (
          <span data-testid="view-map-position">{f.mapMarked}</span>
        ) : (
          <Typography.Text type="secondary" data-testid="view-map-position">
            {f.mapUnmarked}
          </Typography.Text>
        ),
    },
  ];
  const PROPS = useDescriptionProps();
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
  // Phones arrive masked; the eye button shows one in full (audited) to the roles that may see it.
  const phone = (field: string, value: string | null, testId: string) => (
    <MaskedValue value={value} entityType="enterprise" id={e.id} field={field} testId={testId} />
  );
  const rows: DescriptionsProps['items'] = [
    { key: 'principal', label: x.form.principal, children: text(e.principalName) },
    {
      key: 'principalPhone',
      label: x.form.phone,
      children: phone('principalPhone', e.principalPhone, 'view-principal-phone'),
      ...REST,
    },
    { key: 'actualController', label: x.form.controller, children: text(e.actualControllerName) },
    {
      key: 'actualControllerPhone',
      label: x.form.phone,
      children: phone('actualControllerPhone', e.actualControllerPhone, 'view-controller-phone'),
      ...REST,
    },
    { key: 'safetyManager', label: x.form.safety, children: text(e.safetyManagerName) },
    {
      key: 'safetyManagerPhone',
      label: x.form.phone,
      children: phone('safetyManagerPhone', e.safetyManagerPhone, 'view-safety-phone'),
      ...REST,
    },
    ...(e.extraSafetyManagers.length
      ? e.extraSafetyManagers.flatMap((m, i) => [
          { key: `extra-${i}`, label: `${x.form.extraManagers} ${i + 1}`, children: m.name },
          {
            key: `extra-phone-${i}`,
            label: x.form.phone,
            children: (
              <MaskedValue
                value={m.phone}
                entityType="enterprise"
                id={e.id}
                field="extraSafetyManagers"
                index={i}
                testId={`view-extra-phone-${i}`}
              />
            ),
            ...REST,
          },
        ])
      : [
          {
            key: 'extra',
            label: x.form.extraManagers,
            children: <Typography.Text type="secondary">{x.form.noExtraManagers}</Typography.Text>,
            ...REST,
          },
        ]),
  ];
  const PROPS = useDescriptionProps();
  return (
    <div className="enterprise-detail">
      <Descriptions {...PROPS} title={t.enterprise.people} extra={extra} items={rows} data-testid="people-view" />
    </div>
  );
}
