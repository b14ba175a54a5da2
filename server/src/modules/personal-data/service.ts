// 查看完整号码: one personal-data value in full, for a role that needs it, with the reason in the audit log (in the
// same transaction as the read, so no value is shown without its record). Everything else answers masks.
import { sql } from 'drizzle-orm';
import type { RevealBody, RevealResult } from '../../../../shared/src/personal-data';
import type { RequestContext } from '../../platform/actor';
import { appendAudit } from '../../platform/audit';
import { type Db, rows } from '../../platform/db';
import { forbidden, notFound } from '../../platform/errors';
import { open } from '../../platform/personal-data';
import { assertEnterpriseInScope } from '../../platform/scope';

/** Who may see a value in full: the committee's administrators and safety supervisors; an enterprise its own. */
const REVEAL_ROLES = new Set(['admin', 'supervisor', 'enterprise']);

const COLUMN: Record<string, string> = {
  principalPhone: 'principal_phone',
  actualControllerPhone: 'actual_controller_phone',
  safetyManagerPhone: 'safety_manager_phone',
  extraSafetyManagers: 'extra_safety_managers',
  contactPhone: 'contact_phone',
  phone: 'phone',
  certificateNo: 'certificate_no',
};

const TABLE = {
  enterprise: { table: 'enterprises', label: '企业' },
  organisation: { table: 'organisations', label: '单位' },
  user: { table: 'users', label: '用户' },
  provider: { table: 'service_providers', label: '服务机构' },
  trainingAttendee: { table: 'training_attendees', label: '参训人员' },
  resumption: { table: 'resumption_applications', label: '复工申请' },
  certificates: { table: 'certificates', label: '特种作业证书' },
} as const;

/** The enterprise a record belongs to (an enterprise user reaches only its own; the others within their scope). */
const ENTERPRISE_OF: Record<keyof typeof TABLE, string> = {
  enterprise: 'id',
  user: "(select o.id from organisations o where o.id = organisation_id and o.kind = 'enterprise')",
  organisation: "case when kind = 'enterprise' then id end",
  provider: 'null::uuid',
  trainingAttendee: 'enterprise_id',
  resumption: 'enterprise_id',
  certificates: 'enterprise_id',
};
/** Records checked against the actor's data scope through their enterprise (besides the park). */
const SCOPED = new Set<keyof typeof TABLE>(['enterprise', 'trainingAttendee', 'resumption', 'certificates']);

export async function reveal(db: Db, ctx: RequestContext, body: RevealBody): Promise<RevealResult> {
  const actor = ctx.actor!;
  if (!REVEAL_ROLES.has(actor.role)) {
    throw forbidden('当前角色只能查看脱敏后的个人信息', 'PERSONAL_DATA_REVEAL_FORBIDDEN');
  }
  const t = TABLE[body.entityType];
  return db.transaction(async (tx) => {
    // The record must be in the actor's park; an enterprise user only reaches its own enterprise and its accounts.
    const [r] = await rows<{ value: unknown; enterprise_id: string | null }>(
      tx,
      sql`select ${sql.raw(COLUMN[body.field]!)} as value,
                 ${sql.raw(ENTERPRISE_OF[body.entityType])} as enterprise_id
            from ${sql.raw(t.table)} where park_id = ${actor.parkId} and id = ${body.id}`,
    );
    if (!r) throw notFound(t.label);
    if (actor.role === 'enterprise') {
      if (!r.enterprise_id || r.enterprise_id !== actor.enterpriseId) throw notFound(t.label);
    } else if (SCOPED.has(body.entityType) && r.enterprise_id) {
      await assertEnterpriseInScope(tx, actor, r.enterprise_id).catch(() => {
        throw notFound(t.label);
      });
    }
    let stored: string | null;
    if (body.field === 'extraSafetyManagers') {
      const list = (Array.isArray(r.value) ? r.value : []) as { phone?: string | null }[];
      const entry = list[body.index ?? 0];
      if (!entry) throw notFound('安全管理人员');
      stored = entry.phone ?? null;
    } else {
      stored = (r.value as string | null) ?? null;
    }
    const value = open(stored);
    await appendAudit(tx, ctx, {
      action: 'personalData.reveal',
      entityType: body.entityType,
      entityId: body.id,
      enterpriseId: r.enterprise_id,
      // What was shown and why — never the value itself.
      after: { field: body.field, ...(body.index !== undefined ? { index: body.index } : {}), reason: body.reason },
    });
    return { value };
  });
}
