// Test tier that runs the real app against a real database: in-memory PGlite by default, or a fresh PostgreSQL
// database per test file when TEST_DATABASE_URL points at a server (the PostgreSQL suite in CI). On PostgreSQL the
// app runs as the restricted server role and the migrations as the owner role, as in production (README).
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { generateSync } from 'otplib';
import pg from 'pg';
import { createApp } from '../app';
import { seedDemoPark } from '../modules/demo/seed';
import { configureAuditKey } from '../platform/audit';
import { clock, now } from '../platform/clock';
import { type Config, loadConfig } from '../platform/config';
import { type Database, migrate, openDatabase } from '../platform/db';
import { ensureRoles, grantAppRole, prepareDatabase, urlAs } from '../platform/db-roles';
import { configurePersonalDataKey } from '../platform/personal-data';

export const DEMO_PASSWORD = 'Test#Demo2026';
export const TEST_AUDIT_KEY = 'test-audit-key-test-audit-key-0123456789';
/** A fixed person-data key, so a seeded database can be reused by every test file of a run (see seededTemplate). */
export const TEST_DATA_KEY = 'test-data-key-test-data-key-test-data-0123';

/** Cluster-wide roles shared by every test database (created once, idempotently, by whichever file comes first). */
export const TEST_ROLES = { owner: 'parksafe_test_owner', app: 'parksafe_test_app', password: 'parksafe-test-2026' };

export interface TestEnv {
  app: FastifyInstance;
  /** The app's connection: on PostgreSQL the restricted server role. */
  database: Database;
  /** The owner role's connection (DDL, tampering in tests); on PGlite the same database. */
  owner: Database;
  config: Config;
  close(): Promise<void>;
}

