import { ArrowLeftOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Badge, Breadcrumb, Button, Card, Flex, Result, Space, Tabs, Typography } from 'antd';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import type { EnterpriseView } from '../../../../shared/src/enterprises';
import { SCALE_LABELS, SITE_TYPE_LABELS } from '../../../../shared/src/labels';
import type { AttachmentKind } from '../../../../shared/src/registry';
import { ApiError, api, type Page } from '../../app/api';
import { PageLoading } from '../../app/ui/PageLoading';
import { QueryError } from '../../app/ui/QueryError';
import { CertificatesTab, EquipmentTab, HazardSourcesTab, PlansTab } from '../registry/AttachmentTab';
import { registryKeys } from '../registry/kinds';
import { LevelTag } from '../risk/common';
import { EnterpriseRiskTab } from '../risk/EnterpriseRisk';
import { AccountsTab } from './AccountsTab';
import { BasicView, industryText, PeopleView } from './EnterpriseDetail';
import { EnterpriseEditCard } from './EnterpriseEditCard';
import { BasicFields, PeopleFields } from './EnterpriseFields';
import {
  EnterpriseHazardFigures,
  EnterpriseHazardsTab,
  EnterpriseInspectionsTab,
  type HazardView_,
} from './EnterpriseHazards';
import { CreditCode, EnterpriseStatusTag, SupervisionTags } from './EnterpriseTags';
import { BASIC_FIELDS, PEOPLE_FIELDS } from './enterpriseForm';
import { HistoryTab } from './HistoryTab';
import { enterpriseKeys, useRegistryRights } from './rights';
import { useEnterpriseText } from './text';
import './enterprises.css';

/** How many records of a kind are overdue at this enterprise: a red count on the tab. */
function useOverdue(kind: AttachmentKind, enterpriseId: string) {
  const query = { enterpriseId, due: 'overdue', page: 1, pageSize: 1 };
  return (
    useQuery({
      queryKey: registryKeys.list(kind, query),
      queryFn: () => api.get<Page<unknown>>(`/registry/${kind}`, query),
    }).data?.total ?? 0
  );
}

/**
 * One enterprise's 企业档案 as a page: who and where it is at the top, then its record in tabs. The committee opens it
 * from the list (/enterprises/:id); an enterprise user sees its own at /my-enterprise.
 */
