// The park plan of the four-colour map: one image per park. An upload goes through the files pipeline (type decided
// by content, image re-oriented, resized and re-encoded to JPEG without metadata) into the file store; the demo
// park's generated plan is an SVG rendered to JPEG by sharp when first served (no online tiles anywhere).
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import sharp from 'sharp';
import type { ParkPlanView } from '../../../../shared/src/risk';
import { parkPlans } from '../../db/schema';
import type { Actor, RequestContext } from '../../platform/actor';
import { appendAudit } from '../../platform/audit';
import { now } from '../../platform/clock';
import type { Db } from '../../platform/db';
import { AppError, badRequest, notFound } from '../../platform/errors';
import {
  type FileStore,
  isImageKind,
  JPEG_QUALITY,
  MAX_INPUT_PIXELS,
  processImage,
  sha256Of,
  sniff,
  UnreadableImageError,
} from '../../platform/files';
import { assertCan } from '../../platform/permissions';

export const PLAN_TYPES_MESSAGE = '园区平面图只能上传 JPG/PNG/WebP 图片';

type PlanRow = typeof parkPlans.$inferSelect;

const viewOf = (r: PlanRow): ParkPlanView => ({
  fileId: r.id,
  // The id in the query changes with every upload, so browsers never show a replaced plan from cache.
  url: `/api/risk/map/plan/image?v=${r.id}`,
  width: r.width,
  height: r.height,
  originalName: r.originalName,
  uploadedAt: r.uploadedAt.toISOString(),
});

async function row(db: Db, parkId: string): Promise<PlanRow | null> {
  const [r] = await db.select().from(parkPlans).where(eq(parkPlans.parkId, parkId));
  return r ?? null;
}

export async function planView(db: Db, actor: Actor): Promise<ParkPlanView | null> {
  const r = await row(db, actor.parkId);
  return r ? viewOf(r) : null;
}

/** Replaces the park's plan with an uploaded image (admin). The old stored image is removed after the commit. */
export async function uploadPlan(
  db: Db,
  store: FileStore,
  ctx: RequestContext,
  upload: { buffer: Buffer; fileName: string },
): Promise<ParkPlanView> {
  const actor = ctx.actor!;
  assertCan(actor, 'risk.plan');
  const kind = sniff(upload.buffer.subarray(0, 32));
  if (!kind || !isImageKind(kind))
    throw badRequest('FILE_TYPE_NOT_ALLOWED', PLAN_TYPES_MESSAGE, { file: PLAN_TYPES_MESSAGE });
  let image: Awaited<ReturnType<typeof processImage>>;
  try {
    image = await processImage(upload.buffer, kind);
  } catch (err) {
    if (err instanceof UnreadableImageError) {
      const message =
        err.reason === 'pixels'
          ? `图片像素过多（超过 ${MAX_INPUT_PIXELS / 1_000_000} 百万像素），请缩小后重新上传`
          : '图片已损坏或无法识别，请重新导出后上传';
      throw badRequest(err.reason === 'pixels' ? 'FILE_IMAGE_TOO_LARGE' : 'FILE_UNREADABLE', message, {
        file: message,
      });
    }
    throw err;
  }
  const id = randomUUID();
  const key = store.keyFor(actor.parkId, id, now());
  const temp = await store.writeTemp(image.main);
  try {
    await store.place(temp, key);
  } finally {
    await store.discard([temp]);
  }
  let oldKey: string | null = null;
  try {
    const created = await db.transaction(async (tx) => {
      const before = await row(tx, actor.parkId);
      oldKey = before?.storageKey ?? null;
      const values = {
        parkId: actor.parkId,
        id,
        originalName: upload.fileName,
        storageKey: key,
        generatedSvg: null,
        size: image.main.length,
        sha256: sha256Of(image.main),
        width: image.width,
        height: image.height,
        uploadedBy: actor.userId,
        uploadedAt: now(),
      };
      const { parkId: _park, ...replaced } = values;
      const [r] = await tx
        .insert(parkPlans)
        .values(values)
        .onConflictDoUpdate({ target: parkPlans.parkId, set: replaced })
        .returning();
      await appendAudit(tx, ctx, {
        action: 'risk.plan',
        entityType: 'parkPlan',
        entityId: id,
        before: before
          ? { id: before.id, originalName: before.originalName, width: before.width, height: before.height }
          : null,
        after: { id, originalName: upload.fileName, width: image.width, height: image.height, sha256: values.sha256 },
      });
      return r!;
    });
    if (oldKey) await store.remove([oldKey]).catch(() => {});
    return viewOf(created);
  } catch (err) {
    await store.remove([key]).catch(() => {});
    throw err;
  }
}

/** Rendered generated plans, by plan id (a new plan has a new id). */
const rendered = new Map<string, Buffer>();

export interface PlanContent {
  mime: 'image/jpeg';
  etag: string;
  body: Buffer | NodeJS.ReadableStream;
  size: number;
}

export async function planContent(db: Db, store: FileStore, actor: Actor): Promise<PlanContent> {
  assertCan(actor, 'risk.overview');
  const r = await row(db, actor.parkId);
  if (!r) throw notFound('园区平面图', 'RISK_PLAN_NOT_FOUND');
  if (r.generatedSvg) {
    let jpeg = rendered.get(r.id);
    if (!jpeg) {
      jpeg = await sharp(Buffer.from(r.generatedSvg))
        .flatten({ background: '#ffffff' })
        .jpeg({ quality: JPEG_QUALITY })
        .toBuffer();
      rendered.set(r.id, jpeg);
    }
    return { mime: 'image/jpeg', etag: `"${r.id}"`, body: jpeg, size: jpeg.length };
  }
  const size = await store.sizeOf(r.storageKey!);
  if (size === null) throw new AppError(404, 'FILE_CONTENT_MISSING', '平面图文件已丢失，请重新上传');
  return { mime: 'image/jpeg', etag: `"${r.sha256}"`, body: store.open(r.storageKey!), size };
}
