// 工作计划: the year's and quarter's plan items with filters (year, quarter, kind, derived state), Excel export and
// 导出计划文档 (the chosen year's or quarter's plan as an official Word document, the next quarter by default); an
// item in a drawer (?plan=<id>) with the records that carry it out (each opens its own page), linking more, and
// 生成检查行动; the seasonal calendar's proposals for a chosen quarter; the committee's form. State and progress come
// from the server, derived from the linked records — nothing here sets them.
import {
  CalendarOutlined,
  DeleteOutlined,
  EditOutlined,
  FileWordOutlined,
  FlagOutlined,
  PlusOutlined,
} from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Descriptions,
  Drawer,
  Empty,
  Form,
  Grid,
  Input,
  InputNumber,
  List,
  Modal,
  Popconfirm,
  Progress,
  Select,
  Space,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { CAMPAIGN_TYPES } from '../../../../shared/src/campaigns';
import { SUPERVISION_TAGS } from '../../../../shared/src/enterprises';
import { HAZARD_DOMAINS } from '../../../../shared/src/hazards';
import {
  SUPERVISION_TAG_LABELS,
  WORK_PLAN_KIND_LABELS,
  WORK_PLAN_LINK_KIND_LABELS,
  WORK_PLAN_LINK_STATE_LABELS,
  WORK_PLAN_STATE_LABELS,
} from '../../../../shared/src/labels';
import {
  campaignTypesOf,
  type LinkState,
  PLAN_KINDS,
  PLAN_LINK_KINDS,
  PLAN_STATES,
  type PlanItemView,
  type PlanKind,
  type PlanLinkKind,
  type PlanState,
  type ProposalView,
} from '../../../../shared/src/plans';
import { shanghaiToday } from '../../../../shared/src/validators';
import { api, type Page } from '../../app/api';
import { useMe } from '../../app/auth';
import { useShowError } from '../../app/forms';
import { useI18n } from '../../app/i18n';
import { useListState, useOpenParam } from '../../app/listState';
import { ExportButton } from '../../app/ui/ExportButton';
import { FilterBar } from '../../app/ui/FilterBar';
import { ListView } from '../../app/ui/ListView';
import { codeOptions } from '../../app/ui/options';
import { PageContainer } from '../../app/ui/PageContainer';
import { RecordDrawer } from '../../app/ui/RecordDrawer';
import { useDebounced } from '../../app/useDebounced';
import { IsoDatePicker } from '../enterprises/IsoDatePicker';
import { HAZARD_DOMAIN_LABELS } from '../hazards/labels';
import { EnterprisesPicker } from '../hazards/pickers';
import { useHomeStats } from '../home/homeStats';
import { type PlanText, usePlanText } from './text';

const STATE_COLOURS: Record<PlanState, string> = {
  notStarted: 'default',
  inProgress: 'processing',
  done: 'success',
  overdue: 'error',
};
const LINK_COLOURS: Record<LinkState, string> = { done: 'success', ongoing: 'processing', void: 'default' };

export function StateTag({ state }: { state: PlanState }) {
  const { l } = useI18n();
  return (
    <Tag color={STATE_COLOURS[state]} data-testid="plan-state">
      {l(WORK_PLAN_STATE_LABELS, state)}
    </Tag>
  );
}

type Filters = { year?: string; quarter?: string; kind?: string; state?: string; q?: string };
type PlanPageData = Page<PlanItemView> & { byState: Record<PlanState, number> };

const today = shanghaiToday();
const thisYear = Number(today.slice(0, 4));
const thisQuarter = Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1;
const YEARS = [thisYear - 1, thisYear, thisYear + 1];
const periodOf = (x: PlanText, i: { year: number; quarter: number | null }) => x.period(i.year, i.quarter);

