// 复工复产确认: the seasons with their counts (confirmed / pending / returned), the applications (filters, drawer with
// the checklist, its evidence and the steps taken), the enterprise's application form (phone-friendly), the
// committee's return-with-reasons or confirm-after-on-site-check, and the office's checklist editor per season.
// The buttons offered are the shared state machine's (resumptionActions), the same rules the server enforces.
import { DownloadOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  Descriptions,
  Drawer,
  Form,
  Grid,
  Input,
  InputNumber,
  Modal,
  Row,
  Select,
  Space,
  Statistic,
  Switch,
  type TableColumnsType,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { ENTERPRISE_STATUS_LABELS, label } from '../../../../shared/src/labels';
import {
  EVIDENCE_KIND_NAMES,
  EVIDENCE_KINDS,
  RESUMPTION_ACTION_NAMES,
  RESUMPTION_STATE_NAMES,
  RESUMPTION_STATES,
  type ResumptionDetail,
  type ResumptionState,
  type ResumptionView,
  resumptionActions,
  type SeasonView,
} from '../../../../shared/src/resumption';
import { shanghaiToday } from '../../../../shared/src/validators';
import { api, type Page } from '../../app/api';
import { useMe } from '../../app/auth';
import { formatCount } from '../../app/format';
import { useShowError } from '../../app/forms';
import { useI18n } from '../../app/i18n';
import { useListState, useOpenParam } from '../../app/listState';
import { formatTime } from '../../app/time';
import { FilterBar } from '../../app/ui/FilterBar';
import { ListView } from '../../app/ui/ListView';
import { MaskedValue } from '../../app/ui/MaskedValue';
import { PageContainer } from '../../app/ui/PageContainer';
import { RecordDrawer } from '../../app/ui/RecordDrawer';
import { IsoDatePicker } from '../enterprises/IsoDatePicker';
import { EnterprisePicker } from '../hazards/pickers';
import './resumption.css';

const STATE_COLOURS: Record<ResumptionState, string> = { submitted: 'gold', returned: 'red', confirmed: 'green' };
const StateTag = ({ state }: { state: ResumptionState }) => (
  <Tag color={STATE_COLOURS[state]} data-testid="resumption-state">
    {RESUMPTION_STATE_NAMES[state]}
  </Tag>
);

type Filters = { q?: string; seasonId?: string; state?: string; checkedFrom?: string; checkedTo?: string };

export default function ResumptionPage() {
  const { t, lang } = useI18n();
  const me = useMe();
  const mobile = Grid.useBreakpoint().md === false;
  const list = useListState<ResumptionView, Filters>({ order: 'desc' }, { url: { ignore: ['application'] } });
  const [openId, open] = useOpenParam('application');
  const [applying, setApplying] = useState<ResumptionDetail | 'new' | null>(null);
  const [editingSeason, setEditingSeason] = useState<SeasonView | null>(null);
  const showError = useShowError();
  const seasons = useQuery({
    queryKey: ['resumption', 'seasons'],
    queryFn: () => api.get<SeasonView[]>('/resumption/seasons'),
  });
  // A period of on-site checks (the dashboard's 复工复产确认) spans seasons: no default season then.
  const byPeriod = Boolean(list.filters.checkedFrom || list.filters.checkedTo);
  const seasonId = list.filters.seasonId ?? (byPeriod ? undefined : seasons.data?.[0]?.id);
  const season = seasons.data?.find((s) => s.id === seasonId);
  const page = useQuery({
    queryKey: ['resumption', list.query, seasonId],
    queryFn: () => api.get<Page<ResumptionView>>('/resumption', { ...list.query, seasonId }),
    placeholderData: keepPreviousData,
    enabled: Boolean(seasonId) || byPeriod,
  });
  const exportFile = useMutation({
    mutationFn: () => api.downloadGet('/resumption/export', { ...list.filters, seasonId }, '复工复产确认.xlsx'),
    onError: showError,
  });
  const canApply = me.role === 'enterprise' || me.role === 'supervisor';
  const canEditSeason = me.role === 'admin' || me.role === 'supervisor';
  const columns: TableColumnsType<ResumptionView> = [
    { title: '编号', dataIndex: 'serial', width: 120 },
    { title: '企业', dataIndex: 'enterpriseName' },
    {
      title: '申请时状态',
      dataIndex: 'priorStatus',
      width: 100,
      render: (v: string) => label(ENTERPRISE_STATUS_LABELS, v, lang),
    },
    { title: '计划复工', dataIndex: 'plannedOn', width: 110 },
    { title: '复工人数', dataIndex: 'workforce', width: 90, align: 'right' },
    { title: '退回次数', dataIndex: 'returns', width: 90, align: 'right' },
    { title: '办理状态', dataIndex: 'state', width: 110, render: (v: ResumptionState) => <StateTag state={v} /> },
    { title: '申请时间', dataIndex: 'appliedAt', width: 150, render: (v: string) => formatTime(v) },
  ];
  return (
    <PageContainer
      title={t.menu.resumption}
      extra={
        <Space wrap>
          <Button icon={<DownloadOutlined />} loading={exportFile.isPending} onClick={() => exportFile.mutate()}>
            导出 Excel
          </Button>
          {canApply && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setApplying('new')}
              data-testid="resumption-apply"
            >
              申请复工复产
            </Button>
          )}
        </Space>
      }
    >
      {season && (
        <Card
          size="small"
          style={{ marginBottom: 12 }}
          title={
            <Space wrap>
              <Select
                value={seasonId}
                style={{ width: mobile ? 220 : 260 }}
                onChange={(v) => list.setFilters({ ...list.filters, seasonId: v })}
                options={seasons.data?.map((s) => ({ value: s.id, label: s.name }))}
                data-testid="resumption-season"
              />
              <Typography.Text type="secondary">
                {season.startsOn} 至 {season.endsOn}
              </Typography.Text>
            </Space>
          }
          extra={
            canEditSeason && (
              <Button size="small" icon={<EditOutlined />} onClick={() => setEditingSeason(season)}>
                检查清单
              </Button>
            )
          }
        >
          <Row gutter={[12, 12]} data-testid="resumption-counts">
            <Col xs={12} md={6}>
              <Statistic title="申请" value={formatCount(season.counts.total, '家')} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title="已确认复工" value={formatCount(season.counts.confirmed, '家')} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title="待确认" value={formatCount(season.counts.pending, '家')} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic
                title="已退回待重报"
                value={formatCount(season.counts.returned, '家')}
                suffix={
                  season.counts.returnedBeforeConfirmed ? (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      （另有 {season.counts.returnedBeforeConfirmed} 家退回后已确认）
                    </Typography.Text>
                  ) : null
                }
              />
            </Col>
          </Row>
        </Card>
      )}
      <FilterBar<Filters>
        onSearch={(v) => list.setFilters({ ...v, seasonId: list.filters.seasonId })}
        initialValues={list.filters}
      >
        <Form.Item name="q">
          <Input allowClear placeholder="编号 / 企业" style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="state">
          <Select
            allowClear
            placeholder="办理状态"
            style={{ width: 140 }}
            options={RESUMPTION_STATES.map((s) => ({ value: s, label: RESUMPTION_STATE_NAMES[s] }))}
          />
        </Form.Item>
        <Form.Item name="checkedFrom">
          <IsoDatePicker placeholder="核查日期起" style={{ width: 140 }} data-testid="resumption-checked-from" />
        </Form.Item>
        <Form.Item name="checkedTo">
          <IsoDatePicker placeholder="核查日期止" style={{ width: 140 }} />
        </Form.Item>
      </FilterBar>
      <ListView<ResumptionView>
        page={page}
        list={list}
        mobile={mobile}
        columns={columns}
        onOpen={(r) => open(r.id)}
        empty="本批次暂无复工申请"
        testId="resumption"
        width={1000}
        card={(r) => (
          <Card key={r.id} size="small" className="list-card" onClick={() => open(r.id)} data-testid="resumption-card">
            <Space style={{ justifyContent: 'space-between', width: '100%' }}>
              <strong>{r.enterpriseName}</strong>
              <StateTag state={r.state} />
            </Space>
            <div>
              {r.serial} · 计划 {r.plannedOn} 复工 · {r.workforce} 人
            </div>
          </Card>
        )}
      />
      <RecordDrawer<ResumptionDetail>
        id={openId}
        onClose={() => open(null)}
        queryKey={['resumption', 'one', openId]}
        path={`/resumption/${openId}`}
        title={(r) => (r ? `${r.serial} ${r.enterpriseName}` : '复工申请')}
        width={720}
      >
        {(r) => <ApplicationDetail a={r} onResubmit={() => setApplying(r)} />}
      </RecordDrawer>
      <ApplyForm
        target={applying}
        seasons={seasons.data ?? []}
        defaultSeason={seasonId}
        onClose={() => setApplying(null)}
        onSaved={(id) => open(id)}
      />
      <SeasonEditor season={editingSeason} onClose={() => setEditingSeason(null)} />
    </PageContainer>
  );
}

