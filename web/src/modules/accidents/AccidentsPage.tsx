// 生产安全事故: the register within data scope (filters by enterprise, type, level and dates; totals; Excel export),
// a record in a drawer (?accident=<id>), and the committee's form whose level follows from the figures.
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Drawer,
  Form,
  Grid,
  Input,
  InputNumber,
  Select,
  Space,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import {
  ACCIDENT_LEVELS,
  ACCIDENT_LEVELS_VERIFIED,
  ACCIDENT_TYPES,
  type AccidentLevel,
  type AccidentView,
  accidentLevel,
} from '../../../../shared/src/accidents';
import { api, type Page } from '../../app/api';
import { useMe } from '../../app/auth';
import { useShowError } from '../../app/forms';
import { useI18n } from '../../app/i18n';
import { useListState, useOpenParam } from '../../app/listState';
import { formatTime, PARK_TZ } from '../../app/time';
import { ExportButton } from '../../app/ui/ExportButton';
import { FilterBar } from '../../app/ui/FilterBar';
import { ListView } from '../../app/ui/ListView';
import { PageContainer } from '../../app/ui/PageContainer';
import { RecordDrawer } from '../../app/ui/RecordDrawer';
import { IsoDatePicker } from '../enterprises/IsoDatePicker';
import { EnterprisePicker } from '../hazards/pickers';
import { useAccidentsText } from './text';

const LEVEL_COLOURS: Record<AccidentLevel, string> = {
  general: 'gold',
  larger: 'orange',
  major: 'red',
  especiallyMajor: 'magenta',
};
function LevelTag({ level }: { level: AccidentLevel }) {
  const a = useAccidentsText();
  return (
    <Tag color={LEVEL_COLOURS[level]} data-testid="accident-level">
      {a.levelName(level)}
    </Tag>
  );
}

type Filters = { q?: string; enterpriseId?: string; accidentType?: string; level?: string; from?: string; to?: string };
type AccidentPageData = Page<AccidentView> & {
  totals: { deaths: number; seriousInjuries: number; directLoss: number };
};

