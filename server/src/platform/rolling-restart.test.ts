// Two server processes on one PostgreSQL behind nginx (deploy/parksafe.nginx.conf), all on loopback, under a bounded
// load while each process in turn gets SIGTERM and is started again: no request may fail. Needs nginx (Debian
// package) and the PostgreSQL suite's server (TEST_DATABASE_URL); skipped, saying why, without either.
import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';

const adminUrl = process.env.TEST_DATABASE_URL;
const nginx = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((p) => fs.existsSync(p));
const skip = !nginx
  ? 'nginx is not installed (apt-get install nginx-light)'
  : !adminUrl
    ? 'TEST_DATABASE_URL is not set (PostgreSQL suite only)'
    : '';
if (skip) console.warn(`rolling-restart test skipped: ${skip}`);

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'parksafe-rolling-'));
const children: ChildProcess[] = [];
let dbName = '';
let nginxConf = '';

afterAll(async () => {
  for (const c of children) c.kill('SIGKILL');
  if (nginxConf) spawnSync(nginx!, ['-c', nginxConf, '-p', tmp, '-s', 'stop']);
  if (dbName && adminUrl) {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`drop database if exists ${dbName} with (force)`);
    await admin.end();
  }
  // nginx's error log says why an answer was not 2xx (kept beside the figures).
  fs.copyFileSync(path.join(tmp, 'error.log'), path.join(os.tmpdir(), 'parksafe-rolling-nginx-error.log'));
  fs.rmSync(tmp, { recursive: true, force: true });
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

async function ready(port: number, timeoutMs = 180_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const ok = await fetch(`http://127.0.0.1:${port}/api/health/ready`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`process on ${port} did not become ready`);
}

describe.skipIf(!!skip)('two processes behind nginx, rolling restart under load', () => {
  it('loses no request while each process is restarted in turn', async () => {
    dbName = `parksafe_rolling_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`create database ${dbName}`);
    await admin.end();
    const url = new URL(adminUrl!);
    url.pathname = `/${dbName}`;
    const [p1, p2, front] = [await freePort(), await freePort(), await freePort()];
    const start = (port: number) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
        env: {
          ...process.env,
          NODE_ENV: 'development',
          DATABASE_URL: url.toString(),
          DATA_DIR: path.join(tmp, 'data'),
          PORT: String(port),
          HOST: '127.0.0.1',
          TRUST_PROXY: 'true',
          LOG_LEVEL: 'silent',
          PARKSAFE_SECRET: 'rolling-secret-rolling-secret-0123456789',
          PARKSAFE_AUDIT_KEY: 'rolling-audit-key-rolling-audit-key-0123',
          PARKSAFE_DATA_KEY: 'rolling-data-key-rolling-data-key-012345',
          SHUTDOWN_TIMEOUT_SECONDS: '10',
        },
        stdio: ['ignore', 'ignore', fs.openSync(path.join(tmp, `stderr-${port}.log`), 'a')],
      });
      children.push(child);
      const exited = new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
      return { child, exited };
    };
    let a = start(p1);
    await ready(p1);
    let b = start(p2);
    await ready(p2);

    // nginx with the shipped site file, its ports moved to this test's.
    const site = fs
      .readFileSync('deploy/parksafe.nginx.conf', 'utf8')
      .replace('127.0.0.1:3001', `127.0.0.1:${p1}`)
      .replace('127.0.0.1:3002', `127.0.0.1:${p2}`)
      .replace('listen 80;', `listen 127.0.0.1:${front};`);
    fs.writeFileSync(path.join(tmp, 'site.conf'), site);
    nginxConf = path.join(tmp, 'nginx.conf');
    // keepalive_requests: nginx closes a client connection after 1,000 requests (its default) with "Connection: close",
    // and autocannon writes its next request on that connection anyway and counts the reset as an error (seen at
    // each 1,000th request of a connection, never at a restart). The load generator's quirk, not a lost request.
    fs.writeFileSync(
      nginxConf,
      `worker_processes 1; pid ${tmp}/nginx.pid; error_log ${tmp}/error.log;
events { worker_connections 256; }
http { access_log off; keepalive_requests 1000000; client_body_temp_path ${tmp}/body; proxy_temp_path ${tmp}/proxy;
  fastcgi_temp_path ${tmp}/fcgi; uwsgi_temp_path ${tmp}/uwsgi; scgi_temp_path ${tmp}/scgi;
  include ${tmp}/site.conf; }`,
    );
    execFileSync(nginx!, ['-c', nginxConf, '-p', tmp]);
    await ready(front, 10_000);

    const load = autocannon({
      url: `http://127.0.0.1:${front}/api/health`,
      connections: 10,
      duration: 300,
    });
    // What each failed request saw, so a failure names its cause (connection reset, no response…).
    const requestErrors: string[] = [];
    load.on('reqError', (err: Error) =>
      requestErrors.push(`${((Date.now() - t0) / 1000).toFixed(1)} s ${err.message}`),
    );
    const t0 = Date.now();
    const events: string[] = [];
    await new Promise((r) => setTimeout(r, 3000));
    for (const [name, port] of [
      ['a', p1],
      ['b', p2],
    ] as const) {
      const proc = name === 'a' ? a : b;
      const s = Date.now();
      proc.child.kill('SIGTERM');
      const code = await proc.exited;
      events.push(
        `${name} stopped (exit ${code}) in ${Date.now() - s} ms at ${((Date.now() - t0) / 1000).toFixed(1)} s`,
      );
      expect(code, fs.readFileSync(path.join(tmp, `stderr-${port}.log`), 'utf8').slice(-3000)).toBe(0);
      const again = start(port);
      if (name === 'a') a = again;
      else b = again;
      await ready(port);
      events.push(`${name} ready again at ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    }
    await new Promise((r) => setTimeout(r, 3000));
    load.stop();
    const result = await load;
    const figures = `${result.requests.total} requests in ${((Date.now() - t0) / 1000).toFixed(1)} s, ${result.errors} errors, ${result.timeouts} timeouts, non-2xx ${result.non2xx} (by status ${JSON.stringify((result as unknown as { statusCodeStats?: unknown }).statusCodeStats ?? {})}), p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, max ${result.latency.max} ms; ${events.join('; ')}${requestErrors.length ? `; errors: ${requestErrors.slice(0, 5).join(', ')}` : ''}`;
    console.log(`rolling restart: ${figures}`);
    fs.writeFileSync(path.join(os.tmpdir(), 'parksafe-rolling-figures.txt'), figures);
    expect(result.requests.total).toBeGreaterThan(100);
    expect(result.errors).toBe(0);
    expect(result.timeouts).toBe(0);
    expect(result.non2xx).toBe(0);
  }, 900_000);
});
