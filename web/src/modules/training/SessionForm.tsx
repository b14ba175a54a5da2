// The form of a training session (new or edited), phone-friendly: one column, the attendee editor below. A provider
// whose qualification had expired on the day is shown in advance and, when the server answers 409
// PROVIDER_QUALIFICATION_EXPIRED, the user confirms and the form sends providerExpiredConfirmed.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Checkbox, Drawer, Form, Grid, Input, InputNumber, Select, Space, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { type ProviderView, qualificationExpiredOn } from '../../../../shared/src/providers';
import {
  MAX_SESSION_HOURS,
  ORGANISER_KINDS,
  type OrganiserKind,
  type PlanSummary,
  type PlanView,
  type SessionView,
  TRAINING_KINDS,
  type TrainingKind,
} from '../../../../shared/src/training';
import { shanghaiToday } from '../../../../shared/src/validators';
import { ApiError, api, type Page } from '../../app/api';
import { useMe } from '../../app/auth';
import { useShowError } from '../../app/forms';
import { ParkFilesUpload, refFile } from '../activities/common';
import { IsoDatePicker } from '../enterprises/IsoDatePicker';
import { PhotoStrip, PhotoUpload } from '../hazards/photos';
import { EnterprisePicker } from '../hazards/pickers';
import { AttendeeEditor, type AttendeeRow, rowKey } from './AttendeeEditor';
import { useTrainingText } from './text';

export interface SessionFormValues {
  kind?: TrainingKind;
  title?: string;
  occurredOn?: string;
  organiserKind?: OrganiserKind;
  enterpriseId?: string | null;
  providerId?: string | null;
  openToAll?: boolean;
  trainer?: string;
  place?: string;
  hours?: number;
  summary?: string;
  planItemId?: string | null;
  attendees?: AttendeeRow[];
}