function ApplicationDetail({ a, onResubmit }: { a: ResumptionDetail; onResubmit: () => void }) {
  const { lang } = useI18n();
  const me = useMe();
  const actions = resumptionActions(a.state, me.role);
  const [deciding, setDeciding] = useState<'return' | 'confirm' | null>(null);
  return (
    <div data-testid="resumption-detail">
      {a.state === 'returned' && a.lastOpinion && (
        <Alert type="error" showIcon style={{ marginBottom: 12 }} message={`已退回：${a.lastOpinion}`} />
      )}
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label="办理状态">
          <StateTag state={a.state} />
        </Descriptions.Item>
        <Descriptions.Item label="批次">{a.seasonName}</Descriptions.Item>
        <Descriptions.Item label="企业当前状态">
          <span data-testid="resumption-enterprise-status">
            {label(ENTERPRISE_STATUS_LABELS, a.enterpriseStatus, lang)}
          </span>
          （申请时 {label(ENTERPRISE_STATUS_LABELS, a.priorStatus, lang)}）
        </Descriptions.Item>
        <Descriptions.Item label="计划复工日期">{a.plannedOn}</Descriptions.Item>
        <Descriptions.Item label="复工人数">{a.workforce}</Descriptions.Item>
        <Descriptions.Item label="联系人">
          <Space size={8} wrap>
            {a.contactName}
            {/* Masked as the server answers; 查看 (admin, supervisor, the enterprise itself) is audited. */}
            {a.contactPhone && (
              <MaskedValue
                value={a.contactPhone}
                entityType="resumption"
                id={a.id}
                field="contactPhone"
                testId="resumption-contact-phone"
              />
            )}
          </Space>
        </Descriptions.Item>
        {a.checkedOn && <Descriptions.Item label="现场核查日期">{a.checkedOn}</Descriptions.Item>}
      </Descriptions>
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        复工检查清单
      </Typography.Title>
      {a.checklist.map((c) => (
        <div key={c.key} className="resumption-item">
          <Space align="start">
            <Tag color={c.done ? 'green' : 'default'}>{c.done ? '已完成' : '未完成'}</Tag>
            <div>
              <div>
                {c.label}
                {c.required && <Typography.Text type="danger"> *</Typography.Text>}
              </div>
              {c.evidenceLabel && (
                <Typography.Text type="secondary">
                  关联：
                  {c.evidenceKind === 'training' && c.evidenceId ? (
                    <Link to={`/training/sessions?session=${c.evidenceId}`} data-testid="resumption-training-link">
                      培训 {c.evidenceLabel}
                    </Link>
                  ) : (
                    c.evidenceLabel
                  )}
                </Typography.Text>
              )}
              {c.note && <div>{c.note}</div>}
            </div>
          </Space>
        </div>
      ))}
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        办理过程
      </Typography.Title>
      <Timeline
        items={a.events.map((e) => ({
          color: e.to === 'confirmed' ? 'green' : e.to === 'returned' ? 'red' : 'blue',
          children: (
            <>
              <div>
                {RESUMPTION_ACTION_NAMES[e.action]} · {e.actorName} · {formatTime(e.at)}
              </div>
              {e.opinion && <Typography.Text type="secondary">{e.opinion}</Typography.Text>}
            </>
          ),
        }))}
      />
      <Space wrap>
        {actions.includes('resubmit') && (
          <Button type="primary" onClick={onResubmit} data-testid="resumption-resubmit">
            修改后重新提交
          </Button>
        )}
        {actions.includes('confirm') && (
          <Button type="primary" onClick={() => setDeciding('confirm')} data-testid="resumption-confirm">
            现场核查后确认复工
          </Button>
        )}
        {actions.includes('return') && (
          <Button danger onClick={() => setDeciding('return')} data-testid="resumption-return">
            退回
          </Button>
        )}
      </Space>
      <DecisionModal a={a} action={deciding} onClose={() => setDeciding(null)} />
    </div>
  );
}

