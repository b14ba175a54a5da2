// API answers above 1 KB go gzip-compressed when the client accepts it; the console's built files are sent as the
// build compressed them (.br / .gz beside each), hashed assets with a year's cache and the page itself revalidated.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, signedIn, type TestEnv } from '../testing/harness';

let env: TestEnv;
let webDir: string;
const script = `console.log(${JSON.stringify('园区安全'.repeat(400))});`;
beforeAll(async () => {
  webDir = fs.mkdtempSync(path.join(os.tmpdir(), 'parksafe-web-'));
  fs.mkdirSync(path.join(webDir, 'assets'));
  fs.writeFileSync(path.join(webDir, 'index.html'), '<!doctype html><title>ParkSafe</title>');
  const asset = path.join(webDir, 'assets', 'app-Ab12Cd34.js');
  fs.writeFileSync(asset, script);
  fs.writeFileSync(`${asset}.br`, zlib.brotliCompressSync(script));
  fs.writeFileSync(`${asset}.gz`, zlib.gzipSync(script));
  process.env.WEB_DIST = webDir;
  try {
    env = await createTestEnv();
  } finally {
    delete process.env.WEB_DIST;
  }
});
afterAll(async () => {
  await env?.close();
  fs.rmSync(webDir, { recursive: true, force: true });
});

describe('compression and caching', () => {
  it('gzips a ledger page for a client that accepts it, and sends it plain to one that does not', async () => {
    const c = await signedIn(env.app, 'supervisor');
    const plain = await c.get('/api/hazards?pageSize=50');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.length).toBeGreaterThan(1024);
    const packed = await env.app.inject({
      method: 'GET',
      url: '/api/hazards?pageSize=50',
      headers: { cookie: c.cookie, 'accept-encoding': 'gzip, deflate, br' },
    });
    expect(packed.headers['content-encoding']).toBe('gzip');
    expect(packed.rawPayload.length).toBeLessThan(plain.body.length / 3);
    expect(JSON.parse(zlib.gunzipSync(packed.rawPayload).toString('utf8'))).toEqual(plain.json());
  });

  it("sends the build's brotli file of a hashed asset with a year's cache, and revalidates the page", async () => {
    const asset = await env.app.inject({
      method: 'GET',
      url: '/assets/app-Ab12Cd34.js',
      headers: { 'accept-encoding': 'gzip, deflate, br' },
    });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['content-encoding']).toBe('br');
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(zlib.brotliDecompressSync(asset.rawPayload).toString('utf8')).toBe(script);
    const page = await env.app.inject({ method: 'GET', url: '/', headers: { 'accept-encoding': 'gzip' } });
    expect(page.statusCode).toBe(200);
    expect(page.headers['cache-control']).toBe('no-cache');
  });
});
