import { z } from 'zod';
import { PageQuery, pageOf } from './common';
import { ORGANISATION_KINDS } from './roles';
import { text } from './validators';

export const OrganisationView = z.object({
  id: z.uuid(),
  kind: z.enum(ORGANISATION_KINDS),
  name: z.string(),
  contactPerson: z.string().nullable(),
  contactPhone: z.string().nullable(),
  disabled: z.boolean(),
  userCount: z.number().int(),
  createdAt: z.string(),
});
export type OrganisationView = z.infer<typeof OrganisationView>;
export const OrganisationPage = pageOf(OrganisationView);

export const OrganisationListQuery = PageQuery.extend({
  q: text().trim().max(64).optional(),
  kind: z.enum(ORGANISATION_KINDS).optional(),
  sort: z.enum(['name', 'kind', 'createdAt']).default('name'),
});

/** Enterprises are created through the enterprise registry, not here. */
export const OrganisationCreate = z.object({
  kind: z.enum(['committee', 'department', 'village', 'service_provider'], { error: '请选择单位类型' }),
  name: text().trim().min(2, '单位名称至少 2 个字').max(100, '单位名称不能超过 100 个字'),
  contactPerson: text().trim().max(50).nullish(),
  contactPhone: text().trim().max(30).nullish(),
});

export const OrganisationUpdate = OrganisationCreate.omit({ kind: true }).partial().extend({
  disabled: z.boolean().optional(),
});
