// 决定事项任务 / 我的任务: the tasks a meeting's decisions became. The committee sees the park's; a member unit or an
// enterprise sees those it owns (the server decides). Tabs by state with their counts — 逾期 is derived from the due
// date, never a state anyone sets — a task in a drawer (?task=<id>) with its progress notes, and the owner's form to
// record progress until done.
import { EditOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Descriptions,
  Form,
  Grid,
  Input,
  Segmented,
  Select,
  Space,
  type TableColumnsType,
  Timeline,
  Typography,
} from 'antd';
import { useState } from 'react';
import { TASK_STATES, type TaskState, type TaskView } from '../../../../shared/src/activities';
import { MEETING_KIND_LABELS, TASK_STATE_LABELS } from '../../../../shared/src/labels';
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
import { EnterprisePicker } from '../hazards/pickers';
import { TaskStateTags, useFormError, useUnits } from './common';
import { useActivitiesText } from './text';

type Filters = { q?: string; state?: string; from?: string; to?: string };
type Counts = { notStarted: number; inProgress: number; done: number; overdue: number };
type TaskPageData = Page<TaskView> & { counts: Counts };

export default function TasksPage() {
  const me = useMe();
  const { l } = useI18n();
  const { tasks: t, common: cm } = useActivitiesText();
  const mobile = Grid.useBreakpoint().md === false;
  const committee = me.role === 'admin' || me.role === 'supervisor' || me.role === 'leader';
  const list = useListState<TaskView, Filters>({ order: 'asc' }, { url: { ignore: ['task'] } });
  const [openId, open] = useOpenParam('task');
  const page = useQuery({
    queryKey: ['meeting-tasks', list.query],
    queryFn: () => api.get<TaskPageData>('/meetings/tasks', list.query),
    placeholderData: keepPreviousData,
  });
  const c = page.data?.counts;
  const state = list.filters.state ?? 'all';

  const columns: TableColumnsType<TaskView> = [
    { title: t.decision, dataIndex: 'decision' },
    ...(committee ? [{ title: t.owner, dataIndex: 'ownerName', width: 200 }] : []),
    {
      title: t.meeting,
      key: 'meeting',
      width: 260,
      render: (_, r) => `${r.meetingHeldOn} ${l(MEETING_KIND_LABELS, r.meetingKind)}`,
    },
    { title: t.due, dataIndex: 'dueOn', width: 110 },
    {
      title: t.state,
      key: 'state',
      width: 150,
      render: (_, r) => <TaskStateTags state={r.state} overdue={r.overdue} />,
    },
    { title: t.doneOn, dataIndex: 'doneOn', width: 110, render: (v: string | null) => v ?? '—' },
  ];

  return (
    <PageContainer
      title={committee ? t.titleCommittee : t.titleMine}
      extra={
        <ExportButton
          path="/meetings/tasks/export"
          params={list.filters}
          fileName={t.exportFile}
          label={cm.export}
          testId="tasks-export"
        />
      }
    >
      <Segmented
        style={{ marginBottom: 12 }}
        value={state}
        data-testid="task-tabs"
        onChange={(v) => list.setFilters({ ...list.filters, state: v === 'all' ? undefined : String(v) })}
        options={[
          { value: 'all', label: t.all },
          ...TASK_STATES.map((s) => ({ value: s, label: `${l(TASK_STATE_LABELS, s)}${c ? ` ${c[s]}` : ''}` })),
          { value: 'overdue', label: t.overdueN(c ? ` ${c.overdue}` : '') },
        ]}
      />
      <FilterBar<Filters> onSearch={(f) => list.setFilters({ ...f, state: list.filters.state })}>
        <Form.Item name="q">
          <Input allowClear placeholder={committee ? t.searchCommittee : t.searchMine} style={{ width: 220 }} />
        </Form.Item>
        <Form.Item name="from">
          <IsoDatePicker placeholder={t.dueFrom} style={{ width: 140 }} />
        </Form.Item>
        <Form.Item name="to">
          <IsoDatePicker placeholder={t.dueTo} style={{ width: 140 }} />
        </Form.Item>
      </FilterBar>
      <ListView<TaskView>
        page={page}
        list={list}
        mobile={mobile}
        columns={columns}
        onOpen={(r) => open(r.id)}
        empty={t.empty}
        testId="tasks"
        width={1000}
        card={(r) => (
          <Card key={r.id} size="small" className="list-card" onClick={() => open(r.id)} data-testid="task-card">
            <div>
              <strong>{r.decision}</strong>
            </div>
            <Space wrap>
              <span>{t.dueOn(r.dueOn)}</span>
              <TaskStateTags state={r.state} overdue={r.overdue} />
            </Space>
          </Card>
        )}
      />
      <TaskDrawer id={openId} onClose={() => open(null)} />
    </PageContainer>
  );
}

