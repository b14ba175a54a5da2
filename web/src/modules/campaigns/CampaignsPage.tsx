// 检查行动: the committee's campaigns (春季大检查, 汛期, 节前 …) with their progress — enterprises covered, 家次, 人次,
// hazards and how many are rectified — and the checklists inspectors use for them. Supervisors create campaigns and
// set their checklists, edit, close or cancel them; the other committee roles read them. A row opens the campaign
// (?campaign=<id>). A campaign may carry several types (汛期和高温期间大检查). Rates go through app/format.ts.
import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Descriptions,
  Flex,
  Form,
  Input,
  Modal,
  Popconfirm,
  Progress,
  Segmented,
  Select,
  Statistic,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import type { z } from 'zod';
import {
  CAMPAIGN_STATUSES,
  CAMPAIGN_TYPES,
  type CampaignEnterpriseRow,
  type CampaignView,
  type InspectorOptionList,
} from '../../../../shared/src/campaigns';
import { SUPERVISION_TAGS } from '../../../../shared/src/enterprises';
import { HAZARD_DOMAINS } from '../../../../shared/src/hazards';
import { SUPERVISION_TAG_LABELS } from '../../../../shared/src/labels';
import type { OrganisationView } from '../../../../shared/src/organisations';
import { ApiError, api, type Page, type QueryParams } from '../../app/api';
import { formatCount, formatPercent } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { useListState, useOpenParam } from '../../app/listState';
import { ListView } from '../../app/ui/ListView';
import { codeOptions } from '../../app/ui/options';
import { PageContainer } from '../../app/ui/PageContainer';
import { RecordDrawer } from '../../app/ui/RecordDrawer';
import { ChecklistPicker, type ChecklistRef, checklistKeys, refLabel } from '../checklists/common';
import { markServerFields, useHazardRights, useIsMobile } from '../hazards/common';
import { FormDrawer } from '../hazards/FormDrawer';
import { useBusyWalls } from '../hazards/HazardFields';
import { HAZARD_DOMAIN_LABELS } from '../hazards/labels';
import { EnterprisesPicker } from '../hazards/pickers';
import { useHomeStats } from '../home/homeStats';
import '../hazards/hazards.css';
import '../checklists/checklists.css';

export type Campaign = z.infer<typeof CampaignView>;

export const campaignKeys = {
  all: ['campaigns'] as const,
  list: (q: object) => ['campaigns', 'list', q] as const,
  detail: (id: string) => ['campaigns', 'detail', id] as const,
};

function useCampaignText() {
  const { t, l, lang } = useI18n();
  return {
    t,
    l,
    lang,
    p: t.campaign,
    typeLabel: (v: string) => t.campaign.types[v] ?? v,
    typesLabel: (v: string[]) => v.map((x) => t.campaign.types[x] ?? x).join(' + '),
  };
}

const STATUS_COLORS: Record<string, string> = { active: 'processing', closed: 'default', cancelled: 'error' };

function StatusTag({ status }: { status: string }) {
  const { p } = useCampaignText();
  return (
    <Tag color={STATUS_COLORS[status]} data-testid="campaign-status">
      {p.statuses[status] ?? status}
    </Tag>
  );
}

