// 培训记录: the sessions within data scope (filters by kind, organiser, dates; totals; Excel export with attendees), a
// session in a drawer (?session=<id>) with its attendees and results, and the form (committee: any; enterprise: its own).
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  Button,
  Card,
  Descriptions,
  Form,
  Grid,
  Input,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import {
  type AttendeeView,
  ORGANISER_KINDS,
  type SessionSummary,
  type SessionView,
  TRAINING_KINDS,
  type TrainingKind,
} from '../../../../shared/src/training';
import { api, type Page } from '../../app/api';
import { useMe } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { useListState, useOpenParam } from '../../app/listState';
import { formatTime } from '../../app/time';
import { ExportButton } from '../../app/ui/ExportButton';
import { FilterBar } from '../../app/ui/FilterBar';
import { ListView } from '../../app/ui/ListView';
import { MaskedValue } from '../../app/ui/MaskedValue';
import { PageContainer } from '../../app/ui/PageContainer';
import { RecordDrawer } from '../../app/ui/RecordDrawer';
import { FileList, refFile } from '../activities/common';
import { SubjectPayments } from '../activities/SubjectPayments';
import { IsoDatePicker } from '../enterprises/IsoDatePicker';
import { PhotoStrip } from '../hazards/photos';
import { SessionForm } from './SessionForm';
import { useTrainingText } from './text';

type Filters = {
  q?: string;
  kind?: string;
  organiserKind?: string;
  enterpriseId?: string;
  providerId?: string;
  from?: string;
  to?: string;
};
type SessionPageData = Page<SessionSummary> & { totals: { hours: number; attendees: number } };

const KIND_COLOURS: Partial<Record<TrainingKind, string>> = {
  warning: 'volcano',
  fire: 'red',
  newPrincipal: 'purple',
  threeLevel: 'cyan',
  competition: 'gold',
  dualControl: 'geekblue',
};
export function KindTag({ kind }: { kind: TrainingKind }) {
  const { names } = useTrainingText();
  return <Tag color={KIND_COLOURS[kind] ?? 'blue'}>{names.kind(kind)}</Tag>;
}

export function Result({ passed }: { passed: boolean | null }) {
  const { attendee: a } = useTrainingText();
  return passed === null ? (
    <span>—</span>
  ) : passed ? (
    <Tag color="green">{a.passed}</Tag>
  ) : (
    <Tag color="red">{a.failed}</Tag>
  );
}

