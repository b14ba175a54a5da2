// Photos of a hazard: the upload control of the forms (POST /api/files, one file a request) and the thumbnail strip
// of the detail, where a click opens the full picture.
import { PlusOutlined } from '@ant-design/icons';
import { App, Image, Typography, Upload, type UploadFile, type UploadProps } from 'antd';
import { useState } from 'react';
import type { ErrorBody } from '../../../../shared/src/common';
import type { FilePurpose, FileView } from '../../../../shared/src/files';
import { csrfHeaders } from '../../app/api';
import { type HazardText, useHazardText } from './text';

interface PhotoUploadProps {
  enterpriseId?: string;
  purpose: FilePurpose;
  value?: string[];
  onChange?: (ids: string[]) => void;
  /** Told while files are on their way, so a form can wait before it submits. */
  onBusyChange?: (busy: boolean) => void;
  max?: number;
  testId?: string;
}

const ACCEPT = 'image/jpeg,image/png,image/webp,image/heic,image/heif';

/** The server's Chinese reason for a refused upload (wrong type by content, too large, not your enterprise …). */
function refusal(file: UploadFile, m: HazardText['misc']): string {
  const body = file.response as Partial<ErrorBody> | string | undefined;
  if (typeof body === 'string') return body;
  if (body?.error?.message) return body.error.message;
  const status = (file.error as { status?: number } | undefined)?.status;
  return status ? m.serverError(status) : m.offline;
}

/**
 * A picture wall that uploads each photo as it is chosen and reports the stored files' ids as its value. The
 * request carries the session's CSRF token; the server decides the type by content and answers refusals in Chinese,
 * shown under the wall and on the failed tile.
 */
export function PhotoUpload({ enterpriseId, purpose, onChange, onBusyChange, max = 12, testId }: PhotoUploadProps) {
  const { h } = useHazardText();
  const { message } = App.useApp();
  const [files, setFiles] = useState<UploadFile<FileView>[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [preview, setPreview] = useState<string | null>(null);

  const handleChange: UploadProps<FileView>['onChange'] = ({ file, fileList }) => {
    const next = fileList.map((f) => {
      if (f.status === 'done' && f.response?.id) {
        return { ...f, url: f.response.url, thumbUrl: f.response.thumbUrl ?? f.response.url };
      }
      if (f.status === 'error') return { ...f, response: refusal(f, h.misc) as unknown as FileView };
      return f;
    });
    if (file.status === 'error') {
      const why = refusal(file, h.misc);
      setError(h.upload.failed(file.name, why));
      message.error(why);
    } else if (file.status === 'done') {
      setError(null);
    }
    setFiles(next);
    onBusyChange?.(next.some((f) => f.status === 'uploading'));
    onChange?.(next.flatMap((f) => (f.status === 'done' && f.response?.id ? [f.response.id] : [])));
  };

  return (
    <div data-testid={testId} className="photo-upload">
      <Upload<FileView>
        action="/api/files"
        name="file"
        accept={ACCEPT}
        listType="picture-card"
        multiple
        headers={csrfHeaders()}
        data={{ purpose, enterpriseId: enterpriseId ?? '' }}
        disabled={!enterpriseId}
        fileList={files}
        onChange={handleChange}
        onPreview={(f) => setPreview(f.url ?? f.thumbUrl ?? null)}
      >
        {files.length < max && (
          <button type="button" className="photo-upload-add">
            <PlusOutlined />
            <div>{h.upload.add}</div>
          </button>
        )}
      </Upload>
      {error ? (
        <Typography.Text type="danger" data-testid="upload-error">
          {error}
        </Typography.Text>
      ) : (
        <Typography.Text type="secondary" className="hazard-hint">
          {enterpriseId ? h.upload.hint : h.form.chooseEnterpriseFirst}
        </Typography.Text>
      )}
      {preview && (
        <Image
          className="photo-preview-hidden"
          src={preview}
          preview={{ open: true, src: preview, onOpenChange: (open) => open || setPreview(null) }}
        />
      )}
    </div>
  );
}

/** Thumbnails (320 px JPEG) of stored photos; a click opens the re-encoded full picture, arrows step through. */
export function PhotoStrip({ ids, testId }: { ids: readonly string[]; testId?: string }) {
  const { h } = useHazardText();
  if (ids.length === 0) return <Typography.Text type="secondary">{h.detail.noPhotos}</Typography.Text>;
  return (
    <div className="photo-strip" data-testid={testId}>
      <Image.PreviewGroup>
        {ids.map((id) => (
          <Image
            key={id}
            width={88}
            height={88}
            src={`/api/files/${id}/thumb`}
            preview={{ src: `/api/files/${id}` }}
            className="photo-thumb"
            alt=""
          />
        ))}
      </Image.PreviewGroup>
    </div>
  );
}