/** 下一阶段: the quarter after today's. */
const NEXT = thisQuarter === 4 ? { year: thisYear + 1, quarter: 1 } : { year: thisYear, quarter: thisQuarter + 1 };
const quarterOptions = (x: PlanText) => [
  { value: 0, label: x.wholeYearPlan },
  ...[1, 2, 3, 4].map((q) => ({ value: q, label: x.quarterLong(q) })),
];

/**
 * 导出计划文档: the plan of a year or a quarter (the list's filter when one is set, otherwise the next quarter) as Word in
 * the official layout — one chapter per kind, each item with its owner unit and due date. A period without items is
 * refused by the server with the field named.
 */
function PlanDocumentButton({ filters }: { filters: Filters }) {
  const x = usePlanText();
  const [form] = Form.useForm<{ year: number; quarter: number }>();
  const [open, setOpen] = useState(false);
  const showError = useShowError(form);
  const download = useMutation({
    mutationFn: ({ year, quarter }: { year: number; quarter: number }) =>
      api.downloadGet('/plans/document', { year, quarter: quarter || undefined }, x.documentFile(year, quarter)),
    onSuccess: () => setOpen(false),
    onError: showError,
  });
  const start = () => {
    form.setFieldsValue(
      filters.year
        ? { year: Number(filters.year), quarter: filters.quarter ? Number(filters.quarter) : 0 }
        : { year: NEXT.year, quarter: NEXT.quarter },
    );
    setOpen(true);
  };
  return (
    <>
      <Button icon={<FileWordOutlined />} onClick={start} data-testid="plan-document">
        {x.document}
      </Button>
      <Modal
        title={x.documentTitle}
        open={open}
        onCancel={() => setOpen(false)}
        footer={[
          <Button key="cancel" onClick={() => setOpen(false)}>
            {x.cancel}
          </Button>,
          <Button
            key="ok"
            type="primary"
            loading={download.isPending}
            onClick={() => form.submit()}
            data-testid="plan-document-ok"
          >
            {x.export}
          </Button>,
        ]}
        forceRender
      >
        <Typography.Paragraph type="secondary">{x.documentHint}</Typography.Paragraph>
        <Form form={form} layout="inline" onFinish={(v) => download.mutate(v)}>
          <Form.Item name="year" label={x.year} rules={[{ required: true, message: x.yearRequired }]}>
            <InputNumber min={2000} max={2100} precision={0} data-testid="plan-document-year" />
          </Form.Item>
          <Form.Item name="quarter" label={x.periodLabel}>
            <Select options={quarterOptions(x)} style={{ width: 200 }} data-testid="plan-document-quarter" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

/** A new item, or one prefilled from a seasonal proposal. */
type Editing = PlanItemView | { proposal: ProposalView; year: number; quarter: number } | 'new' | null;

export default function PlansPage() {
  const { t, l } = useI18n();
  const x = usePlanText();
  const me = useMe();
  const mobile = Grid.useBreakpoint().md === false;
  const list = useListState<PlanItemView, Filters>({ order: 'asc' }, { url: { ignore: ['plan'] } });
  const [openId, open] = useOpenParam('plan');
  const [editing, setEditing] = useState<Editing>(null);
  const [campaignFor, setCampaignFor] = useState<PlanItemView | null>(null);
  const canManage = me.role === 'admin' || me.role === 'supervisor';
  const page = useQuery({
    queryKey: ['plans', list.query],
    queryFn: () => api.get<PlanPageData>('/plans', list.query),
    placeholderData: keepPreviousData,
  });

  const columns: TableColumnsType<PlanItemView> = [
    { title: x.item, dataIndex: 'title', render: (v: string) => <strong>{v}</strong> },
    { title: x.kind, dataIndex: 'kind', width: 100, render: (v: PlanKind) => l(WORK_PLAN_KIND_LABELS, v) },
    { title: x.periodLabel, key: 'period', width: 140, render: (_, r) => periodOf(x, r) },
    { title: x.ownerUnit, dataIndex: 'ownerUnit', width: 160 },
    { title: x.dueOn, dataIndex: 'dueOn', width: 110 },
    { title: x.state, dataIndex: 'state', width: 90, render: (v: PlanState) => <StateTag state={v} /> },
    {
      title: x.progress,
      dataIndex: 'progress',
      width: 140,
      render: (v: number, r) => (
        <Progress percent={v} size="small" status={r.state === 'overdue' ? 'exception' : undefined} />
      ),
    },
    { title: x.links, key: 'links', width: 90, align: 'right', render: (_, r) => r.links.length },
  ];

  return (
    <PageContainer
      title={t.menu.workPlans}
      extra={
        <Space wrap>
          <ExportButton
            path="/plans/export"
            params={list.filters}
            fileName={x.exportFile}
            label={x.exportExcel}
            testId="plan-export"
          />
          <PlanDocumentButton filters={list.filters} />
          {canManage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="plan-create">
              {x.create}
            </Button>
          )}
        </Space>
      }
    >
      <FilterBar<Filters> onSearch={list.setFilters}>
        <Form.Item name="year">
          <Select
            allowClear
            placeholder={x.year}
            style={{ width: 110 }}
            options={YEARS.map((y) => ({ value: String(y), label: x.yearName(y) }))}
            data-testid="plan-filter-year"
          />
        </Form.Item>
        <Form.Item name="quarter">
          <Select
            allowClear
            placeholder={x.quarter}
            style={{ width: 110 }}
            options={[1, 2, 3, 4].map((q) => ({ value: String(q), label: x.quarterName(q) }))}
          />
        </Form.Item>
        <Form.Item name="kind">
          <Select
            allowClear
            placeholder={x.kind}
            style={{ width: 120 }}
            options={PLAN_KINDS.map((k) => ({ value: k, label: l(WORK_PLAN_KIND_LABELS, k) }))}
          />
        </Form.Item>
        <Form.Item name="state">
          <Select
            allowClear
            placeholder={x.state}
            style={{ width: 110 }}
            options={PLAN_STATES.map((s) => ({ value: s, label: l(WORK_PLAN_STATE_LABELS, s) }))}
            data-testid="plan-filter-state"
          />
        </Form.Item>
        <Form.Item name="q">
          <Input allowClear placeholder={x.search} style={{ width: 200 }} />
        </Form.Item>
      </FilterBar>
      {page.data && (
        <Space wrap style={{ marginBottom: 12 }} data-testid="plan-by-state">
          {PLAN_STATES.map((s) => (
            <Tag key={s} color={STATE_COLOURS[s]}>
              {l(WORK_PLAN_STATE_LABELS, s)} {page.data.byState[s] ?? 0}
            </Tag>
          ))}
          <Typography.Text type="secondary">{x.stateNote}</Typography.Text>
        </Space>
      )}
      <ListView<PlanItemView>
        page={page}
        list={list}
        mobile={mobile}
        columns={columns}
        onOpen={(r) => open(r.id)}
        empty={x.empty}
        testId="plans"
        width={1100}
        card={(r) => (
          <Card key={r.id} size="small" className="list-card" onClick={() => open(r.id)} data-testid="plan-card">
            <Space style={{ justifyContent: 'space-between', width: '100%' }}>
              <strong>{r.title}</strong>
              <StateTag state={r.state} />
            </Space>
            <div>{x.cardLine(l(WORK_PLAN_KIND_LABELS, r.kind), r.ownerUnit, r.dueOn)}</div>
            <Progress percent={r.progress} size="small" />
          </Card>
        )}
      />
      <Proposals canManage={canManage} onAdopt={(proposal, year, quarter) => setEditing({ proposal, year, quarter })} />
      <RecordDrawer<PlanItemView>
        id={openId}
        onClose={() => open(null)}
        queryKey={['plans', 'one', openId]}
        path={`/plans/${openId}`}
        title={(r) => r?.title ?? x.item}
        width={680}
      >
        {(r) => (
          <PlanDetail
            item={r}
            canManage={canManage}
            onEdit={() => setEditing(r)}
            onCampaign={() => setCampaignFor(r)}
            onDeleted={() => open(null)}
          />
        )}
      </RecordDrawer>
      <PlanForm target={editing} onClose={() => setEditing(null)} onSaved={(id) => open(id)} />
      <CampaignForm item={campaignFor} onClose={() => setCampaignFor(null)} />
    </PageContainer>
  );
}

function PlanDetail({
  item: r,
  canManage,
  onEdit,
  onCampaign,
  onDeleted,
}: {
  item: PlanItemView;
  canManage: boolean;
  onEdit: () => void;
  onCampaign: () => void;
  onDeleted: () => void;
}) {
  const x = usePlanText();
  const { l: label } = useI18n();
  const queryClient = useQueryClient();
  const showError = useShowError();
  const { message } = App.useApp();
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['plans'] });
  const unlink = useMutation({
    mutationFn: (l: { recordKind: string; recordId: string }) =>
      api.del(`/plans/${r.id}/links/${l.recordKind}/${l.recordId}`),
    onSuccess: refresh,
    onError: showError,
  });
  const remove = useMutation({
    mutationFn: () => api.del(`/plans/${r.id}`),
    onSuccess: () => {
      message.success(x.deleted);
      refresh();
      onDeleted();
    },
    onError: showError,
  });
  return (
    <div data-testid="plan-detail">
      <Descriptions column={1} size="small" bordered styles={{ label: { whiteSpace: 'nowrap' } }}>
        <Descriptions.Item label={x.state}>
          <Space>
            <StateTag state={r.state} />
            <Progress percent={r.progress} size="small" style={{ width: 160, margin: 0 }} />
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label={x.periodLabel}>{periodOf(x, r)}</Descriptions.Item>
        <Descriptions.Item label={x.kind}>{label(WORK_PLAN_KIND_LABELS, r.kind)}</Descriptions.Item>
        <Descriptions.Item label={x.ownerUnit}>{r.ownerUnit}</Descriptions.Item>
        <Descriptions.Item label={x.dueOn}>{r.dueOn}</Descriptions.Item>
        <Descriptions.Item label={x.content}>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{r.content ?? '—'}</Typography.Paragraph>
        </Descriptions.Item>
      </Descriptions>
      {canManage && (
        <Space wrap style={{ marginTop: 12 }}>
          <Button type="primary" icon={<FlagOutlined />} onClick={onCampaign} data-testid="plan-make-campaign">
            {x.makeCampaign}
          </Button>
          <Button icon={<EditOutlined />} onClick={onEdit} data-testid="plan-edit">
            {x.edit}
          </Button>
          <Popconfirm title={x.deleteConfirm} onConfirm={() => remove.mutate()}>
            <Button danger icon={<DeleteOutlined />}>
              {x.remove}
            </Button>
          </Popconfirm>
        </Space>
      )}
      <Typography.Title level={5} style={{ marginTop: 20 }}>
        {x.links}
      </Typography.Title>
      <List
        size="small"
        bordered
        dataSource={r.links}
        locale={{ emptyText: <Empty description={x.noLinks} /> }}
        data-testid="plan-links"
        renderItem={(l) => (
          <List.Item
            actions={
              canManage
                ? [
                    <Popconfirm key="unlink" title={x.unlinkConfirm} onConfirm={() => unlink.mutate(l)}>
                      <Button type="link" size="small">
                        {x.unlink}
                      </Button>
                    </Popconfirm>,
                  ]
                : []
            }
          >
            <Space wrap>
              <Tag>{label(WORK_PLAN_LINK_KIND_LABELS, l.recordKind)}</Tag>
              <Link to={l.href} data-testid="plan-link">
                {l.title ?? x.invisible}
              </Link>
              <Typography.Text type="secondary">{l.date}</Typography.Text>
              <Tag color={LINK_COLOURS[l.state]}>{label(WORK_PLAN_LINK_STATE_LABELS, l.state)}</Tag>
            </Space>
          </List.Item>
        )}
      />
      {canManage && <LinkForm itemId={r.id} />}
      <Typography.Paragraph type="secondary" style={{ marginTop: 12, fontSize: 12 }}>
        {x.definition}
      </Typography.Paragraph>
    </div>
  );
}

