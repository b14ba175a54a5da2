// 工作计划: the year's and quarter's plan items with filters (year, quarter, kind, derived state), Excel export and
// 导出计划文档 (the chosen year's or quarter's plan as an official Word document, the next quarter by default); an
// item in a drawer (?plan=<id>) with the records that carry it out (each opens its own page), linking more, and
// 生成检查行动; the seasonal calendar's proposals for a chosen quarter; the committee's form. State and progress come
// from the server, derived from the linked records — nothing here sets them.
import {
  CalendarOutlined,
  DeleteOutlined,
  DownloadOutlined,
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
import { CAMPAIGN_TYPE_NAMES, CAMPAIGN_TYPES } from '../../../../shared/src/campaigns';
import { SUPERVISION_TAGS } from '../../../../shared/src/enterprises';
import { HAZARD_DOMAINS } from '../../../../shared/src/hazards';
import { SUPERVISION_TAG_LABELS } from '../../../../shared/src/labels';
import {
  campaignTypesOf,
  LINK_STATE_NAMES,
  type LinkState,
  PLAN_KIND_NAMES,
  PLAN_KINDS,
  PLAN_LINK_KIND_NAMES,
  PLAN_LINK_KINDS,
  PLAN_STATE_NAMES,
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

const STATE_COLOURS: Record<PlanState, string> = {
  notStarted: 'default',
  inProgress: 'processing',
  done: 'success',
  overdue: 'error',
};
const LINK_COLOURS: Record<LinkState, string> = { done: 'success', ongoing: 'processing', void: 'default' };

export const StateTag = ({ state }: { state: PlanState }) => (
  <Tag color={STATE_COLOURS[state]} data-testid="plan-state">
    {PLAN_STATE_NAMES[state]}
  </Tag>
);

type Filters = { year?: string; quarter?: string; kind?: string; state?: string; q?: string };
type PlanPageData = Page<PlanItemView> & { byState: Record<PlanState, number> };

const today = shanghaiToday();
const thisYear = Number(today.slice(0, 4));
const thisQuarter = Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1;
const YEARS = [thisYear - 1, thisYear, thisYear + 1];
const periodOf = (i: { year: number; quarter: number | null }) =>
  `${i.year}年${i.quarter ? `第${i.quarter}季度` : '全年'}`;

/** 下一阶段: the quarter after today's. */
const NEXT = thisQuarter === 4 ? { year: thisYear + 1, quarter: 1 } : { year: thisYear, quarter: thisQuarter + 1 };
const QUARTER_OPTIONS = [
  { value: 0, label: '全年（年度工作计划）' },
  ...[1, 2, 3, 4].map((q) => ({ value: q, label: `第${'一二三四'[q - 1]}季度` })),
];

/**
 * 导出计划文档: the plan of a year or a quarter (the list's filter when one is set, otherwise the next quarter) as Word in
 * the official layout — one chapter per kind, each item with its owner unit and due date. A period without items is
 * refused by the server with the field named.
 */
function PlanDocumentButton({ filters }: { filters: Filters }) {
  const [form] = Form.useForm<{ year: number; quarter: number }>();
  const [open, setOpen] = useState(false);
  const showError = useShowError(form);
  const download = useMutation({
    mutationFn: ({ year, quarter }: { year: number; quarter: number }) =>
      api.downloadGet(
        '/plans/document',
        { year, quarter: quarter || undefined },
        `${year}年${quarter ? `第${'一二三四'[quarter - 1]}季度` : '年度'}安全生产工作计划.docx`,
      ),
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
        导出计划文档
      </Button>
      <Modal
        title="导出计划文档（Word）"
        open={open}
        onCancel={() => setOpen(false)}
        footer={[
          <Button key="cancel" onClick={() => setOpen(false)}>
            取消
          </Button>,
          <Button
            key="ok"
            type="primary"
            loading={download.isPending}
            onClick={() => form.submit()}
            data-testid="plan-document-ok"
          >
            导出
          </Button>,
        ]}
        forceRender
      >
        <Typography.Paragraph type="secondary">
          按公文格式生成该期间的工作计划：按类别分章（一、（一）、1.），列出每项的工作内容、责任单位、完成时限和已关联的落实记录，附计划事项一览表。季度计划含该季度的事项及完成时限在该季度内的年度事项。
        </Typography.Paragraph>
        <Form form={form} layout="inline" onFinish={(v) => download.mutate(v)}>
          <Form.Item name="year" label="年度" rules={[{ required: true, message: '请选择年度' }]}>
            <InputNumber min={2000} max={2100} precision={0} data-testid="plan-document-year" />
          </Form.Item>
          <Form.Item name="quarter" label="期间">
            <Select options={QUARTER_OPTIONS} style={{ width: 200 }} data-testid="plan-document-quarter" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

/** A new item, or one prefilled from a seasonal proposal. */
type Editing = PlanItemView | { proposal: ProposalView; year: number; quarter: number } | 'new' | null;

export default function PlansPage() {
  const { t } = useI18n();
  const me = useMe();
  const mobile = Grid.useBreakpoint().md === false;
  const list = useListState<PlanItemView, Filters>({ order: 'asc' }, { url: { ignore: ['plan'] } });
  const [openId, open] = useOpenParam('plan');
  const [editing, setEditing] = useState<Editing>(null);
  const [campaignFor, setCampaignFor] = useState<PlanItemView | null>(null);
  const showError = useShowError();
  const canManage = me.role === 'admin' || me.role === 'supervisor';
  const page = useQuery({
    queryKey: ['plans', list.query],
    queryFn: () => api.get<PlanPageData>('/plans', list.query),
    placeholderData: keepPreviousData,
  });
  const exportFile = useMutation({
    mutationFn: () => api.downloadGet('/plans/export', list.filters, '工作计划.xlsx'),
    onError: showError,
  });

  const columns: TableColumnsType<PlanItemView> = [
    { title: '计划事项', dataIndex: 'title', render: (v: string) => <strong>{v}</strong> },
    { title: '类别', dataIndex: 'kind', width: 100, render: (v: PlanKind) => PLAN_KIND_NAMES[v] },
    { title: '期间', key: 'period', width: 140, render: (_, r) => periodOf(r) },
    { title: '责任单位', dataIndex: 'ownerUnit', width: 160 },
    { title: '完成时限', dataIndex: 'dueOn', width: 110 },
    { title: '状态', dataIndex: 'state', width: 90, render: (v: PlanState) => <StateTag state={v} /> },
    {
      title: '进度',
      dataIndex: 'progress',
      width: 140,
      render: (v: number, r) => (
        <Progress percent={v} size="small" status={r.state === 'overdue' ? 'exception' : undefined} />
      ),
    },
    { title: '落实记录', key: 'links', width: 90, align: 'right', render: (_, r) => r.links.length },
  ];

  return (
    <PageContainer
      title={t.menu.workPlans}
      extra={
        <Space wrap>
          <Button
            icon={<DownloadOutlined />}
            loading={exportFile.isPending}
            onClick={() => exportFile.mutate()}
            data-testid="plan-export"
          >
            导出 Excel
          </Button>
          <PlanDocumentButton filters={list.filters} />
          {canManage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="plan-create">
              新增计划事项
            </Button>
          )}
        </Space>
      }
    >
      <FilterBar<Filters> onSearch={list.setFilters}>
        <Form.Item name="year">
          <Select
            allowClear
            placeholder="年度"
            style={{ width: 110 }}
            options={YEARS.map((y) => ({ value: String(y), label: `${y}年` }))}
            data-testid="plan-filter-year"
          />
        </Form.Item>
        <Form.Item name="quarter">
          <Select
            allowClear
            placeholder="季度"
            style={{ width: 110 }}
            options={[1, 2, 3, 4].map((q) => ({ value: String(q), label: `第${q}季度` }))}
          />
        </Form.Item>
        <Form.Item name="kind">
          <Select
            allowClear
            placeholder="类别"
            style={{ width: 120 }}
            options={PLAN_KINDS.map((k) => ({ value: k, label: PLAN_KIND_NAMES[k] }))}
          />
        </Form.Item>
        <Form.Item name="state">
          <Select
            allowClear
            placeholder="状态"
            style={{ width: 110 }}
            options={PLAN_STATES.map((s) => ({ value: s, label: PLAN_STATE_NAMES[s] }))}
            data-testid="plan-filter-state"
          />
        </Form.Item>
        <Form.Item name="q">
          <Input allowClear placeholder="事项、内容或责任单位" style={{ width: 200 }} />
        </Form.Item>
      </FilterBar>
      {page.data && (
        <Space wrap style={{ marginBottom: 12 }} data-testid="plan-by-state">
          {PLAN_STATES.map((s) => (
            <Tag key={s} color={STATE_COLOURS[s]}>
              {PLAN_STATE_NAMES[s]} {page.data.byState[s] ?? 0}
            </Tag>
          ))}
          <Typography.Text type="secondary">状态由关联的检查行动、培训、会议等记录推算，不手工填写</Typography.Text>
        </Space>
      )}
      <ListView<PlanItemView>
        page={page}
        list={list}
        mobile={mobile}
        columns={columns}
        onOpen={(r) => open(r.id)}
        empty="暂无计划事项"
        testId="plans"
        width={1100}
        card={(r) => (
          <Card key={r.id} size="small" className="list-card" onClick={() => open(r.id)} data-testid="plan-card">
            <Space style={{ justifyContent: 'space-between', width: '100%' }}>
              <strong>{r.title}</strong>
              <StateTag state={r.state} />
            </Space>
            <div>
              {PLAN_KIND_NAMES[r.kind]} · {r.ownerUnit} · 时限 {r.dueOn}
            </div>
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
        title={(r) => r?.title ?? '计划事项'}
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
      message.success('已删除计划事项');
      refresh();
      onDeleted();
    },
    onError: showError,
  });
  return (
    <div data-testid="plan-detail">
      <Descriptions column={1} size="small" bordered styles={{ label: { whiteSpace: 'nowrap' } }}>
        <Descriptions.Item label="状态">
          <Space>
            <StateTag state={r.state} />
            <Progress percent={r.progress} size="small" style={{ width: 160, margin: 0 }} />
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label="期间">{periodOf(r)}</Descriptions.Item>
        <Descriptions.Item label="类别">{PLAN_KIND_NAMES[r.kind]}</Descriptions.Item>
        <Descriptions.Item label="责任单位">{r.ownerUnit}</Descriptions.Item>
        <Descriptions.Item label="完成时限">{r.dueOn}</Descriptions.Item>
        <Descriptions.Item label="工作内容">
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{r.content ?? '—'}</Typography.Paragraph>
        </Descriptions.Item>
      </Descriptions>
      {canManage && (
        <Space wrap style={{ marginTop: 12 }}>
          <Button type="primary" icon={<FlagOutlined />} onClick={onCampaign} data-testid="plan-make-campaign">
            生成检查行动
          </Button>
          <Button icon={<EditOutlined />} onClick={onEdit} data-testid="plan-edit">
            编辑
          </Button>
          <Popconfirm title="删除该计划事项？关联的记录保留。" onConfirm={() => remove.mutate()}>
            <Button danger icon={<DeleteOutlined />}>
              删除
            </Button>
          </Popconfirm>
        </Space>
      )}
      <Typography.Title level={5} style={{ marginTop: 20 }}>
        落实记录
      </Typography.Title>
      <List
        size="small"
        bordered
        dataSource={r.links}
        locale={{ emptyText: <Empty description="尚未关联检查行动、培训、会议等记录" /> }}
        data-testid="plan-links"
        renderItem={(l) => (
          <List.Item
            actions={
              canManage
                ? [
                    <Popconfirm key="unlink" title="取消关联？记录本身保留。" onConfirm={() => unlink.mutate(l)}>
                      <Button type="link" size="small">
                        取消关联
                      </Button>
                    </Popconfirm>,
                  ]
                : []
            }
          >
            <Space wrap>
              <Tag>{PLAN_LINK_KIND_NAMES[l.recordKind]}</Tag>
              <Link to={l.href} data-testid="plan-link">
                {l.title ?? '（记录已不可见）'}
              </Link>
              <Typography.Text type="secondary">{l.date}</Typography.Text>
              <Tag color={LINK_COLOURS[l.state]}>{LINK_STATE_NAMES[l.state]}</Tag>
            </Space>
          </List.Item>
        )}
      />
      {canManage && <LinkForm itemId={r.id} />}
      <Typography.Paragraph type="secondary" style={{ marginTop: 12, fontSize: 12 }}>
        口径：关联记录全部完成（检查行动已结束或期限已过、培训/会议/演练已举行、宣传活动已结束、责任书全部签订）为已完成；
        已过完成时限且未完成为逾期；有关联记录为进行中；已取消的检查行动不计。
      </Typography.Paragraph>
    </div>
  );
}

interface Option {
  value: string;
  label: string;
}

/** Candidates of a kind, from that module's own list (search by text). */
async function searchRecords(kind: PlanLinkKind, q: string): Promise<Option[]> {
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
      ).items.map((t) => ({ value: t.id, label: `${t.year}年度 ${t.content.title}` }));
  }
}

function LinkForm({ itemId }: { itemId: string }) {
  const [form] = Form.useForm<{ recordKind: PlanLinkKind; recordId: string }>();
  const showError = useShowError(form);
  const queryClient = useQueryClient();
  const kind = Form.useWatch('recordKind', form) ?? 'campaign';
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim());
  const options = useQuery({ queryKey: ['plans', 'candidates', kind, q], queryFn: () => searchRecords(kind, q) });
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
          options={PLAN_LINK_KINDS.map((k) => ({ value: k, label: PLAN_LINK_KIND_NAMES[k] }))}
          onChange={() => form.resetFields(['recordId'])}
        />
      </Form.Item>
      <Form.Item name="recordId" rules={[{ required: true, message: '请选择要关联的记录' }]} style={{ minWidth: 260 }}>
        <Select
          showSearch
          filterOption={false}
          onSearch={setSearch}
          loading={options.isFetching}
          options={options.data ?? []}
          placeholder="搜索并选择记录"
          style={{ width: 280 }}
          data-testid="plan-link-record"
        />
      </Form.Item>
      <Form.Item>
        <Button htmlType="submit" loading={save.isPending} data-testid="plan-link-submit">
          关联
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
        options={YEARS.map((y) => ({ value: y, label: `${y}年` }))}
      />
      <Select
        value={quarter}
        onChange={setQuarter}
        style={{ width: 110 }}
        options={[1, 2, 3, 4].map((q) => ({ value: q, label: `第${q}季度` }))}
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
          节日和季节性检查建议
        </Space>
      }
      extra={mobile ? undefined : period}
    >
      {mobile && <div style={{ marginBottom: 8 }}>{period}</div>}
      {proposals.data?.missing.length ? (
        <Alert type="info" showIcon style={{ marginBottom: 8 }} message={proposals.data.missing.join('；')} />
      ) : null}
      <List
        size="small"
        loading={proposals.isFetching}
        dataSource={proposals.data?.items ?? []}
        locale={{ emptyText: <Empty description="本季度没有节日或季节性检查" /> }}
        renderItem={(p) => (
          <List.Item
            data-testid="plan-proposal"
            actions={[
              p.planned ? (
                <Tag key="planned" color="success">
                  已列入计划
                </Tag>
              ) : canManage ? (
                <Button key="adopt" size="small" onClick={() => onAdopt(p, year, quarter)} data-testid="plan-adopt">
                  列入计划
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
              description={`${p.startsOn} 至 ${p.endsOn} · ${p.campaignTypes.map((c) => CAMPAIGN_TYPE_NAMES[c]).join('、')}`}
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
          ownerUnit: '高新区安委办',
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
      message.success('计划事项已保存');
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
      title={editing ? '编辑计划事项' : '新增计划事项'}
      destroyOnHidden
      extra={
        <Button type="primary" loading={save.isPending} onClick={() => form.submit()} data-testid="plan-submit">
          保存
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
          <Form.Item name="year" label="年度" rules={[{ required: true, message: '请填写年度' }]}>
            <InputNumber min={2000} max={2100} precision={0} data-testid="plan-year" />
          </Form.Item>
          <Form.Item name="quarter" label="季度">
            <Select
              allowClear
              placeholder="全年"
              style={{ width: 120 }}
              options={[1, 2, 3, 4].map((q) => ({ value: q, label: `第${q}季度` }))}
            />
          </Form.Item>
          <Form.Item name="kind" label="类别" rules={[{ required: true, message: '请选择事项类别' }]}>
            <Select
              style={{ width: 140 }}
              options={PLAN_KINDS.map((k) => ({ value: k, label: PLAN_KIND_NAMES[k] }))}
              data-testid="plan-kind"
            />
          </Form.Item>
        </Space>
        <Form.Item
          name="title"
          label="计划事项"
          rules={[
            { required: true, message: '请填写计划事项' },
            { min: 4, message: '计划事项至少 4 个字' },
          ]}
        >
          <Input maxLength={200} data-testid="plan-title" />
        </Form.Item>
        <Form.Item name="content" label="工作内容">
          <Input.TextArea rows={4} maxLength={4000} />
        </Form.Item>
        <Form.Item
          name="ownerUnit"
          label="责任单位"
          rules={[
            { required: true, message: '请填写责任单位' },
            { min: 2, message: '责任单位至少 2 个字' },
          ]}
        >
          <Input maxLength={100} placeholder="如：高新区安委办、应急组" data-testid="plan-owner" />
        </Form.Item>
        <Form.Item name="dueOn" label="完成时限" rules={[{ required: true, message: '请选择完成时限' }]}>
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
  const { lang } = useI18n();
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
      message.success('检查行动已生成并关联到计划事项');
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
      title="生成检查行动"
      destroyOnHidden
      extra={
        <Button
          type="primary"
          loading={save.isPending}
          onClick={() => form.submit()}
          data-testid="plan-campaign-submit"
        >
          生成
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
              form.setFields([{ name: 'tags', errors: ['请选择检查对象（按重点监管标签、片区或指定企业）'] }]);
              return;
            }
            save.mutate(v);
          }}
        >
          <Form.Item name="name" label="行动名称" rules={[{ required: true, min: 4, message: '行动名称至少 4 个字' }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="campaignTypes" label="行动类型" rules={[{ required: true, message: '请选择行动类型' }]}>
            <Select
              mode="multiple"
              options={CAMPAIGN_TYPES.map((v) => ({ value: v, label: CAMPAIGN_TYPE_NAMES[v] }))}
            />
          </Form.Item>
          <Space wrap>
            <Form.Item name="startsOn" label="开始日期" rules={[{ required: true, message: '请选择开始日期' }]}>
              <IsoDatePicker />
            </Form.Item>
            <Form.Item name="endsOn" label="结束日期" rules={[{ required: true, message: '请选择结束日期' }]}>
              <IsoDatePicker />
            </Form.Item>
          </Space>
          <Form.Item name="domains" label="检查领域" rules={[{ required: true, type: 'array', min: 1 }]}>
            <Checkbox.Group options={codeOptions(HAZARD_DOMAINS, HAZARD_DOMAIN_LABELS, lang)} />
          </Form.Item>
          <Form.Item name="tags" label="检查对象：重点监管标签">
            <Select
              mode="multiple"
              allowClear
              options={codeOptions(SUPERVISION_TAGS, SUPERVISION_TAG_LABELS, lang)}
              data-testid="plan-campaign-tags"
            />
          </Form.Item>
          <Form.Item name="areas" label="检查对象：片区">
            <Select mode="multiple" allowClear options={areas} />
          </Form.Item>
          <Form.Item name="enterpriseIds" label="检查对象：指定企业">
            <EnterprisesPicker testId="plan-campaign-enterprises" />
          </Form.Item>
        </Form>
      )}
    </Drawer>
  );
}
