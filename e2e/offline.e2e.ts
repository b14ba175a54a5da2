// Field work without a signal (issue 17), on a phone (390×844) with the browser offline: an inspector records an
// inspection with two hazards and three photos, reloads, closes the browser and opens it again on the same profile,
// goes online — the server then holds exactly one inspection, two hazards and the three photos; a replayed sync
// records nothing twice. An enterprise's offline rectification of a hazard closed meanwhile is refused: the reason
// shows and the record stays on the device. Shots: test-output/screenshots/offline-*.png.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import sharp from 'sharp';
import { screenshot, sign } from './forms';
import { BASE_URL, choose, PASSWORD, signIn } from './support';

const profiles: string[] = [];
const contexts: BrowserContext[] = [];
// A failed test leaves its browser open; closing it here lets the file end instead of holding the suite.
after(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  for (const p of profiles) rmSync(p, { recursive: true, force: true, maxRetries: 5 });
});

/** A phone browser whose profile (cookies, IndexedDB, service worker) lives in dir and survives closing it. */
async function phone(dir: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: process.env.E2E_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
    baseURL: BASE_URL,
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  contexts.push(context);
  context.setDefaultTimeout(45_000);
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('pageerror', (error) => console.error(`[page error] ${error.message}`));
  return { context, page };
}

/** A camera-sized photo (4000×3000 JPEG): the phone resizes it before storing. */
const cameraPhoto = (color: string) =>
  sharp({ create: { width: 4000, height: 3000, channels: 3, background: color } })
    .jpeg({ quality: 92 })
    .toBuffer()
    .then((buffer) => ({ name: `IMG_${color.slice(1)}.jpg`, mimeType: 'image/jpeg', buffer }));

/** GET from the page with its session (the console's own cookie). */
const api = <T>(page: Page, url: string) =>
  page.evaluate(async (u) => {
    const r = await fetch(u, { headers: { accept: 'application/json' } });
    return { status: r.status, body: await r.json().catch(() => null) };
  }, url) as Promise<{ status: number; body: T }>;

async function waitForWorker(page: Page) {
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  // The first page load is not controlled yet: a reload puts it under the worker (clientsClaim).
  await page.waitForFunction(() => Boolean(navigator.serviceWorker.controller), undefined, { timeout: 30_000 });
}

/** Reads the outbox of the signed-in user's device store straight from IndexedDB. */
const outbox = (page: Page, userId: string) =>
  page.evaluate(
    (id) =>
      new Promise<
        {
          id: string;
          status: string;
          result: { replayed: boolean } | null;
          draft: { hazards?: { photoIds: string[] }[] };
        }[]
      >((resolve, reject) => {
        const open = indexedDB.open(`parksafe-field-${id}`);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const req = open.result.transaction('outbox').objectStore('outbox').getAll();
          req.onsuccess = () => {
            open.result.close();
            resolve(req.result);
          };
        };
      }),
    userId,
  );

const pendingCount = (page: Page) => page.getByTestId('field-pending-count');

