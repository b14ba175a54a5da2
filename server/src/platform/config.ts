// Every setting ParkSafe reads from the environment, in one place (the README lists the same).
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { resolveSecret } from './secrets';

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | null;
  /**
   * The owner role's URL: migrations run as it and grant the server's role (DATABASE_URL) only what it needs. Unset:
   * DATABASE_URL migrates too, and the audit log is only as safe as that one role (a warning at start-up).
   */
  databaseOwnerUrl: string | null;
  production: boolean;
  /** Signs login challenges and encrypts TOTP secrets. Unset (development only): kept in DATA_DIR/secret.key. */
  secret: string;
  demoPassword: string | null;
  cookieSecure: boolean;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  lockoutThreshold: number;
  lockoutMinutes: number;
  ipFailureLimit: number;
  passwordMinLength: number;
  passwordMinClasses: number;
  bodyLimitBytes: number;
  seedDemo: boolean;
  /** HMAC-SM3 key of the audit chain and its checkpoints; never stored in the database. */
  auditKey: string;
  /** Append-only file of signed audit chain-head checkpoints; null: none (in-memory test databases). */
  auditCheckpointFile: string | null;
  auditCheckpointMinutes: number;
  /** SM4/HMAC-SM3 key of personal data (platform/personal-data.ts); never stored in the database. */
  dataKey: string;
  /** Where the data key came from: the environment, or the file DATA_DIR/data.key (a backup then carries it). */
  dataKeySource: 'env' | 'file' | 'memory';
}

// In-memory test databases of one process share one data key, as they share the process's personal-data key.
const memoryDataKey = randomBytes(32).toString('hex');

const int = (v: string | undefined, d: number) => (v && /^\d+$/.test(v) ? Number(v) : d);

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const production = env.NODE_ENV === 'production';
  const secret = env.PARKSAFE_SECRET ?? '';
  if (production && secret.length < 32) {
    throw new Error('生产环境必须设置 PARKSAFE_SECRET（至少 32 个字符）');
  }
  const auditKey = env.PARKSAFE_AUDIT_KEY ?? '';
  if ((production || auditKey) && auditKey.length < 32) {
    throw new Error('PARKSAFE_AUDIT_KEY 至少需要 32 个字符（生产环境必须设置）');
  }
  const dataKey = env.PARKSAFE_DATA_KEY ?? '';
  if ((production || dataKey) && dataKey.length < 32) {
    throw new Error('PARKSAFE_DATA_KEY 至少需要 32 个字符（生产环境必须设置；可用 openssl rand -hex 32 生成）');
  }
  // 'memory://' is the tests' throw-away database: nothing of it goes to disk unless a test asks.
  const inMemory = env.DATA_DIR === 'memory://';
  const dataDir = path.resolve(env.DATA_DIR ?? './data');
  return {
    port: int(env.PORT, 3000),
    host: env.HOST ?? '0.0.0.0',
    dataDir,
    databaseUrl: env.DATABASE_URL || null,
    databaseOwnerUrl: env.DATABASE_OWNER_URL || null,
    production,
    secret: secret || (inMemory ? randomBytes(32).toString('base64url') : resolveSecret('', dataDir)),
    demoPassword: env.PARKSAFE_DEMO_PASSWORD || null,
    cookieSecure: env.COOKIE_SECURE ? env.COOKIE_SECURE === 'true' : production,
    sessionIdleMinutes: int(env.SESSION_IDLE_MINUTES, 30),
    sessionAbsoluteHours: int(env.SESSION_ABSOLUTE_HOURS, 12),
    lockoutThreshold: int(env.LOGIN_LOCK_THRESHOLD, 5),
    lockoutMinutes: int(env.LOGIN_LOCK_MINUTES, 15),
    ipFailureLimit: int(env.LOGIN_IP_FAILURE_LIMIT, 30),
    passwordMinLength: int(env.PASSWORD_MIN_LENGTH, 8),
    passwordMinClasses: int(env.PASSWORD_MIN_CLASSES, 3),
    bodyLimitBytes: int(env.BODY_LIMIT_BYTES, 1024 * 1024),
    seedDemo: !production && env.PARKSAFE_SEED_DEMO !== 'false',
    auditKey: auditKey || (inMemory ? randomBytes(32).toString('base64url') : resolveSecret('', dataDir, 'audit.key')),
    auditCheckpointFile: env.PARKSAFE_AUDIT_CHECKPOINTS
      ? path.resolve(env.PARKSAFE_AUDIT_CHECKPOINTS)
      : inMemory
        ? null
        : path.join(dataDir, 'audit-checkpoints.jsonl'),
    auditCheckpointMinutes: Math.max(1, int(env.AUDIT_CHECKPOINT_MINUTES, 5)),
    dataKey: dataKey || (inMemory ? memoryDataKey : resolveSecret('', dataDir, 'data.key', 'hex')),
    dataKeySource: dataKey ? 'env' : inMemory ? 'memory' : 'file',
  };
}
