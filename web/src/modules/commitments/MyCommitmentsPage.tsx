// An enterprise's safety commitments: this period's of each type it must post (the form, or what it posted), then
// its history.
import { CheckCircleOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Card, Descriptions, List, Space, Tag, Typography } from 'antd';
import type { z } from 'zod';
import type { CommitmentView, MyCommitments } from '../../../../shared/src/commitments';
import { api, type Page } from '../../app/api';
import { useMe } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { formatTime } from '../../app/time';
import { PageContainer } from '../../app/ui/PageContainer';
import { PageLoading } from '../../app/ui/PageLoading';
import { QueryError } from '../../app/ui/QueryError';
import { CommitmentForm } from './CommitmentForm';
import { useCommitmentsText } from './text';
import './commitments.css';

export const periodText = (period: 'day' | 'month', start: string) => (period === 'day' ? start : start.slice(0, 7));

export default function MyCommitmentsPage() {
  const { t } = useI18n();
  const m = useCommitmentsText();
  const me = useMe();
  const mine = useQuery({
    queryKey: ['commitments', 'mine'],
    queryFn: () => api.get<z.infer<typeof MyCommitments>>('/commitments/mine'),
  });
  const history = useQuery({
    queryKey: ['commitments', 'history', 'mine'],
    queryFn: () => api.get<Page<CommitmentView>>('/commitments', { pageSize: 30 }),
    placeholderData: keepPreviousData,
  });
  if (mine.isError) return <QueryError error={mine.error} onRetry={() => void mine.refetch()} />;
  if (!mine.data) return <PageLoading />;
  return (
    <PageContainer title={t.menu.myCommitments}>
      {mine.data.items.length === 0 && <Alert type="info" message={m.notRequired} />}
      {mine.data.items.map(({ type, periodStart, posted }) => (
        <Card
          key={type.id}
          size="small"
          className="commitment-card"
          data-testid={`commitment-card-${type.code}`}
          title={
            <Space wrap>
              <span>{type.name}</span>
              <Tag>{periodText(type.period, periodStart)}</Tag>
              {posted ? (
                <Tag color="success" icon={<CheckCircleOutlined />} data-testid="commitment-state">
                  {m.done}
                </Tag>
              ) : (
                <Tag color="warning" data-testid="commitment-state">
                  {m.todo}
                </Tag>
              )}
            </Space>
          }
        >
          {posted ? (
            <Descriptions column={1} size="small" data-testid="commitment-posted">
              <Descriptions.Item label={m.committedBy}>{posted.committedBy}</Descriptions.Item>
              <Descriptions.Item label={m.committedAt}>{formatTime(posted.committedAt)}</Descriptions.Item>
              <Descriptions.Item label={m.issues}>
                {posted.review.filter((r) => !r.ok).length === 0
                  ? '—'
                  : posted.review
                      .filter((r) => !r.ok)
                      .map((r) => m.issueLine(r.item, r.note ?? ''))
                      .join(m.issueSeparator)}
              </Descriptions.Item>
              <Descriptions.Item label={m.text}>{posted.commitmentText}</Descriptions.Item>
            </Descriptions>
          ) : (
            <CommitmentForm type={type} day={mine.data.today} person={me.displayName} />
          )}
        </Card>
      ))}
      <Card size="small" title={m.history} className="commitment-card">
        <List
          dataSource={history.data?.items ?? []}
          loading={history.isFetching}
          locale={{ emptyText: m.empty }}
          renderItem={(c) => (
            <List.Item data-testid="commitment-history-item">
              <div>
                <div>
                  <strong>{periodText(c.period, c.periodStart)}</strong> {m.periodName(c.period)} · {c.committedBy}
                  {c.late && <Tag color="warning">{m.late}</Tag>}
                </div>
                <Typography.Text type="secondary">
                  {c.typeName} · {formatTime(c.committedAt)}
                </Typography.Text>
              </div>
            </List.Item>
          )}
        />
      </Card>
    </PageContainer>
  );
}
