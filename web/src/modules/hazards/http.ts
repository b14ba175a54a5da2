// The two kinds of request the app's JSON client (app/api.ts) does not make and the hazard pages need: PUT (整改方案,
// 停产标记) and a POST answered with a file (整改通知书 / 复查意见书, Word). Both send the session's CSRF token and turn
// a refusal into the same ApiError, so the server's Chinese message is what the user reads.
import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { ErrorBody } from '../../../../shared/src/common';
import { ApiError } from '../../app/api';
import { SESSION_KEY, type Session } from '../../app/auth';

async function send(path: string, method: string, csrf: string, body: unknown): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(`/api${path}`, {
      method,
      headers: { accept: 'application/json', 'content-type': 'application/json', 'x-csrf-token': csrf },
      credentials: 'same-origin',
      body: JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'NETWORK_ERROR', '无法连接服务器，请检查网络后重试');
  }
  if (!response.ok) {
    const data = (await response.json().catch(() => null)) as Partial<ErrorBody> | null;
    const e = data?.error;
    throw new ApiError(
      response.status,
      e?.code ?? `HTTP_${response.status}`,
      e?.message ?? `服务器错误（${response.status}），请稍后重试`,
      e?.fields,
    );
  }
  return response;
}

/** The name a download is saved under: RFC 5987 filename* first (Chinese names), then the plain one. */
function fileNameOf(response: Response, fallback: string): string {
  const header = response.headers.get('content-disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(header)?.[1];
  if (star) return decodeURIComponent(star);
  return /filename="([^"]+)"/i.exec(header)?.[1] ?? fallback;
}

export function useHazardHttp() {
  const queryClient = useQueryClient();
  const csrf = useCallback(() => queryClient.getQueryData<Session | null>(SESSION_KEY)?.csrfToken ?? '', [queryClient]);
  const put = useCallback(
    async <T>(path: string, body: unknown): Promise<T> => (await send(path, 'PUT', csrf(), body)).json() as Promise<T>,
    [csrf],
  );
  /** POSTs, saves the file the server answers with, and returns its name and the document number, if any. */
  const download = useCallback(
    async (path: string, body: unknown, fallback: string) => {
      const response = await send(path, 'POST', csrf(), body);
      const name = fileNameOf(response, fallback);
      const url = URL.createObjectURL(await response.blob());
      const link = document.createElement('a');
      link.href = url;
      link.download = name;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      const number = response.headers.get('x-document-number');
      return { name, number: number ? decodeURIComponent(number) : null };
    },
    [csrf],
  );
  return { put, download };
}
