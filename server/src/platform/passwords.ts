import { type Algorithm, hash, verify } from '@node-rs/argon2';
import { dictionary } from '@zxcvbn-ts/language-common';
import { PASSWORD_CONTAINS_USERNAME, type PasswordPolicy, passwordProblem } from '../../../shared/src/password';
import { badRequest } from './errors';

// argon2id with the OWASP-recommended minimum (19 MiB, 2 iterations).
const OPTIONS = { algorithm: 2 as Algorithm, memoryCost: 19456, timeCost: 2, parallelism: 1 };

export const hashPassword = (password: string) => hash(password, OPTIONS);

let verifications = 0;
/** argon2 verifications run by this process: refusal paths are compared by work done, not by a wall clock. */
export const passwordVerifications = () => verifications;

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  verifications++;
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** Spends the same time as a real check, so refusals that need no hash (unknown name) cannot be told by timing. */
let dummyHash: Promise<string> | null = null;
export async function burnPasswordCheck(password: string): Promise<void> {
  dummyHash ??= hashPassword('parksafe-timing-equaliser');
  await verifyPassword(await dummyHash, password);
}

// The 49,233 common passwords of zxcvbn-ts's common dictionary (@zxcvbn-ts/language-common, MIT), lower-case. Built
// on first use: the server pays for it once, the web bundle never (the console shows the server's field error).
let common: Set<string> | null = null;
const commonPasswords = () => {
  common ??= new Set(dictionary['passwords-common']);
  return common;
};

/** True when the password, ignoring case and symbols at either end ("Admin123!" → admin123), is a common one. */
export function isCommonPassword(password: string): boolean {
  const lower = password.toLowerCase();
  const trimmed = lower.replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '');
  const list = commonPasswords();
  return list.has(lower) || list.has(trimmed);
}

export type PasswordRejectionCode = 'PASSWORD_TOO_WEAK' | 'PASSWORD_CONTAINS_USERNAME' | 'PASSWORD_COMMON';

/** Why a new password is refused (length and classes, the user name, a common password), or null. */
export function passwordRejection(
  password: string,
  policy: PasswordPolicy,
  username?: string | null,
): { code: PasswordRejectionCode; message: string } | null {
  const problem = passwordProblem(password, policy, username);
  if (problem) {
    const code = problem === PASSWORD_CONTAINS_USERNAME ? 'PASSWORD_CONTAINS_USERNAME' : 'PASSWORD_TOO_WEAK';
    return { code, message: problem };
  }
  if (isCommonPassword(password)) {
    return { code: 'PASSWORD_COMMON', message: '该密码过于常见，容易被猜中，请换一个' };
  }
  return null;
}

/** Every place that sets a password calls this: the API answers 400 naming the field. */
export function assertPasswordAcceptable(
  password: string,
  policy: PasswordPolicy,
  opts: { field?: string; username?: string | null } = {},
): void {
  const refusal = passwordRejection(password, policy, opts.username);
  if (refusal) throw badRequest(refusal.code, refusal.message, { [opts.field ?? 'password']: refusal.message });
}
