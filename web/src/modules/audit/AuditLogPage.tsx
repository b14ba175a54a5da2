import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, Table, type TableColumnsType, Tag, Typography } from 'antd';
import type { AuditRow } from '../../../../shared/src/audit';
import { AUDIT_ACTION_LABELS, ROLE_LABELS } from '../../../../shared/src/labels';
import { api, type Page } from '../../app/api';
import { useI18n } from '../../app/i18n';
import { useListState } from '../../app/listState';
import { formatTime } from '../../app/time';
import { PageContainer } from '../../app/ui/PageContainer';
import { QueryError } from '../../app/ui/QueryError';
import { AuditChange } from './AuditChange';
import { AuditFilters } from './AuditFilters';
import { AuditVerify } from './AuditVerify';

// Failures and security events stand out in a long list of routine ones.
const ACTION_COLORS: Record<string, string> = {
  'auth.loginFailed': 'red',
  'auth.locked': 'volcano',
  'user.resetPassword': 'orange',
  'user.unlock': 'gold',
};

export default function AuditLogPage() {
  const { t, l } = useI18n();
  const a = t.audit;
  const list = useListState<AuditRow>({ order: 'desc' });
  const page = useQuery({
    queryKey: ['audit', list.query],
    queryFn: () => api.get<Page<AuditRow>>('/audit', list.query),
    placeholderData: keepPreviousData,
  });

  const columns: TableColumnsType<AuditRow> = [
    { title: a.seq, dataIndex: 'seq', width: 80 },
    { title: a.at, dataIndex: 'at', render: (v: string) => formatTime(v, 'YYYY-MM-DD HH:mm:ss'), width: 170 },
    { title: a.actor, dataIndex: 'actorName', render: (v: string | null) => v ?? '—', width: 130 },
    {
      title: a.role,
      dataIndex: 'actorRole',
      render: (v: string | null) => (v ? l(ROLE_LABELS, v) : '—'),
      width: 120,
    },
    { title: a.ip, dataIndex: 'ip', render: (v: string | null) => v ?? '—', width: 130 },
    {
      title: a.action,
      dataIndex: 'action',
      render: (v: string) => <Tag color={ACTION_COLORS[v] ?? 'blue'}>{l(AUDIT_ACTION_LABELS, v)}</Tag>,
      width: 150,
    },
    {
      title: a.entity,
      key: 'entity',
      render: (_, row) => (
        <span>
          {a.entityTypes[row.entityType] ?? row.entityType}
          {row.entityId && (
            <Typography.Text type="secondary" className="entity-id">
              {' '}
              {row.entityId}
            </Typography.Text>
          )}
        </span>
      ),
    },
  ];

  return (
    <PageContainer title={t.menu.audit} extra={<Typography.Text type="secondary">{a.timeZoneNote}</Typography.Text>}>
      <AuditVerify />
      <AuditFilters onSearch={list.setFilters} />
      <Card>
        {page.isError ? (
          <QueryError error={page.error} onRetry={() => void page.refetch()} />
        ) : (
          <Table
            rowKey="seq"
            size="middle"
            columns={columns}
            dataSource={page.data?.items}
            loading={page.isFetching}
            pagination={list.pagination(page.data?.total, t.common.total)}
            onChange={list.onChange}
            expandable={{
              expandedRowRender: (row) => <AuditChange row={row} />,
              rowExpandable: (row) => row.before !== null || row.after !== null,
            }}
            scroll={{ x: 1100 }}
            data-testid="audit-table"
          />
        )}
      </Card>
    </PageContainer>
  );
}
