// 宣传活动: the park's publicity activities (public to everyone in the park), with filters by kind and dates, the
// participants and materials totals of the filtered list, Excel export, a record in a drawer (?activity=<id>), and
// the committee's phone-friendly form: materials as lines of kind + quantity, photos, and the admin's extra kinds.
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Descriptions,
  Drawer,
  Form,
  Grid,
  Input,
  InputNumber,
  Popover,
  Select,
  Space,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import {
  type MaterialKindView,
  PUBLICITY_KINDS,
  type PublicityKind,
  type PublicityView,
} from '../../../../shared/src/activities';
import { PUBLICITY_KIND_LABELS } from '../../../../shared/src/labels';
import { api, type Page } from '../../app/api';
import { useMe } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { useListState, useOpenParam } from '../../app/listState';
import { ExportButton } from '../../app/ui/ExportButton';
import { FilterBar } from '../../app/ui/FilterBar';
import { ListView } from '../../app/ui/ListView';
import { codeOptions } from '../../app/ui/options';
import { PageContainer } from '../../app/ui/PageContainer';
import { RecordDrawer } from '../../app/ui/RecordDrawer';
import { IsoDatePicker } from '../enterprises/IsoDatePicker';
import { PublicityChart } from './ActivityCharts';
import { FileList, ParkFilesUpload, useFormError, yuan } from './common';
import { type ActivitiesText, useActivitiesText } from './text';

type Filters = { q?: string; kind?: string; from?: string; to?: string };
type PublicityPageData = Page<PublicityView> & {
  totals: { participants: number; materials: { kind: string; unit: string; quantity: number }[] };
};

type Common = ActivitiesText['common'];
const materialsText = (ms: PublicityView['materials'], c: Common) =>
  ms.length ? ms.map((m) => `${m.kind} ${m.quantity.toLocaleString('zh-CN')}${m.unit}`).join(c.listSeparator) : '—';
const dates = (a: { startsOn: string; endsOn: string }, c: Common) =>
  a.startsOn === a.endsOn ? a.startsOn : c.range(a.startsOn, a.endsOn);

export default function PublicityPage() {
  const me = useMe();
  const { l, lang } = useI18n();
  const { publicity: t, common: c } = useActivitiesText();
  const mobile = Grid.useBreakpoint().md === false;
  const list = useListState<PublicityView, Filters>({ order: 'desc' });
  const [openId, open] = useOpenParam('activity');
  const [editing, setEditing] = useState<PublicityView | 'new' | null>(null);
  const canManage = me.role === 'admin' || me.role === 'supervisor';
  const page = useQuery({
    queryKey: ['publicity', list.query],
    queryFn: () => api.get<PublicityPageData>('/publicity', list.query),
    placeholderData: keepPreviousData,
  });
  const showMoney = page.data?.items.some((i) => i.spent !== null) ?? false;

  const columns: TableColumnsType<PublicityView> = [
    {
      title: c.kind,
      dataIndex: 'kind',
      width: 110,
      render: (v: PublicityKind) => <Tag>{l(PUBLICITY_KIND_LABELS, v)}</Tag>,
    },
    { title: t.theme, dataIndex: 'theme' },
    { title: c.date, key: 'dates', width: 200, render: (_, r) => dates(r, c) },
    { title: t.participants, dataIndex: 'participants', width: 90, align: 'right' },
    { title: t.materials, key: 'materials', width: 260, render: (_, r) => materialsText(r.materials, c) },
    ...(showMoney
      ? [
          {
            title: t.spentYuan,
            dataIndex: 'spent',
            width: 130,
            align: 'right' as const,
            render: (v: number | null) => (v ? yuan(v) : '—'),
          },
        ]
      : []),
  ];

  return (
    <PageContainer
      title={t.title}
      extra={
        <Space wrap>
          <ExportButton
            path="/publicity/export"
            params={list.filters}
            fileName={t.exportFile}
            label={c.export}
            testId="publicity-export"
          />
          {canManage && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setEditing('new')}
              data-testid="publicity-create"
            >
              {t.create}
            </Button>
          )}
        </Space>
      }
    >
      <FilterBar<Filters> onSearch={list.setFilters}>
        <Form.Item name="q">
          <Input allowClear placeholder={t.search} style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="kind">
          <Select
            allowClear
            placeholder={t.kind}
            style={{ width: 140 }}
            options={codeOptions(PUBLICITY_KINDS, PUBLICITY_KIND_LABELS, lang)}
          />
        </Form.Item>
        <Form.Item name="from">
          <IsoDatePicker placeholder={c.from} style={{ width: 140 }} />
        </Form.Item>
        <Form.Item name="to">
          <IsoDatePicker placeholder={c.to} style={{ width: 140 }} />
        </Form.Item>
      </FilterBar>
      <PublicityChart period={list.filters} />
      {page.data && (
        <Typography.Paragraph type="secondary" data-testid="publicity-totals">
          {t.totals(page.data.total, page.data.totals.participants.toLocaleString('zh-CN'))}
          {materialsText(page.data.totals.materials, c)}
        </Typography.Paragraph>
      )}
      <ListView<PublicityView>
        page={page}
        list={list}
        mobile={mobile}
        columns={columns}
        onOpen={(r) => open(r.id)}
        empty={t.empty}
        testId="publicity"
        width={1100}
        card={(r) => (
          <Card key={r.id} size="small" className="list-card" onClick={() => open(r.id)} data-testid="publicity-card">
            <Space style={{ justifyContent: 'space-between', width: '100%' }}>
              <strong>{r.theme}</strong>
              <Tag>{l(PUBLICITY_KIND_LABELS, r.kind)}</Tag>
            </Space>
            <div>
              {dates(r, c)} · {t.people(r.participants)}
            </div>
            <div>{materialsText(r.materials, c)}</div>
          </Card>
        )}
      />
      <RecordDrawer<PublicityView>
        id={openId}
        onClose={() => open(null)}
        queryKey={['publicity', 'one', openId]}
        path={`/publicity/${openId}`}
        title={(r) => r?.theme ?? t.title}
        width={640}
      >
        {(r) => (
          <div data-testid="publicity-detail">
            <Descriptions column={1} size="small" bordered>
              <Descriptions.Item label={t.kind}>{l(PUBLICITY_KIND_LABELS, r.kind)}</Descriptions.Item>
              <Descriptions.Item label={c.date}>{dates(r, c)}</Descriptions.Item>
              <Descriptions.Item label={c.place}>{r.places ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={c.organiser}>{r.organiser ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t.participants}>{r.participants}</Descriptions.Item>
              <Descriptions.Item label={t.materials}>
                <span data-testid="publicity-materials">{materialsText(r.materials, c)}</span>
              </Descriptions.Item>
              {r.spent !== null && (
                <Descriptions.Item label={t.spent}>
                  <span data-testid="publicity-spent">{c.amountYuan(yuan(r.spent))}</span>
                  {t.spentNote}
                </Descriptions.Item>
              )}
              <Descriptions.Item label={t.summary}>{r.summary ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t.photos}>
                <FileList files={r.photos} empty={t.noPhotos} testId="publicity-photo-list" />
              </Descriptions.Item>
              <Descriptions.Item label={c.recorded}>{r.recordedByName ?? '—'}</Descriptions.Item>
            </Descriptions>
            {canManage && (
              <Button icon={<EditOutlined />} style={{ marginTop: 12 }} onClick={() => setEditing(r)}>
                {c.edit}
              </Button>
            )}
          </div>
        )}
      </RecordDrawer>
      <PublicityForm target={editing} onClose={() => setEditing(null)} onSaved={(id) => open(id)} />
    </PageContainer>
  );
}

