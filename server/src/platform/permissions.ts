// What each role may do, as one table. Data scope (which records) is decided separately in scope.ts.
import type { Role } from '../../../shared/src/roles';
import type { Actor } from './actor';
import { forbidden } from './errors';

export const PERMISSIONS = {
  'users.manage': ['admin'],
  'organisations.read': ['admin', 'supervisor', 'leader'],
  'organisations.manage': ['admin'],
  'audit.read': ['admin'],
  'enterprises.read': ['admin', 'supervisor', 'leader', 'inspector', 'department', 'enterprise'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(actor: Actor, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(actor.role);
}

export function assertCan(actor: Actor, permission: Permission): void {
  if (!can(actor, permission)) throw forbidden();
}
