import { useQuery } from '@tanstack/react-query';
import { Card, Collapse, Empty, Table, type TableColumnsType, Tag, Typography } from 'antd';
import type { AuditArchiveList, AuditArchiveRow } from '../../../../shared/src/audit';
import { api } from '../../app/api';
import { formatCount } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { formatTime } from '../../app/time';
import { QueryError } from '../../app/ui/QueryError';

/**
 * The months exported by `npm run audit:archive` and dropped by `npm run audit:drop` — read-only: both need the
 * database owner, which the server never holds. Folded by default: the log itself is what the page is for.
 */
export function AuditArchives() {
  const { t } = useI18n();
  const a = t.audit;
  const list = useQuery({
    queryKey: ['audit', 'archives'],
    queryFn: () => api.get<AuditArchiveList>('/audit/archives'),
  });
  const items = list.data?.items ?? [];
  const columns: TableColumnsType<AuditArchiveRow> = [
    { title: a.archiveMonth, dataIndex: 'month', width: 90 },
    { title: a.archiveRows, dataIndex: 'rows', align: 'right', width: 120, render: (n: number) => formatCount(n) },
    {
      title: a.archiveState,
      dataIndex: 'droppedAt',
      width: 190,
      render: (v: string | null) =>
        v ? (
          <Tag color="default">
            {a.archiveDropped} {formatTime(v, 'YYYY-MM-DD')}
          </Tag>
        ) : (
          <Tag color="green">{a.archiveKept}</Tag>
        ),
    },
    {
      title: a.archivedAt,
      dataIndex: 'archivedAt',
      width: 160,
      render: (v: string) => formatTime(v, 'YYYY-MM-DD HH:mm'),
    },
    { title: a.archivedBy, dataIndex: 'archivedBy', width: 110 },
    { title: a.archiveFile, dataIndex: 'fileName', width: 220 },
    {
      title: a.archiveDigests,
      key: 'digests',
      render: (_, r) => (
        <Typography.Text code copyable={{ text: `SHA-256 ${r.sha256}\nSM3 ${r.sm3}` }} style={{ fontSize: 12 }}>
          {r.sha256.slice(0, 16)}… / {r.sm3.slice(0, 16)}…
        </Typography.Text>
      ),
    },
  ];
  return (
    <Card size="small" data-testid="audit-archives">
      <Collapse
        ghost
        size="small"
        items={[
          {
            key: 'archives',
            label: list.data ? `${a.archivesTitle}（${formatCount(items.length)}）` : a.archivesTitle,
            children: list.isError ? (
              <QueryError error={list.error} onRetry={() => void list.refetch()} />
            ) : (
              <>
                <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
                  {a.archivesNote}
                </Typography.Paragraph>
                <Table<AuditArchiveRow>
                  size="small"
                  rowKey="month"
                  loading={list.isFetching}
                  columns={columns}
                  dataSource={items}
                  pagination={false}
                  scroll={{ x: 960 }}
                  locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={a.archivesEmpty} /> }}
                />
              </>
            ),
          },
        ]}
      />
    </Card>
  );
}
