// 服务机构: the park's training and fire-service providers (filters by kind, qualification state and status), a record
// in a drawer (?provider=<id>) with its qualification's validity and the sessions it ran, and the committee's form.
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
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
  List,
  Select,
  Space,
  Switch,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { PROVIDER_KINDS, type ProviderView } from '../../../../shared/src/providers';
import type { SessionSummary } from '../../../../shared/src/training';
import { api, type Page } from '../../app/api';
import { useMe } from '../../app/auth';
import { useShowError } from '../../app/forms';
import { useI18n } from '../../app/i18n';
import { useListState, useOpenParam } from '../../app/listState';
import { FilterBar } from '../../app/ui/FilterBar';
import { ListView } from '../../app/ui/ListView';
import { MaskedValue } from '../../app/ui/MaskedValue';
import { PageContainer } from '../../app/ui/PageContainer';
import { RecordDrawer } from '../../app/ui/RecordDrawer';
import { IsoDatePicker } from '../enterprises/IsoDatePicker';
import { useTrainingText } from '../training/text';

type Filters = { q?: string; kind?: string; expired?: string; active?: string };

/** The qualification's validity: the date, and 已过期 in red once it has passed (derived by the server from today). */
export function Validity({ p }: { p: Pick<ProviderView, 'qualificationValidUntil' | 'qualificationExpired'> }) {
  const { provider: t } = useTrainingText();
  if (!p.qualificationValidUntil) return <Typography.Text type="secondary">{t.noDate}</Typography.Text>;
  return (
    <Space size={4}>
      <span>{p.qualificationValidUntil}</span>
      {p.qualificationExpired ? (
        <Tag color="red" data-testid="provider-expired">
          {t.expired}
        </Tag>
      ) : (
        <Tag color="green">{t.valid}</Tag>
      )}
    </Space>
  );
}

export default function ProvidersPage() {
  const { t: app } = useI18n();
  const { provider: t } = useTrainingText();
  const me = useMe();
  const mobile = Grid.useBreakpoint().md === false;
  const list = useListState<ProviderView, Filters>({});
  const [openId, open] = useOpenParam('provider');
  const [editing, setEditing] = useState<ProviderView | 'new' | null>(null);
  const canManage = me.role === 'admin' || me.role === 'supervisor';
  const page = useQuery({
    queryKey: ['providers', list.query],
    queryFn: () => api.get<Page<ProviderView>>('/providers', list.query),
    placeholderData: keepPreviousData,
  });
  const columns: TableColumnsType<ProviderView> = [
    { title: t.name, dataIndex: 'name' },
    {
      title: t.kinds,
      dataIndex: 'kinds',
      render: (v: ProviderView['kinds']) => v.map((k) => <Tag key={k}>{t.kindName(k)}</Tag>),
    },
    { title: t.qualification, dataIndex: 'qualification', render: (v: string | null) => v ?? '—' },
    { title: t.validUntil, key: 'valid', width: 190, render: (_: unknown, r) => <Validity p={r} /> },
    { title: t.contactPerson, dataIndex: 'contactPerson', width: 100, render: (v: string | null) => v ?? '—' },
    { title: t.contactPhone, dataIndex: 'contactPhone', width: 130, render: (v: string | null) => v ?? '—' },
    {
      title: t.active,
      dataIndex: 'active',
      width: 80,
      render: (v: boolean) => (v ? <Tag color="blue">{t.activeYes}</Tag> : <Tag>{t.activeNo}</Tag>),
    },
  ];
  return (
    <PageContainer
      title={app.menu.providers}
      extra={
        canManage && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setEditing('new')}
            data-testid="provider-create"
          >
            {t.create}
          </Button>
        )
      }
    >
      <FilterBar<Filters> onSearch={list.setFilters}>
        <Form.Item name="q">
          <Input allowClear placeholder={t.search} style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="kind">
          <Select
            allowClear
            placeholder={t.kinds}
            style={{ width: 180 }}
            data-testid="provider-filter-kind"
            options={PROVIDER_KINDS.map((k) => ({ value: k, label: t.kindName(k) }))}
          />
        </Form.Item>
        <Form.Item name="expired">
          <Select
            allowClear
            placeholder={t.expiredFilter}
            style={{ width: 130 }}
            data-testid="provider-filter-expired"
            options={[
              { value: 'true', label: t.expired },
              { value: 'false', label: t.valid },
            ]}
          />
        </Form.Item>
        <Form.Item name="active">
          <Select
            allowClear
            placeholder={t.active}
            style={{ width: 110 }}
            options={[
              { value: 'true', label: t.activeYes },
              { value: 'false', label: t.activeNo },
            ]}
          />
        </Form.Item>
      </FilterBar>
      <ListView<ProviderView>
        page={page}
        list={list}
        mobile={mobile}
        columns={columns}
        onOpen={(r) => open(r.id)}
        empty={t.empty}
        testId="providers"
        width={1100}
        card={(r) => (
          <Card key={r.id} size="small" className="list-card" onClick={() => open(r.id)} data-testid="provider-card">
            <strong>{r.name}</strong>
            <div>{t.kindList(r.kinds)}</div>
            <Validity p={r} />
          </Card>
        )}
      />
      <RecordDrawer<ProviderView>
        id={openId}
        onClose={() => open(null)}
        queryKey={['providers', 'one', openId]}
        path={`/providers/${openId}`}
        title={(r) => r?.name ?? t.name}
        width={600}
      >
        {(r) => (
          <div data-testid="provider-detail">
            <Descriptions column={1} size="small" bordered>
              <Descriptions.Item label={t.kinds}>
                {r.kinds.map((k) => (
                  <Tag key={k}>{t.kindName(k)}</Tag>
                ))}
              </Descriptions.Item>
              <Descriptions.Item label={t.creditCode}>{r.creditCode ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t.qualification}>{r.qualification ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t.qualificationNo}>{r.qualificationNo ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t.validUntil}>
                <Validity p={r} />
              </Descriptions.Item>
              <Descriptions.Item label={t.contactPerson}>{r.contactPerson ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t.contactPhone}>
                <MaskedValue
                  value={r.contactPhone}
                  entityType="provider"
                  id={r.id}
                  field="contactPhone"
                  testId="provider-contact-phone"
                />
              </Descriptions.Item>
              <Descriptions.Item label={t.active}>{r.active ? t.activeYes : t.activeNo}</Descriptions.Item>
              <Descriptions.Item label={t.note}>{r.note ?? '—'}</Descriptions.Item>
            </Descriptions>
            {canManage && (
              <Button icon={<EditOutlined />} style={{ marginTop: 12 }} onClick={() => setEditing(r)}>
                {t.edit}
              </Button>
            )}
            <ProviderSessions providerId={r.id} />
          </div>
        )}
      </RecordDrawer>
      <ProviderForm target={editing} onClose={() => setEditing(null)} onSaved={(id) => open(id)} />
    </PageContainer>
  );
}

