import { App, Tag } from 'antd';
import type { z } from 'zod';
import type {
  JointActionPage,
  JointActionView,
  PenaltyCasePage,
  PenaltyCaseView,
} from '../../../../shared/src/enforcement';
import { PENALTY_STATUS_LABELS } from '../../../../shared/src/enforcement';
import type { Role } from '../../../../shared/src/roles';
import type { QueryParams } from '../../app/api';
import { useMe } from '../../app/auth';
import { ExportButton as ListExportButton } from '../../app/ui/ExportButton';
import { useEnforcementText } from './text';

export type PenaltyCase = PenaltyCaseView;
export type PenaltyCaseList = z.infer<typeof PenaltyCasePage>;
export type JointAction = JointActionView;
export type JointActionList = z.infer<typeof JointActionPage>;

export const enforcementKeys = {
  penalties: ['enforcement', 'penalties'] as const,
  penaltyList: (q: object) => ['enforcement', 'penalties', 'list', q] as const,
  penalty: (id: string | null) => ['enforcement', 'penalties', 'detail', id] as const,
  joint: ['enforcement', 'joint'] as const,
  jointList: (q: object) => ['enforcement', 'joint', 'list', q] as const,
  jointOne: (id: string | null) => ['enforcement', 'joint', 'detail', id] as const,
};

export function useEnforcementRights() {
  const me = useMe();
  const is = (...roles: Role[]) => roles.includes(me.role);
  return {
    role: me.role,
    isEnterprise: me.role === 'enterprise',
    readPenalties: true,
    managePenalties: is('admin', 'supervisor'),
    readJoint: is('admin', 'supervisor', 'leader', 'department'),
    manageJoint: is('admin', 'supervisor', 'department'),
  };
}

const STATUS_COLORS: Record<string, string> = { filed: 'orange', decided: 'blue', executed: 'purple', closed: 'green' };

export function PenaltyStatusTag({ status }: { status: string }) {
  const { l } = useEnforcementText();
  return (
    <Tag color={STATUS_COLORS[status]} data-testid="penalty-status">
      {l(PENALTY_STATUS_LABELS, status)}
    </Tag>
  );
}

/** Yuan with two decimals and thousands separators: 20,000.00. */
export const formatYuan = (v: number) =>
  v.toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** Downloads the filtered register as Excel (the server builds the workbook within the user's data scope). */
export function ExportButton({
  path,
  query,
  fallback,
  testId,
  block,
}: {
  path: string;
  query: QueryParams;
  fallback: string;
  testId: string;
  block?: boolean;
}) {
  const { e } = useEnforcementText();
  const { message } = App.useApp();
  const { page: _p, pageSize: _s, ...filters } = query;
  return (
    <ListExportButton
      path={path}
      params={filters}
      fileName={fallback}
      label={e.export}
      testId={testId}
      block={block}
      onDone={(name) => message.success(e.exported(name))}
    />
  );
}
