// A server-paginated list as every register page shows it: a sortable table on a desk, one card a row with a simple
// pager on a phone, and the failed load with a retry in either.
import type { UseQueryResult } from '@tanstack/react-query';
import { Card, Empty, Pagination, Spin, Table, type TableColumnsType } from 'antd';
import type { ReactNode } from 'react';
import type { Page } from '../api';
import { useI18n } from '../i18n';
import type { ListStateOf } from '../listState';
import { QueryError } from './QueryError';

interface Props<Row> {
  page: UseQueryResult<Page<Row>>;
  // biome-ignore lint/suspicious/noExplicitAny: the list's filters are the page's own type
  list: ListStateOf<Row, any>;
  /** Phones get cards. */
  mobile: boolean;
  columns: TableColumnsType<Row>;
  card: (row: Row) => ReactNode;
  onOpen: (row: Row) => void;
  empty: string;
  testId: string;
  /** The table's scroll width. */
  width?: number;
}

export function ListView<Row extends { id: string }>({
  page,
  list,
  mobile,
  columns,
  card,
  onOpen,
  empty,
  testId,
  width = 1000,
}: Props<Row>) {
  const { t } = useI18n();
  const pagination = list.pagination(page.data?.total, t.common.total);
  if (page.isError) {
    return (
      <Card>
        <QueryError error={page.error} onRetry={() => void page.refetch()} />
      </Card>
    );
  }
  if (mobile) {
    return (
      <Spin spinning={page.isFetching}>
        <div className="list-cards" data-testid={`${testId}-cards`}>
          {page.data?.items.length === 0 && <Empty description={empty} />}
          {page.data?.items.map(card)}
          {(page.data?.total ?? 0) > 0 && (
            <Pagination
              simple
              align="center"
              current={pagination.current}
              pageSize={pagination.pageSize}
              total={pagination.total}
              onChange={list.setPage}
            />
          )}
        </div>
      </Spin>
    );
  }
  return (
    <Card>
      <Table<Row>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={page.data?.items}
        loading={page.isFetching}
        pagination={pagination}
        onChange={list.onChange}
        onRow={(row) => ({ onClick: () => onOpen(row), className: 'list-row' })}
        scroll={{ x: width }}
        locale={{ emptyText: <Empty description={empty} /> }}
        data-testid={`${testId}-table`}
      />
    </Card>
  );
}
