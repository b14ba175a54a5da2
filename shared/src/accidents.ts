// Production safety accidents (生产安全事故, issue 12): a minimal record — enterprise, time, place, GB 6441 type, deaths,
// injuries, direct loss, summary — with its level computed from the national thresholds. Counted by credit.
import { z } from 'zod';
import { PageQuery, pageOf } from './common';
import { ACCIDENT_TYPES } from './risk';
import { isoDate, isoDateTime, optionalText, text } from './validators';

export { ACCIDENT_TYPE_NAMES, ACCIDENT_TYPES, type AccidentType } from './risk';

/** 一般 · 较大 · 重大 · 特别重大 (生产安全事故报告和调查处理条例 第三条). */
export const ACCIDENT_LEVELS = ['general', 'larger', 'major', 'especiallyMajor'] as const;
export type AccidentLevel = (typeof ACCIDENT_LEVELS)[number];
export const ACCIDENT_LEVEL_NAMES: Record<AccidentLevel, string> = {
  general: '一般事故',
  larger: '较大事故',
  major: '重大事故',
  especiallyMajor: '特别重大事故',
};

/**
 * The lower bounds of each level above 一般 (deaths, serious injuries incl. acute industrial poisoning, direct loss in
 * 万元; "以上包括本数"). Not in ../shared/reference: shipped as 待核对 (ACCIDENT_LEVELS_VERIFIED) until an admin checks
 * them against 国务院令第493号 第三条.
 */
export const ACCIDENT_LEVEL_THRESHOLDS: Record<
  Exclude<AccidentLevel, 'general'>,
  { deaths: number; seriousInjuries: number; directLoss: number }
> = {
  larger: { deaths: 3, seriousInjuries: 10, directLoss: 1000 },
  major: { deaths: 10, seriousInjuries: 50, directLoss: 5000 },
  especiallyMajor: { deaths: 30, seriousInjuries: 100, directLoss: 10000 },
};
export const ACCIDENT_LEVELS_VERIFIED = false;
export const ACCIDENT_LEVELS_SOURCE = '《生产安全事故报告和调查处理条例》（国务院令第493号）第三条';

/** The level of an accident: the highest level any one of its three figures reaches. */
export function accidentLevel(a: { deaths: number; seriousInjuries: number; directLoss: number }): AccidentLevel {
  for (const level of ['especiallyMajor', 'major', 'larger'] as const) {
    const t = ACCIDENT_LEVEL_THRESHOLDS[level];
    if (a.deaths >= t.deaths || a.seriousInjuries >= t.seriousInjuries || a.directLoss >= t.directLoss) return level;
  }
  return 'general';
}

const count = (what: string) =>
  z
    .number({ error: `${what}应为整数` })
    .int(`${what}应为整数`)
    .min(0, `${what}不能为负数`)
    .max(100000, `${what}过大`);

export const AccidentCreate = z.object({
  enterpriseId: z.uuid({ error: '请选择企业' }),
  /** When it happened (kept apart from when it was recorded). */
  occurredAt: isoDateTime,
  place: text({ error: '请填写事故地点' }).trim().min(2, '事故地点至少 2 个字').max(200, '事故地点不能超过 200 个字'),
  accidentType: z.enum(ACCIDENT_TYPES, { error: '请选择事故类别（GB 6441）' }),
  deaths: count('死亡人数').default(0),
  seriousInjuries: count('重伤人数').default(0),
  minorInjuries: count('轻伤人数').default(0),
  /** 直接经济损失，万元. */
  directLoss: z
    .number({ error: '直接经济损失应为数字（万元）' })
    .min(0, '直接经济损失不能为负数')
    .max(100_000_000, '直接经济损失过大')
    .refine((v) => Math.abs(Math.round(v * 100) - v * 100) < 1e-6, '直接经济损失最多保留两位小数')
    .default(0),
  summary: text({ error: '请填写事故简要经过' }).trim().min(4, '事故简要经过至少 4 个字').max(4000),
});
export type AccidentCreate = z.infer<typeof AccidentCreate>;

export const AccidentUpdate = z.object({
  occurredAt: isoDateTime.optional(),
  place: AccidentCreate.shape.place.optional(),
  accidentType: AccidentCreate.shape.accidentType.optional(),
  deaths: count('死亡人数').optional(),
  seriousInjuries: count('重伤人数').optional(),
  minorInjuries: count('轻伤人数').optional(),
  directLoss: AccidentCreate.shape.directLoss.unwrap().optional(),
  summary: AccidentCreate.shape.summary.optional(),
  rowVersion: z.number().int().min(1).optional(),
});
export type AccidentUpdate = z.infer<typeof AccidentUpdate>;

export const AccidentView = z.object({
  id: z.uuid(),
  serial: z.string(),
  enterpriseId: z.uuid(),
  enterpriseName: z.string(),
  occurredAt: z.string(),
  recordedAt: z.string(),
  place: z.string(),
  accidentType: z.enum(ACCIDENT_TYPES),
  deaths: z.number().int(),
  seriousInjuries: z.number().int(),
  minorInjuries: z.number().int(),
  directLoss: z.number(),
  level: z.enum(ACCIDENT_LEVELS),
  summary: z.string(),
  recordedByName: z.string().nullable(),
  rowVersion: z.number().int(),
});
export type AccidentView = z.infer<typeof AccidentView>;

export const AccidentFilters = z.object({
  q: optionalText(100),
  enterpriseId: z.uuid({ error: '企业编号格式不正确' }).optional(),
  accidentType: z.enum(ACCIDENT_TYPES, { error: '未知的事故类别' }).optional(),
  level: z.enum(ACCIDENT_LEVELS, { error: '未知的事故等级' }).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
});
export const AccidentListQuery = PageQuery.extend(AccidentFilters.shape).extend({
  order: z.enum(['asc', 'desc']).default('desc'),
});
export const AccidentPage = pageOf(AccidentView).extend({
  totals: z.object({ deaths: z.number().int(), seriousInjuries: z.number().int(), directLoss: z.number() }),
});