interface Option {
  value: string;
  label: string;
}

/** Candidates of a kind, from that module's own list (search by text). */
async function searchRecords(x: PlanText, kind: PlanLinkKind, q: string): Promise<Option[]> {
  const query = { q: q || undefined, pageSize: 20, order: 'desc' };
  switch (kind) {
    case 'campaign':
      return (await api.get<Page<{ id: string; name: string; startsOn: string }>>('/campaigns', query)).items.map(
        (c) => ({ value: c.id, label: `${c.startsOn} ${c.name}` }),
      );
    case 'training':
      return (
        await api.get<Page<{ id: string; title: string; occurredOn: string }>>('/training/sessions', query)
      ).items.map((s) => ({ value: s.id, label: `${s.occurredOn} ${s.title}` }));
    case 'meeting':
      return (await api.get<Page<{ id: string; topic: string; heldOn: string }>>('/meetings', query)).items.map(
        (m) => ({ value: m.id, label: `${m.heldOn} ${m.topic}` }),
      );
    case 'drill':
      return (await api.get<Page<{ id: string; title: string; heldOn: string }>>('/drills', query)).items.map((d) => ({
        value: d.id,
        label: `${d.heldOn} ${d.title}`,
      }));
    case 'publicity':
      return (await api.get<Page<{ id: string; theme: string; startsOn: string }>>('/publicity', query)).items.map(
        (p) => ({ value: p.id, label: `${p.startsOn} ${p.theme}` }),
      );
    case 'letter':
      return (
        await api.get<{ items: { id: string; year: number; content: { title: string } }[] }>(
          '/responsibility/templates',
        )
      ).items.map((t) => ({ value: t.id, label: x.letterOption(t.year, t.content.title) }));
  }
}

