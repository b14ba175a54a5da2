// What the signed-in role may do in the registry. Mirrors the server's permission table
// (server/src/platform/permissions.ts), which still decides; this only decides what is offered.
import type { EnterpriseInput } from '../../../../shared/src/enterprises';
import { ENTERPRISE_SELF_EDITABLE } from '../../../../shared/src/enterprises';
import type { Role } from '../../../../shared/src/roles';
import { useMe } from '../../app/auth';

export function useRegistryRights() {
  const { role } = useMe();
  const is = (...roles: Role[]) => roles.includes(role);
  return {
    /** 新建企业, 导入, 企业账户: the committee's registry keepers. */
    manage: is('admin', 'supervisor'),
    /** Edit the enterprise record (an enterprise only its own, and only some fields). */
    edit: is('admin', 'supervisor', 'enterprise'),
    /** Add, edit and delete hazard sources, equipment, plans and certificates. */
    writeRecords: is('admin', 'supervisor', 'enterprise'),
    history: is('admin', 'supervisor', 'leader', 'enterprise'),
    accounts: is('admin', 'supervisor'),
    /** Whether this role may change a given field of the record. */
    canEditField: (field: keyof EnterpriseInput) =>
      is('admin', 'supervisor') ||
      (is('enterprise') && (ENTERPRISE_SELF_EDITABLE as readonly string[]).includes(field)),
  };
}

export const enterpriseKeys = {
  list: ['enterprises'] as const,
  one: (id: string) => ['enterprise', id] as const,
  history: (id: string) => ['enterprise', id, 'history'] as const,
  users: (id: string) => ['enterprise', id, 'users'] as const,
};

/** Where an enterprise's page opens, on a given tab. */
export const enterprisePath = (id: string, tab?: string) => `/enterprises/${id}${tab ? `?tab=${tab}` : ''}`;