async function freshPostgres(
  adminUrl: string,
  opts: { name?: string; template?: string } = {},
): Promise<{ appUrl: string; ownerUrl: string; drop: () => Promise<void> }> {
  const name = opts.name ?? `parksafe_t_${randomBytes(5).toString('hex')}`;
  const roles = { ...TEST_ROLES, ownerPassword: TEST_ROLES.password, appPassword: TEST_ROLES.password };
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    // On the shared admin database, so the advisory lock serialises the test files that start together.
    await ensureRoles(admin, roles);
    await admin.query(`create database ${name}${opts.template ? ` template ${opts.template}` : ''}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const onDb = new pg.Client({ connectionString: url.toString() });
  await onDb.connect();
  try {
    await prepareDatabase(onDb, roles); // also for a copy: database-level grants are not copied from a template
  } finally {
    await onDb.end();
  }
  return {
    appUrl: urlAs(url.toString(), TEST_ROLES.app, TEST_ROLES.password),
    ownerUrl: urlAs(url.toString(), TEST_ROLES.owner, TEST_ROLES.password),
    drop: async () => {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

export interface TestDatabase {
  /** The app's connection: on PostgreSQL the restricted server role. */
  database: Database;
  /** The owner role's connection; on PGlite the same database. */
  owner: Database;
  /** On PostgreSQL: the URLs of the two roles (for a CLI run against this database). */
  urls: { app: string; owner: string } | null;
  /** Applies the migrations as the owner (those below `before` only) and grants the server's role. */
  migrate(opts?: { before?: string }): Promise<void>;
  close(): Promise<void>;
}

/** A fresh, unmigrated database: in-memory PGlite, or (TEST_DATABASE_URL) a PostgreSQL database with the two roles. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const pgUrl = process.env.TEST_DATABASE_URL;
  if (!pgUrl) {
    const database = await openDatabase({ databaseUrl: null, dataDir: 'memory://' });
    return {
      database,
      owner: database,
      urls: null,
      migrate: async (opts) => {
        await migrate(database, () => {}, opts);
      },
      close: () => database.close(),
    };
  }
  return postgresTestDatabase(await freshPostgres(pgUrl));
}

async function postgresTestDatabase(fresh: Awaited<ReturnType<typeof freshPostgres>>): Promise<TestDatabase> {
  const owner = await openDatabase({ databaseUrl: fresh.ownerUrl, dataDir: 'memory://' });
  const database = await openDatabase({ databaseUrl: fresh.appUrl, dataDir: 'memory://' });
  return {
    database,
    owner,
    urls: { app: fresh.appUrl, owner: fresh.ownerUrl },
    migrate: async (opts) => {
      await migrate(owner, () => {}, opts);
      await grantAppRole(owner, TEST_ROLES.app);
    },
    close: async () => {
      await database.close();
      await owner.close();
      await fresh.drop();
    },
  };
}

// Migrating and seeding the demo park took ~13 s per test file, most of the suites' time. The files of one run
// (vitest.config.ts names a directory and a run id) share one seeded copy per clock time instead: on PGlite a dump
// of the data directory, on PostgreSQL a template database each file's database is created from. Only when the seed
// would come out the same: the clock held at a fixed time (the seed dates its history from "today") and the fixed
// test keys (audit rows carry a MAC, person data is encrypted).
const TEMPLATE_DIR = process.env.PARKSAFE_TEST_TEMPLATES;
const TEMPLATE_RUN = process.env.PARKSAFE_TEST_RUN;

function templateKey(env: Record<string, string | undefined>): string | null {
  const at = clock.fixedAt();
  if (!TEMPLATE_DIR || !TEMPLATE_RUN || !at) return null;
  if (env.PARKSAFE_AUDIT_KEY !== TEST_AUDIT_KEY || env.PARKSAFE_DATA_KEY !== TEST_DATA_KEY) return null;
  return createHash('sha256').update(at.toISOString()).digest('hex').slice(0, 12);
}

const seedDemo = (db: Database) => seedDemoPark(db.db, { password: DEMO_PASSWORD, log: () => {} });

/** A migrated, seeded database from the run's copy for this key, making the copy first if no file made it yet. */
async function seededDatabase(key: string): Promise<TestDatabase> {
  const pgUrl = process.env.TEST_DATABASE_URL;
  if (!pgUrl) {
    const file = path.join(TEMPLATE_DIR!, `${key}.tar`);
    if (fs.existsSync(file)) {
      const database = await openDatabase({
        databaseUrl: null,
        dataDir: 'memory://',
        loadDataDir: new Blob([fs.readFileSync(file)]),
      });
      return { database, owner: database, urls: null, migrate: async () => {}, close: () => database.close() };
    }
    // Two files starting together may both make it: the same content, renamed into place whole.
    const test = await createTestDatabase();
    await test.migrate();
    await seedDemo(test.database);
    const dump = await test.database.dumpDataDir!();
    fs.mkdirSync(TEMPLATE_DIR!, { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, Buffer.from(await dump.arrayBuffer()));
    fs.renameSync(tmp, file);
    return test;
  }
  const template = `parksafe_tpl_${TEMPLATE_RUN}_${key}`;
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  try {
    // One file makes the template while the others wait for it (a template must have no connections when copied).
    await admin.query('select pg_advisory_lock(hashtext($1))', [template]);
    const { rowCount } = await admin.query('select 1 from pg_database where datname = $1', [template]);
    if (!rowCount) {
      const made = await freshPostgres(pgUrl, { name: template });
      const owner = await openDatabase({ databaseUrl: made.ownerUrl, dataDir: 'memory://' });
      const app = await openDatabase({ databaseUrl: made.appUrl, dataDir: 'memory://' });
      try {
        await migrate(owner, () => {});
        await grantAppRole(owner, TEST_ROLES.app);
        await seedDemo(app);
      } finally {
        await app.close();
        await owner.close();
      }
    }
  } finally {
    await admin.query('select pg_advisory_unlock(hashtext($1))', [template]).catch(() => {});
    await admin.end();
  }
  return postgresTestDatabase(await freshPostgres(pgUrl, { template }));
}

/**
 * A fresh database (demo park unless seed: false) and the app on it. Audit checkpoints go to a temp directory of its
 * own (config.auditCheckpointFile), removed at close.
 */
export async function createTestEnv(opts: { seed?: boolean; env?: Record<string, string> } = {}): Promise<TestEnv> {
  const checkpointDir = fs.mkdtempSync(path.join(os.tmpdir(), 'parksafe-audit-'));
  const env: Record<string, string> = {
    NODE_ENV: 'test',
    PARKSAFE_SECRET: 'test-secret-test-secret-test-secret-0123',
    PARKSAFE_AUDIT_KEY: TEST_AUDIT_KEY,
    PARKSAFE_DATA_KEY: TEST_DATA_KEY,
    PARKSAFE_AUDIT_CHECKPOINTS: path.join(checkpointDir, 'audit-checkpoints.jsonl'),
    DATA_DIR: 'memory://',
    ...opts.env,
  };
  // The keys first: a template made here is seeded under them.
  const keys = loadConfig(env);
  configureAuditKey(keys.auditKey);
  configurePersonalDataKey(keys.dataKey);
  const key = opts.seed !== false ? templateKey(env) : null;
  const test = key ? await seededDatabase(key) : await createTestDatabase();
  const config = loadConfig({
    ...env,
    ...(test.urls ? { DATABASE_URL: test.urls.app, DATABASE_OWNER_URL: test.urls.owner } : {}),
    ...opts.env,
  });
  if (!key) {
    await test.migrate();
    if (opts.seed !== false) await seedDemo(test.database);
  }
  const { database, owner } = test;
  const app = await createApp(config, database);
  await app.ready();
  return {
    app,
    database,
    owner,
    config,
    close: async () => {
      await app.close();
      await test.close();
      fs.rmSync(checkpointDir, { recursive: true, force: true });
    },
  };
}

/** The code an authenticator shows at the platform clock's time (tests may move the clock). */
const totpNow = (secret: string) => generateSync({ secret, epoch: Math.floor(now().getTime() / 1000) });

// TOTP secrets enrolled during a test run, per app, so later sign-ins of the same admin can answer the TOTP step.
const enrolled = new WeakMap<FastifyInstance, Map<string, string>>();
// The last TOTP time step each user's code was accepted for, per app. The server accepts a code once: a second
// sign-in within the same 30 seconds waits for the next code, as a person would (the platform clock moves on).
const usedSteps = new WeakMap<FastifyInstance, Map<string, number>>();
const stepNow = () => Math.floor(now().getTime() / 30_000);

function markStepUsed(app: FastifyInstance, username: string): void {
  const used = usedSteps.get(app) ?? new Map<string, number>();
  used.set(username, stepNow());
  usedSteps.set(app, used);
}

/** The code to sign in with: the current one, or the next step's after waiting for it when this one was used. */
function freshTotp(app: FastifyInstance, username: string, secret: string): string {
  const last = usedSteps.get(app)?.get(username);
  if (last !== undefined && stepNow() <= last) clock.advance((last + 1) * 30_000 - now().getTime());
  return totpNow(secret);
}

/** For tests that enrol TOTP by hand: lets later Client.login calls answer the TOTP step. */
export function rememberTotp(app: FastifyInstance, username: string, secret: string): void {
  const secrets = enrolled.get(app) ?? new Map<string, string>();
  secrets.set(username, secret);
  enrolled.set(app, secrets);
  markStepUsed(app, username); // the enrolment's code used this step
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
  async upload(
    fields: { purpose: string; enterpriseId: string; recordKind?: string },
    name: string,
    bytes: Uint8Array,
    type: string,
  ) {
    const form = new FormData();
    form.append('purpose', fields.purpose);
    form.append('enterpriseId', fields.enterpriseId);
    if (fields.recordKind !== undefined) form.append('recordKind', fields.recordKind);
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
      if (res.statusCode === 200) {
        secrets.set(username, body.secret!);
        markStepUsed(this.app, username);
      }
    } else if (res.statusCode === 200 && body.status === 'totpRequired') {
      const secret = secrets.get(username);
      if (!secret) throw new Error(`no TOTP secret known for ${username}`);
      res = await this.post('/api/auth/login/totp', {
        challenge: body.challenge,
        code: freshTotp(this.app, username, secret),
      });
      if (res.statusCode === 200) markStepUsed(this.app, username);
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
