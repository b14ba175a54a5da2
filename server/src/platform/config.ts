// Every setting ParkSafe reads from the environment, in one place (the README lists the same).
import path from 'node:path';
import { resolveSecret } from './secrets';

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | null;
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
}

const int = (v: string | undefined, d: number) => (v && /^\d+$/.test(v) ? Number(v) : d);

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const production = env.NODE_ENV === 'production';
  const secret = env.PARKSAFE_SECRET ?? '';
  if (production && secret.length < 32) {
    throw new Error('生产环境必须设置 PARKSAFE_SECRET（至少 32 个字符）');
  }
  const dataDir = path.resolve(env.DATA_DIR ?? './data');
  return {
    port: int(env.PORT, 3000),
    host: env.HOST ?? '0.0.0.0',
    dataDir,
    databaseUrl: env.DATABASE_URL || null,
    production,
    secret: resolveSecret(secret, dataDir),
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
  };
}