export default function AccidentsPage() {
  const { t } = useI18n();
  const a = useAccidentsText();
  const me = useMe();
  const mobile = Grid.useBreakpoint().md === false;
  // Filters live in the address, so an assessment figure's link opens the accidents it counted.
  const list = useListState<AccidentView, Filters>({ order: 'desc' }, { url: { ignore: ['accident'] } });
  const [openId, open] = useOpenParam('accident');
  const [editing, setEditing] = useState<AccidentView | 'new' | null>(null);
  const canManage = me.role === 'admin' || me.role === 'supervisor';
  const page = useQuery({
    queryKey: ['accidents', list.query],
    queryFn: () => api.get<AccidentPageData>('/accidents', list.query),
    placeholderData: keepPreviousData,
  });
  const totals = page.data?.totals;

  const columns: TableColumnsType<AccidentView> = [
    { title: a.serial, dataIndex: 'serial', width: 120 },
    { title: a.enterprise, dataIndex: 'enterpriseName' },
    { title: a.occurredAt, dataIndex: 'occurredAt', width: 150, render: (v: string) => formatTime(v) },
    {
      title: a.type,
      dataIndex: 'accidentType',
      width: 120,
      render: (v: AccidentView['accidentType']) => a.typeName(v),
    },
    { title: a.deaths, dataIndex: 'deaths', width: 80, align: 'right' },
    { title: a.seriousShort, dataIndex: 'seriousInjuries', width: 90, align: 'right' },
    { title: a.directLoss, dataIndex: 'directLoss', width: 120, align: 'right' },
    { title: a.level, dataIndex: 'level', width: 110, render: (v: AccidentLevel) => <LevelTag level={v} /> },
  ];

  return (
    <PageContainer
      title={t.menu.accidents}
      extra={
        <Space wrap>
          <ExportButton
            path="/accidents/export"
            params={list.filters}
            fileName={a.exportFile}
            label={a.export}
            testId="accident-export"
          />
          {canManage && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setEditing('new')}
              data-testid="accident-create"
            >
              {a.create}
            </Button>
          )}
        </Space>
      }
    >
      <FilterBar<Filters> onSearch={list.setFilters} initialValues={list.filters}>
        <Form.Item name="q">
          <Input allowClear placeholder={a.search} style={{ width: 200 }} />
        </Form.Item>
        {!me.enterpriseId && (
          <Form.Item name="enterpriseId">
            <EnterprisePicker placeholder={a.enterprise} style={{ width: 220 }} testId="accident-filter-enterprise" />
          </Form.Item>
        )}
        <Form.Item name="accidentType">
          <Select
            allowClear
            placeholder={a.type}
            style={{ width: 150 }}
            options={ACCIDENT_TYPES.map((v) => ({ value: v, label: a.typeName(v) }))}
          />
        </Form.Item>
        <Form.Item name="level">
          <Select
            allowClear
            placeholder={a.level}
            style={{ width: 130 }}
            options={ACCIDENT_LEVELS.map((v) => ({ value: v, label: a.levelName(v) }))}
          />
        </Form.Item>
        <Form.Item name="from">
          <IsoDatePicker placeholder={a.from} style={{ width: 140 }} />
        </Form.Item>
        <Form.Item name="to">
          <IsoDatePicker placeholder={a.to} style={{ width: 140 }} />
        </Form.Item>
      </FilterBar>
      {totals && (
        <Typography.Paragraph type="secondary" data-testid="accident-totals">
          {a.totals(page.data?.total ?? 0, totals.deaths, totals.seriousInjuries, totals.directLoss)}
        </Typography.Paragraph>
      )}
      <ListView<AccidentView>
        page={page}
        list={list}
        mobile={mobile}
        columns={columns}
        onOpen={(r) => open(r.id)}
        empty={a.empty}
        testId="accidents"
        width={1000}
        card={(r) => (
          <Card key={r.id} size="small" className="list-card" onClick={() => open(r.id)} data-testid="accident-card">
            <Space style={{ justifyContent: 'space-between', width: '100%' }}>
              <strong>{r.enterpriseName}</strong>
              <LevelTag level={r.level} />
            </Space>
            <div>
              {formatTime(r.occurredAt)} · {a.typeName(r.accidentType)} · {r.place}
            </div>
          </Card>
        )}
      />
      <RecordDrawer<AccidentView>
        id={openId}
        onClose={() => open(null)}
        queryKey={['accidents', 'one', openId]}
        path={`/accidents/${openId}`}
        title={(r) => r?.serial ?? a.serial}
        width={640}
      >
        {(r) => (
          <div data-testid="accident-detail">
            <Descriptions column={1} size="small" bordered>
              <Descriptions.Item label={a.enterprise}>{r.enterpriseName}</Descriptions.Item>
              <Descriptions.Item label={a.occurredAt}>{formatTime(r.occurredAt)}</Descriptions.Item>
              <Descriptions.Item label={a.place}>{r.place}</Descriptions.Item>
              <Descriptions.Item label={a.type}>{a.typeName(r.accidentType)}</Descriptions.Item>
              <Descriptions.Item label={a.deaths}>{r.deaths}</Descriptions.Item>
              <Descriptions.Item label={a.seriousInjuries}>{r.seriousInjuries}</Descriptions.Item>
              <Descriptions.Item label={a.minorInjuries}>{r.minorInjuries}</Descriptions.Item>
              <Descriptions.Item label={a.directLoss}>{r.directLoss}</Descriptions.Item>
              <Descriptions.Item label={a.level}>
                <LevelTag level={r.level} />
              </Descriptions.Item>
              <Descriptions.Item label={a.summary}>{r.summary}</Descriptions.Item>
              <Descriptions.Item label={a.recordedBy}>
                {r.recordedByName ?? '—'} · {formatTime(r.recordedAt)}
              </Descriptions.Item>
            </Descriptions>
            {canManage && (
              <Button icon={<EditOutlined />} style={{ marginTop: 12 }} onClick={() => setEditing(r)}>
                {a.edit}
              </Button>
            )}
          </div>
        )}
      </RecordDrawer>
      <AccidentForm target={editing} onClose={() => setEditing(null)} onSaved={(id) => open(id)} />
    </PageContainer>
  );
}

interface FormValues {
  enterpriseId?: string;
  occurredAt?: Dayjs;
  place?: string;
  accidentType?: string;
  deaths?: number;
  seriousInjuries?: number;
  minorInjuries?: number;
  directLoss?: number;
  summary?: string;
}

