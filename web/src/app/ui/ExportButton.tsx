import { DownloadOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Button } from 'antd';
import type { ReactNode } from 'react';
import { api, type QueryParams } from '../api';
import { useShowError } from '../forms';

interface Props {
  /** The export endpoint under /api, given the list's own filters (the file holds what the list shows). */
  path: string;
  params: QueryParams;
  /** The file's name when the answer names none. */
  fileName: string;
  label: ReactNode;
  testId: string;
  block?: boolean;
  /** Nothing to export yet (e.g. a report still loading). */
  disabled?: boolean;
  /** After the file came (e.g. a message naming it). */
  onDone?: (fileName: string) => void;
}

/** A list page's 导出 button: downloads the file of the current filters, busy while it comes, errors shown. */
export function ExportButton({ path, params, fileName, label, testId, block, disabled, onDone }: Props) {
  const showError = useShowError();
  const download = useMutation({
    mutationFn: () => api.downloadGet(path, params, fileName),
    onSuccess: (file) => onDone?.(file.name),
    onError: showError,
  });
  return (
    <Button
      icon={<DownloadOutlined />}
      loading={download.isPending}
      onClick={() => download.mutate()}
      block={block}
      disabled={disabled}
      data-testid={testId}
    >
      {label}
    </Button>
  );
}