function LinkForm({ itemId }: { itemId: string }) {
  const x = usePlanText();
  const { l } = useI18n();
  const [form] = Form.useForm<{ recordKind: PlanLinkKind; recordId: string }>();
  const showError = useShowError(form);
  const queryClient = useQueryClient();
  const kind = Form.useWatch('recordKind', form) ?? 'campaign';
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim());
  const options = useQuery({ queryKey: ['plans', 'candidates', kind, q], queryFn: () => searchRecords(x, kind, q) });
  const save = useMutation({
    mutationFn: (v: { recordKind: PlanLinkKind; recordId: string }) => api.post(`/plans/${itemId}/links`, v),
    onSuccess: () => {
      form.resetFields(['recordId']);
      void queryClient.invalidateQueries({ queryKey: ['plans'] });
    },
    onError: showError,
  });
  return (
    <Form
      form={form}
      layout="inline"
      style={{ marginTop: 12, rowGap: 8 }}
      initialValues={{ recordKind: 'campaign' }}
      onFinish={(v) => save.mutate(v)}
      data-testid="plan-link-form"
    >
      <Form.Item name="recordKind">
        <Select
          style={{ width: 120 }}
          options={PLAN_LINK_KINDS.map((k) => ({ value: k, label: l(WORK_PLAN_LINK_KIND_LABELS, k) }))}
          onChange={() => form.resetFields(['recordId'])}
        />
      </Form.Item>
      <Form.Item name="recordId" rules={[{ required: true, message: x.recordRequired }]} style={{ minWidth: 260 }}>
        <Select
          showSearch
          filterOption={false}
          onSearch={setSearch}
          loading={options.isFetching}
          options={options.data ?? []}
          placeholder={x.recordPlaceholder}
          style={{ width: 280 }}
          data-testid="plan-link-record"
        />
      </Form.Item>
      <Form.Item>
        <Button htmlType="submit" loading={save.isPending} data-testid="plan-link-submit">
          {x.link}
        </Button>
      </Form.Item>
    </Form>
  );
}

