// The drawer a list page opens one record in (?<key>=<id>): full width on a phone, the record fetched by id, its
// failed load with a retry, and a spinner until the answer for this id (not the previous one's) is in.
import { type QueryKey, useQuery } from '@tanstack/react-query';
import { Drawer, Grid } from 'antd';
import type { ReactNode } from 'react';
import { api } from '../api';
import { PageLoading } from './PageLoading';
import { QueryError } from './QueryError';

interface Props<T> {
  id: string | null;
  onClose: () => void;
  queryKey: QueryKey;
  /** GET path of the record, e.g. `/inspections/${id}`. */
  path: string;
  /** The title before the record is in, and the record's own title once it is. */
  title: (record: T | undefined) => ReactNode;
  /** Desk width in px. */
  width: number;
  children: (record: T) => ReactNode;
}

export function RecordDrawer<T extends { id: string }>({
  id,
  onClose,
  queryKey,
  path,
  title,
  width,
  children,
}: Props<T>) {
  const mobile = Grid.useBreakpoint().md === false;
  const one = useQuery({ queryKey, queryFn: () => api.get<T>(path), enabled: Boolean(id) });
  const record = one.data?.id === id ? one.data : undefined;
  return (
    <Drawer open={Boolean(id)} onClose={onClose} size={mobile ? '100%' : width} title={title(record)} destroyOnHidden>
      {one.isError ? (
        <QueryError error={one.error} onRetry={() => void one.refetch()} />
      ) : record ? (
        children(record)
      ) : (
        <PageLoading />
      )}
    </Drawer>
  );
}
