// 会议与学习: 安委会扩大会议, 中心组学习 and 专题会议 with filters, Excel export, a meeting in a drawer (?meeting=<id>)
// with its attendees, minutes and decisions' tasks (each opens in the task drawer to follow up), and the committee's
// form: attendees as units and enterprises of the park plus people by name, and decisions with owner and due date.
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
  List,
  Select,
  Space,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import {
  MEETING_KIND_NAMES,
  MEETING_KINDS,
  type MeetingKind,
  type MeetingView,
  type TaskView,
} from '../../../../shared/src/activities';
import { ApiError, api, type Page } from '../../app/api';
import { useMe } from '../../app/auth';
import { useShowError } from '../../app/forms';
import { useListState, useOpenParam } from '../../app/listState';
import { FilterBar } from '../../app/ui/FilterBar';
import { ListView } from '../../app/ui/ListView';
import { PageContainer } from '../../app/ui/PageContainer';
import { RecordDrawer } from '../../app/ui/RecordDrawer';
import { IsoDatePicker } from '../enterprises/IsoDatePicker';
import { EnterprisesPicker } from '../hazards/pickers';
import { MeetingsChart } from './ActivityCharts';
import { FileList, ParkFilesUpload, TaskStateTags, useFormError, useUnits } from './common';
import { TaskDrawer } from './TasksPage';

type Filters = { q?: string; kind?: string; from?: string; to?: string };
const ORG_KIND_NAMES: Record<string, string> = {
  committee: '管委会',
  department: '成员单位',
  village: '村居',
  enterprise: '企业',
};

