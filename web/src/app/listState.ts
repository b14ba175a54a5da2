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

const LIST_KEYS = ['page', 'pageSize', 'sort', 'order'];
const PAGE_SIZES = [10, 20, 50, 100];

/** The list as the address states it: page, size, sort and order, every other parameter a filter (but ignored ones). */
export function listFromParams<F extends QueryParams>(
  params: URLSearchParams,
  defaults: { sort?: string; order?: Order },
  ignore: readonly string[],
): ListState<F> {
  const page = Number(params.get('page'));
  const pageSize = Number(params.get('pageSize'));
  const order = params.get('order');
  const filters: QueryParams = {};
  for (const [key, value] of params) {
    if (!LIST_KEYS.includes(key) && !ignore.includes(key) && value !== '') filters[key] = value;
  }
  return {
    page: Number.isInteger(page) && page >= 1 ? page : 1,
    pageSize: PAGE_SIZES.includes(pageSize) ? pageSize : 20,
    sort: params.get('sort') ?? defaults.sort,
    order: order === 'asc' || order === 'desc' ? order : (defaults.order ?? 'asc'),
    filters: filters as F,
  };
}

/** The address of a list state: defaults left out, the ignored parameters (an open record) kept as they are. */
export function listToParams<F extends QueryParams>(
  current: URLSearchParams,
  state: ListState<F>,
  defaults: { sort?: string; order?: Order },
  ignore: readonly string[],
): URLSearchParams {
  const next = new URLSearchParams();
  for (const [key, value] of current) if (ignore.includes(key)) next.append(key, value);
  for (const [key, value] of Object.entries(state.filters)) {
    if (value !== undefined && value !== null && value !== '') next.set(key, String(value));
  }
  if (state.page !== 1) next.set('page', String(state.page));
  if (state.pageSize !== 20) next.set('pageSize', String(state.pageSize));
  if (state.sort && state.sort !== defaults.sort) next.set('sort', state.sort);
  if (state.order !== (defaults.order ?? 'asc')) next.set('order', state.order);
  return next;
}

/**
 * Page, page size, sort and filters of a server-paginated table, turned into the list endpoint's query. With
 * options.url the state lives in the address (?status=…&page=3), so a link or a reload keeps it; the parameters named
 * in url.ignore (the open record, ?hazard=<id>) are left alone.
 */
export function useListState<Row, F extends QueryParams = QueryParams>(
  defaults: { sort?: string; order?: Order },
  options: { url?: { ignore: readonly string[] } } = {},
) {
  const [local, setLocal] = useState<ListState<F>>({
    page: 1,
    pageSize: 20,
    sort: defaults.sort,
    order: defaults.order ?? 'asc',
    filters: {} as F,
  });
  const [params, setParams] = useSearchParams();
  const url = options.url;
  const ignoreKey = url?.ignore.join(',');
  // biome-ignore lint/correctness/useExhaustiveDependencies: the ignore list by value (callers pass a literal)
  const state = useMemo(
    () => (url ? listFromParams<F>(params, defaults, url.ignore) : local),
    [url ? params : local, ignoreKey, defaults.sort, defaults.order],
  );
  // biome-ignore lint/correctness/useExhaustiveDependencies: the ignore list by value (callers pass a literal)
  const setState = useCallback(
    (update: (s: ListState<F>) => ListState<F>) => {
      if (!url) return setLocal(update);
      setParams(
        (current) =>
          listToParams(current, update(listFromParams<F>(current, defaults, url.ignore)), defaults, url.ignore),
        { replace: true },
      );
    },
    [ignoreKey, defaults.sort, defaults.order, setParams],
  );

  const setFilters = useCallback((filters: F) => setState((s) => ({ ...s, filters, page: 1 })), [setState]);

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
    [defaults.sort, defaults.order, setState],
  );

  /** The phone's simple pager: no sorter, only the page. */
  const setPage = useCallback(
    (page: number, pageSize: number) => setState((s) => ({ ...s, page, pageSize })),
    [setState],
  );

  // One filters object while their values stay the same (the address changes when a record opens, too).
  const filtersKey = JSON.stringify(state.filters);
  // biome-ignore lint/correctness/useExhaustiveDependencies: keyed by value
  const filters = useMemo(() => state.filters, [filtersKey]);

  const query = useMemo<QueryParams>(
    () => ({ page: state.page, pageSize: state.pageSize, sort: state.sort, order: state.order, ...filters }),
    [state.page, state.pageSize, state.sort, state.order, filters],
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

  return { query, filters, setFilters, onChange, setPage, pagination, sortOrder };
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