function Proposals({
  canManage,
  onAdopt,
}: {
  canManage: boolean;
  onAdopt: (p: ProposalView, year: number, quarter: number) => void;
}) {
  const x = usePlanText();
  const { t } = useI18n();
  const [year, setYear] = useState(thisYear);
  const [quarter, setQuarter] = useState(thisQuarter);
  const mobile = Grid.useBreakpoint().md === false;
  const proposals = useQuery({
    queryKey: ['plans', 'proposals', year, quarter],
    queryFn: () => api.get<{ items: ProposalView[]; missing: string[] }>('/plans/proposals', { year, quarter }),
  });
  const period = (
    <Space>
      <Select
        value={year}
        onChange={setYear}
        style={{ width: 100 }}
        options={YEARS.map((y) => ({ value: y, label: x.yearName(y) }))}
      />
      <Select
        value={quarter}
        onChange={setQuarter}
        style={{ width: 110 }}
        options={[1, 2, 3, 4].map((q) => ({ value: q, label: x.quarterName(q) }))}
        data-testid="plan-proposals-quarter"
      />
    </Space>
  );
  return (
    <Card
      style={{ marginTop: 16 }}
      data-testid="plan-proposals"
      title={
        <Space>
          <CalendarOutlined />
          {x.proposals}
        </Space>
      }
      extra={mobile ? undefined : period}
    >
      {mobile && <div style={{ marginBottom: 8 }}>{period}</div>}
      {proposals.data?.missing.length ? (
        <Alert type="info" showIcon style={{ marginBottom: 8 }} message={proposals.data.missing.join(x.missingSep)} />
      ) : null}
      <List
        size="small"
        loading={proposals.isFetching}
        dataSource={proposals.data?.items ?? []}
        locale={{ emptyText: <Empty description={x.noProposals} /> }}
        renderItem={(p) => (
          <List.Item
            data-testid="plan-proposal"
            actions={[
              p.planned ? (
                <Tag key="planned" color="success">
                  {x.planned}
                </Tag>
              ) : canManage ? (
                <Button key="adopt" size="small" onClick={() => onAdopt(p, year, quarter)} data-testid="plan-adopt">
                  {x.adopt}
                </Button>
              ) : null,
            ]}
          >
            <List.Item.Meta
              title={
                <Space wrap>
                  <Tag color="blue">{p.name}</Tag>
                  {p.title}
                </Space>
              }
              description={x.proposalLine(
                p.startsOn,
                p.endsOn,
                p.campaignTypes.map((c) => t.campaign.types[c] ?? c),
              )}
            />
          </List.Item>
        )}
      />
    </Card>
  );
}