/** Signs a server-side helper in with fetch (the supervisor closing a hazard while the enterprise is offline). */
async function apiSession(username: string) {
  const res = await fetch(`${BASE_URL}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  const send = async (method: string, url: string, body?: unknown) => {
    const r = await fetch(`${BASE_URL}${url}`, {
      method,
      headers: {
        cookie,
        'x-csrf-token': csrfToken,
        ...(body instanceof FormData ? {} : { 'content-type': 'application/json' }),
      },
      body: body instanceof FormData ? body : body === undefined ? undefined : JSON.stringify(body),
    });
    const json = await r.json();
    assert.ok(r.ok, `${method} ${url}: ${JSON.stringify(json)}`);
    return json;
  };
  return send;
}

describe('field work offline', () => {
  test('an inspection with two hazards and three photos survives reload and restart, syncs once', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'parksafe-phone-'));
    profiles.push(dir);
    let { context, page } = await phone(dir);
    await page.goto('/');
    await signIn(page, 'inspector');
    await page.goto('/field');
    await waitForWorker(page).catch(async () => {
      await page.reload();
      await waitForWorker(page);
    });
    const me = (await api<{ me: { id: string } }>(page, '/api/auth/status')).body.me;
    await page.getByTestId('field-download').click();
    await page.getByTestId('field-day').filter({ hasText: '今日数据下载于' }).waitFor();
    const enterpriseName = (await page
      .getByTestId('field-enterprise-row')
      .first()
      .locator('.ant-list-item-meta-title')
      .textContent())!;
    // Demo data may already hold inspections of this enterprise: the test counts what this sync adds.
    const found = await api<{ items: { id: string; name: string }[] }>(
      page,
      `/api/enterprises?q=${encodeURIComponent(enterpriseName)}`,
    );
    const before = (
      await api<{ total: number }>(
        page,
        `/api/inspections?enterpriseId=${found.body.items.find((e) => e.name === enterpriseName)!.id}`,
      )
    ).body.total;

    await context.setOffline(true);
    await page.getByTestId('field-online').filter({ hasText: '离线' }).waitFor();
    await page.getByTestId('field-enterprise-row').first().getByTestId('field-inspect').click();
    const drawer = page.getByTestId('field-inspection-drawer');
    await drawer.waitFor();
    // A checklist from the device, every item answered.
    const items = page.locator('[data-testid^=field-item-]');
    // The drawer may still be sliding in on a loaded machine and swallow the first pick: pick until the items show.
    for (let attempt = 0; ; attempt++) {
      await choose(page.getByTestId('field-checklist'), /./);
      try {
        await items.first().waitFor({ timeout: 10_000 });
        break;
      } catch (e) {
        if (attempt >= 2) throw e;
      }
    }
    const n = await items.count();
    for (let i = 0; i < n; i++) await items.nth(i).getByText('合格', { exact: true }).click();

    const hazards: [string, string, string[]][] = [
      ['配电箱门未关闭，线路裸露', '物的不安全状态', ['#c0392b', '#2980b9']],
      ['消防通道堆放杂物', '人的不安全行为', ['#27ae60']],
    ];
    for (const [i, [text, category, colors]] of hazards.entries()) {
      await page.getByTestId('field-add-hazard').click();
      await page.getByTestId(`field-hazard-${i}-description`).fill(text);
      await choose(page.getByTestId(`field-hazard-${i}-category`), category);
      await page
        .getByTestId(`field-hazard-${i}-photos-input`)
        .setInputFiles(await Promise.all(colors.map(cameraPhoto)));
      await page
        .getByTestId(`field-hazard-${i}-photos`)
        .locator('.field-photo')
        .nth(colors.length - 1)
        .waitFor();
    }
    await page.getByTestId('field-summary').fill('现场无信号，离线登记');
    await sign(page, 'record-inspectorSignature');
    await screenshot(page, 'offline-inspection-form-390', false);
    await page.getByTestId('field-inspection-save').click();
    await drawer.waitFor({ state: 'hidden' }).catch(async (err) => {
      const errors = await page.locator('.ant-form-item-explain-error').allTextContents();
      throw new Error(`the form was not saved: ${errors.join('；')} (${err})`);
    });
    await pendingCount(page).filter({ hasText: '待同步 1' }).waitFor();
    await page.getByTestId('field-tab-pending').click();
    await screenshot(page, 'offline-pending-390');

    // The device's photo storage: three resized photos and one signature.
    const stored = await page.evaluate(async (id) => {
      const db = await new Promise<IDBDatabase>((res) => {
        const o = indexedDB.open(`parksafe-field-${id}`);
        o.onsuccess = () => res(o.result);
      });
      const all = await new Promise<{ blob: Blob; purpose: string }[]>((res) => {
        const r = db.transaction('photos').objectStore('photos').getAll();
        r.onsuccess = () => res(r.result);
      });
      db.close();
      return all.map((p) => ({ purpose: p.purpose, size: p.blob.size }));
    }, me.id);
    const photos = stored.filter((p) => p.purpose === 'hazardBefore');
    assert.equal(photos.length, 3);
    console.log(
      `device storage per photo (4000×3000 camera JPEG resized to 1600 px): ${photos.map((p) => Math.round(p.size / 1024)).join(', ')} KB`,
    );

    // Reload without a signal: the service worker serves the console, the device store still has the record.
    await page.reload();
    await pendingCount(page).filter({ hasText: '待同步 1' }).waitFor();
    await page.getByTestId('net-status').filter({ hasText: '离线' }).waitFor();

    // Close the browser and open it again on the same profile, still offline.
    await context.close();
    ({ context, page } = await phone(dir));
    await context.setOffline(true);
    await page.goto('/field');
    await pendingCount(page).filter({ hasText: '待同步 1' }).waitFor();
    await screenshot(page, 'offline-after-restart-390');

    // The signal drops in the middle of the photos: the third part sent is lost. The next try asks which parts the
    // server holds and sends only the rest, so every part arrives exactly once.
    let partsSent = 0;
    let dropped = false;
    await page.route('**/api/files/device/parts', async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      if (!dropped && partsSent === 2) {
        dropped = true;
        return route.abort('internetdisconnected');
      }
      partsSent += 1;
      return route.continue();
    });
    const enterprises = await (async () => {
      await context.setOffline(false);
      // The run stops at the lost part; 立即同步 starts the next one without waiting for the minute's retry.
      const synced = pendingCount(page).filter({ hasText: '待同步 0' });
      for (const until = Date.now() + 90_000; !(await synced.isVisible()); await page.waitForTimeout(1000)) {
        if (Date.now() > until) throw new Error('the outbox did not sync after the lost part');
        const button = page.getByTestId('field-sync');
        if (dropped && (await button.isEnabled().catch(() => false))) await button.click().catch(() => {});
      }
      return api<{ items: { id: string; name: string }[] }>(
        page,
        `/api/enterprises?q=${encodeURIComponent(enterpriseName)}`,
      );
    })();
    const enterpriseId = enterprises.body.items.find((e) => e.name === enterpriseName)!.id;
    const list = await api<{ total: number; items: { id: string }[] }>(
      page,
      `/api/inspections?enterpriseId=${enterpriseId}`,
    );
    assert.equal(list.body.total, before + 1, 'exactly one inspection');
    const inspectionId = list.body.items[0]!.id;
    const detail = await api<{ hazardCount: number }>(page, `/api/inspections/${inspectionId}`);
    assert.equal(detail.body.hazardCount, 2, 'two hazards');
    const onServer = await api<{ total: number }>(page, `/api/hazards?inspectionId=${inspectionId}`);
    assert.equal(onServer.body.total, 2);
    const [record] = await outbox(page, me.id);
    const photoIds = record!.draft.hazards!.flatMap((h) => h.photoIds);
    assert.equal(photoIds.length, 3);
    for (const id of photoIds)
      assert.equal((await api(page, `/api/files/${id}/meta`)).status, 200, 'photo on the server');
    assert.ok(dropped, 'a part was lost on the way');
    const partsNeeded = stored.reduce((n, p) => n + Math.max(1, Math.ceil(p.size / (64 * 1024))), 0);
    assert.equal(partsSent, partsNeeded, 'each part of each photo and signature arrived once');
    await page.getByTestId('field-tab-synced').click();
    await screenshot(page, 'offline-synced-390');

    // Replay: the answer was "lost" — the record is sent again with its key; the server answers with the first result.
    await page.evaluate(
      (id) =>
        new Promise<void>((resolve) => {
          const o = indexedDB.open(`parksafe-field-${id}`);
          o.onsuccess = () => {
            const tx = o.result.transaction('outbox', 'readwrite');
            const store = tx.objectStore('outbox');
            const all = store.getAll();
            all.onsuccess = () => {
              for (const r of all.result) store.put({ ...r, status: 'pending', result: null });
            };
            tx.oncomplete = () => {
              o.result.close();
              resolve();
            };
          };
        }),
      me.id,
    );
    await page.reload();
    // The count may read 0 before the page has loaded its outbox; the record itself says when it was sent again.
    let replayed: Awaited<ReturnType<typeof outbox>>[number] | undefined;
    for (const until = Date.now() + 60_000; Date.now() < until; await page.waitForTimeout(300)) {
      [replayed] = await outbox(page, me.id);
      if (replayed?.status === 'synced' && replayed.result) break;
    }
    await pendingCount(page).filter({ hasText: '待同步 0' }).waitFor({ timeout: 60_000 });
    assert.equal(replayed!.result?.replayed, true, 'the server answered with the stored result');
    assert.equal(
      (await api<{ total: number }>(page, `/api/inspections?enterpriseId=${enterpriseId}`)).body.total,
      before + 1,
    );
    assert.equal((await api<{ total: number }>(page, `/api/hazards?inspectionId=${inspectionId}`)).body.total, 2);
    await context.close();
  });

  test('an offline rectification of a hazard closed meanwhile is refused with the reason, and kept', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'parksafe-phone-'));
    profiles.push(dir);
    const { context, page } = await phone(dir);
    await page.goto('/');
    await signIn(page, 'enterprise1');
    const me = (await api<{ me: { id: string; enterpriseId: string } }>(page, '/api/auth/status')).body.me;
    const sup = await apiSession('supervisor');
    const deadline = new Date(Date.now() + 8 * 3600_000 + 10 * 86_400_000).toISOString().slice(0, 10);
    const hazard = await sup('POST', '/api/hazards', {
      enterpriseId: me.enterpriseId,
      description: '配电室灭火器压力不足（离线测试）',
      category: 'unsafeCondition',
      source: 'routine',
      deadline,
    });
    await page.goto('/field');
    await page.getByTestId('field-download').click();
    await page.getByTestId('field-day').filter({ hasText: '今日数据下载于' }).waitFor();

    await context.setOffline(true);
    const row = page.getByTestId('field-hazard-row').filter({ hasText: hazard.serial });
    await row.getByTestId('field-rectify').click();
    await page.getByTestId('field-rectify-photos-input').setInputFiles([await cameraPhoto('#8e44ad')]);
    await page.getByTestId('field-rectify-photos').locator('.field-photo').waitFor();
    await page.getByTestId('field-rectify-note').fill('已更换灭火器');
    await page.getByTestId('field-rectify-save').click();
    await pendingCount(page).filter({ hasText: '待同步 1' }).waitFor();

    // Meanwhile the office closes the hazard (rectified and re-checked another way).
    const form = new FormData();
    form.set('purpose', 'hazardAfter');
    form.set('enterpriseId', me.enterpriseId);
    form.set(
      'file',
      new Blob([new Uint8Array((await cameraPhoto('#16a085')).buffer)], { type: 'image/jpeg' }),
      'a.jpg',
    );
    const evidence = await sup('POST', '/api/files', form);
    await sup('POST', `/api/hazards/${hazard.id}/transitions`, { action: 'start' });
    await sup('POST', `/api/hazards/${hazard.id}/transitions`, { action: 'submit', evidenceIds: [evidence.id] });
    await sup('POST', `/api/hazards/${hazard.id}/transitions`, { action: 'recheckPass' });

    await context.setOffline(false);
    await page.getByTestId('field-failed-count').filter({ hasText: '同步失败 1' }).waitFor({ timeout: 60_000 });
    await page.getByTestId('field-tab-failed').click();
    const reason = page.getByTestId('field-reason');
    await reason.filter({ hasText: '复查销号' }).waitFor();
    assert.match((await reason.textContent()) ?? '', /已于 \d{4}-\d{2}-\d{2} 复查销号/);
    // Still on the device with its photo, to fix or discard.
    const [kept] = await outbox(page, me.id);
    assert.equal(kept!.status, 'failed');
    await page.getByTestId('field-record-failed').getByText('照片 1 张').waitFor();
    await screenshot(page, 'offline-refused-390');
    await page.setViewportSize({ width: 1440, height: 900 });
    await screenshot(page, 'offline-refused-1440');
    await context.close();
  });
});