/** The sessions this provider ran, within the reader's scope. */
function ProviderSessions({ providerId }: { providerId: string }) {
  const { provider: t, names } = useTrainingText();
  const sessions = useQuery({
    queryKey: ['training', 'sessions', 'provider', providerId],
    queryFn: () => api.get<Page<SessionSummary>>('/training/sessions', { providerId, pageSize: 50 }),
  });
  return (
    <Card size="small" title={t.sessions} style={{ marginTop: 16 }}>
      <List
        size="small"
        loading={sessions.isLoading}
        dataSource={sessions.data?.items ?? []}
        renderItem={(s) => (
          <List.Item>
            <a href={`/training/sessions?session=${s.id}`}>
              {s.occurredOn} · {names.kind(s.kind)} · {s.title}
            </a>
            <span>{t.sessionLine(s.hours, s.attendeeCount)}</span>
          </List.Item>
        )}
      />
    </Card>
  );
}

interface FormValues {
  name?: string;
  kinds?: string[];
  creditCode?: string;
  qualification?: string;
  qualificationNo?: string;
  qualificationValidUntil?: string | null;
  contactPerson?: string;
  contactPhone?: string;
  note?: string;
  active?: boolean;
}

function ProviderForm({
  target,
  onClose,
  onSaved,
}: {
  target: ProviderView | 'new' | null;
  onClose: () => void;
  onSaved: (id: string) => void;
}) {
  const { provider: t } = useTrainingText();
  const { message } = App.useApp();
  const mobile = Grid.useBreakpoint().md === false;
  const [form] = Form.useForm<FormValues>();
  const showError = useShowError(form);
  const queryClient = useQueryClient();
  const editing = target && target !== 'new' ? target : null;
  const save = useMutation({
    mutationFn: (v: FormValues) =>
      editing
        ? api.patch<ProviderView>(`/providers/${editing.id}`, { ...v, rowVersion: editing.rowVersion })
        : api.post<ProviderView>('/providers', v),
    onSuccess: (r) => {
      message.success(t.saved);
      void queryClient.invalidateQueries({ queryKey: ['providers'] });
      onClose();
      onSaved(r.id);
    },
    onError: showError,
  });
  return (
    <Drawer
      open={Boolean(target)}
      onClose={onClose}
      size={mobile ? '100%' : 560}
      title={editing ? t.editTitle : t.createTitle}
      destroyOnHidden
      extra={
        <Button type="primary" loading={save.isPending} onClick={() => form.submit()} data-testid="provider-submit">
          {t.save}
        </Button>
      }
    >
      <Form<FormValues>
        form={form}
        layout="vertical"
        data-testid="provider-form"
        initialValues={editing ? { ...editing } : { kinds: ['training'], active: true }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item name="name" label={t.name} rules={[{ required: true, min: 2, max: 100 }]}>
          <Input maxLength={100} data-testid="provider-name" />
        </Form.Item>
        <Form.Item name="kinds" label={t.kinds} rules={[{ required: true, type: 'array', min: 1 }]}>
          <Select
            mode="multiple"
            data-testid="provider-kinds"
            options={PROVIDER_KINDS.map((k) => ({ value: k, label: t.kindName(k) }))}
          />
        </Form.Item>
        <Form.Item name="creditCode" label={t.creditCode}>
          <Input maxLength={18} />
        </Form.Item>
        <Form.Item name="qualification" label={t.qualification}>
          <Input maxLength={200} data-testid="provider-qualification" />
        </Form.Item>
        <Form.Item name="qualificationNo" label={t.qualificationNo}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="qualificationValidUntil" label={t.validUntil}>
          <IsoDatePicker style={{ width: '100%' }} data-testid="provider-valid-until" />
        </Form.Item>
        <Space wrap>
          <Form.Item name="contactPerson" label={t.contactPerson}>
            <Input maxLength={50} />
          </Form.Item>
          <Form.Item name="contactPhone" label={t.contactPhone}>
            <Input maxLength={20} inputMode="tel" />
          </Form.Item>
        </Space>
        <Form.Item name="active" label={t.active} valuePropName="checked">
          <Switch checkedChildren={t.activeYes} unCheckedChildren={t.activeNo} />
        </Form.Item>
        <Form.Item name="note" label={t.note}>
          <Input.TextArea rows={3} maxLength={1000} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
