// 决定事项任务 / 我的任务: the tasks a meeting's decisions became. The committee sees the park's; a member unit or an
// enterprise sees those it owns (the server decides). Tabs by state with their counts — 逾期 is derived from the due
// date, never a state anyone sets — a task in a drawer (?task=<id>) with its progress notes, and the owner's form to
// record progress until done.
import { DownloadOutlined, EditOutlined } from '@ant-design/icons';
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
import {
  MEETING_KIND_NAMES,
  TASK_STATE_NAMES,
  TASK_STATES,
  type TaskState,
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
import { EnterprisePicker } from '../hazards/pickers';
import { TaskStateTags, useFormError, useUnits } from './common';

type Filters = { q?: string; state?: string; from?: string; to?: string };
type Counts = { notStarted: number; inProgress: number; done: number; overdue: number };
type TaskPageData = Page<TaskView> & { counts: Counts };

export default function TasksPage() {
  const me = useMe();
  const mobile = Grid.useBreakpoint().md === false;
  const committee = me.role === 'admin' || me.role === 'supervisor' || me.role === 'leader';
  const list = useListState<TaskView, Filters>({ order: 'asc' }, { url: { ignore: ['task'] } });
  const [openId, open] = useOpenParam('task');
  const showError = useShowError();
  const page = useQuery({
    queryKey: ['meeting-tasks', list.query],
    queryFn: () => api.get<TaskPageData>('/meetings/tasks', list.query),
    placeholderData: keepPreviousData,
  });
  const exportFile = useMutation({
    mutationFn: () => api.downloadGet('/meetings/tasks/export', list.filters, '会议决定事项任务.xlsx'),
    onError: showError,
  });
  const c = page.data?.counts;
  const state = list.filters.state ?? 'all';

  const columns: TableColumnsType<TaskView> = [
    { title: '决定事项', dataIndex: 'decision' },
    ...(committee ? [{ title: '责任单位', dataIndex: 'ownerName', width: 200 }] : []),
    {
      title: '会议',
      key: 'meeting',
      width: 260,
      render: (_, r) => `${r.meetingHeldOn} ${MEETING_KIND_NAMES[r.meetingKind]}`,
    },
    { title: '完成期限', dataIndex: 'dueOn', width: 110 },
    {
      title: '状态',
      key: 'state',
      width: 150,
      render: (_, r) => <TaskStateTags state={r.state} overdue={r.overdue} />,
    },
    { title: '完成日期', dataIndex: 'doneOn', width: 110, render: (v: string | null) => v ?? '—' },
  ];

  return (
    <PageContainer
      title={committee ? '决定事项任务' : '我的任务'}
      extra={
        <Button
          icon={<DownloadOutlined />}
          loading={exportFile.isPending}
          onClick={() => exportFile.mutate()}
          data-testid="tasks-export"
        >
          导出 Excel
        </Button>
      }
    >
      <Segmented
        style={{ marginBottom: 12 }}
        value={state}
        data-testid="task-tabs"
        onChange={(v) => list.setFilters({ ...list.filters, state: v === 'all' ? undefined : String(v) })}
        options={[
          { value: 'all', label: '全部' },
          ...TASK_STATES.map((s) => ({ value: s, label: `${TASK_STATE_NAMES[s]}${c ? ` ${c[s]}` : ''}` })),
          { value: 'overdue', label: `已逾期${c ? ` ${c.overdue}` : ''}` },
        ]}
      />
      <FilterBar<Filters> onSearch={(f) => list.setFilters({ ...f, state: list.filters.state })}>
        <Form.Item name="q">
          <Input
            allowClear
            placeholder={committee ? '决定事项 / 会议 / 责任单位' : '决定事项 / 会议'}
            style={{ width: 220 }}
          />
        </Form.Item>
        <Form.Item name="from">
          <IsoDatePicker placeholder="完成期限起" style={{ width: 140 }} />
        </Form.Item>
        <Form.Item name="to">
          <IsoDatePicker placeholder="完成期限止" style={{ width: 140 }} />
        </Form.Item>
      </FilterBar>
      <ListView<TaskView>
        page={page}
        list={list}
        mobile={mobile}
        columns={columns}
        onOpen={(r) => open(r.id)}
        empty="暂无任务"
        testId="tasks"
        width={1000}
        card={(r) => (
          <Card key={r.id} size="small" className="list-card" onClick={() => open(r.id)} data-testid="task-card">
            <div>
              <strong>{r.decision}</strong>
            </div>
            <Space wrap>
              <span>期限 {r.dueOn}</span>
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
  return (
    <RecordDrawer<TaskView>
      id={id}
      onClose={onClose}
      queryKey={['meeting-tasks', 'one', id]}
      path={`/meetings/tasks/${id}`}
      title={() => '决定事项任务'}
      width={600}
    >
      {(t) => (
        <div data-testid="task-detail">
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label="决定事项">{t.decision}</Descriptions.Item>
            <Descriptions.Item label="会议">
              {t.meetingHeldOn} {MEETING_KIND_NAMES[t.meetingKind]}：{t.meetingTopic}
            </Descriptions.Item>
            <Descriptions.Item label="责任单位">{t.ownerName}</Descriptions.Item>
            <Descriptions.Item label="完成期限">{t.dueOn}</Descriptions.Item>
            <Descriptions.Item label="状态">
              <TaskStateTags state={t.state} overdue={t.overdue} />
            </Descriptions.Item>
            {t.doneOn && <Descriptions.Item label="完成日期">{t.doneOn}</Descriptions.Item>}
          </Descriptions>
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            进展记录
          </Typography.Title>
          {t.notes.length === 0 ? (
            <Typography.Text type="secondary">暂无进展</Typography.Text>
          ) : (
            <Timeline
              data-testid="task-notes"
              items={t.notes.map((n) => ({
                color: n.state === 'done' ? 'green' : 'blue',
                children: (
                  <>
                    <div>
                      {n.notedOn} · {TASK_STATE_NAMES[n.state]} · {n.byName}
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
      message.success(r.ownerOrganisationId === task.ownerOrganisationId ? '已修改任务' : `已改派给 ${r.ownerName}`);
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
        修改 / 改派
      </Button>
    );
  }
  return (
    <Card size="small" title="修改 / 改派任务" style={{ marginTop: 12 }} data-testid="task-edit-form">
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
        <Form.Item
          name="decision"
          label="决定事项"
          rules={[{ required: true, min: 2, message: '决定事项至少 2 个字' }]}
        >
          <Input.TextArea rows={3} maxLength={1000} data-testid="task-edit-decision" />
        </Form.Item>
        <Form.Item
          name="dueOn"
          label={`完成期限（不早于会议日期 ${task.meetingHeldOn}）`}
          rules={[{ required: true, message: '请选择完成期限' }]}
        >
          <IsoDatePicker style={{ width: 160 }} data-testid="task-edit-due" />
        </Form.Item>
        <Form.Item name="ownerKind" label="责任单位">
          <Segmented
            options={[
              { value: 'unit', label: '园区单位' },
              { value: 'enterprise', label: '企业' },
            ]}
            data-testid="task-edit-owner-kind"
          />
        </Form.Item>
        {ownerKind === 'enterprise' ? (
          <Form.Item name="enterpriseId" rules={[{ required: true, message: '请选择责任企业' }]}>
            <EnterprisePicker testId="task-edit-enterprise" style={{ width: 320 }} />
          </Form.Item>
        ) : (
          <Form.Item name="unitId" rules={[{ required: true, message: '请选择责任单位' }]}>
            <Select
              showSearch
              optionFilterProp="label"
              options={unitOptions}
              style={{ width: 320 }}
              data-testid="task-edit-unit"
            />
          </Form.Item>
        )}
        {task.state === 'done' && (
          <Typography.Paragraph type="secondary">
            任务已完成：只能修改决定事项的文字，不能改派或修改完成期限。
          </Typography.Paragraph>
        )}
        <Space>
          <Button onClick={() => setOpen(false)}>取消</Button>
          {/* Not a submit button: Enter in the date field must not save the form. */}
          <Button type="primary" onClick={() => form.submit()} loading={save.isPending} data-testid="task-edit-submit">
            保存
          </Button>
        </Space>
      </Form>
    </Card>
  );
}

function ProgressForm({ task }: { task: TaskView }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ state: TaskState; note: string; notedOn?: string }>();
  const showError = useFormError(form);
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: (v: { state: TaskState; note: string; notedOn?: string }) =>
      api.post<TaskView>(`/meetings/tasks/${task.id}/progress`, { ...v, rowVersion: task.rowVersion }),
    onSuccess: () => {
      message.success('已登记进展');
      form.resetFields();
      void queryClient.invalidateQueries({ queryKey: ['meeting-tasks'] });
      void queryClient.invalidateQueries({ queryKey: ['meetings'] });
    },
    onError: showError,
  });
  return (
    <Card size="small" title="登记进展" style={{ marginTop: 12 }}>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ state: task.state === 'notStarted' ? 'inProgress' : task.state }}
        onFinish={(v) => save.mutate(v)}
        data-testid="task-progress-form"
      >
        <Space wrap>
          <Form.Item name="state" label="完成情况" rules={[{ required: true }]}>
            <Select
              style={{ width: 140 }}
              data-testid="task-progress-state"
              options={TASK_STATES.map((s) => ({ value: s, label: TASK_STATE_NAMES[s] }))}
            />
          </Form.Item>
          <Form.Item name="notedOn" label="日期（默认今天）">
            <IsoDatePicker notAfterToday style={{ width: 160 }} />
          </Form.Item>
        </Space>
        <Form.Item name="note" label="进展情况" rules={[{ required: true, min: 2, message: '进展情况至少 2 个字' }]}>
          <Input.TextArea rows={3} maxLength={2000} data-testid="task-progress-note" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="task-progress-submit">
          提交
        </Button>
      </Form>
    </Card>
  );
}
