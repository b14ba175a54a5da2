import { type Algorithm, hash, verify } from '@node-rs/argon2';
import { type PasswordPolicy, passwordProblem } from '../../../shared/src/password';
import { badRequest } from './errors';

// argon2id with the OWASP-recommended minimum (19 MiB, 2 iterations).
const OPTIONS = { algorithm: 2 as Algorithm, memoryCost: 19456, timeCost: 2, parallelism: 1 };

export const hashPassword = (password: string) => hash(password, OPTIONS);

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** Spends the same time as a real check, so unknown user names cannot be told apart by timing. */
let dummyHash: Promise<string> | null = null;
export async function burnPasswordCheck(password: string): Promise<void> {
  dummyHash ??= hashPassword('parksafe-timing-equaliser');
  await verifyPassword(await dummyHash, password);
}

export function assertPasswordAcceptable(password: string, policy: PasswordPolicy, field = 'password'): void {
  const problem = passwordProblem(password, policy);
  if (problem) throw badRequest('PASSWORD_TOO_WEAK', problem, { [field]: problem });
}
