// 重大风险企业: the enterprises whose effective level is 重大 (by their points or by a supervisor's override), each
// with its major points and how well they are controlled (open hazards, overdue reviews, points not yet accepted).
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Card, Empty, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import type { z } from 'zod';
import { SUPERVISION_TAGS } from '../../../../shared/src/enterprises';
import { SUPERVISION_TAG_LABELS } from '../../../../shared/src/labels';
import { CONTROL_STATES, type MajorRiskEnterpriseView, SCORE_SYMBOL } from '../../../../shared/src/risk';
import { api, type Page } from '../../app/api';
import { useListState } from '../../app/listState';
import { codeOptions } from '../../app/ui/options';
import { PageContainer } from '../../app/ui/PageContainer';
import { QueryError } from '../../app/ui/QueryError';
import { SupervisionTags } from '../enterprises/EnterpriseTags';
import { useHomeStats } from '../home/homeStats';
import { formatScore, riskKeys } from './common';
import { CONTROL_STATE_LABELS } from './labels';
import { DueText, ReviewTag } from './RiskPointDetail';
import { useRiskText } from './text';
import './risk.css';

type Row = z.infer<typeof MajorRiskEnterpriseView>;
type Filters = { q?: string; area?: string; tag?: string; controlState?: string };

const STATE_COLORS: Record<string, string> = {
  controlled: 'green',
  unreviewed: 'gold',
  reviewOverdue: 'orange',
  openHazards: 'red',
};

export function ControlStateTag({ state }: { state: string }) {
  const { l } = useRiskText();
  return (
    <Tag color={STATE_COLORS[state]} data-testid="control-state">
      {l(CONTROL_STATE_LABELS, state)}
    </Tag>
  );
}

export default function MajorRiskEnterprisesPage() {
  const { r, t, lang } = useRiskText();
  const list = useListState<Row, Filters>({});
  const [q, setQ] = useState('');
  const areas = useHomeStats().data?.enterprises.byArea.map((a) => ({ value: a.key, label: a.key })) ?? [];
  const page = useQuery({
    queryKey: riskKeys.major(list.query),
    queryFn: () => api.get<Page<Row>>('/risk/major-enterprises', list.query),
    placeholderData: keepPreviousData,
  });
  const g = r.major;
  const set = (patch: Filters) => list.setFilters({ ...list.filters, ...patch });

  return (
    <PageContainer title={t.menu.majorRiskEnterprises}>
      <Alert type="info" showIcon title={g.intro} />
      <Card size="small" className="filter-card">
        <Space wrap>
          <Input.Search
            allowClear
            placeholder={g.searchPlaceholder}
            value={q}
            onChange={(e) => setQ(e.target.value)}
            onSearch={(v) => set({ q: v.trim() || undefined })}
            style={{ width: 220 }}
            data-testid="major-filter-q"
          />
          <Select
            allowClear
            placeholder={g.area}
            options={areas}
            value={list.filters.area}
            onChange={(area) => set({ area })}
            style={{ width: 140 }}
          />
          <Select
            allowClear
            placeholder={g.tags}
            options={codeOptions(SUPERVISION_TAGS, SUPERVISION_TAG_LABELS, lang)}
            value={list.filters.tag}
            onChange={(tag) => set({ tag })}
            style={{ width: 180 }}
          />
          <Select
            allowClear
            placeholder={g.control}
            options={codeOptions(CONTROL_STATES, CONTROL_STATE_LABELS, lang)}
            value={list.filters.controlState}
            onChange={(controlState) => set({ controlState })}
            style={{ width: 170 }}
            data-testid="major-filter-control"
          />
        </Space>
      </Card>
      <Card>
        {page.isError ? (
          <QueryError error={page.error} onRetry={() => void page.refetch()} />
        ) : (
          <Table<Row>
            rowKey="enterpriseId"
            size="middle"
            dataSource={page.data?.items}
            loading={page.isFetching}
            pagination={list.pagination(page.data?.total, t.common.total)}
            onChange={list.onChange}
            scroll={{ x: 1100 }}
            locale={{ emptyText: <Empty description={g.empty} /> }}
            data-testid="major-table"
            columns={[
              {
                title: g.enterprise,
                dataIndex: 'name',
                width: 220,
                fixed: 'left',
                render: (name: string, row) => (
                  <div>
                    <Link to={`/enterprises/${row.enterpriseId}?tab=risk`}>{name}</Link>
                    <span className="risk-cell-sub">{row.area ?? '—'}</span>
                  </div>
                ),
              },
              {
                title: g.tags,
                dataIndex: 'supervisionTags',
                width: 180,
                render: (tags: Row['supervisionTags']) => <SupervisionTags tags={tags} />,
              },
              {
                title: g.basis,
                key: 'basis',
                width: 180,
                render: (_: unknown, row) =>
                  row.override ? (
                    <div>
                      <Tag color="purple">{g.byOverride}</Tag>
                      <span className="risk-cell-sub">{row.override.reason}</span>
                    </div>
                  ) : (
                    <Tag>{g.byPoints}</Tag>
                  ),
              },
              {
                title: g.points,
                key: 'points',
                render: (_: unknown, row) =>
                  row.majorPoints.length === 0 ? (
                    <Typography.Text type="secondary">—</Typography.Text>
                  ) : (
                    <div className="major-points">
                      {row.majorPoints.map((p) => (
                        <div key={p.id} className="major-point">
                          <Link to={`/risk/points?point=${p.id}`}>{p.name}</Link>
                          <Typography.Text type="secondary">
                            {' '}
                            {SCORE_SYMBOL[p.method]} = {formatScore(p.score)}
                          </Typography.Text>{' '}
                          <ReviewTag status={p.reviewStatus} />
                          <DueText date={p.nextReviewDate} due={p.reviewDue} />
                          {p.openHazards > 0 && (
                            <Typography.Text type="danger">
                              {' '}
                              {r.enterprise.openHazards} {p.openHazards}
                            </Typography.Text>
                          )}
                        </div>
                      ))}
                    </div>
                  ),
              },
              {
                title: g.control,
                dataIndex: 'controlState',
                width: 140,
                render: (s: string) => <ControlStateTag state={s} />,
              },
            ]}
          />
        )}
      </Card>
    </PageContainer>
  );
}