function DecisionModal({
  a,
  action,
  onClose,
}: {
  a: ResumptionDetail;
  action: 'return' | 'confirm' | null;
  onClose: () => void;
}) {
  const [form] = Form.useForm();
  const showError = useShowError(form);
  const { message } = App.useApp();
  const qc = useQueryClient();
  const save = useMutation({
    mutationFn: (v: Record<string, unknown>) =>
      api.post<ResumptionDetail>(`/resumption/${a.id}/decision`, { ...v, action, rowVersion: a.rowVersion }),
    onSuccess: () => {
      message.success(action === 'confirm' ? '已确认复工，企业状态恢复为在营' : '已退回');
      void qc.invalidateQueries({ queryKey: ['resumption'] });
      void qc.invalidateQueries({ queryKey: ['enterprises'] });
      onClose();
    },
    onError: showError,
  });
  return (
    <Modal
      open={Boolean(action)}
      title={action === 'confirm' ? '现场核查后确认复工' : '退回复工申请'}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'resumption-decision-submit' } as never}
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => save.mutate(v)}
        preserve={false}
        initialValues={{ checkedOn: shanghaiToday() }}
      >
        {action === 'confirm' && (
          <Form.Item name="checkedOn" label="现场核查日期" rules={[{ required: true, message: '请填写现场核查日期' }]}>
            <IsoDatePicker notAfterToday />
          </Form.Item>
        )}
        <Form.Item
          name="opinion"
          label={action === 'confirm' ? '核查意见' : '退回理由'}
          rules={action === 'return' ? [{ required: true, message: '请填写退回理由' }] : []}
        >
          <Input.TextArea rows={3} maxLength={1000} data-testid="resumption-opinion" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface ApplyValues {
  seasonId?: string;
  enterpriseId?: string;
  plannedOn?: string;
  contactName?: string;
  contactPhone?: string;
  workforce?: number;
  checklist: { key: string; done: boolean; note?: string; evidenceId?: string }[];
}

