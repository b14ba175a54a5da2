// Service providers (服务机构): qualified training providers and third-party fire technical service companies, one
// record per company with the kinds of service it gives and its qualification's validity.
import { z } from 'zod';
import { PageQuery, pageOf, patchOf } from './common';
import { isoDate, optionalPhone, optionalPhoneOrMask, optionalText, text } from './validators';

export const PROVIDER_KINDS = ['training', 'fireService', 'safetyService', 'other'] as const;
export type ProviderKind = (typeof PROVIDER_KINDS)[number];
export const PROVIDER_KIND_NAMES: Record<ProviderKind, string> = {
  training: '安全培训机构',
  fireService: '消防技术服务机构',
  safetyService: '安全生产技术服务机构',
  other: '其他服务机构',
};

export const ProviderCreate = z.object({
  name: text({ error: '请填写机构名称' }).trim().min(2, '机构名称至少 2 个字').max(100, '机构名称不能超过 100 个字'),
  kinds: z
    .array(z.enum(PROVIDER_KINDS, { error: '未知的服务类别' }), { error: '请选择服务类别' })
    .min(1, '请至少选择一个服务类别')
    .max(PROVIDER_KINDS.length)
    .transform((v) => [...new Set(v)]),
  creditCode: optionalText(18, '统一社会信用代码为 18 位'),
  /** The qualification held (e.g. 消防设施维护保养检测机构, 安全培训机构). */
  qualification: optionalText(200),
  qualificationNo: optionalText(100),
  qualificationValidUntil: isoDate.nullish().transform((v) => v ?? null),
  contactPerson: optionalText(50),
  contactPhone: optionalPhone,
  note: optionalText(1000),
  active: z.boolean().default(true),
});
export type ProviderCreate = z.infer<typeof ProviderCreate>;
export const ProviderUpdate = patchOf(ProviderCreate).extend({
  rowVersion: z.number().int().min(1).optional(),
  // The form shows the phone masked: a mask left untouched keeps the stored number.
  contactPhone: optionalPhoneOrMask.optional(),
});
export type ProviderUpdate = z.infer<typeof ProviderUpdate>;

export const ProviderView = z.object({
  id: z.uuid(),
  name: z.string(),
  kinds: z.array(z.enum(PROVIDER_KINDS)),
  creditCode: z.string().nullable(),
  qualification: z.string().nullable(),
  qualificationNo: z.string().nullable(),
  qualificationValidUntil: z.string().nullable(),
  /** Derived at read time from the validity date and today (Asia/Shanghai): never stored. */
  qualificationExpired: z.boolean(),
  contactPerson: z.string().nullable(),
  contactPhone: z.string().nullable(),
  note: z.string().nullable(),
  active: z.boolean(),
  updatedAt: z.string(),
  rowVersion: z.number().int(),
});
export type ProviderView = z.infer<typeof ProviderView>;

export const ProviderFilters = z.object({
  q: optionalText(100),
  kind: z.enum(PROVIDER_KINDS, { error: '未知的服务类别' }).optional(),
  active: z
    .enum(['true', 'false'], { error: '状态应为 true 或 false' })
    .transform((v) => v === 'true')
    .optional(),
  expired: z
    .enum(['true', 'false'], { error: '资质状态应为 true 或 false' })
    .transform((v) => v === 'true')
    .optional(),
});
export const ProviderListQuery = PageQuery.extend(ProviderFilters.shape);
export const ProviderPage = pageOf(ProviderView);

/** Whether a provider may be chosen for new work on a date: an expired qualification is a warning, not a refusal. */
export function qualificationExpiredOn(validUntil: string | null, day: string): boolean {
  return validUntil !== null && validUntil < day;
}
