// 应急演练: the year's figures, the drill register (filters, drawer, Excel export), the record form (phone-friendly),
// a problem turned into a hazard in one step, the annual drill plans and the operating enterprises without a drill
// this year with their key-supervision tags.
import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Drawer,
  Form,
  Grid,
  Input,
  InputNumber,
  List,
  Modal,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  type TableColumnsType,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import {
  DRILL_FORMS,
  DRILL_LEVELS,
  DRILL_SCENARIOS,
  type DrillDetail,
  type DrillFigures,
  type DrillPlanView,
  type DrillProblemView,
  type DrillView,
} from '../../../../shared/src/drills';
import { SUPERVISION_TAGS } from '../../../../shared/src/enterprises';
import { HAZARD_CATEGORIES } from '../../../../shared/src/hazards';
import {
  DRILL_FORM_LABELS,
  DRILL_LEVEL_LABELS,
  DRILL_PLAN_STATE_LABELS,
  DRILL_SCENARIO_LABELS,
  type Lang,
  label,
  SUPERVISION_TAG_LABELS,
} from '../../../../shared/src/labels';
import { shanghaiToday } from '../../../../shared/src/validators';
import { api, type Page } from '../../app/api';
import { useMe } from '../../app/auth';
import { formatCount } from '../../app/format';
import { useShowError } from '../../app/forms';
import { useI18n } from '../../app/i18n';
import { useListState, useOpenParam } from '../../app/listState';
import { ExportButton } from '../../app/ui/ExportButton';
import { FilterBar } from '../../app/ui/FilterBar';
import { ListView } from '../../app/ui/ListView';
import { codeOptions } from '../../app/ui/options';
import { PageContainer } from '../../app/ui/PageContainer';
import { RecordDrawer } from '../../app/ui/RecordDrawer';
import { SubjectPayments } from '../activities/SubjectPayments';
import { IsoDatePicker } from '../enterprises/IsoDatePicker';
import { HAZARD_CATEGORY_LABELS } from '../hazards/labels';
import { PhotoStrip, PhotoUpload } from '../hazards/photos';
import { EnterprisePicker } from '../hazards/pickers';
import { EnterprisesSelect } from './EnterprisesSelect';
import { useDrillsText } from './text';

const scenarioOptions = (lang: Lang) => codeOptions(DRILL_SCENARIOS, DRILL_SCENARIO_LABELS, lang);
const thisYear = () => Number(shanghaiToday().slice(0, 4));

type Filters = { q?: string; level?: string; scenario?: string; from?: string; to?: string; enterpriseId?: string };

export default function DrillsPage() {
  const { t: app } = useI18n();
  const t = useDrillsText();
  const me = useMe();
  const committee = me.role !== 'enterprise';
  const canWrite = ['admin', 'supervisor', 'inspector', 'enterprise'].includes(me.role);
  const [tab, setTab] = useState('records');
  const [creating, setCreating] = useState(false);
  const [, open] = useOpenParam('drill');
  return (
    <PageContainer
      title={app.menu.drills}
      extra={
        canWrite && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="drill-create">
            {t.create}
          </Button>
        )
      }
    >
      <FiguresRow />
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          { key: 'records', label: t.tabRecords, children: <DrillRecords /> },
          { key: 'plans', label: t.tabPlans, children: <AnnualPlans /> },
          ...(committee ? [{ key: 'none', label: t.tabNone, children: <WithoutDrill /> }] : []),
        ]}
      />
      <DrillForm open={creating} onClose={() => setCreating(false)} onSaved={(id) => open(id)} />
    </PageContainer>
  );
}