/** One task with its follow-up and, for its owner or the committee, the progress form. */
export function TaskDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const me = useMe();
  const { l } = useI18n();
  const { tasks: tx } = useActivitiesText();
  return (
    <RecordDrawer<TaskView>
      id={id}
      onClose={onClose}
      queryKey={['meeting-tasks', 'one', id]}
      path={`/meetings/tasks/${id}`}
      title={() => tx.titleCommittee}
      width={600}
    >
      {(t) => (
        <div data-testid="task-detail">
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={tx.decision}>{t.decision}</Descriptions.Item>
            <Descriptions.Item label={tx.meeting}>
              {tx.meetingLine(t.meetingHeldOn, l(MEETING_KIND_LABELS, t.meetingKind), t.meetingTopic)}
            </Descriptions.Item>
            <Descriptions.Item label={tx.owner}>{t.ownerName}</Descriptions.Item>
            <Descriptions.Item label={tx.due}>{t.dueOn}</Descriptions.Item>
            <Descriptions.Item label={tx.state}>
              <TaskStateTags state={t.state} overdue={t.overdue} />
            </Descriptions.Item>
            {t.doneOn && <Descriptions.Item label={tx.doneOn}>{t.doneOn}</Descriptions.Item>}
          </Descriptions>
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {tx.notes}
          </Typography.Title>
          {t.notes.length === 0 ? (
            <Typography.Text type="secondary">{tx.noNotes}</Typography.Text>
          ) : (
            <Timeline
              data-testid="task-notes"
              items={t.notes.map((n) => ({
                color: n.state === 'done' ? 'green' : 'blue',
                children: (
                  <>
                    <div>
                      {n.notedOn} · {l(TASK_STATE_LABELS, n.state)} · {n.byName}
                    </div>
                    <div>{n.note}</div>
                  </>
                ),
              }))}
            />
          )}
          {(me.role === 'admin' || me.role === 'supervisor') && <EditTask task={t} />}
          {t.state !== 'done' && me.role !== 'leader' && <ProgressForm task={t} />}
        </div>
      )}
    </RecordDrawer>
  );
}

interface EditValues {
  decision: string;
  dueOn: string;
  ownerKind: 'unit' | 'enterprise';
  unitId?: string;
  enterpriseId?: string;
}

/**
 * 修改 / 改派 (the committee): the decision's wording, the due date and the owner unit — a unit of the park or an
 * enterprise. A done task keeps its owner and due date (the server answers 409 in Chinese, shown on the field).
 */
