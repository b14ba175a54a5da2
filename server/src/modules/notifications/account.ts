// Account-security notifications: the owner of an account hears about wrong passwords and codes, the attempts left
// and a lock, in the same transaction as the failure is recorded. The sign-in answer itself says none of this.
import type { Db } from '../../platform/db';
import { accountMessages, type SignInFailureFacts } from './messages';
import * as repo from './repository';

export async function notifySignInFailure(
  tx: Db,
  owner: { userId: string; parkId: string },
  facts: SignInFailureFacts,
): Promise<number> {
  return repo.insertMany(tx, [
    {
      parkId: owner.parkId,
      userId: owner.userId,
      kind: 'accountSecurity',
      ...accountMessages.signInFailed(facts),
      hazardId: null,
      enterpriseId: null,
      // One notice per failure: the count and the time make each occurrence its own.
      dedupeKey: `accountSecurity:${facts.at.toISOString()}:${facts.failures}:${facts.factor}`,
      createdAt: facts.at,
    },
  ]);
}
