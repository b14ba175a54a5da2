import { AuditOutlined, IdcardOutlined, ToolOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, Col, Flex, Input, Row, Segmented, Table, type TableColumnsType, Tabs, Typography } from 'antd';
import { type ReactNode, useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { api, type Page } from '../../app/api';
import { PageContainer } from '../../app/ui/PageContainer';
import { QueryError } from '../../app/ui/QueryError';
import { enterprisePath } from '../enterprises/rights';
import '../enterprises/enterprises.css';
import {
  type AttachedRecord,
  type Certificate,
  certificateColumns,
  type Equipment,
  equipmentColumns,
  type Plan,
  planColumns,
  registryKeys,
} from './kinds';
import { useRegistryText } from './text';

type DueKind = 'equipment' | 'certificates' | 'plans';
type DueFilter = 'attention' | 'overdue' | 'dueSoon';
const KINDS: DueKind[] = ['equipment', 'certificates', 'plans'];
const FILTERS: DueFilter[] = ['attention', 'overdue', 'dueSoon'];
/** Which tab of the enterprise page holds each kind. */
const TAB: Record<DueKind, string> = { equipment: 'equipment', certificates: 'certificates', plans: 'plans' };

function useDueCount(kind: DueKind, due: 'overdue' | 'dueSoon') {
  const query = { due, page: 1, pageSize: 1 };
  return useQuery({
    queryKey: registryKeys.list(kind, query),
    queryFn: () => api.get<Page<unknown>>(`/registry/${kind}`, query),
  }).data?.total;
}

/**
 * 到期提醒: special equipment due for its periodic inspection, special-operation certificates expiring and emergency
 * plans due for review, across the park — 已逾期 first, then the next 30 days. Each row opens its enterprise.
 */
export default function DueRemindersPage() {
  const { r, t } = useRegistryText();
  const [params, setParams] = useSearchParams();
  const kind = (KINDS as string[]).includes(params.get('kind') ?? '') ? (params.get('kind') as DueKind) : 'equipment';
  const due = (FILTERS as string[]).includes(params.get('due') ?? '') ? (params.get('due') as DueFilter) : 'attention';
  const q = params.get('q') ?? '';
  const page = Number(params.get('page') ?? 1) || 1;
  const pageSize = Number(params.get('pageSize') ?? 20) || 20;
  // What is typed, until it is searched; follows the query when the tab or a summary figure changes it.
  const [search, setSearch] = useState(q);
  useEffect(() => setSearch(q), [q]);
  const set = (next: Record<string, string | number | undefined>) => {
    const merged: Record<string, string> = {};
    const all = { kind, due, q, page, pageSize, ...next };
    for (const [k, v] of Object.entries(all)) if (v !== undefined && v !== '') merged[k] = String(v);
    setParams(merged, { replace: true });
  };

  const counts: Record<DueKind, { overdue?: number; dueSoon?: number }> = {
    equipment: { overdue: useDueCount('equipment', 'overdue'), dueSoon: useDueCount('equipment', 'dueSoon') },
    certificates: { overdue: useDueCount('certificates', 'overdue'), dueSoon: useDueCount('certificates', 'dueSoon') },
    plans: { overdue: useDueCount('plans', 'overdue'), dueSoon: useDueCount('plans', 'dueSoon') },
  };
  const titles: Record<DueKind, string> = {
    equipment: r.reminders.equipment,
    certificates: r.reminders.certificates,
    plans: r.reminders.plans,
  };
  const icons: Record<DueKind, ReactNode> = {
    equipment: <ToolOutlined />,
    certificates: <IdcardOutlined />,
    plans: <AuditOutlined />,
  };
  const placeholders: Record<DueKind, string> = {
    equipment: r.reminders.search,
    certificates: r.reminders.searchCertificates,
    plans: r.reminders.searchPlans,
  };

  return (
    <PageContainer title={t.menu.registryDue}>
      <Row gutter={16}>
        {KINDS.map((k) => (
          <Col xs={24} md={8} key={k}>
            <Card
              size="small"
              className={`due-summary${k === kind ? ' due-summary-active' : ''}`}
              data-testid={`due-summary-${k}`}
            >
              <Flex align="center" gap={12}>
                <span className="due-summary-icon">{icons[k]}</span>
                <div className="due-summary-body">
                  <div className="due-summary-title">{titles[k]}</div>
                  <Flex gap={24}>
                    <button
                      type="button"
                      className="due-figure due-figure-overdue"
                      onClick={() => set({ kind: k, due: 'overdue', page: 1, q: '' })}
                    >
                      <span className="due-figure-value">{counts[k].overdue ?? '–'}</span>
                      <span className="due-figure-label">{r.reminders.overdue}</span>
                    </button>
                    <button
                      type="button"
                      className="due-figure due-figure-soon"
                      onClick={() => set({ kind: k, due: 'dueSoon', page: 1, q: '' })}
                    >
                      <span className="due-figure-value">{counts[k].dueSoon ?? '–'}</span>
                      <span className="due-figure-label">{r.reminders.dueSoon}</span>
                    </button>
                  </Flex>
                </div>
              </Flex>
            </Card>
          </Col>
        ))}
      </Row>
      <Card className="table-card">
        <Tabs
          activeKey={kind}
          onChange={(k) => set({ kind: k, page: 1, q: '' })}
          items={KINDS.map((k) => ({ key: k, label: <span data-testid={`due-tab-${k}`}>{titles[k]}</span> }))}
        />
        <Flex justify="space-between" align="center" wrap gap={12} className="table-toolbar">
          <Segmented<DueFilter>
            value={due}
            onChange={(v) => set({ due: v, page: 1 })}
            options={[
              { value: 'attention', label: r.reminders.all },
              { value: 'overdue', label: <span data-testid="due-filter-overdue">{r.reminders.overdue}</span> },
              { value: 'dueSoon', label: <span data-testid="due-filter-soon">{r.reminders.dueSoon}</span> },
            ]}
          />
          <Input.Search
            allowClear
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            placeholder={placeholders[kind]}
            onSearch={(v) => set({ q: v.trim(), page: 1 })}
            style={{ width: 300 }}
            data-testid="due-search"
          />
        </Flex>
        <Typography.Paragraph type="secondary" className="due-intro">
          {r.reminders.intro}
        </Typography.Paragraph>
        <DueTable
          kind={kind}
          due={due}
          q={q}
          page={page}
          pageSize={pageSize}
          onPage={(p, s) => set({ page: p, pageSize: s })}
        />
      </Card>
    </PageContainer>
  );
}

function DueTable({
  kind,
  due,
  q,
  page,
  pageSize,
  onPage,
}: {
  kind: DueKind;
  due: DueFilter;
  q: string;
  page: number;
  pageSize: number;
  onPage: (page: number, pageSize: number) => void;
}) {
  const text = useRegistryText();
  const { r, t } = text;
  const query = { due, q: q || undefined, page, pageSize };
  const list = useQuery({
    queryKey: registryKeys.list(kind, query),
    queryFn: () => api.get<Page<AttachedRecord>>(`/registry/${kind}`, query),
    placeholderData: keepPreviousData,
  });
  const enterpriseColumn = {
    title: r.common.enterprise,
    dataIndex: 'enterpriseName',
    key: 'enterprise',
    width: 240,
    fixed: 'left' as const,
    render: (name: string, row: AttachedRecord) => (
      <Link to={enterprisePath(row.enterpriseId, TAB[kind])} className="due-enterprise">
        {name}
      </Link>
    ),
  };
  const kindColumns =
    kind === 'equipment'
      ? equipmentColumns(text, true)
      : kind === 'certificates'
        ? certificateColumns(text, true)
        : planColumns(text, true);
  const columns = [enterpriseColumn, ...(kindColumns as TableColumnsType<Equipment | Certificate | Plan>)];

  if (list.isError) return <QueryError error={list.error} onRetry={() => void list.refetch()} />;
  return (
    <Table<AttachedRecord>
      rowKey="id"
      size="middle"
      columns={columns as TableColumnsType<AttachedRecord>}
      dataSource={list.data?.items}
      loading={list.isFetching}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: r.common.empty }}
      pagination={{
        current: page,
        pageSize,
        total: list.data?.total ?? 0,
        showSizeChanger: true,
        showTotal: t.common.total,
        onChange: onPage,
      }}
      data-testid={`due-table-${kind}`}
    />
  );
}
