// 四色图: the park plan (uploaded by the admin) with every placed enterprise in its level's colour, a legend with
// counts that hides or shows a level, filters by tag and area, a click → the enterprise's risk summary. Supervisors
// drag enterprises from the list of unplaced ones onto the plan (or move placed ones) and then 保存位置; nothing
// moves on the server before that. Below: the distribution by level and by area.
import { SaveOutlined, UndoOutlined, UploadOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Drawer,
  Empty,
  Flex,
  Input,
  Result,
  Select,
  Space,
  Switch,
  Typography,
  Upload,
} from 'antd';
import { type PointerEvent as ReactPointerEvent, type RefObject, useEffect, useMemo, useRef, useState } from 'react';
import { SUPERVISION_TAGS } from '../../../../shared/src/enterprises';
import { SUPERVISION_TAG_LABELS } from '../../../../shared/src/labels';
import type { MapData, MapEnterprise, ParkPlanView } from '../../../../shared/src/risk';
import { api } from '../../app/api';
import { codeOptions } from '../../app/ui/options';
import { PageContainer } from '../../app/ui/PageContainer';
import { PageLoading } from '../../app/ui/PageLoading';
import { QueryError } from '../../app/ui/QueryError';
import { useIsMobile } from '../hazards/common';
import { useHomeStats } from '../home/homeStats';
import { riskKeys, useRiskRights } from './common';
import { EnterpriseRiskSummary } from './EnterpriseRisk';
import { levelHex, outlineOf, RISK_LEVEL_LABELS } from './labels';
import { RiskCharts } from './RiskCharts';
import { type MapMarker, RiskMap, type RiskMapHandle } from './RiskMap';
import { useRiskText } from './text';
import './risk.css';

type LevelKey = NonNullable<MapEnterprise['level']> | 'none';
const LEVEL_KEYS: LevelKey[] = ['major', 'significant', 'general', 'low', 'none'];
type Position = { x: number; y: number };

const levelOf = (e: MapEnterprise): LevelKey => e.level ?? 'none';

