// 现场检查（离线）: the field screen of an inspector or an enterprise user. The day's data is downloaded before going
// out; records captured without a signal wait on the device (待同步) and are sent when online; a record the server
// refused stays here with its reason until it is fixed and sent again, or discarded.
import { CloudDownloadOutlined, SyncOutlined } from '@ant-design/icons';
import { Alert, App, Badge, Button, Card, Empty, List, Space, Tabs, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { useMe } from '../../app/auth';
import { PageContainer } from '../../app/ui/PageContainer';
import { StatusTag } from '../hazards/common';
import { downloadDay } from './day';
import { InspectionDrawer } from './InspectionDrawer';
import { RectificationDrawer } from './RectificationDrawer';
import { type DayHazard, discardRecord, type OutboxRecord, photoBytes, photosOf, updateRecord } from './store';
import { outboxChanged, syncNow } from './sync';
import { useFieldText } from './text';
import { useDay, useOnline, useOutbox } from './useField';
import './field.css';

const time = (iso: string) => dayjs(iso).format('MM-DD HH:mm');

function PhotoCount({ userId, record }: { userId: string; record: OutboxRecord }) {
  const { f } = useFieldText();
  const [n, setN] = useState<number | null>(null);
  useEffect(() => {
    void photosOf(userId, record.id).then((ps) => setN(ps.length));
  }, [userId, record]);
  return n === null ? null : <span>{f.photos(n)}</span>;
}

export default function FieldPage() {
  const { f } = useFieldText();
  const me = useMe();
  const { message, modal } = App.useApp();
  const online = useOnline();
  const outbox = useOutbox(me.id);
  const [day, setDay] = useDay(me.id);
  const [downloading, setDownloading] = useState(false);
  const [syncing, setSyncing] = useState(false);
  const [inspecting, setInspecting] = useState<{ enterpriseId?: string; record?: OutboxRecord } | null>(null);
  const [rectifying, setRectifying] = useState<{ hazard: DayHazard; record?: OutboxRecord } | null>(null);
  const [storage, setStorage] = useState<{ count: number; bytes: number } | null>(null);
  const own = me.role === 'enterprise';

  // Re-read when the outbox changes (its lists are new arrays after every change).
  const changed = outbox.pending.length + outbox.failed.length * 1000;
  useEffect(() => {
    if (changed >= 0) void photoBytes(me.id).then(setStorage);
  }, [me.id, changed]);

  const download = async () => {
    setDownloading(true);
    try {
      setDay(await downloadDay(me));
      message.success(f.downloadDone);
    } catch (err) {
      message.error((err as Error).message);
    } finally {
      setDownloading(false);
    }
  };

  const sync = async () => {
    setSyncing(true);
    try {
      const out = await syncNow(me);
      if (out.synced) message.success(f.syncedN(out.synced));
      if (out.failed) message.warning(f.failedN(out.failed));
      if (out.stopped === 'server') message.warning(f.serverDown);
    } finally {
      setSyncing(false);
    }
  };

  const hazardsBy = useMemo(() => {
    const m = new Map<string, DayHazard[]>();
    for (const h of day?.hazards ?? []) m.set(h.enterpriseId, [...(m.get(h.enterpriseId) ?? []), h]);
    return m;
  }, [day]);

  const fix = (r: OutboxRecord) => {
    if (r.kind === 'inspection') setInspecting({ record: r });
    else {
      const h = day?.hazards.find((x) => x.id === r.draft.hazardId);
      setRectifying({
        hazard: h ?? {
          id: r.draft.hazardId,
          serial: r.title.split(' ')[0] ?? '',
          enterpriseId: r.draft.enterpriseId,
          enterpriseName: '',
          description: r.title,
          status: '',
          grade: 'general',
          deadline: null,
        },
        record: r,
      });
    }
  };
  const retry = async (r: OutboxRecord) => {
    await updateRecord(me.id, r.id, { status: 'pending', error: null });
    outboxChanged();
    if (navigator.onLine) void sync();
  };
  const discard = (r: OutboxRecord) =>
    modal.confirm({
      title: f.discard,
      content: f.discardConfirm,
      okButtonProps: { danger: true },
      okText: f.discard,
      onOk: async () => {
        await discardRecord(me.id, r.id);
        outboxChanged();
      },
    });

  const recordItem = (r: OutboxRecord) => (
    <List.Item
      key={r.id}
      data-testid={`field-record-${r.status}`}
      actions={
        r.status === 'failed'
          ? [
              <Button key="fix" size="small" onClick={() => fix(r)} data-testid="field-fix">
                {f.fix}
              </Button>,
              <Button key="retry" size="small" onClick={() => void retry(r)} data-testid="field-retry">
                {f.retry}
              </Button>,
              <Button key="discard" size="small" danger onClick={() => discard(r)} data-testid="field-discard">
                {f.discard}
              </Button>,
            ]
          : []
      }
    >
      <List.Item.Meta
        title={
          <Space size={6} wrap>
            <Tag>{r.kind === 'inspection' ? f.inspection : f.rectification}</Tag>
            <span>{r.title}</span>
          </Space>
        }
        description={
          <Space direction="vertical" size={2}>
            <Space size={12} wrap>
              <span>
                {f.capturedAt} {time(r.capturedAt)}
              </span>
              {r.status !== 'synced' && <PhotoCount userId={me.id} record={r} />}
              {r.result && (
                <span>
                  {f.receivedAt} {time(r.result.receivedAt)}
                </span>
              )}
            </Space>
            {r.error && (
              <Alert type="error" showIcon message={`${f.reason}：${r.error.message}`} data-testid="field-reason" />
            )}
          </Space>
        }
      />
    </List.Item>
  );

  const records = (list: OutboxRecord[]) =>
    list.length === 0 ? (
      <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={f.empty} />
    ) : (
      <List dataSource={list} renderItem={recordItem} />
    );

  const enterpriseList = (
    <List
      dataSource={day?.enterprises ?? []}
      locale={{ emptyText: f.notDownloaded }}
      renderItem={(e) => {
        const open = hazardsBy.get(e.id) ?? [];
        return (
          <List.Item
            key={e.id}
            data-testid="field-enterprise-row"
            actions={[
              <Button
                key="inspect"
                type="primary"
                size="small"
                onClick={() => setInspecting({ enterpriseId: e.id })}
                data-testid="field-inspect"
              >
                {f.inspect}
              </Button>,
            ]}
          >
            <List.Item.Meta
              title={e.name}
              description={[e.address, f.openCount(open.length)].filter(Boolean).join(' · ')}
            />
          </List.Item>
        );
      }}
    />
  );

  const hazardList = (
    <List
      dataSource={day?.hazards ?? []}
      locale={{ emptyText: day ? f.empty : f.notDownloaded }}
      renderItem={(h) => (
        <List.Item
          key={h.id}
          data-testid="field-hazard-row"
          actions={
            own && (h.status === 'assigned' || h.status === 'rectifying')
              ? [
                  <Button
                    key="rectify"
                    size="small"
                    type="primary"
                    onClick={() => setRectifying({ hazard: h })}
                    data-testid="field-rectify"
                  >
                    {f.rectify}
                  </Button>,
                ]
              : []
          }
        >
          <List.Item.Meta
            title={
              <Space size={6} wrap>
                <span>{h.serial}</span>
                <StatusTag status={h.status} />
              </Space>
            }
            description={`${own ? '' : `${h.enterpriseName} · `}${h.description}${h.deadline ? ` · ${h.deadline}` : ''}`}
          />
        </List.Item>
      )}
    />
  );

  return (
    <PageContainer
      title={f.title}
      extra={
        <Space wrap>
          <Button
            icon={<CloudDownloadOutlined />}
            disabled={!online}
            loading={downloading}
            onClick={() => void download()}
            data-testid="field-download"
          >
            {f.download}
          </Button>
          <Button
            type="primary"
            icon={<SyncOutlined spin={syncing} />}
            disabled={!online || outbox.pending.length === 0}
            onClick={() => void sync()}
            data-testid="field-sync"
          >
            {syncing ? f.syncing : f.syncNow}
          </Button>
        </Space>
      }
    >
      <Card size="small" className="field-status">
        <Space direction="vertical" size={4}>
          <Space wrap>
            <Tag color={online ? 'green' : 'default'} data-testid="field-online">
              {online ? f.online : f.offline}
            </Tag>
            <Typography.Text data-testid="field-pending-count">
              {f.pending} {outbox.pending.length}
            </Typography.Text>
            <Typography.Text type={outbox.failed.length ? 'danger' : 'secondary'} data-testid="field-failed-count">
              {f.failed} {outbox.failed.length}
            </Typography.Text>
          </Space>
          <Typography.Text type="secondary" data-testid="field-day">
            {day
              ? f.downloaded(time(day.fetchedAt), day.enterprises.length, day.checklists.length, day.hazards.length)
              : f.notDownloaded}
          </Typography.Text>
          {storage && storage.count > 0 && (
            <Typography.Text type="secondary">
              {f.storage(storage.count, Math.round(storage.bytes / 1024))}
            </Typography.Text>
          )}
          <Typography.Text type="secondary">{f.intro}</Typography.Text>
        </Space>
      </Card>
      <Tabs
        defaultActiveKey="work"
        items={[
          { key: 'work', label: own ? f.openHazards : f.myEnterprises, children: own ? hazardList : enterpriseList },
          ...(own ? [] : [{ key: 'hazards', label: f.openHazards, children: hazardList }]),
          {
            key: 'pending',
            label: (
              <span data-testid="field-tab-pending">
                {f.pending} <Badge count={outbox.pending.length} showZero color="blue" />
              </span>
            ),
            children: records(outbox.pending),
          },
          {
            key: 'failed',
            label: (
              <span data-testid="field-tab-failed">
                {f.failed} <Badge count={outbox.failed.length} showZero />
              </span>
            ),
            children: records(outbox.failed),
          },
          {
            key: 'synced',
            label: <span data-testid="field-tab-synced">{f.synced}</span>,
            children: records(outbox.synced),
          },
        ]}
      />
      {day && (
        <InspectionDrawer
          open={Boolean(inspecting)}
          day={day}
          enterpriseId={inspecting?.enterpriseId}
          record={inspecting?.record?.kind === 'inspection' ? inspecting.record : undefined}
          onClose={() => setInspecting(null)}
        />
      )}
      <RectificationDrawer
        hazard={rectifying?.hazard ?? null}
        record={rectifying?.record?.kind === 'rectification' ? rectifying.record : undefined}
        onClose={() => setRectifying(null)}
      />
    </PageContainer>
  );
}
