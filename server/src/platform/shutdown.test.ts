// SIGTERM ends a server process within SHUTDOWN_TIMEOUT_SECONDS whatever it is doing: requests in flight finish or
// are named in the log when the deadline passes; a main thread stuck in a synchronous wait is killed by the watchdog
// thread; a stdout nobody reads (the cause of a hang once seen in a test: pino spinning in Atomics.wait at exit) no
// longer holds the exit, nor does a first-start setup child that, exiting, set the shared stdout back to blocking.
// Readiness answers 503 while stopping; liveness does not ask the database.
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../testing/harness';
import { freePort } from '../testing/server-process';
import { createShutdown, Lifecycle } from './lifecycle';

const children: ChildProcess[] = [];
let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(async () => {
  for (const c of children) c.kill('SIGKILL');
  await env?.close();
});

describe('health', () => {
  it('splits liveness from readiness, and readiness says 503 while the process stops', async () => {
    const live = await env.app.inject({ method: 'GET', url: '/api/health/live' });
    expect(live.statusCode).toBe(200);
    expect(live.json()).toMatchObject({ status: 'ok' });
    expect(live.headers['x-request-id']).toMatch(/^[0-9a-f]{6}-/);
    const ready = await env.app.inject({ method: 'GET', url: '/api/health/ready' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready', database: env.database.kind });
    env.app.lifecycle.state = 'stopping';
    try {
      const stopping = await env.app.inject({ method: 'GET', url: '/api/health/ready' });
      expect(stopping.statusCode).toBe(503);
      expect(stopping.json()).toMatchObject({ status: 'stopping' });
      expect((await env.app.inject({ method: 'GET', url: '/api/health/live' })).statusCode).toBe(200);
    } finally {
      env.app.lifecycle.state = 'ready';
    }
  });

  it('puts the request id in error answers, taking the one a proxy gave', async () => {
    const res = await env.app.inject({
      method: 'GET',
      url: '/api/no-such-thing',
      headers: { 'x-request-id': 'nginx-abc123' },
    });
    expect(res.statusCode).toBe(401); // every /api route asks for a session first
    expect(res.headers['x-request-id']).toBe('nginx-abc123');
    expect(res.json().error.requestId).toBe('nginx-abc123');
  });
});

describe('createShutdown', () => {
  it('exits 1 at the deadline naming what was still open, and at once on a second signal', async () => {
    const lifecycle = new Lifecycle();
    lifecycle.inflight.set('r1', { id: 'r1', method: 'POST', url: '/api/slow', startedAt: Date.now() });
    lifecycle.report('jobs', () => ['enterprises.export j1 running 2.0 s']);
    const lines: string[] = [];
    const codes: number[] = [];
    const shutdown = createShutdown({
      lifecycle,
      closeApp: () => new Promise(() => {}), // a request that never ends
      closeDatabase: async () => {},
      log: (m) => lines.push(m),
      timeoutMs: 300,
      exit: (c) => codes.push(c),
    });
    const started = Date.now();
    await shutdown('SIGTERM');
    expect(Date.now() - started).toBeLessThan(2000);
    expect(codes).toEqual([1]);
    const last = lines.at(-1)!;
    expect(last).toContain('deadline');
    expect(last).toContain('POST /api/slow');
    expect(last).toContain('jobs: enterprises.export j1');
    expect(last).toContain('step: closing the server');
    await shutdown('SIGINT');
    expect(codes).toEqual([1, 1]);
  });

  it('exits 0 once the app and the database are closed', async () => {
    const codes: number[] = [];
    const order: string[] = [];
    const shutdown = createShutdown({
      lifecycle: new Lifecycle(),
      closeApp: async () => void order.push('app'),
      closeDatabase: async () => void order.push('database'),
      flushLogs: async () => {
        order.push('log');
        return true;
      },
      log: () => {},
      timeoutMs: 5000,
      exit: (c) => codes.push(c),
    });
    await shutdown('SIGTERM');
    expect(order).toEqual(['app', 'database', 'log']);
    expect(codes).toEqual([0]);
  });

  it('kills a process whose main thread is blocked in Atomics.wait (the watchdog thread)', async () => {
    const script = `
      import { createShutdown, Lifecycle } from './server/src/platform/lifecycle.ts';
      const shutdown = createShutdown({
        lifecycle: new Lifecycle(),
        closeApp: async () => {},
        // Blocks the main thread for good: no timer of its own will ever run again.
        closeDatabase: async () => { Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0); },
        log: (m) => process.stderr.write(m + '\\n'),
        timeoutMs: 500,
        watchdogGraceMs: 300,
        exit: (c) => process.exit(c),
      });
      void shutdown('SIGTERM');`;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    children.push(child);
    let stderr = '';
    child.stderr!.on('data', (d) => {
      stderr += d;
    });
    const started = Date.now();
    const [code, signal] = await new Promise<[number | null, string | null]>((resolve) =>
      child.on('exit', (c, s) => resolve([c, s])),
    );
    expect(signal).toBe('SIGKILL');
    expect(code).toBeNull();
    expect(stderr).toContain('shutdown watchdog');
    expect(Date.now() - started).toBeLessThan(30_000);
  }, 60_000);
});

describe('a real server process on SIGTERM', () => {
  it('exits within the deadline with a stdout nobody reads and a request that never ends, naming it', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'parksafe-shutdown-'));
    const port = await freePort();
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
      env: {
        ...process.env,
        DATA_DIR: dataDir,
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'info',
        PARKSAFE_SEED_DEMO: 'false',
        DATABASE_URL: '',
        NODE_ENV: 'development',
        SHUTDOWN_TIMEOUT_SECONDS: '3',
      },
      // stdout is a pipe this test never reads: the server's log fills it.
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    let stderr = '';
    child.stderr!.on('data', (d) => {
      stderr += d;
    });
    const exited = new Promise<[number | null, string | null]>((resolve) =>
      child.on('exit', (c, s) => resolve([c, s])),
    );
    // A first embedded start initialises the database in a setup child, then opens it: slow on a loaded machine.
    const until = Date.now() + 120_000;
    for (;;) {
      const ok = await fetch(`http://127.0.0.1:${port}/api/health/ready`)
        .then((r) => r.ok)
        .catch(() => false);
      if (ok) break;
      if (Date.now() > until) throw new Error(`server did not start: ${stderr}`);
      await new Promise((r) => setTimeout(r, 300));
    }
    // ~150 KB of request log lines: more than a pipe holds.
    for (let i = 0; i < 400; i++) {
      await fetch(`http://127.0.0.1:${port}/api/health/live?pad=${'x'.repeat(200)}`).catch(() => {});
    }
    // A request whose body never comes: in flight until the deadline.
    const socket = net.connect(port, '127.0.0.1');
    await new Promise((r) => socket.once('connect', r));
    socket.write(
      'POST /api/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{',
    );
    await new Promise((r) => setTimeout(r, 300));

    const started = Date.now();
    child.kill('SIGTERM');
    const [code, signal] = await exited;
    socket.destroy();
    const took = Date.now() - started;
    expect(signal, stderr).toBeNull();
    expect(code).toBe(1);
    expect(took).toBeLessThan(3000 + 2500);
    expect(stderr).toContain('deadline of 3 s passed');
    expect(stderr).toContain('POST /api/auth/login');
    expect(fs.existsSync(path.join(dataDir, 'parksafe.lock'))).toBe(false);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }, 180_000);
});
