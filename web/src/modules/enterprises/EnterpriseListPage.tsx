import { ImportOutlined, PlusOutlined, SettingOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  Button,
  Card,
  Checkbox,
  Divider,
  Empty,
  Flex,
  Grid,
  Pagination,
  Popover,
  Space,
  Spin,
  Table,
  type TableColumnsType,
  Tooltip,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import type { EnterpriseListItem } from '../../../../shared/src/enterprises';
import { SCALE_LABELS, SITE_TYPE_LABELS } from '../../../../shared/src/labels';
import { api, type Page } from '../../app/api';
import { formatTime } from '../../app/time';
import { PageContainer } from '../../app/ui/PageContainer';
import { QueryError } from '../../app/ui/QueryError';
import { GradeTag } from '../credit/common';
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

type Column = TableColumnsType<EnterpriseListItem>[number] & { key: string };

/** Columns a supervisor may show or hide; 企业名称 always shows. The first six keep their places (status is 6th).
 * The default set fits a 1440 px screen with its scroll bar (≤ 1,080 px of table); more columns scroll. 行业 gave
 * its default place to 诚信等级 (it stays one click away in 列设置). */
const OPTIONAL = [
  'creditCode',
  'area',
  'siteType',
  'scale',
  'status',
  'tags',
  'riskLevel',
  'creditGrade',
  'industry',
  'employees',
  'principal',
  'safetyManager',
  'landlord',
  'productionStartDate',
  'updatedAt',
] as const;
const DEFAULT_VISIBLE = ['creditCode', 'area', 'siteType', 'scale', 'status', 'tags', 'riskLevel', 'creditGrade'];

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
  // Phones get one card an enterprise: a table of 290 rows and nine columns is a strip of names there.
  const phone = Grid.useBreakpoint().md === false;
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);
  const page = useQuery({
    queryKey: [...enterpriseKeys.list, list.query],
    queryFn: () => api.get<Page<EnterpriseListItem>>('/enterprises', list.query),
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
      width: 168,
      render: (v: string) => <CreditCode code={v} />,
    },
    area: { key: 'area', title: f.area, dataIndex: 'area', render: (v: string | null) => v ?? '—', width: 72 },
    siteType: {
      key: 'siteType',
      title: f.siteType,
      dataIndex: 'siteType',
      render: (v: string) => l(SITE_TYPE_LABELS, v),
      width: 76,
    },
    scale: { key: 'scale', title: f.scale, dataIndex: 'scale', render: (v: string) => l(SCALE_LABELS, v), width: 64 },
    status: {
      key: 'status',
      title: f.status,
      dataIndex: 'status',
      render: (v: string) => <EnterpriseStatusTag status={v} />,
      width: 76,
    },
    riskLevel: {
      key: 'riskLevel',
      title: x.list.riskLevel,
      dataIndex: 'riskLevel',
      sorter: true,
      sortOrder: list.sortOrder('riskLevel'),
      width: 96,
      render: (v: EnterpriseListItem['riskLevel'], row) => (
        <LevelTag level={v ?? 'none'} overridden={row.riskLevelOverridden} testId="enterprise-risk-level" />
      ),
    },
    creditGrade: {
      key: 'creditGrade',
      title: x.list.creditGrade,
      dataIndex: 'creditGrade',
      sorter: true,
      sortOrder: list.sortOrder('creditGrade'),
      width: 96,
      render: (v: EnterpriseListItem['creditGrade'], row) => (
        <Tooltip title={row.creditScore == null ? x.list.creditUnscored : `${x.list.creditScore} ${row.creditScore}`}>
          <span>
            <GradeTag grade={v} />
          </span>
        </Tooltip>
      ),
    },
    tags: {
      key: 'tags',
      title: f.tags,
      dataIndex: 'supervisionTags',
      render: (v: string[]) => <SupervisionTags tags={v} />,
      width: 150,
    },
    industry: {
      key: 'industry',
      title: x.list.industry,
      dataIndex: 'industryCode',
      ellipsis: { showTitle: true },
      render: (_: unknown, row) => <span className="cell-industry">{industryText(row)}</span>,
      width: 126,
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
      width: 190,
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
      width: 60,
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
        <Flex justify="space-between" align="center" wrap gap={8} className="table-toolbar">
          <Typography.Text type="secondary" className="table-total" data-testid="enterprise-total">
            {t.common.total(page.data?.total ?? 0)}
          </Typography.Text>
          <Space wrap>
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
            {!phone && (
              <Popover content={chooser} title={x.list.columnsHint} trigger="click" placement="bottomRight">
                <Button icon={<SettingOutlined />} data-testid="column-settings">
                  {x.list.columns}
                </Button>
              </Popover>
            )}
          </Space>
        </Flex>
        {page.isError ? (
          <QueryError error={page.error} onRetry={() => void page.refetch()} />
        ) : phone ? (
          <Spin spinning={page.isFetching}>
            <div className="enterprise-cards" data-testid="enterprise-cards">
              {page.data?.items.length === 0 && <Empty />}
              {page.data?.items.map((e) => (
                <EnterpriseCard key={e.id} enterprise={e} onOpen={() => navigate(enterprisePath(e.id))} />
              ))}
              {(page.data?.total ?? 0) > 0 && (
                <Pagination
                  simple
                  align="center"
                  current={list.pagination(page.data?.total, t.common.total).current}
                  pageSize={list.pagination(page.data?.total, t.common.total).pageSize}
                  total={page.data?.total}
                  onChange={list.setPage}
                />
              )}
            </div>
          </Spin>
        ) : (
          <Table<EnterpriseListItem>
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

/** A phone's row: the name to open, then what the committee scans for (code, area, status, level, tags). */
function EnterpriseCard({ enterprise: e, onOpen }: { enterprise: EnterpriseListItem; onOpen: () => void }) {
  const { l } = useEnterpriseText();
  return (
    <Card size="small" hoverable className="enterprise-card" onClick={onOpen} data-testid="enterprise-card">
      <div className="enterprise-card-head">
        <Typography.Text strong className="enterprise-card-name">
          {e.name}
        </Typography.Text>
        <Space size={4}>
          <LevelTag level={e.riskLevel ?? 'none'} overridden={e.riskLevelOverridden} />
          <GradeTag grade={e.creditGrade} />
        </Space>
      </div>
      <CreditCode code={e.creditCode} />
      <div className="enterprise-card-meta">
        <span>{[e.area, l(SITE_TYPE_LABELS, e.siteType), l(SCALE_LABELS, e.scale)].filter(Boolean).join(' · ')}</span>
        <EnterpriseStatusTag status={e.status} />
      </div>
      {e.supervisionTags.length > 0 && <SupervisionTags tags={e.supervisionTags} />}
    </Card>
  );
}