export default function RiskMapPage() {
  const { r, t, l, lang } = useRiskText();
  const rights = useRiskRights();
  const mobile = useIsMobile();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [filters, setFilters] = useState<{ tag?: string; area?: string }>({});
  const [hidden, setHidden] = useState<ReadonlySet<LevelKey>>(new Set());
  const [showNames, setShowNames] = useState(false);
  const [pending, setPending] = useState<Record<string, Position>>({});
  const [openId, setOpenId] = useState<string | null>(null);
  const [focusId, setFocusId] = useState<string | null>(null);
  const mapRef = useRef<RiskMapHandle>(null);
  const m = r.map;
  const areas = useHomeStats().data?.enterprises.byArea.map((a) => ({ value: a.key, label: a.key })) ?? [];

  const map = useQuery({
    queryKey: riskKeys.map(filters),
    queryFn: () => api.get<MapData>('/risk/map', filters),
    placeholderData: keepPreviousData,
  });
  const data = map.data;
  const editable = rights.place && !mobile;
  const pendingCount = Object.keys(pending).length;

  // Moved positions are lost on leaving the page: the browser asks first.
  useEffect(() => {
    if (pendingCount === 0) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [pendingCount]);

  const save = useMutation({
    mutationFn: () =>
      api.put<{ updated: number }>('/risk/map/positions', {
        positions: Object.entries(pending).map(([enterpriseId, p]) => ({ enterpriseId, x: p.x, y: p.y })),
      }),
    onSuccess: (answer) => {
      message.success(m.saved(answer.updated));
      setPending({});
      void queryClient.invalidateQueries({ queryKey: ['risk', 'map'] });
      void queryClient.invalidateQueries({ queryKey: ['enterprises'] });
    },
    onError: (error) => message.error(error.message),
  });

  const remove = useMutation({
    mutationFn: (id: string) =>
      api.put<{ updated: number }>('/risk/map/positions', { positions: [{ enterpriseId: id, x: null, y: null }] }),
    onSuccess: (_answer, id) => {
      setOpenId(null);
      setPending(({ [id]: _dropped, ...rest }) => rest);
      void queryClient.invalidateQueries({ queryKey: ['risk', 'map'] });
      void queryClient.invalidateQueries({ queryKey: ['enterprises'] });
    },
    onError: (error) => message.error(error.message),
  });

  const upload = useMutation({
    mutationFn: (file: File) => {
      const body = new FormData();
      body.set('file', file, file.name);
      return api.upload<ParkPlanView>('/risk/map/plan', body);
    },
    onSuccess: () => {
      message.success(m.uploaded);
      void queryClient.invalidateQueries({ queryKey: ['risk', 'map'] });
    },
    onError: (error) => message.error(error.message),
  });

  const all = useMemo(() => [...(data?.placed ?? []), ...(data?.unplaced ?? [])], [data]);
  const byId = useMemo(() => new Map(all.map((e) => [e.id, e])), [all]);
  const markers: MapMarker[] = useMemo(() => {
    const list: MapMarker[] = [];
    for (const e of all) {
      const moved = pending[e.id];
      const x = moved?.x ?? e.x;
      const y = moved?.y ?? e.y;
      if (x === null || y === null || hidden.has(levelOf(e))) continue;
      list.push({
        id: e.id,
        x,
        y,
        color: levelHex(e.level),
        border: outlineOf(e.level),
        title: e.name,
        subtitle: l(RISK_LEVEL_LABELS, levelOf(e)),
        moved: Boolean(moved),
        emphasis: e.level === 'major',
      });
    }
    // 重大 last, so red dots are drawn on top where markers overlap.
    const rank: Record<string, number> = { none: 0, low: 1, general: 2, significant: 3, major: 4 };
    return list.sort((a, b) => rank[levelOf(byId.get(a.id)!)]! - rank[levelOf(byId.get(b.id)!)]!);
  }, [all, byId, pending, hidden, l]);
  const unplaced = (data?.unplaced ?? []).filter((e) => !pending[e.id]);

  // Counts of what is on the plan, by level (the server's legend counts the placed enterprises of the filters).
  const counts = useMemo(() => {
    const c: Record<LevelKey, number> = { major: 0, significant: 0, general: 0, low: 0, none: 0 };
    for (const e of all) {
      const p = pending[e.id];
      if ((p?.x ?? e.x) !== null && (p?.y ?? e.y) !== null) c[levelOf(e)]++;
    }
    return c;
  }, [all, pending]);

  const place = (id: string, x: number, y: number) => setPending((p) => ({ ...p, [id]: { x, y } }));

  const uploadButton = rights.uploadPlan && (
    <Upload
      accept="image/png,image/jpeg,image/webp"
      showUploadList={false}
      beforeUpload={(file) => {
        upload.mutate(file);
        return false;
      }}
    >
      <Button icon={<UploadOutlined />} loading={upload.isPending} data-testid="map-upload">
        {data?.plan ? m.replace : m.upload}
      </Button>
    </Upload>
  );

  if (map.isError) {
    return (
      <PageContainer title={t.menu.riskMap}>
        <Card>
          <QueryError error={map.error} onRetry={() => void map.refetch()} />
        </Card>
      </PageContainer>
    );
  }
  if (!data) return <PageLoading />;

  return (
    <PageContainer title={t.menu.riskMap} extra={uploadButton}>
      <Card size="small" className="filter-card">
        <Flex wrap gap={12} align="center" justify="space-between">
          <Space wrap>
            <Select
              allowClear
              placeholder={m.tag}
              options={codeOptions(SUPERVISION_TAGS, SUPERVISION_TAG_LABELS, lang)}
              value={filters.tag}
              onChange={(tag) => setFilters((f) => ({ ...f, tag }))}
              style={{ width: 190 }}
              data-testid="map-filter-tag"
            />
            <Select
              allowClear
              placeholder={m.area}
              options={areas}
              value={filters.area}
              onChange={(area) => setFilters((f) => ({ ...f, area }))}
              style={{ width: 140 }}
              data-testid="map-filter-area"
            />
            <Space size={6}>
              <Switch size="small" checked={showNames} onChange={setShowNames} data-testid="map-show-names" />
              <Typography.Text>{m.showNames}</Typography.Text>
            </Space>
          </Space>
          <Legend counts={counts} hidden={hidden} onToggle={(k) => setHidden((h) => toggle(h, k))} />
        </Flex>
      </Card>

      {!data.plan ? (
        <Card>
          <Result
            icon={<UploadOutlined />}
            title={m.noPlan}
            subTitle={rights.uploadPlan ? m.noPlanAdmin : m.noPlanOther}
            extra={uploadButton}
          />
        </Card>
      ) : (
        <div className={editable ? 'risk-map-layout' : undefined}>
          <Card size="small" className="risk-map-card">
            {pendingCount > 0 && (
              <Alert
                type="warning"
                showIcon
                className="risk-map-pending-alert"
                title={
                  <div className="risk-map-pending">
                    <span data-testid="map-pending">{m.pending(pendingCount)}</span>
                    <Space>
                      <Button size="small" icon={<UndoOutlined />} onClick={() => setPending({})}>
                        {m.discard}
                      </Button>
                      <Button
                        size="small"
                        type="primary"
                        icon={<SaveOutlined />}
                        loading={save.isPending}
                        onClick={() => save.mutate()}
                        data-testid="map-save"
                      >
                        {m.save}
                      </Button>
                    </Space>
                  </div>
                }
              />
            )}
            <RiskMap
              ref={mapRef}
              key={data.plan.url}
              imageUrl={data.plan.url}
              markers={markers}
              editable={editable}
              onMove={place}
              onOpen={setOpenId}
              selectedId={openId}
              showLabels={showNames}
              focusId={focusId}
              labels={{ zoomIn: m.zoomIn, zoomOut: m.zoomOut, fit: m.fit, mapName: m.mapName, moveHint: m.moveHint }}
            />
          </Card>
          {editable && (
            <UnplacedList
              items={unplaced}
              total={Math.max(0, data.unplacedTotal - (data.unplaced.length - unplaced.length))}
              mapRef={mapRef}
              onPlace={place}
              onKeyPlace={(id) => {
                place(id, 0.5, 0.5);
                setFocusId(id);
              }}
            />
          )}
        </div>
      )}

      <RiskCharts />

      <Drawer
        title={r.enterprise.summary}
        open={openId !== null}
        onClose={() => setOpenId(null)}
        size={mobile ? '100%' : 440}
        mask={false}
        destroyOnHidden
        extra={
          editable &&
          openId &&
          byId.get(openId)?.x !== null && (
            <Button
              size="small"
              danger
              loading={remove.isPending}
              onClick={() => remove.mutate(openId)}
              data-testid="map-remove"
            >
              {m.remove}
            </Button>
          )
        }
      >
        {openId && <EnterpriseRiskSummary enterpriseId={openId} />}
      </Drawer>
    </PageContainer>
  );
}

function toggle<T>(set: ReadonlySet<T>, key: T): ReadonlySet<T> {
  const next = new Set(set);
  if (next.has(key)) next.delete(key);
  else next.add(key);
  return next;
}

/** 图例: each level's colour, name and count on the plan; a click hides or shows that level. */
function Legend({
  counts,
  hidden,
  onToggle,
}: {
  counts: Record<LevelKey, number>;
  hidden: ReadonlySet<LevelKey>;
  onToggle: (key: LevelKey) => void;
}) {
  const { r, l } = useRiskText();
  return (
    <div className="risk-legend" data-testid="map-legend">
      <Typography.Text type="secondary">{r.map.legend}</Typography.Text>
      {LEVEL_KEYS.map((k) => (
        <button
          key={k}
          type="button"
          className={`risk-legend-item${hidden.has(k) ? ' is-off' : ''}`}
          onClick={() => onToggle(k)}
          aria-pressed={!hidden.has(k)}
          title={r.map.toggleLevel}
          data-testid={`legend-${k}`}
        >
          <span className="risk-swatch" style={{ background: levelHex(k) }} />
          <span className="risk-legend-name">{l(RISK_LEVEL_LABELS, k)}</span>
          <span className="risk-legend-count">{counts[k]}</span>
        </button>
      ))}
    </div>
  );
}

/**
 * 未放置企业: each row is dragged with the pointer onto the plan (a ghost follows it), or placed from the keyboard
 * with Enter in the middle of the plan, to be moved with the arrow keys there.
 */
function UnplacedList({
  items,
  total,
  mapRef,
  onPlace,
  onKeyPlace,
}: {
  items: MapEnterprise[];
  total: number;
  mapRef: RefObject<RiskMapHandle | null>;
  onPlace: (id: string, x: number, y: number) => void;
  /** Enter on a row: into the middle of the plan, the keyboard focus following it there. */
  onKeyPlace: (id: string) => void;
}) {
  const { r, l } = useRiskText();
  const m = r.map;
  const [q, setQ] = useState('');
  const [ghost, setGhost] = useState<{ e: MapEnterprise; x: number; y: number } | null>(null);
  const shown = q.trim() ? items.filter((e) => e.name.includes(q.trim())) : items;

  const start = (ev: ReactPointerEvent<HTMLButtonElement>, e: MapEnterprise) => {
    if (ev.button !== 0) return;
    ev.preventDefault();
    const from = { x: ev.clientX, y: ev.clientY };
    let dragging = false;
    const move = (m: PointerEvent) => {
      if (!dragging && Math.hypot(m.clientX - from.x, m.clientY - from.y) < 4) return;
      dragging = true;
      setGhost({ e, x: m.clientX, y: m.clientY });
    };
    const up = (u: PointerEvent) => {
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', up);
      window.removeEventListener('pointercancel', up);
      setGhost(null);
      if (!dragging || u.type !== 'pointerup') return;
      const at = mapRef.current?.toFraction(u.clientX, u.clientY);
      if (at) onPlace(e.id, at.x, at.y);
    };
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', up);
    window.addEventListener('pointercancel', up);
  };

  return (
    <Card size="small" title={m.unplaced(total)} className="unplaced-card" data-testid="map-unplaced">
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {m.unplacedHint}
      </Typography.Paragraph>
      <Input.Search allowClear placeholder={m.search} onChange={(e) => setQ(e.target.value)} size="small" />
      <div className="unplaced-list" style={{ marginTop: 8 }}>
        {shown.length === 0 && (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={items.length ? m.noMatch : m.noUnplaced} />
        )}
        {shown.map((e) => (
          <button
            key={e.id}
            type="button"
            className="unplaced-item"
            onPointerDown={(ev) => start(ev, e)}
            onKeyDown={(ev) => {
              if (ev.key === 'Enter' || ev.key === ' ') {
                ev.preventDefault();
                onKeyPlace(e.id);
              }
            }}
            data-testid="unplaced-item"
            data-id={e.id}
          >
            <span className="risk-swatch" style={{ background: levelHex(e.level) }} />
            <span className="unplaced-name">{e.name}</span>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {l(RISK_LEVEL_LABELS, e.level ?? 'none')}
            </Typography.Text>
          </button>
        ))}
      </div>
      {total > items.length && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 8 }}>
          {m.unplacedMore(items.length, total)}
        </Typography.Paragraph>
      )}
      {ghost && (
        <div className="drag-ghost" style={{ left: ghost.x, top: ghost.y }} aria-hidden>
          <span className="risk-swatch" style={{ background: levelHex(ghost.e.level) }} />
          {ghost.e.name}
        </div>
      )}
    </Card>
  );
}
