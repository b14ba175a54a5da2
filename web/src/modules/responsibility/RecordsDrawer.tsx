// The records a computed assessment figure counted: the figure's link names the console list and its filters (e.g.
// /hazards?enterpriseId=…&foundFrom=…&grade=major). The lists whose rows the drawer shows are read from their own
// endpoint within the reader's scope; every link also opens its list page, filters included.
import { useQuery } from '@tanstack/react-query';
import { Button, Drawer, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { api, type Page } from '../../app/api';
import { useI18n } from '../../app/i18n';
import { formatTime } from '../../app/time';
import { useAccidentsText } from '../accidents/text';
import { PenaltyStatusTag } from '../enforcement/common';
import { StatusTag, useIsMobile } from '../hazards/common';
import { RISK_LEVEL_LABELS } from '../risk/labels';
import { useResponsibilityText } from './text';

interface Row {
  id: string;
  serial?: string;
  description?: string;
  status?: string;
  foundOn?: string;
  inspectedOn?: string;
  kind?: string;
  enterpriseName?: string;
  name?: string;
  level?: string;
  nextReviewDate?: string | null;
  reviewDue?: string;
  occurredAt?: string;
  accidentType?: string;
  caseNo?: string;
  filedOn?: string;
}

type Kind = 'hazards' | 'inspections' | 'riskPoints' | 'accidents' | 'penalties';

/**
 * Console list path → the kind of rows and the endpoint that lists them (the same filters). `page: false`: that list
 * page keeps its filters in memory, not in the address, so the drawer's rows are the records and no page is offered.
 */
const LISTS: Record<string, { kind: Kind; endpoint: string; page?: false }> = {
  '/hazards': { kind: 'hazards', endpoint: '/hazards' },
  '/inspections': { kind: 'inspections', endpoint: '/inspections' },
  '/risk/points': { kind: 'riskPoints', endpoint: '/risk/points', page: false },
  '/accidents': { kind: 'accidents', endpoint: '/accidents' },
  '/enforcement/penalties': { kind: 'penalties', endpoint: '/enforcement/penalty-cases' },
};

export function RecordsDrawer({
  target,
  onClose,
}: {
  target: { title: string; link: string } | null;
  onClose: () => void;
}) {
  const mobile = useIsMobile();
  const t = useResponsibilityText();
  const a = useAccidentsText();
  const { l } = useI18n();
  const navigate = useNavigate();
  const [path, search] = (target?.link ?? '').split('?');
  const params = Object.fromEntries(new URLSearchParams(search ?? ''));
  const list = path ? LISTS[path] : undefined;
  const kind = list?.kind ?? null;
  const records = useQuery({
    queryKey: ['responsibility', 'records', target?.link],
    queryFn: () => api.get<Page<Row>>(list!.endpoint, { ...params, pageSize: 100 }),
    enabled: !!target && !!list,
  });
  // Self-inspections are not inspections received.
  const rows = (records.data?.items ?? []).filter((r) => kind !== 'inspections' || r.kind !== 'selfInspection');
  const r = t.records;
  const columns: Record<Kind, TableColumnsType<Row>> = {
    hazards: [
      { title: r.serial, dataIndex: 'serial', width: 130 },
      { title: r.description, dataIndex: 'description' },
      { title: r.foundOn, dataIndex: 'foundOn', width: 110 },
      { title: t.common.status, dataIndex: 'status', width: 90, render: (s: string) => <StatusTag status={s} /> },
    ],
    inspections: [
      { title: r.inspectedOn, dataIndex: 'inspectedOn', width: 120 },
      { title: t.common.enterprise, dataIndex: 'enterpriseName' },
    ],
    riskPoints: [
      { title: r.riskPoint, dataIndex: 'name' },
      { title: r.riskLevel, dataIndex: 'level', width: 100, render: (v: string) => l(RISK_LEVEL_LABELS, v) },
      {
        title: r.nextReviewDate,
        dataIndex: 'nextReviewDate',
        width: 150,
        render: (v: string | null, row) => (
          <>
            {v ?? '—'}
            {row.reviewDue === 'overdue' && (
              <Tag color="red" style={{ marginLeft: 6 }}>
                {r.overdue}
              </Tag>
            )}
          </>
        ),
      },
    ],
    accidents: [
      { title: r.serial, dataIndex: 'serial', width: 120 },
      { title: r.occurredAt, dataIndex: 'occurredAt', width: 150, render: (v: string) => formatTime(v) },
      {
        title: r.accidentType,
        dataIndex: 'accidentType',
        render: (v: Parameters<typeof a.typeName>[0]) => a.typeName(v),
      },
      {
        title: r.level,
        dataIndex: 'level',
        width: 110,
        render: (v: Parameters<typeof a.levelName>[0]) => a.levelName(v),
      },
    ],
    penalties: [
      { title: r.caseNo, dataIndex: 'caseNo', width: 170 },
      { title: r.filedOn, dataIndex: 'filedOn', width: 110 },
      {
        title: t.common.status,
        dataIndex: 'status',
        width: 100,
        render: (s: string) => <PenaltyStatusTag status={s} />,
      },
    ],
  };
  return (
    <Drawer
      open={!!target}
      onClose={onClose}
      width={mobile ? '100%' : 720}
      title={target?.title}
      destroyOnHidden
      extra={
        target?.link &&
        list?.page !== false && (
          <Button
            size="small"
            onClick={() => {
              onClose();
              navigate(target.link);
            }}
            data-testid="records-open-list"
          >
            {r.openList}
          </Button>
        )
      }
    >
      {kind && (
        <Table<Row>
          rowKey="id"
          size="small"
          loading={records.isFetching}
          dataSource={rows}
          pagination={false}
          data-testid="records-table"
          scroll={{ x: 'max-content' }}
          columns={columns[kind]}
        />
      )}
      {!kind && <Typography.Text type="secondary">{r.elsewhere}</Typography.Text>}
      {kind && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
          {r.count(rows.length, (records.data?.total ?? 0) > 100)}
        </Typography.Paragraph>
      )}
    </Drawer>
  );
}
