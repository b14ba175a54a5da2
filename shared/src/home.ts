import { z } from 'zod';

const Count = z.object({ key: z.string(), count: z.number().int() });

/** Figures for the role's home page, all counted from stored records. */
export const HomeStats = z.object({
  role: z.string(),
  enterprises: z.object({
    total: z.number().int(),
    bySiteType: z.array(Count),
    byStatus: z.array(Count),
    byTag: z.array(Count),
    byArea: z.array(Count),
  }),
  users: z.object({ total: z.number().int(), active: z.number().int(), locked: z.number().int() }).nullable(),
  organisations: z.array(Count).nullable(),
  audit: z.object({ today: z.number().int(), failedLoginsToday: z.number().int() }).nullable(),
  enterprise: z
    .object({ id: z.string(), name: z.string(), creditCode: z.string(), status: z.string(), tags: z.array(z.string()) })
    .nullable(),
});
export type HomeStats = z.infer<typeof HomeStats>;

export const Health = z.object({
  status: z.literal('ok'),
  database: z.enum(['pglite', 'postgres']),
  version: z.string(),
});
