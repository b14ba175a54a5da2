// The park plan with enterprises on it (四色图). The plan is the admin's uploaded image — no online tiles, so it works
// on the committee's closed network — scaled to fit its box; markers sit at fractions 0..1 of the image, so they
// stay put whatever the zoom or screen. Markers are buttons: a click (or Enter) opens the enterprise; when placing is
// allowed they are dragged with any pointer (mouse, pen, finger) or nudged with the arrow keys (Shift: larger steps).
import { CompressOutlined, ZoomInOutlined, ZoomOutOutlined } from '@ant-design/icons';
import { Button, Space, Tooltip } from 'antd';
import {
  type KeyboardEvent,
  type PointerEvent,
  type Ref,
  useCallback,
  useEffect,
  useImperativeHandle,
  useLayoutEffect,
  useRef,
  useState,
} from 'react';

export interface MapMarker {
  id: string;
  /** 0..1 from the plan's left edge. */
  x: number;
  /** 0..1 from the plan's top edge. */
  y: number;
  color: string;
  /** Outline, for fills that do not stand out on a light plan (yellow). */
  border?: string;
  title: string;
  /** Read out and shown on hover beside the name, e.g. the level's name. */
  subtitle?: string;
  /** A position moved on this screen and not saved yet. */
  moved?: boolean;
  emphasis?: boolean;
}

export interface RiskMapHandle {
  /** Where a screen point falls on the plan, as fractions; null outside it (drops from a list beside the map). */
  toFraction: (clientX: number, clientY: number) => { x: number; y: number } | null;
}

export interface RiskMapLabels {
  zoomIn: string;
  zoomOut: string;
  fit: string;
  mapName: string;
  moveHint: string;
}

interface Props {
  imageUrl: string;
  markers: MapMarker[];
  labels: RiskMapLabels;
  /** Markers may be dragged and nudged. */
  editable?: boolean;
  onMove?: (id: string, x: number, y: number) => void;
  onOpen?: (id: string) => void;
  /** A click or tap on the plan itself (not on a marker), as fractions: choosing a spot. */
  onPick?: (x: number, y: number) => void;
  selectedId?: string | null;
  /** Names beside every marker (otherwise on hover, focus and selection only). */
  showLabels?: boolean;
  /** Highest the map may grow when fitted, in px. */
  maxHeight?: number;
  /** A marker to give the keyboard focus to (one just placed from the keyboard). */
  focusId?: string | null;
  ref?: Ref<RiskMapHandle>;
}

const ZOOMS = [1, 1.5, 2, 3, 4];
const DRAG_THRESHOLD = 4;
const clamp = (v: number) => Math.min(1, Math.max(0, v));
const round = (v: number) => Math.round(v * 10_000) / 10_000;

