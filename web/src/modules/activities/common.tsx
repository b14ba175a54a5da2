// Pieces the publicity, meeting, task and funds pages share: the committee's own files (uploaded without an
// enterprise: photos, minutes, receipts) with their thumbnails and links, state tags of a task (overdue derived by
// the server from the due date), and server field errors placed on nested form items (materials.0.quantity).
import { UploadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { App, Button, Image, Space, Tag, Typography, Upload, type UploadFile, type UploadProps } from 'antd';
import type { FormInstance } from 'antd/es/form';
import { useCallback, useState } from 'react';
import type { TaskState } from '../../../../shared/src/activities';
import type { ErrorBody } from '../../../../shared/src/common';
import type { FileView, ParkFileKind } from '../../../../shared/src/files';
import { TASK_STATE_LABELS } from '../../../../shared/src/labels';
import type { OrganisationView } from '../../../../shared/src/organisations';
import { ApiError, api, csrfHeaders, type Page } from '../../app/api';
import { useI18n } from '../../app/i18n';
import { type ActivitiesText, useActivitiesText } from './text';

const ACCEPT_IMAGES = 'image/jpeg,image/png,image/webp,image/heic,image/heif';
const ACCEPT_ALL = `${ACCEPT_IMAGES},application/pdf`;

/** What the upload control and the list show of a file (a FileView, or a record's file reference). */
type ShownFile = Pick<FileView, 'id' | 'originalName' | 'url' | 'thumbUrl'>;

function refusal(file: UploadFile, t: ActivitiesText['common']): string {
  const body = file.response as Partial<ErrorBody> | string | undefined;
  if (typeof body === 'string') return body;
  if (body?.error?.message) return body.error.message;
  const status = (file.error as { status?: number } | undefined)?.status;
  return status ? t.serverError(status) : t.offline;
}

/**
 * Uploads each chosen file at once as a file of the committee's own records (no enterprise) and reports the stored
 * files' ids as the value; files attached before stay unless removed.
 */
export function ParkFilesUpload({
  initial,
  onChange,
  onBusyChange,
  images,
  max = 20,
  label,
  testId,
  recordKind,
  enterpriseId,
}: {
  initial?: readonly ShownFile[];
  value?: string[];
  onChange?: (ids: string[]) => void;
  onBusyChange?: (busy: boolean) => void;
  /** Photos only (a picture wall); otherwise pictures or PDFs as a list. */
  images?: boolean;
  max?: number;
  label: string;
  testId?: string;
  /** A park file of one kind of record (a committee training session's, a contract's): read per record. */
  recordKind?: ParkFileKind;
  /** The files of this enterprise's records instead of the committee's. */
  enterpriseId?: string;
}) {
  const { message } = App.useApp();
  const { common: t } = useActivitiesText();
  const [files, setFiles] = useState<UploadFile<ShownFile>[]>(() =>
    (initial ?? []).map((f) => ({
      uid: f.id,
      name: f.originalName,
      status: 'done',
      url: f.url,
      thumbUrl: f.thumbUrl ?? undefined,
      response: f,
    })),
  );
  const handleChange: UploadProps<ShownFile>['onChange'] = ({ file, fileList }) => {
    const next = fileList.map((f) =>
      f.status === 'done' && f.response?.id && !f.url
        ? { ...f, url: f.response.url, thumbUrl: f.response.thumbUrl ?? undefined }
        : f,
    );
    if (file.status === 'error') message.error(t.fileRefused(file.name, refusal(file, t)));
    setFiles(next);
    onBusyChange?.(next.some((f) => f.status === 'uploading'));
    onChange?.(next.flatMap((f) => (f.status === 'done' && f.response?.id ? [f.response.id] : [])));
  };
  return (
    <div data-testid={testId}>
      <Upload<ShownFile>
        action="/api/files"
        name="file"
        accept={images ? ACCEPT_IMAGES : ACCEPT_ALL}
        listType={images ? 'picture-card' : 'text'}
        multiple={max > 1}
        headers={csrfHeaders()}
        data={{
          purpose: images ? 'evidence' : 'document',
          enterpriseId: enterpriseId ?? '',
          ...(recordKind && !enterpriseId ? { recordKind } : {}),
        }}
        fileList={files}
        onChange={handleChange}
      >
        {files.length < max &&
          (images ? (
            <button type="button" className="photo-upload-add">
              <UploadOutlined />
              <div>{label}</div>
            </button>
          ) : (
            <Button icon={<UploadOutlined />}>{label}</Button>
          ))}
      </Upload>
    </div>
  );
}

/** A file a record names by id, name and type (FileRef) as the upload control and FileList show it. */
export const refFile = (f: { id: string; originalName: string; mime: string }): ShownFile => ({
  id: f.id,
  originalName: f.originalName,
  url: `/api/files/${f.id}`,
  thumbUrl: f.mime === 'image/jpeg' ? `/api/files/${f.id}/thumb` : null,
});

/** Thumbnails of photos (a click opens the picture) and links to documents. */
export function FileList({ files, empty, testId }: { files: readonly ShownFile[]; empty: string; testId?: string }) {
  if (files.length === 0) return <Typography.Text type="secondary">{empty}</Typography.Text>;
  const photos = files.filter((f) => f.thumbUrl);
  const docs = files.filter((f) => !f.thumbUrl);
  return (
    <Space direction="vertical" data-testid={testId}>
      {photos.length > 0 && (
        <Image.PreviewGroup>
          <Space wrap>
            {photos.map((f) => (
              <Image
                key={f.id}
                width={88}
                height={88}
                src={f.thumbUrl!}
                preview={{ src: f.url }}
                alt={f.originalName}
              />
            ))}
          </Space>
        </Image.PreviewGroup>
      )}
      {docs.map((f) => (
        <a key={f.id} href={f.url} target="_blank" rel="noreferrer">
          {f.originalName}
        </a>
      ))}
    </Space>
  );
}

const STATE_COLOURS: Record<TaskState, string> = { notStarted: 'default', inProgress: 'processing', done: 'success' };

export function TaskStateTags({ state, overdue }: { state: TaskState; overdue: boolean }) {
  const { l } = useI18n();
  const { common: t } = useActivitiesText();
  return (
    <Space size={4} wrap data-testid="task-state">
      <Tag color={STATE_COLOURS[state]}>{l(TASK_STATE_LABELS, state)}</Tag>
      {overdue && <Tag color="red">{t.overdue}</Tag>}
    </Space>
  );
}

/** The server's message as a toast, and its per-field messages on the form, nested names included. */
export function useFormError(form: FormInstance) {
  const { message } = App.useApp();
  return useCallback(
    (error: unknown) => {
      if (error instanceof ApiError) {
        form.setFields(
          Object.entries(error.fields).map(([name, text]) => ({
            name: name.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)),
            errors: [text],
          })),
        );
      }
      message.error(error instanceof Error ? error.message : String(error));
    },
    [form, message],
  );
}

export const yuan = (n: number) => n.toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** The park's units that attend meetings and own tasks (committee, member units, villages). */
export function useUnits(enabled: boolean) {
  return useQuery({
    queryKey: ['organisations', 'units'],
    queryFn: async () => {
      const kinds = ['committee', 'department', 'village'] as const;
      const pages = await Promise.all(
        kinds.map((kind) => api.get<Page<OrganisationView>>('/organisations', { kind, pageSize: 100 })),
      );
      return pages.flatMap((p) => p.items.filter((o) => !o.disabled));
    },
    enabled,
  });
}
