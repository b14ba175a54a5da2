// 复工复产确认: the seasons with their counts (confirmed / pending / returned), the applications (filters, drawer with
// the checklist, its evidence and the steps taken), the enterprise's application form (phone-friendly), the
// committee's return-with-reasons or confirm-after-on-site-check, and the office's checklist editor per season.
// The buttons offered are the shared state machine's (resumptionActions), the same rules the server enforces.
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
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
import {
  ENTERPRISE_STATUS_LABELS,
  EVIDENCE_KIND_LABELS,
  label,
  RESUMPTION_ACTION_LABELS,
  RESUMPTION_STATE_LABELS,
} from '../../../../shared/src/labels';
import {
  EVIDENCE_KINDS,
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
import { useShowError } from '../../app/forms';
import { useI18n } from '../../app/i18n';
import { useListState, useOpenParam } from '../../app/listState';
import { formatTime } from '../../app/time';
import { ExportButton } from '../../app/ui/ExportButton';
import { FilterBar } from '../../app/ui/FilterBar';
import { ListView } from '../../app/ui/ListView';
import { MaskedValue } from '../../app/ui/MaskedValue';
import { codeOptions } from '../../app/ui/options';
import { PageContainer } from '../../app/ui/PageContainer';
import { RecordDrawer } from '../../app/ui/RecordDrawer';
import { IsoDatePicker } from '../enterprises/IsoDatePicker';
import { EnterprisePicker } from '../hazards/pickers';
import './resumption.css';
import { useResumptionText } from './text';

const STATE_COLOURS: Record<ResumptionState, string> = { submitted: 'gold', returned: 'red', confirmed: 'green' };
function StateTag({ state }: { state: ResumptionState }) {
  const { l } = useI18n();
  return (
    <Tag color={STATE_COLOURS[state]} data-testid="resumption-state">
      {l(RESUMPTION_STATE_LABELS, state)}
    </Tag>
  );
}

type Filters = { q?: string; seasonId?: string; state?: string; checkedFrom?: string; checkedTo?: string };

export default function ResumptionPage() {
  const { t: app, lang } = useI18n();
  const t = useResumptionText();
  const me = useMe();
  const mobile = Grid.useBreakpoint().md === false;
  const list = useListState<ResumptionView, Filters>({ order: 'desc' }, { url: { ignore: ['application'] } });
  const [openId, open] = useOpenParam('application');
  const [applying, setApplying] = useState<ResumptionDetail | 'new' | null>(null);
  const [editingSeason, setEditingSeason] = useState<SeasonView | null>(null);
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
  const canApply = me.role === 'enterprise' || me.role === 'supervisor';
  const canEditSeason = me.role === 'admin' || me.role === 'supervisor';
  const columns: TableColumnsType<ResumptionView> = [
    { title: t.serial, dataIndex: 'serial', width: 120 },
    { title: t.enterprise, dataIndex: 'enterpriseName' },
    {
      title: t.priorStatus,
      dataIndex: 'priorStatus',
      width: 100,
      render: (v: string) => label(ENTERPRISE_STATUS_LABELS, v, lang),
    },
    { title: t.plannedOn, dataIndex: 'plannedOn', width: 110 },
    { title: t.workforce, dataIndex: 'workforce', width: 90, align: 'right' },
    { title: t.returns, dataIndex: 'returns', width: 90, align: 'right' },
    { title: t.state, dataIndex: 'state', width: 110, render: (v: ResumptionState) => <StateTag state={v} /> },
    { title: t.appliedAt, dataIndex: 'appliedAt', width: 150, render: (v: string) => formatTime(v) },
  ];
  return (
    <PageContainer
      title={app.menu.resumption}
      extra={
        <Space wrap>
          <ExportButton
            path="/resumption/export"
            params={{ ...list.filters, seasonId }}
            fileName={t.exportFile}
            label={t.export}
            testId="resumption-export"
          />
          {canApply && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setApplying('new')}
              data-testid="resumption-apply"
            >
              {t.apply}
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
              <Typography.Text type="secondary">{t.range(season.startsOn, season.endsOn)}</Typography.Text>
            </Space>
          }
          extra={
            canEditSeason && (
              <Button size="small" icon={<EditOutlined />} onClick={() => setEditingSeason(season)}>
                {t.checklist}
              </Button>
            )
          }
        >
          <Row gutter={[12, 12]} data-testid="resumption-counts">
            <Col xs={12} md={6}>
              <Statistic title={t.countTotal} value={t.enterprises(season.counts.total)} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title={t.countConfirmed} value={t.enterprises(season.counts.confirmed)} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title={t.countPending} value={t.enterprises(season.counts.pending)} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic
                title={t.countReturned}
                value={t.enterprises(season.counts.returned)}
                suffix={
                  season.counts.returnedBeforeConfirmed ? (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t.returnedThenConfirmed(season.counts.returnedBeforeConfirmed)}
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
          <Input allowClear placeholder={t.search} style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="state">
          <Select
            allowClear
            placeholder={t.state}
            style={{ width: 140 }}
            options={codeOptions(RESUMPTION_STATES, RESUMPTION_STATE_LABELS, lang)}
          />
        </Form.Item>
        <Form.Item name="checkedFrom">
          <IsoDatePicker placeholder={t.checkedFrom} style={{ width: 140 }} data-testid="resumption-checked-from" />
        </Form.Item>
        <Form.Item name="checkedTo">
          <IsoDatePicker placeholder={t.checkedTo} style={{ width: 140 }} />
        </Form.Item>
      </FilterBar>
      <ListView<ResumptionView>
        page={page}
        list={list}
        mobile={mobile}
        columns={columns}
        onOpen={(r) => open(r.id)}
        empty={t.empty}
        testId="resumption"
        width={1000}
        card={(r) => (
          <Card key={r.id} size="small" className="list-card" onClick={() => open(r.id)} data-testid="resumption-card">
            <Space style={{ justifyContent: 'space-between', width: '100%' }}>
              <strong>{r.enterpriseName}</strong>
              <StateTag state={r.state} />
            </Space>
            <div>{t.cardLine(r.serial, r.plannedOn, r.workforce)}</div>
          </Card>
        )}
      />
      <RecordDrawer<ResumptionDetail>
        id={openId}
        onClose={() => open(null)}
        queryKey={['resumption', 'one', openId]}
        path={`/resumption/${openId}`}
        title={(r) => (r ? `${r.serial} ${r.enterpriseName}` : t.detailTitle)}
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
  const { lang, l } = useI18n();
  const t = useResumptionText();
  const me = useMe();
  const actions = resumptionActions(a.state, me.role);
  const [deciding, setDeciding] = useState<'return' | 'confirm' | null>(null);
  return (
    <div data-testid="resumption-detail">
      {a.state === 'returned' && a.lastOpinion && (
        <Alert type="error" showIcon style={{ marginBottom: 12 }} message={t.returnedWith(a.lastOpinion)} />
      )}
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label={t.state}>
          <StateTag state={a.state} />
        </Descriptions.Item>
        <Descriptions.Item label={t.season}>{a.seasonName}</Descriptions.Item>
        <Descriptions.Item label={t.enterpriseStatus}>
          <span data-testid="resumption-enterprise-status">
            {label(ENTERPRISE_STATUS_LABELS, a.enterpriseStatus, lang)}
          </span>
          {t.priorStatusNote(label(ENTERPRISE_STATUS_LABELS, a.priorStatus, lang))}
        </Descriptions.Item>
        <Descriptions.Item label={t.plannedDate}>{a.plannedOn}</Descriptions.Item>
        <Descriptions.Item label={t.workforce}>{a.workforce}</Descriptions.Item>
        <Descriptions.Item label={t.contact}>
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
        {a.checkedOn && <Descriptions.Item label={t.checkedOn}>{a.checkedOn}</Descriptions.Item>}
      </Descriptions>
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t.checklistTitle}
      </Typography.Title>
      {a.checklist.map((c) => (
        <div key={c.key} className="resumption-item">
          <Space align="start">
            <Tag color={c.done ? 'green' : 'default'}>{c.done ? t.done : t.notDone}</Tag>
            <div>
              <div>
                {c.label}
                {c.required && <Typography.Text type="danger"> *</Typography.Text>}
              </div>
              {c.evidenceLabel && (
                <Typography.Text type="secondary">
                  {t.linked}
                  {c.evidenceKind === 'training' && c.evidenceId ? (
                    <Link to={`/training/sessions?session=${c.evidenceId}`} data-testid="resumption-training-link">
                      {t.trainingLink(c.evidenceLabel)}
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
        {t.steps}
      </Typography.Title>
      <Timeline
        items={a.events.map((e) => ({
          color: e.to === 'confirmed' ? 'green' : e.to === 'returned' ? 'red' : 'blue',
          children: (
            <>
              <div>
                {l(RESUMPTION_ACTION_LABELS, e.action)} · {e.actorName} · {formatTime(e.at)}
              </div>
              {e.opinion && <Typography.Text type="secondary">{e.opinion}</Typography.Text>}
            </>
          ),
        }))}
      />
      <Space wrap>
        {actions.includes('resubmit') && (
          <Button type="primary" onClick={onResubmit} data-testid="resumption-resubmit">
            {t.resubmit}
          </Button>
        )}
        {actions.includes('confirm') && (
          <Button type="primary" onClick={() => setDeciding('confirm')} data-testid="resumption-confirm">
            {t.confirm}
          </Button>
        )}
        {actions.includes('return') && (
          <Button danger onClick={() => setDeciding('return')} data-testid="resumption-return">
            {t.return}
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
  const t = useResumptionText();
  const [form] = Form.useForm();
  const showError = useShowError(form);
  const { message } = App.useApp();
  const qc = useQueryClient();
  const save = useMutation({
    mutationFn: (v: Record<string, unknown>) =>
      api.post<ResumptionDetail>(`/resumption/${a.id}/decision`, { ...v, action, rowVersion: a.rowVersion }),
    onSuccess: () => {
      message.success(action === 'confirm' ? t.confirmedMsg : t.returnedMsg);
      void qc.invalidateQueries({ queryKey: ['resumption'] });
      void qc.invalidateQueries({ queryKey: ['enterprises'] });
      onClose();
    },
    onError: showError,
  });
  return (
    <Modal
      open={Boolean(action)}
      title={action === 'confirm' ? t.confirm : t.returnTitle}
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
          <Form.Item name="checkedOn" label={t.checkedOn} rules={[{ required: true, message: t.checkedOnRequired }]}>
            <IsoDatePicker notAfterToday />
          </Form.Item>
        )}
        <Form.Item
          name="opinion"
          label={action === 'confirm' ? t.checkOpinion : t.returnReason}
          rules={action === 'return' ? [{ required: true, message: t.returnReasonRequired }] : []}
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
  const t = useResumptionText();
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
      message.success(existing ? t.resubmittedMsg : t.submittedMsg);
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
      title={existing ? t.resubmitTitle(existing.serial) : t.apply}
      destroyOnHidden
      extra={
        <Button type="primary" loading={save.isPending} onClick={() => form.submit()} data-testid="resumption-submit">
          {t.submit}
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
          <Form.Item name="seasonId" label={t.seasonField} rules={[{ required: true, message: t.seasonRequired }]}>
            <Select options={seasons.map((s) => ({ value: s.id, label: s.name }))} />
          </Form.Item>
        )}
        {!existing && !own && (
          <Form.Item
            name="enterpriseId"
            label={t.enterpriseOnPaper}
            rules={[{ required: true, message: t.enterpriseRequired }]}
          >
            <EnterprisePicker />
          </Form.Item>
        )}
        <Space wrap style={{ width: '100%' }}>
          <Form.Item name="plannedOn" label={t.plannedDate} rules={[{ required: true, message: t.plannedRequired }]}>
            <IsoDatePicker style={{ width: 170 }} data-testid="resumption-planned" />
          </Form.Item>
          <Form.Item name="workforce" label={t.workforce} rules={[{ required: true, message: t.workforceRequired }]}>
            <InputNumber min={0} precision={0} data-testid="resumption-workforce" />
          </Form.Item>
        </Space>
        <Space wrap style={{ width: '100%' }}>
          <Form.Item
            name="contactName"
            label={t.contact}
            rules={[{ required: true, min: 2, message: t.contactRequired }]}
          >
            <Input maxLength={50} />
          </Form.Item>
          <Form.Item
            name="contactPhone"
            label={t.contactPhone}
            extra={existing?.contactPhone ? t.phoneMaskedHint : undefined}
          >
            <Input maxLength={30} inputMode="tel" data-testid="resumption-contact-phone-input" />
          </Form.Item>
        </Space>
        <Typography.Title level={5}>{t.checklistTitle}</Typography.Title>
        {season?.checklist.map((c, i) => (
          <Card key={c.key} size="small" className="resumption-check" data-testid="resumption-check">
            <Form.Item name={['checklist', i, 'done']} valuePropName="checked" style={{ marginBottom: 8 }}>
              <Checkbox data-testid={`resumption-check-${c.key}`}>
                {c.label}
                {c.required && <Typography.Text type="danger"> *</Typography.Text>}
              </Checkbox>
            </Form.Item>
            {c.evidence === 'inspection' && (
              <Form.Item name={['checklist', i, 'evidenceId']} label={t.linkInspection} style={{ marginBottom: 8 }}>
                <Select
                  allowClear
                  data-testid={`resumption-evidence-${c.key}`}
                  options={(inspections.data?.items ?? []).map((x) => ({
                    value: x.id,
                    label: `${x.inspectedOn} ${x.kind === 'selfInspection' ? t.selfInspection : t.inspectionRecord}${x.summary ? ` · ${x.summary}` : ''}`,
                  }))}
                  notFoundContent={t.noInspections}
                />
              </Form.Item>
            )}
            {c.evidence === 'training' && (
              <Form.Item name={['checklist', i, 'evidenceId']} label={t.linkTraining} style={{ marginBottom: 8 }}>
                <Select
                  allowClear
                  data-testid={`resumption-evidence-${c.key}`}
                  options={(trainings.data?.items ?? []).map((x) => ({
                    value: x.id,
                    label: t.trainingOption(x.occurredOn, x.title, x.attendeeCount),
                  }))}
                  notFoundContent={t.noTrainings}
                />
              </Form.Item>
            )}
            <Form.Item name={['checklist', i, 'note']} style={{ marginBottom: 0 }}>
              <Input placeholder={t.notePlaceholder} maxLength={500} />
            </Form.Item>
          </Card>
        ))}
      </Form>
    </Drawer>
  );
}

function SeasonEditor({ season, onClose }: { season: SeasonView | null; onClose: () => void }) {
  const t = useResumptionText();
  const { lang } = useI18n();
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
      title={t.seasonTitle(season?.name ?? '')}
      width={760}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t.seasonHint}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        initialValues={season ?? undefined}
        onFinish={(v) => save.mutate(v)}
        preserve={false}
      >
        <Space wrap>
          <Form.Item name="name" label={t.seasonName} rules={[{ required: true }]}>
            <Input style={{ width: 260 }} />
          </Form.Item>
          <Form.Item name="endsOn" label={t.endsOn} rules={[{ required: true }]}>
            <IsoDatePicker style={{ width: 160 }} />
          </Form.Item>
        </Space>
        <Form.List name="checklist">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} wrap align="start">
                  <Form.Item name={[f.name, 'key']} rules={[{ required: true, message: t.itemKey }]}>
                    <Input placeholder={t.itemKey} style={{ width: 110 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'label']} rules={[{ required: true, min: 2, message: t.itemLabel }]}>
                    <Input placeholder={t.itemLabel} style={{ width: 300 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'evidence']} initialValue="none">
                    <Select style={{ width: 130 }} options={codeOptions(EVIDENCE_KINDS, EVIDENCE_KIND_LABELS, lang)} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'required']} valuePropName="checked" initialValue>
                    <Switch checkedChildren={t.required} unCheckedChildren={t.optional} />
                  </Form.Item>
                  <Button onClick={() => remove(f.name)}>{t.remove}</Button>
                </Space>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add({ evidence: 'none', required: true })}>
                {t.addItem}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
