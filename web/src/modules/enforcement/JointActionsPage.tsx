// 联合执法行动: joint enforcement actions with their leading and joining units and counted results
// ("打击取缔非法加油车（点）3起"), filtered by date, unit and text, the results summed over the filtered actions, and an
// Excel export. The committee records any action; a member department the ones it leads or joins (the server checks).
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Drawer,
  Flex,
  Form,
  Input,
  InputNumber,
  Select,
  Space,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import type { EnforcementUnit } from '../../../../shared/src/enforcement';
import type { EnterpriseView } from '../../../../shared/src/enterprises';
import { shanghaiToday } from '../../../../shared/src/validators';
import { api, type Page, type QueryParams } from '../../app/api';
import { useMe } from '../../app/auth';
import { useListState, useOpenParam } from '../../app/listState';
import { ListView } from '../../app/ui/ListView';
import { PageContainer } from '../../app/ui/PageContainer';
import { RecordDrawer } from '../../app/ui/RecordDrawer';
import { useDebounced } from '../../app/useDebounced';
import { markServerFields, useIsMobile } from '../hazards/common';
import { ExportButton, enforcementKeys, type JointAction, type JointActionList, useEnforcementRights } from './common';
import { useEnforcementText } from './text';
import './enforcement.css';

function useUnits() {
  return useQuery({
    queryKey: ['enforcement', 'units'],
    queryFn: () => api.get<{ items: EnforcementUnit[] }>('/enforcement/units'),
    staleTime: 5 * 60_000,
  });
}

export default function JointActionsPage() {
  const { e, t, jf } = useEnforcementText();
  const rights = useEnforcementRights();
  const mobile = useIsMobile();
  const list = useListState<JointAction>({ order: 'desc' });
  const [openId, open] = useOpenParam('action');
  const [creating, setCreating] = useState(false);
  const units = useUnits();
  const page = useQuery({
    queryKey: enforcementKeys.jointList(list.query),
    queryFn: () => api.get<JointActionList>('/enforcement/joint-actions', list.query),
    placeholderData: keepPreviousData,
  });
  const setFilter = (key: string, value: string | undefined) =>
    list.setFilters({ ...list.filters, [key]: value } as QueryParams);
  const results = (row: JointAction) =>
    row.resultSummary.length ? row.resultSummary.join('；') : (row.results ?? '—');

  const columns: TableColumnsType<JointAction> = [
    { title: jf('actionDate'), dataIndex: 'actionDate', width: 110 },
    {
      title: jf('title'),
      dataIndex: 'title',
      width: 240,
      ellipsis: true,
      render: (v: string) => <Typography.Link>{v}</Typography.Link>,
    },
    {
      title: jf('leadOrganisationId'),
      key: 'lead',
      width: 200,
      ellipsis: true,
      render: (_: unknown, row) => row.leadOrganisation.name,
    },
    {
      title: jf('participantOrganisationIds'),
      key: 'participants',
      width: 260,
      ellipsis: true,
      render: (_: unknown, row) => row.participants.map((p) => p.name).join('、') || '—',
    },
    {
      title: jf('resultCounts'),
      key: 'results',
      width: 260,
      render: (_: unknown, row) => <span data-testid="joint-results">{results(row)}</span>,
    },
  ];

  const totals = page.data?.totals ?? [];

  return (
    <PageContainer
      title={t.menu.jointActions}
      extra={
        <Flex gap={8} wrap>
          <ExportButton
            path="/enforcement/joint-actions/export"
            query={list.query}
            fallback="联合执法行动.xlsx"
            testId="joint-export"
          />
          {rights.manageJoint && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="joint-create">
              {e.joint.create}
            </Button>
          )}
        </Flex>
      }
    >
      <Card size="small" className="filter-card">
        <Flex gap={12} wrap vertical={mobile}>
          <Input.Search
            allowClear
            placeholder={e.joint.search}
            style={{ width: mobile ? '100%' : 220 }}
            onSearch={(v) => setFilter('q', v.trim() || undefined)}
            data-testid="joint-search"
          />
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={e.joint.units}
            style={{ width: mobile ? '100%' : 240 }}
            value={list.filters.organisationId as string | undefined}
            onChange={(v: string | undefined) => setFilter('organisationId', v)}
            options={(units.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }))}
            data-testid="joint-filter-unit"
          />
          <DatePicker.RangePicker
            allowEmpty={[true, true]}
            placeholder={e.joint.dateRange}
            style={{ width: mobile ? '100%' : 260 }}
            onChange={(range: [Dayjs | null, Dayjs | null] | null) =>
              list.setFilters({
                ...list.filters,
                from: range?.[0]?.format('YYYY-MM-DD'),
                to: range?.[1]?.format('YYYY-MM-DD'),
              })
            }
          />
        </Flex>
      </Card>
      <Flex gap={8} wrap align="center" className="enforcement-summary enforcement-totals" data-testid="joint-totals">
        <Typography.Text type="secondary">{t.common.total(page.data?.total ?? 0)}</Typography.Text>
        <Typography.Text strong>{e.joint.totals}：</Typography.Text>
        {totals.length
          ? totals.map((x) => (
              <Tag key={`${x.item}|${x.unit}`} color="blue">
                {`${x.item}${x.count}${x.unit}`}
              </Tag>
            ))
          : e.joint.noTotals}
      </Flex>
      <ListView<JointAction>
        page={page}
        list={list}
        mobile={mobile}
        columns={columns}
        card={(row) => (
          <Card key={row.id} size="small" hoverable className="enforcement-card" onClick={() => open(row.id)}>
            <div className="enforcement-card-head">
              <Typography.Text strong>{row.title}</Typography.Text>
              <span className="enforcement-hint">{row.actionDate}</span>
            </div>
            <div className="enforcement-hint">
              {row.leadOrganisation.name}
              {row.participants.length ? ` · ${e.joint.participantsCount(row.participants.length)}` : ''}
            </div>
            <div>{results(row)}</div>
          </Card>
        )}
        onOpen={(row) => open(row.id)}
        empty={e.joint.empty}
        testId="joint"
        width={1070}
      />
      <JointActionDrawer id={openId} onClose={() => open(null)} />
      <JointActionFormDrawer open={creating} onClose={() => setCreating(false)} onSaved={(a) => open(a.id)} />
    </PageContainer>
  );
}

function JointActionDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { e } = useEnforcementText();
  return (
    <RecordDrawer<JointAction>
      id={id}
      onClose={onClose}
      queryKey={enforcementKeys.jointOne(id)}
      path={`/enforcement/joint-actions/${id}`}
      title={(a) => a?.title ?? e.joint.detailTitle}
      width={760}
    >
      {(a) => <JointActionBody action={a} />}
    </RecordDrawer>
  );
}

function JointActionBody({ action: a }: { action: JointAction }) {
  const { e, jf } = useEnforcementText();
  const rights = useEnforcementRights();
  const me = useMe();
  const mobile = useIsMobile();
  const [editing, setEditing] = useState(false);
  // A department edits only the actions its unit leads or joins (the server decides; this only offers the button).
  const involved =
    me.role !== 'department' ||
    a.leadOrganisation.id === me.organisationId ||
    a.participants.some((p) => p.id === me.organisationId);
  return (
    <Flex vertical gap={12} data-testid="joint-detail">
      {rights.manageJoint && involved && (
        <Flex>
          <Button type="primary" onClick={() => setEditing(true)} block={mobile} data-testid="joint-edit">
            {e.joint.edit}
          </Button>
        </Flex>
      )}
      <Descriptions
        size="small"
        bordered={!mobile}
        column={1}
        items={[
          { key: 'date', label: jf('actionDate'), children: a.actionDate },
          { key: 'title', label: jf('title'), children: a.title },
          { key: 'lead', label: jf('leadOrganisationId'), children: a.leadOrganisation.name },
          {
            key: 'participants',
            label: jf('participantOrganisationIds'),
            children: a.participants.length ? a.participants.map((p) => <Tag key={p.id}>{p.name}</Tag>) : '—',
          },
          {
            key: 'targets',
            label: jf('targetEnterpriseIds'),
            children: a.targetEnterprises.map((t) => t.name).join('、') || '—',
          },
          {
            key: 'counts',
            label: jf('resultCounts'),
            children: a.resultSummary.length ? (
              <Flex vertical gap={4} data-testid="joint-detail-results">
                {a.resultSummary.map((r) => (
                  <Typography.Text strong key={r}>
                    {r}
                  </Typography.Text>
                ))}
              </Flex>
            ) : (
              '—'
            ),
          },
          { key: 'results', label: jf('results'), children: a.results || '—' },
        ]}
      />
      <JointActionFormDrawer open={editing} onClose={() => setEditing(false)} editing={a} />
    </Flex>
  );
}

