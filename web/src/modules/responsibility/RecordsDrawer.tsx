// The records a computed assessment figure counted: the figure's link names the ledger and its filters (e.g.
// /hazards?enterpriseId=…&foundFrom=…&grade=major); the same list endpoint answers them here, within the reader's scope.
import { useQuery } from '@tanstack/react-query';
import { Drawer, Table, Typography } from 'antd';
import { api, type Page } from '../../app/api';
import { StatusTag, useIsMobile } from '../hazards/common';
import { useResponsibilityText } from './text';

interface Row {
  id: string;
  serial?: string;
  description?: string;
  status?: string;
  foundOn?: string;
  deadline?: string | null;
  inspectedOn?: string;
  kind?: string;
  enterpriseName?: string;
}

export function RecordsDrawer({
  target,
  onClose,
}: {
  target: { title: string; link: string } | null;
  onClose: () => void;
}) {
  const mobile = useIsMobile();
  const t = useResponsibilityText();
  const [path, search] = (target?.link ?? '').split('?');
  const params = Object.fromEntries(new URLSearchParams(search ?? ''));
  const kind = path === '/hazards' ? 'hazards' : path === '/inspections' ? 'inspections' : null;
  const records = useQuery({
    queryKey: ['responsibility', 'records', target?.link],
    queryFn: () => api.get<Page<Row>>(path!, { ...params, pageSize: 100 }),
    enabled: !!target && !!kind,
  });
  // Self-inspections are not inspections received.
  const rows = (records.data?.items ?? []).filter((r) => kind !== 'inspections' || r.kind !== 'selfInspection');
  return (
    <Drawer open={!!target} onClose={onClose} width={mobile ? '100%' : 720} title={target?.title} destroyOnHidden>
      {kind === 'hazards' && (
        <Table
          rowKey="id"
          size="small"
          loading={records.isFetching}
          dataSource={rows}
          pagination={false}
          data-testid="records-table"
          columns={[
            { title: t.records.serial, dataIndex: 'serial', width: 130 },
            { title: t.records.description, dataIndex: 'description' },
            { title: t.records.foundOn, dataIndex: 'foundOn', width: 110 },
            { title: t.common.status, dataIndex: 'status', width: 90, render: (s: string) => <StatusTag status={s} /> },
          ]}
        />
      )}
      {kind === 'inspections' && (
        <Table
          rowKey="id"
          size="small"
          loading={records.isFetching}
          dataSource={rows}
          pagination={false}
          data-testid="records-table"
          columns={[
            { title: t.records.inspectedOn, dataIndex: 'inspectedOn', width: 120 },
            { title: t.common.enterprise, dataIndex: 'enterpriseName' },
          ]}
        />
      )}
      {!kind && <Typography.Text type="secondary">{t.records.elsewhere}</Typography.Text>}
      {kind && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
          {t.records.count(rows.length, (records.data?.total ?? 0) > 100)}
        </Typography.Paragraph>
      )}
    </Drawer>
  );
}
