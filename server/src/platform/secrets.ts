// Signing and encryption with the platform secret. Without PARKSAFE_SECRET (development only) a random secret is kept
// in DATA_DIR/secret.key so TOTP secrets and challenges survive restarts.
import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export function resolveSecret(
  envSecret: string | undefined,
  dataDir: string,
  fileName = 'secret.key',
  encoding: 'base64url' | 'hex' = 'base64url',
): string {
  if (envSecret) return envSecret;
  const file = path.join(dataDir, fileName);
  fs.mkdirSync(dataDir, { recursive: true });
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch {
    const s = randomBytes(32).toString(encoding);
    try {
      fs.writeFileSync(file, s, { mode: 0o600, flag: 'wx' });
    } catch (err) {
      // Another process created it first: use that one.
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') return fs.readFileSync(file, 'utf8').trim();
      throw err;
    }
    return s;
  }
}

export class Secrets {
  private readonly key: Buffer;
  constructor(private readonly secret: string) {
    this.key = createHash('sha256').update(`parksafe:enc:${secret}`).digest();
  }

  /** A compact signed token: base64url(JSON) + '.' + HMAC. */
  sign(payload: object): string {
    const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
    return `${body}.${this.mac(body)}`;
  }

  verify<T>(token: string): T | null {
    const [body, mac] = token.split('.');
    if (!body || !mac) return null;
    const expected = Buffer.from(this.mac(body));
    const given = Buffer.from(mac);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
    try {
      return JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as T;
    } catch {
      return null;
    }
  }

  encrypt(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), data.toString('base64url')].join(
      '.',
    );
  }

  decrypt(box: string): string {
    const [v, iv, tag, data] = box.split('.');
    if (v !== 'v1' || !iv || !tag || !data) throw new Error('unknown secret box format');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
  }

  private mac(body: string): string {
    return createHmac('sha256', this.secret).update(body).digest('base64url');
  }
}