export default function MeetingsPage() {
  const me = useMe();
  const mobile = Grid.useBreakpoint().md === false;
  const list = useListState<MeetingView, Filters>({ order: 'desc' });
  const [openId, open] = useOpenParam('meeting');
  const [taskId, openTask] = useOpenParam('task');
  const [editing, setEditing] = useState<MeetingView | 'new' | null>(null);
  const showError = useShowError();
  const canManage = me.role === 'admin' || me.role === 'supervisor';
  const page = useQuery({
    queryKey: ['meetings', list.query],
    queryFn: () => api.get<Page<MeetingView>>('/meetings', list.query),
    placeholderData: keepPreviousData,
  });
  const exportFile = useMutation({
    mutationFn: () => api.downloadGet('/meetings/export', list.filters, '会议与学习.xlsx'),
    onError: showError,
  });

  const columns: TableColumnsType<MeetingView> = [
    { title: '会议日期', dataIndex: 'heldOn', width: 110 },
    { title: '类型', dataIndex: 'kind', width: 140, render: (v: MeetingKind) => <Tag>{MEETING_KIND_NAMES[v]}</Tag> },
    { title: '主题', dataIndex: 'topic' },
    {
      title: '参会',
      key: 'attendees',
      width: 150,
      render: (_, r) => `${r.attendeeOrganisations.length} 个单位 · ${r.attendeeNames.length} 人`,
    },
    {
      title: '决定事项',
      key: 'tasks',
      width: 170,
      render: (_, r) => (
        <Space size={4}>
          <span>
            {r.taskCounts.done}/{r.taskCounts.total} 已完成
          </span>
          {r.taskCounts.overdue > 0 && <Tag color="red">逾期 {r.taskCounts.overdue}</Tag>}
        </Space>
      ),
    },
  ];

  return (
    <PageContainer
      title="会议与学习"
      extra={
        <Space wrap>
          <Button
            icon={<DownloadOutlined />}
            loading={exportFile.isPending}
            onClick={() => exportFile.mutate()}
            data-testid="meetings-export"
          >
            导出 Excel
          </Button>
          {canManage && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setEditing('new')}
              data-testid="meeting-create"
            >
              登记会议
            </Button>
          )}
        </Space>
      }
    >
      <FilterBar<Filters> onSearch={list.setFilters}>
        <Form.Item name="q">
          <Input allowClear placeholder="主题 / 地点 / 内容" style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="kind">
          <Select
            allowClear
            placeholder="会议类型"
            style={{ width: 150 }}
            options={MEETING_KINDS.map((v) => ({ value: v, label: MEETING_KIND_NAMES[v] }))}
          />
        </Form.Item>
        <Form.Item name="from">
          <IsoDatePicker placeholder="会议日期起" style={{ width: 140 }} />
        </Form.Item>
        <Form.Item name="to">
          <IsoDatePicker placeholder="会议日期止" style={{ width: 140 }} />
        </Form.Item>
      </FilterBar>
      <MeetingsChart period={list.filters} />
      <ListView<MeetingView>
        page={page}
        list={list}
        mobile={mobile}
        columns={columns}
        onOpen={(r) => open(r.id)}
        empty="暂无会议记录"
        testId="meetings"
        width={1000}
        card={(r) => (
          <Card key={r.id} size="small" className="list-card" onClick={() => open(r.id)} data-testid="meeting-card">
            <Space style={{ justifyContent: 'space-between', width: '100%' }}>
              <strong>{r.topic}</strong>
              <Tag>{MEETING_KIND_NAMES[r.kind]}</Tag>
            </Space>
            <div>
              {r.heldOn} · 决定事项 {r.taskCounts.done}/{r.taskCounts.total} 已完成
              {r.taskCounts.overdue > 0 && <Tag color="red">逾期 {r.taskCounts.overdue}</Tag>}
            </div>
          </Card>
        )}
      />
      <RecordDrawer<MeetingView>
        id={openId}
        onClose={() => open(null)}
        queryKey={['meetings', 'one', openId]}
        path={`/meetings/${openId}`}
        title={(r) => r?.topic ?? '会议'}
        width={720}
      >
        {(r) => (
          <div data-testid="meeting-detail">
            <Descriptions column={1} size="small" bordered>
              <Descriptions.Item label="会议类型">{MEETING_KIND_NAMES[r.kind]}</Descriptions.Item>
              <Descriptions.Item label="会议日期">{r.heldOn}</Descriptions.Item>
              <Descriptions.Item label="地点">{r.place ?? '—'}</Descriptions.Item>
              <Descriptions.Item label="主持人">{r.host ?? '—'}</Descriptions.Item>
              <Descriptions.Item label="参会单位">
                {r.attendeeOrganisations.length
                  ? r.attendeeOrganisations.map((o) => `${o.name}（${ORG_KIND_NAMES[o.kind] ?? o.kind}）`).join('、')
                  : '—'}
              </Descriptions.Item>
              <Descriptions.Item label="参会人员">{r.attendeeNames.join('、') || '—'}</Descriptions.Item>
              <Descriptions.Item label="会议内容">{r.summary ?? '—'}</Descriptions.Item>
              <Descriptions.Item label="会议纪要">
                <FileList files={r.minutes ? [r.minutes] : []} empty="未上传" />
              </Descriptions.Item>
            </Descriptions>
            <Typography.Title level={5} style={{ marginTop: 16 }}>
              决定事项（{r.taskCounts.done}/{r.taskCounts.total} 已完成）
            </Typography.Title>
            <List<TaskView>
              size="small"
              bordered
              data-testid="meeting-tasks"
              dataSource={r.tasks}
              locale={{ emptyText: '无决定事项' }}
              renderItem={(t) => (
                <List.Item
                  onClick={() => openTask(t.id)}
                  style={{ cursor: 'pointer' }}
                  extra={<TaskStateTags state={t.state} overdue={t.overdue} />}
                  data-testid="meeting-task"
                >
                  <List.Item.Meta title={t.decision} description={`${t.ownerName} · 期限 ${t.dueOn}`} />
                </List.Item>
              )}
            />
            {canManage && (
              <Space style={{ marginTop: 12 }} wrap>
                <Button icon={<EditOutlined />} onClick={() => setEditing(r)}>
                  修改会议
                </Button>
                <AddTask meeting={r} />
              </Space>
            )}
          </div>
        )}
      </RecordDrawer>
      <TaskDrawer id={taskId} onClose={() => openTask(null)} />
      <MeetingForm target={editing} onClose={() => setEditing(null)} onSaved={(id) => open(id)} />
    </PageContainer>
  );
}

