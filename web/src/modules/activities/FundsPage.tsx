// 专项资金: the committee's spending ledger with filters (purpose, linked record, dates), totals by purpose for the
// filtered period, Excel export, a payment in a drawer (?fund=<id>) and the form that links it to what it paid for
// (any kind a module registered with the funds service: 宣传活动, 会议, …).
import { DownloadOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
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
  Row,
  Select,
  Space,
  Statistic,
  type TableColumnsType,
  Tag,
} from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { FUND_PURPOSE_NAMES, FUND_PURPOSES, type FundPurpose, type FundView } from '../../../../shared/src/activities';
import { api, type Page } from '../../app/api';
import { useMe } from '../../app/auth';
import { useShowError } from '../../app/forms';
import { useListState, useOpenParam } from '../../app/listState';
import { FilterBar } from '../../app/ui/FilterBar';
import { ListView } from '../../app/ui/ListView';
import { PageContainer } from '../../app/ui/PageContainer';
import { RecordDrawer } from '../../app/ui/RecordDrawer';
import { useDebounced } from '../../app/useDebounced';
import { IsoDatePicker } from '../enterprises/IsoDatePicker';
import { Chart } from '../home/Chart';
import { FileList, ParkFilesUpload, useFormError, yuan } from './common';

type Filters = { q?: string; purpose?: string; from?: string; to?: string; subjectKind?: string };
type Totals = { amount: number; count: number; byPurpose: { purpose: FundPurpose; amount: number; count: number }[] };
type FundPageData = Page<FundView> & { totals: Totals };

const subjectText = (s: FundView['subject']) => (s ? `${s.kindLabel}：${s.title ?? '（已不可见）'}` : '—');

/** Where each subject kind's record opens in the console (its list with the record's drawer). */
const SUBJECT_PAGES: Record<string, (id: string) => string> = {
  publicity: (id) => `/publicity?activity=${id}`,
  meeting: (id) => `/meetings?meeting=${id}`,
  training: (id) => `/training/sessions?session=${id}`,
  drill: (id) => `/drills?drill=${id}`,
  fireServiceContract: (id) => `/fire-service/contracts?contract=${id}`,
};

/** The linked record as a link that opens it (plain text when its kind has no page or it is out of sight). */
function SubjectLink({ subject }: { subject: FundView['subject'] }) {
  const to = subject?.title ? SUBJECT_PAGES[subject.kind]?.(subject.id) : undefined;
  if (!to) return <>{subjectText(subject)}</>;
  return (
    <Link to={to} onClick={(e) => e.stopPropagation()} data-testid="fund-subject-link">
      {subjectText(subject)}
    </Link>
  );
}

