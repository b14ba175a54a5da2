// Pieces every hazard page uses: the API's types and query keys, what the signed-in role may offer (the server's
// permission table still decides), status/grade tags, and the server's field messages put on a form.
import { useQueryClient } from '@tanstack/react-query';
import { type FormInstance, Grid, Tag } from 'antd';
import { useCallback } from 'react';
import type { z } from 'zod';
import type { HazardCounts, HazardDetail as HazardDetailSchema, HazardView } from '../../../../shared/src/hazards';
import { FIELD_LABELS } from '../../../../shared/src/labels';
import type { Role } from '../../../../shared/src/roles';
import { shanghaiToday } from '../../../../shared/src/validators';
import { ApiError } from '../../app/api';
import { useMe } from '../../app/auth';
import { HAZARD_GRADE_LABELS, HAZARD_STATUS_COLORS, HAZARD_STATUS_LABELS } from './labels';
import { useRecordText } from './recordText';
import { useHazardText } from './text';

export type { HazardView };
export type HazardDetail = z.infer<typeof HazardDetailSchema>;
export type HazardCountsView = z.infer<typeof HazardCounts>;
export type HazardEvent = HazardDetail['events'][number];

export const hazardKeys = {
  all: ['hazards'] as const,
  list: (q: object) => ['hazards', 'list', q] as const,
  counts: (q: object) => ['hazards', 'counts', q] as const,
  detail: (id: string) => ['hazards', 'detail', id] as const,
};

/** Mirrors server/src/platform/permissions.ts (hazards.*): only decides which buttons are offered. */
export function useHazardRights() {
  const me = useMe();
  const is = (...roles: Role[]) => roles.includes(me.role);
  return {
    role: me.role,
    enterpriseId: me.enterpriseId,
    isEnterprise: me.role === 'enterprise',
    create: is('admin', 'supervisor', 'inspector', 'enterprise'),
    rectify: is('admin', 'supervisor', 'enterprise'),
    supervise: is('admin', 'supervisor'),
    /** Extensions are asked for by the enterprise and decided by the committee. */
    requestExtension: is('enterprise'),
    /** 整改通知书 and 复查意见书 are the committee's and its inspectors' documents. */
    documents: is('admin', 'supervisor', 'inspector'),
    /** 补录 of past records, and re-issuing a document (voiding its number), are the safety office's. */
    backfill: is('supervisor'),
    reissue: is('supervisor'),
    /** The park's re-check time limit (复查超时). */
    settings: is('admin', 'supervisor'),
  };
}

/** Phones (below antd's md breakpoint, 768 px) get cards, stacked forms and full-width buttons. */
export function useIsMobile(): boolean {
  const screens = Grid.useBreakpoint();
  return screens.md === false;
}

/** Today in the park's calendar (Asia/Shanghai), as the server judges deadlines and overdue. */
export const parkToday = () => shanghaiToday();

export function StatusTag({ status }: { status: string }) {
  const { l } = useHazardText();
  return (
    <Tag color={HAZARD_STATUS_COLORS[status]} data-testid="hazard-status">
      {l(HAZARD_STATUS_LABELS, status)}
    </Tag>
  );
}

/** 重大 in red; 一般 quiet. */
export function GradeTag({ grade }: { grade: string }) {
  const { l } = useHazardText();
  return (
    <Tag
      color={grade === 'major' ? 'red' : 'default'}
      variant={grade === 'major' ? 'solid' : 'outlined'}
      data-testid="hazard-grade"
    >
      {l(HAZARD_GRADE_LABELS, grade)}
    </Tag>
  );
}

/** Status tag with the derived marks: 整改逾期 (red, the enterprise's), 复查超时 (purple, the office's), 挂牌督办, 即查即改. */
export function HazardMarks({ hazard }: { hazard: HazardView }) {
  const { h } = useHazardText();
  const { r } = useRecordText();
  const listed = hazard.listing && !hazard.listing.delistedOn;
  return (
    <span className="hazard-marks">
      <StatusTag status={hazard.status} />
      {hazard.overdue && (
        <Tag color="red" variant="solid" data-testid="hazard-overdue">
          {h.ledger.overdue}
        </Tag>
      )}
      {hazard.recheckOverdue && (
        <Tag color="purple" variant="solid" data-testid="hazard-recheck-overdue">
          {r.overdue.recheck}
        </Tag>
      )}
      {listed && (
        <Tag color="volcano" data-testid="hazard-listed">
          {h.ledger.listed}
        </Tag>
      )}
      {hazard.fixedOnSpot && <Tag color="cyan">{h.ledger.onSpot}</Tag>}
    </span>
  );
}

/**
 * Puts the server's per-field messages on the form's fields: dotted keys (hazards.0.description) become the form's
 * name paths. A name in front of a message (「说明：…」, as toasts have it) is left off beside the field itself.
 */
/** The full-width colon (U+FF1A) the server's Chinese messages put after a field name. */
const SERVER_COLON = '\uff1a';

export function markServerFields(form: FormInstance, error: unknown): void {
  if (!(error instanceof ApiError)) return;
  form.setFields(
    Object.entries(error.fields).map(([key, text]) => {
      const name = key.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
      const last = String(name[name.length - 1]);
      const prefix = [FIELD_LABELS[last], last].find((p) => p && text.startsWith(`${p}${SERVER_COLON}`));
      return { name, errors: [prefix ? text.slice(prefix.length + 1) : text] };
    }),
  );
}

/** After any change to a hazard: the detail answer replaces the cached one, lists and counts refetch. */
export function useHazardChanged() {
  const queryClient = useQueryClient();
  return useCallback(
    (detail: HazardDetail) => {
      queryClient.setQueryData(hazardKeys.detail(detail.id), detail);
      void queryClient.invalidateQueries({
        queryKey: hazardKeys.all,
        predicate: (q) => q.queryKey[1] !== 'detail' || q.queryKey[2] !== detail.id,
      });
    },
    [queryClient],
  );
}
