import { ImportOutlined, PlusOutlined, SettingOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Checkbox, Divider, Flex, Popover, Space, Table, type TableColumnsType, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import type { EnterpriseView } from '../../../../shared/src/enterprises';
import { SCALE_LABELS, SITE_TYPE_LABELS } from '../../../../shared/src/labels';
import { api, type Page } from '../../app/api';
import { formatTime } from '../../app/time';
import { PageContainer } from '../../app/ui/PageContainer';
import { QueryError } from '../../app/ui/QueryError';
import { LevelTag } from '../risk/common';
import { EnterpriseCreateDrawer } from './EnterpriseCreateDrawer';
import { industryText } from './EnterpriseDetail';
import { EnterpriseFilters } from './EnterpriseFilters';
import { CreditCode, EnterpriseStatusTag, SupervisionTags } from './EnterpriseTags';
import { ExportButton } from './ExportButton';
import { ImportModal } from './ImportModal';
import { useColumnChoice, useEnterpriseListState } from './listPrefs';
import { enterpriseKeys, enterprisePath, useRegistryRights } from './rights';
import { useEnterpriseText } from './text';
import './enterprises.css';

type Column = TableColumnsType<EnterpriseView>[number] & { key: string };

/** Columns a supervisor may show or hide; 企业名称 always shows. The first six keep their places (status is 6th). */
const OPTIONAL = [
  'creditCode',
  'area',
  'siteType',
  'scale',
  'status',
  'tags',
  'riskLevel',
  'industry',
  'employees',
  'principal',
  'safetyManager',
  'landlord',
  'productionStartDate',
  'updatedAt',
] as const;
const DEFAULT_VISIBLE = ['creditCode', 'area', 'siteType', 'scale', 'status', 'tags', 'riskLevel', 'industry'];

const person = (name: string | null, phone: string | null) =>
  name ? (
    <div className="cell-person">
      <div>{name}</div>
      {phone && <Typography.Text type="secondary">{phone}</Typography.Text>}
    </div>
  ) : (
    '—'
  );

/** 企业档案: the park's enterprises, filtered and sorted on the server. */
export function EnterpriseListPage() {
  const { t, x, l } = useEnterpriseText();
  const rights = useRegistryRights();
  const navigate = useNavigate();
  const list = useEnterpriseListState();
  const columnChoice = useColumnChoice(OPTIONAL, DEFAULT_VISIBLE);
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);
  const page = useQuery({
    queryKey: [...enterpriseKeys.list, list.query],
    queryFn: () => api.get<Page<EnterpriseView>>('/enterprises', list.query),
    placeholderData: keepPreviousData,
  });
  const f = t.enterprise;

  const optional: Record<(typeof OPTIONAL)[number], Column> = {
    creditCode: {
      key: 'creditCode',
      title: f.creditCode,
      dataIndex: 'creditCode',
      sorter: true,
      sortOrder: list.sortOrder('creditCode'),
      width: 170,
      render: (v: string) => <CreditCode code={v} />,
    },
    area: { key: 'area', title: f.area, dataIndex: 'area', render: (v: string | null) => v ?? '—', width: 80 },
    siteType: {
      key: 'siteType',
      title: f.siteType,
      dataIndex: 'siteType',
      render: (v: string) => l(SITE_TYPE_LABELS, v),
      width: 80,
    },
    scale: { key: 'scale', title: f.scale, dataIndex: 'scale', render: (v: string) => l(SCALE_LABELS, v), width: 66 },
    status: {
      key: 'status',
      title: f.status,
      dataIndex: 'status',
      render: (v: string) => <EnterpriseStatusTag status={v} />,
      width: 80,
    },
    riskLevel: {
      key: 'riskLevel',
      title: x.list.riskLevel,
      dataIndex: 'riskLevel',
      sorter: true,
      sortOrder: list.sortOrder('riskLevel'),
      width: 100,
      render: (v: EnterpriseView['riskLevel'], row) => (
        <LevelTag level={v ?? 'none'} overridden={row.riskLevelOverridden} testId="enterprise-risk-level" />
      ),
    },
    tags: {
      key: 'tags',
      title: f.tags,
      dataIndex: 'supervisionTags',
      render: (v: string[]) => <SupervisionTags tags={v} />,
      width: 180,
    },
    industry: {
      key: 'industry',
      title: x.list.industry,
      dataIndex: 'industryCode',
      ellipsis: { showTitle: true },
      render: (_: unknown, row) => <span className="cell-industry">{industryText(row)}</span>,
      width: 150,
    },
    employees: {
      key: 'employees',
      title: f.employees,
      dataIndex: 'employees',
      sorter: true,
      sortOrder: list.sortOrder('employees'),
      align: 'right',
      width: 100,
      render: (v: number | null) => v ?? '—',
    },
    principal: {
      key: 'principal',
      title: x.list.principal,
      dataIndex: 'principalName',
      width: 130,
      render: (_: unknown, row) => person(row.principalName, row.principalPhone),
    },
    safetyManager: {
      key: 'safetyManager',
      title: x.list.contacts,
      dataIndex: 'safetyManagerName',
      width: 130,
      render: (_: unknown, row) => person(row.safetyManagerName, row.safetyManagerPhone),
    },
    landlord: {
      key: 'landlord',
      title: x.list.landlord,
      dataIndex: 'landlordName',
      width: 200,
      render: (v: string | null, row) =>
        v && row.landlordEnterpriseId ? <Link to={enterprisePath(row.landlordEnterpriseId)}>{v}</Link> : '—',
    },
    productionStartDate: {
      key: 'productionStartDate',
      title: f.productionStartDate,
      dataIndex: 'productionStartDate',
      width: 110,
      render: (v: string | null) => v ?? '—',
    },
    updatedAt: {
      key: 'updatedAt',
      title: f.updatedAt,
      dataIndex: 'updatedAt',
      sorter: true,
      sortOrder: list.sortOrder('updatedAt'),
      width: 150,
      render: (v: string) => formatTime(v),
    },
  };

  const columns: Column[] = [
    {
      key: 'name',
      title: f.name,
      dataIndex: 'name',
      sorter: true,
      sortOrder: list.sortOrder('name'),
      width: 220,
      fixed: 'left',
      render: (name: string, row) => (
        <Button type="link" className="cell-link" onClick={() => navigate(enterprisePath(row.id))}>
          {name}
        </Button>
      ),
    },
    ...OPTIONAL.filter((k) => columnChoice.visible.includes(k)).map((k) => optional[k]),
    {
      key: 'actions',
      title: t.common.actions,
      fixed: 'right',
      width: 70,
      render: (_: unknown, row) => <Link to={enterprisePath(row.id)}>{x.list.view}</Link>,
    },
  ];
  const width = columns.reduce((sum, c) => sum + (typeof c.width === 'number' ? c.width : 120), 0);

  const chooser = (
    <div className="column-chooser" data-testid="column-chooser">
      <Checkbox.Group
        value={columnChoice.visible}
        onChange={(v) => columnChoice.setVisible(v as string[])}
        options={OPTIONAL.map((k) => ({ value: k, label: String(optional[k].title) }))}
      />
      <Divider size="small" />
      <Button size="small" type="link" onClick={columnChoice.reset}>
        {x.list.columnsReset}
      </Button>
    </div>
  );

  return (
    <PageContainer title={t.menu.enterprises}>
      <EnterpriseFilters initial={list.filters} onSearch={list.setFilters} />
      <Card className="table-card">
        <Flex justify="space-between" align="center" className="table-toolbar">
          <Typography.Text type="secondary" data-testid="enterprise-total">
            {t.common.total(page.data?.total ?? 0)}
          </Typography.Text>
          <Space>
            {rights.manage && (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => setCreating(true)}
                data-testid="enterprise-create"
              >
                {x.list.create}
              </Button>
            )}
            {rights.manage && (
              <Button icon={<ImportOutlined />} onClick={() => setImporting(true)} data-testid="enterprise-import">
                {x.list.import}
              </Button>
            )}
            <ExportButton filters={list.filters} />
            <Popover content={chooser} title={x.list.columnsHint} trigger="click" placement="bottomRight">
              <Button icon={<SettingOutlined />} data-testid="column-settings">
                {x.list.columns}
              </Button>
            </Popover>
          </Space>
        </Flex>
        {page.isError ? (
          <QueryError error={page.error} onRetry={() => void page.refetch()} />
        ) : (
          <Table<EnterpriseView>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={page.data?.items}
            loading={page.isFetching}
            pagination={list.pagination(page.data?.total, t.common.total)}
            onChange={list.onChange}
            scroll={{ x: width }}
            data-testid="enterprise-table"
          />
        )}
      </Card>
      {rights.manage && (
        <>
          <EnterpriseCreateDrawer open={creating} onClose={() => setCreating(false)} />
          <ImportModal open={importing} onClose={() => setImporting(false)} />
        </>
      )}
    </PageContainer>
  );
}