export default function FundsPage() {
  const me = useMe();
  const mobile = Grid.useBreakpoint().md === false;
  const list = useListState<FundView, Filters>({ order: 'desc' });
  const [openId, open] = useOpenParam('fund');
  const [editing, setEditing] = useState<FundView | 'new' | null>(null);
  const showError = useShowError();
  const canManage = me.role === 'admin' || me.role === 'supervisor';
  const page = useQuery({
    queryKey: ['funds', list.query],
    queryFn: () => api.get<FundPageData>('/funds', list.query),
    placeholderData: keepPreviousData,
  });
  const kinds = useQuery({
    queryKey: ['funds', 'subject-kinds'],
    queryFn: () => api.get<{ kind: string; label: string }[]>('/funds/subject-kinds'),
  });
  const exportFile = useMutation({
    mutationFn: () => api.downloadGet('/funds/export', list.filters, '专项资金支出台账.xlsx'),
    onError: showError,
  });
  const totals = page.data?.totals;

  const columns: TableColumnsType<FundView> = [
    { title: '编号', dataIndex: 'serial', width: 120 },
    { title: '支出日期', dataIndex: 'paidOn', width: 110 },
    { title: '用途', dataIndex: 'purpose', width: 100, render: (v: FundPurpose) => <Tag>{FUND_PURPOSE_NAMES[v]}</Tag> },
    { title: '金额（元）', dataIndex: 'amount', width: 130, align: 'right', render: (v: number) => yuan(v) },
    { title: '供应商/服务单位', dataIndex: 'supplier', width: 200, render: (v: string | null) => v ?? '—' },
    { title: '支出事由', dataIndex: 'description' },
    {
      title: '关联事项',
      dataIndex: 'subject',
      width: 260,
      render: (v: FundView['subject']) => <SubjectLink subject={v} />,
    },
  ];

  return (
    <PageContainer
      title="专项资金"
      extra={
        <Space wrap>
          <Button
            icon={<DownloadOutlined />}
            loading={exportFile.isPending}
            onClick={() => exportFile.mutate()}
            data-testid="funds-export"
          >
            导出 Excel
          </Button>
          {canManage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="fund-create">
              登记支出
            </Button>
          )}
        </Space>
      }
    >
      <FilterBar<Filters> onSearch={list.setFilters}>
        <Form.Item name="q">
          <Input allowClear placeholder="编号 / 事由 / 供应商" style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="purpose">
          <Select
            allowClear
            placeholder="资金用途"
            style={{ width: 130 }}
            options={FUND_PURPOSES.map((v) => ({ value: v, label: FUND_PURPOSE_NAMES[v] }))}
          />
        </Form.Item>
        <Form.Item name="subjectKind">
          <Select
            allowClear
            placeholder="关联事项类型"
            style={{ width: 140 }}
            options={(kinds.data ?? []).map((k) => ({ value: k.kind, label: k.label }))}
          />
        </Form.Item>
        <Form.Item name="from">
          <IsoDatePicker placeholder="支出日期起" style={{ width: 140 }} />
        </Form.Item>
        <Form.Item name="to">
          <IsoDatePicker placeholder="支出日期止" style={{ width: 140 }} />
        </Form.Item>
      </FilterBar>
      {totals && (
        <Card size="small" style={{ marginBottom: 16 }} data-testid="funds-totals">
          <Row gutter={[16, 8]}>
            <Col xs={12} md={4}>
              <Statistic title={`合计（${totals.count} 笔）`} value={yuan(totals.amount)} suffix="元" />
            </Col>
            {totals.byPurpose.map((p) => (
              <Col xs={12} md={4} key={p.purpose}>
                <Statistic
                  title={`${FUND_PURPOSE_NAMES[p.purpose]}（${p.count} 笔）`}
                  value={yuan(p.amount)}
                  suffix="元"
                />
              </Col>
            ))}
          </Row>
          {totals.byPurpose.length > 0 && (
            <div data-testid="funds-chart" style={{ marginTop: 8 }}>
              <Chart
                height={220}
                option={{
                  tooltip: { trigger: 'axis', valueFormatter: (v) => `${yuan(Number(v))} 元` },
                  grid: { left: 80, right: 16, top: 16, bottom: 28 },
                  xAxis: { type: 'category', data: totals.byPurpose.map((p) => FUND_PURPOSE_NAMES[p.purpose]) },
                  yAxis: { type: 'value', name: '元' },
                  series: [
                    {
                      type: 'bar',
                      name: '支出金额',
                      barMaxWidth: 48,
                      data: totals.byPurpose.map((p) => p.amount),
                    },
                  ],
                }}
              />
            </div>
          )}
        </Card>
      )}
      <ListView<FundView>
        page={page}
        list={list}
        mobile={mobile}
        columns={columns}
        onOpen={(r) => open(r.id)}
        empty="暂无支出记录"
        testId="funds"
        width={1200}
        card={(r) => (
          <Card key={r.id} size="small" className="list-card" onClick={() => open(r.id)} data-testid="fund-card">
            <Space style={{ justifyContent: 'space-between', width: '100%' }}>
              <strong>{yuan(r.amount)} 元</strong>
              <Tag>{FUND_PURPOSE_NAMES[r.purpose]}</Tag>
            </Space>
            <div>
              {r.paidOn} · {r.description}
            </div>
            {r.subject && (
              <div>
                <SubjectLink subject={r.subject} />
              </div>
            )}
          </Card>
        )}
      />
      <RecordDrawer<FundView>
        id={openId}
        onClose={() => open(null)}
        queryKey={['funds', 'one', openId]}
        path={`/funds/${openId}`}
        title={(r) => r?.serial ?? '支出记录'}
        width={600}
      >
        {(r) => (
          <div data-testid="fund-detail">
            <Descriptions column={1} size="small" bordered>
              <Descriptions.Item label="用途">{FUND_PURPOSE_NAMES[r.purpose]}</Descriptions.Item>
              <Descriptions.Item label="金额">{yuan(r.amount)} 元</Descriptions.Item>
              <Descriptions.Item label="支出日期">{r.paidOn}</Descriptions.Item>
              <Descriptions.Item label="供应商/服务单位">{r.supplier ?? '—'}</Descriptions.Item>
              <Descriptions.Item label="支出事由">{r.description}</Descriptions.Item>
              <Descriptions.Item label="关联事项">
                <SubjectLink subject={r.subject} />
              </Descriptions.Item>
              <Descriptions.Item label="附件">
                <FileList files={r.attachments} empty="无附件" />
              </Descriptions.Item>
              <Descriptions.Item label="登记人">{r.recordedByName ?? '—'}</Descriptions.Item>
            </Descriptions>
            {canManage && (
              <Button icon={<EditOutlined />} style={{ marginTop: 12 }} onClick={() => setEditing(r)}>
                修改
              </Button>
            )}
          </div>
        )}
      </RecordDrawer>
      <FundForm target={editing} kinds={kinds.data ?? []} onClose={() => setEditing(null)} onSaved={(id) => open(id)} />
    </PageContainer>
  );
}

