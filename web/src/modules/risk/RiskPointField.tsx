// 关联风险点 of the hazard registration: a hazard found because a control measure failed (排查类型 管控措施失效) is
// recorded against one of the enterprise's risk points, which then lists it. Used by hazards/HazardRegisterDrawer.
import { useQuery } from '@tanstack/react-query';
import { Form, Select, Space } from 'antd';
import { useState } from 'react';
import type { RiskPointView } from '../../../../shared/src/risk';
import { api, type Page } from '../../app/api';
import { useDebounced } from '../../app/useDebounced';
import { formatScore, LevelTag } from './common';
import { useRiskText } from './text';

function RiskPointPicker({
  enterpriseId,
  value,
  onChange,
}: {
  enterpriseId?: string;
  value?: string;
  onChange?: (id: string | undefined) => void;
}) {
  const { r } = useRiskText();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim());
  const found = useQuery({
    queryKey: ['risk', 'points', 'options', enterpriseId, q],
    queryFn: () =>
      api.get<Page<RiskPointView>>('/risk/points', { enterpriseId, q, pageSize: 50, sort: 'score', order: 'desc' }),
    enabled: Boolean(enterpriseId),
  });
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setSearch }}
      allowClear
      value={value}
      onChange={onChange}
      disabled={!enterpriseId}
      loading={found.isFetching}
      placeholder={enterpriseId ? r.hazard.pick : r.hazard.enterpriseFirst}
      notFoundContent={found.isSuccess ? r.hazard.none : undefined}
      options={(found.data?.items ?? []).map((p) => ({
        value: p.id,
        label: p.name,
        point: p,
      }))}
      optionRender={(option) => {
        const p = (option.data as { point: RiskPointView }).point;
        return (
          <Space size={6}>
            <LevelTag level={p.level} testId="risk-option-level" />
            <span>{p.name}</span>
            <span className="risk-cell-sub">
              {p.method} {formatScore(p.score)}
            </span>
          </Space>
        );
      }}
      data-testid="hazard-risk-point"
    />
  );
}

/** The form field; shown by the caller when the source is 管控措施失效. */
export function RiskPointField({ enterpriseId, name = 'riskPointId' }: { enterpriseId?: string; name?: string }) {
  const { r } = useRiskText();
  return (
    <Form.Item name={name} label={r.hazard.label} extra={r.hazard.hint}>
      <RiskPointPicker enterpriseId={enterpriseId} />
    </Form.Item>
  );
}
