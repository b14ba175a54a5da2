// Test tier that runs the real app against a real database: in-memory PGlite by default, or a fresh PostgreSQL
// database per test file when TEST_DATABASE_URL points at a server (the PostgreSQL suite in CI).
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { generateSync } from 'otplib';
import pg from 'pg';
import { createApp } from '../app';
import { seedDemoPark } from '../modules/demo/seed';
import { now } from '../platform/clock';
import { type Config, loadConfig } from '../platform/config';
import { type Database, migrate, openDatabase } from '../platform/db';

export const DEMO_PASSWORD = 'Test#Demo2026';

export interface TestEnv {
  app: FastifyInstance;
  database: Database;
  config: Config;
  close(): Promise<void>;
}

async function freshPostgres(adminUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `parksafe_t_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

export async function createTestEnv(opts: { seed?: boolean; env?: Record<string, string> } = {}): Promise<TestEnv> {
  const pgUrl = process.env.TEST_DATABASE_URL;
  const fresh = pgUrl ? await freshPostgres(pgUrl) : null;
  const config = loadConfig({
    NODE_ENV: 'test',
    PARKSAFE_SECRET: 'test-secret-test-secret-test-secret-0123',
    DATA_DIR: 'memory://',
    ...(fresh ? { DATABASE_URL: fresh.url } : {}),
    ...opts.env,
  });
  const database = await openDatabase({ databaseUrl: fresh?.url ?? null, dataDir: 'memory://' });
  await migrate(database);
  if (opts.seed !== false) await seedDemoPark(database.db, { password: DEMO_PASSWORD, log: () => {} });
  const app = await createApp(config, database);
  await app.ready();
  return {
    app,
    database,
    config,
    close: async () => {
      await app.close();
      await database.close();
      await fresh?.drop();
    },
  };
}

/** The code an authenticator shows at the platform clock's time (tests may move the clock). */
const totpNow = (secret: string) => generateSync({ secret, epoch: Math.floor(now().getTime() / 1000) });

// TOTP secrets enrolled during a test run, per app, so later sign-ins of the same admin can answer the TOTP step.
const enrolled = new WeakMap<FastifyInstance, Map<string, string>>();

/** For tests that enrol TOTP by hand: lets later Client.login calls answer the TOTP step. */
export function rememberTotp(app: FastifyInstance, username: string, secret: string): void {
  const secrets = enrolled.get(app) ?? new Map<string, string>();
  secrets.set(username, secret);
  enrolled.set(app, secrets);
}

/** A signed-in client: keeps the session cookie and sends the CSRF header like the web console does. */
export class Client {
  cookie = '';
  csrf = '';
  constructor(
    readonly app: FastifyInstance,
    readonly ip = '127.0.0.1',
  ) {}

  async request(method: InjectOptions['method'], url: string, body?: unknown): Promise<LightMyRequestResponse> {
    return this.app.inject({
      method,
      url,
      remoteAddress: this.ip,
      headers: {
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(this.csrf ? { 'x-csrf-token': this.csrf } : {}),
      },
      ...(body !== undefined ? { payload: body as InjectOptions['payload'] } : {}),
    });
  }
  get = (url: string) => this.request('GET', url);

  /** Multipart upload to /api/files, as the console's upload control sends it. */
  async upload(fields: { purpose: string; enterpriseId: string }, name: string, bytes: Uint8Array, type: string) {
    const form = new FormData();
    form.append('purpose', fields.purpose);
    form.append('enterpriseId', fields.enterpriseId);
    form.append('file', new Blob([Buffer.from(bytes)], { type }), name);
    return this.app.inject({
      method: 'POST',
      url: '/api/files',
      remoteAddress: this.ip,
      headers: { cookie: this.cookie, 'x-csrf-token': this.csrf },
      payload: form as unknown as InjectOptions['payload'],
    });
  }
  post = (url: string, body: unknown = {}) => this.request('POST', url, body);
  patch = (url: string, body: unknown) => this.request('PATCH', url, body);

  private keep(res: LightMyRequestResponse) {
    const set = res.cookies.find((c) => c.name === 'ps_session');
    if (set) this.cookie = `ps_session=${set.value}`;
    const json = res.json() as { csrfToken?: string };
    if (json.csrfToken) this.csrf = json.csrfToken;
  }

  /** Signs in, completing the TOTP enrolment or the TOTP step when the server asks. */
  async login(username: string, password = DEMO_PASSWORD): Promise<LightMyRequestResponse> {
    const secrets = enrolled.get(this.app) ?? new Map<string, string>();
    enrolled.set(this.app, secrets);
    let res = await this.post('/api/auth/login', { username, password });
    const body = res.json() as { status?: string; challenge?: string; secret?: string };
    if (res.statusCode === 200 && body.status === 'totpSetupRequired') {
      res = await this.post('/api/auth/login/totp-setup', {
        challenge: body.challenge,
        code: totpNow(body.secret!),
      });
      if (res.statusCode === 200) secrets.set(username, body.secret!);
    } else if (res.statusCode === 200 && body.status === 'totpRequired') {
      const secret = secrets.get(username);
      if (!secret) throw new Error(`no TOTP secret known for ${username}`);
      res = await this.post('/api/auth/login/totp', { challenge: body.challenge, code: totpNow(secret) });
    }
    if (res.statusCode === 200) this.keep(res);
    return res;
  }
}

export async function signedIn(app: FastifyInstance, username: string): Promise<Client> {
  const c = new Client(app);
  const res = await c.login(username);
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  return c;
}
