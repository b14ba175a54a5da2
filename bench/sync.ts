// npm run bench -- sync: issue 17's figures on loopback. A fresh embedded server (demo park) in a temporary data
// directory; an inspector's phone queue of 50 offline inspections (one hazard each) with 100 photos (two per record)
// is sent the way the console's outbox sends it: each photo by its device id, then the record; one request at a time.
// Prints the device's storage per photo (the JPEG the phone keeps after resizing to 1600 px at quality 0.82, the same
// as web/src/modules/field/photos.ts) and the sync time. The photos are synthetic 4000×3000 textured images (a
// 12-megapixel camera's size), re-encoded by sharp as the phone's canvas would; real photos vary with their content.
//   npm run bench -- sync          (BENCH_SYNC_RECORDS=50, BENCH_SYNC_PHOTOS_PER_RECORD=2)
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { freePort, signInOverHttp, startServer, waitReady } from '../server/src/testing/server-process';

const RECORDS = Number(process.env.BENCH_SYNC_RECORDS ?? 50);
const PER_RECORD = Number(process.env.BENCH_SYNC_PHOTOS_PER_RECORD ?? 2);
const PASSWORD = 'Bench#Sync2026';
const log = (m: string) => console.error(`[bench] ${m}`);

/** A camera-sized image with texture and gradients (noise alone would be a worst case, a flat colour a best case). */
async function cameraPhoto(seed: number): Promise<Buffer> {
  const w = 4000;
  const h = 3000;
  const raw = Buffer.alloc(w * h * 3);
  let x = seed * 2654435761;
  for (let y = 0; y < h; y++) {
    for (let c = 0; c < w; c++) {
      x = (x * 1103515245 + 12345) >>> 0;
      const noise = (x >>> 24) % 24;
      const i = (y * w + c) * 3;
      raw[i] = ((c * 255) / w + noise + ((y >> 6) % 2) * 40) & 255;
      raw[i + 1] = ((y * 255) / h + noise) & 255;
      raw[i + 2] = (((c + y) >> 3) % 64) + 100 + noise;
    }
  }
  return sharp(raw, { raw: { width: w, height: h, channels: 3 } })
    .jpeg({ quality: 92 })
    .toBuffer();
}

/** What the phone stores: long side 1600 px, JPEG quality 0.82. */
const onDevice = (photo: Buffer) =>
  sharp(photo).resize(1600, 1600, { fit: 'inside', withoutEnlargement: true }).jpeg({ quality: 82 }).toBuffer();

export async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'parksafe-bench-sync-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  log(`starting the server on ${dataDir}`);
  const server = startServer({ dataDir, port, demoPassword: PASSWORD });
  try {
    await waitReady(port, server.output);
    const s = await signInOverHttp(base, 'inspector', PASSWORD);
    const headers = { cookie: s.cookie, 'x-csrf-token': s.csrf };
    const list = (await (await fetch(`${base}/api/enterprises?pageSize=1`, { headers })).json()) as {
      items: { id: string }[];
    };
    const enterpriseId = list.items[0]!.id;

    log('making the photos');
    const originals = await Promise.all([0, 1, 2, 3].map(cameraPhoto));
    const stored = await Promise.all(originals.map(onDevice));
    const photos = Array.from({ length: RECORDS * PER_RECORD }, (_, i) => stored[i % stored.length]!);
    const deviceBytes = photos.reduce((n, p) => n + p.length, 0);

    const today = new Date().toISOString().slice(0, 10);
    const deadline = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    const photoMs: number[] = [];
    const recordMs: number[] = [];
    log(`syncing ${RECORDS} records with ${photos.length} photos`);
    const started = performance.now();
    for (let r = 0; r < RECORDS; r++) {
      const ids: string[] = [];
      for (let k = 0; k < PER_RECORD; k++) {
        const id = randomUUID();
        const form = new FormData();
        form.append('id', id);
        form.append('purpose', 'hazardBefore');
        form.append('enterpriseId', enterpriseId);
        form.append('file', new Blob([new Uint8Array(photos[r * PER_RECORD + k]!)], { type: 'image/jpeg' }), 'p.jpg');
        const t = performance.now();
        const res = await fetch(`${base}/api/files/device`, { method: 'POST', headers, body: form });
        if (res.status !== 200) throw new Error(`photo: ${res.status} ${await res.text()}`);
        photoMs.push(performance.now() - t);
        ids.push(id);
      }
      const t = performance.now();
      const res = await fetch(`${base}/api/sync/inspections`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify({
          deviceRecordId: randomUUID(),
          idempotencyKey: `bench-${randomUUID()}`,
          capturedBy: s.userId,
          capturedAt: new Date(Date.now() - 3_600_000).toISOString(),
          inspection: {
            enterpriseId,
            inspectedOn: today,
            kind: 'supervision',
            inspectorIds: [s.userId],
            summary: `同步基准 #${r}`,
            hazards: [
              {
                description: `同步基准隐患 #${r}`,
                category: 'unsafeCondition',
                source: 'routine',
                deadline,
                beforePhotoIds: ids,
              },
            ],
          },
        }),
      });
      if (res.status !== 200) throw new Error(`record: ${res.status} ${await res.text()}`);
      recordMs.push(performance.now() - t);
    }
    const total = performance.now() - started;
    const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.ceil((p / 100) * xs.length) - 1]!;
    const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;
    console.log(`sync of ${RECORDS} records with ${photos.length} photos, loopback, one request at a time`);
    console.log(
      `  camera original (4000×3000, JPEG q92)   ${kb(originals.reduce((n, p) => n + p.length, 0) / originals.length)} per photo`,
    );
    console.log(
      `  stored on the device (1600 px, q0.82)   ${kb(deviceBytes / photos.length)} per photo, ${kb(deviceBytes)} for the queue`,
    );
    console.log(`  total sync time                         ${(total / 1000).toFixed(1)} s`);
    console.log(
      `  photo upload p50 / p95                  ${pct(photoMs, 50).toFixed(0)} / ${pct(photoMs, 95).toFixed(0)} ms`,
    );
    console.log(
      `  record apply p50 / p95                  ${pct(recordMs, 50).toFixed(0)} / ${pct(recordMs, 95).toFixed(0)} ms`,
    );
    console.log(
      `  load average at the end                 ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
    );
  } finally {
    server.child.kill('SIGTERM');
    await server.exited;
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
