// One official document (整改通知书 / 复查意见书) as two buttons: Word for editing and printing in the office, PDF for a
// fixed copy. The server numbers it the first time and reproduces it (same number) afterwards; the browser saves it.
import { FilePdfOutlined, FileWordOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Space } from 'antd';
import { useState } from 'react';
import type { DocumentFormat } from '../../../../shared/src/documents';
import { api } from '../../app/api';

export function DocumentButton({
  label,
  path,
  body,
  testId,
  block,
  savedText,
  onResult,
}: {
  label: string;
  path: string;
  body: Record<string, unknown>;
  testId: string;
  block?: boolean;
  /** The toast once saved, given the document number (or file name). */
  savedText: (what: string) => string;
  /** null when saved, the server's message when refused. */
  onResult?: (error: string | null) => void;
}) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState<DocumentFormat | null>(null);
  const save = async (format: DocumentFormat) => {
    setBusy(format);
    try {
      const doc = await api.download(path, { ...body, format }, `${label}.${format}`);
      // A first download issues the document: the register (已出具文书) shows it.
      void queryClient.invalidateQueries({ queryKey: ['documents'] });
      onResult?.(null);
      message.success(savedText(doc.number ?? doc.name));
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error);
      onResult?.(text);
      message.error(text);
    } finally {
      setBusy(null);
    }
  };
  return (
    <Space.Compact block={block}>
      <Button
        block={block}
        icon={<FileWordOutlined />}
        loading={busy === 'docx'}
        disabled={busy === 'pdf'}
        onClick={() => void save('docx')}
        data-testid={testId}
      >
        {label}
      </Button>
      <Button
        icon={<FilePdfOutlined />}
        loading={busy === 'pdf'}
        disabled={busy === 'docx'}
        onClick={() => void save('pdf')}
        aria-label={`${label} PDF`}
        data-testid={`${testId}-pdf`}
      >
        PDF
      </Button>
    </Space.Compact>
  );
}
