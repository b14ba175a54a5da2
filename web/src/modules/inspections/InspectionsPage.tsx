// 检查记录: the inspections in the user's data scope (an enterprise sees its own, including its self-inspections),
// each with the inspectors counted (人次) and the hazards it found (处). A row opens the record (?inspection=<id>) with
// its hazards, from where the rectification notice for the inspection is issued.
import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  Button,
  Card,
  DatePicker,
  Descriptions,
  Flex,
  Select,
  Spin,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import type { z } from 'zod';
import { INSPECTION_KINDS, type InspectionView } from '../../../../shared/src/campaigns';
import { api, type Page, type QueryParams } from '../../app/api';
import { useListState, useOpenParam } from '../../app/listState';
import { formatTime } from '../../app/time';
import { ListView } from '../../app/ui/ListView';
import { codeOptions } from '../../app/ui/options';
import { PageContainer } from '../../app/ui/PageContainer';
import { RecordDrawer } from '../../app/ui/RecordDrawer';
import { CampaignFilter } from '../campaigns/CampaignFilter';
import { refLabel } from '../checklists/common';
import { GradeTag, HazardMarks, type HazardView, useHazardRights, useIsMobile } from '../hazards/common';
import { DocumentButton } from '../hazards/DocumentButton';
import { HAZARD_DOMAIN_LABELS } from '../hazards/labels';
import { EnterprisePicker } from '../hazards/pickers';
import '../hazards/hazards.css';
import { type Inspection, InspectionFormDrawer } from './InspectionForm';
import { InspectionResults, InspectionSignatures } from './InspectionResults';
import { INSPECTION_KIND_LABELS, useInspectionText } from './text';
import './inspections.css';

type InspectionRow = z.infer<typeof InspectionView>;

const INSPECTION_DEFAULTS = { order: 'desc' } as const;