function FiguresRow() {
  const t = useDrillsText();
  const { l } = useI18n();
  const year = thisYear();
  const f = useQuery({
    queryKey: ['drills', 'figures', year],
    queryFn: () => api.get<DrillFigures>('/drills/figures', { year }),
  });
  const d = f.data;
  const park = d?.byLevel.find((l) => l.level === 'park')?.count ?? 0;
  return (
    <Row gutter={[12, 12]} style={{ marginBottom: 12 }} data-testid="drill-figures">
      <Col xs={12} md={4}>
        <Card size="small">
          <Statistic title={t.figYear(year)} value={t.times(d?.total)} />
        </Card>
      </Col>
      <Col xs={12} md={4}>
        <Card size="small">
          <Statistic title={t.figPark} value={t.times(park)} />
        </Card>
      </Col>
      <Col xs={12} md={4}>
        <Card size="small">
          <Statistic title={t.figParticipants} value={formatCount(d?.participants)} />
        </Card>
      </Col>
      <Col xs={12} md={4}>
        <Card size="small">
          <Statistic title={t.figObservers} value={formatCount(d?.observers)} />
        </Card>
      </Col>
      <Col xs={12} md={4}>
        <Card size="small">
          <Statistic title={t.figEnterprises} value={t.enterprises(d?.enterprisesDrilled)} />
        </Card>
      </Col>
      <Col xs={12} md={4}>
        <Card size="small">
          <Statistic
            title={t.figProblems}
            value={`${formatCount(d?.problems)} / ${formatCount(d?.problemsConverted)}`}
          />
        </Card>
      </Col>
      {d && d.byScenario.length > 0 && (
        <Col span={24}>
          <Typography.Text type="secondary">
            {t.byScenario}
            {d.byScenario.map((s) => `${l(DRILL_SCENARIO_LABELS, s.scenario)} ${s.count}`).join(' · ')}
          </Typography.Text>
        </Col>
      )}
    </Row>
  );
}

function DrillRecords() {
  const t = useDrillsText();
  const { l, lang } = useI18n();
  const mobile = Grid.useBreakpoint().md === false;
  const list = useListState<DrillView, Filters>({ order: 'desc' }, { url: { ignore: ['drill'] } });
  const [openId, open] = useOpenParam('drill');
  const page = useQuery({
    queryKey: ['drills', list.query],
    queryFn: () => api.get<Page<DrillView>>('/drills', list.query),
    placeholderData: keepPreviousData,
  });
  const columns: TableColumnsType<DrillView> = [
    { title: t.serial, dataIndex: 'serial', width: 120 },
    { title: t.title, dataIndex: 'title' },
    { title: t.unit, dataIndex: 'enterpriseName', width: 220 },
    {
      title: t.level,
      dataIndex: 'level',
      width: 80,
      render: (v: DrillView['level']) => (
        <Tag color={v === 'park' ? 'blue' : undefined}>{l(DRILL_LEVEL_LABELS, v)}</Tag>
      ),
    },
    {
      title: t.scenario,
      dataIndex: 'scenario',
      width: 100,
      render: (v: DrillView['scenario']) => l(DRILL_SCENARIO_LABELS, v),
    },
    { title: t.date, dataIndex: 'heldOn', width: 110 },
    { title: t.headcount, dataIndex: 'headcount', width: 90, align: 'right' },
    {
      title: t.problemsCol,
      key: 'problems',
      width: 120,
      render: (_, r) => `${r.problemCount} / ${r.convertedCount}`,
    },
  ];
  return (
    <>
      <FilterBar<Filters> onSearch={list.setFilters} initialValues={list.filters}>
        <Form.Item name="q">
          <Input allowClear placeholder={t.search} style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="level">
          <Select
            allowClear
            placeholder={t.level}
            style={{ width: 110 }}
            options={codeOptions(DRILL_LEVELS, DRILL_LEVEL_LABELS, lang)}
          />
        </Form.Item>
        <Form.Item name="scenario">
          <Select allowClear placeholder={t.scenario} style={{ width: 130 }} options={scenarioOptions(lang)} />
        </Form.Item>
        <Form.Item name="from">
          <IsoDatePicker placeholder={t.from} style={{ width: 140 }} />
        </Form.Item>
        <Form.Item name="to">
          <IsoDatePicker placeholder={t.to} style={{ width: 140 }} />
        </Form.Item>
        <Form.Item>
          <ExportButton
            path="/drills/export"
            params={list.filters}
            fileName={t.exportFile}
            label={t.export}
            testId="drill-export"
          />
        </Form.Item>
      </FilterBar>
      <ListView<DrillView>
        page={page}
        list={list}
        mobile={mobile}
        columns={columns}
        onOpen={(r) => open(r.id)}
        empty={t.empty}
        testId="drills"
        width={1100}
        card={(r) => (
          <Card key={r.id} size="small" className="list-card" onClick={() => open(r.id)} data-testid="drill-card">
            <Space style={{ justifyContent: 'space-between', width: '100%' }}>
              <strong>{r.title}</strong>
              <Tag color={r.level === 'park' ? 'blue' : undefined}>{l(DRILL_LEVEL_LABELS, r.level)}</Tag>
            </Space>
            <div>
              {r.heldOn} · {l(DRILL_SCENARIO_LABELS, r.scenario)} · {r.enterpriseName}
            </div>
            <Typography.Text type="secondary">
              {t.cardLine(r.headcount, r.problemCount, r.convertedCount)}
            </Typography.Text>
          </Card>
        )}
      />
      <RecordDrawer<DrillDetail>
        id={openId}
        onClose={() => open(null)}
        queryKey={['drills', 'one', openId]}
        path={`/drills/${openId}`}
        title={(r) => (r ? `${r.serial} ${r.title}` : t.detailTitle)}
        width={720}
      >
        {(r) => <DrillDetailView drill={r} />}
      </RecordDrawer>
    </>
  );
}

