import type { ErrorBody } from '../../../shared/src/common';

/** An error answered by the server: stable code, Chinese message, and per-field messages for forms. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

let csrfToken: string | null = null;

/** The token the server handed out with the session; every state-changing request must echo it. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** For requests the client does not make itself (antd's Upload posts its own multipart form). */
export function csrfHeaders(): Record<string, string> {
  return csrfToken ? { 'x-csrf-token': csrfToken } : {};
}

export type QueryParams = Record<string, string | number | boolean | null | undefined>;

function withQuery(path: string, query?: QueryParams): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

interface Outgoing {
  query?: QueryParams;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as multipart (a file upload); the browser sets the boundary. */
  form?: FormData;
  /** What a 413 without a server message means to this caller. */
  tooLarge?: string;
}

/**
 * Every request of the console goes through here: same-origin cookie, the session's CSRF token on anything that
 * changes state, and a refusal turned into an ApiError carrying the server's Chinese message and field messages.
 */
async function send(method: string, path: string, out: Outgoing = {}): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (out.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;

  let response: Response;
  try {
    response = await fetch(withQuery(`/api${path}`, out.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: out.form ?? (out.body === undefined ? undefined : JSON.stringify(out.body)),
    });
  } catch {
    throw new ApiError(0, 'NETWORK_ERROR', '无法连接服务器，请检查网络后重试');
  }
  if (!response.ok) {
    const text = await response.text().catch(() => '');
    const error = (safeParse(text) as Partial<ErrorBody> | null)?.error;
    throw new ApiError(
      response.status,
      error?.code ?? `HTTP_${response.status}`,
      error?.message ??
        (response.status === 413 && out.tooLarge ? out.tooLarge : `服务器错误（${response.status}），请稍后重试`),
      error?.fields,
    );
  }
  return response;
}

async function json<T>(response: Response): Promise<T> {
  const text = await response.text();
  return (text ? safeParse(text) : null) as T;
}

function request<T>(method: string, path: string, out?: Outgoing): Promise<T> {
  return send(method, path, out).then((r) => json<T>(r));
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** The name a download is saved under: RFC 5987 filename* first (Chinese names), then the plain one. */
function fileNameOf(response: Response, fallback: string): string {
  const header = response.headers.get('content-disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(header)?.[1];
  if (star) return decodeURIComponent(star);
  return /filename="([^"]+)"/i.exec(header)?.[1] ?? fallback;
}

function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

async function saved(response: Response, fallback: string) {
  const name = fileNameOf(response, fallback);
  saveBlob(await response.blob(), name);
  const number = response.headers.get('x-document-number');
  return { name, number: number ? decodeURIComponent(number) : null };
}

export const api = {
  get: <T>(path: string, query?: QueryParams) => request<T>('GET', path, { query }),
  post: <T>(path: string, body: unknown = {}) => request<T>('POST', path, { body }),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, { body }),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, { body }),
  del: <T = void>(path: string) => request<T>('DELETE', path),
  /** POSTs a multipart form (a file); answers the status too, since 202 (still running) differs from 200 (done). */
  upload: async <T>(path: string, form: FormData, options: { tooLarge?: string } = {}) => {
    const response = await send('POST', path, { form, tooLarge: options.tooLarge });
    return { status: response.status, data: await json<T>(response) };
  },
  /** POSTs, saves the file the server answers with, and returns its name and the document number, if any. */
  download: async (path: string, body: unknown, fallback: string) =>
    saved(await send('POST', path, { body }), fallback),
  /** GETs a file (e.g. an issued document again) and saves it, like download. */
  downloadGet: async (path: string, query: QueryParams, fallback: string) =>
    saved(await send('GET', path, { query }), fallback),
};

/** A list page as every list endpoint returns it. */
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}
