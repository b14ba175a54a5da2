// 离线检查: the inspection form for a phone without a signal. Everything it needs comes from the device (the day's
// enterprises, campaigns and checklists); saving writes the record and its resized photos to IndexedDB at once and
// lists it as 待同步. The server applies it later with the same rules as the online form (InspectionForm.tsx).
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, DatePicker, Drawer, Empty, Form, Input, Radio, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { HAZARD_CATEGORIES } from '../../../../shared/src/hazards';
import { useMe } from '../../app/auth';
import { codeOptions } from '../../app/ui/options';
import { parkToday, useIsMobile } from '../hazards/common';
import { HAZARD_CATEGORY_LABELS } from '../hazards/labels';
import { SignatureFields, type SignatureValues } from '../inspections/Signatures';
import { type LocalPhoto, PhotoField } from './PhotoField';
import { type DayData, type DevicePhoto, type OutboxRecord, photosOf, saveRecord } from './store';
import { outboxChanged } from './sync';
import { useFieldText } from './text';
import { uuid } from './uuid';

interface HazardValues {
  description?: string;
  location?: string;
  category?: string;
  deadline?: Dayjs;
  requirement?: string;
  photos?: LocalPhoto[];
}
interface Values {
  enterpriseId?: string;
  campaignId?: string;
  inspectedOn: Dayjs;
  checklistTemplateId?: string;
  items?: { itemId: string; result?: 'pass' | 'fail' | 'na'; note?: string }[];
  hazards?: HazardValues[];
  summary?: string;
  inspectorSignature?: SignatureValues & { photoId?: string };
  enterpriseSignature?: SignatureValues & { photoId?: string };
}

type InspectionRecord = OutboxRecord & { kind: 'inspection' };

/** The form's values of a saved record (修改 after a refusal), its photos read back from the device. */
async function valuesOf(userId: string, r: InspectionRecord): Promise<Values> {
  const photos = new Map((await photosOf(userId, r.id)).map((p) => [p.id, p]));
  const sig = (s: InspectionRecord['draft']['inspectorSignature']) =>
    s ? { signerName: s.signerName, png: photos.get(s.photoId)?.blob ?? null, photoId: s.photoId } : undefined;
  const d = r.draft;
  return {
    enterpriseId: d.enterpriseId,
    campaignId: d.campaignId ?? undefined,
    inspectedOn: dayjs(d.inspectedOn),
    checklistTemplateId: d.checklistTemplateId ?? undefined,
    items: d.items.map((i) => ({ itemId: i.itemId, result: i.result, note: i.note ?? undefined })),
    hazards: d.hazards.map((h) => ({
      description: h.description,
      location: h.location ?? undefined,
      category: h.category,
      deadline: h.deadline ? dayjs(h.deadline) : undefined,
      requirement: h.requirement ?? undefined,
      photos: h.photoIds.flatMap((id) => (photos.has(id) ? [{ id, blob: photos.get(id)!.blob }] : [])),
    })),
    summary: d.summary ?? undefined,
    inspectorSignature: sig(d.inspectorSignature),
    enterpriseSignature: sig(d.enterpriseSignature),
  };
}