function DrillDetailView({ drill: r }: { drill: DrillDetail }) {
  const t = useDrillsText();
  const { l } = useI18n();
  const me = useMe();
  const [converting, setConverting] = useState<DrillProblemView | null>(null);
  const canConvert = ['admin', 'supervisor', 'inspector', 'enterprise'].includes(me.role);
  return (
    <div data-testid="drill-detail">
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label={t.unit}>{r.enterpriseName}</Descriptions.Item>
        <Descriptions.Item label={t.levelScenarioForm}>
          {l(DRILL_LEVEL_LABELS, r.level)} · {l(DRILL_SCENARIO_LABELS, r.scenario)} · {l(DRILL_FORM_LABELS, r.form)}
        </Descriptions.Item>
        <Descriptions.Item label={t.dateAndPlace}>
          {r.heldOn} · {r.place}
        </Descriptions.Item>
        <Descriptions.Item label={t.organiser}>{r.organiser}</Descriptions.Item>
        <Descriptions.Item label={t.emergencyPlan}>{r.planTitle ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t.participantEnterprises}>
          {r.participantEnterprises.map((p) => p.name).join(t.listSeparator) || '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t.participantUnits}>{r.participantUnits ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t.headcount}>{r.headcount}</Descriptions.Item>
        <Descriptions.Item label={t.observing}>
          {r.observers ? t.observersWithCount(r.observers, r.observerCount) : '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t.evaluation}>{r.evaluation ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t.recorded}>
          {r.recordedByName ?? '—'} · {r.recordedAt.slice(0, 10)}
        </Descriptions.Item>
      </Descriptions>
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t.photos}
      </Typography.Title>
      <PhotoStrip ids={r.photoIds} />
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t.problemsFound(r.problems.length)}
      </Typography.Title>
      <List
        size="small"
        bordered
        dataSource={r.problems}
        locale={{ emptyText: t.noProblems }}
        renderItem={(p, i) => (
          <List.Item
            data-testid="drill-problem"
            actions={[
              p.hazardId ? (
                <Link key="h" to={`/hazards?hazard=${p.hazardId}`} data-testid="drill-problem-hazard">
                  <Tag color="green">{t.converted(p.hazardSerial ?? '')}</Tag>
                </Link>
              ) : canConvert ? (
                <Button key="c" size="small" onClick={() => setConverting(p)} data-testid="drill-problem-convert">
                  {t.convert}
                </Button>
              ) : null,
            ]}
          >
            <List.Item.Meta
              title={`${i + 1}. ${p.description}`}
              description={p.enterpriseId !== r.enterpriseId ? p.enterpriseName : undefined}
            />
          </List.Item>
        )}
      />
      <SubjectPayments kind="drill" id={r.id} title={`${r.heldOn} ${r.title}`} purpose="drills" />
      <ConvertModal drill={r} problem={converting} onClose={() => setConverting(null)} />
    </div>
  );
}

