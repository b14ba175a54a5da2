// 服务台账: the fire-service visits within data scope (an enterprise its own), each with its findings and how many are
// rectified; filters by contract, enterprise and dates in the address; a visit opens in a drawer (?visit=<id>) with
// its hazards; Excel export; the committee's staff record a visit, on a phone too.
import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  Button,
  Card,
  DatePicker,
  Descriptions,
  Form,
  Grid,
  List,
  Select,
  Space,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import type { VisitDetail, VisitView } from '../../../../shared/src/fire-service';
import { api, type Page } from '../../app/api';
import { useI18n } from '../../app/i18n';
import { useListState, useOpenParam } from '../../app/listState';
import { formatTime } from '../../app/time';
import { ExportButton } from '../../app/ui/ExportButton';
import { FilterBar } from '../../app/ui/FilterBar';
import { ListView } from '../../app/ui/ListView';
import { PageContainer } from '../../app/ui/PageContainer';
import { RecordDrawer } from '../../app/ui/RecordDrawer';
import { HAZARD_STATUS_LABELS } from '../hazards/labels';
import { EnterprisePicker } from '../hazards/pickers';
import { ProblemTag, useFireRights } from './common';
import { useFireText } from './text';
import { type ContractOption, useContractOptions, VisitForm } from './VisitForm';

type Filters = { contractId?: string; enterpriseId?: string; from?: string; to?: string };
type FilterForm = { contractId?: string; enterpriseId?: string; dates?: [Dayjs | null, Dayjs | null] | null };
type VisitPageData = Page<VisitView> & { totals: { visits: number; findings: number; rectified: number } };

export default function VisitsPage() {
  const { t } = useI18n();
  const f = useFireText();
  const rights = useFireRights();
  const mobile = Grid.useBreakpoint().md === false;
  const list = useListState<VisitView, Filters>({ order: 'desc' }, { url: { ignore: ['visit'] } });
  const [openId, open] = useOpenParam('visit');
  const [recording, setRecording] = useState(false);
  const contracts = useContractOptions(rights.record);
  const page = useQuery({
    queryKey: ['fire-service', 'visits', list.query],
    queryFn: () => api.get<VisitPageData>('/fire-service/visits', list.query),
    placeholderData: keepPreviousData,
  });
  const totals = page.data?.totals;
  const counts = (r: VisitView) => (
    <Space size={4}>
      <span data-testid="visit-findings">{r.findings}</span>
      <Typography.Text type="secondary">/</Typography.Text>
      <Typography.Text type={r.open > 0 ? 'warning' : 'success'}>{r.rectified}</Typography.Text>
    </Space>
  );
  const columns: TableColumnsType<VisitView> = [
    { title: f.serial, dataIndex: 'serial', width: 120 },
    { title: f.visitedOn, dataIndex: 'visitedOn', width: 110 },
    ...(rights.isEnterprise ? [] : [{ title: f.enterprise, dataIndex: 'enterpriseName', ellipsis: true } as const]),
    { title: f.area, dataIndex: 'area', width: 90, render: (v: string | null) => v ?? '—' },
    { title: f.provider, dataIndex: 'providerName', width: 200, ellipsis: true },
    { title: f.staff, dataIndex: 'providerStaff', width: 130, render: (v: string[]) => v.join(f.listSep) },
    { title: `${f.findings} / ${f.rectified}`, key: 'counts', width: 120, render: (_: unknown, r) => counts(r) },
    {
      title: '',
      key: 'marks',
      width: 90,
      render: (_: unknown, r) => (r.outsidePeriod ? <Tag color="orange">{f.outside}</Tag> : null),
    },
  ];
  const contractOptions = (contracts.data ?? []).map((c: ContractOption) => ({ value: c.id, label: c.title }));

  return (
    <PageContainer
      title={rights.isEnterprise ? t.menu.myFireServiceVisits : t.menu.fireServiceVisits}
      extra={
        <Space wrap>
          <ExportButton
            path="/fire-service/visits/export"
            params={list.filters}
            fileName={f.visitsFile}
            label={f.export}
            testId="fire-visits-export"
          />
          {rights.record && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setRecording(true)}
              data-testid="fire-visit-create"
            >
              {f.recordVisit}
            </Button>
          )}
        </Space>
      }
    >
      <FilterBar<FilterForm>
        onSearch={(v) =>
          list.setFilters({
            contractId: v.contractId,
            enterpriseId: v.enterpriseId,
            from: v.dates?.[0]?.format('YYYY-MM-DD'),
            to: v.dates?.[1]?.format('YYYY-MM-DD'),
          })
        }
      >
        {rights.record && (
          <Form.Item name="contractId" initialValue={list.filters.contractId}>
            <Select allowClear placeholder={f.contract} options={contractOptions} style={{ width: 260 }} />
          </Form.Item>
        )}
        {!rights.isEnterprise && (
          <Form.Item name="enterpriseId" initialValue={list.filters.enterpriseId}>
            <EnterprisePicker placeholder={f.enterprise} style={{ width: 220 }} />
          </Form.Item>
        )}
        <Form.Item
          name="dates"
          initialValue={
            list.filters.from || list.filters.to
              ? [list.filters.from ? dayjs(list.filters.from) : null, list.filters.to ? dayjs(list.filters.to) : null]
              : null
          }
        >
          <DatePicker.RangePicker allowEmpty={[true, true]} placeholder={[f.from, f.to]} />
        </Form.Item>
      </FilterBar>
      {totals && (
        <Typography.Paragraph type="secondary" data-testid="fire-visits-totals">
          {f.totals(totals.visits, totals.findings, totals.rectified)}
        </Typography.Paragraph>
      )}
      <ListView<VisitView>
        page={page}
        list={list}
        mobile={mobile}
        columns={columns}
        onOpen={(r) => open(r.id)}
        empty={f.empty}
        testId="fire-visits"
        width={1100}
        card={(r) => (
          <Card key={r.id} size="small" className="list-card" onClick={() => open(r.id)} data-testid="fire-visit-card">
            <Space style={{ justifyContent: 'space-between', width: '100%' }}>
              <strong>{r.enterpriseName}</strong>
              <span>{r.visitedOn}</span>
            </Space>
            <div>
              {f.findings} {r.findings} · {f.rectified} {r.rectified}
              {r.outsidePeriod && (
                <Tag color="orange" style={{ marginLeft: 8 }}>
                  {f.outside}
                </Tag>
              )}
            </div>
          </Card>
        )}
      />
      <RecordDrawer<VisitDetail>
        id={openId}
        onClose={() => open(null)}
        queryKey={['fire-service', 'visit', openId]}
        path={`/fire-service/visits/${openId}`}
        title={(r) => (r ? `${r.serial} · ${r.enterpriseName}` : f.visits)}
        width={680}
      >
        {(r) => <VisitRecord visit={r} />}
      </RecordDrawer>
      {rights.record && <VisitForm open={recording} onClose={() => setRecording(false)} onSaved={(id) => open(id)} />}
    </PageContainer>
  );
}

