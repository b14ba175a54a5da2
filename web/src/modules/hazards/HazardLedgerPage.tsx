// 隐患台账: one filterable, server-paginated ledger of the hazards in the user's data scope (an enterprise sees only
// its own: the server filters). A row opens the hazard (?hazard=<id>, so a link to one hazard can be shared); on a
// phone the table becomes a list of cards. Supervisors, inspectors and enterprises record hazards from here.
import { PlusOutlined, SettingOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Checkbox, Divider, Flex, Popover, type TableColumnsType, Typography } from 'antd';
import { useState } from 'react';
import { FIRE_PROBLEM_LABELS, SUPERVISION_TAG_LABELS } from '../../../../shared/src/labels';
import { api, type Page } from '../../app/api';
import { useListState, useOpenParam } from '../../app/listState';
import { ListView } from '../../app/ui/ListView';
import { PageContainer } from '../../app/ui/PageContainer';
import { useColumnChoice } from '../enterprises/listPrefs';
import { GradeTag, HazardMarks, type HazardView, hazardKeys, useHazardRights, useIsMobile } from './common';
import { HazardDetailDrawer } from './HazardDetail';
import { HazardExport } from './HazardExport';
import { HazardFilters, type LedgerFilters, LINKED_FILTERS } from './HazardFilters';
import { HazardRegisterDrawer } from './HazardRegisterDrawer';
import { HazardStats } from './HazardStats';
import { HAZARD_CATEGORY_LABELS, HAZARD_SOURCE_LABELS } from './labels';
import { RecheckSettingsButton } from './RecheckSettings';
import { useHazardText } from './text';
import './hazards.css';

const LEDGER_DEFAULTS = { sort: 'foundOn', order: 'desc' } as const;
/** Columns a user may add to the ledger (remembered in this browser); 整改责任人 shows by default. */
const OPTIONAL = ['responsiblePerson', 'campaignName', 'area', 'source', 'recheckedBy', 'recheckedOn'] as const;
// None by default: the ledger's own columns fill a 1440 px screen; the added ones are chosen in 显示列 (remembered).
const DEFAULT_OPTIONAL = [] as const;

export default function HazardLedgerPage() {
  const { h, t, l } = useHazardText();
  const rights = useHazardRights();
  const mobile = useIsMobile();
  // Filters and page live in the address: a shared link or a reload shows the same ledger page.
  const list = useListState<HazardView, LedgerFilters>(LEDGER_DEFAULTS, { url: { ignore: ['hazard'] } });
  const [registering, setRegistering] = useState(false);
  const [openId, open] = useOpenParam('hazard');
  const columnChoice = useColumnChoice(OPTIONAL, DEFAULT_OPTIONAL, 'parksafe.hazards.columns');
  const page = useQuery({
    queryKey: hazardKeys.list(list.query),
    queryFn: () => api.get<Page<HazardView>>('/hazards', list.query),
    placeholderData: keepPreviousData,
  });
  const g = h.ledger;

  const text = (v: string | null | undefined) => v || '—';
  const optional: Record<(typeof OPTIONAL)[number], TableColumnsType<HazardView>[number]> = {
    responsiblePerson: { title: g.responsible, dataIndex: 'responsiblePerson', width: 100, render: text },
    campaignName: { title: g.campaign, dataIndex: 'campaignName', width: 200, ellipsis: true, render: text },
    area: { title: g.area, dataIndex: 'area', width: 90, render: text },
    source: { title: g.source, dataIndex: 'source', width: 110, render: (v: string) => l(HAZARD_SOURCE_LABELS, v) },
    recheckedBy: { title: g.recheckedBy, dataIndex: 'recheckedBy', width: 90, render: text },
    recheckedOn: { title: g.recheckedOn, dataIndex: 'recheckedOn', width: 110, render: text },
  };
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
    ...OPTIONAL.filter((k) => columnChoice.visible.includes(k)).map((k) => optional[k]),
  ];
  const width = columns.reduce((sum, c) => sum + (typeof c.width === 'number' ? c.width : 260), 0);
  const chooser = (
    <div className="column-chooser" data-testid="hazard-column-chooser">
      <Checkbox.Group
        value={columnChoice.visible}
        onChange={(v) => columnChoice.setVisible(v as string[])}
        options={OPTIONAL.map((k) => ({ value: k, label: String(optional[k].title) }))}
      />
      <Divider size="small" />
      <Button size="small" type="link" onClick={columnChoice.reset}>
        {g.columnsReset}
      </Button>
    </div>
  );

  return (
    <PageContainer
      title={t.menu.hazards}
      extra={
        <Flex gap={8} wrap justify="flex-end">
          {rights.settings && <RecheckSettingsButton />}
          {!mobile && (
            <Popover content={chooser} title={g.columnsHint} trigger="click" placement="bottomRight">
              <Button icon={<SettingOutlined />} data-testid="hazard-column-settings">
                {g.columns}
              </Button>
            </Popover>
          )}
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
      <LinkedFilters filters={list.filters} onClear={(next) => list.setFilters(next)} />
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
        width={Math.max(width, rights.isEnterprise ? 900 : 1000)}
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

/** Says which linked filters (from the fire-service analysis) narrow the ledger, with a way to drop them. */
function LinkedFilters({ filters, onClear }: { filters: LedgerFilters; onClear: (next: LedgerFilters) => void }) {
  const { h, l } = useHazardText();
  const m = h.misc;
  const parts: string[] = [];
  if (filters.fireService || filters.fireServiceContractId || filters.fireServiceVisitId) {
    parts.push(filters.fireServiceVisitId ? m.fireServiceVisit : m.fireService);
  }
  if (filters.fireProblem)
    parts.push(`${m.fireProblem}${m.colon}${l(FIRE_PROBLEM_LABELS, String(filters.fireProblem))}`);
  if (filters.supervisionTag) {
    parts.push(`${m.supervisionTag}${m.colon}${l(SUPERVISION_TAG_LABELS, String(filters.supervisionTag))}`);
  }
  if (parts.length === 0) return null;
  const rest = Object.fromEntries(
    Object.entries(filters).filter(([k]) => !(LINKED_FILTERS as readonly string[]).includes(k)),
  );
  return (
    <Alert
      type="info"
      showIcon
      style={{ marginBottom: 12 }}
      data-testid="hazard-linked-filters"
      message={parts.join(m.filterSeparator)}
      action={
        <Button size="small" type="link" onClick={() => onClear(rest)}>
          {m.clearLinked}
        </Button>
      }
    />
  );
}