function ApplyForm({
  target,
  seasons,
  defaultSeason,
  onClose,
  onSaved,
}: {
  target: ResumptionDetail | 'new' | null;
  seasons: SeasonView[];
  defaultSeason: string | undefined;
  onClose: () => void;
  onSaved: (id: string) => void;
}) {
  const me = useMe();
  const mobile = Grid.useBreakpoint().md === false;
  const [form] = Form.useForm<ApplyValues>();
  const showError = useShowError(form);
  const { message } = App.useApp();
  const qc = useQueryClient();
  const existing = target && target !== 'new' ? target : null;
  const seasonId = Form.useWatch('seasonId', form) ?? existing?.seasonId ?? defaultSeason;
  const season = seasons.find((s) => s.id === seasonId);
  const own = me.role === 'enterprise' ? me.enterpriseId : null;
  const enterpriseId = Form.useWatch('enterpriseId', form) ?? existing?.enterpriseId ?? own;
  const inspections = useQuery({
    queryKey: ['inspections', 'of', enterpriseId],
    queryFn: () =>
      api.get<Page<{ id: string; inspectedOn: string; kind: string; summary: string | null }>>('/inspections', {
        enterpriseId: enterpriseId ?? undefined,
        pageSize: 50,
      }),
    enabled: Boolean(enterpriseId),
  });
  // The enterprise's training sessions (recorded by it or attended by its people), for the 全员培训 item's link.
  const trainings = useQuery({
    queryKey: ['training', 'sessions', 'of', enterpriseId],
    queryFn: () =>
      api.get<Page<{ id: string; occurredOn: string; title: string; attendeeCount: number }>>('/training/sessions', {
        enterpriseId: enterpriseId ?? undefined,
        pageSize: 50,
      }),
    enabled: Boolean(enterpriseId) && Boolean(season?.checklist.some((c) => c.evidence === 'training')),
  });
  useEffect(() => {
    if (!target || !season) return;
    // The seasons may have arrived after the drawer opened: the default season is filled in then.
    form.setFieldsValue({
      seasonId: form.getFieldValue('seasonId') ?? season.id,
      checklist: season.checklist.map((c) => {
        const old = existing?.checklist.find((x) => x.key === c.key);
        return {
          key: c.key,
          done: old?.done ?? false,
          note: old?.note ?? undefined,
          evidenceId: old?.evidenceId ?? undefined,
        };
      }),
    });
  }, [target, season, existing, form]);
  const save = useMutation({
    mutationFn: (v: ApplyValues) => {
      const checklist = (season?.checklist ?? []).map((c, i) => {
        const a = v.checklist?.[i];
        return {
          key: c.key,
          done: Boolean(a?.done),
          note: a?.note || null,
          evidenceKind: a?.evidenceId && c.evidence !== 'none' ? c.evidence : 'none',
          evidenceId: a?.evidenceId || null,
        };
      });
      const body = {
        plannedOn: v.plannedOn,
        contactName: v.contactName,
        contactPhone: v.contactPhone || null,
        workforce: v.workforce,
        checklist,
      };
      return existing
        ? api.post<ResumptionDetail>(`/resumption/${existing.id}/resubmit`, {
            ...body,
            rowVersion: existing.rowVersion,
          })
        : api.post<ResumptionDetail>('/resumption', {
            ...body,
            seasonId,
            enterpriseId: own ? undefined : v.enterpriseId,
          });
    },
    onSuccess: (r) => {
      message.success(existing ? '已重新提交' : '复工申请已提交，等待现场核查确认');
      void qc.invalidateQueries({ queryKey: ['resumption'] });
      onClose();
      onSaved(r.id);
    },
    onError: showError,
  });
  return (
    <Drawer
      open={Boolean(target)}
      onClose={onClose}
      size={mobile ? '100%' : 640}
      title={existing ? `重新提交 ${existing.serial}` : '申请复工复产'}
      destroyOnHidden
      extra={
        <Button type="primary" loading={save.isPending} onClick={() => form.submit()} data-testid="resumption-submit">
          提交
        </Button>
      }
    >
      <Form<ApplyValues>
        form={form}
        layout="vertical"
        onFinish={(v) => save.mutate(v)}
        initialValues={
          existing
            ? { ...existing, contactPhone: existing.contactPhone ?? undefined, checklist: [] }
            : {
                seasonId: defaultSeason,
                contactName: me.role === 'enterprise' ? me.displayName : undefined,
                checklist: [],
              }
        }
        data-testid="resumption-form"
      >
        {!existing && (
          <Form.Item name="seasonId" label="复工批次" rules={[{ required: true, message: '请选择复工批次' }]}>
            <Select options={seasons.map((s) => ({ value: s.id, label: s.name }))} />
          </Form.Item>
        )}
        {!existing && !own && (
          <Form.Item
            name="enterpriseId"
            label="企业（代为登记纸质申请）"
            rules={[{ required: true, message: '请选择企业' }]}
          >
            <EnterprisePicker />
          </Form.Item>
        )}
        <Space wrap style={{ width: '100%' }}>
          <Form.Item name="plannedOn" label="计划复工日期" rules={[{ required: true, message: '请选择计划复工日期' }]}>
            <IsoDatePicker style={{ width: 170 }} data-testid="resumption-planned" />
          </Form.Item>
          <Form.Item name="workforce" label="复工人数" rules={[{ required: true, message: '请填写复工人数' }]}>
            <InputNumber min={0} precision={0} data-testid="resumption-workforce" />
          </Form.Item>
        </Space>
        <Space wrap style={{ width: '100%' }}>
          <Form.Item name="contactName" label="联系人" rules={[{ required: true, min: 2, message: '请填写联系人' }]}>
            <Input maxLength={50} />
          </Form.Item>
          <Form.Item
            name="contactPhone"
            label="联系电话"
            extra={existing?.contactPhone ? '号码部分隐藏显示，不修改即保留原号码' : undefined}
          >
            <Input maxLength={30} inputMode="tel" data-testid="resumption-contact-phone-input" />
          </Form.Item>
        </Space>
        <Typography.Title level={5}>复工检查清单</Typography.Title>
        {season?.checklist.map((c, i) => (
          <Card key={c.key} size="small" className="resumption-check" data-testid="resumption-check">
            <Form.Item name={['checklist', i, 'done']} valuePropName="checked" style={{ marginBottom: 8 }}>
              <Checkbox data-testid={`resumption-check-${c.key}`}>
                {c.label}
                {c.required && <Typography.Text type="danger"> *</Typography.Text>}
              </Checkbox>
            </Form.Item>
            {c.evidence === 'inspection' && (
              <Form.Item name={['checklist', i, 'evidenceId']} label="关联本企业的自查记录" style={{ marginBottom: 8 }}>
                <Select
                  allowClear
                  data-testid={`resumption-evidence-${c.key}`}
                  options={(inspections.data?.items ?? []).map((x) => ({
                    value: x.id,
                    label: `${x.inspectedOn} ${x.kind === 'selfInspection' ? '企业自查' : '检查记录'}${x.summary ? ` · ${x.summary}` : ''}`,
                  }))}
                  notFoundContent="暂无检查记录，请先在“检查记录”中登记企业自查"
                />
              </Form.Item>
            )}
            {c.evidence === 'training' && (
              <Form.Item name={['checklist', i, 'evidenceId']} label="关联本企业的培训记录" style={{ marginBottom: 8 }}>
                <Select
                  allowClear
                  data-testid={`resumption-evidence-${c.key}`}
                  options={(trainings.data?.items ?? []).map((x) => ({
                    value: x.id,
                    label: `${x.occurredOn} ${x.title}（${x.attendeeCount} 人）`,
                  }))}
                  notFoundContent="暂无培训记录，请先在“培训记录”中登记本次全员培训"
                />
              </Form.Item>
            )}
            <Form.Item name={['checklist', i, 'note']} style={{ marginBottom: 0 }}>
              <Input placeholder="说明（可选）" maxLength={500} />
            </Form.Item>
          </Card>
        ))}
      </Form>
    </Drawer>
  );
}

