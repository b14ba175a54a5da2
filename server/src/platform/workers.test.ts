// PARKSAFE_WORKERS: the embedded database refuses more than one process with a clear message; on PostgreSQL, two
// node:cluster workers share the port, a logout on one ends the session on the other at once (the read cache's
// NOTIFY), and SIGTERM to the primary drains both workers and exits 0.
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { organisations, parks, users } from '../db/schema';
import { freePort, signInOverHttp, spawnServer } from '../testing/server-process';
import { openDatabase } from './db';
import { hashPassword } from './passwords';
import { workerCount, workersRefusal } from './workers';

const adminUrl = process.env.TEST_DATABASE_URL;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'parksafe-workers-'));
const children: ChildProcess[] = [];
let dbName = '';

afterAll(async () => {
  for (const c of children) if (c.exitCode === null) process.kill(-c.pid!, 'SIGKILL');
  if (dbName && adminUrl) {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`drop database if exists ${dbName} with (force)`);
    await admin.end();
  }
  fs.rmSync(tmp, { recursive: true, force: true });
});

function start(env: NodeJS.ProcessEnv) {
  const s = spawnServer(
    {
      SCHEDULER: 'off',
      PARKSAFE_SECRET: 'workers-secret-workers-secret-0123456789',
      PARKSAFE_AUDIT_KEY: 'workers-audit-key-workers-audit-key-0123',
      PARKSAFE_DATA_KEY: 'workers-data-key-workers-data-key-012345',
      DATA_DIR: path.join(tmp, 'data'),
      ...env,
    },
    { detached: true }, // signalled as a process group, as systemd or a terminal does
  );
  children.push(s.child);
  return s;
}

/** One GET on a connection of its own (the cluster hands each new connection to the next worker). */
function getFresh(port: number, url: string, cookie: string): Promise<{ status: number; process: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path: url, agent: false, headers: { cookie } }, (res) => {
      res.resume();
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, process: String(res.headers['x-request-id'] ?? '').split('-')[0]! }),
      );
    });
    req.on('error', reject);
  });
}

describe('PARKSAFE_WORKERS', () => {
  it('reads the setting and refuses several processes on the embedded database', async () => {
    expect(workerCount({})).toBe(1);
    expect(workerCount({ PARKSAFE_WORKERS: '3' })).toBe(3);
    expect(() => workerCount({ PARKSAFE_WORKERS: 'two' })).toThrow(/PARKSAFE_WORKERS/);
    expect(workersRefusal(2, 'postgres://x')).toBeNull();
    expect(workersRefusal(1, null)).toBeNull();
    const s = start({ PARKSAFE_WORKERS: '2', DATABASE_URL: '', PORT: String(await freePort()) });
    expect(await s.exited).toBe(1);
    expect(s.output()).toContain('PARKSAFE_WORKERS=2 需要 PostgreSQL');
    expect(fs.existsSync(path.join(tmp, 'data', 'pgdata'))).toBe(false);
  }, 30_000);

  it.runIf(adminUrl)(
    'two workers on one port: both answer, a logout ends the session on both at once, SIGTERM drains them',
    async () => {
      dbName = `parksafe_workers_${randomBytes(4).toString('hex')}`;
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      await admin.query(`create database ${dbName}`);
      await admin.end();
      const url = new URL(adminUrl!);
      url.pathname = `/${dbName}`;
      const port = await freePort();
      const s = start({ PARKSAFE_WORKERS: '2', DATABASE_URL: url.toString(), PORT: String(port) });
      const until = Date.now() + 150_000; // the second worker starts once the first listens (slow on a loaded machine)
      const seen = new Set<string>();
      // Ready once two different processes have answered readiness.
      while (seen.size < 2) {
        if (Date.now() > until || s.child.exitCode !== null) throw new Error(`workers did not start: ${s.output()}`);
        const r = await getFresh(port, '/api/health/ready', '').catch(() => null);
        if (r?.status === 200) seen.add(r.process);
        else await new Promise((res) => setTimeout(res, 200));
      }

      const password = `Workers#${randomBytes(6).toString('base64url')}1a`;
      // The first worker migrated the new database; its supervisor is made here, behind the workers' backs.
      const database = await openDatabase({ databaseUrl: url.toString(), dataDir: path.join(tmp, 'data') });
      try {
        const [park] = await database.db
          .insert(parks)
          .values({ code: 'w', name: '多进程园区' })
          .returning({ id: parks.id });
        const [org] = await database.db
          .insert(organisations)
          .values({ parkId: park!.id, kind: 'committee', name: '多进程园区管委会' })
          .returning({ id: organisations.id });
        await database.db.insert(users).values({
          parkId: park!.id,
          organisationId: org!.id,
          username: 'workers-supervisor',
          displayName: '多进程安监',
          role: 'supervisor',
          passwordHash: await hashPassword(password),
          mustChangePassword: false,
        });
      } finally {
        await database.close();
      }

      const session = await signInOverHttp(`http://127.0.0.1:${port}`, 'workers-supervisor', password);
      // Each worker answers the ledger (and keeps the session in its read cache).
      const answered = new Map<string, number>();
      for (let i = 0; i < 8; i++) {
        const r = await getFresh(port, '/api/hazards', session.cookie);
        expect(r.status).toBe(200);
        answered.set(r.process, (answered.get(r.process) ?? 0) + 1);
      }
      expect(answered.size, `answered by ${[...answered.keys()].join(', ')}`).toBe(2);

      const logout = await fetch(`http://127.0.0.1:${port}/api/auth/logout`, {
        method: 'POST',
        headers: { cookie: session.cookie, 'x-csrf-token': session.csrf },
      });
      expect(logout.status).toBeLessThan(300);
      // The other worker hears the NOTIFY on its own connection: allowed a moment, then 401 on both, every time.
      const refused = new Set<string>();
      const deadline = Date.now() + 2000;
      while (refused.size < 2 && Date.now() < deadline) {
        const r = await getFresh(port, '/api/hazards', session.cookie);
        if (r.status === 401) refused.add(r.process);
      }
      expect(refused.size, `refused by ${[...refused].join(', ')} within 2 s`).toBe(2);
      for (let i = 0; i < 6; i++) expect((await getFresh(port, '/api/hazards', session.cookie)).status).toBe(401);

      // SIGTERM to the whole group (systemd's KillMode=control-group, Ctrl-C's SIGINT likewise): the workers get it
      // directly and from the primary, and still drain once and exit cleanly.
      process.kill(-s.child.pid!, 'SIGTERM');
      expect(await s.exited, s.output()).toBe(0);
      expect(s.output().match(/\[parksafe\] closed in \d+ ms/g)?.length).toBe(2);
      await expect(getFresh(port, '/api/health', '')).rejects.toThrow();
    },
    200_000,
  );
});
