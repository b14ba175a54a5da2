// 隐患台账: one filterable, server-paginated ledger of the hazards in the user's data scope (an enterprise sees only
// its own: the server filters). A row opens the hazard (?hazard=<id>, so a link to one hazard can be shared); on a
// phone the table becomes a list of cards. Supervisors, inspectors and enterprises record hazards from here.
import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Flex, type TableColumnsType, Typography } from 'antd';
import { useState } from 'react';
import { api, type Page } from '../../app/api';
import { useListState, useOpenParam } from '../../app/listState';
import { ListView } from '../../app/ui/ListView';
import { PageContainer } from '../../app/ui/PageContainer';
import { GradeTag, HazardMarks, type HazardView, hazardKeys, useHazardRights, useIsMobile } from './common';
import { HazardDetailDrawer } from './HazardDetail';
import { HazardExport } from './HazardExport';
import { HazardFilters, type LedgerFilters } from './HazardFilters';
import { HazardRegisterDrawer } from './HazardRegisterDrawer';
import { HazardStats } from './HazardStats';
import { HAZARD_CATEGORY_LABELS } from './labels';
import { useHazardText } from './text';
import './hazards.css';

export default function HazardLedgerPage() {
  const { h, t, l } = useHazardText();
  const rights = useHazardRights();
  const mobile = useIsMobile();
  const list = useListState<HazardView, LedgerFilters>({ sort: 'foundOn', order: 'desc' });
  const [registering, setRegistering] = useState(false);
  const [openId, open] = useOpenParam('hazard');
  const page = useQuery({
    queryKey: hazardKeys.list(list.query),
    queryFn: () => api.get<Page<HazardView>>('/hazards', list.query),
    placeholderData: keepPreviousData,
  });
  const g = h.ledger;

  const columns: TableColumnsType<HazardView> = [
    {
      title: g.serial,
      dataIndex: 'serial',
      sorter: true,
      sortOrder: list.sortOrder('serial'),
      width: 140,
      fixed: 'left',
      render: (serial: string) => (
        <Typography.Link className="hazard-serial" data-testid="hazard-serial-cell">
          {serial}
        </Typography.Link>
      ),
    },
    {
      title: g.description,
      dataIndex: 'description',
      ellipsis: true,
      render: (text: string, row) => (
        <div className="hazard-cell-text">
          <div className="hazard-ellipsis" title={text}>
            {text}
          </div>
          <Typography.Text type="secondary" className="hazard-hint">
            {[l(HAZARD_CATEGORY_LABELS, row.category), row.location].filter(Boolean).join(' · ')}
          </Typography.Text>
        </div>
      ),
    },
    ...(rights.isEnterprise
      ? []
      : [{ title: g.enterprise, dataIndex: 'enterpriseName', width: 190, ellipsis: true } as const]),
    { title: g.grade, dataIndex: 'grade', width: 68, render: (v: string) => <GradeTag grade={v} /> },
    { title: g.status, key: 'status', width: 160, render: (_: unknown, row) => <HazardMarks hazard={row} /> },
    { title: g.foundOn, dataIndex: 'foundOn', sorter: true, sortOrder: list.sortOrder('foundOn'), width: 110 },
    {
      title: g.deadline,
      dataIndex: 'deadline',
      sorter: true,
      sortOrder: list.sortOrder('deadline'),
      width: 110,
      render: (v: string | null, row) =>
        row.fixedOnSpot ? '—' : <Typography.Text type={row.overdue ? 'danger' : undefined}>{v ?? '—'}</Typography.Text>,
    },
    { title: g.responsible, dataIndex: 'responsiblePerson', width: 90, render: (v: string | null) => v ?? '—' },
  ];

  return (
    <PageContainer
      title={t.menu.hazards}
      extra={
        <Flex gap={8} wrap justify="flex-end">
          <HazardExport filters={list.filters} />
          {rights.create && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setRegistering(true)}
              data-testid="hazard-create"
            >
              {rights.isEnterprise ? h.ledger.selfRegister : g.register}
            </Button>
          )}
        </Flex>
      }
    >
      <HazardStats filters={list.filters} onPick={list.setFilters} />
      <HazardFilters filters={list.filters} onChange={list.setFilters} />
      <ListView<HazardView>
        page={page}
        list={list}
        mobile={mobile}
        columns={columns}
        card={(row) => (
          <HazardCard key={row.id} hazard={row} showEnterprise={!rights.isEnterprise} onOpen={() => open(row.id)} />
        )}
        onOpen={(row) => open(row.id)}
        empty={g.empty}
        testId="hazard"
        width={rights.isEnterprise ? 900 : 1100}
      />
      <HazardDetailDrawer id={openId} onClose={() => open(null)} />
      <HazardRegisterDrawer
        open={registering}
        onClose={() => setRegistering(false)}
        onCreated={(detail) => {
          setRegistering(false);
          open(detail.id);
        }}
      />
    </PageContainer>
  );
}

function HazardCard({
  hazard,
  showEnterprise,
  onOpen,
}: {
  hazard: HazardView;
  showEnterprise: boolean;
  onOpen: () => void;
}) {
  const { h } = useHazardText();
  return (
    <Card size="small" hoverable onClick={onOpen} className="hazard-card" data-testid="hazard-card">
      <div className="hazard-card-head">
        <Typography.Text strong className="hazard-serial">
          {hazard.serial}
        </Typography.Text>
        <GradeTag grade={hazard.grade} />
      </div>
      <div className="hazard-card-desc">{hazard.description}</div>
      {showEnterprise && <div className="hazard-card-meta">{hazard.enterpriseName}</div>}
      <div className="hazard-card-foot">
        <HazardMarks hazard={hazard} />
        <Typography.Text type={hazard.overdue ? 'danger' : 'secondary'} className="hazard-hint">
          {hazard.deadline ? h.ledger.deadlineShort(hazard.deadline) : h.ledger.foundShort(hazard.foundOn)}
        </Typography.Text>
      </div>
    </Card>
  );
}
