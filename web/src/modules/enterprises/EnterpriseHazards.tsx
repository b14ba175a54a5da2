// The enterprise record's 隐患 and 检查记录 tabs and its hazard figures (未销号, 整改逾期, 重大). They read the same
// endpoints as the ledger and the inspections list (GET /api/hazards, /api/hazards/counts, /api/inspections with
// enterpriseId), so the server's data scope and rules are those of the lists; a row opens the record there.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, Flex, Segmented, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import type { z } from 'zod';
import type { InspectionView } from '../../../../shared/src/campaigns';
import { api, type Page, type QueryParams } from '../../app/api';
import { useListState } from '../../app/listState';
import { ListView } from '../../app/ui/ListView';
import {
  GradeTag,
  type HazardCountsView,
  HazardMarks,
  type HazardView,
  hazardKeys,
  useIsMobile,
} from '../hazards/common';
import { HazardDetailDrawer } from '../hazards/HazardDetail';
import { INSPECTION_KIND_LABELS, useInspectionText } from '../inspections/text';
import { useEnterpriseText } from './text';
import '../hazards/hazards.css';

type InspectionRow = z.infer<typeof InspectionView>;

const open = (c?: HazardCountsView) =>
  c ? c.total - (c.byStatus.find((s) => s.key === 'closed')?.count ?? 0) : undefined;

/** 未销号 / 整改逾期 / 重大 (open) hazards of one enterprise, from the ledger's counts. */
export function useEnterpriseHazardFigures(enterpriseId: string) {
  const all = useQuery({
    queryKey: hazardKeys.counts({ enterpriseId }),
    queryFn: () => api.get<HazardCountsView>('/hazards/counts', { enterpriseId }),
  });
  const major = useQuery({
    queryKey: hazardKeys.counts({ enterpriseId, grade: 'major' }),
    queryFn: () => api.get<HazardCountsView>('/hazards/counts', { enterpriseId, grade: 'major' }),
  });
  return { open: open(all.data), overdue: all.data?.overdue, major: open(major.data) };
}

/** The figures at the top of the record; each opens the 隐患 tab narrowed to it. */
export function EnterpriseHazardFigures({
  enterpriseId,
  onPick,
}: {
  enterpriseId: string;
  onPick: (view: HazardView_) => void;
}) {
  const { x } = useEnterpriseText();
  const f = useEnterpriseHazardFigures(enterpriseId);
  const figure = (key: HazardView_, label: string, n: number | undefined, danger: boolean) => (
    <button type="button" className="record-figure" onClick={() => onPick(key)} data-testid={`record-figure-${key}`}>
      <span className="record-meta-label">{label}</span>
      <Typography.Text strong type={danger && n ? 'danger' : undefined} className="record-figure-value">
        {n === undefined ? '…' : x.misc.hazardCount(n)}
      </Typography.Text>
    </button>
  );
  return (
    <div className="record-figures" data-testid="record-hazard-figures">
      {figure('open', x.detail.hazards.open, f.open, false)}
      {figure('overdue', x.detail.hazards.overdue, f.overdue, true)}
      {figure('major', x.detail.hazards.major, f.major, true)}
    </div>
  );
}

export type HazardView_ = 'all' | 'open' | 'overdue' | 'major';

const VIEW_FILTERS: Record<HazardView_, QueryParams> = {
  all: {},
  open: { open: 'true' },
  overdue: { overdue: 'true' },
  major: { grade: 'major', open: 'true' },
};

