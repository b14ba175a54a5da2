// 检查表: the park's checklist templates, newest version of each by default (old versions on demand), filtered by
// domain, status and keyword on the server. The committee (admin, supervisor) builds, copies, versions and retires
// them; everyone else reads the active ones. A row opens the template (?checklist=<id>).
import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, Input, Select, Switch, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import { CHECKLIST_STATUSES } from '../../../../shared/src/checklists';
import { HAZARD_DOMAINS } from '../../../../shared/src/hazards';
import { CHECKLIST_STATUS_LABELS } from '../../../../shared/src/labels';
import { api, type Page, type QueryParams } from '../../app/api';
import { useI18n } from '../../app/i18n';
import { useListState, useOpenParam } from '../../app/listState';
import { formatTime } from '../../app/time';
import { ListView } from '../../app/ui/ListView';
import { codeOptions } from '../../app/ui/options';
import { PageContainer } from '../../app/ui/PageContainer';
import { useIsMobile } from '../hazards/common';
import { HAZARD_DOMAIN_LABELS } from '../hazards/labels';
import { ChecklistDetailDrawer } from './ChecklistDetail';
import { ChecklistEditor, type EditorMode } from './ChecklistEditor';
import { ChecklistStatusTag, type ChecklistTemplateView, checklistKeys, useChecklistRights } from './common';
import '../hazards/hazards.css';
import './checklists.css';

export default function ChecklistsPage() {
  const { t, l, lang } = useI18n();
  const c = t.checklist;
  const rights = useChecklistRights();
  const mobile = useIsMobile();
  const list = useListState<ChecklistTemplateView>({ order: 'desc' });
  const [openId, open] = useOpenParam('checklist');
  const [editing, setEditing] = useState<EditorMode | null>(null);
  const page = useQuery({
    queryKey: checklistKeys.list(list.query),
    queryFn: () => api.get<Page<ChecklistTemplateView>>('/checklists', list.query),
    placeholderData: keepPreviousData,
  });
  const setFilter = (key: string, value: string | undefined) =>
    list.setFilters({ ...list.filters, [key]: value } as QueryParams);
  const domains = (v: string[]) => v.map((d) => l(HAZARD_DOMAIN_LABELS, d)).join('、');

  const columns: TableColumnsType<ChecklistTemplateView> = [
    {
      title: c.code,
      dataIndex: 'code',
      width: 120,
      render: (v: string) => <span className="checklist-code">{v}</span>,
    },
    {
      title: c.name,
      dataIndex: 'name',
      ellipsis: true,
      render: (v: string, row) => (
        <div className="hazard-cell-text">
          <Typography.Link data-testid="checklist-name-cell">{v}</Typography.Link>
          {row.description && (
            <div className="hazard-ellipsis hazard-hint" title={row.description}>
              {row.description}
            </div>
          )}
        </div>
      ),
    },
    { title: c.domains, dataIndex: 'domains', width: 150, render: domains },
    { title: c.version, dataIndex: 'version', width: 80, render: (v: number) => c.versionN(v) },
    {
      title: c.status,
      dataIndex: 'status',
      width: 90,
      render: (v: string, row) => <ChecklistStatusTag status={v} superseded={Boolean(row.supersededById)} />,
    },
    {
      title: c.items,
      dataIndex: 'itemCount',
      width: 130,
      render: (n: number, row) => (
        <span>
          {c.itemCount(n)}
          {row.majorItemCount > 0 && (
            <Tag color="red" className="hazard-version">
              {t.checklist.majorItems} {row.majorItemCount}
            </Tag>
          )}
        </span>
      ),
    },
    { title: c.inspections, dataIndex: 'inspectionCount', width: 90, align: 'right' },
    { title: c.updatedAt, dataIndex: 'updatedAt', width: 150, render: (v: string) => formatTime(v) },
  ];

  return (
    <PageContainer
      title={t.menu.checklists}
      extra={
        rights.manage && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setEditing({ kind: 'create' })}
            data-testid="checklist-create"
          >
            {c.create}
          </Button>
        )
      }
    >
      <Alert type="info" showIcon className="checklist-intro" title={rights.manage ? c.intro : c.readOnly} />
      <Card size="small" className="filter-card">
        <Flex gap={12} wrap vertical={mobile} align={mobile ? undefined : 'center'}>
          <Input.Search
            allowClear
            placeholder={c.search}
            style={{ width: mobile ? '100%' : 240 }}
            onSearch={(v) => setFilter('q', v.trim() || undefined)}
            data-testid="checklist-search"
          />
          <Select
            allowClear
            placeholder={c.allDomains}
            style={{ width: mobile ? '100%' : 150 }}
            value={list.filters.domain as string | undefined}
            onChange={(v: string | undefined) => setFilter('domain', v)}
            options={codeOptions(HAZARD_DOMAINS, HAZARD_DOMAIN_LABELS, lang)}
            data-testid="checklist-filter-domain"
          />
          {rights.manage && (
            <Select
              allowClear
              placeholder={c.allStatuses}
              style={{ width: mobile ? '100%' : 130 }}
              value={list.filters.status as string | undefined}
              onChange={(v: string | undefined) => setFilter('status', v)}
              options={codeOptions(CHECKLIST_STATUSES, CHECKLIST_STATUS_LABELS, lang)}
              data-testid="checklist-filter-status"
            />
          )}
          {rights.manage && (
            <Flex gap={6} align="center">
              <Switch
                size="small"
                checked={list.filters.versions === 'all'}
                onChange={(on) => setFilter('versions', on ? 'all' : undefined)}
              />
              <span>{c.allVersions}</span>
            </Flex>
          )}
        </Flex>
      </Card>
      <ListView<ChecklistTemplateView>
        page={page}
        list={list}
        mobile={mobile}
        columns={columns}
        card={(row) => (
          <Card
            key={row.id}
            size="small"
            hoverable
            className="hazard-card"
            onClick={() => open(row.id)}
            data-testid="checklist-card"
          >
            <div className="hazard-card-head">
              <Typography.Text strong>{row.name}</Typography.Text>
              <ChecklistStatusTag status={row.status} superseded={Boolean(row.supersededById)} />
            </div>
            <div className="hazard-card-meta">
              <span className="checklist-code">{row.code}</span> · {c.versionN(row.version)} · {domains(row.domains)}
            </div>
            <div className="hazard-card-foot">
              <span>{c.itemCount(row.itemCount)}</span>
              {row.majorItemCount > 0 && <Tag color="red">{c.majorItemCount(row.majorItemCount)}</Tag>}
            </div>
          </Card>
        )}
        onOpen={(row) => open(row.id)}
        empty={c.empty}
        testId="checklist"
        width={1050}
      />
      <ChecklistDetailDrawer id={openId} onClose={() => open(null)} onOpen={open} onEdit={setEditing} />
      <ChecklistEditor
        mode={editing}
        onClose={() => setEditing(null)}
        onSaved={(detail) => {
          setEditing(null);
          open(detail.id);
        }}
      />
    </PageContainer>
  );
}
