// Photos taken offline: each is resized on the phone at once and kept as a blob with the id it will have on the
// server. Thumbnails come from object URLs of those blobs, so they show without a network.
import { CameraOutlined, CloseOutlined } from '@ant-design/icons';
import { App, Button, Space } from 'antd';
import { useEffect, useMemo, useRef } from 'react';
import { resizePhoto } from './photos';
import { useFieldText } from './text';
import { uuid } from './uuid';

export interface LocalPhoto {
  id: string;
  blob: Blob;
}

function Thumb({ photo, onRemove }: { photo: LocalPhoto; onRemove: () => void }) {
  const url = useMemo(() => URL.createObjectURL(photo.blob), [photo.blob]);
  useEffect(() => () => URL.revokeObjectURL(url), [url]);
  return (
    <span className="field-photo">
      <img src={url} alt="" />
      <Button size="small" type="text" icon={<CloseOutlined />} onClick={onRemove} aria-label="删除照片" />
    </span>
  );
}

export function PhotoField({
  value = [],
  onChange,
  testId,
  max = 12,
}: {
  value?: LocalPhoto[];
  onChange?: (v: LocalPhoto[]) => void;
  testId: string;
  max?: number;
}) {
  const { f } = useFieldText();
  const { message } = App.useApp();
  const input = useRef<HTMLInputElement>(null);
  const picked = async (files: FileList | null) => {
    const added: LocalPhoto[] = [];
    for (const file of Array.from(files ?? []).slice(0, max - value.length)) {
      try {
        added.push({ id: uuid(), blob: await resizePhoto(file) });
      } catch {
        message.error(f.photoFailed);
      }
    }
    if (input.current) input.current.value = '';
    onChange?.([...value, ...added]);
  };
  return (
    <Space wrap size={8} data-testid={testId}>
      {value.map((p) => (
        <Thumb key={p.id} photo={p} onRemove={() => onChange?.(value.filter((x) => x.id !== p.id))} />
      ))}
      {value.length < max && (
        <Button icon={<CameraOutlined />} onClick={() => input.current?.click()}>
          {f.takePhoto}
        </Button>
      )}
      <input
        ref={input}
        type="file"
        accept="image/*"
        capture="environment"
        multiple
        style={{ display: 'none' }}
        onChange={(e) => void picked(e.target.files)}
        data-testid={`${testId}-input`}
      />
    </Space>
  );
}
