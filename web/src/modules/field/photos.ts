// Photos are resized on the phone before they are stored (a 12-megapixel photo is 3–5 MB; resized, about 200 KB), so
// a day of field work fits the device's storage and syncs quickly over a weak signal. The server re-encodes again.

/** Long side of a stored photo, in pixels, and its JPEG quality. */
export const PHOTO_MAX_SIDE = 1600;
const QUALITY = 0.82;

/** The photo, turned upright (EXIF orientation), scaled to PHOTO_MAX_SIDE at most, as a JPEG blob. */
export async function resizePhoto(file: Blob): Promise<Blob> {
  const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  try {
    const scale = Math.min(1, PHOTO_MAX_SIDE / Math.max(bitmap.width, bitmap.height));
    const w = Math.max(1, Math.round(bitmap.width * scale));
    const h = Math.max(1, Math.round(bitmap.height * scale));
    const canvas = document.createElement('canvas');
    canvas.width = w;
    canvas.height = h;
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('canvas');
    ctx.drawImage(bitmap, 0, 0, w, h);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('encode'))), 'image/jpeg', QUALITY),
    );
  } finally {
    bitmap.close();
  }
}
