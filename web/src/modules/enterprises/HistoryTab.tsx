import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Flex, Select, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { AuditRow } from '../../../../shared/src/audit';
import {
  AUDIT_ACTION_LABELS,
  CERTIFICATE_TYPE_LABELS,
  ENTERPRISE_FIELD_LABELS,
  ENTERPRISE_STATUS_LABELS,
  EQUIPMENT_STATUS_LABELS,
  EQUIPMENT_TYPE_LABELS,
  FIELD_LABELS,
  FILING_STATUS_LABELS,
  HAZARD_SOURCE_LEVEL_LABELS,
  type Lang,
  label,
  PLAN_KIND_LABELS,
  ROLE_LABELS,
  SCALE_LABELS,
  SITE_TYPE_LABELS,
  SUPERVISION_TAG_LABELS,
} from '../../../../shared/src/labels';
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

const EXTRA_LABELS: Record<string, { zh: string; en: string }> = {
  landlordName: { zh: '出租方', en: 'Landlord' },
  industryName: { zh: '行业名称', en: 'Industry' },
  disabled: { zh: '停用', en: 'Disabled' },
  mustChangePassword: { zh: '首次登录需改密', en: 'Must change password' },
  totpEnabled: { zh: '动态验证码', en: 'TOTP' },
};

const HAZARD_SOURCE_STATUS: Record<string, { zh: string; en: string }> = {
  active: { zh: '在用', en: 'Active' },
  retired: { zh: '已核销', en: 'Retired' },
};

const ENTITY_TYPES = ['enterprise', 'hazard-sources', 'equipment', 'plans', 'certificates', 'user'] as const;

function fieldLabel(key: string, lang: Lang): string {
  return (
    EXTRA_LABELS[key]?.[lang] ??
    (lang === 'en' ? ENTERPRISE_FIELD_LABELS[key]?.en : undefined) ??
    FIELD_LABELS[key] ??
    ENTERPRISE_FIELD_LABELS[key]?.[lang] ??
    key
  );
}

/** A stored value as a person reads it: codes as their labels, lists joined, yes/no for flags. */
function show(entityType: string, key: string, value: unknown, lang: Lang, empty: string): string {
  if (value === null || value === undefined || value === '') return empty;
  const code = (dict: Parameters<typeof label>[0]) => label(dict, String(value), lang);
  if (typeof value === 'boolean') return value ? (lang === 'zh' ? '是' : 'Yes') : lang === 'zh' ? '否' : 'No';
  switch (key) {
    case 'status':
      if (entityType === 'enterprise') return code(ENTERPRISE_STATUS_LABELS);
      if (entityType === 'equipment') return code(EQUIPMENT_STATUS_LABELS);
      if (entityType === 'hazard-sources') return HAZARD_SOURCE_STATUS[String(value)]?.[lang] ?? String(value);
      return String(value);
    case 'scale':
      return code(SCALE_LABELS);
    case 'siteType':
      return code(SITE_TYPE_LABELS);
    case 'role':
      return code(ROLE_LABELS);
    case 'equipmentType':
      return code(EQUIPMENT_TYPE_LABELS);
    case 'planKind':
      return code(PLAN_KIND_LABELS);
    case 'filingStatus':
      return code(FILING_STATUS_LABELS);
    case 'certificateType':
      return code(CERTIFICATE_TYPE_LABELS);
    case 'level':
      return code(HAZARD_SOURCE_LEVEL_LABELS);
    case 'supervisionTags':
      return Array.isArray(value) && value.length
        ? value.map((v) => label(SUPERVISION_TAG_LABELS, String(v), lang)).join('、')
        : empty;
    case 'extraSafetyManagers':
      return Array.isArray(value) && value.length
        ? (value as { name: string; phone: string | null }[])
            .map((m) => (m.phone ? `${m.name}（${m.phone}）` : m.name))
            .join('、')
        : empty;
    case 'substances':
      return Array.isArray(value) && value.length
        ? (value as { name: string; quantityTonnes: number; criticalTonnes: number | null }[])
            .map((s) => `${s.name} ${s.quantityTonnes}t${s.criticalTonnes ? `/${s.criticalTonnes}t` : ''}`)
            .join('；')
        : empty;
    default:
      return typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
}

export interface FieldChange {
  key: string;
  before: unknown;
  after: unknown;
}

/** The fields a change touched: all filled fields of a created or deleted record, the differing ones of an update. */
export function changesOf(row: Pick<AuditRow, 'before' | 'after'>): FieldChange[] {
  const before = (row.before ?? null) as Rec | null;
  const after = (row.after ?? null) as Rec | null;
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])].filter((k) => !HIDDEN.has(k));
  return keys
    .map((key) => ({ key, before: before?.[key] ?? null, after: after?.[key] ?? null }))
    .filter((c) => JSON.stringify(c.before) !== JSON.stringify(c.after))
    .filter((c) => !(Array.isArray(c.after) && c.after.length === 0 && c.before === null));
}

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
  const value = (key: string, v: unknown) => show(row.entityType, key, v, lang, x.history.empty);
  return (
    <Table<FieldChange>
      rowKey="key"
      size="small"
      className="change-table"
      pagination={false}
      dataSource={changes}
      locale={{ emptyText: x.history.noFieldChanges }}
      columns={[
        { title: x.history.field, dataIndex: 'key', width: 180, render: (k: string) => fieldLabel(k, lang) },
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
