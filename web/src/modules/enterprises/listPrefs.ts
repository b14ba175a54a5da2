// What the enterprise list remembers: its query for the browser tab (so 返回 from an enterprise page lands on the same
// filtered page), and the chosen columns for good (localStorage).
import type { TablePaginationConfig, TableProps } from 'antd';
import type { SorterResult, SortOrder } from 'antd/es/table/interface';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { EnterpriseListItem } from '../../../../shared/src/enterprises';
import type { QueryParams } from '../../app/api';

export interface EnterpriseFilterValues {
  q?: string;
  area?: string;
  industryCode?: string;
  tag?: string;
  scale?: string;
  status?: string;
  siteType?: string;
  riskLevel?: string;
  creditGrade?: string;
}

interface ListState {
  page: number;
  pageSize: number;
  sort: string;
  order: 'asc' | 'desc';
  filters: EnterpriseFilterValues;
}

const LIST_KEY = 'parksafe.enterprises.list';
const COLUMNS_KEY = 'parksafe.enterprises.columns';
const DEFAULT_STATE: ListState = { page: 1, pageSize: 20, sort: 'name', order: 'asc', filters: {} };

function read<T>(storage: Storage, key: string): T | null {
  try {
    const raw = storage.getItem(key);
    return raw ? (JSON.parse(raw) as T) : null;
  } catch {
    return null;
  }
}

/** Drops empty filter values, so "cleared" and "never set" look the same to the server and the cache. */
export function cleanFilters(values: EnterpriseFilterValues): EnterpriseFilterValues {
  return Object.fromEntries(
    Object.entries(values).filter(([, v]) => v !== undefined && v !== null && String(v).trim() !== ''),
  ) as EnterpriseFilterValues;
}

const FILTER_KEYS = [
  'q',
  'area',
  'industryCode',
  'tag',
  'scale',
  'status',
  'siteType',
  'riskLevel',
  'creditGrade',
] as const satisfies readonly (keyof EnterpriseFilterValues)[];

/**
 * Filters stated in the address (a dashboard figure's link: /enterprises?riskLevel=major) win over the remembered
 * query, so the list opens on exactly the enterprises the figure counted.
 */
function filtersFromAddress(): EnterpriseFilterValues | null {
  const params = new URLSearchParams(window.location.search);
  const found = FILTER_KEYS.filter((k) => params.get(k));
  if (found.length === 0) return null;
  return Object.fromEntries(found.map((k) => [k, params.get(k)!])) as EnterpriseFilterValues;
}

export function useEnterpriseListState() {
  const [state, setState] = useState<ListState>(() => {
    const linked = filtersFromAddress();
    if (linked) return { ...DEFAULT_STATE, filters: linked };
    return { ...DEFAULT_STATE, ...read<ListState>(sessionStorage, LIST_KEY) };
  });
  useEffect(() => {
    sessionStorage.setItem(LIST_KEY, JSON.stringify(state));
  }, [state]);

  const setFilters = useCallback(
    (filters: EnterpriseFilterValues) => setState((s) => ({ ...s, filters: cleanFilters(filters), page: 1 })),
    [],
  );

  const onChange = useCallback<NonNullable<TableProps<EnterpriseListItem>['onChange']>>(
    (pagination, _filters, sorter) => {
      const one = (Array.isArray(sorter) ? sorter[0] : sorter) as SorterResult<EnterpriseListItem> | undefined;
      setState((s) => ({
        ...s,
        page: pagination.current ?? 1,
        pageSize: pagination.pageSize ?? s.pageSize,
        sort: one?.order ? String(one.columnKey ?? one.field) : 'name',
        order: one?.order === 'descend' ? 'desc' : 'asc',
      }));
    },
    [],
  );

  /** The phone's simple pager: the page only, the sort kept. */
  const setPage = useCallback((page: number, pageSize: number) => setState((s) => ({ ...s, page, pageSize })), []);

  const query = useMemo<QueryParams>(
    () => ({ page: state.page, pageSize: state.pageSize, sort: state.sort, order: state.order, ...state.filters }),
    [state],
  );

  const pagination = (total: number | undefined, totalText: (n: number) => string): TablePaginationConfig => ({
    current: state.page,
    pageSize: state.pageSize,
    total: total ?? 0,
    showSizeChanger: true,
    showQuickJumper: true,
    pageSizeOptions: [10, 20, 50, 100],
    showTotal: totalText,
  });

  const sortOrder = (field: string): SortOrder =>
    state.sort === field ? (state.order === 'desc' ? 'descend' : 'ascend') : null;

  return { query, filters: state.filters, setFilters, onChange, setPage, pagination, sortOrder };
}

/** The visible columns, in the table's own order; the choice survives reloads. */
export function useColumnChoice(all: readonly string[], defaults: readonly string[], storageKey = COLUMNS_KEY) {
  const [visible, setVisible] = useState<string[]>(() => {
    const stored = read<string[]>(localStorage, storageKey);
    const known = stored?.filter((k) => all.includes(k));
    return known?.length ? known : [...defaults];
  });
  const update = useCallback(
    (next: string[]) => {
      setVisible(next);
      localStorage.setItem(storageKey, JSON.stringify(next));
    },
    [storageKey],
  );
  const reset = useCallback(() => {
    setVisible([...defaults]);
    localStorage.removeItem(storageKey);
  }, [defaults, storageKey]);
  return { visible, setVisible: update, reset };
}