export function RiskMap({
  imageUrl,
  markers,
  labels,
  editable = false,
  onMove,
  onOpen,
  onPick,
  selectedId,
  showLabels = false,
  maxHeight = 640,
  focusId,
  ref,
}: Props) {
  const viewport = useRef<HTMLDivElement>(null);
  const stage = useRef<HTMLElement>(null);
  const [natural, setNatural] = useState<{ w: number; h: number } | null>(null);
  const [boxWidth, setBoxWidth] = useState(0);
  const [zoom, setZoom] = useState(1);
  const [drag, setDrag] = useState<{ id: string; x: number; y: number } | null>(null);
  const pointer = useRef<{ id: string; startX: number; startY: number; moved: boolean } | null>(null);
  // The plan point in the middle of the view, kept there when the zoom changes.
  const centre = useRef<{ x: number; y: number } | null>(null);

  useLayoutEffect(() => {
    const el = viewport.current;
    if (!el) return;
    const observer = new ResizeObserver(([entry]) => setBoxWidth(entry?.contentRect.width ?? 0));
    observer.observe(el);
    setBoxWidth(el.clientWidth);
    return () => observer.disconnect();
  }, []);

  const aspect = natural ? natural.w / natural.h : 16 / 9;
  // Zoom to fit: as wide as the box, unless that makes the plan taller than maxHeight.
  const fitWidth = Math.max(0, Math.min(boxWidth, maxHeight * aspect));
  const width = fitWidth * zoom;
  const height = width / aspect;
  const viewHeight = Math.min(maxHeight, fitWidth / aspect);

  const toFraction = useCallback((clientX: number, clientY: number) => {
    const rect = stage.current?.getBoundingClientRect();
    if (!rect || rect.width === 0) return null;
    const x = (clientX - rect.left) / rect.width;
    const y = (clientY - rect.top) / rect.height;
    const view = viewport.current?.getBoundingClientRect();
    // Only the visible part of the plan takes drops: the rest is scrolled away under other content.
    if (view && (clientX < view.left || clientX > view.right || clientY < view.top || clientY > view.bottom)) {
      return null;
    }
    if (x < 0 || x > 1 || y < 0 || y > 1) return null;
    return { x: round(x), y: round(y) };
  }, []);
  useImperativeHandle(ref, () => ({ toFraction }), [toFraction]);

  const changeZoom = (next: number) => {
    const el = viewport.current;
    if (el && width > 0) {
      centre.current = {
        x: (el.scrollLeft + el.clientWidth / 2) / width,
        y: (el.scrollTop + el.clientHeight / 2) / height,
      };
    }
    setZoom(next);
  };
  useLayoutEffect(() => {
    const el = viewport.current;
    const c = centre.current;
    if (!el || !c) return;
    el.scrollLeft = c.x * width - el.clientWidth / 2;
    el.scrollTop = c.y * height - el.clientHeight / 2;
    centre.current = null;
  }, [width, height]);
  const zoomIndex = ZOOMS.indexOf(zoom);

  useEffect(() => {
    if (!focusId) return;
    stage.current?.querySelector<HTMLButtonElement>(`[data-id="${CSS.escape(focusId)}"]`)?.focus();
  }, [focusId]);

  const onPointerDown = (e: PointerEvent<HTMLButtonElement>, id: string) => {
    if (e.button !== 0) return;
    pointer.current = { id, startX: e.clientX, startY: e.clientY, moved: false };
    if (editable) {
      e.currentTarget.setPointerCapture(e.pointerId);
      e.preventDefault();
    }
  };
  const onPointerMove = (e: PointerEvent<HTMLButtonElement>) => {
    const p = pointer.current;
    if (!p || !editable) return;
    if (!p.moved && Math.hypot(e.clientX - p.startX, e.clientY - p.startY) < DRAG_THRESHOLD) return;
    p.moved = true;
    const rect = stage.current?.getBoundingClientRect();
    if (!rect) return;
    setDrag({
      id: p.id,
      x: round(clamp((e.clientX - rect.left) / rect.width)),
      y: round(clamp((e.clientY - rect.top) / rect.height)),
    });
  };
  const onPointerUp = (e: PointerEvent<HTMLButtonElement>) => {
    const p = pointer.current;
    pointer.current = null;
    if (!p) return;
    if (p.moved && drag) {
      onMove?.(drag.id, drag.x, drag.y);
      setDrag(null);
      return;
    }
    setDrag(null);
    // A press without a drag is a click; the button's own click handler does not run after a captured pointer.
    if (e.type === 'pointerup') onOpen?.(p.id);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLButtonElement>, marker: MapMarker) => {
    if (!editable) return;
    const step = e.shiftKey ? 0.05 : 0.01;
    const delta: Record<string, [number, number]> = {
      ArrowLeft: [-step, 0],
      ArrowRight: [step, 0],
      ArrowUp: [0, -step],
      ArrowDown: [0, step],
    };
    const d = delta[e.key];
    if (!d) return;
    e.preventDefault();
    onMove?.(marker.id, round(clamp(marker.x + d[0])), round(clamp(marker.y + d[1])));
  };

  return (
    <div className="risk-map">
      <div className="risk-map-tools">
        <Space.Compact>
          <Tooltip title={labels.zoomOut}>
            <Button
              icon={<ZoomOutOutlined />}
              aria-label={labels.zoomOut}
              disabled={zoomIndex <= 0}
              onClick={() => changeZoom(ZOOMS[zoomIndex - 1] ?? 1)}
              data-testid="map-zoom-out"
            />
          </Tooltip>
          <Button className="risk-map-zoom" disabled tabIndex={-1}>
            {Math.round(zoom * 100)}%
          </Button>
          <Tooltip title={labels.zoomIn}>
            <Button
              icon={<ZoomInOutlined />}
              aria-label={labels.zoomIn}
              disabled={zoomIndex >= ZOOMS.length - 1}
              onClick={() => changeZoom(ZOOMS[zoomIndex + 1] ?? zoom)}
              data-testid="map-zoom-in"
            />
          </Tooltip>
          <Tooltip title={labels.fit}>
            <Button
              icon={<CompressOutlined />}
              aria-label={labels.fit}
              disabled={zoom === 1}
              onClick={() => changeZoom(1)}
              data-testid="map-fit"
            />
          </Tooltip>
        </Space.Compact>
      </div>
      <div
        className="risk-map-viewport"
        ref={viewport}
        style={{ height: viewHeight || undefined }}
        data-testid="risk-map"
      >
        {/* biome-ignore lint/a11y/useKeyWithClickEvents: the click is the pointer's shortcut to a spot; keyboard users place with a marker's arrow keys */}
        <section
          className={`risk-map-stage${showLabels ? ' risk-map-labels' : ''}`}
          ref={stage}
          style={{ width, height }}
          aria-label={labels.mapName}
          onClick={
            onPick &&
            ((e) => {
              if ((e.target as HTMLElement).closest('.risk-marker')) return;
              const at = toFraction(e.clientX, e.clientY);
              if (at) onPick(at.x, at.y);
            })
          }
        >
          <img
            src={imageUrl}
            alt={labels.mapName}
            className="risk-map-image"
            draggable={false}
            onLoad={(e) => setNatural({ w: e.currentTarget.naturalWidth, h: e.currentTarget.naturalHeight })}
          />
          {markers.map((m) => {
            const at = drag?.id === m.id ? drag : m;
            const classes = ['risk-marker'];
            if (m.id === selectedId) classes.push('is-selected');
            if (drag?.id === m.id) classes.push('is-dragging');
            if (m.moved) classes.push('is-moved');
            if (m.emphasis) classes.push('is-emphasis');
            if (editable) classes.push('is-editable');
            return (
              <button
                key={m.id}
                type="button"
                className={classes.join(' ')}
                style={{ left: `${at.x * 100}%`, top: `${at.y * 100}%` }}
                aria-label={[m.title, m.subtitle, editable ? labels.moveHint : ''].filter(Boolean).join('，')}
                onPointerDown={(e) => onPointerDown(e, m.id)}
                onPointerMove={onPointerMove}
                onPointerUp={onPointerUp}
                onPointerCancel={onPointerUp}
                onClick={(e) => {
                  // Keyboard activation (Enter / Space) arrives as a click with no pointer before it.
                  if (e.detail === 0) onOpen?.(m.id);
                }}
                onKeyDown={(e) => onKeyDown(e, m)}
                data-testid="map-marker"
                data-id={m.id}
              >
                <span
                  className="risk-marker-dot"
                  style={{ background: m.color, borderColor: m.border ?? '#fff' }}
                  aria-hidden
                />
                <span className="risk-marker-label" aria-hidden>
                  {m.title}
                  {m.subtitle && <span className="risk-marker-sub">{m.subtitle}</span>}
                </span>
              </button>
            );
          })}
        </section>
      </div>
    </div>
  );
}
