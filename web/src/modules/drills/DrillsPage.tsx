// 应急演练: the year's figures, the drill register (filters, drawer, Excel export), the record form (phone-friendly),
// a problem turned into a hazard in one step, the annual drill plans and the operating enterprises without a drill
// this year with their key-supervision tags.
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
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
  DRILL_FORM_NAMES,
  DRILL_FORMS,
  DRILL_LEVEL_NAMES,
  DRILL_LEVELS,
  DRILL_PLAN_STATE_NAMES,
  DRILL_SCENARIO_NAMES,
  DRILL_SCENARIOS,
  type DrillDetail,
  type DrillFigures,
  type DrillPlanView,
  type DrillProblemView,
  type DrillView,
} from '../../../../shared/src/drills';
import { SUPERVISION_TAGS } from '../../../../shared/src/enterprises';
import { HAZARD_CATEGORIES } from '../../../../shared/src/hazards';
import { label, SUPERVISION_TAG_LABELS } from '../../../../shared/src/labels';
import { shanghaiToday } from '../../../../shared/src/validators';
import { api, type Page } from '../../app/api';
import { useMe } from '../../app/auth';
import { formatCount } from '../../app/format';
import { useShowError } from '../../app/forms';
import { useI18n } from '../../app/i18n';
import { useListState, useOpenParam } from '../../app/listState';
import { FilterBar } from '../../app/ui/FilterBar';
import { ListView } from '../../app/ui/ListView';
import { codeOptions } from '../../app/ui/options';
import { PageContainer } from '../../app/ui/PageContainer';
import { RecordDrawer } from '../../app/ui/RecordDrawer';
import { SubjectPayments } from '../activities/SubjectPayments';
import { IsoDatePicker } from '../enterprises/IsoDatePicker';
import { PhotoStrip, PhotoUpload } from '../hazards/photos';
import { EnterprisePicker } from '../hazards/pickers';
import { EnterprisesSelect } from './EnterprisesSelect';

const CATEGORY_NAMES: Record<string, string> = {
  unsafeAct: '人的不安全行为',
  unsafeCondition: '物的不安全状态',
  managementDefect: '管理缺陷',
  environment: '环境因素',
};
const scenarioOptions = DRILL_SCENARIOS.map((v) => ({ value: v, label: DRILL_SCENARIO_NAMES[v] }));
const thisYear = () => Number(shanghaiToday().slice(0, 4));

type Filters = { q?: string; level?: string; scenario?: string; from?: string; to?: string; enterpriseId?: string };

export default function DrillsPage() {
  const { t } = useI18n();
  const me = useMe();
  const committee = me.role !== 'enterprise';
  const canWrite = ['admin', 'supervisor', 'inspector', 'enterprise'].includes(me.role);
  const [tab, setTab] = useState('records');
  const [creating, setCreating] = useState(false);
  const [, open] = useOpenParam('drill');
  return (
    <PageContainer
      title={t.menu.drills}
      extra={
        canWrite && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="drill-create">
            登记演练
          </Button>
        )
      }
    >
      <FiguresRow />
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          { key: 'records', label: '演练记录', children: <DrillRecords /> },
          { key: 'plans', label: '年度演练计划', children: <AnnualPlans /> },
          ...(committee ? [{ key: 'none', label: '本年未演练企业', children: <WithoutDrill /> }] : []),
        ]}
      />
      <DrillForm open={creating} onClose={() => setCreating(false)} onSaved={(id) => open(id)} />
    </PageContainer>
  );
}