function VisitRecord({ visit: r }: { visit: VisitDetail }) {
  const f = useFireText();
  const { l } = useI18n();
  return (
    <div data-testid="fire-visit-detail">
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label={f.enterprise}>{r.enterpriseName}</Descriptions.Item>
        <Descriptions.Item label={f.visitedOn}>
          {r.visitedOn}
          {r.outsidePeriod && (
            <Tag color="orange" style={{ marginLeft: 8 }}>
              {f.outside}
            </Tag>
          )}
        </Descriptions.Item>
        <Descriptions.Item label={f.contract}>{r.contractTitle}</Descriptions.Item>
        <Descriptions.Item label={f.provider}>{r.providerName}</Descriptions.Item>
        <Descriptions.Item label={f.staff}>{r.providerStaff.join(f.listSep)}</Descriptions.Item>
        <Descriptions.Item label={f.content}>{r.content}</Descriptions.Item>
        <Descriptions.Item label={f.recordedBy}>
          {r.recordedByName ?? '—'} · {formatTime(r.recordedAt)}
        </Descriptions.Item>
      </Descriptions>
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {f.findings}
        {f.findingsHeading(r.findings, r.rectified, f.rectified)}
        {r.findings > 0 && (
          <Link to={`/hazards?fireServiceVisitId=${r.id}`} style={{ marginLeft: 12, fontSize: 14 }}>
            {f.openHazards}
          </Link>
        )}
      </Typography.Title>
      <List
        size="small"
        locale={{ emptyText: f.noFindings }}
        dataSource={r.items}
        renderItem={(h) => (
          <List.Item data-testid="fire-visit-finding">
            <List.Item.Meta
              title={
                <Space wrap>
                  <Link to={`/hazards?hazard=${h.hazardId}`}>{h.serial}</Link>
                  <ProblemTag problem={h.problem} />
                  <Tag color={h.status === 'closed' ? 'green' : h.overdue ? 'red' : 'blue'}>
                    {l(HAZARD_STATUS_LABELS, h.status)}
                  </Tag>
                </Space>
              }
              description={`${h.description}${h.location ? f.paren(h.location) : ''}${h.deadline ? ` · ${f.deadline} ${h.deadline}` : ''}`}
            />
          </List.Item>
        )}
      />
    </div>
  );
}
