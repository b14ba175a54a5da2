// Evidence files (佐证材料) of a self-assessed item: the party uploads pictures or PDFs through POST /api/files (the
// same endpoint as hazard photos, purpose 'evidence', one file a request); the office opens them from the scoring form.
import { PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { App, Button, Space, Typography, Upload, type UploadFile, type UploadProps } from 'antd';
import { useState } from 'react';
import type { ErrorBody } from '../../../../shared/src/common';
import type { FileView } from '../../../../shared/src/files';
import { api, csrfHeaders } from '../../app/api';
import { type ResponsibilityText, useResponsibilityText } from './text';

const ACCEPT = 'image/jpeg,image/png,image/webp,image/heic,image/heif,application/pdf';

function refusal(file: UploadFile, t: ResponsibilityText): string {
  const body = file.response as Partial<ErrorBody> | string | undefined;
  if (typeof body === 'string') return body;
  if (body?.error?.message) return body.error.message;
  const status = (file.error as { status?: number } | undefined)?.status;
  return status ? t.evidence.serverError(status) : t.evidence.offline;
}

/** The stored file's name and address (scope-checked by the server: only the enterprise and the office read it). */
function useFileMeta(id: string) {
  return useQuery({ queryKey: ['files', id, 'meta'], queryFn: () => api.get<FileView>(`/files/${id}/meta`) });
}

function EvidenceLink({ id, index }: { id: string; index: number }) {
  const meta = useFileMeta(id);
  const t = useResponsibilityText();
  return (
    <a href={`/api/files/${id}`} target="_blank" rel="noreferrer" data-testid="evidence-link">
      <PaperClipOutlined /> {meta.data?.originalName ?? t.evidence.nth(index + 1)}
    </a>
  );
}

/** Links that open the evidence files (a new tab: the picture or the PDF). */
export function EvidenceLinks({ ids, testId }: { ids: readonly string[]; testId?: string }) {
  const t = useResponsibilityText();
  if (ids.length === 0) return <Typography.Text type="secondary">{t.evidence.none}</Typography.Text>;
  return (
    <Space wrap size={[12, 4]} data-testid={testId}>
      {ids.map((id, i) => (
        <EvidenceLink key={id} id={id} index={i} />
      ))}
    </Space>
  );
}

interface EvidenceUploadProps {
  enterpriseId: string;
  /** Files attached before (kept unless removed); the form's value follows the list. */
  initial?: readonly string[];
  value?: string[];
  onChange?: (ids: string[]) => void;
  onBusyChange?: (busy: boolean) => void;
  testId?: string;
}

/** Uploads each chosen file at once and reports the stored files' ids (earlier ones first) as the value. */
export function EvidenceUpload({ enterpriseId, initial, onChange, onBusyChange, testId }: EvidenceUploadProps) {
  const { message } = App.useApp();
  const t = useResponsibilityText();
  const [files, setFiles] = useState<UploadFile<FileView>[]>(() =>
    (initial ?? []).map((id, i) => ({
      uid: id,
      name: t.evidence.nth(i + 1),
      status: 'done',
      url: `/api/files/${id}`,
      response: { id } as FileView,
    })),
  );
  const handleChange: UploadProps<FileView>['onChange'] = ({ file, fileList }) => {
    const next = fileList.map((f) =>
      f.status === 'done' && f.response?.id && !f.url ? { ...f, url: `/api/files/${f.response.id}` } : f,
    );
    if (file.status === 'error') message.error(t.evidence.refused(file.name, refusal(file, t)));
    setFiles(next);
    onBusyChange?.(next.some((f) => f.status === 'uploading'));
    onChange?.(next.flatMap((f) => (f.status === 'done' && f.response?.id ? [f.response.id] : [])));
  };
  return (
    <div data-testid={testId}>
      <Upload<FileView>
        action="/api/files"
        name="file"
        accept={ACCEPT}
        multiple
        headers={csrfHeaders()}
        data={{ purpose: 'evidence', enterpriseId }}
        fileList={files}
        onChange={handleChange}
      >
        <Button icon={<UploadOutlined />} size="small">
          {t.evidence.upload}
        </Button>
      </Upload>
    </div>
  );
}
