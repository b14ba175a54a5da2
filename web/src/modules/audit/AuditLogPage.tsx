import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Empty, Flex, Grid, Pagination, Spin, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import type { AuditRow } from '../../../../shared/src/audit';
import { entityTypeLabel } from '../../../../shared/src/audit-changes';
import { AUDIT_ACTION_LABELS, ROLE_LABELS } from '../../../../shared/src/labels';
import { api, type Page } from '../../app/api';
import { useI18n } from '../../app/i18n';
import { useListState } from '../../app/listState';
import { formatTime } from '../../app/time';
import { PageContainer } from '../../app/ui/PageContainer';
import { QueryError } from '../../app/ui/QueryError';
import { AuditArchives } from './AuditArchives';
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
    queryFn: () => api.get<Page<AuditRow> & { totalCapped: boolean }>('/audit', list.query),
    placeholderData: keepPreviousData,
  });

  const mobile = Grid.useBreakpoint().md === false;
  // A filter matching more rows than the server counts says "more than" (it still pages through them).
  const pagination = list.pagination(page.data?.total, page.data?.totalCapped ? a.totalCapped : t.common.total);

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
      render: (_, row) => <AuditEntity row={row} />,
    },
  ];

  return (
    <PageContainer title={t.menu.audit} extra={<Typography.Text type="secondary">{a.timeZoneNote}</Typography.Text>}>
      <AuditVerify />
      <AuditArchives />
      <AuditFilters onSearch={list.setFilters} />
      <Card>
        {page.isError ? (
          <QueryError error={page.error} onRetry={() => void page.refetch()} />
        ) : mobile ? (
          <AuditCards rows={page.data?.items ?? []} loading={page.isFetching}>
            <Pagination
              simple
              align="center"
              current={pagination.current}
              pageSize={pagination.pageSize}
              total={pagination.total}
              onChange={list.setPage}
            />
          </AuditCards>
        ) : (
          <Table
            rowKey="hash"
            size="middle"
            columns={columns}
            dataSource={page.data?.items}
            loading={page.isFetching}
            pagination={pagination}
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

/** The object of a row: its type in words and its own name or number (the id only when nothing names it). */
function AuditEntity({ row }: { row: AuditRow }) {
  const { lang } = useI18n();
  return (
    <span data-testid="audit-entity">
      <Typography.Text type="secondary">{entityTypeLabel(row.entityType, lang)}</Typography.Text>
      {(row.entityName || row.entityId) && (
        <span className="audit-entity-name" title={row.entityId ?? undefined}>
          {' '}
          {row.entityName ?? row.entityId}
        </span>
      )}
    </span>
  );
}

/** The phone's audit list: one card a row, its change opened in place (a wide table would hide the 变更后 column). */
function AuditCards({ rows, loading, children }: { rows: AuditRow[]; loading: boolean; children: ReactNode }) {
  const { t, l } = useI18n();
  const [open, setOpen] = useState<number | null>(null);
  return (
    <Spin spinning={loading}>
      <Flex vertical gap={10} data-testid="audit-cards">
        {rows.length === 0 && <Empty />}
        {rows.map((row) => (
          <Card key={row.seq} size="small" className="audit-card" data-testid="audit-card">
            <Flex justify="space-between" wrap gap={6}>
              <Tag color={ACTION_COLORS[row.action] ?? 'blue'}>{l(AUDIT_ACTION_LABELS, row.action)}</Tag>
              <Typography.Text type="secondary">{formatTime(row.at, 'YYYY-MM-DD HH:mm:ss')}</Typography.Text>
            </Flex>
            <AuditEntity row={row} />
            <Flex justify="space-between" align="center" wrap gap={6}>
              <Typography.Text type="secondary">
                {row.actorName ?? '—'}
                {row.actorRole ? ` · ${l(ROLE_LABELS, row.actorRole)}` : ''}
                {row.ip ? ` · ${row.ip}` : ''}
              </Typography.Text>
              {(row.before !== null || row.after !== null) && (
                <Button
                  size="small"
                  type="link"
                  onClick={() => setOpen(open === row.seq ? null : row.seq)}
                  data-testid="audit-card-toggle"
                >
                  {open === row.seq ? t.audit.hideChange : t.audit.showChange}
                </Button>
              )}
            </Flex>
            {open === row.seq && <AuditChange row={row} />}
          </Card>
        ))}
        {children}
      </Flex>
    </Spin>
  );
}
