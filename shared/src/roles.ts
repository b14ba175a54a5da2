export const ROLES = ['admin', 'supervisor', 'leader', 'inspector', 'department', 'enterprise'] as const;
export type Role = (typeof ROLES)[number];

export const ORGANISATION_KINDS = ['committee', 'department', 'village', 'service_provider', 'enterprise'] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

/** Which organisation kinds a user of each role may belong to. */
export const ROLE_ORGANISATION_KINDS: Record<Role, readonly OrganisationKind[]> = {
  admin: ['committee'],
  supervisor: ['committee'],
  leader: ['committee'],
  inspector: ['committee', 'service_provider'],
  department: ['department', 'village'],
  enterprise: ['enterprise'],
};
