import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Form,
  Grid,
  Input,
  InputNumber,
  List,
  Select,
  Space,
  Statistic,
  Switch,
  type TableColumnsType,
  Tabs,
  Tag,
} from 'antd';
import { useState } from 'react';
import type { z } from 'zod';
import type { CommitmentStatus, CommitmentTypeView, CommitmentView } from '../../../../shared/src/commitments';
import { addDays } from '../../../../shared/src/credit';
import { SUPERVISION_TAGS } from '../../../../shared/src/enterprises';
import { SUPERVISION_TAG_LABELS } from '../../../../shared/src/labels';
import { shanghaiToday } from '../../../../shared/src/validators';
import { api, type Page } from '../../app/api';
import { useMe } from '../../app/auth';
import { useShowError } from '../../app/forms';
import { useI18n } from '../../app/i18n';
import { useListState } from '../../app/listState';
import { formatTime } from '../../app/time';
import { FilterBar } from '../../app/ui/FilterBar';
import { ListView } from '../../app/ui/ListView';
import { codeOptions } from '../../app/ui/options';
import { PageContainer } from '../../app/ui/PageContainer';
import { PageLoading } from '../../app/ui/PageLoading';
import { IsoDatePicker } from '../enterprises/IsoDatePicker';
import { EnterprisePicker } from '../hazards/pickers';
import { periodText } from './MyCommitmentsPage';
import { useCommitmentsText } from './text';
import './commitments.css';
import { ExportButton } from '../../app/ui/ExportButton';

export default function CommitmentsPage() {
  const { t } = useI18n();
  const m = useCommitmentsText();
  const me = useMe();
  const types = useQuery({
    queryKey: ['commitments', 'types'],
    queryFn: () => api.get<CommitmentTypeView[]>('/commitments/types'),
  });
  if (!types.data) return <PageLoading />;
  const canConfigure = me.role === 'admin' || me.role === 'supervisor';
  return (
    <PageContainer title={t.menu.commitments}>
      <Tabs
        items={[
          { key: 'missing', label: m.missingTab, children: <MissingTab types={types.data} /> },
          { key: 'history', label: m.historyTab, children: <HistoryTab types={types.data} /> },
          ...(canConfigure ? [{ key: 'types', label: m.typesTab, children: <TypesTab types={types.data} /> }] : []),
        ]}
      />
    </PageContainer>
  );
}

function MissingTab({ types }: { types: CommitmentTypeView[] }) {
  const m = useCommitmentsText();
  const [typeId, setTypeId] = useState(types.find((x) => x.active)?.id);
  const [date, setDate] = useState<string>(shanghaiToday());
  const [onlyMissing, setOnlyMissing] = useState(true);
  const type = types.find((x) => x.id === typeId);
  const status = useQuery({
    queryKey: ['commitments', 'status', typeId, date, onlyMissing],
    queryFn: () =>
      api.get<z.infer<typeof CommitmentStatus>>('/commitments/status', {
        typeId,
        date,
        missingOnly: onlyMissing,
      }),
    enabled: Boolean(typeId),
    placeholderData: keepPreviousData,
  });
  const s = status.data;
  return (
    <div data-testid="commitments-missing">
      <Card size="small" className="filter-card">
        <Space wrap>
          <Select
            value={typeId}
            onChange={setTypeId}
            style={{ width: 320, maxWidth: '100%' }}
            options={types.map((x) => ({ value: x.id, label: x.name }))}
          />
          <IsoDatePicker
            value={date}
            onChange={(d) => setDate(d ?? shanghaiToday())}
            notAfterToday
            style={{ width: 150 }}
          />
          <Space>
            <Switch checked={onlyMissing} onChange={setOnlyMissing} />
            {m.onlyMissing}
          </Space>
        </Space>
      </Card>
      {s && type && (
        <>
          <Space size={32} wrap style={{ margin: '8px 0 12px' }}>
            <Statistic title={m.period} value={periodText(type.period, s.periodStart)} />
            <Statistic title={m.required} value={s.required} />
            <Statistic title={m.posted} value={s.posted} />
            <Statistic
              title={m.missing}
              value={s.missing}
              valueStyle={{ color: s.missing ? '#cf1322' : undefined }}
              valueRender={(v) => <span data-testid="commitments-missing-count">{v}</span>}
            />
          </Space>
          <Alert
            type={s.graceOver ? 'warning' : 'info'}
            showIcon
            style={{ marginBottom: 12 }}
            message={s.graceOver ? m.graceOver : m.graceOpen(addDays(s.periodEnd, type.graceDays))}
          />
          <Card size="small">
            <List
              dataSource={s.items}
              loading={status.isFetching}
              locale={{ emptyText: m.allPosted }}
              renderItem={(r) => (
                <List.Item data-testid="commitments-status-item">
                  <Space wrap>
                    <strong>{r.enterpriseName}</strong>
                    {r.area && <Tag>{r.area}</Tag>}
                    {r.commitmentId ? (
                      <Tag color="success">
                        {m.posted} · {r.committedBy} · {formatTime(r.committedAt)}
                      </Tag>
                    ) : (
                      <Tag color="error">{m.missing}</Tag>
                    )}
                  </Space>
                </List.Item>
              )}
            />
          </Card>
        </>
      )}
    </div>
  );
}