interface FormValues {
  year: number;
  quarter: number | null;
  kind: PlanKind;
  title: string;
  content?: string;
  ownerUnit: string;
  dueOn: string;
  season?: string | null;
}

function PlanForm({
  target,
  onClose,
  onSaved,
}: {
  target: Editing;
  onClose: () => void;
  onSaved: (id: string) => void;
}) {
  const x = usePlanText();
  const { l } = useI18n();
  const { message } = App.useApp();
  const mobile = Grid.useBreakpoint().md === false;
  const [form] = Form.useForm<FormValues>();
  const showError = useShowError(form);
  const queryClient = useQueryClient();
  const editing = target && target !== 'new' && 'id' in target ? target : null;
  const proposal = target && target !== 'new' && 'proposal' in target ? target : null;
  const initial: Partial<FormValues> = editing
    ? { ...editing, content: editing.content ?? undefined }
    : proposal
      ? {
          year: proposal.year,
          quarter: proposal.quarter,
          kind: proposal.proposal.kind,
          title: proposal.proposal.title,
          content: proposal.proposal.content,
          dueOn: proposal.proposal.dueOn,
          season: proposal.proposal.season,
          ownerUnit: x.defaultOwner,
        }
      : { year: thisYear, quarter: thisQuarter, kind: 'campaign' };
  const save = useMutation({
    mutationFn: (v: FormValues) => {
      const body = { ...v, quarter: v.quarter ?? null, season: v.season ?? null };
      return editing
        ? api.put<PlanItemView>(`/plans/${editing.id}`, { ...body, rowVersion: editing.rowVersion })
        : api.post<PlanItemView>('/plans', body);
    },
    onSuccess: (r) => {
      message.success(x.saved);
      void queryClient.invalidateQueries({ queryKey: ['plans'] });
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
      title={editing ? x.editTitle : x.create}
      destroyOnHidden
      extra={
        <Button type="primary" loading={save.isPending} onClick={() => form.submit()} data-testid="plan-submit">
          {x.save}
        </Button>
      }
    >
      <Form<FormValues>
        form={form}
        layout="vertical"
        initialValues={initial}
        onFinish={(v) => save.mutate(v)}
        data-testid="plan-form"
      >
        <Form.Item name="season" hidden>
          <Input />
        </Form.Item>
        <Space wrap>
          <Form.Item name="year" label={x.year} rules={[{ required: true, message: x.yearFill }]}>
            <InputNumber min={2000} max={2100} precision={0} data-testid="plan-year" />
          </Form.Item>
          <Form.Item name="quarter" label={x.quarter}>
            <Select
              allowClear
              placeholder={x.wholeYear}
              style={{ width: 120 }}
              options={[1, 2, 3, 4].map((q) => ({ value: q, label: x.quarterName(q) }))}
            />
          </Form.Item>
          <Form.Item name="kind" label={x.kind} rules={[{ required: true, message: x.kindRequired }]}>
            <Select
              style={{ width: 140 }}
              options={PLAN_KINDS.map((k) => ({ value: k, label: l(WORK_PLAN_KIND_LABELS, k) }))}
              data-testid="plan-kind"
            />
          </Form.Item>
        </Space>
        <Form.Item
          name="title"
          label={x.item}
          rules={[
            { required: true, message: x.itemRequired },
            { min: 4, message: x.itemMin },
          ]}
        >
          <Input maxLength={200} data-testid="plan-title" />
        </Form.Item>
        <Form.Item name="content" label={x.content}>
          <Input.TextArea rows={4} maxLength={4000} />
        </Form.Item>
        <Form.Item
          name="ownerUnit"
          label={x.ownerUnit}
          rules={[
            { required: true, message: x.ownerRequired },
            { min: 2, message: x.ownerMin },
          ]}
        >
          <Input maxLength={100} placeholder={x.ownerPlaceholder} data-testid="plan-owner" />
        </Form.Item>
        <Form.Item name="dueOn" label={x.dueOn} rules={[{ required: true, message: x.dueRequired }]}>
          <IsoDatePicker data-testid="plan-due" />
        </Form.Item>
      </Form>
    </Drawer>
  );
}

interface CampaignValues {
  name: string;
  campaignTypes: string[];
  startsOn: string;
  endsOn: string;
  domains: string[];
  tags?: string[];
  areas?: string[];
  enterpriseIds?: string[];
}

/** 生成检查行动: the campaign's targets (the item gives the rest), created and linked by the server in one step. */
function CampaignForm({ item, onClose }: { item: PlanItemView | null; onClose: () => void }) {
  const { lang, t } = useI18n();
  const x = usePlanText();
  const { message } = App.useApp();
  const mobile = Grid.useBreakpoint().md === false;
  const [form] = Form.useForm<CampaignValues>();
  const showError = useShowError(form);
  const queryClient = useQueryClient();
  const areas = useHomeStats().data?.enterprises.byArea.map((a) => ({ value: a.key, label: a.key })) ?? [];
  const save = useMutation({
    mutationFn: (v: CampaignValues) =>
      api.post<PlanItemView>(`/plans/${item!.id}/campaign`, {
        name: v.name,
        campaignTypes: v.campaignTypes,
        startsOn: v.startsOn,
        endsOn: v.endsOn,
        domains: v.domains,
        target: { tags: v.tags ?? [], areas: v.areas ?? [], enterpriseIds: v.enterpriseIds ?? [] },
      }),
    onSuccess: () => {
      message.success(x.campaignCreated);
      void queryClient.invalidateQueries({ queryKey: ['plans'] });
      void queryClient.invalidateQueries({ queryKey: ['campaigns'] });
      onClose();
    },
    onError: (e) => {
      showError(e);
    },
  });
  const start = item && today <= item.dueOn ? today : item?.dueOn;
  return (
    <Drawer
      open={Boolean(item)}
      onClose={onClose}
      size={mobile ? '100%' : 560}
      title={x.makeCampaign}
      destroyOnHidden
      extra={
        <Button
          type="primary"
          loading={save.isPending}
          onClick={() => form.submit()}
          data-testid="plan-campaign-submit"
        >
          {x.generate}
        </Button>
      }
    >
      {item && (
        <Form<CampaignValues>
          form={form}
          layout="vertical"
          data-testid="plan-campaign-form"
          initialValues={{
            name: item.title.slice(0, 100),
            campaignTypes: campaignTypesOf(item.season),
            startsOn: start,
            endsOn: item.dueOn,
            domains: ['production'],
          }}
          onFinish={(v) => {
            if (!(v.tags?.length || v.areas?.length || v.enterpriseIds?.length)) {
              form.setFields([{ name: 'tags', errors: [x.targetRequired] }]);
              return;
            }
            save.mutate(v);
          }}
        >
          <Form.Item
            name="name"
            label={x.campaignName}
            rules={[{ required: true, min: 4, message: x.campaignNameMin }]}
          >
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item
            name="campaignTypes"
            label={x.campaignTypes}
            rules={[{ required: true, message: x.campaignTypesRequired }]}
          >
            <Select
              mode="multiple"
              options={CAMPAIGN_TYPES.map((v) => ({ value: v, label: t.campaign.types[v] ?? v }))}
            />
          </Form.Item>
          <Space wrap>
            <Form.Item name="startsOn" label={x.startsOn} rules={[{ required: true, message: x.startsRequired }]}>
              <IsoDatePicker />
            </Form.Item>
            <Form.Item name="endsOn" label={x.endsOn} rules={[{ required: true, message: x.endsRequired }]}>
              <IsoDatePicker />
            </Form.Item>
          </Space>
          <Form.Item name="domains" label={x.domains} rules={[{ required: true, type: 'array', min: 1 }]}>
            <Checkbox.Group options={codeOptions(HAZARD_DOMAINS, HAZARD_DOMAIN_LABELS, lang)} />
          </Form.Item>
          <Form.Item name="tags" label={x.targetTags}>
            <Select
              mode="multiple"
              allowClear
              options={codeOptions(SUPERVISION_TAGS, SUPERVISION_TAG_LABELS, lang)}
              data-testid="plan-campaign-tags"
            />
          </Form.Item>
          <Form.Item name="areas" label={x.targetAreas}>
            <Select mode="multiple" allowClear options={areas} />
          </Form.Item>
          <Form.Item name="enterpriseIds" label={x.targetEnterprises}>
            <EnterprisesPicker testId="plan-campaign-enterprises" />
          </Form.Item>
        </Form>
      )}
    </Drawer>
  );
}