export default function InspectionsPage() {
  const { x, t, l, lang } = useInspectionText();
  const rights = useHazardRights();
  const mobile = useIsMobile();
  // Filters and page live in the address (a link such as a campaign's ?campaignId=… opens the filtered list).
  const list = useListState<InspectionRow>(INSPECTION_DEFAULTS, { url: { ignore: ['inspection'] } });
  const [creating, setCreating] = useState(false);
  const [openId, open] = useOpenParam('inspection');
  const page = useQuery({
    queryKey: ['inspections', 'list', list.query],
    queryFn: () => api.get<Page<InspectionRow>>('/inspections', list.query),
    placeholderData: keepPreviousData,
  });
  const setFilter = (key: string, value: string | undefined) =>
    list.setFilters({ ...list.filters, [key]: value } as QueryParams);

  const columns: TableColumnsType<InspectionRow> = [
    { title: x.inspectedOn, dataIndex: 'inspectedOn', width: 100 },
    ...(rights.isEnterprise
      ? []
      : [{ title: x.enterprise, dataIndex: 'enterpriseName', ellipsis: true, width: 190 } as const]),
    {
      title: x.kind,
      dataIndex: 'kind',
      width: 110,
      render: (v: string) => <Tag>{l(INSPECTION_KIND_LABELS, v)}</Tag>,
    },
    {
      title: x.campaign,
      dataIndex: 'campaignName',
      ellipsis: true,
      width: 160,
      render: (v: string | null) => v ?? '—',
    },
    {
      title: x.inspectors,
      dataIndex: 'inspectors',
      ellipsis: true,
      width: 120,
      render: (v: string[]) => v.join('、') || '—',
    },
    {
      title: x.domains,
      dataIndex: 'domains',
      width: 140,
      ellipsis: true,
      render: (v: string[]) => v.map((d) => l(HAZARD_DOMAIN_LABELS, d)).join('、'),
    },
    {
      title: t.record.checklist,
      key: 'checklist',
      width: 160,
      render: (_: unknown, row: InspectionRow) =>
        row.checklist ? (
          <div className="hazard-cell-text">
            <div className="hazard-ellipsis" title={row.checklist.name}>
              {row.checklist.name}
            </div>
            {row.resultCounts && (
              <span className="hazard-hint">
                {t.record.resultCounts(row.resultCounts.pass, row.resultCounts.fail, row.resultCounts.na)}
              </span>
            )}
          </div>
        ) : (
          '—'
        ),
    },
    {
      title: x.hazards,
      dataIndex: 'hazardCount',
      width: 76,
      align: 'right',
      render: (n: number) => (n ? <Typography.Text strong>{x.hazardCount(n)}</Typography.Text> : '—'),
    },
  ];

  return (
    <PageContainer
      title={t.menu.inspections}
      extra={
        rights.create && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setCreating(true)}
            data-testid="inspection-create"
          >
            {rights.isEnterprise ? x.selfCreate : x.create}
          </Button>
        )
      }
    >
      <Card size="small" className="filter-card">
        <Flex gap={12} wrap vertical={mobile}>
          {!rights.isEnterprise && (
            <EnterprisePicker
              placeholder={x.enterprise}
              style={{ width: mobile ? '100%' : 260 }}
              value={list.filters.enterpriseId as string | undefined}
              onChange={(id) => setFilter('enterpriseId', id)}
            />
          )}
          <Select
            allowClear
            placeholder={x.kind}
            style={{ width: mobile ? '100%' : 150 }}
            value={list.filters.kind as string | undefined}
            onChange={(v: string | undefined) => setFilter('kind', v)}
            options={codeOptions(INSPECTION_KINDS, INSPECTION_KIND_LABELS, lang)}
          />
          {!rights.isEnterprise && (
            <CampaignFilter
              placeholder={x.campaign}
              style={{ width: mobile ? '100%' : 220 }}
              value={list.filters.campaignId as string | undefined}
              onChange={(id) => setFilter('campaignId', id)}
            />
          )}
          {/* Set by the dashboard's 家次/人次 links: the inspections enterprises received, 企业自查 aside. */}
          {list.filters.supervisory === 'true' && (
            <Tag closable onClose={() => setFilter('supervisory', undefined)} data-testid="filter-supervisory">
              {lang === 'en' ? 'Excluding self-inspections' : '不含企业自查'}
            </Tag>
          )}
          <DatePicker.RangePicker
            allowEmpty={[true, true]}
            placeholder={[x.from, x.to]}
            style={{ width: mobile ? '100%' : 260 }}
            value={[
              list.filters.from ? dayjs(String(list.filters.from)) : null,
              list.filters.to ? dayjs(String(list.filters.to)) : null,
            ]}
            onChange={(range: [Dayjs | null, Dayjs | null] | null) =>
              list.setFilters({
                ...list.filters,
                from: range?.[0]?.format('YYYY-MM-DD'),
                to: range?.[1]?.format('YYYY-MM-DD'),
              })
            }
          />
        </Flex>
      </Card>
      <ListView<InspectionRow>
        page={page}
        list={list}
        mobile={mobile}
        columns={columns}
        card={(row) => (
          <Card key={row.id} size="small" hoverable className="hazard-card" onClick={() => open(row.id)}>
            <div className="hazard-card-head">
              <Typography.Text strong>{row.inspectedOn}</Typography.Text>
              <Tag>{l(INSPECTION_KIND_LABELS, row.kind)}</Tag>
            </div>
            {!rights.isEnterprise && <div className="hazard-card-desc">{row.enterpriseName}</div>}
            <div className="hazard-card-foot">
              <span className="hazard-hint">{row.inspectors.join('、')}</span>
              <span>{row.hazardCount ? x.hazardCount(row.hazardCount) : x.noHazards}</span>
            </div>
          </Card>
        )}
        onOpen={(row) => open(row.id)}
        empty={x.empty}
        testId="inspection"
        // The columns' widths: a 1440 px screen (with its scroll bar) shows every column without scrolling.
        width={rights.isEnterprise ? 866 : 1056}
      />
      <InspectionDrawer id={openId} onClose={() => open(null)} />
      <InspectionFormDrawer
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(inspection) => {
          setCreating(false);
          open(inspection.id);
        }}
      />
    </PageContainer>
  );
}

function InspectionDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { x } = useInspectionText();
  return (
    <RecordDrawer<Inspection>
      id={id}
      onClose={onClose}
      queryKey={['inspections', 'detail', id]}
      path={`/inspections/${id}`}
      title={() => x.detailTitle}
      width={820}
    >
      {(inspection) => <InspectionBody inspection={inspection} />}
    </RecordDrawer>
  );
}