export interface FormValues {
  purpose?: FundPurpose;
  amount?: number;
  paidOn?: string;
  supplier?: string;
  description?: string;
  subjectKind?: string;
  subjectId?: string;
  attachmentIds?: string[];
}

/** The records of a kind to link a payment to, searched by title. */
function SubjectPicker({
  kind,
  value,
  onChange,
  initial,
}: {
  kind?: string;
  value?: string;
  onChange?: (v: string | undefined) => void;
  initial?: { id: string; title: string | null };
}) {
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim());
  const found = useQuery({
    queryKey: ['funds', 'subjects', kind, q],
    queryFn: () => api.get<{ id: string; title: string }[]>('/funds/subjects', { kind, q }),
    enabled: Boolean(kind),
  });
  const options = (found.data ?? []).map((o) => ({ value: o.id, label: o.title }));
  if (initial && value === initial.id && !options.some((o) => o.value === initial.id)) {
    options.unshift({ value: initial.id, label: initial.title ?? initial.id });
  }
  return (
    <Select
      allowClear
      disabled={!kind}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      value={value}
      onChange={onChange}
      options={options}
      loading={found.isFetching}
      placeholder={kind ? '搜索并选择' : '先选择关联事项类型'}
      data-testid="fund-subject"
    />
  );
}

/**
 * The payment form. With `subject`, it records the payment of that record (登记支出 from its drawer, once per
 * record: POST /funds/by-subject) and asks for no link.
 */