export default function SessionsPage() {
  const { t: app } = useI18n();
  const { session: t, attendee: a, names } = useTrainingText();
  const me = useMe();
  const mobile = Grid.useBreakpoint().md === false;
  const list = useListState<SessionSummary, Filters>({ order: 'desc' }, { url: { ignore: ['session'] } });
  const [openId, open] = useOpenParam('session');
  const [editing, setEditing] = useState<SessionView | 'new' | null>(null);
  const canRecord = ['admin', 'supervisor', 'enterprise'].includes(me.role);
  const page = useQuery({
    queryKey: ['training', 'sessions', list.query],
    queryFn: () => api.get<SessionPageData>('/training/sessions', list.query),
    placeholderData: keepPreviousData,
  });
  const totals = page.data?.totals;
  const columns: TableColumnsType<SessionSummary> = [
    { title: t.serial, dataIndex: 'serial', width: 120 },
    { title: t.occurredOn, dataIndex: 'occurredOn', width: 110 },
    { title: t.kind, dataIndex: 'kind', width: 170, render: (k: TrainingKind) => <KindTag kind={k} /> },
    { title: t.title, dataIndex: 'title' },
    {
      title: t.organiser,
      key: 'org',
      width: 220,
      render: (_: unknown, r) => (
        <span>
          {r.providerName ?? r.enterpriseName ?? names.organiser(r.organiserKind)}
          {r.providerExpired && (
            <Tag color="red" style={{ marginLeft: 4 }}>
              {t.providerExpired}
            </Tag>
          )}
        </span>
      ),
    },
    { title: t.hours, dataIndex: 'hours', width: 70, align: 'right' },
    { title: t.attendees, dataIndex: 'attendeeCount', width: 90, align: 'right' },
  ];
  return (
    <PageContainer
      title={app.menu.trainingSessions}
      extra={
        <Space wrap>
          <ExportButton
            path="/training/sessions/export"
            params={list.filters}
            fileName={t.exportFile}
            label={t.export}
            testId="session-export"
          />
          {canRecord && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setEditing('new')}
              data-testid="session-create"
            >
              {t.create}
            </Button>
          )}
        </Space>
      }
    >
      <FilterBar<Filters> onSearch={list.setFilters}>
        <Form.Item name="q">
          <Input allowClear placeholder={t.search} style={{ width: 220 }} data-testid="session-search" />
        </Form.Item>
        <Form.Item name="kind">
          <Select
            allowClear
            placeholder={t.kind}
            style={{ width: 190 }}
            options={TRAINING_KINDS.map((k) => ({ value: k, label: names.kind(k) }))}
          />
        </Form.Item>
        <Form.Item name="organiserKind">
          <Select
            allowClear
            placeholder={t.organiser}
            style={{ width: 150 }}
            options={ORGANISER_KINDS.map((k) => ({ value: k, label: names.organiser(k) }))}
          />
        </Form.Item>
        <Form.Item name="from">
          <IsoDatePicker placeholder={t.from} style={{ width: 140 }} />
        </Form.Item>
        <Form.Item name="to">
          <IsoDatePicker placeholder={t.to} style={{ width: 140 }} />
        </Form.Item>
      </FilterBar>
      {totals && (
        <Typography.Paragraph type="secondary" data-testid="session-totals">
          {t.totals(page.data?.total ?? 0, totals.hours, totals.attendees)}
        </Typography.Paragraph>
      )}
      <ListView<SessionSummary>
        page={page}
        list={list}
        mobile={mobile}
        columns={columns}
        onOpen={(r) => open(r.id)}
        empty={t.empty}
        testId="sessions"
        width={1100}
        card={(r) => (
          <Card key={r.id} size="small" className="list-card" onClick={() => open(r.id)} data-testid="session-card">
            <Space style={{ justifyContent: 'space-between', width: '100%' }}>
              <strong>{r.title}</strong>
              <KindTag kind={r.kind} />
            </Space>
            <div>{t.cardLine(r.occurredOn, r.hours, r.attendeeCount)}</div>
            <div>{r.providerName ?? r.enterpriseName ?? names.organiser(r.organiserKind)}</div>
          </Card>
        )}
      />
      <RecordDrawer<SessionView>
        id={openId}
        onClose={() => open(null)}
        queryKey={['training', 'sessions', 'one', openId]}
        path={`/training/sessions/${openId}`}
        title={(r) => (r ? `${r.serial} ${r.title}` : t.title)}
        width={860}
      >
        {(r) => (
          <div data-testid="session-detail">
            <Descriptions column={mobile ? 1 : 2} size="small" bordered>
              <Descriptions.Item label={t.kind}>
                <KindTag kind={r.kind} />
              </Descriptions.Item>
              <Descriptions.Item label={t.occurredOn}>{r.occurredOn}</Descriptions.Item>
              <Descriptions.Item label={t.organiser}>{names.organiser(r.organiserKind)}</Descriptions.Item>
              <Descriptions.Item label={t.enterprise}>{r.enterpriseName ?? '—'}</Descriptions.Item>
              {r.providerName && (
                <Descriptions.Item label={t.provider} span={2}>
                  {r.providerName}
                  {r.providerExpired && (
                    <Tag color="red" style={{ marginLeft: 8 }} data-testid="session-provider-expired">
                      {t.providerExpired}
                    </Tag>
                  )}
                </Descriptions.Item>
              )}
              <Descriptions.Item label={t.trainer}>{r.trainer ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t.place}>{r.place ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t.hours}>{r.hours}</Descriptions.Item>
              <Descriptions.Item label={t.attendees}>
                {t.attendeeResults(r.attendeeCount, r.passedCount, r.failedCount)}
              </Descriptions.Item>
              {r.planItemLabel && (
                <Descriptions.Item label={t.planItem} span={2}>
                  {r.planItemLabel}
                </Descriptions.Item>
              )}
              <Descriptions.Item label={t.summary} span={2}>
                {r.summary ?? '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t.recordedBy} span={2}>
                {r.recordedByName ?? '—'} · {formatTime(r.recordedAt)}
              </Descriptions.Item>
            </Descriptions>
            {r.photos.length > 0 && (
              <Card size="small" title={t.photos} style={{ marginTop: 12 }}>
                <PhotoStrip ids={r.photos.map((p) => p.id)} testId="session-detail-photos" />
              </Card>
            )}
            {r.materials.length > 0 && (
              <Card size="small" title={t.materials} style={{ marginTop: 12 }}>
                <FileList files={r.materials.map(refFile)} empty={t.noMaterials} testId="session-detail-materials" />
              </Card>
            )}
            {r.editable && (
              <Button
                icon={<EditOutlined />}
                style={{ marginTop: 12 }}
                onClick={() => setEditing(r)}
                data-testid="session-edit"
              >
                {t.edit}
              </Button>
            )}
            <Card size="small" title={a.titleCount(r.attendees.length)} style={{ marginTop: 12 }}>
              <AttendeeTable rows={r.attendees} />
            </Card>
            <SubjectPayments
              kind="training"
              id={r.id}
              title={`${r.occurredOn} ${r.title}`}
              purpose="training"
              supplier={r.providerName}
            />
          </div>
        )}
      </RecordDrawer>
      <SessionForm target={editing} onClose={() => setEditing(null)} onSaved={(id) => open(id)} />
    </PageContainer>
  );
}

export function AttendeeTable({ rows }: { rows: AttendeeView[] }) {
  const { attendee: a, names } = useTrainingText();
  return (
    <Table<AttendeeView>
      size="small"
      rowKey="id"
      dataSource={rows}
      pagination={rows.length > 50 ? { pageSize: 50 } : false}
      scroll={{ x: 700 }}
      data-testid="session-attendees"
      columns={[
        { title: '#', key: 'n', width: 44, render: (_: unknown, __, i) => i + 1 },
        { title: a.name, dataIndex: 'name', width: 90 },
        { title: a.enterprise, dataIndex: 'enterpriseName', render: (v: string | null) => v ?? '—' },
        { title: a.post, dataIndex: 'post', width: 100, render: (v: string | null) => v ?? '—' },
        { title: a.role, dataIndex: 'role', width: 110, render: (v: AttendeeView['role']) => names.role(v) },
        {
          title: a.phone,
          dataIndex: 'phone',
          width: 170,
          // Masked as the server answers; 查看 (admin, supervisor, the attendee's own enterprise) is audited.
          render: (v: string | null, r, i) => (
            <MaskedValue
              value={v}
              entityType="trainingAttendee"
              id={r.id}
              field="phone"
              testId={`attendee-phone-${i}`}
            />
          ),
        },
        { title: a.score, dataIndex: 'score', width: 70, render: (v: number | null) => v ?? '—' },
        { title: a.result, dataIndex: 'passed', width: 80, render: (v: boolean | null) => <Result passed={v} /> },
      ]}
    />
  );
}