export function EnterpriseRecord({ enterpriseId, own = false }: { enterpriseId: string; own?: boolean }) {
  const { t, x } = useEnterpriseText();
  const rights = useRegistryRights();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const enterprise = useQuery({
    queryKey: enterpriseKeys.one(enterpriseId),
    queryFn: () => api.get<EnterpriseView>(`/enterprises/${enterpriseId}`),
  });
  const overdue = {
    equipment: useOverdue('equipment', enterpriseId),
    plans: useOverdue('plans', enterpriseId),
    certificates: useOverdue('certificates', enterpriseId),
  };

  const home = own ? t.menu.myEnterprise : t.menu.enterprises;
  if (enterprise.isError) {
    const missing = enterprise.error instanceof ApiError && enterprise.error.status === 404;
    return (
      <div className="page">
        <div className="page-body">
          <Card>
            {missing ? (
              <Result
                status="404"
                title={x.detail.notFound}
                extra={!own && <Button onClick={() => navigate('/enterprises')}>{x.detail.back}</Button>}
              />
            ) : (
              <QueryError error={enterprise.error} onRetry={() => void enterprise.refetch()} />
            )}
          </Card>
        </div>
      </div>
    );
  }
  if (!enterprise.data) return <PageLoading />;
  const e = enterprise.data;
  const tab = params.get('tab') ?? 'basic';
  const reload = async () => (await enterprise.refetch()).data;
  const count = (label: string, n: number) =>
    n > 0 ? (
      <Space size={6}>
        {label}
        <Badge count={n} size="small" />
      </Space>
    ) : (
      label
    );

  const items = [
    {
      key: 'basic',
      label: x.detail.tabs.basic,
      children: (
        <EnterpriseEditCard
          enterprise={e}
          fields={BASIC_FIELDS}
          view={(action) => <BasicView enterprise={e} extra={action} />}
          reload={reload}
          testId="basic"
        >
          <BasicFields
            selfId={e.id}
            landlord={e.landlordEnterpriseId ? { id: e.landlordEnterpriseId, name: e.landlordName ?? '' } : null}
          />
        </EnterpriseEditCard>
      ),
    },
    {
      key: 'people',
      label: x.detail.tabs.people,
      children: (
        <EnterpriseEditCard
          enterprise={e}
          fields={PEOPLE_FIELDS}
          view={(action) => <PeopleView enterprise={e} extra={action} />}
          reload={reload}
          testId="people"
        >
          <PeopleFields />
        </EnterpriseEditCard>
      ),
    },
    {
      key: 'hazard-sources',
      label: x.detail.tabs.hazardSources,
      children: <HazardSourcesTab enterpriseId={e.id} writable={rights.writeRecords} />,
    },
    {
      key: 'equipment',
      label: count(x.detail.tabs.equipment, overdue.equipment),
      children: <EquipmentTab enterpriseId={e.id} writable={rights.writeRecords} />,
    },
    {
      key: 'plans',
      label: count(x.detail.tabs.plans, overdue.plans),
      children: <PlansTab enterpriseId={e.id} writable={rights.writeRecords} />,
    },
    {
      key: 'certificates',
      label: count(x.detail.tabs.certificates, overdue.certificates),
      children: <CertificatesTab enterpriseId={e.id} writable={rights.writeRecords} />,
    },
    {
      key: 'risk',
      label: x.detail.tabs.risk,
      children: <EnterpriseRiskTab enterpriseId={e.id} />,
    },
    {
      key: 'hazards',
      label: x.detail.tabs.hazards,
      children: (
        <EnterpriseHazardsTab
          key={params.get('view') ?? 'all'}
          enterpriseId={e.id}
          view={(params.get('view') as HazardView_ | null) ?? undefined}
        />
      ),
    },
    {
      key: 'inspections',
      label: x.detail.tabs.inspections,
      children: <EnterpriseInspectionsTab enterpriseId={e.id} />,
    },
    ...(rights.accounts
      ? [{ key: 'accounts', label: x.detail.tabs.accounts, children: <AccountsTab enterprise={e} /> }]
      : []),
    ...(rights.history
      ? [{ key: 'history', label: x.detail.tabs.history, children: <HistoryTab enterpriseId={e.id} /> }]
      : []),
  ];

  return (
    <div className="page" data-testid="enterprise-detail">
      <div className="page-head record-head">
        <Breadcrumb
          items={[
            { title: <Link to="/">{t.menu.home}</Link> },
            own ? { title: home } : { title: <Link to="/enterprises">{home}</Link> },
            ...(own ? [] : [{ title: e.name }]),
          ]}
        />
        <Flex justify="space-between" align="center" className="page-title-row">
          <Space size={12} align="center">
            <Typography.Title level={4} className="page-title" data-testid="record-title">
              {e.name}
            </Typography.Title>
            <EnterpriseStatusTag status={e.status} />
          </Space>
          {!own && (
            <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/enterprises')}>
              {x.detail.back}
            </Button>
          )}
        </Flex>
        <div className="record-meta">
          <span>
            <span className="record-meta-label">{t.enterprise.creditCode}</span>
            <CreditCode code={e.creditCode} />
          </span>
          <span>
            <span className="record-meta-label">{t.enterprise.area}</span>
            {e.area ?? '—'}
          </span>
          <span>
            <span className="record-meta-label">{t.enterprise.industry}</span>
            {industryText(e)}
          </span>
          <span>
            <span className="record-meta-label">{t.enterprise.siteType}</span>
            <RecordSite enterprise={e} link={!own} />
          </span>
          <span>
            <span className="record-meta-label">{t.enterprise.scale}</span>
            <ScaleText scale={e.scale} />
          </span>
          <span>
            <span className="record-meta-label">{x.list.riskLevel}</span>
            <LevelTag level={e.riskLevel ?? 'none'} overridden={e.riskLevelOverridden} testId="record-risk-level" />
          </span>
        </div>
        <div className="record-tags">
          <SupervisionTags tags={e.supervisionTags} />
        </div>
        <EnterpriseHazardFigures
          enterpriseId={e.id}
          onPick={(view) => setParams({ tab: 'hazards', view }, { replace: true })}
        />
      </div>
      <div className="page-body">
        <Card className="record-card">
          <Tabs
            activeKey={items.some((i) => i.key === tab) ? tab : 'basic'}
            onChange={(key) => setParams(key === 'basic' ? {} : { tab: key }, { replace: true })}
            items={items}
            destroyOnHidden
            data-testid="record-tabs"
          />
        </Card>
      </div>
    </div>
  );
}

function RecordSite({ enterprise: e, link }: { enterprise: EnterpriseView; link: boolean }) {
  const { l, t, x } = useEnterpriseText();
  const site = l(SITE_TYPE_LABELS, e.siteType);
  if (e.siteType !== 'leased' || !e.landlordName) return <>{site}</>;
  return (
    <>
      {site}
      {x.misc.open}
      {t.enterprise.landlord}
      {x.misc.colon}
      {link && e.landlordEnterpriseId ? (
        <Link to={`/enterprises/${e.landlordEnterpriseId}`}>{e.landlordName}</Link>
      ) : (
        e.landlordName
      )}
      {x.misc.close}
    </>
  );
}

function ScaleText({ scale }: { scale: string }) {
  const { l } = useEnterpriseText();
  return <>{l(SCALE_LABELS, scale)}</>;
}
