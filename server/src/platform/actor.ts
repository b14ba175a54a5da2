import type { Role } from '../../../shared/src/roles';

/** Who is acting, resolved from the session once per request and passed down to every service call. */
export interface Actor {
  userId: string;
  username: string;
  displayName: string;
  role: Role;
  parkId: string;
  organisationId: string;
  /** The enterprise an enterprise user belongs to; null for every other role. */
  enterpriseId: string | null;
  mustChangePassword: boolean;
}

/** What a write needs to know about its origin, for the audit record. */
export interface RequestContext {
  actor: Actor | null;
  ip: string;
}
