// 风险点 (park-wide for the committee) and 本企业风险点 (an enterprise's own; the server filters): counts that filter
// when clicked (待审核, 已退回, 评审到期/逾期), the query form, the list sorted by score, a point in a drawer
// (?point=<id>, so a link to one point can be shared), the form with the live calculator, and Excel in and out.
import { ImportOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  Button,
  Card,
  Col,
  Empty,
  Flex,
  Pagination,
  Row,
  Spin,
  Statistic,
  Table,
  type TableColumnsType,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { z } from 'zod';
import type { RiskPointCounts, RiskPointView } from '../../../../shared/src/risk';
import { api, type Page } from '../../app/api';
import { useListState } from '../../app/listState';
import { formatTime } from '../../app/time';
import { PageContainer } from '../../app/ui/PageContainer';
import { QueryError } from '../../app/ui/QueryError';
import { useIsMobile } from '../hazards/common';
import { formatScore, LevelTag, riskKeys, useRiskRights } from './common';
import { TIER_LABELS } from './labels';
import { RiskExportButton, RiskImportModal } from './RiskIo';
import { DueText, ReviewTag, RiskPointDetailDrawer } from './RiskPointDetail';
import { RiskPointFilters, type RiskPointFilterValues } from './RiskPointFilters';
import { RiskPointFormDrawer } from './RiskPointForm';
import { useRiskText } from './text';
import './risk.css';

type Counts = z.infer<typeof RiskPointCounts>;

export default function RiskPointsPage() {
  const { r, t, l } = useRiskText();
  const rights = useRiskRights();
  const mobile = useIsMobile();
  const list = useListState<RiskPointView, RiskPointFilterValues>({ sort: 'score', order: 'desc' });
  const [params, setParams] = useSearchParams();
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);
  const openId = params.get('point');
  const page = useQuery({
    queryKey: riskKeys.points(list.query),
    queryFn: () => api.get<Page<RiskPointView>>('/risk/points', list.query),
    placeholderData: keepPreviousData,
  });
  // The figures follow the list's other filters; review status and due are what they count, so those stay out.
  const { reviewStatus: _status, due: _due, ...countQuery } = list.filters;
  const counts = useQuery({
    queryKey: riskKeys.counts(countQuery),
    queryFn: () => api.get<Counts>('/risk/points/counts', countQuery),
  });
  const open = (id: string | null) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        if (id) next.set('point', id);
        else next.delete('point');
        return next;
      },
      { replace: !id },
    );
  const p = r.points;

  const columns: TableColumnsType<RiskPointView> = [
    {
      title: p.name,
      dataIndex: 'name',
      sorter: true,
      sortOrder: list.sortOrder('name'),
      fixed: 'left',
      width: 180,
      render: (name: string, row) => (
        <div>
          <Typography.Link data-testid="risk-point-name">{name}</Typography.Link>
          <span className="risk-cell-sub">{[row.location, row.activity].filter(Boolean).join(' · ') || '—'}</span>
        </div>
      ),
    },
    ...(rights.isEnterprise
      ? []
      : [
          {
            title: p.enterprise,
            dataIndex: 'enterpriseName',
            width: 170,
            ellipsis: true,
          } as const,
        ]),
    {
      title: p.level,
      dataIndex: 'level',
      width: 92,
      render: (v: RiskPointView['level']) => <LevelTag level={v} />,
    },
    {
      title: p.score,
      dataIndex: 'score',
      sorter: true,
      sortOrder: list.sortOrder('score'),
      width: 92,
      align: 'right',
      render: (v: number, row) => (
        <span>
          <span className="risk-cell-sub">{row.method}</span>
          <Typography.Text strong>{formatScore(v)}</Typography.Text>
        </span>
      ),
    },
    { title: p.tier, dataIndex: 'controlTier', width: 76, render: (v: string) => l(TIER_LABELS, v) },
    { title: p.responsible, dataIndex: 'responsiblePerson', width: 84, ellipsis: true },
    {
      title: p.nextReview,
      dataIndex: 'nextReviewDate',
      sorter: true,
      sortOrder: list.sortOrder('nextReviewDate'),
      width: 170,
      render: (v: string | null, row) => <DueText date={v} due={row.reviewDue} />,
    },
    {
      title: p.reviewStatus,
      dataIndex: 'reviewStatus',
      width: 84,
      render: (v: string) => <ReviewTag status={v} />,
    },
    {
      title: p.openHazards,
      dataIndex: 'openHazards',
      width: 90,
      align: 'right',
      render: (v: number) => (v > 0 ? <Typography.Text type="danger">{v}</Typography.Text> : 0),
    },
    {
      title: p.updatedAt,
      dataIndex: 'updatedAt',
      sorter: true,
      sortOrder: list.sortOrder('updatedAt'),
      width: 150,
      // Only on wide screens: the other columns fit a 1440 px screen (≤ 1,080 px of table) without scrolling.
      responsive: ['xxl'],
      render: (v: string) => formatTime(v),
    },
  ];
  const width = columns
    .filter((c) => !c.responsive)
    .reduce((sum, c) => sum + (typeof c.width === 'number' ? c.width : 120), 0);
  const pagination = list.pagination(page.data?.total, t.common.total);

  return (
    <PageContainer
      title={rights.isEnterprise ? t.menu.myRiskPoints : t.menu.riskPoints}
      extra={
        <Flex gap={8} wrap justify="flex-end">
          {rights.import && (
            <Button icon={<ImportOutlined />} onClick={() => setImporting(true)} data-testid="risk-import">
              {p.import}
            </Button>
          )}
          <RiskExportButton filters={list.filters} />
          {rights.write && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="risk-add">
              {p.add}
            </Button>
          )}
        </Flex>
      }
    >
      <RiskCounts counts={counts.data} filters={list.filters} onPick={list.setFilters} />
      <RiskPointFilters filters={list.filters} onChange={list.setFilters} showEnterprise={!rights.isEnterprise} />
      {page.isError ? (
        <Card>
          <QueryError error={page.error} onRetry={() => void page.refetch()} />
        </Card>
      ) : mobile ? (
        // Phones: a card per point instead of a wide table.
        <Spin spinning={page.isFetching}>
          <div className="risk-cards" data-testid="risk-cards">
            {page.data?.items.length === 0 && <Empty description={p.empty} />}
            {page.data?.items.map((row) => (
              <PointCard key={row.id} point={row} showEnterprise={!rights.isEnterprise} onOpen={() => open(row.id)} />
            ))}
            {(page.data?.total ?? 0) > 0 && (
              <Pagination
                simple
                align="center"
                current={pagination.current}
                pageSize={pagination.pageSize}
                total={pagination.total}
                onChange={(current, pageSize) =>
                  list.onChange?.({ current, pageSize }, {}, [], { action: 'paginate', currentDataSource: [] })
                }
              />
            )}
          </div>
        </Spin>
      ) : (
        <Card>
          <Table<RiskPointView>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={page.data?.items}
            loading={page.isFetching}
            pagination={pagination}
            onChange={list.onChange}
            onRow={(row) => ({ onClick: () => open(row.id), className: 'risk-row' })}
            scroll={{ x: width }}
            locale={{ emptyText: <Empty description={p.empty} /> }}
            data-testid="risk-table"
          />
        </Card>
      )}
      <RiskPointDetailDrawer id={openId} onClose={() => open(null)} />
      <RiskPointFormDrawer
        open={creating}
        point={null}
        onClose={() => setCreating(false)}
        onSaved={(detail) => {
          setCreating(false);
          open(detail.id);
        }}
      />
      <RiskImportModal open={importing} onClose={() => setImporting(false)} />
    </PageContainer>
  );
}