function ConvertModal({
  drill,
  problem,
  onClose,
}: {
  drill: DrillDetail;
  problem: DrillProblemView | null;
  onClose: () => void;
}) {
  const t = useDrillsText();
  const { lang } = useI18n();
  const [form] = Form.useForm();
  const showError = useShowError(form);
  const { message } = App.useApp();
  const qc = useQueryClient();
  const save = useMutation({
    mutationFn: (v: Record<string, unknown>) =>
      api.post<DrillDetail>(`/drills/${drill.id}/problems/${problem!.id}/hazard`, v),
    onSuccess: () => {
      message.success(t.convertedMsg);
      void qc.invalidateQueries({ queryKey: ['drills'] });
      void qc.invalidateQueries({ queryKey: ['hazards'] });
      onClose();
    },
    onError: showError,
  });
  return (
    <Modal
      open={Boolean(problem)}
      title={t.convert}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t.convert}
      confirmLoading={save.isPending}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'drill-convert-submit' } as never}
    >
      <Typography.Paragraph>{problem?.description}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} preserve={false}>
        <Form.Item
          name="category"
          label={t.hazardCategory}
          rules={[{ required: true, message: t.hazardCategoryRequired }]}
        >
          <Select
            data-testid="drill-convert-category"
            options={codeOptions(HAZARD_CATEGORIES, HAZARD_CATEGORY_LABELS, lang)}
          />
        </Form.Item>
        <Form.Item name="deadline" label={t.deadline} rules={[{ required: true, message: t.deadlineRequired }]}>
          <IsoDatePicker data-testid="drill-convert-deadline" />
        </Form.Item>
        <Form.Item name="requirement" label={t.requirement}>
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
        <Form.Item name="responsiblePerson" label={t.responsible}>
          <Input maxLength={50} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface DrillFormValues {
  level: string;
  enterpriseId?: string;
  title?: string;
  scenario?: string;
  form: string;
  heldOn?: string;
  place?: string;
  organiser?: string;
  planId?: string;
  participantEnterpriseIds?: string[];
  participantUnits?: string;
  headcount?: number;
  observers?: string;
  observerCount?: number;
  photoIds?: string[];
  evaluation?: string;
  problems?: { description: string }[];
}