export function InspectionDrawer({
  open,
  day,
  enterpriseId,
  record,
  onClose,
}: {
  open: boolean;
  day: DayData;
  enterpriseId?: string;
  /** A refused record being fixed: saved again under the same device id and key. */
  record?: InspectionRecord;
  onClose: () => void;
}) {
  const { f, lang } = useFieldText();
  const me = useMe();
  const mobile = useIsMobile();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const own = me.role === 'enterprise';
  const checklistId = Form.useWatch('checklistTemplateId', form);
  const checklist = day.checklists.find((c) => c.id === checklistId);
  const today = dayjs(parkToday());

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (record) void valuesOf(me.id, record).then((v) => form.setFieldsValue(v));
  }, [open, record, form, me.id]);

  // The item rows follow the chosen checklist, in its order (kept when fixing a record with the same checklist).
  useEffect(() => {
    const ids = checklist?.items.map((i) => i.id) ?? [];
    const current = ((form.getFieldValue('items') ?? []) as { itemId: string }[]).map((i) => i.itemId);
    if (ids.join() !== current.join())
      form.setFieldValue(
        'items',
        ids.map((itemId) => ({ itemId })),
      );
  }, [checklist, form]);

  const save = async () => {
    const v = form.getFieldsValue(true) as Values;
    const target = v.enterpriseId!;
    setSaving(true);
    try {
      const id = record?.id ?? uuid();
      // Photos filed under another enterprise cannot move with the record: a fix that changes the enterprise gives
      // them new ids (an id already uploaded for the old one would be refused as taken).
      const moved = record && record.draft.enterpriseId !== target;
      const photos: DevicePhoto[] = [];
      const keep = (p: LocalPhoto, purpose: DevicePhoto['purpose']) => {
        const photoId = moved ? uuid() : p.id;
        photos.push({ id: photoId, recordId: id, enterpriseId: target, purpose, blob: p.blob, uploaded: false });
        return photoId;
      };
      const signature = (s: Values['inspectorSignature']) => {
        if (!s?.png || !s.signerName?.trim()) return null;
        const same = s.photoId && record && !moved ? s.photoId : uuid();
        return { signerName: s.signerName.trim(), photoId: keep({ id: same, blob: s.png }, 'signature') };
      };
      const hazards = (v.hazards ?? []).map((h) => ({
        description: (h.description ?? '').trim(),
        location: h.location?.trim() || null,
        category: h.category!,
        deadline: h.deadline ? h.deadline.format('YYYY-MM-DD') : null,
        requirement: h.requirement?.trim() || null,
        photoIds: (h.photos ?? []).map((p) => keep(p, 'hazardBefore')),
      }));
      const enterprise = day.enterprises.find((e) => e.id === target);
      const inspectedOn = v.inspectedOn.format('YYYY-MM-DD');
      const saved: InspectionRecord = {
        id,
        kind: 'inspection',
        idempotencyKey: record?.idempotencyKey ?? `inspection-${uuid()}`,
        capturedBy: me.id,
        capturedAt: record?.capturedAt ?? new Date().toISOString(),
        title: `${enterprise?.name ?? ''} · ${inspectedOn}`,
        status: 'pending',
        attempts: record?.attempts ?? 0,
        error: null,
        result: null,
        draft: {
          enterpriseId: target,
          campaignId: v.campaignId ?? null,
          inspectedOn,
          kind: own ? 'selfInspection' : 'supervision',
          checklistTemplateId: v.checklistTemplateId ?? null,
          items: (v.items ?? []).map((i) => ({
            itemId: i.itemId,
            result: i.result!,
            note: i.note?.trim() || null,
          })),
          hazards,
          summary: v.summary?.trim() || null,
          inspectorSignature: signature(v.inspectorSignature),
          enterpriseSignature: signature(v.enterpriseSignature),
        },
      };
      await saveRecord(me.id, saved, photos);
      outboxChanged();
      message.success(navigator.onLine ? f.saved : f.savedOffline);
      onClose();
    } finally {
      setSaving(false);
    }
  };

  return (
    <Drawer
      title={record ? `${f.fix} · ${record.title}` : f.inspect}
      open={open}
      onClose={onClose}
      size={mobile ? '100%' : 720}
      destroyOnHidden
      extra={
        <Button type="primary" loading={saving} onClick={() => form.submit()} data-testid="field-inspection-save">
          {f.save}
        </Button>
      }
      data-testid="field-inspection-drawer"
    >
      {record?.error && (
        <div className="field-refusal" data-testid="field-fix-reason">
          {f.reason}：{record.error.message}
        </div>
      )}
      <Form<Values>
        form={form}
        layout="vertical"
        // The drawer's content is mounted anew on each opening, so the enterprise chosen from the list starts here.
        initialValues={{
          enterpriseId: enterpriseId ?? (own ? (me.enterpriseId ?? undefined) : undefined),
          inspectedOn: today,
          items: [],
          hazards: [],
          inspectorSignature: { signerName: me.displayName },
        }}
        onFinish={() => void save()}
        scrollToFirstError={{ block: 'center' }}
      >
        <Card size="small" className="record-section">
          <Form.Item name="enterpriseId" label={f.enterprise} rules={[{ required: true, message: f.enterprise }]}>
            <Select
              disabled={own}
              showSearch={{ optionFilterProp: 'label' }}
              options={day.enterprises.map((e) => ({ value: e.id, label: e.name }))}
              data-testid="field-enterprise"
            />
          </Form.Item>
          {!own && day.campaigns.length > 0 && (
            <Form.Item name="campaignId" label={f.campaign}>
              <Select
                allowClear
                placeholder={f.campaignNone}
                options={day.campaigns.map((c) => ({ value: c.id, label: c.name }))}
              />
            </Form.Item>
          )}
          <Form.Item name="inspectedOn" label={f.inspectedOn} rules={[{ required: true }]}>
            <DatePicker className="hazard-full" allowClear={false} disabledDate={(d) => d.isAfter(today, 'day')} />
          </Form.Item>
          <Form.Item name="checklistTemplateId" label={f.checklist}>
            <Select
              allowClear
              placeholder={f.checklistNone}
              options={day.checklists.map((c) => ({ value: c.id, label: `${c.name}（第 ${c.version} 版）` }))}
              data-testid="field-checklist"
            />
          </Form.Item>
          {checklist && (
            <Form.List name="items">
              {(fields) =>
                fields.map((field, i) => {
                  const item = checklist.items[i];
                  if (!item) return null;
                  return (
                    <div key={field.key} className="field-item" data-testid={`field-item-${i}`}>
                      <div className="field-item-text">
                        {item.seq}. {item.content}
                      </div>
                      <Form.Item name={[field.name, 'result']} rules={[{ required: true, message: f.itemsRequired }]}>
                        <Radio.Group
                          optionType="button"
                          buttonStyle="solid"
                          options={['pass', 'fail', 'na'].map((k) => ({ value: k, label: f.itemResult[k] }))}
                        />
                      </Form.Item>
                      <Form.Item name={[field.name, 'note']}>
                        <Input placeholder={f.note} maxLength={500} />
                      </Form.Item>
                    </div>
                  );
                })
              }
            </Form.List>
          )}
        </Card>

        <Form.List name="hazards">
          {(fields, { add, remove }) => (
            <Card size="small" title={`${f.hazards}（${fields.length}）`} className="record-section">
              {fields.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={f.empty} />}
              {fields.map((field, i) => (
                <Card
                  key={field.key}
                  size="small"
                  title={f.hazardN(i + 1)}
                  className="field-hazard"
                  data-testid={`field-hazard-${i}`}
                  extra={
                    <Button
                      type="text"
                      danger
                      size="small"
                      icon={<DeleteOutlined />}
                      onClick={() => remove(field.name)}
                    >
                      {f.remove}
                    </Button>
                  }
                >
                  <Form.Item
                    name={[field.name, 'description']}
                    label={f.description}
                    rules={[{ required: true, whitespace: true, min: 4, message: f.descriptionRule }]}
                  >
                    <Input.TextArea rows={2} maxLength={1000} data-testid={`field-hazard-${i}-description`} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'location']} label={f.location}>
                    <Input maxLength={200} />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'category']}
                    label={f.category}
                    rules={[{ required: true, message: f.category }]}
                  >
                    <Select
                      options={codeOptions(HAZARD_CATEGORIES, HAZARD_CATEGORY_LABELS, lang)}
                      data-testid={`field-hazard-${i}-category`}
                    />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'deadline']}
                    label={f.deadline}
                    rules={[{ required: true, message: f.deadline }]}
                  >
                    <DatePicker
                      className="hazard-full"
                      disabledDate={(d) => d.isBefore(today, 'day')}
                      data-testid={`field-hazard-${i}-deadline`}
                    />
                  </Form.Item>
                  <Form.Item name={[field.name, 'requirement']} label={f.requirement}>
                    <Input.TextArea rows={2} maxLength={1000} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'photos']} label={f.photoLabel}>
                    <PhotoField testId={`field-hazard-${i}-photos`} />
                  </Form.Item>
                </Card>
              ))}
              <Button
                type="dashed"
                block
                icon={<PlusOutlined />}
                onClick={() => add({ photos: [], deadline: today.add(7, 'day') })}
                data-testid="field-add-hazard"
              >
                {f.addHazard}
              </Button>
            </Card>
          )}
        </Form.List>

        <Card size="small" title={f.summary} className="record-section">
          <Form.Item name="summary">
            <Input.TextArea rows={3} maxLength={2000} data-testid="field-summary" />
          </Form.Item>
        </Card>
        <Card size="small" title={f.signatures} className="record-section">
          <SignatureFields self={own} />
        </Card>
      </Form>
    </Drawer>
  );
}