export default function CampaignsPage() {
  const { t, l, p, typeLabel, typesLabel } = useCampaignText();
  const rights = useHazardRights();
  const mobile = useIsMobile();
  const list = useListState<Campaign>({ order: 'desc' });
  const [openId, open] = useOpenParam('campaign');
  const [creating, setCreating] = useState(false);
  const page = useQuery({
    queryKey: campaignKeys.list(list.query),
    queryFn: () => api.get<Page<Campaign>>('/campaigns', list.query),
    placeholderData: keepPreviousData,
  });
  const setFilter = (key: string, value: string | undefined) =>
    list.setFilters({ ...list.filters, [key]: value } as QueryParams);
  const coverage = (c: Campaign) =>
    c.progress.targetEnterprises ? Math.round((c.progress.coveredEnterprises / c.progress.targetEnterprises) * 100) : 0;

  const columns: TableColumnsType<Campaign> = [
    {
      title: p.name,
      dataIndex: 'name',
      ellipsis: true,
      render: (v: string, row) => (
        <div className="hazard-cell-text">
          <Typography.Link>{v}</Typography.Link>
          <div className="hazard-hint">{typesLabel(row.campaignTypes)}</div>
        </div>
      ),
    },
    { title: p.status, dataIndex: 'status', width: 90, render: (v: string) => <StatusTag status={v} /> },
    { title: p.period, key: 'period', width: 200, render: (_, r) => `${r.startsOn} ~ ${r.endsOn}` },
    {
      title: p.domains,
      dataIndex: 'domains',
      width: 150,
      render: (v: string[]) => v.map((d) => l(HAZARD_DOMAIN_LABELS, d)).join('、'),
    },
    {
      title: p.checklists,
      dataIndex: 'checklists',
      width: 90,
      align: 'right',
      render: (v: ChecklistRef[]) => v.length || '—',
    },
    {
      title: p.progress,
      key: 'progress',
      width: 200,
      render: (_, r) => (
        <div>
          <Progress percent={coverage(r)} size="small" />
          <span className="hazard-hint">{p.coverage(r.progress.coveredEnterprises, r.progress.targetEnterprises)}</span>
        </div>
      ),
    },
    {
      title: p.hazards,
      key: 'hazards',
      width: 90,
      align: 'right',
      render: (_, r) => formatCount(r.progress.hazards),
    },
    {
      title: p.rate,
      key: 'rate',
      width: 90,
      align: 'right',
      // The server sends a percentage (66.7); shown as it is.
      render: (_, r) => <span data-testid="campaign-rate">{formatPercent(r.progress.rectificationRate)}</span>,
    },
  ];

  return (
    <PageContainer
      title={t.menu.campaigns}
      extra={
        rights.supervise && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setCreating(true)}
            data-testid="campaign-create"
          >
            {p.create}
          </Button>
        )
      }
    >
      <Card size="small" className="filter-card">
        <Flex gap={12} wrap vertical={mobile}>
          <Input.Search
            allowClear
            placeholder={p.search}
            style={{ width: mobile ? '100%' : 240 }}
            onSearch={(v) => setFilter('q', v.trim() || undefined)}
            data-testid="campaign-search"
          />
          <Select
            allowClear
            placeholder={p.type}
            style={{ width: mobile ? '100%' : 240 }}
            value={list.filters.campaignType as string | undefined}
            onChange={(v: string | undefined) => setFilter('campaignType', v)}
            options={CAMPAIGN_TYPES.map((v) => ({ value: v, label: typeLabel(v) }))}
          />
          <Select
            allowClear
            placeholder={p.status}
            style={{ width: mobile ? '100%' : 140 }}
            value={list.filters.status as string | undefined}
            onChange={(v: string | undefined) => setFilter('status', v)}
            options={CAMPAIGN_STATUSES.map((v) => ({ value: v, label: p.statuses[v] }))}
            data-testid="campaign-status-filter"
          />
        </Flex>
      </Card>
      <ListView<Campaign>
        page={page}
        list={list}
        mobile={mobile}
        columns={columns}
        card={(row) => (
          <Card key={row.id} size="small" hoverable className="hazard-card" onClick={() => open(row.id)}>
            <div className="hazard-card-head">
              <Typography.Text strong>{row.name}</Typography.Text>
              <StatusTag status={row.status} />
            </div>
            <div className="hazard-card-meta">
              {typesLabel(row.campaignTypes)} · {row.startsOn} ~ {row.endsOn}
            </div>
            <Progress percent={coverage(row)} size="small" />
            <div className="hazard-card-meta">
              {p.hazards} {formatCount(row.progress.hazards, '处')} · {p.rate}{' '}
              <span data-testid="campaign-rate">{formatPercent(row.progress.rectificationRate)}</span>
            </div>
          </Card>
        )}
        onOpen={(row) => open(row.id)}
        empty={p.empty}
        testId="campaign"
      />
      <CampaignDrawer id={openId} onClose={() => open(null)} />
      <CampaignFormDrawer
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(c) => {
          setCreating(false);
          open(c.id);
        }}
      />
    </PageContainer>
  );
}

