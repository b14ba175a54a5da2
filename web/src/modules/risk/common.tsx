// Pieces every risk page uses: query keys, what the signed-in role may offer (the server's permission table still
// decides), the level tag (colour with its name beside it, always) and the API's paths.
import { Tag, Tooltip } from 'antd';
import type { RiskLevel } from '../../../../shared/src/risk';
import type { Role } from '../../../../shared/src/roles';
import { useMe } from '../../app/auth';
import { levelHex, onColour, RISK_LEVEL_LABELS } from './labels';
import { useRiskText } from './text';

export const riskKeys = {
  all: ['risk'] as const,
  points: (q: object) => ['risk', 'points', q] as const,
  counts: (q: object) => ['risk', 'counts', q] as const,
  point: (id: string) => ['risk', 'point', id] as const,
  enterprise: (id: string) => ['risk', 'enterprise', id] as const,
  major: (q: object) => ['risk', 'major', q] as const,
  thresholds: ['risk', 'thresholds'] as const,
  map: (q: object) => ['risk', 'map', q] as const,
  distribution: (q: object) => ['risk', 'distribution', q] as const,
};

/** Mirrors server/src/platform/permissions.ts (risk.*): only decides which buttons are offered. */
export function useRiskRights() {
  const me = useMe();
  const is = (...roles: Role[]) => roles.includes(me.role);
  return {
    role: me.role,
    enterpriseId: me.enterpriseId,
    isEnterprise: me.role === 'enterprise',
    /** Add, change and delete risk points (an enterprise its own). */
    write: is('admin', 'supervisor', 'enterprise'),
    review: is('admin', 'supervisor'),
    override: is('admin', 'supervisor'),
    thresholds: is('admin'),
    uploadPlan: is('admin'),
    place: is('admin', 'supervisor'),
    import: is('admin', 'supervisor'),
  };
}

/** 重大 in solid red, 较大 orange, 一般 yellow (dark text), 低 blue; 未评估 grey. The name always shows. */
export function LevelTag({
  level,
  overridden,
  testId = 'risk-level',
}: {
  level: RiskLevel | 'none' | null | undefined;
  overridden?: boolean;
  testId?: string;
}) {
  const { l, r } = useRiskText();
  const key = level ?? 'none';
  const tag = (
    <Tag
      className="risk-level-tag"
      variant="solid"
      color={levelHex(key)}
      style={{ color: onColour(key) }}
      data-testid={testId}
      data-level={key}
    >
      {l(RISK_LEVEL_LABELS, key)}
      {overridden ? ' *' : ''}
    </Tag>
  );
  return overridden ? <Tooltip title={r.enterprise.overridden}>{tag}</Tooltip> : tag;
}

/** A score without float noise: 540, 4.2, 0.6. */
export const formatScore = (n: number) => String(Math.round(n * 100) / 100);
