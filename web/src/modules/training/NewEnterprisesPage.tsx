// 随投产随培训 (seed 000 §四): the principals and safety managers of newly commissioned enterprises not yet trained,
// with the days since production started; "登记培训" opens the session form for that person, and once the session is
// saved (passed) the person leaves the list.
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Grid, Select, Space, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import {
  ATTENDEE_ROLE_NAMES,
  NEW_ENTERPRISE_WINDOW_DAYS,
  type NewEnterpriseGap,
  type TrainingKind,
} from '../../../../shared/src/training';
import { api } from '../../app/api';
import { useMe } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { MaskedValue } from '../../app/ui/MaskedValue';
import { PageContainer } from '../../app/ui/PageContainer';
import { QueryError } from '../../app/ui/QueryError';
import { rowKey } from './AttendeeEditor';
import { SessionForm, type SessionFormValues } from './SessionForm';
import { useTrainingText } from './text';

interface Gaps {
  items: NewEnterpriseGap[];
  enterprises: number;
  complete: number;
  withinDays: number;
  kinds: TrainingKind[];
}

export default function NewEnterprisesPage() {
  const { t: app } = useI18n();
  const { gaps: t, names } = useTrainingText();
  const me = useMe();
  const mobile = Grid.useBreakpoint().md === false;
  const [withinDays, setWithinDays] = useState(NEW_ENTERPRISE_WINDOW_DAYS);
  const [recording, setRecording] = useState<SessionFormValues | null>(null);
  const canRecord = ['admin', 'supervisor', 'enterprise'].includes(me.role);
  const gaps = useQuery({
    queryKey: ['training', 'new-enterprises', withinDays],
    queryFn: () => api.get<Gaps>('/training/new-enterprises', { withinDays }),
  });
  const record = (g: NewEnterpriseGap) =>
    setRecording({
      kind: 'newPrincipal',
      title: t.defaultTitle,
      organiserKind: me.role === 'enterprise' ? 'enterprise' : 'committee',
      hours: 8,
      attendees: [
        {
          key: rowKey(),
          name: g.personName ?? '',
          enterpriseId: g.enterpriseId,
          enterpriseName: g.enterpriseName,
          // The post as the registry names it (record content, Chinese): 主要负责人 / 安全管理人员.
          post: ATTENDEE_ROLE_NAMES[g.role],
          role: g.role,
          // The registry's phone arrives masked (stored encrypted): the attendee's phone is left for the form.
          phone: g.personPhone?.includes('*') ? null : g.personPhone,
          score: null,
          passed: true,
        },
      ],
    });
  const columns: TableColumnsType<NewEnterpriseGap> = [
    { title: t.enterprise, dataIndex: 'enterpriseName' },
    { title: t.start, dataIndex: 'productionStartDate', width: 110 },
    {
      title: t.days,
      dataIndex: 'daysSinceStart',
      width: 100,
      align: 'right',
      render: (d: number) => <Tag color={d > 90 ? 'red' : d > 30 ? 'orange' : 'blue'}>{t.daysText(d)}</Tag>,
    },
    { title: t.role, dataIndex: 'role', width: 120, render: (r: NewEnterpriseGap['role']) => names.role(r) },
    {
      title: t.person,
      dataIndex: 'personName',
      width: 100,
      render: (v: string | null) => v ?? <Tag color="warning">{t.unregistered}</Tag>,
    },
    {
      title: t.phone,
      dataIndex: 'personPhone',
      width: 170,
      // The registry's phone (masked): 查看 reveals it from the enterprise's record, audited.
      render: (v: string | null, g: NewEnterpriseGap) => (
        <MaskedValue
          value={v}
          entityType="enterprise"
          id={g.enterpriseId}
          field={g.role === 'principal' ? 'principalPhone' : 'safetyManagerPhone'}
        />
      ),
    },
    ...(canRecord
      ? [
          {
            key: 'act',
            width: 110,
            render: (_: unknown, g: NewEnterpriseGap) => (
              <Button size="small" type="link" onClick={() => record(g)} data-testid="gap-record">
                {t.record}
              </Button>
            ),
          },
        ]
      : []),
  ];
  const data = gaps.data;
  return (
    <PageContainer title={app.menu.trainingNewEnterprises}>
      {data && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          message={t.intro(data.withinDays, data.kinds.map(names.kind))}
        />
      )}
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          value={withinDays}
          onChange={setWithinDays}
          style={{ width: 160 }}
          options={[90, 180, 365, 730].map((d) => ({ value: d, label: t.withinDays(d) }))}
        />
        {data && (
          <Typography.Text type="secondary" data-testid="gap-summary">
            {t.summary(data.enterprises, data.complete)}
          </Typography.Text>
        )}
      </Space>
      {gaps.isError ? (
        <Card>
          <QueryError error={gaps.error} onRetry={() => void gaps.refetch()} />
        </Card>
      ) : mobile ? (
        <div className="list-cards" data-testid="gaps-cards">
          {data?.items.length === 0 && <Alert type="success" message={t.empty} />}
          {data?.items.map((g) => (
            <Card key={`${g.enterpriseId}-${g.role}`} size="small" className="list-card" data-testid="gap-row">
              <strong>{g.enterpriseName}</strong>
              <div>
                {t.cardLine(
                  names.role(g.role),
                  g.personName ?? t.unregistered,
                  t.start,
                  g.productionStartDate,
                  t.daysText(g.daysSinceStart),
                )}
              </div>
              {canRecord && (
                <Button size="small" onClick={() => record(g)}>
                  {t.record}
                </Button>
              )}
            </Card>
          ))}
        </div>
      ) : (
        <Table<NewEnterpriseGap>
          rowKey={(g) => `${g.enterpriseId}-${g.role}`}
          loading={gaps.isLoading}
          columns={columns}
          dataSource={data?.items ?? []}
          pagination={false}
          locale={{ emptyText: t.empty }}
          onRow={() => ({ 'data-testid': 'gap-row' }) as never}
          data-testid="gaps"
        />
      )}
      <SessionForm
        target={recording ? 'new' : null}
        initial={recording ?? undefined}
        onClose={() => setRecording(null)}
        onSaved={() => void gaps.refetch()}
      />
    </PageContainer>
  );
}
