// 年度培训计划: enterprises' annual plans within data scope (an enterprise its own), a plan in a drawer (?plan=<id>)
// with each item's completion derived from the sessions linked to it, and the form (items by month).
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Drawer,
  Form,
  Grid,
  Input,
  InputNumber,
  Progress,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import {
  type PlanItemState,
  type PlanItemView,
  type PlanSummary,
  type PlanView,
  TRAINING_KINDS,
  type TrainingKind,
} from '../../../../shared/src/training';
import { shanghaiToday } from '../../../../shared/src/validators';
import { api, type Page } from '../../app/api';
import { useMe } from '../../app/auth';
import { useShowError } from '../../app/forms';
import { useI18n } from '../../app/i18n';
import { useListState, useOpenParam } from '../../app/listState';
import { FilterBar } from '../../app/ui/FilterBar';
import { ListView } from '../../app/ui/ListView';
import { PageContainer } from '../../app/ui/PageContainer';
import { RecordDrawer } from '../../app/ui/RecordDrawer';
import { EnterprisePicker } from '../hazards/pickers';
import { KindTag } from './SessionsPage';
import { useTrainingText } from './text';

type Filters = { q?: string; year?: number; enterpriseId?: string };
const STATE_COLOURS: Record<PlanItemState, string> = {
  done: 'green',
  partly: 'gold',
  due: 'default',
  overdue: 'red',
};
const thisYear = Number(shanghaiToday().slice(0, 4));
const years = Array.from({ length: 6 }, (_, i) => thisYear + 1 - i);
/** Next year and the five before it, named in the reader's language. */
export function useYearOptions() {
  const { plan: t } = useTrainingText();
  return years.map((y) => ({ value: y, label: t.yearName(y) }));
}

export default function PlansPage() {
  const { t: app } = useI18n();
  const { plan: t } = useTrainingText();
  const yearOptions = useYearOptions();
  const me = useMe();
  const mobile = Grid.useBreakpoint().md === false;
  const list = useListState<PlanSummary, Filters>({});
  const [openId, open] = useOpenParam('plan');
  const [editing, setEditing] = useState<PlanView | 'new' | null>(null);
  const canManage = ['admin', 'supervisor', 'enterprise'].includes(me.role);
  const page = useQuery({
    queryKey: ['training', 'plans', list.query],
    queryFn: () => api.get<Page<PlanSummary>>('/training/plans', list.query),
    placeholderData: keepPreviousData,
  });
  const columns: TableColumnsType<PlanSummary> = [
    { title: t.year, dataIndex: 'year', width: 80 },
    { title: t.enterprise, dataIndex: 'enterpriseName' },
    { title: t.items, dataIndex: 'items', width: 80, align: 'right' },
    { title: t.plannedHours, dataIndex: 'plannedHours', width: 100, align: 'right' },
    {
      title: t.done,
      key: 'done',
      width: 200,
      render: (_: unknown, r) => (
        <Progress
          percent={r.items ? Math.round((r.done / r.items) * 100) : 0}
          size="small"
          format={() => `${r.done}/${r.items}`}
        />
      ),
    },
    {
      title: t.overdue,
      dataIndex: 'overdue',
      width: 80,
      render: (v: number) => (v ? <Tag color="red">{v}</Tag> : '0'),
    },
  ];
  return (
    <PageContainer
      title={app.menu.trainingPlans}
      extra={
        canManage && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="plan-create">
            {t.create}
          </Button>
        )
      }
    >
      <FilterBar<Filters> onSearch={list.setFilters}>
        {me.role !== 'enterprise' && (
          <Form.Item name="q">
            <Input allowClear placeholder={t.search} style={{ width: 200 }} />
          </Form.Item>
        )}
        <Form.Item name="year">
          <Select allowClear placeholder={t.year} style={{ width: 110 }} options={yearOptions} />
        </Form.Item>
      </FilterBar>
      <ListView<PlanSummary>
        page={page}
        list={list}
        mobile={mobile}
        columns={columns}
        onOpen={(r) => open(r.id)}
        empty={t.empty}
        testId="plans"
        width={900}
        card={(r) => (
          <Card key={r.id} size="small" className="list-card" onClick={() => open(r.id)} data-testid="plan-card">
            <strong>
              {r.year} · {r.enterpriseName}
            </strong>
            <div>
              {t.done} {r.done}/{r.items} {r.overdue > 0 && <Tag color="red">{`${t.overdue} ${r.overdue}`}</Tag>}
            </div>
          </Card>
        )}
      />
      <RecordDrawer<PlanView>
        id={openId}
        onClose={() => open(null)}
        queryKey={['training', 'plans', 'one', openId]}
        path={`/training/plans/${openId}`}
        title={(r) => (r ? `${r.year} ${t.title} · ${r.enterpriseName}` : t.title)}
        width={860}
      >
        {(r) => (
          <div data-testid="plan-detail">
            {r.note && <Typography.Paragraph>{r.note}</Typography.Paragraph>}
            <PlanItems items={r.itemList} />
            {canManage && (
              <Button icon={<EditOutlined />} style={{ marginTop: 12 }} onClick={() => setEditing(r)}>
                {t.edit}
              </Button>
            )}
          </div>
        )}
      </RecordDrawer>
      <PlanForm target={editing} onClose={() => setEditing(null)} onSaved={(id) => open(id)} />
    </PageContainer>
  );
}