type Filters = { typeId?: string; enterpriseId?: string; from?: string; to?: string };

function HistoryTab({ types }: { types: CommitmentTypeView[] }) {
  const m = useCommitmentsText();
  const mobile = Grid.useBreakpoint().md === false;
  const list = useListState<CommitmentView, Filters>({ order: 'desc' });
  const page = useQuery({
    queryKey: ['commitments', 'history', list.query],
    queryFn: () => api.get<Page<CommitmentView>>('/commitments', list.query),
    placeholderData: keepPreviousData,
  });
  const issues = (c: CommitmentView) => c.review.filter((r) => !r.ok).length;
  const columns: TableColumnsType<CommitmentView> = [
    { title: m.period, dataIndex: 'periodStart', width: 110, render: (_, c) => periodText(c.period, c.periodStart) },
    { title: m.enterprise, dataIndex: 'enterpriseName' },
    { title: m.type, dataIndex: 'typeName', width: 260 },
    { title: m.committedBy, dataIndex: 'committedBy', width: 100 },
    {
      title: m.committedAt,
      dataIndex: 'committedAt',
      width: 170,
      render: (v: string, c) => (
        <>
          {formatTime(v)} {c.late && <Tag color="warning">{m.late}</Tag>}
        </>
      ),
    },
    { title: m.issues, width: 90, render: (_, c) => (issues(c) ? <Tag color="error">{issues(c)}</Tag> : '—') },
  ];
  return (
    <div>
      <FilterBar<Filters> onSearch={list.setFilters}>
        <Form.Item name="typeId">
          <Select
            allowClear
            placeholder={m.type}
            style={{ width: 260 }}
            options={types.map((x) => ({ value: x.id, label: x.name }))}
          />
        </Form.Item>
        <Form.Item name="enterpriseId">
          <EnterprisePicker style={{ width: 220 }} />
        </Form.Item>
        <Form.Item name="from">
          <IsoDatePicker style={{ width: 140 }} />
        </Form.Item>
        <Form.Item name="to">
          <IsoDatePicker style={{ width: 140 }} />
        </Form.Item>
        <Form.Item>
          <ExportButton
            path="/commitments/export"
            params={list.filters}
            fileName={m.exportFile}
            label={m.export}
            testId="commitments-export"
          />
        </Form.Item>
      </FilterBar>
      <ListView<CommitmentView>
        page={page}
        list={list}
        mobile={mobile}
        columns={columns}
        onOpen={() => {}}
        empty={m.empty}
        testId="commitments"
        width={900}
        card={(c) => (
          <Card key={c.id} size="small" className="list-card">
            <strong>{c.enterpriseName}</strong>
            <div>
              {periodText(c.period, c.periodStart)} {m.periodName(c.period)} · {c.committedBy} ·{' '}
              {formatTime(c.committedAt)} {c.late && <Tag color="warning">{m.late}</Tag>}
            </div>
          </Card>
        )}
      />
    </div>
  );
}

function TypesTab({ types }: { types: CommitmentTypeView[] }) {
  return (
    <div>
      {types.map((x) => (
        <TypeCard key={x.id} type={x} />
      ))}
    </div>
  );
}

function TypeCard({ type }: { type: CommitmentTypeView }) {
  const m = useCommitmentsText();
  const { lang } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const showError = useShowError(form);
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: (v: { reviewItems: string } & Record<string, unknown>) =>
      api.patch<CommitmentTypeView>(`/commitments/types/${type.id}`, {
        ...v,
        reviewItems: v.reviewItems
          .split('\n')
          .map((s) => s.trim())
          .filter(Boolean),
        rowVersion: type.rowVersion,
      }),
    onSuccess: () => {
      message.success(m.saved);
      void queryClient.invalidateQueries({ queryKey: ['commitments'] });
      void queryClient.invalidateQueries({ queryKey: ['credit'] });
    },
    onError: showError,
  });
  const tags = codeOptions(SUPERVISION_TAGS, SUPERVISION_TAG_LABELS, lang);
  return (
    <Card
      size="small"
      className="commitment-card"
      title={
        <Space wrap>
          {type.name}
          <Tag>{m.periodName(type.period)}</Tag>
          <Tag>{m.startsOn(type.startsOn)}</Tag>
        </Space>
      }
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ ...type, reviewItems: type.reviewItems.join('\n') }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item name="name" label={m.type} rules={[{ required: true }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="requiredTags" label={m.requiredTags} rules={[{ required: true }]}>
          <Select mode="multiple" options={tags} />
        </Form.Item>
        <Form.Item name="excludedTags" label={m.excludedTags}>
          <Select mode="multiple" options={tags} />
        </Form.Item>
        <Form.Item name="reviewItems" label={m.reviewItems} rules={[{ required: true }]}>
          <Input.TextArea rows={5} />
        </Form.Item>
        <Form.Item name="commitmentTemplate" label={m.template} rules={[{ required: true }]}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="graceDays" label={m.graceDays}>
            <InputNumber min={0} max={60} precision={0} />
          </Form.Item>
          <Form.Item name="active" label={m.active} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Space>
        <div>
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            {m.save}
          </Button>
        </div>
      </Form>
    </Card>
  );
}