function AccidentForm({
  target,
  onClose,
  onSaved,
}: {
  target: AccidentView | 'new' | null;
  onClose: () => void;
  onSaved: (id: string) => void;
}) {
  const a = useAccidentsText();
  const { message } = App.useApp();
  const mobile = Grid.useBreakpoint().md === false;
  const [form] = Form.useForm<FormValues>();
  const showError = useShowError(form);
  const queryClient = useQueryClient();
  const editing = target && target !== 'new' ? target : null;
  const figures = Form.useWatch([], form);
  const level = accidentLevel({
    deaths: figures?.deaths ?? 0,
    seriousInjuries: figures?.seriousInjuries ?? 0,
    directLoss: figures?.directLoss ?? 0,
  });
  const save = useMutation({
    mutationFn: (v: FormValues) => {
      const body = { ...v, occurredAt: v.occurredAt?.tz(PARK_TZ, true).format() };
      return editing
        ? api.patch<AccidentView>(`/accidents/${editing.id}`, {
            ...body,
            enterpriseId: undefined,
            rowVersion: editing.rowVersion,
          })
        : api.post<AccidentView>('/accidents', body);
    },
    onSuccess: (r) => {
      message.success(a.saved);
      void queryClient.invalidateQueries({ queryKey: ['accidents'] });
      void queryClient.invalidateQueries({ queryKey: ['credit'] });
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
      title={editing ? a.editTitle : a.createTitle}
      destroyOnHidden
      extra={
        <Button type="primary" loading={save.isPending} onClick={() => form.submit()} data-testid="accident-submit">
          {a.save}
        </Button>
      }
    >
      <Form<FormValues>
        form={form}
        layout="vertical"
        data-testid="accident-form"
        initialValues={
          editing
            ? { ...editing, occurredAt: dayjs(editing.occurredAt).tz(PARK_TZ) }
            : { deaths: 0, seriousInjuries: 0, minorInjuries: 0, directLoss: 0 }
        }
        onFinish={(v) => save.mutate(v)}
      >
        {!editing && (
          <Form.Item name="enterpriseId" label={a.enterprise} rules={[{ required: true, message: a.enterprise }]}>
            <EnterprisePicker testId="accident-enterprise" />
          </Form.Item>
        )}
        <Form.Item name="occurredAt" label={a.occurredAt} rules={[{ required: true, message: a.occurredAt }]}>
          <DatePicker
            showTime={{ format: 'HH:mm' }}
            format="YYYY-MM-DD HH:mm"
            style={{ width: '100%' }}
            disabledDate={(d) => d.isAfter(dayjs(), 'day')}
            data-testid="accident-occurred-at"
          />
        </Form.Item>
        <Form.Item name="place" label={a.place} rules={[{ required: true, min: 2 }]}>
          <Input maxLength={200} data-testid="accident-place" />
        </Form.Item>
        <Form.Item name="accidentType" label={a.type} rules={[{ required: true, message: a.type }]}>
          <Select
            data-testid="accident-type"
            options={ACCIDENT_TYPES.map((v) => ({ value: v, label: a.typeName(v) }))}
          />
        </Form.Item>
        <Space wrap>
          <Form.Item name="deaths" label={a.deaths}>
            <InputNumber min={0} precision={0} data-testid="accident-deaths" />
          </Form.Item>
          <Form.Item name="seriousInjuries" label={a.seriousInjuries}>
            <InputNumber min={0} precision={0} data-testid="accident-serious" />
          </Form.Item>
          <Form.Item name="minorInjuries" label={a.minorInjuries}>
            <InputNumber min={0} precision={0} />
          </Form.Item>
          <Form.Item name="directLoss" label={a.directLoss}>
            <InputNumber min={0} precision={2} data-testid="accident-loss" />
          </Form.Item>
        </Space>
        <Alert
          type={level === 'general' ? 'info' : 'warning'}
          showIcon
          style={{ marginBottom: 16 }}
          message={<span data-testid="accident-level-preview">{a.levelLine(a.level, a.levelName(level))}</span>}
          description={
            <>
              {a.levelHint}
              {!ACCIDENT_LEVELS_VERIFIED && (
                <div>
                  <Tag color="warning">{a.unverified}</Tag>
                  {a.levelSource}
                </div>
              )}
            </>
          }
        />
        <Form.Item name="summary" label={a.summary} rules={[{ required: true, min: 4 }]}>
          <Input.TextArea rows={4} maxLength={4000} data-testid="accident-summary" />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
