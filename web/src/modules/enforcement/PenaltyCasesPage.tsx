// 行政处罚案件: the register of penalty cases within the user's data scope (an enterprise its own), filtered by
// status, measure, enterprise, filing dates and text, with the fines' total, an Excel export of the filtered list,
// and — for the committee — 立案登记 and the forward-only status steps. A row opens the case (?case=<id>).
import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Flex,
  Input,
  Select,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import {
  PENALTY_MEASURE_LABELS,
  PENALTY_MEASURES,
  PENALTY_STATUS_LABELS,
  PENALTY_STATUSES,
} from '../../../../shared/src/enforcement';
import { api, type QueryParams } from '../../app/api';
import { useListState, useOpenParam } from '../../app/listState';
import { ListView } from '../../app/ui/ListView';
import { codeOptions } from '../../app/ui/options';
import { PageContainer } from '../../app/ui/PageContainer';
import { RecordDrawer } from '../../app/ui/RecordDrawer';
import { useIsMobile } from '../hazards/common';
import { EnterprisePicker } from '../hazards/pickers';
import {
  ExportButton,
  enforcementKeys,
  formatYuan,
  type PenaltyCase,
  type PenaltyCaseList,
  PenaltyStatusTag,
  useEnforcementRights,
} from './common';
import { PenaltyCaseFormDrawer } from './PenaltyCaseForm';
import { useEnforcementText } from './text';
import './enforcement.css';

export default function PenaltyCasesPage() {
  const { e, t, pf, l, lang } = useEnforcementText();
  const rights = useEnforcementRights();
  const mobile = useIsMobile();
  const list = useListState<PenaltyCase>({ sort: 'filedOn', order: 'desc' }, { url: { ignore: ['case'] } });
  const [openId, open] = useOpenParam('case');
  const [creating, setCreating] = useState(false);
  const page = useQuery({
    queryKey: enforcementKeys.penaltyList(list.query),
    queryFn: () => api.get<PenaltyCaseList>('/enforcement/penalty-cases', list.query),
    placeholderData: keepPreviousData,
  });
  const setFilter = (key: string, value: string | undefined) =>
    list.setFilters({ ...list.filters, [key]: value } as QueryParams);
  const measures = (row: PenaltyCase) => row.measures.map((m) => l(PENALTY_MEASURE_LABELS, m)).join('、');

  const columns: TableColumnsType<PenaltyCase> = [
    {
      title: pf('caseNo'),
      dataIndex: 'caseNo',
      width: 210,
      sorter: true,
      sortOrder: list.sortOrder('caseNo'),
      render: (v: string) => <Typography.Link>{v}</Typography.Link>,
    },
    ...(rights.isEnterprise
      ? []
      : [{ title: pf('enterpriseId'), dataIndex: 'enterpriseName', ellipsis: true, width: 200 } as const]),
    { title: pf('measures'), key: 'measures', width: 170, render: (_: unknown, row) => measures(row) },
    {
      title: pf('fineAmount'),
      dataIndex: 'fineAmount',
      width: 120,
      align: 'right',
      render: (v: number | null) => (v == null ? '—' : formatYuan(v)),
    },
    {
      title: pf('hazardIds'),
      key: 'hazards',
      width: 160,
      ellipsis: true,
      render: (_: unknown, row) => row.hazards.map((h) => h.serial).join('、') || '—',
    },
    {
      title: pf('filedOn'),
      dataIndex: 'filedOn',
      width: 110,
      sorter: true,
      sortOrder: list.sortOrder('filedOn'),
    },
    { title: pf('status'), dataIndex: 'status', width: 110, render: (v: string) => <PenaltyStatusTag status={v} /> },
  ];

  return (
    <PageContainer
      title={t.menu.penaltyCases}
      extra={
        <Flex gap={8} wrap>
          <ExportButton
            path="/enforcement/penalty-cases/export"
            query={list.query}
            fallback="行政处罚案件.xlsx"
            testId="penalty-export"
          />
          {rights.managePenalties && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setCreating(true)}
              data-testid="penalty-create"
            >
              {e.penalties.create}
            </Button>
          )}
        </Flex>
      }
    >
      <Card size="small" className="filter-card">
        <Flex gap={12} wrap vertical={mobile}>
          <Input.Search
            allowClear
            placeholder={e.penalties.search}
            style={{ width: mobile ? '100%' : 220 }}
            onSearch={(v) => setFilter('q', v.trim() || undefined)}
            data-testid="penalty-search"
          />
          {!rights.isEnterprise && (
            <EnterprisePicker
              placeholder={pf('enterpriseId')}
              style={{ width: mobile ? '100%' : 240 }}
              value={list.filters.enterpriseId as string | undefined}
              onChange={(id) => setFilter('enterpriseId', id)}
            />
          )}
          <Select
            allowClear
            placeholder={pf('status')}
            style={{ width: mobile ? '100%' : 140 }}
            value={list.filters.status as string | undefined}
            onChange={(v: string | undefined) => setFilter('status', v)}
            options={codeOptions(PENALTY_STATUSES, PENALTY_STATUS_LABELS, lang)}
            data-testid="penalty-filter-status"
          />
          <Select
            allowClear
            placeholder={pf('measures')}
            style={{ width: mobile ? '100%' : 170 }}
            value={list.filters.measure as string | undefined}
            onChange={(v: string | undefined) => setFilter('measure', v)}
            options={codeOptions(PENALTY_MEASURES, PENALTY_MEASURE_LABELS, lang)}
            data-testid="penalty-filter-measure"
          />
          <DatePicker.RangePicker
            allowEmpty={[true, true]}
            placeholder={e.penalties.filedRange}
            style={{ width: mobile ? '100%' : 260 }}
            value={[
              list.filters.filedFrom ? dayjs(String(list.filters.filedFrom)) : null,
              list.filters.filedTo ? dayjs(String(list.filters.filedTo)) : null,
            ]}
            onChange={(range: [Dayjs | null, Dayjs | null] | null) =>
              list.setFilters({
                ...list.filters,
                filedFrom: range?.[0]?.format('YYYY-MM-DD'),
                filedTo: range?.[1]?.format('YYYY-MM-DD'),
              })
            }
          />
        </Flex>
      </Card>
      <Flex justify="space-between" wrap className="enforcement-summary">
        <Typography.Text type="secondary">{t.common.total(page.data?.total ?? 0)}</Typography.Text>
        <Typography.Text strong data-testid="penalty-fine-total">
          {e.penalties.fineTotal(formatYuan(page.data?.fineTotal ?? 0))}
        </Typography.Text>
      </Flex>
      <ListView<PenaltyCase>
        page={page}
        list={list}
        mobile={mobile}
        columns={columns}
        card={(row) => (
          <Card key={row.id} size="small" hoverable className="enforcement-card" onClick={() => open(row.id)}>
            <div className="enforcement-card-head">
              <Typography.Text strong>{row.caseNo}</Typography.Text>
              <PenaltyStatusTag status={row.status} />
            </div>
            {!rights.isEnterprise && <div>{row.enterpriseName}</div>}
            <div className="enforcement-card-foot">
              <span>{measures(row)}</span>
              <span className="enforcement-hint">
                {row.fineAmount != null ? `${formatYuan(row.fineAmount)} ${e.penalties.yuan} · ` : ''}
                {row.filedOn}
              </span>
            </div>
          </Card>
        )}
        onOpen={(row) => open(row.id)}
        empty={e.penalties.empty}
        testId="penalty"
        width={rights.isEnterprise ? 780 : 990}
      />
      <PenaltyCaseDrawer id={openId} onClose={() => open(null)} />
      <PenaltyCaseFormDrawer open={creating} onClose={() => setCreating(false)} onSaved={(c) => open(c.id)} />
    </PageContainer>
  );
}

function PenaltyCaseDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { e } = useEnforcementText();
  return (
    <RecordDrawer<PenaltyCase>
      id={id}
      onClose={onClose}
      queryKey={enforcementKeys.penalty(id)}
      path={`/enforcement/penalty-cases/${id}`}
      title={(c) => c?.caseNo ?? e.penalties.detailTitle}
      width={760}
    >
      {(c) => <PenaltyCaseBody penalty={c} />}
    </RecordDrawer>
  );
}

export function PenaltyCaseBody({ penalty: c }: { penalty: PenaltyCase }) {
  const { e, pf, l } = useEnforcementText();
  const rights = useEnforcementRights();
  const mobile = useIsMobile();
  const [editing, setEditing] = useState(false);
  const text = (v: string | null | undefined) => v || '—';
  return (
    <Flex vertical gap={12} data-testid="penalty-detail">
      {rights.managePenalties &&
        (c.status === 'closed' ? (
          <Alert type="info" showIcon title={e.penalties.closedNote} />
        ) : (
          <Flex>
            <Button type="primary" onClick={() => setEditing(true)} block={mobile} data-testid="penalty-edit">
              {e.penalties.edit}
            </Button>
          </Flex>
        ))}
      <Descriptions
        size="small"
        bordered={!mobile}
        column={mobile ? 1 : 2}
        items={[
          { key: 'caseNo', label: pf('caseNo'), children: c.caseNo },
          { key: 'status', label: pf('status'), children: <PenaltyStatusTag status={c.status} /> },
          { key: 'enterprise', label: pf('enterpriseId'), children: c.enterpriseName, span: mobile ? 1 : 2 },
          {
            key: 'measures',
            label: pf('measures'),
            children: c.measures.map((m) => <Tag key={m}>{l(PENALTY_MEASURE_LABELS, m)}</Tag>),
          },
          {
            key: 'fine',
            label: pf('fineAmount'),
            children: c.fineAmount == null ? '—' : `${formatYuan(c.fineAmount)} ${e.penalties.yuan}`,
          },
          { key: 'legalBasis', label: pf('legalBasis'), children: c.legalBasis, span: mobile ? 1 : 2 },
          { key: 'filedOn', label: pf('filedOn'), children: c.filedOn },
          { key: 'decidedOn', label: pf('decidedOn'), children: text(c.decidedOn) },
          { key: 'executedOn', label: pf('executedOn'), children: text(c.executedOn) },
          { key: 'closedOn', label: pf('closedOn'), children: text(c.closedOn) },
          {
            key: 'hazards',
            label: pf('hazardIds'),
            span: mobile ? 1 : 2,
            children: c.hazards.length ? (
              <Flex vertical gap={4}>
                {c.hazards.map((h) => (
                  <Link key={h.id} to={`/hazards?hazard=${h.id}`} data-testid="penalty-hazard-link">
                    {h.serial} {h.description}
                  </Link>
                ))}
              </Flex>
            ) : (
              '—'
            ),
          },
          { key: 'note', label: pf('note'), children: text(c.note), span: mobile ? 1 : 2 },
        ]}
      />
      <PenaltyCaseFormDrawer open={editing} onClose={() => setEditing(false)} editing={c} />
    </Flex>
  );
}
