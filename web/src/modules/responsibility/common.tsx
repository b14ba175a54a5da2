// What the responsibility pages share: the data types of the shared schemas, query keys, downloads and the tags.
import { App, Tag } from 'antd';
import type { z } from 'zod';
import type {
  CommendationView,
  LetterView,
  RoundResults,
  RoundView,
  TemplateView,
  VerifyResult,
} from '../../../../shared/src/responsibility';
import { GRADE_LABELS, type Grade, ROUND_STATUS_LABELS, type RoundStatus } from '../../../../shared/src/responsibility';
import { api } from '../../app/api';

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

/** Signed of issued as "12 / 41（29.3%）" — the one formatter of the signing rate. */
export const formatRate = (signed: number, issued: number, rate: number | null) =>
  `${signed} / ${issued}（${rate == null ? '—' : `${rate.toFixed(1)}%`}）`;

/** Downloads a GET file and reports the outcome. */
export function useDownload() {
  const { message } = App.useApp();
  return async (path: string, fallback: string) => {
    try {
      const f = await api.downloadGet(path, {}, fallback);
      message.success(`已下载：${f.name}`);
    } catch (error) {
      message.error(error instanceof Error ? error.message : String(error));
    }
  };
}

export function SignedTag({ signedAt }: { signedAt: string | null }) {
  return signedAt ? <Tag color="success">已签署</Tag> : <Tag color="warning">未签署</Tag>;
}

export function GradeTag({ grade }: { grade: Grade | null }) {
  if (!grade) return <>—</>;
  const color = { excellent: 'success', good: 'processing', pass: 'default', fail: 'error' }[grade];
  return <Tag color={color}>{GRADE_LABELS[grade]}</Tag>;
}

export function RoundStatusTag({ status }: { status: RoundStatus }) {
  const color = { draft: 'default', open: 'processing', publishing: 'warning', published: 'success' }[status];
  return <Tag color={color}>{ROUND_STATUS_LABELS[status]}</Tag>;
}