/** Figures above the list; the ones that are work to do filter the list when clicked. */
function RiskCounts({
  counts,
  filters,
  onPick,
}: {
  counts: Counts | undefined;
  filters: RiskPointFilterValues;
  onPick: (f: RiskPointFilterValues) => void;
}) {
  const { r } = useRiskText();
  const c = r.points.counts;
  const items: { key: string; title: string; value: number; filter?: RiskPointFilterValues; color?: string }[] = [
    { key: 'total', title: c.total, value: counts?.total ?? 0 },
    {
      key: 'pending',
      title: c.pending,
      value: counts?.pendingReview ?? 0,
      filter: { reviewStatus: 'pending' },
      color: '#d48806',
    },
    {
      key: 'returned',
      title: c.returned,
      value: counts?.returned ?? 0,
      filter: { reviewStatus: 'returned' },
      color: '#cf1322',
    },
    { key: 'dueSoon', title: c.dueSoon, value: counts?.dueSoon ?? 0, filter: { due: 'dueSoon' }, color: '#d46b08' },
    { key: 'overdue', title: c.overdue, value: counts?.overdue ?? 0, filter: { due: 'overdue' }, color: '#cf1322' },
  ];
  return (
    <Row gutter={[12, 12]} data-testid="risk-counts">
      {items.map((i) => {
        const active = i.filter && Object.entries(i.filter).every(([k, v]) => filters[k] === v);
        return (
          <Col key={i.key} flex="1 1 160px">
            <Card
              size="small"
              hoverable={Boolean(i.filter)}
              className={`risk-count${active ? ' is-active' : ''}`}
              onClick={() =>
                i.filter && onPick(active ? { enterpriseId: filters.enterpriseId } : { ...filters, ...i.filter })
              }
              data-testid={`risk-count-${i.key}`}
            >
              <Statistic
                title={i.title}
                value={i.value}
                styles={i.color && i.value > 0 ? { content: { color: i.color } } : undefined}
              />
            </Card>
          </Col>
        );
      })}
    </Row>
  );
}

function PointCard({
  point,
  showEnterprise,
  onOpen,
}: {
  point: RiskPointView;
  showEnterprise: boolean;
  onOpen: () => void;
}) {
  const { r } = useRiskText();
  return (
    <Card size="small" hoverable onClick={onOpen} className="risk-card" data-testid="risk-card">
      <div className="risk-card-head">
        <Typography.Text strong>{point.name}</Typography.Text>
        <LevelTag level={point.level} />
      </div>
      {showEnterprise && <div className="risk-cell-sub">{point.enterpriseName}</div>}
      <div className="risk-cell-sub">{[point.location, point.activity].filter(Boolean).join(' · ') || '—'}</div>
      <div className="risk-card-head">
        <span>
          {point.method} <Typography.Text strong>{formatScore(point.score)}</Typography.Text>
          {point.openHazards > 0 && (
            <Typography.Text type="danger">
              {' '}
              · {r.points.openHazards} {point.openHazards}
            </Typography.Text>
          )}
        </span>
        <ReviewTag status={point.reviewStatus} />
      </div>
      {point.nextReviewDate && (
        <div className="risk-cell-sub">
          {r.points.nextReview} <DueText date={point.nextReviewDate} due={point.reviewDue} />
        </div>
      )}
    </Card>
  );
}