function PlanItems({ items }: { items: PlanItemView[] }) {
  const { plan: t, names } = useTrainingText();
  return (
    <Table<PlanItemView>
      size="small"
      rowKey="id"
      pagination={false}
      dataSource={items}
      scroll={{ x: 700 }}
      data-testid="plan-items"
      columns={[
        { title: t.month, dataIndex: 'month', width: 60, render: (m: number) => t.monthName(m) },
        {
          title: t.state,
          dataIndex: 'state',
          width: 110,
          render: (s: PlanItemState) => (
            <Tag color={STATE_COLOURS[s]} data-testid="plan-item-state">
              {names.itemState(s)}
            </Tag>
          ),
        },
        { title: t.topic, dataIndex: 'topic' },
        { title: t.kind, dataIndex: 'kind', width: 160, render: (k: TrainingKind) => <KindTag kind={k} /> },
        {
          title: t.plannedHours,
          key: 'planned',
          width: 110,
          render: (_: unknown, i) => t.plannedPeople(i.plannedHours, i.plannedAttendees),
        },
        {
          title: t.actual,
          key: 'actual',
          width: 150,
          render: (_: unknown, i) => `${i.sessions} / ${i.hours} / ${i.attendees}`,
        },
      ]}
    />
  );
}

interface ItemValues {
  id?: string | null;
  month?: number;
  topic?: string;
  kind?: TrainingKind;
  plannedHours?: number;
  plannedAttendees?: number;
}
interface FormValues {
  enterpriseId?: string;
  year?: number;
  note?: string;
  items?: ItemValues[];
}

function PlanForm({
  target,
  onClose,
  onSaved,
}: {
  target: PlanView | 'new' | null;
  onClose: () => void;
  onSaved: (id: string) => void;
}) {
  const { plan: t, names } = useTrainingText();
  const yearOptions = useYearOptions();
  const me = useMe();
  const { message } = App.useApp();
  const mobile = Grid.useBreakpoint().md === false;
  const [form] = Form.useForm<FormValues>();
  const showError = useShowError(form);
  const queryClient = useQueryClient();
  const editing = target && target !== 'new' ? target : null;
  const save = useMutation({
    mutationFn: (v: FormValues) =>
      editing
        ? api.patch<PlanView>(`/training/plans/${editing.id}`, {
            note: v.note,
            items: v.items,
            rowVersion: editing.rowVersion,
          })
        : api.post<PlanView>('/training/plans', {
            ...v,
            enterpriseId: me.role === 'enterprise' ? me.enterpriseId : v.enterpriseId,
          }),
    onSuccess: (r) => {
      message.success(t.saved);
      void queryClient.invalidateQueries({ queryKey: ['training'] });
      onClose();
      onSaved(r.id);
    },
    onError: showError,
  });
  return (
    <Drawer
      open={Boolean(target)}
      onClose={onClose}
      size={mobile ? '100%' : 820}
      title={editing ? t.editTitle : t.createTitle}
      destroyOnHidden
      extra={
        <Button type="primary" loading={save.isPending} onClick={() => form.submit()} data-testid="plan-submit">
          {t.save}
        </Button>
      }
    >
      <Form<FormValues>
        form={form}
        layout="vertical"
        data-testid="plan-form"
        initialValues={
          editing
            ? { note: editing.note ?? undefined, items: editing.itemList }
            : { year: thisYear, items: [{ month: 1, kind: 'centralised', plannedHours: 4, plannedAttendees: 10 }] }
        }
        onFinish={(v) => save.mutate(v)}
      >
        {!editing && (
          <Space wrap>
            {me.role !== 'enterprise' && (
              <Form.Item name="enterpriseId" label={t.enterprise} rules={[{ required: true }]}>
                <EnterprisePicker style={{ width: 300 }} testId="plan-enterprise" />
              </Form.Item>
            )}
            <Form.Item name="year" label={t.year} rules={[{ required: true }]}>
              <Select style={{ width: 120 }} options={yearOptions} />
            </Form.Item>
          </Space>
        )}
        <Form.Item name="note" label={t.note}>
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
        <Form.List name="items">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Card size="small" key={f.key} style={{ marginBottom: 8 }}>
                  <Form.Item name={[f.name, 'id']} hidden>
                    <Input />
                  </Form.Item>
                  <Space wrap align="start">
                    <Form.Item name={[f.name, 'month']} label={t.month} rules={[{ required: true }]}>
                      <Select
                        style={{ width: 90 }}
                        options={Array.from({ length: 12 }, (_, i) => ({ value: i + 1, label: t.monthName(i + 1) }))}
                      />
                    </Form.Item>
                    <Form.Item name={[f.name, 'kind']} label={t.kind} rules={[{ required: true }]}>
                      <Select
                        style={{ width: 190 }}
                        options={TRAINING_KINDS.map((k) => ({ value: k, label: names.kind(k) }))}
                      />
                    </Form.Item>
                    <Form.Item name={[f.name, 'topic']} label={t.topic} rules={[{ required: true, min: 2 }]}>
                      <Input style={{ width: 260 }} maxLength={200} data-testid="plan-item-topic" />
                    </Form.Item>
                    <Form.Item name={[f.name, 'plannedHours']} label={t.plannedHours} rules={[{ required: true }]}>
                      <InputNumber min={0.5} max={72} step={0.5} precision={1} />
                    </Form.Item>
                    <Form.Item
                      name={[f.name, 'plannedAttendees']}
                      label={t.plannedAttendees}
                      rules={[{ required: true }]}
                    >
                      <InputNumber min={1} max={10000} precision={0} />
                    </Form.Item>
                    <Button
                      type="text"
                      danger
                      icon={<DeleteOutlined />}
                      style={{ marginTop: 30 }}
                      onClick={() => remove(f.name)}
                      aria-label={t.remove}
                    />
                  </Space>
                </Card>
              ))}
              <Button
                icon={<PlusOutlined />}
                onClick={() => add({ month: 1, kind: 'centralised', plannedHours: 2, plannedAttendees: 10 })}
              >
                {t.addItem}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Drawer>
  );
}
