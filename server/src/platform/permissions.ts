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
  // 补录: entering past steps from paper ledgers (past dates, with a reason) is the safety office's.
  'hazards.backfill': ['supervisor'],
  // The park's re-check time limit (复查时限) behind 复查超时.
  'hazards.settings': ['admin', 'supervisor'],
  'campaigns.manage': ['admin', 'supervisor'],
  // Work plan (工作计划, issue 15): written by the committee, read by its leaders; never by enterprises.
  'plans.read': ['admin', 'supervisor', 'leader'],
  'plans.manage': ['admin', 'supervisor'],
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
  // The register of issued documents (发文登记): the committee, its leaders and inspectors (data scope).
  'documents.read': ['admin', 'supervisor', 'leader', 'inspector'],
  // Re-issuing voids a document's number and takes a new one: the safety office's decision.
  'documents.reissue': ['supervisor'],
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
  // Responsibility letters: the committee writes templates, issues, reminds and verifies; each party (an enterprise's
  // users, a department's or village's account) reads and signs its own (data scope: partyScopeSql).
  'responsibility.read': ['admin', 'supervisor', 'leader', 'department', 'enterprise'],
  'responsibility.manage': ['admin', 'supervisor'],
  // The templates, signing rates and signing list: the committee and its leaders (read-only).
  'responsibility.overview': ['admin', 'supervisor', 'leader'],
  'responsibility.sign': ['department', 'enterprise'],
  // Annual assessment: the committee builds rounds, scores and publishes; parties self-assess and read their own.
  'assessment.read': ['admin', 'supervisor', 'leader', 'department', 'enterprise'],
  'assessment.manage': ['admin', 'supervisor'],
  'assessment.self': ['department', 'enterprise'],
  // Commendations: awarded by the committee; read within data scope (an enterprise its own and its people's).
  'commendations.read': ['admin', 'supervisor', 'leader', 'inspector', 'department', 'enterprise'],
  'commendations.manage': ['admin', 'supervisor'],
  // Accidents (生产安全事故): recorded by the committee, read within data scope (an enterprise its own).
  'accidents.read': ['admin', 'supervisor', 'leader', 'inspector', 'department', 'enterprise'],
  'accidents.manage': ['admin', 'supervisor'],
  // Enterprise credit: read within data scope (an enterprise its own score and why); the admin edits the rule table,
  // the safety office adjusts a score with a reason and recomputes from the records.
  'credit.read': ['admin', 'supervisor', 'leader', 'inspector', 'department', 'enterprise'],
  'credit.rules': ['admin'],
  'credit.adjust': ['admin', 'supervisor'],
  'credit.recompute': ['admin', 'supervisor'],
  // Safety commitments: an enterprise posts its own (the office may post one from paper on its behalf), the office
  // configures the types and reads who is missing.
  'commitments.read': ['admin', 'supervisor', 'leader', 'inspector', 'department', 'enterprise'],
  'commitments.post': ['supervisor', 'enterprise'],
  'commitments.configure': ['admin', 'supervisor'],
  // Service providers (training, fire service): the committee keeps the list; the whole park reads it to pick one.
  'providers.read': ['admin', 'supervisor', 'leader', 'inspector', 'department', 'enterprise'],
  'providers.manage': ['admin', 'supervisor'],
  // Training: every role reads within its scope; the committee records any session, an enterprise its own.
  'training.read': ['admin', 'supervisor', 'leader', 'inspector', 'department', 'enterprise'],
  'training.manage': ['admin', 'supervisor', 'enterprise'],
  // Publicity activities (宣传活动) are the park's public work: every role reads them, the committee records them.
  'publicity.read': ['admin', 'supervisor', 'leader', 'inspector', 'department', 'enterprise'],
  'publicity.manage': ['admin', 'supervisor'],
  // The material kinds beside the built-in ones: the admin's list.
  'publicity.materialKinds': ['admin'],
  // Meetings and study: the committee records them; its leaders and member units read them.
  'meetings.read': ['admin', 'supervisor', 'leader', 'department'],
  'meetings.manage': ['admin', 'supervisor'],
  // A meeting's decisions as tasks: read within task scope (a unit or an enterprise its own), followed up by the owner
  // and the committee.
  'meetingTasks.read': ['admin', 'supervisor', 'leader', 'department', 'enterprise'],
  'meetingTasks.progress': ['admin', 'supervisor', 'department', 'enterprise'],
  // The special-funds ledger: the committee's and its leaders' only (never an enterprise's).
  'funds.read': ['admin', 'supervisor', 'leader'],
  'funds.manage': ['admin', 'supervisor'],
  // Emergency drills (issue 14): an enterprise records its own drills and plans (data scope); park-level drills and
  // observation days are the committee's. A drill's problem becomes a hazard through the hazards service (its rules).
  'drills.read': ['admin', 'supervisor', 'leader', 'inspector', 'department', 'enterprise'],
  'drills.write': ['admin', 'supervisor', 'inspector', 'enterprise'],
  'drills.park': ['admin', 'supervisor'],
  // Work resumption: an enterprise applies (the office may enter a paper application), a supervisor or an inspector
  // confirms after the on-site check or returns it; the office keeps the seasons and their checklist.
  'resumption.read': ['admin', 'supervisor', 'leader', 'inspector', 'department', 'enterprise'],
  'resumption.apply': ['supervisor', 'enterprise'],
  'resumption.decide': ['supervisor', 'inspector'],
  'resumption.seasons': ['admin', 'supervisor'],
  // Guidance visits and talks: recorded by the committee; an enterprise reads its own.
  'guidance.read': ['admin', 'supervisor', 'leader', 'inspector', 'department', 'enterprise'],
  'guidance.write': ['admin', 'supervisor', 'inspector'],
  // Third-party fire service: visits and their findings are read within data scope (an enterprise its own); contracts
  // (and the money, seesMoney) are the committee's; visits are recorded by its staff, who also read the analysis.
  'fireService.read': ['admin', 'supervisor', 'leader', 'inspector', 'department', 'enterprise'],
  'fireService.contracts': ['admin', 'supervisor', 'leader', 'inspector'],
  'fireService.manage': ['admin', 'supervisor'],
  'fireService.record': ['admin', 'supervisor', 'inspector'],
  'fireService.analyse': ['admin', 'supervisor', 'leader', 'inspector'],
  // Coverage (全覆盖) and the leaders' dashboard (领导驾驶舱): the committee, its leaders and member units (their own
  // enterprises, by data scope). The campaign for the uncovered needs campaigns.manage as well.
  'coverage.read': ['admin', 'supervisor', 'leader', 'department'],
  'dashboard.read': ['admin', 'supervisor', 'leader', 'department'],
  // The period summary (工作总结): the committee office writes and generates it; leaders read and download it.
  'reports.summary': ['admin', 'supervisor'],
  'reports.read': ['admin', 'supervisor', 'leader'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(actor: Actor, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(actor.role);
}

export function assertCan(actor: Actor, permission: Permission): void {
  if (!can(actor, permission)) throw forbidden();
}
