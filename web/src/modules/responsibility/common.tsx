// What the responsibility pages share: the data types of the shared schemas, query keys, downloads and the tags.
import { App, Tag } from 'antd';
import type { z } from 'zod';
import type {
  CommendationView,
  Grade,
  LetterView,
  RoundResults,
  RoundStatus,
  RoundView,
  TemplateView,
  VerifyResult,
} from '../../../../shared/src/responsibility';
import { api } from '../../app/api';
import { useResponsibilityText } from './text';

export type Template = z.infer<typeof TemplateView>;
export type Letter = z.infer<typeof LetterView>;
export type Round = z.infer<typeof RoundView>;
export type Results = z.infer<typeof RoundResults>;
export type Commendation = z.infer<typeof CommendationView>;
export type Verify = z.infer<typeof VerifyResult>;

export const keys = {
  templates: (year: number) => ['responsibility', 'templates', year] as const,
  letters: ['responsibility', 'letters'] as const,
  rounds: ['responsibility', 'rounds'] as const,
  results: (id: string) => ['responsibility', 'results', id] as const,
  commendations: ['responsibility', 'commendations'] as const,
};

export const thisYear = () => Number(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 4));

/** Downloads a GET file and reports the outcome. */
export function useDownload() {
  const { message } = App.useApp();
  const t = useResponsibilityText();
  return async (path: string, fallback: string) => {
    try {
      const f = await api.downloadGet(path, {}, fallback);
      message.success(t.common.downloaded(f.name));
    } catch (error) {
      message.error(error instanceof Error ? error.message : String(error));
    }
  };
}

export function SignedTag({ signedAt }: { signedAt: string | null }) {
  const t = useResponsibilityText();
  return signedAt ? <Tag color="success">{t.common.signed}</Tag> : <Tag color="warning">{t.common.unsigned}</Tag>;
}

export function GradeTag({ grade }: { grade: Grade | null }) {
  const t = useResponsibilityText();
  if (!grade) return <>—</>;
  const color = { excellent: 'success', good: 'processing', pass: 'default', fail: 'error' }[grade];
  return <Tag color={color}>{t.common.grade(grade)}</Tag>;
}

export function RoundStatusTag({ status }: { status: RoundStatus }) {
  const t = useResponsibilityText();
  const color = { draft: 'default', open: 'processing', publishing: 'warning', published: 'success' }[status];
  return <Tag color={color}>{t.common.roundStatus(status)}</Tag>;
}