export function FundForm({
  target,
  kinds,
  subject,
  defaults,
  onClose,
  onSaved,
}: {
  target: FundView | 'new' | null;
  kinds: { kind: string; label: string }[];
  subject?: { kind: string; id: string; title: string };
  defaults?: Partial<FormValues>;
  onClose: () => void;
  onSaved: (id: string) => void;
}) {
  const { message } = App.useApp();
  const mobile = Grid.useBreakpoint().md === false;
  const [form] = Form.useForm<FormValues>();
  const showError = useFormError(form);
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const editing = target && target !== 'new' ? target : null;
  const kind = Form.useWatch('subjectKind', form);
  // An entry recorded from its record keeps that record (the server refuses another): shown, not picked.
  const fixed =
    subject ??
    (editing?.fromSubject && editing.subject
      ? { ...editing.subject, title: `${editing.subject.kindLabel}：${editing.subject.title ?? ''}` }
      : undefined);
  const save = useMutation({
    mutationFn: ({ subjectKind, subjectId, ...v }: FormValues) => {
      if (subject)
        return api.post<FundView>('/funds/by-subject', { ...v, subject: { kind: subject.kind, id: subject.id } });
      const linked = fixed ?? (subjectKind && subjectId ? { kind: subjectKind, id: subjectId } : null);
      const body = { ...v, subject: linked ? { kind: linked.kind, id: linked.id } : null };
      return editing
        ? api.put<FundView>(`/funds/${editing.id}`, { ...body, rowVersion: editing.rowVersion })
        : api.post<FundView>('/funds', body);
    },
    onSuccess: (r) => {
      message.success('已保存支出记录');
      void queryClient.invalidateQueries({ queryKey: ['funds'] });
      void queryClient.invalidateQueries({ queryKey: ['publicity'] });
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
      title={editing ? '修改支出记录' : '登记专项资金支出'}
      destroyOnHidden
      extra={
        <Button
          type="primary"
          loading={save.isPending}
          disabled={busy}
          onClick={() => form.submit()}
          data-testid="fund-submit"
        >
          保存
        </Button>
      }
    >
      <Form<FormValues>
        form={form}
        layout="vertical"
        data-testid="fund-form"
        initialValues={
          editing
            ? {
                ...editing,
                supplier: editing.supplier ?? undefined,
                subjectKind: editing.subject?.kind,
                subjectId: editing.subject?.id,
                attachmentIds: editing.attachments.map((f) => f.id),
              }
            : { purpose: 'publicityMaterials', ...defaults }
        }
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item name="purpose" label="资金用途" rules={[{ required: true, message: '请选择资金用途' }]}>
          <Select
            data-testid="fund-purpose"
            options={FUND_PURPOSES.map((v) => ({ value: v, label: FUND_PURPOSE_NAMES[v] }))}
          />
        </Form.Item>
        <Space wrap>
          <Form.Item
            name="amount"
            label="金额（元）"
            rules={[
              { required: true, message: '请填写金额' },
              { type: 'number', min: 0.01, message: '金额应大于 0' },
            ]}
          >
            <InputNumber precision={2} style={{ width: 180 }} data-testid="fund-amount" />
          </Form.Item>
          <Form.Item name="paidOn" label="支出日期" rules={[{ required: true, message: '请选择支出日期' }]}>
            <IsoDatePicker notAfterToday style={{ width: 160 }} data-testid="fund-paid-on" />
          </Form.Item>
        </Space>
        <Form.Item name="supplier" label="供应商/服务单位">
          <Input maxLength={200} data-testid="fund-supplier" />
        </Form.Item>
        <Form.Item
          name="description"
          label="支出事由"
          rules={[{ required: true, min: 2, message: '支出事由至少 2 个字' }]}
        >
          <Input.TextArea rows={2} maxLength={500} data-testid="fund-description" />
        </Form.Item>
        {fixed ? (
          <Form.Item label="关联事项">
            <span data-testid="fund-fixed-subject">{fixed.title}</span>
          </Form.Item>
        ) : (
          <Space wrap style={{ width: '100%' }} align="start">
            <Form.Item name="subjectKind" label="关联事项类型">
              <Select
                allowClear
                style={{ width: 160 }}
                data-testid="fund-subject-kind"
                options={kinds.map((k) => ({ value: k.kind, label: k.label }))}
                onChange={() => form.setFieldValue('subjectId', undefined)}
              />
            </Form.Item>
            <Form.Item name="subjectId" label="关联事项" style={{ minWidth: 280 }}>
              <SubjectPicker kind={kind} initial={editing?.subject ?? undefined} />
            </Form.Item>
          </Space>
        )}
        <Form.Item name="attachmentIds" label="附件（发票、合同等，图片或 PDF）">
          <ParkFilesUpload label="上传附件" initial={editing?.attachments} onBusyChange={setBusy} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