interface CreateValues {
  name: string;
  campaignTypes: string[];
  period: [Dayjs, Dayjs];
  domains: string[];
  tags?: string[];
  enterpriseIds?: string[];
  areas?: string[];
  jointDepartmentIds?: string[];
  inspectorIds?: string[];
  description?: string;
  checklistTemplateIds?: string[];
}

/** New campaign, or (campaign given) the edit of an active one: the fields as saved, the targets as chosen. */
function CampaignFormDrawer({
  open,
  onClose,
  onCreated,
  campaign,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (c: Campaign) => void;
  campaign?: Campaign;
}) {
  const { t, lang, p, typeLabel } = useCampaignText();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<CreateValues>();
  const walls = useBusyWalls();
  // Choices for the targets and the team: the park's areas, its member departments, its inspection staff.
  const areas = useHomeStats().data?.enterprises.byArea.map((a) => ({ value: a.key, label: a.key })) ?? [];
  const departments = useQuery({
    queryKey: ['organisations', 'list', { kind: 'department' }],
    queryFn: () => api.get<Page<OrganisationView>>('/organisations', { kind: 'department', pageSize: 100 }),
    enabled: open,
  });
  const staff = useQuery({
    queryKey: ['inspections', 'inspector-options'],
    queryFn: () => api.get<z.infer<typeof InspectorOptionList>>('/inspections/inspector-options'),
    enabled: open,
  });
  const create = useMutation({
    mutationFn: (v: CreateValues) => {
      const target = { tags: v.tags ?? [], areas: v.areas ?? [], enterpriseIds: v.enterpriseIds ?? [] };
      const fields = {
        name: v.name,
        campaignTypes: v.campaignTypes,
        startsOn: v.period[0].format('YYYY-MM-DD'),
        endsOn: v.period[1].format('YYYY-MM-DD'),
        domains: v.domains,
        description: v.description || null,
        jointDepartmentIds: v.jointDepartmentIds ?? [],
        inspectorIds: v.inspectorIds ?? [],
      };
      if (!campaign) {
        return api.post<Campaign>('/campaigns', {
          ...fields,
          target,
          checklistTemplateIds: v.checklistTemplateIds ?? [],
        });
      }
      // An edit left with no target choice keeps the campaign's targets (one created before they were recorded).
      const chosen = target.tags.length + target.areas.length + target.enterpriseIds.length > 0;
      return api.patch<Campaign>(`/campaigns/${campaign.id}`, { ...fields, ...(chosen ? { target } : {}) });
    },
    onSuccess: (c) => {
      message.success(campaign ? p.saved : p.created);
      void queryClient.invalidateQueries({ queryKey: campaignKeys.all });
      void queryClient.invalidateQueries({ queryKey: checklistKeys.all });
      onCreated(c);
    },
    onError: (error) => {
      markServerFields(form, error);
      // The form has one period field and the target as two fields.
      if (error instanceof ApiError) {
        const period = error.fields.startsOn ?? error.fields.endsOn;
        if (period) form.setFields([{ name: 'period', errors: [period] }]);
        if (error.fields.target) form.setFields([{ name: 'tags', errors: [error.message] }]);
      }
      message.error(error.message);
    },
  });
  return (
    <FormDrawer
      title={campaign ? p.editTitle : p.createTitle}
      open={open}
      onClose={onClose}
      width={720}
      form={form}
      walls={walls}
      submitting={create.isPending}
      submitText={campaign ? t.common.save : p.create}
      submitTestId="campaign-submit"
    >
      <Form<CreateValues>
        form={form}
        layout="vertical"
        name="campaign"
        initialValues={campaign ? editValues(campaign) : { domains: ['production'] }}
        onFinish={(v) => create.mutate(v)}
        scrollToFirstError
        data-testid="campaign-form"
      >
        <Form.Item name="name" label={p.name} rules={[{ required: true, whitespace: true, message: p.nameRequired }]}>
          <Input maxLength={100} data-testid="campaign-name" />
        </Form.Item>
        <Form.Item
          name="campaignTypes"
          label={p.type}
          rules={[{ required: true, type: 'array', min: 1, message: p.typeRequired }]}
        >
          <Select
            mode="multiple"
            options={CAMPAIGN_TYPES.map((v) => ({ value: v, label: typeLabel(v) }))}
            data-testid="campaign-type"
          />
        </Form.Item>
        <Form.Item name="period" label={p.period} rules={[{ required: true, message: p.periodRequired }]}>
          <DatePicker.RangePicker className="hazard-full" data-testid="campaign-period" />
        </Form.Item>
        <Form.Item name="domains" label={p.domains} rules={[{ required: true, type: 'array', min: 1 }]}>
          <Checkbox.Group options={codeOptions(HAZARD_DOMAINS, HAZARD_DOMAIN_LABELS, lang)} />
        </Form.Item>
        <Form.Item name="tags" label={p.tags} extra={p.tagsHint}>
          <Select
            mode="multiple"
            allowClear
            options={codeOptions(SUPERVISION_TAGS, SUPERVISION_TAG_LABELS, lang)}
            data-testid="campaign-tags"
          />
        </Form.Item>
        <Form.Item name="areas" label={p.areas}>
          <Select mode="multiple" allowClear options={areas} data-testid="campaign-areas" />
        </Form.Item>
        <Form.Item name="enterpriseIds" label={p.enterprises}>
          <EnterprisesPicker
            testId="campaign-enterprises"
            knownNames={Object.fromEntries((campaign?.target?.enterprises ?? []).map((e) => [e.id, e.name]))}
          />
        </Form.Item>
        <Form.Item name="inspectorIds" label={p.team} extra={p.teamHint}>
          <Select
            mode="multiple"
            allowClear
            optionFilterProp="label"
            loading={staff.isPending}
            options={(staff.data ?? []).map((u) => ({
              value: u.id,
              label: u.organisationName ? `${u.name}（${u.organisationName}）` : u.name,
            }))}
            data-testid="campaign-team"
          />
        </Form.Item>
        <Form.Item name="jointDepartmentIds" label={p.jointDepartments}>
          <Select
            mode="multiple"
            allowClear
            optionFilterProp="label"
            loading={departments.isPending}
            options={(departments.data?.items ?? []).map((o) => ({ value: o.id, label: o.name }))}
            data-testid="campaign-departments"
          />
        </Form.Item>
        {!campaign && (
          <Form.Item name="checklistTemplateIds" label={p.checklists} extra={p.checklistsHint}>
            <ChecklistPicker multiple testId="campaign-checklists" />
          </Form.Item>
        )}
        <Form.Item name="description" label={p.description}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}

function editValues(c: Campaign): Partial<CreateValues> {
  return {
    name: c.name,
    campaignTypes: c.campaignTypes,
    period: [dayjs(c.startsOn), dayjs(c.endsOn)],
    domains: c.domains,
    tags: c.target?.tags ?? [],
    areas: c.target?.areas ?? [],
    enterpriseIds: c.target?.enterprises.map((e) => e.id) ?? [],
    jointDepartmentIds: c.jointDepartmentIds,
    inspectorIds: c.inspectorIds,
    description: c.description ?? undefined,
  };
}

function CampaignDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { p } = useCampaignText();
  return (
    <RecordDrawer<Campaign>
      id={id}
      onClose={onClose}
      queryKey={campaignKeys.detail(id ?? '')}
      path={`/campaigns/${id}`}
      title={(c) => c?.name ?? p.detailTitle}
      width={820}
    >
      {(campaign) => <CampaignBody campaign={campaign} />}
    </RecordDrawer>
  );
}

