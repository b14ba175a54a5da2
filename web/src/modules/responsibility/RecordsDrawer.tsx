// The records a computed assessment figure counted: the figure's link names the ledger and its filters (e.g.
// /hazards?enterpriseId=…&foundFrom=…&grade=major); the same list endpoint answers them here, within the reader's scope.
import { useQuery } from '@tanstack/react-query';
import { Drawer, Table, Typography } from 'antd';
import { api, type Page } from '../../app/api';
import { StatusTag, useIsMobile } from '../hazards/common';

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
            { title: '编号', dataIndex: 'serial', width: 130 },
            { title: '隐患描述', dataIndex: 'description' },
            { title: '发现日期', dataIndex: 'foundOn', width: 110 },
            { title: '状态', dataIndex: 'status', width: 90, render: (s: string) => <StatusTag status={s} /> },
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
            { title: '检查日期', dataIndex: 'inspectedOn', width: 120 },
            { title: '企业', dataIndex: 'enterpriseName' },
          ]}
        />
      )}
      {!kind && <Typography.Text type="secondary">该指标的记录请在对应模块中查看。</Typography.Text>}
      {kind && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
          共 {rows.length} 条{(records.data?.total ?? 0) > 100 ? '（仅显示前 100 条）' : ''}
        </Typography.Paragraph>
      )}
    </Drawer>
  );
}