function FiguresRow() {
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
          <Statistic title={`${year} 年演练`} value={formatCount(d?.total, '次')} />
        </Card>
      </Col>
      <Col xs={12} md={4}>
        <Card size="small">
          <Statistic title="其中园区级" value={formatCount(park, '次')} />
        </Card>
      </Col>
      <Col xs={12} md={4}>
        <Card size="small">
          <Statistic title="参演人数" value={formatCount(d?.participants)} />
        </Card>
      </Col>
      <Col xs={12} md={4}>
        <Card size="small">
          <Statistic title="观摩人数" value={formatCount(d?.observers)} />
        </Card>
      </Col>
      <Col xs={12} md={4}>
        <Card size="small">
          <Statistic title="开展演练企业" value={formatCount(d?.enterprisesDrilled, '家')} />
        </Card>
      </Col>
      <Col xs={12} md={4}>
        <Card size="small">
          <Statistic
            title="发现问题 / 转隐患"
            value={`${formatCount(d?.problems)} / ${formatCount(d?.problemsConverted)}`}
          />
        </Card>
      </Col>
      {d && d.byScenario.length > 0 && (
        <Col span={24}>
          <Typography.Text type="secondary">
            按场景：
            {d.byScenario.map((s) => `${DRILL_SCENARIO_NAMES[s.scenario]} ${s.count}`).join(' · ')}
          </Typography.Text>
        </Col>
      )}
    </Row>
  );
}

function DrillRecords() {
  const mobile = Grid.useBreakpoint().md === false;
  const list = useListState<DrillView, Filters>({ order: 'desc' }, { url: { ignore: ['drill'] } });
  const [openId, open] = useOpenParam('drill');
  const showError = useShowError();
  const page = useQuery({
    queryKey: ['drills', list.query],
    queryFn: () => api.get<Page<DrillView>>('/drills', list.query),
    placeholderData: keepPreviousData,
  });
  const exportFile = useMutation({
    mutationFn: () => api.downloadGet('/drills/export', list.filters, '应急演练.xlsx'),
    onError: showError,
  });
  const columns: TableColumnsType<DrillView> = [
    { title: '编号', dataIndex: 'serial', width: 120 },
    { title: '演练名称', dataIndex: 'title' },
    { title: '演练单位', dataIndex: 'enterpriseName', width: 220 },
    {
      title: '级别',
      dataIndex: 'level',
      width: 80,
      render: (v: DrillView['level']) => <Tag color={v === 'park' ? 'blue' : undefined}>{DRILL_LEVEL_NAMES[v]}</Tag>,
    },
    { title: '场景', dataIndex: 'scenario', width: 100, render: (v: DrillView['scenario']) => DRILL_SCENARIO_NAMES[v] },
    { title: '日期', dataIndex: 'heldOn', width: 110 },
    { title: '参演人数', dataIndex: 'headcount', width: 90, align: 'right' },
    {
      title: '问题 / 已转隐患',
      key: 'problems',
      width: 120,
      render: (_, r) => `${r.problemCount} / ${r.convertedCount}`,
    },
  ];
  return (
    <>
      <FilterBar<Filters> onSearch={list.setFilters} initialValues={list.filters}>
        <Form.Item name="q">
          <Input allowClear placeholder="编号 / 名称 / 地点 / 企业" style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="level">
          <Select
            allowClear
            placeholder="级别"
            style={{ width: 110 }}
            options={DRILL_LEVELS.map((v) => ({ value: v, label: DRILL_LEVEL_NAMES[v] }))}
          />
        </Form.Item>
        <Form.Item name="scenario">
          <Select allowClear placeholder="场景" style={{ width: 130 }} options={scenarioOptions} />
        </Form.Item>
        <Form.Item name="from">
          <IsoDatePicker placeholder="开始日期" style={{ width: 140 }} />
        </Form.Item>
        <Form.Item name="to">
          <IsoDatePicker placeholder="结束日期" style={{ width: 140 }} />
        </Form.Item>
        <Form.Item>
          <Button
            icon={<DownloadOutlined />}
            loading={exportFile.isPending}
            onClick={() => exportFile.mutate()}
            data-testid="drill-export"
          >
            导出 Excel
          </Button>
        </Form.Item>
      </FilterBar>
      <ListView<DrillView>
        page={page}
        list={list}
        mobile={mobile}
        columns={columns}
        onOpen={(r) => open(r.id)}
        empty="没有符合条件的演练记录"
        testId="drills"
        width={1100}
        card={(r) => (
          <Card key={r.id} size="small" className="list-card" onClick={() => open(r.id)} data-testid="drill-card">
            <Space style={{ justifyContent: 'space-between', width: '100%' }}>
              <strong>{r.title}</strong>
              <Tag color={r.level === 'park' ? 'blue' : undefined}>{DRILL_LEVEL_NAMES[r.level]}</Tag>
            </Space>
            <div>
              {r.heldOn} · {DRILL_SCENARIO_NAMES[r.scenario]} · {r.enterpriseName}
            </div>
            <Typography.Text type="secondary">
              参演 {r.headcount} 人 · 问题 {r.problemCount} 条（已转隐患 {r.convertedCount}）
            </Typography.Text>
          </Card>
        )}
      />
      <RecordDrawer<DrillDetail>
        id={openId}
        onClose={() => open(null)}
        queryKey={['drills', 'one', openId]}
        path={`/drills/${openId}`}
        title={(r) => (r ? `${r.serial} ${r.title}` : '演练详情')}
        width={720}
      >
        {(r) => <DrillDetailView drill={r} />}
      </RecordDrawer>
    </>
  );
}

