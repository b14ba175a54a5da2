// Evidence files (佐证材料) of a self-assessed item: the party uploads pictures or PDFs through POST /api/files (the
// same endpoint as hazard photos, purpose 'evidence', one file a request); the office opens them from the scoring form.
import { PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { App, Button, Space, Typography, Upload, type UploadFile, type UploadProps } from 'antd';
import { useState } from 'react';
import type { ErrorBody } from '../../../../shared/src/common';
import type { FileView } from '../../../../shared/src/files';
import { api, csrfHeaders } from '../../app/api';

const ACCEPT = 'image/jpeg,image/png,image/webp,image/heic,image/heif,application/pdf';

function refusal(file: UploadFile): string {
  const body = file.response as Partial<ErrorBody> | string | undefined;
  if (typeof body === 'string') return body;
  if (body?.error?.message) return body.error.message;
  const status = (file.error as { status?: number } | undefined)?.status;
  return status ? `服务器错误（${status}）` : '无法连接服务器，请检查网络后重试';
}

/** The stored file's name and address (scope-checked by the server: only the enterprise and the office read it). */
function useFileMeta(id: string) {
  return useQuery({ queryKey: ['files', id, 'meta'], queryFn: () => api.get<FileView>(`/files/${id}/meta`) });
}

function EvidenceLink({ id, index }: { id: string; index: number }) {
  const meta = useFileMeta(id);
  return (
    <a href={`/api/files/${id}`} target="_blank" rel="noreferrer" data-testid="evidence-link">
      <PaperClipOutlined /> {meta.data?.originalName ?? `佐证 ${index + 1}`}
    </a>
  );
}

/** Links that open the evidence files (a new tab: the picture or the PDF). */
export function EvidenceLinks({ ids, testId }: { ids: readonly string[]; testId?: string }) {
  if (ids.length === 0) return <Typography.Text type="secondary">未附佐证材料</Typography.Text>;
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
  const [files, setFiles] = useState<UploadFile<FileView>[]>(() =>
    (initial ?? []).map((id, i) => ({
      uid: id,
      name: `佐证 ${i + 1}`,
      status: 'done',
      url: `/api/files/${id}`,
      response: { id } as FileView,
    })),
  );
  const handleChange: UploadProps<FileView>['onChange'] = ({ file, fileList }) => {
    const next = fileList.map((f) =>
      f.status === 'done' && f.response?.id && !f.url ? { ...f, url: `/api/files/${f.response.id}` } : f,
    );
    if (file.status === 'error') message.error(`${file.name}：${refusal(file)}`);
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
          上传佐证材料（图片或 PDF）
        </Button>
      </Upload>
    </div>
  );
}