function InspectionBody({ inspection }: { inspection: Inspection }) {
  const { x, l, t } = useInspectionText();
  const rights = useHazardRights();
  const mobile = useIsMobile();
  const hazards = useQuery({
    queryKey: ['hazards', 'list', { inspection: inspection.id }],
    queryFn: () =>
      api.get<Page<HazardView>>('/hazards', {
        inspectionId: inspection.id,
        pageSize: 100,
        sort: 'serial',
        order: 'asc',
      }),
    select: (p) => p.items,
  });
  const open = (hazards.data ?? []).some((hz) => hz.status !== 'closed');

  return (
    <div className="hazard-detail" data-testid="inspection-detail">
      <Descriptions
        size="small"
        bordered={!mobile}
        column={mobile ? 1 : 2}
        items={[
          { key: 'enterprise', label: x.enterprise, children: inspection.enterpriseName, span: mobile ? 1 : 2 },
          { key: 'date', label: x.inspectedOn, children: inspection.inspectedOn },
          { key: 'kind', label: x.kind, children: l(INSPECTION_KIND_LABELS, inspection.kind) },
          { key: 'campaign', label: x.campaign, children: inspection.campaignName ?? '—', span: mobile ? 1 : 2 },
          {
            key: 'inspectors',
            label: x.inspectors,
            children: `${inspection.inspectors.join('、')}（${x.inspectorCount(inspection.inspectorCount)}）`,
            span: mobile ? 1 : 2,
          },
          {
            key: 'domains',
            label: x.domains,
            children: inspection.domains.map((d) => l(HAZARD_DOMAIN_LABELS, d)).join('、'),
          },
          { key: 'signer', label: x.signer, children: inspection.enterpriseSigner ?? '—' },
          {
            // Who entered it (not counted in 人次 unless named among the inspectors), and when.
            key: 'recordedBy',
            label: x.recordedBy,
            children: inspection.recordedByName
              ? x.recordedByValue(inspection.recordedByName, formatTime(inspection.createdAt))
              : formatTime(inspection.createdAt),
            span: mobile ? 1 : 2,
          },
          ...(inspection.checklist
            ? [
                {
                  key: 'checklist',
                  label: t.record.checklist,
                  children: (
                    <span>
                      <Link to={`/checklists?checklist=${inspection.checklist.id}`}>
                        {refLabel(inspection.checklist, t.checklist.versionN)}
                      </Link>
                      {inspection.resultCounts && (
                        <div className="hazard-hint" data-testid="inspection-result-counts">
                          {t.record.resultCounts(
                            inspection.resultCounts.pass,
                            inspection.resultCounts.fail,
                            inspection.resultCounts.na,
                          )}
                        </div>
                      )}
                    </span>
                  ),
                  span: mobile ? 1 : 2,
                },
              ]
            : []),
          { key: 'summary', label: x.summary, children: inspection.summary ?? '—', span: mobile ? 1 : 2 },
          { key: 'createdAt', label: x.createdAt, children: formatTime(inspection.createdAt), span: mobile ? 1 : 2 },
        ]}
      />
      {inspection.checklist && <InspectionResults inspection={inspection} />}
      <Card
        size="small"
        title={`${x.hazards}（${x.hazardCount(inspection.hazardCount)}）`}
        extra={
          rights.documents &&
          open && (
            <span title={x.noticeHint}>
              <DocumentButton
                label={x.notice}
                path="/documents/rectification-notice"
                body={{ enterpriseId: inspection.enterpriseId, inspectionId: inspection.id }}
                testId="inspection-notice"
                savedText={x.noticeSaved}
              />
            </span>
          )
        }
      >
        {hazards.isPending ? (
          <Spin />
        ) : (hazards.data ?? []).length === 0 ? (
          <Typography.Text type="secondary">{x.noHazards}</Typography.Text>
        ) : (
          <Flex vertical gap={8}>
            {(hazards.data ?? []).map((hz) => (
              <Link key={hz.id} to={`/hazards?hazard=${hz.id}`} className="inspection-hazard-link">
                <Flex justify="space-between" gap={8} wrap>
                  <span>
                    <span className="hazard-serial">{hz.serial}</span> <GradeTag grade={hz.grade} /> {hz.description}
                  </span>
                  <HazardMarks hazard={hz} />
                </Flex>
              </Link>
            ))}
          </Flex>
        )}
      </Card>
      <InspectionSignatures inspection={inspection} />
    </div>
  );
}
