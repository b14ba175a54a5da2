import type { TablePaginationConfig, TableProps } from 'antd';
import type { SorterResult, SortOrder } from 'antd/es/table/interface';
import { useCallback, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { QueryParams } from './api';

type Order = 'asc' | 'desc';

interface ListState<F> {
  page: number;
  pageSize: number;
  sort: string | undefined;
  order: Order;
  filters: F;
}

/** Page, page size, sort and filters of a server-paginated table, turned into the list endpoint's query. */
export function useListState<Row, F extends QueryParams = QueryParams>(defaults: { sort?: string; order?: Order }) {
  const [state, setState] = useState<ListState<F>>({
    page: 1,
    pageSize: 20,
    sort: defaults.sort,
    order: defaults.order ?? 'asc',
    filters: {} as F,
  });

  const setFilters = useCallback((filters: F) => setState((s) => ({ ...s, filters, page: 1 })), []);

  const onChange = useCallback<NonNullable<TableProps<Row>['onChange']>>(
    (pagination, _filters, sorter) => {
      const one = (Array.isArray(sorter) ? sorter[0] : sorter) as SorterResult<Row> | undefined;
      setState((s) => ({
        ...s,
        page: pagination.current ?? 1,
        pageSize: pagination.pageSize ?? s.pageSize,
        sort: one?.order ? String(one.field) : defaults.sort,
        order: one?.order ? (one.order === 'descend' ? 'desc' : 'asc') : (defaults.order ?? 'asc'),
      }));
    },
    [defaults.sort, defaults.order],
  );

  /** The phone's simple pager: no sorter, only the page. */
  const setPage = useCallback((page: number, pageSize: number) => setState((s) => ({ ...s, page, pageSize })), []);

  const query = useMemo<QueryParams>(
    () => ({ page: state.page, pageSize: state.pageSize, sort: state.sort, order: state.order, ...state.filters }),
    [state],
  );

  const pagination = useCallback(
    (total: number | undefined, totalText: (n: number) => string): TablePaginationConfig => ({
      current: state.page,
      pageSize: state.pageSize,
      total: total ?? 0,
      showSizeChanger: true,
      pageSizeOptions: [10, 20, 50, 100],
      showTotal: totalText,
    }),
    [state.page, state.pageSize],
  );

  const sortOrder = useCallback(
    (field: string): SortOrder => (state.sort === field ? (state.order === 'desc' ? 'descend' : 'ascend') : null),
    [state.sort, state.order],
  );

  return { query, filters: state.filters, setFilters, onChange, setPage, pagination, sortOrder };
}

export type ListStateOf<Row, F extends QueryParams = QueryParams> = ReturnType<typeof useListState<Row, F>>;

/**
 * The record a list page has open, kept in the address (?<key>=<id>) so a link to one record can be shared; opening
 * pushes a history entry (Back closes it), closing replaces.
 */
export function useOpenParam(key: string): [string | null, (id: string | null) => void] {
  const [params, setParams] = useSearchParams();
  const open = useCallback(
    (id: string | null) =>
      setParams(
        (p) => {
          const next = new URLSearchParams(p);
          if (id) next.set(key, id);
          else next.delete(key);
          return next;
        },
        { replace: !id },
      ),
    [key, setParams],
  );
  return [params.get(key), open];
}
