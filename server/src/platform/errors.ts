// One error type for the whole server: a stable code, an HTTP status and a Chinese message (plus per-field messages).
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const badRequest = (code: string, message: string, fields?: Record<string, string>) =>
  new AppError(400, code, message, fields);
export const unauthorized = (code: string, message: string) => new AppError(401, code, message);
export const forbidden = (message = '无权执行此操作', code = 'FORBIDDEN') => new AppError(403, code, message);
export const notFound = (what: string, code = 'NOT_FOUND') => new AppError(404, code, `${what}不存在或无权访问`);
export const conflict = (code: string, message: string, fields?: Record<string, string>) =>
  new AppError(409, code, message, fields);
export const unprocessable = (code: string, message: string, fields?: Record<string, string>) =>
  new AppError(422, code, message, fields);
export const tooMany = (code: string, message: string) => new AppError(429, code, message);
