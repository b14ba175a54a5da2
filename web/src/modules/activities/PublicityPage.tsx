// 宣传活动: the park's publicity activities (public to everyone in the park), with filters by kind and dates, the
// participants and materials totals of the filtered list, Excel export, a record in a drawer (?activity=<id>), and
// the committee's phone-friendly form: materials as lines of kind + quantity, photos, and the admin's extra kinds.
import { DeleteOutlined, DownloadOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
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
  PUBLICITY_KIND_NAMES,
  PUBLICITY_KINDS,
  type PublicityKind,
  type PublicityView,
} from '../../../../shared/src/activities';
import { api, type Page } from '../../app/api';
import { useMe } from '../../app/auth';
import { useShowError } from '../../app/forms';
import { useListState, useOpenParam } from '../../app/listState';
import { FilterBar } from '../../app/ui/FilterBar';
import { ListView } from '../../app/ui/ListView';
import { PageContainer } from '../../app/ui/PageContainer';
import { RecordDrawer } from '../../app/ui/RecordDrawer';
import { IsoDatePicker } from '../enterprises/IsoDatePicker';
import { PublicityChart } from './ActivityCharts';
import { FileList, ParkFilesUpload, useFormError, yuan } from './common';

type Filters = { q?: string; kind?: string; from?: string; to?: string };
type PublicityPageData = Page<PublicityView> & {
  totals: { participants: number; materials: { kind: string; unit: string; quantity: number }[] };
};

const materialsText = (ms: PublicityView['materials']) =>
  ms.length ? ms.map((m) => `${m.kind} ${m.quantity.toLocaleString('zh-CN')}${m.unit}`).join('、') : '—';
const dates = (a: { startsOn: string; endsOn: string }) =>
  a.startsOn === a.endsOn ? a.startsOn : `${a.startsOn} 至 ${a.endsOn}`;

