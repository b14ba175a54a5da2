// 检查覆盖 (全覆盖, issue 15): for a period, each enterprise's required inspections (its credit grade × risk level in the
// credit rule table, pro rata to the period), the inspections it had (by the day they happened, 企业自查 aside) and
// whether that covers it; its hazards found and closed. Never-inspected enterprises first. Filters and period live in
// the address; the list exports to Excel; one action plans a campaign for exactly the uncovered ones.
import { FileExcelOutlined, FlagOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  DatePicker,
  Flex,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Statistic,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { CAMPAIGN_TYPE_NAMES, CAMPAIGN_TYPES } from '../../../../shared/src/campaigns';
import { CREDIT_GRADES } from '../../../../shared/src/credit';
import {
  COVERAGE_STATUS_NAMES,
  COVERAGE_STATUSES,
  type CoveragePage as CoveragePageData,
  type CoverageRow,
  type CoverageStatus,
} from '../../../../shared/src/dashboard';
import { SUPERVISION_TAGS } from '../../../../shared/src/enterprises';
import { SUPERVISION_TAG_LABELS } from '../../../../shared/src/labels';
import { RISK_LEVEL_NAMES, RISK_LEVELS } from '../../../../shared/src/risk-levels';
import { api } from '../../app/api';
import { formatCount, formatPercent } from '../../app/format';
import { useListState } from '../../app/listState';
import { ListView } from '../../app/ui/ListView';
import { PageContainer } from '../../app/ui/PageContainer';
import { PeriodBar, usePeriod } from '../../app/ui/PeriodBar';
import { enterprisePath } from '../enterprises/rights';
import { useHazardRights, useIsMobile } from '../hazards/common';
import { useHomeStats } from '../home/homeStats';
import { DefinedTitle } from './FigureChart';
import './dashboard.css';

type Row = CoverageRow & { id: string };
type Filters = {
  from?: string;
  to?: string;
  q?: string;
  area?: string;
  tag?: string;
  grade?: string;
  riskLevel?: string;
  status?: string;
};
const STATUS_COLOURS: Record<CoverageStatus, string> = { uncovered: 'red', covered: 'green', over: 'blue' };
const DEFINITION =
  '应检次数 = 诚信规则频次表中该企业“诚信等级 × 风险等级”的年度检查次数 × 期间已过天数 ÷ 365（四舍五入）；检查次数按检查日期计，不含企业自查；少于应检为未覆盖，多于应检为超频次。隐患按发现日期计。';

export default function CoveragePage() {
  const mobile = useIsMobile();
  const period = usePeriod();
  const rights = useHazardRights();
  const { message } = App.useApp();
  const list = useListState<Row, Filters>({ sort: 'gap' }, { url: { ignore: ['kind'] } });
  const f = { ...list.filters, from: period.from, to: period.to };
  const query = { ...list.query, from: period.from, to: period.to };
  const page = useQuery({
    queryKey: ['coverage', query],
    queryFn: () => api.get<CoveragePageData>('/coverage', query),
    placeholderData: keepPreviousData,
    select: (d) => ({ ...d, items: d.items.map((r) => ({ ...r, id: r.enterpriseId })) }),
  });
  const areas = useHomeStats().data?.enterprises.byArea.map((a) => ({ value: a.key, label: a.key })) ?? [];
  const [planning, setPlanning] = useState(false);
  const s = page.data?.summary;
  const set = (key: keyof Filters, value: string | undefined) => list.setFilters({ ...f, [key]: value });

  const exportXlsx = () =>
    api.downloadGet('/coverage/export', { ...f }, '检查覆盖.xlsx').catch((e: Error) => message.error(e.message));

  // The last day counted: today for a period not yet over (the server counts to it too).
  const todayText = dayjs().format('YYYY-MM-DD');
  const until = period.to > todayText ? todayText : period.to;
  const columns = [
    {
      title: '企业',
      dataIndex: 'name',
      sorter: true,
      sortOrder: list.sortOrder('name'),
      render: (name: string, r: Row) => <Link to={enterprisePath(r.enterpriseId)}>{name}</Link>,
    },
    { title: '片区', dataIndex: 'area', width: 90, render: (v: string | null) => v ?? '—' },
    {
      title: '风险等级',
      dataIndex: 'riskLevel',
      width: 90,
      render: (v: Row['riskLevel']) => (v ? RISK_LEVEL_NAMES[v] : '未评定'),
    },
    { title: '诚信等级', dataIndex: 'grade', width: 80 },
    {
      title: '应检次数',
      dataIndex: 'required',
      width: 100,
      sorter: true,
      sortOrder: list.sortOrder('required'),
      render: (v: number, r: Row) => `${v}（年 ${r.requiredPerYear}）`,
    },
    {
      title: '检查次数',
      dataIndex: 'inspections',
      width: 90,
      sorter: true,
      sortOrder: list.sortOrder('inspections'),
      render: (v: number, r: Row) => (
        <Link to={`/inspections?supervisory=true&enterpriseId=${r.enterpriseId}&from=${period.from}&to=${until}`}>
          {v}
        </Link>
      ),
    },
    { title: '最近检查', dataIndex: 'lastInspectedOn', width: 110, render: (v: string | null) => v ?? '本期未检查' },
    {
      title: '覆盖状态',
      dataIndex: 'status',
      width: 90,
      render: (v: CoverageStatus) => (
        <Tag color={STATUS_COLOURS[v]} data-testid="coverage-status">
          {COVERAGE_STATUS_NAMES[v]}
        </Tag>
      ),
    },
    {
      title: '隐患（销号/发现）',
      dataIndex: 'hazardsFound',
      width: 150,
      render: (_: number, r: Row) => (
        <Link to={`/hazards?enterpriseId=${r.enterpriseId}&foundFrom=${period.from}&foundTo=${until}`}>
          {r.hazardsClosed}/{r.hazardsFound}
          {r.rectificationRate !== null && `（${formatPercent(r.rectificationRate)}）`}
        </Link>
      ),
    },
  ];

  return (
    <PageContainer
      title="检查覆盖"
      extra={
        <Space wrap>
          <Button icon={<FileExcelOutlined />} onClick={exportXlsx} data-testid="coverage-export">
            导出
          </Button>
          {rights.supervise && (
            <Button
              type="primary"
              icon={<FlagOutlined />}
              disabled={!s?.uncovered}
              onClick={() => setPlanning(true)}
              data-testid="coverage-campaign"
            >
              为未覆盖企业创建检查行动
            </Button>
          )}
        </Space>
      }
    >
      <PeriodBar period={period} mobile={mobile} className="dashboard-period" />
      <Card size="small" className="filter-card">
        <Flex gap={8} wrap vertical={mobile}>
          <Input.Search
            allowClear
            placeholder="企业名称或信用代码"
            defaultValue={f.q}
            onSearch={(v) => set('q', v || undefined)}
            style={{ width: mobile ? '100%' : 220 }}
          />
          <Select
            allowClear
            placeholder="片区"
            value={f.area}
            options={areas}
            onChange={(v: string | undefined) => set('area', v)}
            style={{ width: mobile ? '100%' : 140 }}
            data-testid="coverage-area"
          />
          <Select
            allowClear
            placeholder="重点监管标签"
            value={f.tag}
            options={SUPERVISION_TAGS.map((t) => ({ value: t, label: SUPERVISION_TAG_LABELS[t]?.zh ?? t }))}
            onChange={(v: string | undefined) => set('tag', v)}
            style={{ width: mobile ? '100%' : 170 }}
          />
          <Select
            allowClear
            placeholder="诚信等级"
            value={f.grade}
            options={CREDIT_GRADES.map((g) => ({ value: g, label: `${g} 级` }))}
            onChange={(v: string | undefined) => set('grade', v)}
            style={{ width: mobile ? '100%' : 120 }}
          />
          <Select
            allowClear
            placeholder="风险等级"
            value={f.riskLevel}
            options={[
              ...RISK_LEVELS.map((l) => ({ value: l, label: RISK_LEVEL_NAMES[l] })),
              { value: 'none', label: '未评定' },
            ]}
            onChange={(v: string | undefined) => set('riskLevel', v)}
            style={{ width: mobile ? '100%' : 120 }}
          />
          <Select
            allowClear
            placeholder="覆盖状态"
            value={f.status}
            options={COVERAGE_STATUSES.map((c) => ({ value: c, label: COVERAGE_STATUS_NAMES[c] }))}
            onChange={(v: string | undefined) => set('status', v)}
            style={{ width: mobile ? '100%' : 120 }}
            data-testid="coverage-status-filter"
          />
        </Flex>
      </Card>
      {s && (
        <Card
          size="small"
          style={{ margin: '12px 0' }}
          title={<DefinedTitle title="覆盖情况" definition={DEFINITION} />}
          data-testid="coverage-summary"
        >
          <Flex gap={mobile ? 16 : 32} wrap>
            <Statistic title="企业" value={formatCount(s.enterprises)} suffix="家" />
            <Statistic
              title="未覆盖"
              value={formatCount(s.uncovered)}
              suffix="家"
              valueStyle={{ color: '#dc2626' }}
              data-testid="coverage-uncovered"
            />
            <Statistic title="已覆盖" value={formatCount(s.covered)} suffix="家" />
            <Statistic title="超频次" value={formatCount(s.over)} suffix="家" />
            <Statistic title="本期未检查" value={formatCount(s.neverInspected)} suffix="家" />
            <Statistic title="覆盖率" value={formatPercent(s.coverageRate)} />
            <Statistic
              title="隐患整改（销号/发现）"
              value={`${formatCount(s.hazardsClosed)}/${formatCount(s.hazardsFound)}`}
              suffix={`处 · ${formatPercent(s.rectificationRate)}`}
            />
          </Flex>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            频次表：诚信规则第 {s.rulesVersion} 版{s.rulesVersion === 0 ? '（系统默认）' : ''}
            ，可在“诚信规则”中由管理员修改（留痕）。
          </Typography.Text>
        </Card>
      )}
      <ListView<Row>
        page={page}
        list={list}
        mobile={mobile}
        columns={columns}
        card={(r) => (
          <Card key={r.id} size="small" className="coverage-card" data-testid="coverage-card">
            <Flex justify="space-between" gap={8}>
              <Link to={enterprisePath(r.enterpriseId)}>{r.name}</Link>
              <Tag color={STATUS_COLOURS[r.status]}>{COVERAGE_STATUS_NAMES[r.status]}</Tag>
            </Flex>
            <Typography.Text type="secondary">
              应检 {r.required} · 已检 {r.inspections} · 隐患 {r.hazardsClosed}/{r.hazardsFound} ·{' '}
              {r.riskLevel ? RISK_LEVEL_NAMES[r.riskLevel] : '未评定'} · {r.grade} 级
            </Typography.Text>
          </Card>
        )}
        onOpen={() => undefined}
        empty="没有符合条件的企业"
        testId="coverage"
        width={1100}
      />
      <CampaignModal open={planning} onClose={() => setPlanning(false)} filters={f} uncovered={s?.uncovered ?? 0} />
    </PageContainer>
  );
}

function CampaignModal({
  open,
  onClose,
  filters,
  uncovered,
}: {
  open: boolean;
  onClose: () => void;
  filters: Filters;
  uncovered: number;
}) {
  const [form] = Form.useForm();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const create = useMutation({
    mutationFn: (v: { name: string; campaignTypes: string[]; range: [Dayjs, Dayjs]; description?: string }) =>
      api.post<{ id: string }>('/coverage/campaign', {
        coverage: { ...filters, status: undefined },
        name: v.name,
        campaignTypes: v.campaignTypes,
        startsOn: v.range[0].format('YYYY-MM-DD'),
        endsOn: v.range[1].format('YYYY-MM-DD'),
        description: v.description || undefined,
      }),
    onSuccess: (c) => {
      message.success(`已创建检查行动，检查对象为 ${uncovered} 家未覆盖企业`);
      onClose();
      navigate(`/campaigns?campaign=${c.id}`);
    },
    onError: (e: Error) => message.error(e.message),
  });
  return (
    <Modal
      open={open}
      title="为未覆盖企业创建检查行动"
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="创建"
      confirmLoading={create.isPending}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        检查对象为当前筛选条件下的全部未覆盖企业（共 {uncovered} 家），创建后可在“检查行动”中调整检查组与检查表。
      </Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          name: `${filters.from ?? ''} 至 ${filters.to ?? ''} 未覆盖企业补充检查`,
          campaignTypes: ['other'],
          range: [dayjs(), dayjs().add(30, 'day')],
        }}
        onFinish={create.mutate}
      >
        <Form.Item
          name="name"
          label="行动名称"
          rules={[{ required: true, min: 4, max: 100, message: '行动名称 4–100 个字' }]}
        >
          <Input data-testid="coverage-campaign-name" />
        </Form.Item>
        <Form.Item name="campaignTypes" label="行动类型" rules={[{ required: true, message: '请选择行动类型' }]}>
          <Select mode="multiple" options={CAMPAIGN_TYPES.map((t) => ({ value: t, label: CAMPAIGN_TYPE_NAMES[t] }))} />
        </Form.Item>
        <Form.Item name="range" label="行动期间" rules={[{ required: true, message: '请选择行动期间' }]}>
          <DatePicker.RangePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="description" label="说明">
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
