// Personal data shown masked (138****1234) everywhere; POST /api/personal-data/reveal shows one value in full to a
// role that needs it, with the reason recorded in the audit log (issue 16).
import { z } from 'zod';
import { text } from './validators';

/** The fields that can be revealed, by the record they belong to. */
export const REVEALABLE = {
  enterprise: ['principalPhone', 'actualControllerPhone', 'safetyManagerPhone', 'extraSafetyManagers'],
  organisation: ['contactPhone'],
  user: ['phone'],
  provider: ['contactPhone'],
  /** A training session's attendee (the record's id changes when the session is edited: the list is rewritten). */
  trainingAttendee: ['phone'],
  /** A resumption application's 联系电话. */
  resumption: ['contactPhone'],
  /** A 特种作业证书's 证书编号 (the registry's record type: its audit rows and history share it). */
  certificates: ['certificateNo'],
} as const;
export type RevealEntity = keyof typeof REVEALABLE;

export const RevealBody = z
  .object({
    entityType: z.enum(
      ['enterprise', 'organisation', 'user', 'provider', 'trainingAttendee', 'resumption', 'certificates'],
      {
        error: '未知的记录类型',
      },
    ),
    id: z.uuid({ error: '记录编号不正确' }),
    field: z.enum(
      [
        'principalPhone',
        'actualControllerPhone',
        'safetyManagerPhone',
        'extraSafetyManagers',
        'contactPhone',
        'phone',
        'certificateNo',
      ],
      { error: '该字段不能查看' },
    ),
    /** The position in a list field (extraSafetyManagers). */
    index: z.number().int().min(0).max(50).optional(),
    reason: text({ error: '请填写查看原因' })
      .trim()
      .min(2, '请填写查看原因（至少 2 个字）')
      .max(200, '查看原因不能超过 200 个字'),
  })
  .refine((b) => (REVEALABLE[b.entityType] as readonly string[]).includes(b.field), {
    message: '该记录没有这个字段',
    path: ['field'],
  });
export type RevealBody = z.infer<typeof RevealBody>;

export const RevealResult = z.object({ value: z.string().nullable() });
export type RevealResult = z.infer<typeof RevealResult>;
