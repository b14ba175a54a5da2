import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Flex, Select, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { AuditRow } from '../../../../shared/src/audit';
import {
  changeFieldLabel,
  changeValue,
  type FieldChange,
  changesOf as sharedChangesOf,
} from '../../../../shared/src/audit-changes';
import { AUDIT_ACTION_LABELS, ROLE_LABELS } from '../../../../shared/src/labels';
import { api, type Page } from '../../app/api';
import { formatTime } from '../../app/time';
import { QueryError } from '../../app/ui/QueryError';
import { enterpriseKeys } from './rights';
import { useEnterpriseText } from './text';

type Rec = Record<string, unknown>;

/** Bookkeeping that every row carries and nobody reads as a change. */
const HIDDEN = new Set([
  'id',
  'parkId',
  'enterpriseId',
  'enterpriseName',
  'organisationId',
  'organisationName',
  'landlordEnterpriseId',
  'rowVersion',
  'updatedAt',
  'createdAt',
  'due',
  'lastLoginAt',
  'locked',
  'lockedUntil',
  'passwordHash',
]);

const ENTITY_TYPES = ['enterprise', 'hazard-sources', 'equipment', 'plans', 'certificates', 'user'] as const;

/** The fields a change touched (shared with the audit log), without this record's bookkeeping. */
const changesOf = (row: Pick<AuditRow, 'before' | 'after'>) => sharedChangesOf(row, HIDDEN);

/** The name a person knows the record by. */
function subject(row: AuditRow): string {
  const r = ((row.after ?? row.before ?? {}) as Rec) || {};
  const name = r.name ?? r.title ?? r.displayName ?? r.holderName;
  const extra = r.username ?? r.certificateNo;
  return [name, extra].filter((v) => typeof v === 'string' && v).join(' · ');
}

const ACTION_COLORS: Record<string, string> = { create: 'green', update: 'blue', delete: 'red', import: 'purple' };

/** 变更记录: every audited change to the record, its attached records and its accounts, newest first. */
export function HistoryTab({ enterpriseId }: { enterpriseId: string }) {
  const { t, x, l } = useEnterpriseText();
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [entityType, setEntityType] = useState<string | undefined>();
  const query = { ...paging, entityType };
  const history = useQuery({
    queryKey: [...enterpriseKeys.history(enterpriseId), query],
    queryFn: () => api.get<Page<AuditRow>>(`/enterprises/${enterpriseId}/history`, query),
    placeholderData: keepPreviousData,
  });
  const types = t.audit.entityTypes;

  const columns: TableColumnsType<AuditRow> = [
    { title: x.history.at, dataIndex: 'at', width: 170, render: (v: string) => formatTime(v, 'YYYY-MM-DD HH:mm:ss') },
    {
      title: x.history.actor,
      dataIndex: 'actorName',
      width: 120,
      render: (v: string | null) => v ?? x.history.system,
    },
    {
      title: x.history.role,
      dataIndex: 'actorRole',
      width: 120,
      render: (v: string | null) => (v ? l(ROLE_LABELS, v) : '—'),
    },
    {
      title: x.history.action,
      dataIndex: 'action',
      width: 150,
      render: (v: string) => (
        <Tag color={ACTION_COLORS[v.split('.').pop() ?? ''] ?? 'default'}>{l(AUDIT_ACTION_LABELS, v)}</Tag>
      ),
    },
    {
      title: x.history.object,
      key: 'object',
      render: (_, row) => (
        <span>
          <Typography.Text type="secondary">{types[row.entityType] ?? row.entityType}</Typography.Text>
          {subject(row) && <span className="history-subject">{subject(row)}</span>}
        </span>
      ),
    },
    {
      title: x.history.changedFields,
      key: 'changes',
      width: 110,
      render: (_, row) => {
        const n = changesOf(row).length;
        return n ? x.history.changes(n) : <Typography.Text type="secondary">—</Typography.Text>;
      },
    },
  ];

  return (
    <div data-testid="enterprise-history">
      <Flex justify="space-between" align="center" className="tab-toolbar">
        <Typography.Text type="secondary">{t.audit.timeZoneNote}</Typography.Text>
        <Select
          allowClear
          placeholder={x.history.allTypes}
          value={entityType}
          onChange={(v?: string) => {
            setEntityType(v);
            setPaging((p) => ({ ...p, page: 1 }));
          }}
          options={ENTITY_TYPES.map((v) => ({ value: v, label: types[v] ?? v }))}
          style={{ width: 180 }}
        />
      </Flex>
      {history.isError ? (
        <QueryError error={history.error} onRetry={() => void history.refetch()} />
      ) : (
        <Table<AuditRow>
          rowKey="seq"
          size="middle"
          columns={columns}
          dataSource={history.data?.items}
          loading={history.isFetching}
          expandable={{
            expandedRowRender: (row) => <ChangeTable row={row} />,
            rowExpandable: (row) => changesOf(row).length > 0,
          }}
          pagination={{
            current: paging.page,
            pageSize: paging.pageSize,
            total: history.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: t.common.total,
            onChange: (page, pageSize) => setPaging({ page, pageSize }),
          }}
          data-testid="history-table"
        />
      )}
    </div>
  );
}

function ChangeTable({ row }: { row: AuditRow }) {
  const { x, lang } = useEnterpriseText();
  const changes = changesOf(row);
  const value = (key: string, v: unknown) =>
    v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0)
      ? x.history.empty
      : changeValue(row.entityType, key, v, lang);
  return (
    <Table<FieldChange>
      rowKey="key"
      size="small"
      className="change-table"
      pagination={false}
      dataSource={changes}
      locale={{ emptyText: x.history.noFieldChanges }}
      columns={[
        {
          title: x.history.field,
          dataIndex: 'key',
          width: 180,
          render: (k: string) => changeFieldLabel(row.entityType, k, lang),
        },
        {
          title: x.history.before,
          dataIndex: 'before',
          render: (v: unknown, c) => <span className="change-before">{value(c.key, v)}</span>,
        },
        {
          title: x.history.after,
          dataIndex: 'after',
          render: (v: unknown, c) => <span className="change-after">{value(c.key, v)}</span>,
        },
      ]}
      data-testid="change-table"
    />
  );
}