interface Values {
  actionDate?: Dayjs;
  title?: string;
  leadOrganisationId?: string;
  participantOrganisationIds?: string[];
  targetEnterpriseIds?: string[];
  results?: string;
  resultCounts?: { item?: string; count?: number; unit?: string }[];
}

/** Enterprises by name, keeping the names of those already chosen (an edited action's targets). */
function TargetsPicker({
  value,
  onChange,
  known,
}: {
  value?: string[];
  onChange?: (ids: string[]) => void;
  known: { id: string; name: string }[];
}) {
  const { e } = useEnforcementText();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim());
  const found = useQuery({
    queryKey: ['enterprises', 'options', q],
    queryFn: () => api.get<Page<EnterpriseView>>('/enterprises', { q, pageSize: 30, sort: 'name' }),
  });
  const [names, setNames] = useState<Record<string, string>>(() =>
    Object.fromEntries(known.map((k) => [k.id, k.name])),
  );
  const items = found.data?.items ?? [];
  const options = new Map(items.map((x) => [x.id, x.name]));
  for (const id of value ?? []) if (!options.has(id) && names[id]) options.set(id, names[id]);
  return (
    <Select
      mode="multiple"
      allowClear
      showSearch={{ filterOption: false, onSearch: setSearch }}
      value={value}
      onChange={(ids: string[]) => {
        setNames((n) => ({ ...n, ...Object.fromEntries(items.map((x) => [x.id, x.name])) }));
        onChange?.(ids);
      }}
      placeholder={e.joint.targetsPlaceholder}
      loading={found.isFetching}
      options={[...options].map(([v, label]) => ({ value: v, label }))}
      data-testid="joint-targets"
    />
  );
}