function DrillForm({ open, onClose, onSaved }: { open: boolean; onClose: () => void; onSaved: (id: string) => void }) {
  const t = useDrillsText();
  const { lang } = useI18n();
  const me = useMe();
  const mobile = Grid.useBreakpoint().md === false;
  const [form] = Form.useForm<DrillFormValues>();
  const showError = useShowError(form);
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [busy, setBusy] = useState(false);
  const committee = me.role === 'admin' || me.role === 'supervisor';
  const own = me.role === 'enterprise' ? (me.enterpriseId ?? undefined) : undefined;
  const enterpriseId = Form.useWatch('enterpriseId', form) ?? own;
  const level = Form.useWatch('level', form);
  const plans = useQuery({
    queryKey: ['drills', 'emergency-plans', enterpriseId],
    queryFn: () => api.get<{ id: string; title: string }[]>(`/drills/emergency-plans/${enterpriseId}`),
    enabled: Boolean(enterpriseId),
  });
  const save = useMutation({
    mutationFn: (v: DrillFormValues) =>
      api.post<DrillDetail>('/drills', {
        ...v,
        enterpriseId: own ?? v.enterpriseId,
        problems: (v.problems ?? []).filter((p) => p?.description?.trim()),
      }),
    onSuccess: (d) => {
      message.success(t.savedMsg);
      void qc.invalidateQueries({ queryKey: ['drills'] });
      onClose();
      onSaved(d.id);
    },
    onError: showError,
  });
  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={mobile ? '100%' : 640}
      title={t.formTitle}
      destroyOnHidden
      extra={
        <Button
          type="primary"
          loading={save.isPending}
          disabled={busy}
          onClick={() => form.submit()}
          data-testid="drill-submit"
        >
          {t.save}
        </Button>
      }
    >
      <Form<DrillFormValues>
        form={form}
        layout="vertical"
        initialValues={{ level: 'enterprise', form: 'live', heldOn: shanghaiToday(), problems: [] }}
        onFinish={(v) => save.mutate(v)}
        data-testid="drill-form"
      >
        {committee && (
          <Form.Item name="level" label={t.drillLevel} rules={[{ required: true }]}>
            <Select options={codeOptions(DRILL_LEVELS, DRILL_LEVEL_LABELS, lang)} />
          </Form.Item>
        )}
        {!own && (
          <Form.Item
            name="enterpriseId"
            label={level === 'park' ? t.hostEnterprise : t.unit}
            rules={[{ required: true, message: t.enterpriseRequired }]}
          >
            <EnterprisePicker testId="drill-enterprise" />
          </Form.Item>
        )}
        <Form.Item name="title" label={t.title} rules={[{ required: true, min: 4, message: t.titleRule }]}>
          <Input maxLength={200} placeholder={t.titlePlaceholder} data-testid="drill-title" />
        </Form.Item>
        <Space wrap style={{ width: '100%' }}>
          <Form.Item name="scenario" label={t.drillScenario} rules={[{ required: true, message: t.scenarioRequired }]}>
            <Select style={{ width: 160 }} options={scenarioOptions(lang)} data-testid="drill-scenario" />
          </Form.Item>
          <Form.Item name="form" label={t.drillForm}>
            <Select style={{ width: 130 }} options={codeOptions(DRILL_FORMS, DRILL_FORM_LABELS, lang)} />
          </Form.Item>
          <Form.Item name="heldOn" label={t.drillDate} rules={[{ required: true, message: t.dateRequired }]}>
            <IsoDatePicker notAfterToday style={{ width: 160 }} />
          </Form.Item>
        </Space>
        <Form.Item name="place" label={t.place} rules={[{ required: true, min: 2, message: t.placeRequired }]}>
          <Input maxLength={200} data-testid="drill-place" />
        </Form.Item>
        <Form.Item
          name="organiser"
          label={t.organiser}
          rules={[{ required: true, min: 2, message: t.organiserRequired }]}
        >
          <Input maxLength={200} data-testid="drill-organiser" />
        </Form.Item>
        <Form.Item name="planId" label={t.planUsed} extra={t.planUsedHint}>
          <Select
            allowClear
            disabled={!enterpriseId}
            options={(plans.data ?? []).map((p) => ({ value: p.id, label: p.title }))}
            notFoundContent={t.noPlans}
          />
        </Form.Item>
        {level === 'park' && (
          <Form.Item name="participantEnterpriseIds" label={t.participantEnterprises}>
            <EnterprisesSelect />
          </Form.Item>
        )}
        <Form.Item name="participantUnits" label={t.participantUnits}>
          <Input maxLength={500} placeholder={t.unitsPlaceholder} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="headcount" label={t.headcount} rules={[{ required: true, message: t.headcountRequired }]}>
            <InputNumber min={0} precision={0} data-testid="drill-headcount" />
          </Form.Item>
          <Form.Item name="observerCount" label={t.observerCount}>
            <InputNumber min={0} precision={0} />
          </Form.Item>
        </Space>
        <Form.Item name="observers" label={t.observers}>
          <Input maxLength={500} placeholder={t.observersPlaceholder} />
        </Form.Item>
        {enterpriseId && (
          <Form.Item name="photoIds" label={t.photos}>
            <PhotoUpload enterpriseId={enterpriseId} purpose="evidence" onBusyChange={setBusy} />
          </Form.Item>
        )}
        <Form.Item name="evaluation" label={t.evaluation}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        <Form.List name="problems">
          {(fields, { add, remove }) => (
            <Card size="small" title={t.problemsTitle} style={{ marginBottom: 16 }}>
              {fields.map((f, i) => (
                <Space key={f.key} align="start" style={{ display: 'flex' }}>
                  <Form.Item
                    name={[f.name, 'description']}
                    rules={[{ required: true, min: 4, message: t.problemRule }]}
                    style={{ flex: 1, minWidth: mobile ? 240 : 480 }}
                  >
                    <Input.TextArea rows={2} placeholder={t.problemN(i + 1)} data-testid="drill-problem-input" />
                  </Form.Item>
                  <Button onClick={() => remove(f.name)}>{t.remove}</Button>
                </Space>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add({ description: '' })} data-testid="drill-problem-add">
                {t.addProblem}
              </Button>
            </Card>
          )}
        </Form.List>
      </Form>
    </Drawer>
  );
}

function AnnualPlans() {
  const t = useDrillsText();
  const { l } = useI18n();
  const me = useMe();
  const [year, setYear] = useState(thisYear());
  const [page, setPage] = useState(1);
  const [adding, setAdding] = useState(false);
  const plans = useQuery({
    queryKey: ['drills', 'annual-plans', year, page],
    queryFn: () => api.get<Page<DrillPlanView>>('/drills/annual-plans', { year, page, pageSize: 20 }),
    placeholderData: keepPreviousData,
  });
  const colours = { done: 'green', upcoming: 'default', overdue: 'red' } as const;
  const columns: TableColumnsType<DrillPlanView> = [
    { title: t.enterprise, dataIndex: 'enterpriseName' },
    { title: t.month, dataIndex: 'month', width: 100, render: (m: number) => t.monthN(m) },
    {
      title: t.scenario,
      dataIndex: 'scenario',
      width: 110,
      render: (v: DrillPlanView['scenario']) => l(DRILL_SCENARIO_LABELS, v),
    },
    { title: t.content, dataIndex: 'title' },
    {
      title: t.planState,
      dataIndex: 'state',
      width: 150,
      render: (s: DrillPlanView['state'], r) => (
        <Tag color={colours[s]}>
          {l(DRILL_PLAN_STATE_LABELS, s)}
          {r.heldOn ? ` ${r.heldOn}` : ''}
        </Tag>
      ),
    },
  ];
  return (
    <Card
      size="small"
      title={
        <Space>
          <span>{t.year}</span>
          <Select
            value={year}
            onChange={setYear}
            style={{ width: 100 }}
            options={[0, 1, 2, 3].map((k) => ({ value: thisYear() - k, label: `${thisYear() - k}` }))}
          />
        </Space>
      }
      extra={
        me.role !== 'leader' &&
        me.role !== 'department' && (
          <Button icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            {t.addPlan}
          </Button>
        )
      }
    >
      <Table<DrillPlanView>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={plans.data?.items}
        loading={plans.isFetching}
        scroll={{ x: 800 }}
        pagination={{
          current: page,
          total: plans.data?.total ?? 0,
          pageSize: 20,
          onChange: setPage,
          showSizeChanger: false,
        }}
      />
      <PlanForm open={adding} year={year} onClose={() => setAdding(false)} />
    </Card>
  );
}

function PlanForm({ open, year, onClose }: { open: boolean; year: number; onClose: () => void }) {
  const t = useDrillsText();
  const { lang } = useI18n();
  const me = useMe();
  const [form] = Form.useForm();
  const showError = useShowError(form);
  const qc = useQueryClient();
  const own = me.role === 'enterprise' ? me.enterpriseId : null;
  const save = useMutation({
    mutationFn: (v: Record<string, unknown>) =>
      api.post('/drills/annual-plans', { ...v, year, enterpriseId: own ?? v.enterpriseId }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['drills', 'annual-plans'] });
      onClose();
    },
    onError: showError,
  });
  return (
    <Modal open={open} title={t.addPlanTitle(year)} onCancel={onClose} onOk={() => form.submit()} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} preserve={false}>
        {!own && (
          <Form.Item
            name="enterpriseId"
            label={t.enterprise}
            rules={[{ required: true, message: t.enterpriseRequired }]}
          >
            <EnterprisePicker />
          </Form.Item>
        )}
        <Form.Item name="month" label={t.month} rules={[{ required: true, message: t.monthRequired }]}>
          <Select options={Array.from({ length: 12 }, (_, i) => ({ value: i + 1, label: t.monthN(i + 1) }))} />
        </Form.Item>
        <Form.Item name="scenario" label={t.drillScenario} rules={[{ required: true, message: t.scenarioRequired }]}>
          <Select options={scenarioOptions(lang)} />
        </Form.Item>
        <Form.Item name="title" label={t.content} rules={[{ required: true, min: 2 }]}>
          <Input maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function WithoutDrill() {
  const t = useDrillsText();
  const { lang } = useI18n();
  const [tag, setTag] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const year = thisYear();
  const none = useQuery({
    queryKey: ['drills', 'without-drill', year, tag, page],
    queryFn: () =>
      api.get<
        Page<{
          id: string;
          name: string;
          area: string | null;
          supervisionTags: string[];
          plannedCount: number;
          lastDrillOn: string | null;
        }> & { operating: number }
      >('/drills/without-drill', { year, tag, page, pageSize: 20 }),
    placeholderData: keepPreviousData,
  });
  return (
    <Card
      size="small"
      title={none.data ? t.noneTitle(year, none.data.total, none.data.operating) : t.noneTitleLoading(year)}
      extra={
        <Select
          allowClear
          placeholder={t.tag}
          style={{ width: 160 }}
          value={tag}
          onChange={(v) => {
            setTag(v);
            setPage(1);
          }}
          options={codeOptions(SUPERVISION_TAGS, SUPERVISION_TAG_LABELS, lang)}
        />
      }
    >
      <Table
        rowKey="id"
        size="small"
        data-testid="drill-none-table"
        dataSource={none.data?.items}
        loading={none.isFetching}
        scroll={{ x: 800 }}
        pagination={{
          current: page,
          total: none.data?.total ?? 0,
          pageSize: 20,
          onChange: setPage,
          showSizeChanger: false,
        }}
        columns={[
          {
            title: t.enterprise,
            dataIndex: 'name',
            render: (v: string, r) => <Link to={`/enterprises/${r.id}`}>{v}</Link>,
          },
          { title: t.area, dataIndex: 'area', width: 120 },
          {
            title: t.tag,
            dataIndex: 'supervisionTags',
            render: (tags: string[]) =>
              tags.length ? tags.map((k) => <Tag key={k}>{label(SUPERVISION_TAG_LABELS, k, lang)}</Tag>) : '—',
          },
          { title: t.planned, dataIndex: 'plannedCount', width: 90, render: (n: number) => t.plannedN(n) },
          { title: t.lastDrill, dataIndex: 'lastDrillOn', width: 130, render: (v: string | null) => v ?? t.never },
        ]}
      />
    </Card>
  );
}