/** The enterprise's hazards as the ledger lists them (scope and order), narrowed by the chosen view. */
export function EnterpriseHazardsTab({ enterpriseId, view: initial }: { enterpriseId: string; view?: HazardView_ }) {
  const { x } = useEnterpriseText();
  const mobile = useIsMobile();
  const [view, setView] = useState<HazardView_>(initial ?? 'all');
  const [openId, setOpenId] = useState<string | null>(null);
  const list = useListState<HazardView>({ sort: 'foundOn', order: 'desc' });
  const query = { ...list.query, ...VIEW_FILTERS[view], enterpriseId };
  const page = useQuery({
    queryKey: hazardKeys.list(query),
    queryFn: () => api.get<Page<HazardView>>('/hazards', query),
    placeholderData: keepPreviousData,
  });
  const d = x.detail.hazards;
  const columns: TableColumnsType<HazardView> = [
    {
      title: d.serial,
      dataIndex: 'serial',
      width: 140,
      render: (v: string) => <Typography.Link className="hazard-serial">{v}</Typography.Link>,
    },
    { title: d.description, dataIndex: 'description', ellipsis: true },
    { title: d.grade, dataIndex: 'grade', width: 68, render: (v: string) => <GradeTag grade={v} /> },
    { title: d.status, key: 'status', width: 160, render: (_: unknown, row) => <HazardMarks hazard={row} /> },
    { title: d.foundOn, dataIndex: 'foundOn', width: 110 },
    {
      title: d.deadline,
      dataIndex: 'deadline',
      width: 110,
      render: (v: string | null, row) =>
        row.fixedOnSpot ? '—' : <Typography.Text type={row.overdue ? 'danger' : undefined}>{v ?? '—'}</Typography.Text>,
    },
    { title: d.responsible, dataIndex: 'responsiblePerson', width: 100, render: (v: string | null) => v ?? '—' },
  ];
  return (
    <Flex vertical gap={12} data-testid="record-hazards">
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Segmented<HazardView_>
          value={view}
          onChange={(v) => {
            setView(v);
            list.setPage(1, list.query.pageSize as number);
          }}
          options={[
            { value: 'all', label: d.all },
            { value: 'open', label: d.open },
            { value: 'overdue', label: d.overdue },
            { value: 'major', label: d.majorShort },
          ]}
          data-testid="record-hazard-view"
        />
        <Link to={`/hazards?enterpriseId=${enterpriseId}`}>{d.inLedger}</Link>
      </Flex>
      <ListView<HazardView>
        page={page}
        list={list}
        mobile={mobile}
        columns={columns}
        card={(row) => (
          <Card key={row.id} size="small" hoverable className="hazard-card" onClick={() => setOpenId(row.id)}>
            <div className="hazard-card-head">
              <Typography.Text strong className="hazard-serial">
                {row.serial}
              </Typography.Text>
              <GradeTag grade={row.grade} />
            </div>
            <div className="hazard-card-desc">{row.description}</div>
            <div className="hazard-card-foot">
              <HazardMarks hazard={row} />
              <Typography.Text type={row.overdue ? 'danger' : 'secondary'} className="hazard-hint">
                {row.deadline ?? row.foundOn}
              </Typography.Text>
            </div>
          </Card>
        )}
        onOpen={(row) => setOpenId(row.id)}
        empty={d.empty}
        testId="record-hazard"
        width={900}
      />
      <HazardDetailDrawer id={openId} onClose={() => setOpenId(null)} />
    </Flex>
  );
}

/** The enterprise's inspections as the inspections list shows them; a row opens the record there. */
export function EnterpriseInspectionsTab({ enterpriseId }: { enterpriseId: string }) {
  const { x: e } = useEnterpriseText();
  const { x, l } = useInspectionText();
  const mobile = useIsMobile();
  const list = useListState<InspectionRow>({ order: 'desc' });
  const query = { ...list.query, enterpriseId };
  const page = useQuery({
    queryKey: ['inspections', 'list', query],
    queryFn: () => api.get<Page<InspectionRow>>('/inspections', query),
    placeholderData: keepPreviousData,
  });
  const openRecord = (id: string) => `/inspections?inspection=${id}&enterpriseId=${enterpriseId}`;
  const columns: TableColumnsType<InspectionRow> = [
    {
      title: x.inspectedOn,
      dataIndex: 'inspectedOn',
      width: 110,
      render: (v: string, row) => <Link to={openRecord(row.id)}>{v}</Link>,
    },
    { title: x.kind, dataIndex: 'kind', width: 110, render: (v: string) => <Tag>{l(INSPECTION_KIND_LABELS, v)}</Tag> },
    { title: x.campaign, dataIndex: 'campaignName', ellipsis: true, render: (v: string | null) => v ?? '—' },
    {
      title: x.inspectors,
      dataIndex: 'inspectors',
      ellipsis: true,
      width: 160,
      render: (v: string[]) => v.join(e.misc.listSeparator) || '—',
    },
    {
      title: x.hazards,
      dataIndex: 'hazardCount',
      width: 90,
      align: 'right',
      render: (n: number) => (n ? e.misc.hazardCount(n) : '—'),
    },
  ];
  return (
    <Flex vertical gap={12} data-testid="record-inspections">
      <Flex justify="flex-end">
        <Link to={`/inspections?enterpriseId=${enterpriseId}`}>{e.detail.hazards.inInspections}</Link>
      </Flex>
      <ListView<InspectionRow>
        page={page}
        list={list}
        mobile={mobile}
        columns={columns}
        card={(row) => (
          <Link key={row.id} to={openRecord(row.id)}>
            <Card size="small" hoverable className="hazard-card">
              <div className="hazard-card-head">
                <Typography.Text strong>{row.inspectedOn}</Typography.Text>
                <Tag>{l(INSPECTION_KIND_LABELS, row.kind)}</Tag>
              </div>
              {row.campaignName && <div className="hazard-card-desc">{row.campaignName}</div>}
              <div className="hazard-card-foot">
                <span className="hazard-hint">{row.inspectors.join(e.misc.listSeparator)}</span>
                <span>{row.hazardCount ? e.misc.hazardCount(row.hazardCount) : x.noHazards}</span>
              </div>
            </Card>
          </Link>
        )}
        onOpen={() => undefined}
        empty={x.empty}
        testId="record-inspection"
        width={760}
      />
    </Flex>
  );
}
