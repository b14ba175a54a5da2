// 平面图位置 in the enterprise form: whether the enterprise is placed on the park plan, and a dialog that places it
// on the plan itself (a click on the spot, a drag of the marker, or the arrow keys) — positions are fractions of the
// plan that nobody should have to type or read.
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Form, Grid, Input, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import type { ParkPlanView } from '../../../../shared/src/risk';
import { api } from '../../app/api';
import { PageLoading } from '../../app/ui/PageLoading';
import { QueryError } from '../../app/ui/QueryError';
import { RiskMap } from '../risk/RiskMap';
import { useRiskText } from '../risk/text';
import { useEnterpriseText } from './text';

type Spot = { x: number; y: number };
const MARKER_ID = 'this-enterprise';

export function PlanPositionField({ disabled }: { disabled: boolean }) {
  const { t, x } = useEnterpriseText();
  const form = Form.useFormInstance();
  const mapX = Form.useWatch<number | null | undefined>('mapX', form);
  const mapY = Form.useWatch<number | null | undefined>('mapY', form);
  const name = Form.useWatch<string | undefined>('name', form) ?? '';
  const placed = typeof mapX === 'number' && typeof mapY === 'number';
  const touched = form.isFieldTouched('mapX');
  const [picking, setPicking] = useState(false);
  const set = (spot: Spot | null) => {
    form.setFields([
      { name: 'mapX', value: spot?.x ?? null, touched: true },
      { name: 'mapY', value: spot?.y ?? null, touched: true },
    ]);
  };

  return (
    <>
      {/* The two fractions stay in the form's values (and in the saved record) without ever being shown. */}
      <Form.Item name="mapX" hidden>
        <Input />
      </Form.Item>
      <Form.Item name="mapY" hidden>
        <Input />
      </Form.Item>
      <Form.Item label={t.enterprise.mapPosition} tooltip={disabled ? x.form.locked : undefined}>
        <Space wrap size={[8, 4]} data-testid="field-map-position">
          <Typography.Text type={placed ? undefined : 'secondary'} data-testid="map-position-state">
            {placed ? (touched ? x.form.mapPicked : t.enterprise.mapMarked) : t.enterprise.mapUnmarked}
          </Typography.Text>
          {!disabled && (
            <Button size="small" onClick={() => setPicking(true)} data-testid="map-position-pick">
              {placed ? x.form.mapMove : x.form.mapPlace}
            </Button>
          )}
          {!disabled && placed && (
            <Button size="small" type="link" danger onClick={() => set(null)} data-testid="map-position-clear">
              {x.form.mapClear}
            </Button>
          )}
        </Space>
      </Form.Item>
      {picking && (
        <PlanPicker
          name={name}
          initial={placed ? { x: mapX, y: mapY } : null}
          onCancel={() => setPicking(false)}
          onOk={(spot) => {
            set(spot);
            setPicking(false);
          }}
        />
      )}
    </>
  );
}

function PlanPicker({
  name,
  initial,
  onCancel,
  onOk,
}: {
  name: string;
  initial: Spot | null;
  onCancel: () => void;
  onOk: (spot: Spot) => void;
}) {
  const { x } = useEnterpriseText();
  const { r } = useRiskText();
  const phone = Grid.useBreakpoint().md === false;
  const [spot, setSpot] = useState<Spot | null>(initial);
  const [focusId, setFocusId] = useState<string | null>(null);
  const plan = useQuery({
    queryKey: ['risk', 'map', 'plan'],
    queryFn: () => api.get<ParkPlanView | null>('/risk/map/plan'),
  });
  const m = r.map;

  return (
    <Modal
      open
      title={x.form.mapPickTitle}
      onCancel={onCancel}
      width={phone ? '100%' : 860}
      okText={x.form.mapOk}
      okButtonProps={{ disabled: !spot, 'data-testid': 'map-pick-ok' }}
      onOk={() => spot && onOk(spot)}
      destroyOnHidden
    >
      {plan.isError ? (
        <QueryError error={plan.error} onRetry={() => void plan.refetch()} />
      ) : plan.isPending ? (
        <PageLoading />
      ) : !plan.data ? (
        <Alert type="warning" showIcon title={x.form.mapNoPlan} />
      ) : (
        <div data-testid="map-picker">
          <Space wrap className="plan-picker-head">
            <Typography.Text type="secondary">{x.form.mapPickHint}</Typography.Text>
            {!spot && (
              <Button
                size="small"
                onClick={() => {
                  setSpot({ x: 0.5, y: 0.5 });
                  setFocusId(MARKER_ID);
                }}
              >
                {x.form.mapCentre}
              </Button>
            )}
          </Space>
          <RiskMap
            imageUrl={plan.data.url}
            markers={spot ? [{ id: MARKER_ID, ...spot, color: '#1a56db', title: name, emphasis: true }] : []}
            editable
            onMove={(_id, px, py) => setSpot({ x: px, y: py })}
            onPick={(px, py) => setSpot({ x: px, y: py })}
            showLabels
            focusId={focusId}
            maxHeight={phone ? 360 : 520}
            labels={{ zoomIn: m.zoomIn, zoomOut: m.zoomOut, fit: m.fit, mapName: m.mapName, moveHint: m.moveHint }}
          />
        </div>
      )}
    </Modal>
  );
}
