// Field validators shared by forms, the API and the Excel import, each with its Chinese message.
import { z } from 'zod';
import { USCC_MESSAGES, usccProblem } from './uscc';

export const phone = z
  .string()
  .trim()
  .regex(/^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/, '电话号码格式不正确（手机 11 位，或区号-座机号）');

export const optionalText = (max: number, message = `不能超过 ${max} 个字`) =>
  z
    .string()
    .trim()
    .max(max, message)
    .nullish()
    .transform((v) => (v ? v : null));

/** A phone that may be left empty ('' and missing both become null). */
export const optionalPhone = z
  .union([z.literal(''), phone])
  .nullish()
  .transform((v) => v || null);

/** A calendar date YYYY-MM-DD that exists (no 2月30日). */
export const isoDate = z.iso.date({ error: '日期格式应为 YYYY-MM-DD，且必须是真实存在的日期' });

export const creditCode = z
  .string({ error: '请输入统一社会信用代码' })
  .trim()
  .transform((v) => v.toUpperCase())
  .superRefine((v, ctx) => {
    const problem = usccProblem(v);
    if (problem) ctx.addIssue({ code: 'custom', message: USCC_MESSAGES[problem] });
  });

/** Today in Asia/Shanghai as YYYY-MM-DD. */
export function shanghaiToday(at: Date = new Date()): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}