export default function PublicityPage() {
  const me = useMe();
  const mobile = Grid.useBreakpoint().md === false;
  const list = useListState<PublicityView, Filters>({ order: 'desc' });
  const [openId, open] = useOpenParam('activity');
  const [editing, setEditing] = useState<PublicityView | 'new' | null>(null);
  const showError = useShowError();
  const canManage = me.role === 'admin' || me.role === 'supervisor';
  const page = useQuery({
    queryKey: ['publicity', list.query],
    queryFn: () => api.get<PublicityPageData>('/publicity', list.query),
    placeholderData: keepPreviousData,
  });
  const exportFile = useMutation({
    mutationFn: () => api.downloadGet('/publicity/export', list.filters, '宣传活动.xlsx'),
    onError: showError,
  });
  const showMoney = page.data?.items.some((i) => i.spent !== null) ?? false;

  const columns: TableColumnsType<PublicityView> = [
    {
      title: '类型',
      dataIndex: 'kind',
      width: 110,
      render: (v: PublicityKind) => <Tag>{PUBLICITY_KIND_NAMES[v]}</Tag>,
    },
    { title: '活动主题', dataIndex: 'theme' },
    { title: '日期', key: 'dates', width: 200, render: (_, r) => dates(r) },
    { title: '参与人数', dataIndex: 'participants', width: 90, align: 'right' },
    { title: '宣传物资', key: 'materials', width: 260, render: (_, r) => materialsText(r.materials) },
    ...(showMoney
      ? [
          {
            title: '投入资金（元）',
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
      title="宣传活动"
      extra={
        <Space wrap>
          <Button
            icon={<DownloadOutlined />}
            loading={exportFile.isPending}
            onClick={() => exportFile.mutate()}
            data-testid="publicity-export"
          >
            导出 Excel
          </Button>
          {canManage && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setEditing('new')}
              data-testid="publicity-create"
            >
              登记宣传活动
            </Button>
          )}
        </Space>
      }
    >
      <FilterBar<Filters> onSearch={list.setFilters}>
        <Form.Item name="q">
          <Input allowClear placeholder="主题 / 地点 / 组织单位" style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="kind">
          <Select
            allowClear
            placeholder="活动类型"
            style={{ width: 140 }}
            options={PUBLICITY_KINDS.map((v) => ({ value: v, label: PUBLICITY_KIND_NAMES[v] }))}
          />
        </Form.Item>
        <Form.Item name="from">
          <IsoDatePicker placeholder="开始日期" style={{ width: 140 }} />
        </Form.Item>
        <Form.Item name="to">
          <IsoDatePicker placeholder="结束日期" style={{ width: 140 }} />
        </Form.Item>
      </FilterBar>
      <PublicityChart period={list.filters} />
      {page.data && (
        <Typography.Paragraph type="secondary" data-testid="publicity-totals">
          共 {page.data.total} 次活动，参与 {page.data.totals.participants.toLocaleString('zh-CN')} 人次；发放物资：
          {materialsText(page.data.totals.materials)}
        </Typography.Paragraph>
      )}
      <ListView<PublicityView>
        page={page}
        list={list}
        mobile={mobile}
        columns={columns}
        onOpen={(r) => open(r.id)}
        empty="暂无宣传活动"
        testId="publicity"
        width={1100}
        card={(r) => (
          <Card key={r.id} size="small" className="list-card" onClick={() => open(r.id)} data-testid="publicity-card">
            <Space style={{ justifyContent: 'space-between', width: '100%' }}>
              <strong>{r.theme}</strong>
              <Tag>{PUBLICITY_KIND_NAMES[r.kind]}</Tag>
            </Space>
            <div>
              {dates(r)} · {r.participants} 人
            </div>
            <div>{materialsText(r.materials)}</div>
          </Card>
        )}
      />
      <RecordDrawer<PublicityView>
        id={openId}
        onClose={() => open(null)}
        queryKey={['publicity', 'one', openId]}
        path={`/publicity/${openId}`}
        title={(r) => r?.theme ?? '宣传活动'}
        width={640}
      >
        {(r) => (
          <div data-testid="publicity-detail">
            <Descriptions column={1} size="small" bordered>
              <Descriptions.Item label="活动类型">{PUBLICITY_KIND_NAMES[r.kind]}</Descriptions.Item>
              <Descriptions.Item label="日期">{dates(r)}</Descriptions.Item>
              <Descriptions.Item label="地点">{r.places ?? '—'}</Descriptions.Item>
              <Descriptions.Item label="组织单位">{r.organiser ?? '—'}</Descriptions.Item>
              <Descriptions.Item label="参与人数">{r.participants}</Descriptions.Item>
              <Descriptions.Item label="宣传物资">
                <span data-testid="publicity-materials">{materialsText(r.materials)}</span>
              </Descriptions.Item>
              {r.spent !== null && (
                <Descriptions.Item label="投入资金">
                  <span data-testid="publicity-spent">{yuan(r.spent)} 元</span>（专项资金台账中关联本活动的支出合计）
                </Descriptions.Item>
              )}
              <Descriptions.Item label="活动情况">{r.summary ?? '—'}</Descriptions.Item>
              <Descriptions.Item label="活动照片">
                <FileList files={r.photos} empty="未上传照片" testId="publicity-photo-list" />
              </Descriptions.Item>
              <Descriptions.Item label="登记">{r.recordedByName ?? '—'}</Descriptions.Item>
            </Descriptions>
            {canManage && (
              <Button icon={<EditOutlined />} style={{ marginTop: 12 }} onClick={() => setEditing(r)}>
                修改
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
      message.success('已保存宣传活动');
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
      title={editing ? '修改宣传活动' : '登记宣传活动'}
      destroyOnHidden
      extra={
        <Button
          type="primary"
          loading={save.isPending}
          disabled={busy}
          onClick={() => form.submit()}
          data-testid="publicity-submit"
        >
          保存
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
        <Form.Item name="kind" label="活动类型" rules={[{ required: true, message: '请选择活动类型' }]}>
          <Select
            data-testid="publicity-kind"
            options={PUBLICITY_KINDS.map((v) => ({ value: v, label: PUBLICITY_KIND_NAMES[v] }))}
          />
        </Form.Item>
        <Form.Item name="theme" label="活动主题" rules={[{ required: true, min: 2, message: '活动主题至少 2 个字' }]}>
          <Input
            maxLength={200}
            data-testid="publicity-theme"
            placeholder="如：2023年“安全生产月”活动；知识竞赛填写竞赛名称"
          />
        </Form.Item>
        <Space wrap style={{ width: '100%' }}>
          <Form.Item name="startsOn" label="开始日期" rules={[{ required: true, message: '请选择开始日期' }]}>
            <IsoDatePicker data-testid="publicity-starts" style={{ width: 160 }} />
          </Form.Item>
          <Form.Item
            name="endsOn"
            label="结束日期"
            dependencies={['startsOn']}
            rules={[
              { required: true, message: '请选择结束日期' },
              ({ getFieldValue }) => ({
                validator: (_, v?: string) =>
                  !v || !getFieldValue('startsOn') || v >= getFieldValue('startsOn')
                    ? Promise.resolve()
                    : Promise.reject(new Error('结束日期不能早于开始日期')),
              }),
            ]}
          >
            <IsoDatePicker data-testid="publicity-ends" style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="participants" label="参与人数">
            <InputNumber min={0} precision={0} data-testid="publicity-participants" style={{ width: 120 }} />
          </Form.Item>
        </Space>
        <Form.Item name="places" label="活动地点">
          <Input maxLength={500} placeholder="可填写多个地点" />
        </Form.Item>
        <Form.Item name="organiser" label="组织单位">
          <Input maxLength={100} />
        </Form.Item>
        <Typography.Text strong>发放宣传物资</Typography.Text>
        {me.role === 'admin' && <AddMaterialKind />}
        <Form.List name="materials">
          {(fields, { add, remove }) => (
            <div data-testid="publicity-materials-form" style={{ marginTop: 8 }}>
              {fields.map((f) => (
                <Space key={f.key} align="start" wrap>
                  <Form.Item name={[f.name, 'kind']} rules={[{ required: true, message: '请选择物资' }]}>
                    <Select
                      style={{ width: 140 }}
                      placeholder="物资"
                      data-testid={`material-kind-${f.name}`}
                      options={(kinds.data ?? []).map((k) => ({ value: k.name, label: `${k.name}（${k.unit}）` }))}
                    />
                  </Form.Item>
                  <Form.Item
                    name={[f.name, 'quantity']}
                    rules={[
                      { required: true, message: '请填写数量' },
                      { type: 'number', min: 1, message: '数量应大于 0' },
                    ]}
                  >
                    <InputNumber
                      placeholder="数量"
                      precision={0}
                      style={{ width: 120 }}
                      data-testid={`material-qty-${f.name}`}
                    />
                  </Form.Item>
                  <Button icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label="删除该物资" />
                </Space>
              ))}
              <Button
                icon={<PlusOutlined />}
                onClick={() => add({})}
                data-testid="material-add"
                style={{ marginBottom: 16 }}
              >
                添加物资
              </Button>
            </div>
          )}
        </Form.List>
        <Form.Item name="photoIds" label="活动照片">
          <ParkFilesUpload
            images
            label="上传照片"
            initial={editing?.photos}
            onBusyChange={setBusy}
            recordKind="publicityActivity"
            testId="publicity-photos"
          />
        </Form.Item>
        <Form.Item name="summary" label="活动情况">
          <Input.TextArea rows={4} maxLength={4000} />
        </Form.Item>
        <Typography.Text type="secondary">投入资金请在“专项资金”中登记支出并关联本活动，此处自动汇总。</Typography.Text>
      </Form>
    </Drawer>
  );
}

/** The admin adds a material kind (name and unit) to the park's list. */
function AddMaterialKind() {
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ name: string; unit: string }>();
  const showError = useFormError(form);
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const add = useMutation({
    mutationFn: (v: { name: string; unit: string }) => api.post<MaterialKindView[]>('/publicity/material-kinds', v),
    onSuccess: (kinds) => {
      queryClient.setQueryData(['publicity', 'material-kinds'], kinds);
      message.success('已添加物资种类');
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
          <Form.Item name="name" label="物资名称" rules={[{ required: true, max: 20 }]}>
            <Input placeholder="如：手提袋" />
          </Form.Item>
          <Form.Item name="unit" label="计量单位" rules={[{ required: true, max: 6 }]}>
            <Input placeholder="如：个" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={add.isPending}>
            添加
          </Button>
        </Form>
      }
    >
      <Button type="link" size="small">
        添加物资种类
      </Button>
    </Popover>
  );
}
