// 专项资金: the committee's spending ledger with filters (purpose, linked record, dates), totals by purpose for the
// filtered period, Excel export, a payment in a drawer (?fund=<id>) and the form that links it to what it paid for
// (any kind a module registered with the funds service: 宣传活动, 会议, …).
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
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
import { FUND_PURPOSES, type FundPurpose, type FundView } from '../../../../shared/src/activities';
import { FUND_PURPOSE_LABELS } from '../../../../shared/src/labels';
import { api, type Page } from '../../app/api';
import { useMe } from '../../app/auth';
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
import { Chart } from '../home/Chart';
import { FileList, ParkFilesUpload, useFormError, yuan } from './common';
import { type ActivitiesText, useActivitiesText } from './text';

type Filters = { q?: string; purpose?: string; from?: string; to?: string; subjectKind?: string };
type Totals = { amount: number; count: number; byPurpose: { purpose: FundPurpose; amount: number; count: number }[] };
type FundPageData = Page<FundView> & { totals: Totals };

const subjectText = (s: FundView['subject'], t: ActivitiesText['funds']) =>
  s ? t.subjectText(s.kindLabel, s.title ?? t.hidden) : '—';

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
  const { funds: t } = useActivitiesText();
  const to = subject?.title ? SUBJECT_PAGES[subject.kind]?.(subject.id) : undefined;
  if (!to) return <>{subjectText(subject, t)}</>;
  return (
    <Link to={to} onClick={(e) => e.stopPropagation()} data-testid="fund-subject-link">
      {subjectText(subject, t)}
    </Link>
  );
}

