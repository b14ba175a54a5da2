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
import { CAMPAIGN_TYPES } from '../../../../shared/src/campaigns';
import { CREDIT_GRADES } from '../../../../shared/src/credit';
import {
  COVERAGE_STATUSES,
  type CoveragePage as CoveragePageData,
  type CoverageRow,
  type CoverageStatus,
} from '../../../../shared/src/dashboard';
import { SUPERVISION_TAGS } from '../../../../shared/src/enterprises';
import { COVERAGE_STATUS_LABELS, SUPERVISION_TAG_LABELS } from '../../../../shared/src/labels';
import { RISK_LEVELS } from '../../../../shared/src/risk-levels';
import { api } from '../../app/api';
import { formatCount, formatPercent } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { useListState } from '../../app/listState';
import { ListView } from '../../app/ui/ListView';
import { PageContainer } from '../../app/ui/PageContainer';
import { PeriodBar, usePeriod } from '../../app/ui/PeriodBar';
import { enterprisePath } from '../enterprises/rights';
import { useHazardRights, useIsMobile } from '../hazards/common';
import { useHomeStats } from '../home/homeStats';
import { DefinedTitle } from './FigureChart';
import { useDashboardText } from './text';
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

export default function CoveragePage() {
  const mobile = useIsMobile();
  const period = usePeriod();
  const rights = useHazardRights();
  const { message } = App.useApp();
  const t = useDashboardText();
  const { l } = useI18n();
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
    api.downloadGet('/coverage/export', { ...f }, t.coverageFileName).catch((e: Error) => message.error(e.message));

  // The last day counted: today for a period not yet over (the server counts to it too).
  const todayText = dayjs().format('YYYY-MM-DD');
  const until = period.to > todayText ? todayText : period.to;
  const columns = [
    {
      title: t.enterprise,
      dataIndex: 'name',
      sorter: true,
      sortOrder: list.sortOrder('name'),
      render: (name: string, r: Row) => <Link to={enterprisePath(r.enterpriseId)}>{name}</Link>,
    },
    { title: t.colArea, dataIndex: 'area', width: 90, render: (v: string | null) => v ?? '—' },
    {
      title: t.riskLevel,
      dataIndex: 'riskLevel',
      width: 90,
      render: (v: Row['riskLevel']) => t.riskName(v),
    },
    { title: t.grade, dataIndex: 'grade', width: 80 },
    {
      title: t.required,
      dataIndex: 'required',
      width: 100,
      sorter: true,
      sortOrder: list.sortOrder('required'),
      render: (v: number, r: Row) => t.requiredText(v, r.requiredPerYear),
    },
    {
      title: t.inspections,
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
    {
      title: t.lastInspected,
      dataIndex: 'lastInspectedOn',
      width: 110,
      render: (v: string | null) => v ?? t.notInspected,
    },
    {
      title: t.coverageStatus,
      dataIndex: 'status',
      width: 90,
      render: (v: CoverageStatus) => (
        <Tag color={STATUS_COLOURS[v]} data-testid="coverage-status">
          {l(COVERAGE_STATUS_LABELS, v)}
        </Tag>
      ),
    },
    {
      title: t.hazards,
      dataIndex: 'hazardsFound',
      width: 150,
      render: (_: number, r: Row) => (
        <Link to={`/hazards?enterpriseId=${r.enterpriseId}&foundFrom=${period.from}&foundTo=${until}`}>
          {r.hazardsClosed}/{r.hazardsFound}
          {r.rectificationRate !== null && t.paren(formatPercent(r.rectificationRate))}
        </Link>
      ),
    },
  ];

  return (
    <PageContainer
      title={t.coverageTitle}
      extra={
        <Space wrap>
          <Button icon={<FileExcelOutlined />} onClick={exportXlsx} data-testid="coverage-export">
            {t.export}
          </Button>
          {rights.supervise && (
            <Button
              type="primary"
              icon={<FlagOutlined />}
              disabled={!s?.uncovered}
              onClick={() => setPlanning(true)}
              data-testid="coverage-campaign"
            >
              {t.planCampaign}
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
            placeholder={t.search}
            defaultValue={f.q}
            onSearch={(v) => set('q', v || undefined)}
            style={{ width: mobile ? '100%' : 220 }}
          />
          <Select
            allowClear
            placeholder={t.colArea}
            value={f.area}
            options={areas}
            onChange={(v: string | undefined) => set('area', v)}
            style={{ width: mobile ? '100%' : 140 }}
            data-testid="coverage-area"
          />
          <Select
            allowClear
            placeholder={t.tagFilter}
            value={f.tag}
            options={SUPERVISION_TAGS.map((t) => ({ value: t, label: l(SUPERVISION_TAG_LABELS, t) }))}
            onChange={(v: string | undefined) => set('tag', v)}
            style={{ width: mobile ? '100%' : 170 }}
          />
          <Select
            allowClear
            placeholder={t.grade}
            value={f.grade}
            options={CREDIT_GRADES.map((g) => ({ value: g, label: t.gradeName(g) }))}
            onChange={(v: string | undefined) => set('grade', v)}
            style={{ width: mobile ? '100%' : 120 }}
          />
          <Select
            allowClear
            placeholder={t.riskLevel}
            value={f.riskLevel}
            options={[
              ...RISK_LEVELS.map((level) => ({ value: level, label: t.riskName(level) })),
              { value: 'none', label: t.notAssessed },
            ]}
            onChange={(v: string | undefined) => set('riskLevel', v)}
            style={{ width: mobile ? '100%' : 120 }}
          />
          <Select
            allowClear
            placeholder={t.coverageStatus}
            value={f.status}
            options={COVERAGE_STATUSES.map((c) => ({ value: c, label: l(COVERAGE_STATUS_LABELS, c) }))}
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
          title={<DefinedTitle title={t.summary} definition={t.coverageDefinition} />}
          data-testid="coverage-summary"
        >
          <Flex gap={mobile ? 16 : 32} wrap>
            <Statistic title={t.sumEnterprises} value={formatCount(s.enterprises)} suffix={t.enterprisesUnit} />
            <Statistic
              title={t.sumUncovered}
              value={formatCount(s.uncovered)}
              suffix={t.enterprisesUnit}
              valueStyle={{ color: '#dc2626' }}
              data-testid="coverage-uncovered"
            />
            <Statistic title={t.sumCovered} value={formatCount(s.covered)} suffix={t.enterprisesUnit} />
            <Statistic title={t.sumOver} value={formatCount(s.over)} suffix={t.enterprisesUnit} />
            <Statistic title={t.sumNever} value={formatCount(s.neverInspected)} suffix={t.enterprisesUnit} />
            <Statistic title={t.sumRate} value={formatPercent(s.coverageRate)} />
            <Statistic
              title={t.sumHazards}
              value={`${formatCount(s.hazardsClosed)}/${formatCount(s.hazardsFound)}`}
              suffix={t.sumHazardsSuffix(formatPercent(s.rectificationRate))}
            />
          </Flex>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t.rules(s.rulesVersion)}
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
              <Tag color={STATUS_COLOURS[r.status]}>{l(COVERAGE_STATUS_LABELS, r.status)}</Tag>
            </Flex>
            <Typography.Text type="secondary">
              {t.card(r.required, r.inspections, r.hazardsClosed, r.hazardsFound, t.riskName(r.riskLevel), r.grade)}
            </Typography.Text>
          </Card>
        )}
        onOpen={() => undefined}
        empty={t.emptyList}
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
  const t = useDashboardText();
  const { t: m } = useI18n();
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
      message.success(t.campaignCreated(uncovered));
      onClose();
      navigate(`/campaigns?campaign=${c.id}`);
    },
    onError: (e: Error) => message.error(e.message),
  });
  return (
    <Modal
      open={open}
      title={t.planCampaign}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t.create}
      confirmLoading={create.isPending}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t.campaignIntro(uncovered)}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          name: t.campaignName(filters.from ?? '', filters.to ?? ''),
          campaignTypes: ['other'],
          range: [dayjs(), dayjs().add(30, 'day')],
        }}
        onFinish={create.mutate}
      >
        <Form.Item name="name" label={t.nameLabel} rules={[{ required: true, min: 4, max: 100, message: t.nameRule }]}>
          <Input data-testid="coverage-campaign-name" />
        </Form.Item>
        <Form.Item name="campaignTypes" label={t.typesLabel} rules={[{ required: true, message: t.typesRule }]}>
          <Select
            mode="multiple"
            options={CAMPAIGN_TYPES.map((type) => ({ value: type, label: m.campaign.types[type] ?? type }))}
          />
        </Form.Item>
        <Form.Item name="range" label={t.rangeLabel} rules={[{ required: true, message: t.rangeRule }]}>
          <DatePicker.RangePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="description" label={t.description}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