interface FormValues {
  kind?: PublicityKind;
  theme?: string;
  startsOn?: string;
  endsOn?: string;
  places?: string;
  organiser?: string;
  participants?: number;
  materials?: { kind?: string; quantity?: number }[];
  photoIds?: string[];
  summary?: string;
}

function PublicityForm({
  target,
  onClose,
  onSaved,
}: {
  target: PublicityView | 'new' | null;
  onClose: () => void;
  onSaved: (id: string) => void;
}) {
  const { message } = App.useApp();
  const { lang } = useI18n();
  const { publicity: t, common: c } = useActivitiesText();
  const me = useMe();
  const mobile = Grid.useBreakpoint().md === false;
  const [form] = Form.useForm<FormValues>();
  const showError = useFormError(form);
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const editing = target && target !== 'new' ? target : null;
  const kinds = useQuery({
    queryKey: ['publicity', 'material-kinds'],
    queryFn: () => api.get<MaterialKindView[]>('/publicity/material-kinds'),
    enabled: Boolean(target),
  });
  const save = useMutation({
    mutationFn: (v: FormValues) => {
      const body = { ...v, materials: (v.materials ?? []).filter((m) => m.kind || m.quantity) };
      return editing
        ? api.put<PublicityView>(`/publicity/${editing.id}`, { ...body, rowVersion: editing.rowVersion })
        : api.post<PublicityView>('/publicity', body);
    },
    onSuccess: (r) => {
      message.success(t.savedMsg);
      void queryClient.invalidateQueries({ queryKey: ['publicity'] });
      onClose();
      onSaved(r.id);
    },
    onError: showError,
  });
  return (
    <Drawer
      open={Boolean(target)}
      onClose={onClose}
      size={mobile ? '100%' : 600}
      title={editing ? t.editTitle : t.create}
      destroyOnHidden
      extra={
        <Button
          type="primary"
          loading={save.isPending}
          disabled={busy}
          onClick={() => form.submit()}
          data-testid="publicity-submit"
        >
          {c.save}
        </Button>
      }
    >
      <Form<FormValues>
        form={form}
        layout="vertical"
        data-testid="publicity-form"
        initialValues={
          editing
            ? { ...editing, photoIds: editing.photos.map((p) => p.id), places: editing.places ?? undefined }
            : { kind: 'safetyMonth', participants: 0, materials: [{}] }
        }
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item name="kind" label={t.kind} rules={[{ required: true, message: t.kindRequired }]}>
          <Select data-testid="publicity-kind" options={codeOptions(PUBLICITY_KINDS, PUBLICITY_KIND_LABELS, lang)} />
        </Form.Item>
        <Form.Item name="theme" label={t.theme} rules={[{ required: true, min: 2, message: t.themeRule }]}>
          <Input maxLength={200} data-testid="publicity-theme" placeholder={t.themePlaceholder} />
        </Form.Item>
        <Space wrap style={{ width: '100%' }}>
          <Form.Item name="startsOn" label={c.from} rules={[{ required: true, message: t.startsRequired }]}>
            <IsoDatePicker data-testid="publicity-starts" style={{ width: 160 }} />
          </Form.Item>
          <Form.Item
            name="endsOn"
            label={c.to}
            dependencies={['startsOn']}
            rules={[
              { required: true, message: t.endsRequired },
              ({ getFieldValue }) => ({
                validator: (_, v?: string) =>
                  !v || !getFieldValue('startsOn') || v >= getFieldValue('startsOn')
                    ? Promise.resolve()
                    : Promise.reject(new Error(t.endsBeforeStarts)),
              }),
            ]}
          >
            <IsoDatePicker data-testid="publicity-ends" style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="participants" label={t.participants}>
            <InputNumber min={0} precision={0} data-testid="publicity-participants" style={{ width: 120 }} />
          </Form.Item>
        </Space>
        <Form.Item name="places" label={t.places}>
          <Input maxLength={500} placeholder={t.placesPlaceholder} />
        </Form.Item>
        <Form.Item name="organiser" label={c.organiser}>
          <Input maxLength={100} />
        </Form.Item>
        <Typography.Text strong>{t.materialsIssued}</Typography.Text>
        {me.role === 'admin' && <AddMaterialKind />}
        <Form.List name="materials">
          {(fields, { add, remove }) => (
            <div data-testid="publicity-materials-form" style={{ marginTop: 8 }}>
              {fields.map((f) => (
                <Space key={f.key} align="start" wrap>
                  <Form.Item name={[f.name, 'kind']} rules={[{ required: true, message: t.materialRequired }]}>
                    <Select
                      style={{ width: 140 }}
                      placeholder={t.material}
                      data-testid={`material-kind-${f.name}`}
                      options={(kinds.data ?? []).map((k) => ({
                        value: k.name,
                        label: t.materialOption(k.name, k.unit),
                      }))}
                    />
                  </Form.Item>
                  <Form.Item
                    name={[f.name, 'quantity']}
                    rules={[
                      { required: true, message: t.quantityRequired },
                      { type: 'number', min: 1, message: t.quantityRule },
                    ]}
                  >
                    <InputNumber
                      placeholder={t.quantity}
                      precision={0}
                      style={{ width: 120 }}
                      data-testid={`material-qty-${f.name}`}
                    />
                  </Form.Item>
                  <Button icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={t.removeMaterial} />
                </Space>
              ))}
              <Button
                icon={<PlusOutlined />}
                onClick={() => add({})}
                data-testid="material-add"
                style={{ marginBottom: 16 }}
              >
                {t.addMaterial}
              </Button>
            </div>
          )}
        </Form.List>
        <Form.Item name="photoIds" label={t.photos}>
          <ParkFilesUpload
            images
            label={t.uploadPhotos}
            initial={editing?.photos}
            onBusyChange={setBusy}
            recordKind="publicityActivity"
            testId="publicity-photos"
          />
        </Form.Item>
        <Form.Item name="summary" label={t.summary}>
          <Input.TextArea rows={4} maxLength={4000} />
        </Form.Item>
        <Typography.Text type="secondary">{t.spentHint}</Typography.Text>
      </Form>
    </Drawer>
  );
}

