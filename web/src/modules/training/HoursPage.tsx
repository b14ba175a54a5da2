// 培训学时: a year's hours per person (a person across enterprises by mobile number) and per enterprise, within data
// scope, the year's figures (one shared query on the server), and a person's history in a drawer.
import { useQuery } from '@tanstack/react-query';
import { Card, Drawer, Grid, Input, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { z } from 'zod';
import type {
  AttendeeRole,
  EnterpriseHours,
  HoursReport,
  PersonHistory,
  PersonHours,
  TrainingFigures,
} from '../../../../shared/src/training';
import { shanghaiToday } from '../../../../shared/src/validators';
import { api } from '../../app/api';
import { useI18n } from '../../app/i18n';
import { MaskedValue } from '../../app/ui/MaskedValue';
import { PageContainer } from '../../app/ui/PageContainer';
import { useDebounced } from '../../app/useDebounced';
import { useYearOptions } from './PlansPage';
import { KindTag, Result } from './SessionsPage';
import { useTrainingText } from './text';

export default function HoursPage() {
  const { t: app } = useI18n();
  const { hours: t, attendee: a, names } = useTrainingText();
  const yearOptions = useYearOptions();
  const mobile = Grid.useBreakpoint().md === false;
  const [year, setYear] = useState(Number(shanghaiToday().slice(0, 4)));
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim());
  const [person, setPerson] = useState<PersonHours | null>(null);
  const report = useQuery({
    queryKey: ['training', 'hours', year, q],
    queryFn: () => api.get<z.infer<typeof HoursReport>>('/training/hours', { year, q: q || undefined }),
  });
  const figures = useQuery({
    queryKey: ['training', 'figures', year],
    queryFn: () => api.get<TrainingFigures>('/training/figures', { from: `${year}-01-01`, to: `${year}-12-31` }),
  });
  const history = useQuery({
    queryKey: ['training', 'history', person?.personKey],
    queryFn: () => api.get<z.infer<typeof PersonHistory>>('/training/history', { personKey: person!.personKey }),
    enabled: Boolean(person),
  });
  const f = figures.data;
  return (
    <PageContainer title={app.menu.trainingHours}>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select value={year} onChange={setYear} options={yearOptions} style={{ width: 120 }} />
        <Input
          allowClear
          placeholder={t.search}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          style={{ width: 200 }}
          data-testid="hours-search"
        />
      </Space>
      {f && (
        <Card size="small" style={{ marginBottom: 12 }} data-testid="training-figures">
          <Typography.Text strong>{t.figures(f.sessions, f.hours, f.attendees, f.personHours)}</Typography.Text>
          <div style={{ marginTop: 8 }}>
            {f.byKind
              .filter((k) => k.sessions > 0)
              .map((k) => (
                <span key={k.kind} style={{ marginRight: 12, whiteSpace: 'nowrap' }}>
                  <KindTag kind={k.kind} />
                  {t.kindFigures(k.sessions, k.attendees)}
                </span>
              ))}
          </div>
        </Card>
      )}
      <Typography.Paragraph type="secondary">{t.personKeyHint}</Typography.Paragraph>
      <Tabs
        items={[
          {
            key: 'people',
            label: t.byPerson,
            children: (
              <Table<PersonHours>
                size="small"
                rowKey="personKey"
                loading={report.isLoading}
                dataSource={report.data?.people ?? []}
                scroll={{ x: 760 }}
                data-testid="hours-people"
                onRow={(r) => ({ onClick: () => setPerson(r), style: { cursor: 'pointer' } })}
                columns={[
                  { title: t.name, dataIndex: 'name', width: 100 },
                  {
                    title: t.phone,
                    dataIndex: 'phone',
                    width: 170,
                    render: (v: string | null, r: PersonHours) => (
                      <MaskedValue value={v} entityType="trainingAttendee" id={r.attendeeId} field="phone" />
                    ),
                  },
                  {
                    title: t.enterprises,
                    dataIndex: 'enterpriseNames',
                    render: (v: string[]) => v.join(t.listSeparator) || '—',
                  },
                  { title: t.sessions, dataIndex: 'sessions', width: 90, align: 'right' },
                  { title: t.hours, dataIndex: 'hours', width: 80, align: 'right' },
                  {
                    title: `${t.passed}/${t.failed}`,
                    key: 'pf',
                    width: 100,
                    render: (_: unknown, r) => `${r.passed} / ${r.failed}`,
                  },
                ]}
              />
            ),
          },
          {
            key: 'enterprises',
            label: t.byEnterprise,
            children: (
              <Table<EnterpriseHours>
                size="small"
                rowKey="enterpriseId"
                loading={report.isLoading}
                dataSource={report.data?.enterprises ?? []}
                scroll={{ x: 700 }}
                data-testid="hours-enterprises"
                columns={[
                  { title: a.enterprise, dataIndex: 'enterpriseName' },
                  { title: t.sessions, dataIndex: 'sessions', width: 90, align: 'right' },
                  { title: t.people, dataIndex: 'people', width: 80, align: 'right' },
                  { title: t.attendees, dataIndex: 'attendees', width: 80, align: 'right' },
                  { title: t.personHours, dataIndex: 'personHours', width: 100, align: 'right' },
                ]}
              />
            ),
          },
        ]}
      />
      <Drawer
        open={Boolean(person)}
        onClose={() => setPerson(null)}
        size={mobile ? '100%' : 760}
        title={person ? a.historyTitle(person.name) : ''}
        destroyOnHidden
      >
        {history.data && (
          <div data-testid="person-history">
            <Typography.Paragraph>{t.totalHours(history.data.hours)}</Typography.Paragraph>
            <Table
              size="small"
              rowKey={(r) => `${r.sessionId}-${r.enterpriseName}`}
              pagination={false}
              dataSource={history.data.items}
              scroll={{ x: 700 }}
              columns={[
                { title: t.date, dataIndex: 'occurredOn', width: 100 },
                { title: t.kind, dataIndex: 'kind', width: 160, render: (k) => <KindTag kind={k} /> },
                { title: t.topic, dataIndex: 'title' },
                { title: a.enterprise, dataIndex: 'enterpriseName', render: (v: string | null) => v ?? '—' },
                {
                  title: a.role,
                  dataIndex: 'role',
                  width: 110,
                  render: (r: AttendeeRole) => <Tag>{names.role(r)}</Tag>,
                },
                { title: t.hours, dataIndex: 'hours', width: 60 },
                {
                  title: a.result,
                  dataIndex: 'passed',
                  width: 80,
                  render: (v: boolean | null) => <Result passed={v} />,
                },
              ]}
            />
          </div>
        )}
      </Drawer>
    </PageContainer>
  );
}
