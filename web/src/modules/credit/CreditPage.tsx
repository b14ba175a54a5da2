// The park's enterprises by credit: grade counts, filters by grade and risk level, sorted by score or grade; an
// enterprise opens in a drawer with its score and why (?enterprise=<id>).
import { CalculatorOutlined, SettingOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Drawer, Form, Grid, Input, Segmented, Select, Space, type TableColumnsType } from 'antd';
import { Link } from 'react-router-dom';
import type { z } from 'zod';
import { CREDIT_GRADES, type CreditDetail, type CreditGrade, type CreditListItem } from '../../../../shared/src/credit';
import { RISK_LEVELS, type RiskLevel } from '../../../../shared/src/risk-levels';
import { api, type Page } from '../../app/api';
import { useMe } from '../../app/auth';
import { useShowError } from '../../app/forms';
import { useI18n } from '../../app/i18n';
import { useListState, useOpenParam } from '../../app/listState';
import { FilterBar } from '../../app/ui/FilterBar';
import { ListView } from '../../app/ui/ListView';
import { PageContainer } from '../../app/ui/PageContainer';
import { PageLoading } from '../../app/ui/PageLoading';
import { QueryError } from '../../app/ui/QueryError';
import { CreditDetailView } from './CreditDetailView';
import { GradeTag } from './common';
import { useCreditText } from './text';

type Item = z.infer<typeof CreditListItem>;
type Row = Item & { id: string };
type CreditPageData = Page<Item> & { gradeCounts: Record<CreditGrade, number> };
type Filters = { q?: string; grade?: CreditGrade; riskLevel?: RiskLevel };

export default function CreditPage() {
  const { t } = useI18n();
  const { credit: c, riskName } = useCreditText();
  const me = useMe();
  const { message } = App.useApp();
  const mobile = Grid.useBreakpoint().md === false;
  const list = useListState<Row, Filters>({ sort: 'score', order: 'asc' });
  const [openId, open] = useOpenParam('enterprise');
  const queryClient = useQueryClient();
  const showError = useShowError();
  const page = useQuery({
    queryKey: ['credit', 'list', list.query],
    queryFn: async () => {
      const p = await api.get<CreditPageData>('/credit/enterprises', list.query);
      return { ...p, items: p.items.map((i) => ({ ...i, id: i.enterpriseId })) };
    },
    placeholderData: keepPreviousData,
  });
  const detail = useQuery({
    queryKey: ['credit', 'detail', openId],
    queryFn: () => api.get<CreditDetail>(`/credit/enterprises/${openId}`),
    enabled: Boolean(openId),
  });
  const recompute = useMutation({
    mutationFn: () => api.post<{ enterprises: number; ms: number }>('/credit/recompute'),
    onSuccess: (r) => {
      message.success(c.recomputed(r.enterprises, r.ms));
      void queryClient.invalidateQueries({ queryKey: ['credit'] });
    },
    onError: showError,
  });
  const canManage = me.role === 'admin' || me.role === 'supervisor';
  const counts = page.data?.gradeCounts;
  const grade = list.filters.grade;

  const columns: TableColumnsType<Row> = [
    { title: c.enterprise, dataIndex: 'enterpriseName', sorter: true, sortOrder: list.sortOrder('enterpriseName') },
    { title: c.area, dataIndex: 'area', width: 110, render: (v: string | null) => v ?? '—' },
    {
      title: c.riskLevel,
      dataIndex: 'riskLevel',
      width: 90,
      render: (v: RiskLevel | null) => (v ? riskName(v) : c.unrated),
    },
    {
      title: c.score,
      dataIndex: 'score',
      key: 'score',
      width: 90,
      align: 'right',
      sorter: true,
      sortOrder: list.sortOrder('score'),
    },
    {
      title: c.grade,
      dataIndex: 'grade',
      key: 'grade',
      width: 90,
      sorter: true,
      sortOrder: list.sortOrder('grade'),
      render: (g: CreditGrade) => <GradeTag grade={g} />,
    },
    { title: c.required, dataIndex: 'requiredPerYear', width: 120, render: (n: number) => c.perYear(n) },
  ];

  return (
    <PageContainer
      title={t.menu.credit}
      extra={
        <Space wrap>
          <Link to="/credit/rules">
            <Button icon={<SettingOutlined />}>{c.rules}</Button>
          </Link>
          {canManage && (
            <Button
              icon={<CalculatorOutlined />}
              loading={recompute.isPending}
              onClick={() => recompute.mutate()}
              data-testid="credit-recompute"
            >
              {c.recompute}
            </Button>
          )}
        </Space>
      }
    >
      <Card size="small" className="filter-card">
        <Segmented<string>
          data-testid="credit-grade-strip"
          value={grade ?? 'all'}
          onChange={(v) => list.setFilters({ ...list.filters, grade: v === 'all' ? undefined : (v as CreditGrade) })}
          options={[
            { value: 'all', label: c.all },
            ...CREDIT_GRADES.map((g) => ({ value: g, label: `${g}${counts ? ` · ${counts[g]}` : ''}` })),
          ]}
        />
      </Card>
      <FilterBar<Filters> onSearch={(v) => list.setFilters({ ...v, grade })}>
        <Form.Item name="q">
          <Input allowClear placeholder={c.search} style={{ width: 220 }} />
        </Form.Item>
        <Form.Item name="riskLevel">
          <Select
            allowClear
            placeholder={c.riskLevel}
            style={{ width: 120 }}
            options={RISK_LEVELS.map((l) => ({ value: l, label: riskName(l) }))}
          />
        </Form.Item>
      </FilterBar>
      <ListView<Row>
        page={page}
        list={list}
        mobile={mobile}
        columns={columns}
        onOpen={(r) => open(r.enterpriseId)}
        empty={c.empty}
        testId="credit"
        width={800}
        card={(r) => (
          <Card
            key={r.id}
            size="small"
            className="list-card"
            onClick={() => open(r.enterpriseId)}
            data-testid="credit-card"
          >
            <Space style={{ justifyContent: 'space-between', width: '100%' }}>
              <strong>{r.enterpriseName}</strong>
              <GradeTag grade={r.grade} />
            </Space>
            <div>
              {c.score} {r.score} · {r.riskLevel ? riskName(r.riskLevel) : c.unrated} · {c.perYear(r.requiredPerYear)}
            </div>
          </Card>
        )}
      />
      <Drawer
        open={Boolean(openId)}
        onClose={() => open(null)}
        size={mobile ? '100%' : 820}
        title={detail.data?.enterpriseId === openId ? detail.data?.enterpriseName : c.events}
        destroyOnHidden
      >
        {detail.isError ? (
          <QueryError error={detail.error} onRetry={() => void detail.refetch()} />
        ) : detail.data && detail.data.enterpriseId === openId ? (
          <CreditDetailView detail={detail.data} canAdjust={canManage} />
        ) : (
          <PageLoading />
        )}
      </Drawer>
    </PageContainer>
  );
}
