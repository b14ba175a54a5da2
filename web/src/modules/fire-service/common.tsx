// Shared bits of the fire-service pages: who may do what (the server decides; this only offers), the problem-kind tag,
// and form errors of nested fields (findings.1.deadline) put on the right Form.List field.

import type { FormInstance } from 'antd';
import { Tag } from 'antd';
import type { FireProblem } from '../../../../shared/src/fire-service';
import { FIRE_PROBLEM_LABELS } from '../../../../shared/src/labels';
import { ApiError } from '../../app/api';
import { useMe } from '../../app/auth';
import { useI18n } from '../../app/i18n';

export function useFireRights() {
  const { role } = useMe();
  return {
    record: role === 'admin' || role === 'supervisor' || role === 'inspector',
    manage: role === 'admin' || role === 'supervisor',
    contracts: role === 'admin' || role === 'supervisor' || role === 'leader' || role === 'inspector',
    analyse: role === 'admin' || role === 'supervisor' || role === 'leader' || role === 'inspector',
    backfill: role === 'supervisor',
    isEnterprise: role === 'enterprise',
  };
}

const COLOURS: Record<FireProblem, string> = {
  facilities: 'red',
  evacuation: 'volcano',
  electrical: 'orange',
  combustibles: 'gold',
  hotWork: 'magenta',
  separation: 'purple',
  controlRoom: 'geekblue',
  management: 'blue',
  training: 'cyan',
  other: 'default',
};
export function ProblemTag({ problem }: { problem: FireProblem }) {
  const { l } = useI18n();
  return <Tag color={COLOURS[problem]}>{l(FIRE_PROBLEM_LABELS, problem)}</Tag>;
}

/** The server's per-field messages on the form, dotted paths (findings.1.deadline) as Form.List names. */
export function markNested(form: FormInstance, error: unknown) {
  if (!(error instanceof ApiError)) return;
  form.setFields(
    Object.entries(error.fields).map(([name, text]) => ({
      name: name.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)),
      errors: [text],
    })),
  );
}

/** A 409 of warnings the user may confirm (the same request with confirmWarnings: true then saves). */
export const isWarning = (error: unknown): error is ApiError =>
  error instanceof ApiError && error.status === 409 && /WARNINGS|EXPIRED/.test(error.code);