interface DecisionValues {
  decision?: string;
  ownerOrganisationId?: string;
  dueOn?: string;
}
interface FormValues {
  kind?: MeetingKind;
  heldOn?: string;
  topic?: string;
  place?: string;
  host?: string;
  units?: string[];
  enterprises?: string[];
  names?: string;
  minutesFileId?: string[];
  summary?: string;
  decisions?: DecisionValues[];
}

/** People by name, one a line or separated by 、，, ; as typed from the sign-in sheet. */
const splitNames = (text?: string) => [
  ...new Set(
    (text ?? '')
      .split(/[\n、，,;；]/)
      .map((s) => s.trim())
      .filter(Boolean),
  ),
];

function MeetingForm({
  target,
  onClose,
  onSaved,
}: {
  target: MeetingView | 'new' | null;
  onClose: () => void;
  onSaved: (id: string) => void;
}) {
  const { message } = App.useApp();
  const mobile = Grid.useBreakpoint().md === false;
  const [form] = Form.useForm<FormValues>();
  const showError = useFormError(form);
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const editing = target && target !== 'new' ? target : null;
  const units = useUnits(Boolean(target));
  const chosenEnterprises = Form.useWatch('enterprises', form) ?? [];
  const [enterpriseNames, setEnterpriseNames] = useState<Record<string, string>>({});
  const ownerOptions = [
    ...(units.data ?? []).map((o) => ({ value: o.id, label: o.name })),
    ...chosenEnterprises.map((id) => ({ value: id, label: enterpriseNames[id] ?? '所选企业' })),
  ];
  const save = useMutation({
    mutationFn: ({ units: u, enterprises, names, minutesFileId, decisions, ...v }: FormValues) => {
      const body = {
        ...v,
        attendeeOrganisationIds: [...(u ?? []), ...(enterprises ?? [])],
        attendeeNames: splitNames(names),
        minutesFileId: minutesFileId?.[0] ?? null,
      };
      return editing
        ? api.put<MeetingView>(`/meetings/${editing.id}`, { ...body, rowVersion: editing.rowVersion })
        : api.post<MeetingView>('/meetings', { ...body, decisions: (decisions ?? []).filter((d) => d.decision) });
    },
    onSuccess: (r) => {
      message.success('已保存会议');
      void queryClient.invalidateQueries({ queryKey: ['meetings'] });
      void queryClient.invalidateQueries({ queryKey: ['meeting-tasks'] });
      onClose();
      onSaved(r.id);
    },
    onError: (e) => {
      showError(e);
      // The server names attendees as one field; the form shows units and enterprises apart.
      const attendees = e instanceof ApiError ? e.fields.attendeeOrganisationIds : undefined;
      if (attendees) form.setFields([{ name: 'units', errors: [attendees] }]);
    },
  });
  const known = Object.fromEntries(
    (editing?.attendeeOrganisations ?? []).filter((o) => o.kind === 'enterprise').map((o) => [o.id, o.name]),
  );
  return (
    <Drawer
      open={Boolean(target)}
      onClose={onClose}
      size={mobile ? '100%' : 640}
      title={editing ? '修改会议' : '登记会议'}
      destroyOnHidden
      extra={
        <Button
          type="primary"
          loading={save.isPending}
          disabled={busy}
          onClick={() => form.submit()}
          data-testid="meeting-submit"
        >
          保存
        </Button>
      }
    >
      <Form<FormValues>
        form={form}
        layout="vertical"
        data-testid="meeting-form"
        initialValues={
          editing
            ? {
                kind: editing.kind,
                heldOn: editing.heldOn,
                topic: editing.topic,
                place: editing.place ?? undefined,
                host: editing.host ?? undefined,
                units: editing.attendeeOrganisations.filter((o) => o.kind !== 'enterprise').map((o) => o.id),
                enterprises: editing.attendeeOrganisations.filter((o) => o.kind === 'enterprise').map((o) => o.id),
                names: editing.attendeeNames.join('\n'),
                minutesFileId: editing.minutes ? [editing.minutes.id] : [],
                summary: editing.summary ?? undefined,
              }
            : { kind: 'committeeEnlarged', decisions: [{}] }
        }
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item name="kind" label="会议类型" rules={[{ required: true, message: '请选择会议类型' }]}>
          <Select
            data-testid="meeting-kind"
            options={MEETING_KINDS.map((v) => ({ value: v, label: MEETING_KIND_NAMES[v] }))}
          />
        </Form.Item>
        <Form.Item name="topic" label="会议主题" rules={[{ required: true, min: 2, message: '会议主题至少 2 个字' }]}>
          <Input maxLength={200} data-testid="meeting-topic" />
        </Form.Item>
        <Space wrap style={{ width: '100%' }}>
          <Form.Item name="heldOn" label="会议日期" rules={[{ required: true, message: '请选择会议日期' }]}>
            <IsoDatePicker style={{ width: 160 }} data-testid="meeting-held-on" />
          </Form.Item>
          <Form.Item name="place" label="地点">
            <Input maxLength={200} style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="host" label="主持人">
            <Input maxLength={50} style={{ width: 140 }} />
          </Form.Item>
        </Space>
        <Form.Item name="units" label="参会单位（管委会、成员单位、村居）">
          <Select
            mode="multiple"
            allowClear
            optionFilterProp="label"
            loading={units.isFetching}
            data-testid="meeting-units"
            options={(units.data ?? []).map((o) => ({ value: o.id, label: o.name }))}
          />
        </Form.Item>
        <Form.Item name="enterprises" label="参会企业">
          <EnterprisesPicker testId="meeting-enterprises" knownNames={known} />
        </Form.Item>
        <EnterpriseNames ids={chosenEnterprises} onNames={setEnterpriseNames} />
        <Form.Item name="names" label="参会人员（每行一人，或用顿号分隔）">
          <Input.TextArea rows={2} data-testid="meeting-names" />
        </Form.Item>
        <Form.Item name="summary" label="会议内容">
          <Input.TextArea rows={3} maxLength={4000} />
        </Form.Item>
        <Form.Item name="minutesFileId" label="会议纪要（图片或 PDF）">
          <ParkFilesUpload
            label="上传会议纪要"
            max={1}
            initial={editing?.minutes ? [editing.minutes] : undefined}
            onBusyChange={setBusy}
          />
        </Form.Item>
        {!editing && (
          <>
            <Typography.Text strong>决定事项（每项生成一项任务，由责任单位跟进）</Typography.Text>
            <Form.List name="decisions">
              {(fields, { add, remove }) => (
                <div style={{ marginTop: 8 }} data-testid="meeting-decisions">
                  {fields.map((f) => (
                    <Card
                      key={f.key}
                      size="small"
                      style={{ marginBottom: 8 }}
                      title={`第 ${f.name + 1} 项`}
                      extra={
                        <Button
                          type="text"
                          icon={<DeleteOutlined />}
                          onClick={() => remove(f.name)}
                          aria-label="删除"
                        />
                      }
                    >
                      <Form.Item
                        name={[f.name, 'decision']}
                        rules={[{ required: true, min: 2, message: '请填写决定事项' }]}
                      >
                        <Input.TextArea rows={2} placeholder="决定事项" data-testid={`decision-text-${f.name}`} />
                      </Form.Item>
                      <Space wrap align="start">
                        <Form.Item
                          name={[f.name, 'ownerOrganisationId']}
                          rules={[{ required: true, message: '请选择责任单位' }]}
                        >
                          <Select
                            style={{ width: 240 }}
                            placeholder="责任单位"
                            showSearch
                            optionFilterProp="label"
                            options={ownerOptions}
                            data-testid={`decision-owner-${f.name}`}
                          />
                        </Form.Item>
                        <Form.Item
                          name={[f.name, 'dueOn']}
                          dependencies={['heldOn']}
                          rules={[
                            { required: true, message: '请选择完成期限' },
                            ({ getFieldValue }) => ({
                              validator: (_, v?: string) =>
                                !v || !getFieldValue('heldOn') || v >= getFieldValue('heldOn')
                                  ? Promise.resolve()
                                  : Promise.reject(new Error('完成期限不能早于会议日期')),
                            }),
                          ]}
                        >
                          <IsoDatePicker
                            placeholder="完成期限"
                            style={{ width: 160 }}
                            data-testid={`decision-due-${f.name}`}
                          />
                        </Form.Item>
                      </Space>
                    </Card>
                  ))}
                  <Button icon={<PlusOutlined />} onClick={() => add({})} data-testid="decision-add">
                    添加决定事项
                  </Button>
                </div>
              )}
            </Form.List>
          </>
        )}
      </Form>
    </Drawer>
  );
}