export function JointActionFormDrawer({
  open,
  onClose,
  editing,
  onSaved,
}: {
  open: boolean;
  onClose: () => void;
  editing?: JointAction | null;
  onSaved?: (saved: JointAction) => void;
}) {
  const { e, jf } = useEnforcementText();
  const me = useMe();
  const mobile = useIsMobile();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const units = useUnits();
  const [form] = Form.useForm<Values>();
  const unitOptions = (units.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }));

  useEffect(() => {
    if (!open) return;
    if (editing) {
      form.setFieldsValue({
        actionDate: dayjs(editing.actionDate),
        title: editing.title,
        leadOrganisationId: editing.leadOrganisation.id,
        participantOrganisationIds: editing.participants.map((p) => p.id),
        targetEnterpriseIds: editing.targetEnterprises.map((x) => x.id),
        results: editing.results ?? undefined,
        resultCounts: editing.resultCounts,
      });
    } else {
      form.setFieldsValue({
        actionDate: dayjs(shanghaiToday()),
        // A department records the actions it takes part in: its own unit leads unless changed.
        leadOrganisationId: me.role === 'department' ? me.organisationId : undefined,
        participantOrganisationIds: [],
        targetEnterpriseIds: [],
        resultCounts: [{ item: '', count: 1, unit: '起' }],
      });
    }
  }, [open, editing, form, me.role, me.organisationId]);

  const save = useMutation({
    mutationFn: (v: Values) => {
      const body = {
        actionDate: v.actionDate?.format('YYYY-MM-DD'),
        title: v.title ?? '',
        leadOrganisationId: v.leadOrganisationId,
        participantOrganisationIds: v.participantOrganisationIds ?? [],
        targetEnterpriseIds: v.targetEnterpriseIds ?? [],
        results: v.results?.trim() || null,
        resultCounts: (v.resultCounts ?? [])
          .filter((r) => r.item?.trim())
          .map((r) => ({ item: r.item!.trim(), count: r.count ?? 0, unit: r.unit?.trim() || '起' })),
      };
      return editing
        ? api.patch<JointAction>(`/enforcement/joint-actions/${editing.id}`, {
            ...body,
            rowVersion: editing.rowVersion,
          })
        : api.post<JointAction>('/enforcement/joint-actions', body);
    },
    onSuccess: (saved) => {
      message.success(editing ? e.joint.saved : e.joint.created);
      queryClient.setQueryData(enforcementKeys.jointOne(saved.id), saved);
      void queryClient.invalidateQueries({ queryKey: enforcementKeys.joint });
      onSaved?.(saved);
      onClose();
    },
    onError: (error) => {
      markServerFields(form, error);
      message.error(error instanceof Error ? error.message : String(error));
    },
  });

  return (
    <Drawer
      title={editing ? e.joint.editTitle : e.joint.createTitle}
      open={open}
      onClose={onClose}
      size={mobile ? '100%' : 680}
      destroyOnHidden
      afterOpenChange={(visible) => {
        if (!visible) form.resetFields();
      }}
      footer={
        <Space className="enforcement-drawer-footer">
          <Button onClick={onClose}>{e.cancel}</Button>
          <Button type="primary" loading={save.isPending} onClick={() => form.submit()} data-testid="joint-save">
            {e.save}
          </Button>
        </Space>
      }
      data-testid="joint-form"
    >
      <Form<Values> form={form} layout="vertical" onFinish={(v) => save.mutate(v)} scrollToFirstError>
        <Form.Item
          name="actionDate"
          label={jf('actionDate')}
          rules={[{ required: true, message: e.choose(jf('actionDate')) }]}
        >
          <DatePicker disabledDate={(d) => d.format('YYYY-MM-DD') > shanghaiToday()} data-testid="joint-date" />
        </Form.Item>
        <Form.Item
          name="title"
          label={jf('title')}
          rules={[
            { required: true, message: e.required(jf('title')) },
            { min: 2, message: '行动名称至少 2 个字' },
          ]}
        >
          <Input maxLength={200} data-testid="joint-title" />
        </Form.Item>
        <Form.Item
          name="leadOrganisationId"
          label={jf('leadOrganisationId')}
          rules={[{ required: true, message: e.choose(jf('leadOrganisationId')) }]}
        >
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={e.joint.leadPlaceholder}
            options={unitOptions}
            loading={units.isFetching}
            data-testid="joint-lead"
          />
        </Form.Item>
        <Form.Item name="participantOrganisationIds" label={jf('participantOrganisationIds')}>
          <Select
            mode="multiple"
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={e.joint.participantsPlaceholder}
            options={unitOptions}
            loading={units.isFetching}
            data-testid="joint-participants"
          />
        </Form.Item>
        <Form.Item name="targetEnterpriseIds" label={jf('targetEnterpriseIds')}>
          <TargetsPicker known={editing?.targetEnterprises ?? []} />
        </Form.Item>
        <Form.Item label={jf('resultCounts')} required={false}>
          <Form.List name="resultCounts">
            {(fields, { add, remove }) => (
              <Flex vertical gap={4}>
                {fields.map((field) => (
                  <div key={field.key} className="enforcement-result-row">
                    <Form.Item
                      name={[field.name, 'item']}
                      className="result-item"
                      rules={[{ min: 2, message: '成果事项至少 2 个字' }]}
                    >
                      <Input
                        placeholder={e.joint.resultItemPlaceholder}
                        maxLength={100}
                        data-testid="joint-result-item"
                      />
                    </Form.Item>
                    <Form.Item name={[field.name, 'count']}>
                      <InputNumber
                        min={0}
                        precision={0}
                        style={{ width: 90 }}
                        placeholder={e.joint.resultCount}
                        data-testid="joint-result-count"
                      />
                    </Form.Item>
                    <Form.Item name={[field.name, 'unit']}>
                      <Input style={{ width: 64 }} maxLength={10} placeholder={e.joint.resultUnit} />
                    </Form.Item>
                    <Button
                      type="text"
                      icon={<MinusCircleOutlined />}
                      aria-label="remove"
                      onClick={() => remove(field.name)}
                    />
                  </div>
                ))}
                <Button
                  type="dashed"
                  icon={<PlusOutlined />}
                  onClick={() => add({ item: '', count: 1, unit: '起' })}
                  data-testid="joint-add-result"
                >
                  {e.joint.addResult}
                </Button>
              </Flex>
            )}
          </Form.List>
        </Form.Item>
        <Form.Item name="results" label={jf('results')}>
          <Input.TextArea rows={3} maxLength={5000} placeholder={e.joint.resultsPlaceholder} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
