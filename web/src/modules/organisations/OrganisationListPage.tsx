import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Form, Input, Select, Table, type TableColumnsType, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { ORGANISATION_KIND_LABELS } from '../../../../shared/src/labels';
import type { OrganisationView } from '../../../../shared/src/organisations';
import { ORGANISATION_KINDS } from '../../../../shared/src/roles';
import { api, type Page } from '../../app/api';
import { useI18n } from '../../app/i18n';
import { useListState } from '../../app/listState';
import { formatTime } from '../../app/time';
import { FilterBar } from '../../app/ui/FilterBar';
import { MaskedValue } from '../../app/ui/MaskedValue';
import { codeOptions } from '../../app/ui/options';
import { PageContainer } from '../../app/ui/PageContainer';
import { QueryError } from '../../app/ui/QueryError';
import { OrganisationFormModal } from './OrganisationFormModal';

export default function OrganisationListPage() {
  const { t, l, lang } = useI18n();
  const o = t.organisations;
  const list = useListState<OrganisationView>({ sort: 'name' });
  // null: closed; 'new': creating; a row: editing it.
  const [editing, setEditing] = useState<OrganisationView | 'new' | null>(null);
  const page = useQuery({
    queryKey: ['organisations', list.query],
    queryFn: () => api.get<Page<OrganisationView>>('/organisations', list.query),
    placeholderData: keepPreviousData,
  });

  const columns: TableColumnsType<OrganisationView> = [
    { title: o.name, dataIndex: 'name', sorter: true, sortOrder: list.sortOrder('name') },
    {
      title: o.kind,
      dataIndex: 'kind',
      sorter: true,
      sortOrder: list.sortOrder('kind'),
      render: (v: string) => l(ORGANISATION_KIND_LABELS, v),
      width: 150,
    },
    { title: o.contactPerson, dataIndex: 'contactPerson', render: (v: string | null) => v ?? '—', width: 120 },
    {
      title: o.contactPhone,
      dataIndex: 'contactPhone',
      render: (v: string | null, row) => (
        <MaskedValue
          value={v}
          entityType="organisation"
          id={row.id}
          field="contactPhone"
          testId={`org-phone-${row.id}`}
        />
      ),
      width: 170,
    },
    { title: o.userCount, dataIndex: 'userCount', align: 'right', width: 90 },
    {
      title: t.common.status,
      dataIndex: 'disabled',
      width: 90,
      render: (v: boolean) => (v ? <Tag>{o.disabled}</Tag> : <Tag color="success">{o.active}</Tag>),
    },
    {
      title: t.common.createdAt,
      dataIndex: 'createdAt',
      sorter: true,
      sortOrder: list.sortOrder('createdAt'),
      render: (v: string) => formatTime(v),
      width: 160,
    },
    {
      title: t.common.actions,
      key: 'actions',
      width: 90,
      render: (_, row) =>
        row.kind === 'enterprise' ? (
          <Tooltip title={o.enterpriseNote}>
            <Typography.Text type="secondary">—</Typography.Text>
          </Tooltip>
        ) : (
          <Button type="link" size="small" onClick={() => setEditing(row)}>
            {t.common.edit}
          </Button>
        ),
    },
  ];

  return (
    <PageContainer
      title={t.menu.organisations}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="org-create">
          {o.createTitle}
        </Button>
      }
    >
      <FilterBar onSearch={list.setFilters}>
        <Form.Item name="q">
          <Input allowClear placeholder={o.searchPlaceholder} style={{ width: 220 }} />
        </Form.Item>
        <Form.Item name="kind">
          <Select
            allowClear
            placeholder={o.kind}
            options={codeOptions(ORGANISATION_KINDS, ORGANISATION_KIND_LABELS, lang)}
          />
        </Form.Item>
      </FilterBar>
      <Card>
        {page.isError ? (
          <QueryError error={page.error} onRetry={() => void page.refetch()} />
        ) : (
          <Table
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={page.data?.items}
            loading={page.isFetching}
            pagination={list.pagination(page.data?.total, t.common.total)}
            onChange={list.onChange}
            scroll={{ x: 1000 }}
          />
        )}
      </Card>
      <OrganisationFormModal target={editing} onClose={() => setEditing(null)} />
    </PageContainer>
  );
}
