// A handwritten signature (检查人员签名, 企业负责人/陪同人员签名): pointer events cover finger, pen and mouse alike. The
// strokes are kept and redrawn when the box changes size (a phone turned sideways), and each finished stroke hands the
// whole signature on as a PNG on white — the server re-encodes images as JPEG, where transparency would turn black.
import { ClearOutlined } from '@ant-design/icons';
import { Button, Typography } from 'antd';
import { type PointerEvent, useCallback, useEffect, useRef, useState } from 'react';
import { useI18n } from '../i18n';

type Point = [x: number, y: number];

interface Props {
  /** The signature as a PNG, or null while the box is empty. */
  onChange?: (png: Blob | null) => void;
  /** CSS pixels; the width follows the container. */
  height?: number;
  testId?: string;
  disabled?: boolean;
}

const INK = '#111827';

export function SignaturePad({ onChange, height = 180, testId, disabled }: Props) {
  const { t } = useI18n();
  const canvas = useRef<HTMLCanvasElement>(null);
  const strokes = useRef<Point[][]>([]);
  const drawing = useRef(false);
  const [empty, setEmpty] = useState(true);

  /** Strokes are stored in CSS pixels; the backing store is scaled for sharp lines on high-density screens. */
  const redraw = useCallback(() => {
    const el = canvas.current;
    const ctx = el?.getContext('2d');
    if (!el || !ctx) return;
    const ratio = window.devicePixelRatio || 1;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, el.width / ratio, el.height / ratio);
    ctx.strokeStyle = INK;
    ctx.fillStyle = INK;
    ctx.lineWidth = 2.5;
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    for (const stroke of strokes.current) {
      const [first, ...rest] = stroke;
      if (!first) continue;
      if (rest.length === 0) {
        ctx.beginPath();
        ctx.arc(first[0], first[1], 1.5, 0, Math.PI * 2);
        ctx.fill();
        continue;
      }
      ctx.beginPath();
      ctx.moveTo(first[0], first[1]);
      for (const [x, y] of rest) ctx.lineTo(x, y);
      ctx.stroke();
    }
  }, []);

  useEffect(() => {
    const el = canvas.current;
    if (!el) return;
    const resize = () => {
      const ratio = window.devicePixelRatio || 1;
      const width = el.clientWidth;
      el.width = Math.round(width * ratio);
      el.height = Math.round(height * ratio);
      redraw();
    };
    resize();
    const observer = new ResizeObserver(resize);
    observer.observe(el);
    return () => observer.disconnect();
  }, [height, redraw]);

  const pointOf = (e: PointerEvent<HTMLCanvasElement>): Point => {
    const box = e.currentTarget.getBoundingClientRect();
    return [e.clientX - box.left, e.clientY - box.top];
  };

  const emit = () => {
    const el = canvas.current;
    if (!el || !onChange) return;
    if (strokes.current.length === 0) {
      onChange(null);
      return;
    }
    el.toBlob((blob) => onChange(blob), 'image/png');
  };

  const down = (e: PointerEvent<HTMLCanvasElement>) => {
    if (disabled || (e.pointerType === 'mouse' && e.button !== 0)) return;
    e.preventDefault();
    e.currentTarget.setPointerCapture(e.pointerId);
    drawing.current = true;
    strokes.current.push([pointOf(e)]);
    redraw();
  };
  const move = (e: PointerEvent<HTMLCanvasElement>) => {
    if (!drawing.current) return;
    e.preventDefault();
    strokes.current[strokes.current.length - 1]?.push(pointOf(e));
    redraw();
  };
  const up = () => {
    if (!drawing.current) return;
    drawing.current = false;
    setEmpty(false);
    emit();
  };
  const clear = () => {
    strokes.current = [];
    setEmpty(true);
    redraw();
    onChange?.(null);
  };

  return (
    <div className="signature-pad" data-testid={testId}>
      <div className="signature-box">
        <canvas
          ref={canvas}
          style={{ height }}
          className="signature-canvas"
          onPointerDown={down}
          onPointerMove={move}
          onPointerUp={up}
          onPointerCancel={up}
          data-testid={testId && `${testId}-canvas`}
        />
        {empty && <span className="signature-placeholder">{t.signature.placeholder}</span>}
      </div>
      <div className="signature-foot">
        <Typography.Text type="success" data-testid={testId && `${testId}-state`}>
          {empty ? '' : t.signature.signed}
        </Typography.Text>
        <Button
          icon={<ClearOutlined />}
          onClick={clear}
          disabled={disabled || empty}
          data-testid={testId && `${testId}-clear`}
        >
          {t.signature.clear}
        </Button>
      </div>
    </div>
  );
}