export default function FundsPage() {
  const me = useMe();
  const { l, lang } = useI18n();
  const { funds: t, common: c } = useActivitiesText();
  const mobile = Grid.useBreakpoint().md === false;
  const list = useListState<FundView, Filters>({ order: 'desc' });
  const [openId, open] = useOpenParam('fund');
  const [editing, setEditing] = useState<FundView | 'new' | null>(null);
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
  const totals = page.data?.totals;

  const columns: TableColumnsType<FundView> = [
    { title: t.serial, dataIndex: 'serial', width: 120 },
    { title: t.paidOn, dataIndex: 'paidOn', width: 110 },
    {
      title: t.purpose,
      dataIndex: 'purpose',
      width: 100,
      render: (v: FundPurpose) => <Tag>{l(FUND_PURPOSE_LABELS, v)}</Tag>,
    },
    { title: t.amountYuan, dataIndex: 'amount', width: 130, align: 'right', render: (v: number) => yuan(v) },
    { title: t.supplier, dataIndex: 'supplier', width: 200, render: (v: string | null) => v ?? '—' },
    { title: t.description, dataIndex: 'description' },
    {
      title: t.subject,
      dataIndex: 'subject',
      width: 260,
      render: (v: FundView['subject']) => <SubjectLink subject={v} />,
    },
  ];

  return (
    <PageContainer
      title={t.title}
      extra={
        <Space wrap>
          <ExportButton
            path="/funds/export"
            params={list.filters}
            fileName={t.exportFile}
            label={c.export}
            testId="funds-export"
          />
          {canManage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="fund-create">
              {t.create}
            </Button>
          )}
        </Space>
      }
    >
      <FilterBar<Filters> onSearch={list.setFilters}>
        <Form.Item name="q">
          <Input allowClear placeholder={t.search} style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="purpose">
          <Select
            allowClear
            placeholder={t.purposeField}
            style={{ width: 130 }}
            options={codeOptions(FUND_PURPOSES, FUND_PURPOSE_LABELS, lang)}
          />
        </Form.Item>
        <Form.Item name="subjectKind">
          <Select
            allowClear
            placeholder={t.subjectKind}
            style={{ width: 140 }}
            options={(kinds.data ?? []).map((k) => ({ value: k.kind, label: k.label }))}
          />
        </Form.Item>
        <Form.Item name="from">
          <IsoDatePicker placeholder={t.paidFrom} style={{ width: 140 }} />
        </Form.Item>
        <Form.Item name="to">
          <IsoDatePicker placeholder={t.paidTo} style={{ width: 140 }} />
        </Form.Item>
      </FilterBar>
      {totals && (
        <Card size="small" style={{ marginBottom: 16 }} data-testid="funds-totals">
          <Row gutter={[16, 8]}>
            <Col xs={12} md={4}>
              <Statistic title={t.totalN(totals.count)} value={yuan(totals.amount)} suffix={c.yuan} />
            </Col>
            {totals.byPurpose.map((p) => (
              <Col xs={12} md={4} key={p.purpose}>
                <Statistic
                  title={t.purposeN(l(FUND_PURPOSE_LABELS, p.purpose), p.count)}
                  value={yuan(p.amount)}
                  suffix={c.yuan}
                />
              </Col>
            ))}
          </Row>
          {totals.byPurpose.length > 0 && (
            <div data-testid="funds-chart" style={{ marginTop: 8 }}>
              <Chart
                height={220}
                option={{
                  tooltip: { trigger: 'axis', valueFormatter: (v) => c.amountYuan(yuan(Number(v))) },
                  grid: { left: 80, right: 16, top: 16, bottom: 28 },
                  xAxis: { type: 'category', data: totals.byPurpose.map((p) => l(FUND_PURPOSE_LABELS, p.purpose)) },
                  yAxis: { type: 'value', name: c.yuan },
                  series: [
                    {
                      type: 'bar',
                      name: t.spent,
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
        empty={t.empty}
        testId="funds"
        width={1200}
        card={(r) => (
          <Card key={r.id} size="small" className="list-card" onClick={() => open(r.id)} data-testid="fund-card">
            <Space style={{ justifyContent: 'space-between', width: '100%' }}>
              <strong>{c.amountYuan(yuan(r.amount))}</strong>
              <Tag>{l(FUND_PURPOSE_LABELS, r.purpose)}</Tag>
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
        title={(r) => r?.serial ?? t.detailTitle}
        width={600}
      >
        {(r) => (
          <div data-testid="fund-detail">
            <Descriptions column={1} size="small" bordered>
              <Descriptions.Item label={t.purpose}>{l(FUND_PURPOSE_LABELS, r.purpose)}</Descriptions.Item>
              <Descriptions.Item label={t.amount}>{c.amountYuan(yuan(r.amount))}</Descriptions.Item>
              <Descriptions.Item label={t.paidOn}>{r.paidOn}</Descriptions.Item>
              <Descriptions.Item label={t.supplier}>{r.supplier ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t.description}>{r.description}</Descriptions.Item>
              <Descriptions.Item label={t.subject}>
                <SubjectLink subject={r.subject} />
              </Descriptions.Item>
              <Descriptions.Item label={t.attachments}>
                <FileList files={r.attachments} empty={t.noAttachments} />
              </Descriptions.Item>
              <Descriptions.Item label={t.recordedBy}>{r.recordedByName ?? '—'}</Descriptions.Item>
            </Descriptions>
            {canManage && (
              <Button icon={<EditOutlined />} style={{ marginTop: 12 }} onClick={() => setEditing(r)}>
                {c.edit}
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
  const { funds: t } = useActivitiesText();
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
      placeholder={kind ? t.searchAndPick : t.pickKindFirst}
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
  const { lang } = useI18n();
  const { funds: t, common: c } = useActivitiesText();
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
      ? { ...editing.subject, title: t.subjectText(editing.subject.kindLabel, editing.subject.title ?? '') }
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
      message.success(t.savedMsg);
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
      title={editing ? t.editTitle : t.createTitle}
      destroyOnHidden
      extra={
        <Button
          type="primary"
          loading={save.isPending}
          disabled={busy}
          onClick={() => form.submit()}
          data-testid="fund-submit"
        >
          {c.save}
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
        <Form.Item name="purpose" label={t.purposeField} rules={[{ required: true, message: t.purposeRequired }]}>
          <Select data-testid="fund-purpose" options={codeOptions(FUND_PURPOSES, FUND_PURPOSE_LABELS, lang)} />
        </Form.Item>
        <Space wrap>
          <Form.Item
            name="amount"
            label={t.amountYuan}
            rules={[
              { required: true, message: t.amountRequired },
              { type: 'number', min: 0.01, message: t.amountRule },
            ]}
          >
            <InputNumber precision={2} style={{ width: 180 }} data-testid="fund-amount" />
          </Form.Item>
          <Form.Item name="paidOn" label={t.paidOn} rules={[{ required: true, message: t.paidOnRequired }]}>
            <IsoDatePicker notAfterToday style={{ width: 160 }} data-testid="fund-paid-on" />
          </Form.Item>
        </Space>
        <Form.Item name="supplier" label={t.supplier}>
          <Input maxLength={200} data-testid="fund-supplier" />
        </Form.Item>
        <Form.Item
          name="description"
          label={t.description}
          rules={[{ required: true, min: 2, message: t.descriptionRule }]}
        >
          <Input.TextArea rows={2} maxLength={500} data-testid="fund-description" />
        </Form.Item>
        {fixed ? (
          <Form.Item label={t.subject}>
            <span data-testid="fund-fixed-subject">{fixed.title}</span>
          </Form.Item>
        ) : (
          <Space wrap style={{ width: '100%' }} align="start">
            <Form.Item name="subjectKind" label={t.subjectKind}>
              <Select
                allowClear
                style={{ width: 160 }}
                data-testid="fund-subject-kind"
                options={kinds.map((k) => ({ value: k.kind, label: k.label }))}
                onChange={() => form.setFieldValue('subjectId', undefined)}
              />
            </Form.Item>
            <Form.Item name="subjectId" label={t.subject} style={{ minWidth: 280 }}>
              <SubjectPicker kind={kind} initial={editing?.subject ?? undefined} />
            </Form.Item>
          </Space>
        )}
        <Form.Item name="attachmentIds" label={t.attachmentsField}>
          <ParkFilesUpload label={t.uploadAttachments} initial={editing?.attachments} onBusyChange={setBusy} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
