// 会议与学习: 安委会扩大会议, 中心组学习 and 专题会议 with filters, Excel export, a meeting in a drawer (?meeting=<id>)
// with its attendees, minutes and decisions' tasks (each opens in the task drawer to follow up), and the committee's
// form: attendees as units and enterprises of the park plus people by name, and decisions with owner and due date.
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
  List,
  Select,
  Space,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { MEETING_KINDS, type MeetingKind, type MeetingView, type TaskView } from '../../../../shared/src/activities';
import { MEETING_KIND_LABELS } from '../../../../shared/src/labels';
import { ApiError, api, type Page } from '../../app/api';
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
import { EnterprisesPicker } from '../hazards/pickers';
import { MeetingsChart } from './ActivityCharts';
import { FileList, ParkFilesUpload, TaskStateTags, useFormError, useUnits } from './common';
import { TaskDrawer } from './TasksPage';
import { useActivitiesText } from './text';

type Filters = { q?: string; kind?: string; from?: string; to?: string };

export default function MeetingsPage() {
  const me = useMe();
  const { l, lang } = useI18n();
  const { meetings: t, common: c } = useActivitiesText();
  const mobile = Grid.useBreakpoint().md === false;
  const list = useListState<MeetingView, Filters>({ order: 'desc' });
  const [openId, open] = useOpenParam('meeting');
  const [taskId, openTask] = useOpenParam('task');
  const [editing, setEditing] = useState<MeetingView | 'new' | null>(null);
  const canManage = me.role === 'admin' || me.role === 'supervisor';
  const page = useQuery({
    queryKey: ['meetings', list.query],
    queryFn: () => api.get<Page<MeetingView>>('/meetings', list.query),
    placeholderData: keepPreviousData,
  });

  const columns: TableColumnsType<MeetingView> = [
    { title: t.heldOn, dataIndex: 'heldOn', width: 110 },
    {
      title: c.kind,
      dataIndex: 'kind',
      width: 140,
      render: (v: MeetingKind) => <Tag>{l(MEETING_KIND_LABELS, v)}</Tag>,
    },
    { title: t.topic, dataIndex: 'topic' },
    {
      title: t.attendance,
      key: 'attendees',
      width: 150,
      render: (_, r) => t.attendanceValue(r.attendeeOrganisations.length, r.attendeeNames.length),
    },
    {
      title: t.decisions,
      key: 'tasks',
      width: 170,
      render: (_, r) => (
        <Space size={4}>
          <span>{t.doneOf(r.taskCounts.done, r.taskCounts.total)}</span>
          {r.taskCounts.overdue > 0 && <Tag color="red">{t.overdueN(r.taskCounts.overdue)}</Tag>}
        </Space>
      ),
    },
  ];

  return (
    <PageContainer
      title={t.title}
      extra={
        <Space wrap>
          <ExportButton
            path="/meetings/export"
            params={list.filters}
            fileName={t.exportFile}
            label={c.export}
            testId="meetings-export"
          />
          {canManage && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setEditing('new')}
              data-testid="meeting-create"
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
            style={{ width: 150 }}
            options={codeOptions(MEETING_KINDS, MEETING_KIND_LABELS, lang)}
          />
        </Form.Item>
        <Form.Item name="from">
          <IsoDatePicker placeholder={t.heldFrom} style={{ width: 140 }} />
        </Form.Item>
        <Form.Item name="to">
          <IsoDatePicker placeholder={t.heldTo} style={{ width: 140 }} />
        </Form.Item>
      </FilterBar>
      <MeetingsChart period={list.filters} />
      <ListView<MeetingView>
        page={page}
        list={list}
        mobile={mobile}
        columns={columns}
        onOpen={(r) => open(r.id)}
        empty={t.empty}
        testId="meetings"
        width={1000}
        card={(r) => (
          <Card key={r.id} size="small" className="list-card" onClick={() => open(r.id)} data-testid="meeting-card">
            <Space style={{ justifyContent: 'space-between', width: '100%' }}>
              <strong>{r.topic}</strong>
              <Tag>{l(MEETING_KIND_LABELS, r.kind)}</Tag>
            </Space>
            <div>
              {r.heldOn} · {t.cardDecisions(r.taskCounts.done, r.taskCounts.total)}
              {r.taskCounts.overdue > 0 && <Tag color="red">{t.overdueN(r.taskCounts.overdue)}</Tag>}
            </div>
          </Card>
        )}
      />
      <RecordDrawer<MeetingView>
        id={openId}
        onClose={() => open(null)}
        queryKey={['meetings', 'one', openId]}
        path={`/meetings/${openId}`}
        title={(r) => r?.topic ?? t.detailTitle}
        width={720}
      >
        {(r) => (
          <div data-testid="meeting-detail">
            <Descriptions column={1} size="small" bordered>
              <Descriptions.Item label={t.kind}>{l(MEETING_KIND_LABELS, r.kind)}</Descriptions.Item>
              <Descriptions.Item label={t.heldOn}>{r.heldOn}</Descriptions.Item>
              <Descriptions.Item label={c.place}>{r.place ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t.host}>{r.host ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t.units}>
                {r.attendeeOrganisations.length
                  ? r.attendeeOrganisations
                      .map((o) => t.unitWithKind(o.name, t.orgKinds[o.kind] ?? o.kind))
                      .join(c.listSeparator)
                  : '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t.people}>{r.attendeeNames.join(c.listSeparator) || '—'}</Descriptions.Item>
              <Descriptions.Item label={t.summary}>{r.summary ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t.minutes}>
                <FileList files={r.minutes ? [r.minutes] : []} empty={t.notUploaded} />
              </Descriptions.Item>
            </Descriptions>
            <Typography.Title level={5} style={{ marginTop: 16 }}>
              {t.decisionsDone(r.taskCounts.done, r.taskCounts.total)}
            </Typography.Title>
            <List<TaskView>
              size="small"
              bordered
              data-testid="meeting-tasks"
              dataSource={r.tasks}
              locale={{ emptyText: t.noDecisions }}
              renderItem={(task) => (
                <List.Item
                  onClick={() => openTask(task.id)}
                  style={{ cursor: 'pointer' }}
                  extra={<TaskStateTags state={task.state} overdue={task.overdue} />}
                  data-testid="meeting-task"
                >
                  <List.Item.Meta title={task.decision} description={t.taskLine(task.ownerName, task.dueOn)} />
                </List.Item>
              )}
            />
            {canManage && (
              <Space style={{ marginTop: 12 }} wrap>
                <Button icon={<EditOutlined />} onClick={() => setEditing(r)}>
                  {t.editMeeting}
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
      .split(/[\n\u3001\uff0c,;\uff1b]/) // 、，, ;；
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
  const { lang } = useI18n();
  const { meetings: t, common: c } = useActivitiesText();
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
    ...chosenEnterprises.map((id) => ({ value: id, label: enterpriseNames[id] ?? t.chosenEnterprise })),
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
      message.success(t.savedMsg);
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
      title={editing ? t.editMeeting : t.create}
      destroyOnHidden
      extra={
        <Button
          type="primary"
          loading={save.isPending}
          disabled={busy}
          onClick={() => form.submit()}
          data-testid="meeting-submit"
        >
          {c.save}
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
        <Form.Item name="kind" label={t.kind} rules={[{ required: true, message: t.kindRequired }]}>
          <Select data-testid="meeting-kind" options={codeOptions(MEETING_KINDS, MEETING_KIND_LABELS, lang)} />
        </Form.Item>
        <Form.Item name="topic" label={t.topicField} rules={[{ required: true, min: 2, message: t.topicRule }]}>
          <Input maxLength={200} data-testid="meeting-topic" />
        </Form.Item>
        <Space wrap style={{ width: '100%' }}>
          <Form.Item name="heldOn" label={t.heldOn} rules={[{ required: true, message: t.heldOnRequired }]}>
            <IsoDatePicker style={{ width: 160 }} data-testid="meeting-held-on" />
          </Form.Item>
          <Form.Item name="place" label={c.place}>
            <Input maxLength={200} style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="host" label={t.host}>
            <Input maxLength={50} style={{ width: 140 }} />
          </Form.Item>
        </Space>
        <Form.Item name="units" label={t.unitsField}>
          <Select
            mode="multiple"
            allowClear
            optionFilterProp="label"
            loading={units.isFetching}
            data-testid="meeting-units"
            options={(units.data ?? []).map((o) => ({ value: o.id, label: o.name }))}
          />
        </Form.Item>
        <Form.Item name="enterprises" label={t.enterprises}>
          <EnterprisesPicker testId="meeting-enterprises" knownNames={known} />
        </Form.Item>
        <EnterpriseNames ids={chosenEnterprises} onNames={setEnterpriseNames} />
        <Form.Item name="names" label={t.namesField}>
          <Input.TextArea rows={2} data-testid="meeting-names" />
        </Form.Item>
        <Form.Item name="summary" label={t.summary}>
          <Input.TextArea rows={3} maxLength={4000} />
        </Form.Item>
        <Form.Item name="minutesFileId" label={t.minutesField}>
          <ParkFilesUpload
            label={t.uploadMinutes}
            max={1}
            initial={editing?.minutes ? [editing.minutes] : undefined}
            onBusyChange={setBusy}
          />
        </Form.Item>
        {!editing && (
          <>
            <Typography.Text strong>{t.decisionsField}</Typography.Text>
            <Form.List name="decisions">
              {(fields, { add, remove }) => (
                <div style={{ marginTop: 8 }} data-testid="meeting-decisions">
                  {fields.map((f) => (
                    <Card
                      key={f.key}
                      size="small"
                      style={{ marginBottom: 8 }}
                      title={t.itemN(f.name + 1)}
                      extra={
                        <Button
                          type="text"
                          icon={<DeleteOutlined />}
                          onClick={() => remove(f.name)}
                          aria-label={c.remove}
                        />
                      }
                    >
                      <Form.Item
                        name={[f.name, 'decision']}
                        rules={[{ required: true, min: 2, message: t.decisionRequired }]}
                      >
                        <Input.TextArea rows={2} placeholder={t.decisions} data-testid={`decision-text-${f.name}`} />
                      </Form.Item>
                      <Space wrap align="start">
                        <Form.Item
                          name={[f.name, 'ownerOrganisationId']}
                          rules={[{ required: true, message: t.ownerRequired }]}
                        >
                          <Select
                            style={{ width: 240 }}
                            placeholder={t.owner}
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
                            { required: true, message: t.dueRequired },
                            ({ getFieldValue }) => ({
                              validator: (_, v?: string) =>
                                !v || !getFieldValue('heldOn') || v >= getFieldValue('heldOn')
                                  ? Promise.resolve()
                                  : Promise.reject(new Error(t.dueBeforeMeeting)),
                            }),
                          ]}
                        >
                          <IsoDatePicker
                            placeholder={t.due}
                            style={{ width: 160 }}
                            data-testid={`decision-due-${f.name}`}
                          />
                        </Form.Item>
                      </Space>
                    </Card>
                  ))}
                  <Button icon={<PlusOutlined />} onClick={() => add({})} data-testid="decision-add">
                    {t.addDecision}
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
  const { meetings: t, common: c } = useActivitiesText();
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
      message.success(t.appendedMsg);
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
        {t.appendDecision}
      </Button>
      <Drawer open={open} onClose={() => setOpen(false)} title={t.appendDecision} size={480} destroyOnHidden>
        <Form form={form} layout="vertical" onFinish={(v) => add.mutate(v)}>
          <Form.Item name="decision" label={t.decisions} rules={[{ required: true, min: 2 }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
          <Form.Item name="ownerOrganisationId" label={t.owner} rules={[{ required: true }]}>
            <Select showSearch optionFilterProp="label" options={options} />
          </Form.Item>
          <Form.Item name="dueOn" label={t.dueNotBefore(meeting.heldOn)} rules={[{ required: true }]}>
            <IsoDatePicker />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={add.isPending}>
            {c.save}
          </Button>
        </Form>
      </Drawer>
    </>
  );
}
