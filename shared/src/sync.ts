// Records captured on a phone without a signal (issue 17, 现场离线检查) and sent when the phone is online again.
// Each carries an id made on the device and an idempotency key: a retry after a lost response returns the first
// result and never records twice. The server applies them with the same rules as a record entered online.
import { z } from 'zod';
import { InspectionCreate } from './campaigns';
import { isoDateTime, optionalText } from './validators';

/** How far ahead of the server's clock a phone's capture time may be before it is refused (clock set wrong). */
export const MAX_CLOCK_AHEAD_MINUTES = 10;

const IdempotencyKey = z
  .string({ error: '缺少幂等键' })
  .trim()
  .min(8, '幂等键至少 8 个字符')
  .max(100, '幂等键不能超过 100 个字符');

/** What every synced record says about where it comes from: the device's id, who captured it and when. */
const Envelope = z.object({
  deviceRecordId: z.uuid({ error: '设备记录编号不正确' }),
  idempotencyKey: IdempotencyKey,
  /** The user signed in on the device when the record was saved; only that user may sync it. */
  capturedBy: z.uuid({ error: '采集人编号不正确' }),
  /** The device's clock when the record was saved (离线采集时间). */
  capturedAt: isoDateTime,
});

export const SyncInspectionBody = Envelope.extend({ inspection: InspectionCreate });
export type SyncInspectionBody = z.infer<typeof SyncInspectionBody>;

/** 整改提交 made offline: after-photos and a note; an assigned general hazard is started and submitted at once. */
export const SyncRectificationBody = Envelope.extend({
  hazardId: z.uuid({ error: '隐患编号不正确' }),
  note: optionalText(1000),
  evidenceIds: z.array(z.uuid()).min(1, '提交复查须上传整改后照片').max(12, '最多 12 张照片'),
});
export type SyncRectificationBody = z.infer<typeof SyncRectificationBody>;

export const SyncResult = z.object({
  deviceRecordId: z.uuid(),
  kind: z.enum(['inspection', 'rectification']),
  /** The inspection or hazard on the server. */
  entityId: z.uuid(),
  /** 检查记录 / 隐患 number or serial for the device's list. */
  label: z.string(),
  capturedAt: z.string(),
  receivedAt: z.string(),
  /** true when this answer is the stored result of an earlier request with the same key (nothing recorded again). */
  replayed: z.boolean(),
});
export type SyncResult = z.infer<typeof SyncResult>;