/** Names of the chosen attendee enterprises, so they can be offered as task owners. */
function EnterpriseNames({ ids, onNames }: { ids: string[]; onNames: (names: Record<string, string>) => void }) {
  useQuery({
    queryKey: ['enterprises', 'names', ids],
    queryFn: async () => {
      const found = await Promise.all(ids.map((id) => api.get<{ id: string; name: string }>(`/enterprises/${id}`)));
      const names = Object.fromEntries(found.map((e) => [e.id, e.name]));
      onNames(names);
      return names;
    },
    enabled: ids.length > 0,
  });
  return null;
}

/** A further decision of a recorded meeting. */
function AddTask({ meeting }: { meeting: MeetingView }) {
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<DecisionValues>();
  const showError = useFormError(form);
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const units = useUnits(open);
  const options = [
    ...(units.data ?? []).map((o) => ({ value: o.id, label: o.name })),
    ...meeting.attendeeOrganisations
      .filter((o) => o.kind === 'enterprise')
      .map((o) => ({ value: o.id, label: o.name })),
  ];
  const add = useMutation({
    mutationFn: (v: DecisionValues) => api.post<TaskView>(`/meetings/${meeting.id}/tasks`, v),
    onSuccess: () => {
      message.success('已追加决定事项');
      void queryClient.invalidateQueries({ queryKey: ['meetings'] });
      void queryClient.invalidateQueries({ queryKey: ['meeting-tasks'] });
      setOpen(false);
      form.resetFields();
    },
    onError: showError,
  });
  return (
    <>
      <Button icon={<PlusOutlined />} onClick={() => setOpen(true)}>
        追加决定事项
      </Button>
      <Drawer open={open} onClose={() => setOpen(false)} title="追加决定事项" size={480} destroyOnHidden>
        <Form form={form} layout="vertical" onFinish={(v) => add.mutate(v)}>
          <Form.Item name="decision" label="决定事项" rules={[{ required: true, min: 2 }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
          <Form.Item name="ownerOrganisationId" label="责任单位" rules={[{ required: true }]}>
            <Select showSearch optionFilterProp="label" options={options} />
          </Form.Item>
          <Form.Item name="dueOn" label={`完成期限（不早于 ${meeting.heldOn}）`} rules={[{ required: true }]}>
            <IsoDatePicker />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={add.isPending}>
            保存
          </Button>
        </Form>
      </Drawer>
    </>
  );
}
