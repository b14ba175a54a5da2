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
  'enterprises.create': ['admin', 'supervisor'],
  // Enterprise users edit their own record, limited to ENTERPRISE_SELF_EDITABLE fields (enforced in the service).
  'enterprises.update': ['admin', 'supervisor', 'enterprise'],
  'enterprises.history': ['admin', 'supervisor', 'leader', 'enterprise'],
  'enterpriseUsers.manage': ['admin', 'supervisor'],
  'registry.write': ['admin', 'supervisor', 'enterprise'],
  'criteria.read': ['admin', 'supervisor', 'leader', 'inspector', 'department', 'enterprise'],
  'criteria.manage': ['admin'],
  'hazards.read': ['admin', 'supervisor', 'leader', 'inspector', 'department', 'enterprise'],
  // Enterprises record their own self-inspection hazards (自查自改).
  'hazards.create': ['admin', 'supervisor', 'inspector', 'enterprise'],
  'hazards.rectify': ['admin', 'supervisor', 'enterprise'],
  // Extension decisions, listing/delisting, downgrade and stoppage are the committee's.
  'hazards.supervise': ['admin', 'supervisor'],
  'campaigns.manage': ['admin', 'supervisor'],
  'inspections.create': ['admin', 'supervisor', 'inspector', 'enterprise'],
  // Checklist templates: built, copied, versioned and retired by the committee; read (active ones) by everyone in
  // the park, enterprises included (they self-inspect with them).
  'checklists.read': ['admin', 'supervisor', 'leader', 'inspector', 'department', 'enterprise'],
  'checklists.manage': ['admin', 'supervisor'],
  // Safety status survey: the committee configures and reads figures, an enterprise answers its own (data scope), a
  // supervisor may answer on its behalf and return a submission.
  'survey.configure': ['admin', 'supervisor'],
  'survey.read': ['admin', 'supervisor', 'leader'],
  'survey.answer': ['supervisor', 'enterprise'],
  'survey.review': ['supervisor'],
  // Official documents take a number of the park's series: issued by the committee and inspectors (data scope).
  'documents.generate': ['admin', 'supervisor', 'inspector'],
  // Penalty cases: read within data scope (an enterprise its own); filed and advanced by the committee.
  'penaltyCases.read': ['admin', 'supervisor', 'leader', 'inspector', 'department', 'enterprise'],
  'penaltyCases.manage': ['admin', 'supervisor'],
  // Joint enforcement actions: the committee's and member departments' records (a department only its own actions).
  'jointActions.read': ['admin', 'supervisor', 'leader', 'department'],
  'jointActions.manage': ['admin', 'supervisor', 'department'],
  // Risk graded control: an enterprise maintains its own risk points (data scope), the committee reviews them, an admin
  // sets the park's thresholds and uploads the park plan, a supervisor places enterprises and overrides levels.
  'risk.read': ['admin', 'supervisor', 'leader', 'inspector', 'department', 'enterprise'],
  'risk.write': ['admin', 'supervisor', 'enterprise'],
  'risk.review': ['admin', 'supervisor'],
  'risk.override': ['admin', 'supervisor'],
  'risk.thresholds': ['admin'],
  'risk.plan': ['admin'],
  'risk.place': ['admin', 'supervisor'],
  // Excel import of risk points (any enterprise of the park), like the registry import: the committee's.
  'risk.import': ['admin', 'supervisor'],
  // The park-wide views (four-colour map, distribution, major-risk enterprises), within data scope.
  'risk.overview': ['admin', 'supervisor', 'leader', 'inspector', 'department'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(actor: Actor, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(actor.role);
}

export function assertCan(actor: Actor, permission: Permission): void {
  if (!can(actor, permission)) throw forbidden();
}
