// 提交整改（离线）: an enterprise photographs its rectification on the shop floor and submits it without a signal. The
// after-photos (resized on the phone) and the note are saved on the device at once; the server starts and submits
// the hazard when it syncs, or refuses with its reason (closed or already submitted meanwhile) — kept on the device.
import { App, Button, Drawer, Form, Input } from 'antd';
import { useEffect, useState } from 'react';
import { useMe } from '../../app/auth';
import { useIsMobile } from '../hazards/common';
import { type LocalPhoto, PhotoField } from './PhotoField';
import { type DayHazard, type OutboxRecord, photosOf, saveRecord } from './store';
import { outboxChanged } from './sync';
import { useFieldText } from './text';
import { uuid } from './uuid';

type RectificationRecord = OutboxRecord & { kind: 'rectification' };
interface Values {
  note?: string;
  photos?: LocalPhoto[];
}

export function RectificationDrawer({
  hazard,
  record,
  onClose,
}: {
  hazard: Pick<DayHazard, 'id' | 'serial' | 'enterpriseId' | 'description'> | null;
  record?: RectificationRecord;
  onClose: () => void;
}) {
  const { f } = useFieldText();
  const me = useMe();
  const mobile = useIsMobile();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const open = Boolean(hazard);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (record) {
      void photosOf(me.id, record.id).then((ps) =>
        form.setFieldsValue({
          note: record.draft.note ?? undefined,
          photos: ps.map((p) => ({ id: p.id, blob: p.blob })),
        }),
      );
    }
  }, [open, record, form, me.id]);

  const save = async (v: Values) => {
    if (!hazard) return;
    setSaving(true);
    try {
      const id = record?.id ?? uuid();
      const photos = (v.photos ?? []).map((p) => ({
        id: p.id,
        recordId: id,
        enterpriseId: hazard.enterpriseId,
        purpose: 'hazardAfter' as const,
        blob: p.blob,
        uploaded: false,
      }));
      await saveRecord(
        me.id,
        {
          id,
          kind: 'rectification',
          idempotencyKey: record?.idempotencyKey ?? `rectification-${uuid()}`,
          capturedBy: me.id,
          capturedAt: record?.capturedAt ?? new Date().toISOString(),
          title: `${hazard.serial} ${hazard.description.slice(0, 30)}`,
          status: 'pending',
          attempts: record?.attempts ?? 0,
          error: null,
          result: null,
          draft: {
            hazardId: hazard.id,
            enterpriseId: hazard.enterpriseId,
            note: v.note?.trim() || null,
            photoIds: photos.map((p) => p.id),
          },
        },
        photos,
      );
      outboxChanged();
      message.success(navigator.onLine ? f.saved : f.savedOffline);
      onClose();
    } finally {
      setSaving(false);
    }
  };

  return (
    <Drawer
      title={hazard ? `${f.rectifyTitle} · ${hazard.serial}` : f.rectifyTitle}
      open={open}
      onClose={onClose}
      size={mobile ? '100%' : 560}
      destroyOnHidden
      extra={
        <Button type="primary" loading={saving} onClick={() => form.submit()} data-testid="field-rectify-save">
          {f.save}
        </Button>
      }
      data-testid="field-rectify-drawer"
    >
      {hazard && <p className="field-hazard-text">{hazard.description}</p>}
      <Form<Values> form={form} layout="vertical" onFinish={(v) => void save(v)} initialValues={{ photos: [] }}>
        <Form.Item
          name="photos"
          label={f.afterPhotos}
          rules={[{ required: true, type: 'array', min: 1, message: f.afterPhotosRequired }]}
        >
          <PhotoField testId="field-rectify-photos" />
        </Form.Item>
        <Form.Item name="note" label={f.rectifyNote}>
          <Input.TextArea rows={3} maxLength={1000} data-testid="field-rectify-note" />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