function SeasonEditor({ season, onClose }: { season: SeasonView | null; onClose: () => void }) {
  const [form] = Form.useForm();
  const showError = useShowError(form);
  const qc = useQueryClient();
  const save = useMutation({
    mutationFn: (v: { name: string; endsOn: string; checklist: SeasonView['checklist'] }) =>
      api.patch<SeasonView>(`/resumption/seasons/${season!.id}`, { ...v, rowVersion: season!.rowVersion }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['resumption', 'seasons'] });
      onClose();
    },
    onError: showError,
  });
  return (
    <Modal
      open={Boolean(season)}
      title={`复工批次：${season?.name ?? ''}`}
      width={760}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        修改后的清单用于此后提交或重新提交的申请；已提交的申请保留提交时的条目。
      </Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        initialValues={season ?? undefined}
        onFinish={(v) => save.mutate(v)}
        preserve={false}
      >
        <Space wrap>
          <Form.Item name="name" label="批次名称" rules={[{ required: true }]}>
            <Input style={{ width: 260 }} />
          </Form.Item>
          <Form.Item name="endsOn" label="结束日期" rules={[{ required: true }]}>
            <IsoDatePicker style={{ width: 160 }} />
          </Form.Item>
        </Space>
        <Form.List name="checklist">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} wrap align="start">
                  <Form.Item name={[f.name, 'key']} rules={[{ required: true, message: '编号' }]}>
                    <Input placeholder="编号" style={{ width: 110 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'label']} rules={[{ required: true, min: 2, message: '条目内容' }]}>
                    <Input placeholder="条目内容" style={{ width: 300 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'evidence']} initialValue="none">
                    <Select
                      style={{ width: 130 }}
                      options={EVIDENCE_KINDS.map((k) => ({ value: k, label: EVIDENCE_KIND_NAMES[k] }))}
                    />
                  </Form.Item>
                  <Form.Item name={[f.name, 'required']} valuePropName="checked" initialValue>
                    <Switch checkedChildren="必备" unCheckedChildren="可选" />
                  </Form.Item>
                  <Button onClick={() => remove(f.name)}>删除</Button>
                </Space>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add({ evidence: 'none', required: true })}>
                添加条目
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