function DrillDetailView({ drill: r }: { drill: DrillDetail }) {
  const me = useMe();
  const [converting, setConverting] = useState<DrillProblemView | null>(null);
  const canConvert = ['admin', 'supervisor', 'inspector', 'enterprise'].includes(me.role);
  return (
    <div data-testid="drill-detail">
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label="演练单位">{r.enterpriseName}</Descriptions.Item>
        <Descriptions.Item label="级别 / 场景 / 形式">
          {DRILL_LEVEL_NAMES[r.level]} · {DRILL_SCENARIO_NAMES[r.scenario]} · {DRILL_FORM_NAMES[r.form]}
        </Descriptions.Item>
        <Descriptions.Item label="日期 / 地点">
          {r.heldOn} · {r.place}
        </Descriptions.Item>
        <Descriptions.Item label="组织单位">{r.organiser}</Descriptions.Item>
        <Descriptions.Item label="应急预案">{r.planTitle ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="参演企业">
          {r.participantEnterprises.map((p) => p.name).join('、') || '—'}
        </Descriptions.Item>
        <Descriptions.Item label="其他参演单位">{r.participantUnits ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="参演人数">{r.headcount}</Descriptions.Item>
        <Descriptions.Item label="观摩">
          {r.observers ? `${r.observers}（${r.observerCount} 人）` : '—'}
        </Descriptions.Item>
        <Descriptions.Item label="演练评估">{r.evaluation ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="登记">
          {r.recordedByName ?? '—'} · {r.recordedAt.slice(0, 10)}
        </Descriptions.Item>
      </Descriptions>
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        演练照片
      </Typography.Title>
      <PhotoStrip ids={r.photoIds} />
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        发现的问题（{r.problems.length}）
      </Typography.Title>
      <List
        size="small"
        bordered
        dataSource={r.problems}
        locale={{ emptyText: '演练未发现问题' }}
        renderItem={(p, i) => (
          <List.Item
            data-testid="drill-problem"
            actions={[
              p.hazardId ? (
                <Link key="h" to={`/hazards?hazard=${p.hazardId}`} data-testid="drill-problem-hazard">
                  <Tag color="green">已转隐患 {p.hazardSerial}</Tag>
                </Link>
              ) : canConvert ? (
                <Button key="c" size="small" onClick={() => setConverting(p)} data-testid="drill-problem-convert">
                  转为隐患
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
  const [form] = Form.useForm();
  const showError = useShowError(form);
  const { message } = App.useApp();
  const qc = useQueryClient();
  const save = useMutation({
    mutationFn: (v: Record<string, unknown>) =>
      api.post<DrillDetail>(`/drills/${drill.id}/problems/${problem!.id}/hazard`, v),
    onSuccess: () => {
      message.success('已转为隐患，进入隐患台账闭环整改');
      void qc.invalidateQueries({ queryKey: ['drills'] });
      void qc.invalidateQueries({ queryKey: ['hazards'] });
      onClose();
    },
    onError: showError,
  });
  return (
    <Modal
      open={Boolean(problem)}
      title="转为隐患"
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="转为隐患"
      confirmLoading={save.isPending}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'drill-convert-submit' } as never}
    >
      <Typography.Paragraph>{problem?.description}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} preserve={false}>
        <Form.Item name="category" label="隐患类别" rules={[{ required: true, message: '请选择隐患类别' }]}>
          <Select
            data-testid="drill-convert-category"
            options={HAZARD_CATEGORIES.map((c) => ({ value: c, label: CATEGORY_NAMES[c] ?? c }))}
          />
        </Form.Item>
        <Form.Item name="deadline" label="整改期限" rules={[{ required: true, message: '请选择整改期限' }]}>
          <IsoDatePicker data-testid="drill-convert-deadline" />
        </Form.Item>
        <Form.Item name="requirement" label="整改要求">
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
        <Form.Item name="responsiblePerson" label="整改责任人">
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
      message.success('演练已登记');
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
      title="登记应急演练"
      destroyOnHidden
      extra={
        <Button
          type="primary"
          loading={save.isPending}
          disabled={busy}
          onClick={() => form.submit()}
          data-testid="drill-submit"
        >
          保存
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
          <Form.Item name="level" label="演练级别" rules={[{ required: true }]}>
            <Select options={DRILL_LEVELS.map((v) => ({ value: v, label: DRILL_LEVEL_NAMES[v] }))} />
          </Form.Item>
        )}
        {!own && (
          <Form.Item
            name="enterpriseId"
            label={level === 'park' ? '承办企业（演练现场）' : '演练单位'}
            rules={[{ required: true, message: '请选择企业' }]}
          >
            <EnterprisePicker testId="drill-enterprise" />
          </Form.Item>
        )}
        <Form.Item name="title" label="演练名称" rules={[{ required: true, min: 4, message: '演练名称至少 4 个字' }]}>
          <Input maxLength={200} placeholder="如：有限空间中毒窒息事故应急演练" data-testid="drill-title" />
        </Form.Item>
        <Space wrap style={{ width: '100%' }}>
          <Form.Item name="scenario" label="演练场景" rules={[{ required: true, message: '请选择演练场景' }]}>
            <Select style={{ width: 160 }} options={scenarioOptions} data-testid="drill-scenario" />
          </Form.Item>
          <Form.Item name="form" label="演练形式">
            <Select
              style={{ width: 130 }}
              options={DRILL_FORMS.map((v) => ({ value: v, label: DRILL_FORM_NAMES[v] }))}
            />
          </Form.Item>
          <Form.Item name="heldOn" label="演练日期" rules={[{ required: true, message: '请选择演练日期' }]}>
            <IsoDatePicker notAfterToday style={{ width: 160 }} />
          </Form.Item>
        </Space>
        <Form.Item name="place" label="演练地点" rules={[{ required: true, min: 2, message: '请填写演练地点' }]}>
          <Input maxLength={200} data-testid="drill-place" />
        </Form.Item>
        <Form.Item name="organiser" label="组织单位" rules={[{ required: true, min: 2, message: '请填写组织单位' }]}>
          <Input maxLength={200} data-testid="drill-organiser" />
        </Form.Item>
        <Form.Item name="planId" label="演练所用应急预案" extra="企业附属档案中登记的应急预案">
          <Select
            allowClear
            disabled={!enterpriseId}
            options={(plans.data ?? []).map((p) => ({ value: p.id, label: p.title }))}
            notFoundContent="该企业尚未登记应急预案"
          />
        </Form.Item>
        {level === 'park' && (
          <Form.Item name="participantEnterpriseIds" label="参演企业">
            <EnterprisesSelect />
          </Form.Item>
        )}
        <Form.Item name="participantUnits" label="其他参演单位">
          <Input maxLength={500} placeholder="如：区应急管理局、消防救援大队" />
        </Form.Item>
        <Space wrap>
          <Form.Item name="headcount" label="参演人数" rules={[{ required: true, message: '请填写参演人数' }]}>
            <InputNumber min={0} precision={0} data-testid="drill-headcount" />
          </Form.Item>
          <Form.Item name="observerCount" label="观摩人数">
            <InputNumber min={0} precision={0} />
          </Form.Item>
        </Space>
        <Form.Item name="observers" label="观摩人员">
          <Input maxLength={500} placeholder="观摩单位、人员" />
        </Form.Item>
        {enterpriseId && (
          <Form.Item name="photoIds" label="演练照片">
            <PhotoUpload enterpriseId={enterpriseId} purpose="evidence" onBusyChange={setBusy} />
          </Form.Item>
        )}
        <Form.Item name="evaluation" label="演练评估">
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        <Form.List name="problems">
          {(fields, { add, remove }) => (
            <Card size="small" title="发现的问题" style={{ marginBottom: 16 }}>
              {fields.map((f, i) => (
                <Space key={f.key} align="start" style={{ display: 'flex' }}>
                  <Form.Item
                    name={[f.name, 'description']}
                    rules={[{ required: true, min: 4, message: '问题描述至少 4 个字' }]}
                    style={{ flex: 1, minWidth: mobile ? 240 : 480 }}
                  >
                    <Input.TextArea rows={2} placeholder={`问题 ${i + 1}`} data-testid="drill-problem-input" />
                  </Form.Item>
                  <Button onClick={() => remove(f.name)}>删除</Button>
                </Space>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add({ description: '' })} data-testid="drill-problem-add">
                添加问题
              </Button>
            </Card>
          )}
        </Form.List>
      </Form>
    </Drawer>
  );
}

function AnnualPlans() {
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
    { title: '企业', dataIndex: 'enterpriseName' },
    { title: '计划月份', dataIndex: 'month', width: 100, render: (m: number) => `${m} 月` },
    {
      title: '场景',
      dataIndex: 'scenario',
      width: 110,
      render: (v: DrillPlanView['scenario']) => DRILL_SCENARIO_NAMES[v],
    },
    { title: '演练内容', dataIndex: 'title' },
    {
      title: '执行情况',
      dataIndex: 'state',
      width: 150,
      render: (s: DrillPlanView['state'], r) => (
        <Tag color={colours[s]}>
          {DRILL_PLAN_STATE_NAMES[s]}
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
          <span>年度</span>
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
            新增计划
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
    <Modal open={open} title={`新增 ${year} 年演练计划`} onCancel={onClose} onOk={() => form.submit()} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} preserve={false}>
        {!own && (
          <Form.Item name="enterpriseId" label="企业" rules={[{ required: true, message: '请选择企业' }]}>
            <EnterprisePicker />
          </Form.Item>
        )}
        <Form.Item name="month" label="计划月份" rules={[{ required: true, message: '请选择计划月份' }]}>
          <Select options={Array.from({ length: 12 }, (_, i) => ({ value: i + 1, label: `${i + 1} 月` }))} />
        </Form.Item>
        <Form.Item name="scenario" label="演练场景" rules={[{ required: true, message: '请选择演练场景' }]}>
          <Select options={scenarioOptions} />
        </Form.Item>
        <Form.Item name="title" label="演练内容" rules={[{ required: true, min: 2 }]}>
          <Input maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function WithoutDrill() {
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
      title={
        none.data
          ? `${year} 年尚未开展或参加应急演练的在营企业：${none.data.total} 家（在营 ${none.data.operating} 家）`
          : `${year} 年尚未开展演练的企业`
      }
      extra={
        <Select
          allowClear
          placeholder="重点监管标签"
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
          { title: '企业', dataIndex: 'name', render: (v: string, r) => <Link to={`/enterprises/${r.id}`}>{v}</Link> },
          { title: '片区', dataIndex: 'area', width: 120 },
          {
            title: '重点监管标签',
            dataIndex: 'supervisionTags',
            render: (tags: string[]) =>
              tags.length ? tags.map((t) => <Tag key={t}>{label(SUPERVISION_TAG_LABELS, t, lang)}</Tag>) : '—',
          },
          { title: '本年计划', dataIndex: 'plannedCount', width: 90, render: (n: number) => `${n} 次` },
          { title: '最近一次演练', dataIndex: 'lastDrillOn', width: 130, render: (v: string | null) => v ?? '从未' },
        ]}
      />
    </Card>
  );
}
