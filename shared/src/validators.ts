// Field validators shared by forms, the API and the Excel import, each with its Chinese message.
import { z } from 'zod';
import { USCC_MESSAGES, usccProblem } from './uscc';

export const phone = z
  .string()
  .trim()
  .regex(/^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/, '电话号码格式不正确（手机 11 位，或区号-座机号）');

/**
 * Whether a string is storable text: no NUL (PostgreSQL refuses it in text columns) and no unpaired UTF-16
 * surrogate (the database driver would silently store U+FFFD in its place).
 */
export function isCleanText(v: string): boolean {
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c === 0) return false;
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = v.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return false;
      i++;
    } else if (c >= 0xdc00 && c <= 0xdfff) return false;
  }
  return true;
}

export const TEXT_INVALID = '含有无法保存的字符（空字符或无效的 Unicode 字符），请删除后重试';

/**
 * The one text schema of every request field and query parameter: a string that is storable text (isCleanText).
 * Chain the usual checks after it: text().trim().min(2).max(100).
 */
export const text = (params?: Parameters<typeof z.string>[0]) => z.string(params).refine(isCleanText, TEXT_INVALID);

export const optionalText = (max: number, message = `不能超过 ${max} 个字`) =>
  text()
    .trim()
    .max(max, message)
    .nullish()
    .transform((v) => (v ? v : null));

/** A phone that may be left empty ('' and missing both become null). */
export const optionalPhone = z
  .union([z.literal(''), phone])
  .nullish()
  .transform((v) => v || null);

/**
 * A phone in an edit form: a full number, or the mask the form was shown (138****1234) when the user left the field
 * alone — the server keeps the stored number for a mask equal to its own, and refuses any other mask.
 */
export const optionalPhoneOrMask = z
  .union([
    z.literal(''),
    phone,
    z
      .string()
      .trim()
      .regex(/^[0-9-]*\*+[0-9-]*$/, '电话号码格式不正确')
      .max(20),
  ])
  .nullish()
  .transform((v) => v || null);

/** The years a date of this platform may carry: the database has no year 0, and no record dates from outside these. */
export const DATE_YEAR_MIN = 1900;
export const DATE_YEAR_MAX = 2199;
const DATE_RANGE_MESSAGE = `日期应在 ${DATE_YEAR_MIN} 年至 ${DATE_YEAR_MAX} 年之间`;
const yearInRange = (v: string) => {
  const year = Number(v.slice(0, 4));
  return year >= DATE_YEAR_MIN && year <= DATE_YEAR_MAX;
};

/** The one date schema: a calendar date YYYY-MM-DD that exists (no 2月30日), within the platform's years. */
export const isoDate = z.iso
  .date({ error: '日期格式应为 YYYY-MM-DD，且必须是真实存在的日期' })
  .refine(yearInRange, DATE_RANGE_MESSAGE);

/** The one date-time schema: ISO 8601 with an offset (2026-05-01T10:00:00+08:00), within the platform's years. */
export const isoDateTime = z.iso
  .datetime({ offset: true, error: '时间格式应为 ISO 8601（如 2026-05-01T10:00:00+08:00）' })
  .refine((v) => {
    const at = new Date(v);
    return !Number.isNaN(at.getTime()) && yearInRange(at.toISOString());
  }, DATE_RANGE_MESSAGE);

export const creditCode = z
  .string({ error: '请输入统一社会信用代码' })
  .trim()
  .transform((v) => v.toUpperCase())
  .superRefine((v, ctx) => {
    const problem = usccProblem(v);
    if (problem) ctx.addIssue({ code: 'custom', message: USCC_MESSAGES[problem] });
  });

/** "2026-11-23 10:05" in Asia/Shanghai (UTC+8, no daylight saving); '' for none. For exports and messages. */
export function shanghaiMinute(at: Date | string | null | undefined): string {
  if (at == null || at === '') return '';
  return new Date(new Date(at).getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

/** Today in Asia/Shanghai as YYYY-MM-DD. */
export function shanghaiToday(at: Date = new Date()): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}