/** The admin adds a material kind (name and unit) to the park's list. */
function AddMaterialKind() {
  const { publicity: t } = useActivitiesText();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ name: string; unit: string }>();
  const showError = useFormError(form);
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const add = useMutation({
    mutationFn: (v: { name: string; unit: string }) => api.post<MaterialKindView[]>('/publicity/material-kinds', v),
    onSuccess: (kinds) => {
      queryClient.setQueryData(['publicity', 'material-kinds'], kinds);
      message.success(t.kindAdded);
      form.resetFields();
      setOpen(false);
    },
    onError: showError,
  });
  return (
    <Popover
      open={open}
      onOpenChange={setOpen}
      trigger="click"
      content={
        <Form form={form} layout="vertical" onFinish={(v) => add.mutate(v)} style={{ width: 220 }}>
          <Form.Item name="name" label={t.kindName} rules={[{ required: true, max: 20 }]}>
            <Input placeholder={t.kindNamePlaceholder} />
          </Form.Item>
          <Form.Item name="unit" label={t.unit} rules={[{ required: true, max: 6 }]}>
            <Input placeholder={t.unitPlaceholder} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={add.isPending}>
            {t.add}
          </Button>
        </Form>
      }
    >
      <Button type="link" size="small">
        {t.addKind}
      </Button>
    </Popover>
  );
}
