// The two kinds of request the shared JSON client (app/api.ts) does not make: DELETE and a multipart upload. Both send
// the session's CSRF token and turn a refusal into the same ApiError, so forms show the message and mark the fields.
import type { QueryClient } from '@tanstack/react-query';
import type { ErrorBody } from '../../../../shared/src/common';
import { ApiError } from '../../app/api';
import { SESSION_KEY, type Session } from '../../app/auth';

function csrf(queryClient: QueryClient): Record<string, string> {
  const token = queryClient.getQueryData<Session | null>(SESSION_KEY)?.csrfToken;
  return token ? { 'x-csrf-token': token } : {};
}

async function send<T>(path: string, init: RequestInit): Promise<{ status: number; data: T }> {
  let response: Response;
  try {
    response = await fetch(`/api${path}`, { credentials: 'same-origin', ...init });
  } catch {
    throw new ApiError(0, 'NETWORK_ERROR', '无法连接服务器，请检查网络后重试');
  }
  const text = await response.text();
  let data: unknown = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (!response.ok) {
    const error = (data as Partial<ErrorBody> | null)?.error;
    throw new ApiError(
      response.status,
      error?.code ?? `HTTP_${response.status}`,
      error?.message ??
        (response.status === 413 ? '文件过大，请拆分后分批导入' : `服务器错误（${response.status}），请稍后重试`),
      error?.fields,
    );
  }
  return { status: response.status, data: data as T };
}

export async function apiDelete(queryClient: QueryClient, path: string): Promise<void> {
  await send(path, { method: 'DELETE', headers: { accept: 'application/json', ...csrf(queryClient) } });
}

/** POSTs a form with a file; answers the status too, since 202 (still running) differs from 200 (done). */
export function apiUpload<T>(queryClient: QueryClient, path: string, form: FormData) {
  return send<T>(path, { method: 'POST', headers: { accept: 'application/json', ...csrf(queryClient) }, body: form });
}