/** 修改 / 结束 / 取消 of an active campaign (supervisors); a closed or cancelled one says so instead. */
function CampaignActions({ campaign }: { campaign: Campaign }) {
  const { t, p } = useCampaignText();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  const [reasonForm] = Form.useForm<{ reason: string }>();
  const done = (c: Campaign, text: string) => {
    message.success(text);
    queryClient.setQueryData(campaignKeys.detail(c.id), c);
    void queryClient.invalidateQueries({ queryKey: campaignKeys.all });
  };
  const close = useMutation({
    mutationFn: () => api.post<Campaign>(`/campaigns/${campaign.id}/close`, {}),
    onSuccess: (c) => done(c, p.closed),
    onError: (error) => message.error(error.message),
  });
  const cancel = useMutation({
    mutationFn: (reason: string) => api.post<Campaign>(`/campaigns/${campaign.id}/cancel`, { reason }),
    onSuccess: (c) => {
      setCancelling(false);
      reasonForm.resetFields();
      done(c, p.cancelled);
    },
    onError: (error) => {
      markServerFields(reasonForm, error);
      message.error(error.message);
    },
  });
  return (
    <>
      <Flex gap={8} wrap data-testid="campaign-actions">
        <Button onClick={() => setEditing(true)} data-testid="campaign-edit">
          {p.edit}
        </Button>
        <Popconfirm
          title={p.close}
          description={<div style={{ maxWidth: 280 }}>{p.closeConfirm}</div>}
          onConfirm={() => close.mutate()}
          okText={p.close}
          cancelText={t.common.cancel}
          okButtonProps={{ ...({ 'data-testid': 'campaign-close-ok' } as object) }}
        >
          <Button loading={close.isPending} data-testid="campaign-close">
            {p.close}
          </Button>
        </Popconfirm>
        <Button danger onClick={() => setCancelling(true)} data-testid="campaign-cancel">
          {p.cancel}
        </Button>
      </Flex>
      <CampaignFormDrawer
        open={editing}
        campaign={campaign}
        onClose={() => setEditing(false)}
        onCreated={() => setEditing(false)}
      />
      <Modal
        title={p.cancelTitle}
        open={cancelling}
        onCancel={() => setCancelling(false)}
        onOk={() => reasonForm.submit()}
        okText={p.cancel}
        okButtonProps={{
          danger: true,
          loading: cancel.isPending,
          ...({ 'data-testid': 'campaign-cancel-ok' } as object),
        }}
        cancelText={t.common.cancel}
        destroyOnHidden
      >
        <Form form={reasonForm} layout="vertical" onFinish={(v) => cancel.mutate(v.reason.trim())}>
          <Form.Item
            name="reason"
            label={p.cancelReason}
            rules={[{ required: true, whitespace: true, min: 2, message: p.cancelReasonRequired }]}
          >
            <Input.TextArea rows={3} maxLength={500} data-testid="campaign-cancel-reason" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

function CampaignBody({ campaign }: { campaign: Campaign }) {
  const { t, l, p, typesLabel } = useCampaignText();
  const mobile = useIsMobile();
  const rights = useHazardRights();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [chosen, setChosen] = useState<string[]>(campaign.checklists.map((c) => c.id));
  const g = campaign.progress;
  const active = campaign.status === 'active';
  const save = useMutation({
    mutationFn: (templateIds: string[]) =>
      api.put<ChecklistRef[]>(`/campaigns/${campaign.id}/checklists`, { templateIds }),
    onSuccess: (checklists) => {
      message.success(p.checklistsSaved);
      queryClient.setQueryData(campaignKeys.detail(campaign.id), { ...campaign, checklists });
      void queryClient.invalidateQueries({ queryKey: campaignKeys.all });
      void queryClient.invalidateQueries({ queryKey: checklistKeys.all });
      setEditing(false);
    },
    onError: (error) => message.error(error.message),
  });
  const names = (v: { name: string }[]) => (v.length ? v.map((x) => x.name).join('、') : p.none);
  const target = campaign.target;
  const targetText = target ? (
    <Flex vertical gap={4} data-testid="campaign-targets">
      {target.tags.length > 0 && (
        <span>
          {p.targetTags}：
          {target.tags.map((tag) => (
            <Tag key={tag}>{l(SUPERVISION_TAG_LABELS, tag)}</Tag>
          ))}
        </span>
      )}
      {target.areas.length > 0 && (
        <span>
          {p.targetAreas}：{target.areas.join('、')}
        </span>
      )}
      {target.enterprises.length > 0 && (
        <span>
          {p.targetNamed(target.enterprises.length)}：
          <Typography.Text type="secondary">
            {target.enterprises
              .slice(0, 8)
              .map((e) => e.name)
              .join('、')}
            {target.enterprises.length > 8 ? ' …' : ''}
          </Typography.Text>
        </span>
      )}
    </Flex>
  ) : (
    <Typography.Text type="secondary">{p.targetUnknown}</Typography.Text>
  );
  const wide = mobile ? 1 : 2;

  return (
    <div className="checklist-detail" data-testid="campaign-detail">
      <Flex justify="space-between" align="center" gap={8} wrap>
        <Flex gap={8} align="center" wrap>
          <StatusTag status={campaign.status} />
          {campaign.status === 'closed' && campaign.closedAt && (
            <Typography.Text type="secondary">{p.closedOn(campaign.closedAt.slice(0, 10))}</Typography.Text>
          )}
          {campaign.status === 'cancelled' && campaign.cancelReason && (
            <Typography.Text type="danger" data-testid="campaign-cancel-text">
              {p.cancelledBecause(campaign.cancelReason)}
            </Typography.Text>
          )}
        </Flex>
        {rights.supervise && active && <CampaignActions campaign={campaign} />}
      </Flex>
      <Descriptions
        size="small"
        bordered={!mobile}
        column={mobile ? 1 : 2}
        data-testid="campaign-info"
        styles={{ label: { whiteSpace: 'nowrap' } }}
        items={[
          { key: 'type', label: p.type, children: typesLabel(campaign.campaignTypes) },
          { key: 'period', label: p.period, children: `${campaign.startsOn} ~ ${campaign.endsOn}` },
          {
            key: 'domains',
            label: p.domains,
            children: campaign.domains.map((d) => l(HAZARD_DOMAIN_LABELS, d)).join('、'),
            span: wide,
          },
          { key: 'targets', label: p.targets, children: targetText, span: wide },
          {
            key: 'team',
            label: p.team,
            children: <span data-testid="campaign-team-names">{names(campaign.team)}</span>,
            span: wide,
          },
          {
            key: 'joint',
            label: p.jointDepartments,
            children: <span data-testid="campaign-joint-names">{names(campaign.jointDepartments)}</span>,
            span: wide,
          },
          ...(campaign.description
            ? [{ key: 'description', label: p.description, children: campaign.description, span: wide }]
            : []),
        ]}
      />
      <Card
        size="small"
        title={p.progress}
        extra={<Link to={`/inspections?campaignId=${campaign.id}`}>{p.openRecord}</Link>}
      >
        <Flex gap={24} wrap>
          <Statistic title={p.coverage(g.coveredEnterprises, g.targetEnterprises)} value={g.coveredEnterprises} />
          <Statistic title={p.inspections} value={formatCount(g.inspections)} />
          <Statistic title={p.visits} value={formatCount(g.inspectorVisits)} />
          <Statistic title={p.hazards} value={formatCount(g.hazards)} />
          <Statistic title={p.major} value={formatCount(g.majorHazards)} />
          <Statistic
            title={p.rate}
            value={formatPercent(g.rectificationRate)}
            valueRender={(v) => <span data-testid="campaign-detail-rate">{v}</span>}
          />
        </Flex>
      </Card>
      <CampaignCoverage campaignId={campaign.id} />
      <Card
        size="small"
        title={p.checklists}
        extra={
          rights.supervise &&
          active &&
          !editing && (
            <Button onClick={() => setEditing(true)} data-testid="campaign-edit-checklists">
              {p.editChecklists}
            </Button>
          )
        }
      >
        {editing ? (
          <Flex vertical gap={8}>
            <ChecklistPicker
              multiple
              campaignId={campaign.id}
              value={chosen}
              onChange={(v) => setChosen(Array.isArray(v) ? v : v ? [v] : [])}
              testId="campaign-checklists-edit"
            />
            <Flex gap={8} justify="flex-end">
              <Button onClick={() => setEditing(false)}>{t.common.cancel}</Button>
              <Button
                type="primary"
                loading={save.isPending}
                onClick={() => save.mutate(chosen)}
                data-testid="campaign-checklists-save"
              >
                {t.common.save}
              </Button>
            </Flex>
          </Flex>
        ) : campaign.checklists.length === 0 ? (
          <Typography.Text type="secondary">{p.noChecklists}</Typography.Text>
        ) : (
          <Flex vertical gap={6} data-testid="campaign-checklists">
            {campaign.checklists.map((c) => (
              <span key={c.id}>
                <Link to={`/checklists?checklist=${c.id}`}>{refLabel(c, t.checklist.versionN)}</Link>
              </span>
            ))}
          </Flex>
        )}
      </Card>
    </div>
  );
}

/** 已查 / 未查: which target enterprises this campaign has reached, so the team sees who is left. */
function CampaignCoverage({ campaignId }: { campaignId: string }) {
  const { p } = useCampaignText();
  const [covered, setCovered] = useState<'false' | 'true'>('false');
  const rows = useQuery({
    queryKey: [...campaignKeys.all, 'coverage', campaignId, covered],
    queryFn: () => api.get<z.infer<typeof CampaignEnterpriseRow>[]>(`/campaigns/${campaignId}/coverage`, { covered }),
  });
  return (
    <Card
      size="small"
      title={p.coverageTitle}
      extra={
        <Segmented
          size="small"
          value={covered}
          onChange={(v) => setCovered(v as 'false' | 'true')}
          options={[
            { value: 'false', label: p.notCovered },
            { value: 'true', label: p.covered },
          ]}
          data-testid="campaign-coverage-switch"
        />
      }
    >
      <Table
        size="small"
        rowKey="enterpriseId"
        loading={rows.isPending}
        dataSource={rows.data ?? []}
        pagination={{ pageSize: 10, showSizeChanger: false, hideOnSinglePage: true }}
        scroll={{ x: 560 }}
        data-testid="campaign-coverage"
        columns={[
          {
            title: p.enterpriseName,
            dataIndex: 'name',
            render: (name: string, r) => <Link to={`/enterprises/${r.enterpriseId}`}>{name}</Link>,
          },
          { title: p.area, dataIndex: 'area', width: 100, render: (v: string | null) => v ?? '—' },
          { title: p.inspections, dataIndex: 'inspections', width: 90 },
          { title: p.openHazards, dataIndex: 'openHazards', width: 100 },
          { title: p.lastInspected, dataIndex: 'lastInspectedOn', width: 120, render: (v: string | null) => v ?? '—' },
        ]}
      />
    </Card>
  );
}