function EditTask({ task }: { task: TaskView }) {
  const { message } = App.useApp();
  const { tasks: t, common: c } = useActivitiesText();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<EditValues>();
  const showError = useFormError(form);
  const queryClient = useQueryClient();
  const units = useUnits(open);
  const ownerKind = Form.useWatch('ownerKind', form);
  const unitOptions = (units.data ?? []).map((o) => ({ value: o.id, label: o.name }));
  if (!unitOptions.some((o) => o.value === task.ownerOrganisationId)) {
    unitOptions.unshift({ value: task.ownerOrganisationId, label: task.ownerName });
  }
  const save = useMutation({
    mutationFn: (v: EditValues) =>
      api.patch<TaskView>(`/meetings/tasks/${task.id}`, {
        decision: v.decision,
        dueOn: v.dueOn,
        ownerOrganisationId: v.ownerKind === 'enterprise' ? v.enterpriseId : v.unitId,
        rowVersion: task.rowVersion,
      }),
    onSuccess: (r) => {
      message.success(r.ownerOrganisationId === task.ownerOrganisationId ? t.editedMsg : t.reassignedMsg(r.ownerName));
      setOpen(false);
      void queryClient.invalidateQueries({ queryKey: ['meeting-tasks'] });
      void queryClient.invalidateQueries({ queryKey: ['meetings'] });
    },
    onError: (error) => {
      // The owner is chosen in one of two pickers: put the server's owner message on the one shown.
      if (error instanceof ApiError && error.fields.ownerOrganisationId) {
        const name = form.getFieldValue('ownerKind') === 'enterprise' ? 'enterpriseId' : 'unitId';
        form.setFields([{ name, errors: [error.fields.ownerOrganisationId] }]);
      }
      showError(error);
    },
  });
  if (!open) {
    return (
      <Button icon={<EditOutlined />} style={{ marginTop: 12 }} onClick={() => setOpen(true)} data-testid="task-edit">
        {t.edit}
      </Button>
    );
  }
  return (
    <Card size="small" title={t.editTitle} style={{ marginTop: 12 }} data-testid="task-edit-form">
      <Form<EditValues>
        form={form}
        layout="vertical"
        initialValues={{
          decision: task.decision,
          dueOn: task.dueOn,
          ownerKind: 'unit',
          unitId: task.ownerOrganisationId,
        }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item name="decision" label={t.decision} rules={[{ required: true, min: 2, message: t.decisionRule }]}>
          <Input.TextArea rows={3} maxLength={1000} data-testid="task-edit-decision" />
        </Form.Item>
        <Form.Item
          name="dueOn"
          label={t.dueNotBeforeMeeting(task.meetingHeldOn)}
          rules={[{ required: true, message: t.dueRequired }]}
        >
          <IsoDatePicker style={{ width: 160 }} data-testid="task-edit-due" />
        </Form.Item>
        <Form.Item name="ownerKind" label={t.owner}>
          <Segmented
            options={[
              { value: 'unit', label: t.parkUnit },
              { value: 'enterprise', label: t.enterprise },
            ]}
            data-testid="task-edit-owner-kind"
          />
        </Form.Item>
        {ownerKind === 'enterprise' ? (
          <Form.Item name="enterpriseId" rules={[{ required: true, message: t.enterpriseRequired }]}>
            <EnterprisePicker testId="task-edit-enterprise" style={{ width: 320 }} />
          </Form.Item>
        ) : (
          <Form.Item name="unitId" rules={[{ required: true, message: t.unitRequired }]}>
            <Select
              showSearch
              optionFilterProp="label"
              options={unitOptions}
              style={{ width: 320 }}
              data-testid="task-edit-unit"
            />
          </Form.Item>
        )}
        {task.state === 'done' && <Typography.Paragraph type="secondary">{t.doneHint}</Typography.Paragraph>}
        <Space>
          <Button onClick={() => setOpen(false)}>{c.cancel}</Button>
          {/* Not a submit button: Enter in the date field must not save the form. */}
          <Button type="primary" onClick={() => form.submit()} loading={save.isPending} data-testid="task-edit-submit">
            {c.save}
          </Button>
        </Space>
      </Form>
    </Card>
  );
}

function ProgressForm({ task }: { task: TaskView }) {
  const { message } = App.useApp();
  const { lang } = useI18n();
  const { tasks: t, common: c } = useActivitiesText();
  const [form] = Form.useForm<{ state: TaskState; note: string; notedOn?: string }>();
  const showError = useFormError(form);
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: (v: { state: TaskState; note: string; notedOn?: string }) =>
      api.post<TaskView>(`/meetings/tasks/${task.id}/progress`, { ...v, rowVersion: task.rowVersion }),
    onSuccess: () => {
      message.success(t.progressMsg);
      form.resetFields();
      void queryClient.invalidateQueries({ queryKey: ['meeting-tasks'] });
      void queryClient.invalidateQueries({ queryKey: ['meetings'] });
    },
    onError: showError,
  });
  return (
    <Card size="small" title={t.progressTitle} style={{ marginTop: 12 }}>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ state: task.state === 'notStarted' ? 'inProgress' : task.state }}
        onFinish={(v) => save.mutate(v)}
        data-testid="task-progress-form"
      >
        <Space wrap>
          <Form.Item name="state" label={t.progressState} rules={[{ required: true }]}>
            <Select
              style={{ width: 140 }}
              data-testid="task-progress-state"
              options={codeOptions(TASK_STATES, TASK_STATE_LABELS, lang)}
            />
          </Form.Item>
          <Form.Item name="notedOn" label={t.notedOn}>
            <IsoDatePicker notAfterToday style={{ width: 160 }} />
          </Form.Item>
        </Space>
        <Form.Item name="note" label={t.note} rules={[{ required: true, min: 2, message: t.noteRule }]}>
          <Input.TextArea rows={3} maxLength={2000} data-testid="task-progress-note" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="task-progress-submit">
          {c.submit}
        </Button>
      </Form>
    </Card>
  );
}