export function SessionForm({
  target,
  initial,
  onClose,
  onSaved,
}: {
  target: SessionView | 'new' | null;
  /** Prefilled values of a new session (the new-enterprise list opens the form for one person). */
  initial?: SessionFormValues;
  onClose: () => void;
  onSaved: (id: string) => void;
}) {
  const { session: t, attendee: a, names } = useTrainingText();
  const me = useMe();
  const { message, modal } = App.useApp();
  const mobile = Grid.useBreakpoint().md === false;
  const [form] = Form.useForm<SessionFormValues>();
  const showError = useShowError(form);
  const queryClient = useQueryClient();
  const editing = target && target !== 'new' ? target : null;
  const isEnterprise = me.role === 'enterprise';
  const [photoIds, setPhotoIds] = useState<string[]>([]);
  // The committee's session (no enterprise): its photos and materials are park files of kind trainingSession, read by
  // whoever reads the session; an enterprise's session takes files of that enterprise. null: as the session has them.
  const [parkPhotoIds, setParkPhotoIds] = useState<string[] | null>(null);
  const [materialIds, setMaterialIds] = useState<string[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [enterpriseName, setEnterpriseName] = useState<string | null>(null);

  const organiserKind = Form.useWatch('organiserKind', form);
  const enterpriseId = Form.useWatch('enterpriseId', form) ?? (isEnterprise ? me.enterpriseId : null);
  const providerId = Form.useWatch('providerId', form);
  const occurredOn = Form.useWatch('occurredOn', form);
  const year = occurredOn?.slice(0, 4);
  const parkSession = !isEnterprise && (organiserKind === 'committee' || !enterpriseId);
  const owner = parkSession ? null : (enterpriseId ?? null);
  // Files the edited session holds, when it belongs to the same owner as the form now says.
  const held = editing && (editing.enterpriseId ?? null) === owner ? editing : null;
  // biome-ignore lint/correctness/useExhaustiveDependencies: the files start over when the owner or the session changes
  useEffect(() => {
    setParkPhotoIds(null);
    setMaterialIds(null);
  }, [owner, editing]);

  useEffect(() => {
    setPhotoIds([]);
    setEnterpriseName(editing?.enterpriseName ?? (isEnterprise ? me.organisationName : null));
  }, [editing, isEnterprise, me.organisationName]);

  const providers = useQuery({
    queryKey: ['providers', 'training-options'],
    queryFn: () => api.get<Page<ProviderView>>('/providers', { kind: 'training', active: 'true', pageSize: 100 }),
    enabled: Boolean(target),
  });
  const provider = providers.data?.items.find((p) => p.id === providerId);
  const providerExpired = provider
    ? qualificationExpiredOn(provider.qualificationValidUntil, occurredOn ?? shanghaiToday())
    : false;

  // The enterprise's plan of the session's year: a session may count toward one of its items.
  const plan = useQuery({
    queryKey: ['training', 'plans', 'for', enterpriseId, year],
    queryFn: async () => {
      const found = await api.get<Page<PlanSummary>>('/training/plans', { enterpriseId, year, pageSize: 1 });
      const first = found.items[0];
      return first ? api.get<PlanView>(`/training/plans/${first.id}`) : null;
    },
    enabled: Boolean(target && enterpriseId && year),
  });

  const save = useMutation({
    mutationFn: async ({ v, confirmed }: { v: SessionFormValues; confirmed: boolean }) => {
      const body = {
        ...v,
        enterpriseId: isEnterprise ? me.enterpriseId : v.organiserKind === 'committee' ? null : v.enterpriseId,
        providerId: v.organiserKind === 'provider' ? v.providerId : null,
        providerExpiredConfirmed: confirmed,
        photoFileIds: parkSession
          ? (parkPhotoIds ?? held?.photos.map((p) => p.id) ?? [])
          : [...(held?.photos.map((p) => p.id) ?? []), ...photoIds],
        materialFileIds: materialIds ?? held?.materials.map((m) => m.id) ?? [],
        attendees: (v.attendees ?? []).map(({ key: _k, enterpriseName: _n, ...a }) => a),
      };
      return editing
        ? api.patch<SessionView>(`/training/sessions/${editing.id}`, { ...body, rowVersion: editing.rowVersion })
        : api.post<SessionView>('/training/sessions', body);
    },
    onSuccess: (r) => {
      message.success(t.saved);
      void queryClient.invalidateQueries({ queryKey: ['training'] });
      onClose();
      onSaved(r.id);
    },
    onError: (err, vars) => {
      if (err instanceof ApiError && err.code === 'PROVIDER_QUALIFICATION_EXPIRED') {
        modal.confirm({
          title: t.expiredTitle,
          content: err.message,
          okText: t.expiredConfirm,
          okButtonProps: { danger: true, 'data-testid': 'provider-expired-confirm' } as never,
          onOk: () => save.mutate({ v: vars.v, confirmed: true }),
        });
        return;
      }
      showError(err);
    },
  });

  const initialValues: SessionFormValues = editing
    ? {
        ...editing,
        trainer: editing.trainer ?? undefined,
        place: editing.place ?? undefined,
        summary: editing.summary ?? undefined,
        attendees: editing.attendees.map((a) => ({ key: rowKey(), ...a })),
      }
    : {
        kind: 'centralised',
        occurredOn: shanghaiToday(),
        organiserKind: isEnterprise ? 'enterprise' : 'committee',
        hours: 2,
        openToAll: false,
        attendees: [],
        ...initial,
      };

  return (
    <Drawer
      open={Boolean(target)}
      onClose={onClose}
      size={mobile ? '100%' : 900}
      title={editing ? t.editTitle : t.createTitle}
      destroyOnHidden
      extra={
        <Button
          type="primary"
          loading={save.isPending}
          disabled={busy}
          onClick={() => form.submit()}
          data-testid="session-submit"
        >
          {t.save}
        </Button>
      }
    >
      <Form<SessionFormValues>
        form={form}
        layout="vertical"
        data-testid="session-form"
        initialValues={initialValues}
        onFinish={(v) => save.mutate({ v, confirmed: Boolean(editing?.providerExpired) })}
      >
        <Space wrap align="start" style={{ width: '100%' }}>
          <Form.Item name="kind" label={t.kind} rules={[{ required: true }]}>
            <Select
              style={{ width: mobile ? 300 : 220 }}
              data-testid="session-kind"
              options={TRAINING_KINDS.map((k) => ({ value: k, label: names.kind(k) }))}
            />
          </Form.Item>
          <Form.Item name="occurredOn" label={t.occurredOn} rules={[{ required: true }]}>
            <IsoDatePicker notAfterToday style={{ width: 160 }} data-testid="session-date" />
          </Form.Item>
          <Form.Item
            name="hours"
            label={t.hours}
            rules={[{ required: true }, { type: 'number', min: 0.5, max: MAX_SESSION_HOURS }]}
          >
            <InputNumber min={0.5} max={MAX_SESSION_HOURS} step={0.5} precision={1} data-testid="session-hours" />
          </Form.Item>
        </Space>
        <Form.Item name="title" label={t.title} rules={[{ required: true, min: 2, max: 200 }]}>
          <Input maxLength={200} data-testid="session-title" />
        </Form.Item>
        <Space wrap align="start" style={{ width: '100%' }}>
          <Form.Item name="organiserKind" label={t.organiser} rules={[{ required: true }]}>
            <Select
              style={{ width: 180 }}
              data-testid="session-organiser"
              options={ORGANISER_KINDS.filter((k) => !isEnterprise || k !== 'committee').map((k) => ({
                value: k,
                label: names.organiser(k),
              }))}
            />
          </Form.Item>
          {!isEnterprise && organiserKind !== 'committee' && (
            <Form.Item
              name="enterpriseId"
              label={t.enterprise}
              rules={[{ required: organiserKind === 'enterprise' }]}
              style={{ minWidth: 280 }}
            >
              <EnterprisePicker
                testId="session-enterprise"
                style={{ width: 280 }}
                onChange={(id, e) => {
                  form.setFieldValue('enterpriseId', id ?? null);
                  setEnterpriseName(e?.name ?? null);
                }}
              />
            </Form.Item>
          )}
          {organiserKind === 'provider' && (
            <Form.Item name="providerId" label={t.provider} rules={[{ required: true }]}>
              <Select
                style={{ width: 300 }}
                data-testid="session-provider"
                loading={providers.isLoading}
                options={(providers.data?.items ?? []).map((p) => ({
                  value: p.id,
                  label: (
                    <span>
                      {p.name} {p.qualificationExpired && <Tag color="red">{t.providerExpired}</Tag>}
                    </span>
                  ),
                }))}
              />
            </Form.Item>
          )}
        </Space>
        {providerExpired && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 16 }}
            data-testid="session-provider-warning"
            message={t.providerWarning(provider?.name, provider?.qualificationValidUntil)}
            description={t.expiredWarn}
          />
        )}
        {!isEnterprise && organiserKind !== 'enterprise' && (
          <Form.Item name="openToAll" valuePropName="checked" extra={t.openToAllHint}>
            <Checkbox data-testid="session-open-to-all">{t.openToAll}</Checkbox>
          </Form.Item>
        )}
        <Space wrap align="start" style={{ width: '100%' }}>
          <Form.Item name="trainer" label={t.trainer}>
            <Input maxLength={100} style={{ width: 200 }} data-testid="session-trainer" />
          </Form.Item>
          <Form.Item name="place" label={t.place}>
            <Input maxLength={200} style={{ width: 260 }} />
          </Form.Item>
          {enterpriseId && organiserKind !== 'committee' && (plan.data?.itemList.length ?? 0) > 0 && (
            <Form.Item name="planItemId" label={t.planItem}>
              <Select
                allowClear
                style={{ width: 280 }}
                data-testid="session-plan-item"
                options={plan.data!.itemList.map((i) => ({
                  value: i.id,
                  label: t.planItemOption(i.month, i.topic, names.kind(i.kind)),
                }))}
              />
            </Form.Item>
          )}
        </Space>
        <Form.Item name="summary" label={t.summary}>
          <Input.TextArea rows={3} maxLength={4000} />
        </Form.Item>
        <Form.Item label={t.photos}>
          {parkSession ? (
            <ParkFilesUpload
              key={`photos-${owner}-${editing?.id ?? 'new'}`}
              images
              recordKind="trainingSession"
              initial={held?.photos.map(refFile)}
              onChange={setParkPhotoIds}
              onBusyChange={setBusy}
              label={t.addPhotos}
              testId="session-park-photos"
            />
          ) : (
            <>
              {held && held.photos.length > 0 && <PhotoStrip ids={held.photos.map((p) => p.id)} />}
              {enterpriseId ? (
                <PhotoUpload
                  enterpriseId={enterpriseId}
                  purpose="evidence"
                  onChange={setPhotoIds}
                  onBusyChange={setBusy}
                  testId="session-photos"
                />
              ) : (
                <Alert type="info" message={t.filesNeedEnterprise} />
              )}
            </>
          )}
        </Form.Item>
        {(parkSession || enterpriseId) && (
          <Form.Item label={t.materials} extra={t.materialsHint}>
            <ParkFilesUpload
              key={`materials-${owner}-${editing?.id ?? 'new'}`}
              recordKind={parkSession ? 'trainingSession' : undefined}
              enterpriseId={parkSession ? undefined : (enterpriseId ?? undefined)}
              initial={held?.materials.map(refFile)}
              onChange={setMaterialIds}
              onBusyChange={setBusy}
              label={t.addMaterials}
              testId="session-materials"
            />
          </Form.Item>
        )}
        <Form.Item name="attendees" label={a.title}>
          <AttendeeEditor defaultEnterprise={enterpriseId ? { id: enterpriseId, name: enterpriseName ?? '' } : null} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
