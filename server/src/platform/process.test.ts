// The embedded database belongs to one process: a second server on the same DATA_DIR must exit with a clear message
// and leave the first one working; SIGTERM closes the first cleanly and releases the lock.
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, startServer } from '../testing/server-process';

const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) c.kill('SIGKILL');
});

function start(dataDir: string, port: number) {
  const s = startServer({ dataDir, port, demoPassword: 'Proc#Test2026' });
  children.push(s.child);
  return s;
}

async function waitHealthy(port: number, timeoutMs = 90_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/api/health`);
      if (res.ok) return (await res.json()) as { database: string };
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error('server did not become healthy');
}

describe('embedded database process lock', () => {
  it('refuses a second server on the same data directory and closes cleanly on SIGTERM', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'parksafe-lock-'));
    const port = await freePort();
    const first = start(dataDir, port);
    expect(await waitHealthy(port)).toMatchObject({ database: 'pglite' });
    expect(fs.existsSync(path.join(dataDir, 'demo-credentials.txt'))).toBe(true);

    const second = start(dataDir, await freePort());
    expect(await second.exited).toBe(1);
    expect(second.output()).toContain('数据目录已被进程');
    expect(await waitHealthy(port)).toMatchObject({ database: 'pglite' });

    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(fs.existsSync(path.join(dataDir, 'parksafe.lock'))).toBe(false);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }, 180_000);
});
