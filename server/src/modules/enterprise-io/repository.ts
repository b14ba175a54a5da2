// Queries of the enterprise import and export: set-based writes (a few statements per thousand rows, not per row)
// and keyset-paged reads (an export never holds more than one batch).
import { and, asc, count, eq, inArray, isNotNull, type SQL, sql } from 'drizzle-orm';
import type { EnterpriseInput } from '../../../../shared/src/enterprises';
import { enterprises } from '../../db/schema';
import { type Db, rows } from '../../platform/db';
import { enterprisePhoneDigests, open, openJsonArray, seal, sealJsonPhones } from '../../platform/personal-data';

const CHUNK = 500;

export type StoredEnterprise = typeof enterprises.$inferSelect;

/** The park's enterprises with these credit codes, by code. */
export async function loadByCreditCodes(
  db: Db,
  parkId: string,
  codes: string[],
): Promise<Map<string, StoredEnterprise>> {
  const found = new Map<string, StoredEnterprise>();
  const unique = [...new Set(codes)];
  for (let i = 0; i < unique.length; i += 2000) {
    const chunk = unique.slice(i, i + 2000);
    const rows = await db
      .select()
      .from(enterprises)
      .where(and(eq(enterprises.parkId, parkId), inArray(enterprises.creditCode, chunk)));
    // Phones opened: the import compares them with the file's clear values.
    for (const r of rows) {
      found.set(r.creditCode, {
        ...r,
        principalPhone: open(r.principalPhone),
        actualControllerPhone: open(r.actualControllerPhone),
        safetyManagerPhone: open(r.safetyManagerPhone),
        extraSafetyManagers: openJsonArray(r.extraSafetyManagers),
      });
    }
  }
  return found;
}

/** Serialises imports of one park (two imports of the same file at once must not both create the rows). */
export async function lockParkImports(tx: Db, parkId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(7212002, hashtext(${parkId}))`);
}

/**
 * Rows travel as one JSON parameter expanded by jsonb_to_recordset: one statement per chunk, no per-row round trip,
 * and none of the cost of building (and binding) a query with thousands of parameters.
 */
const recordset = (rows: unknown[]) => sql`jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)`;

/** Creates enterprises (their organisation rows first, same ids). */
export async function insertMany(
  tx: Db,
  parkId: string,
  rows: { id: string; input: EnterpriseInput }[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    await tx.execute(sql`
      insert into organisations (id, park_id, kind, name, contact_person, contact_phone)
      select x.id, ${parkId}::uuid, 'enterprise', x.name, x.contact_person, x.contact_phone
        from ${recordset(
          chunk.map((r) => ({
            id: r.id,
            name: r.input.name,
            contact_person: r.input.safetyManagerName,
            contact_phone: seal(r.input.safetyManagerPhone),
          })),
        )} as x(id uuid, name text, contact_person text, contact_phone text)`);
    await tx.execute(sql`
      insert into enterprises (park_id, id, name, credit_code, address, area, site_type, landlord_enterprise_id,
                               legal_representative, principal_name, principal_phone, actual_controller_name,
                               actual_controller_phone, safety_manager_name, safety_manager_phone,
                               extra_safety_managers, employees, industry_code, scale, status, production_start_date,
                               supervision_tags, map_x, map_y, phone_digests)
      select ${parkId}::uuid, x.id, x.name, x.credit_code, x.address, x.area, x.site_type, x.landlord_enterprise_id,
             x.legal_representative, x.principal_name, x.principal_phone, x.actual_controller_name,
             x.actual_controller_phone, x.safety_manager_name, x.safety_manager_phone,
             coalesce(x.extra_safety_managers, '[]'::jsonb), x.employees, x.industry_code, x.scale, x.status,
             x.production_start_date, coalesce(x.supervision_tags, '{}'), x.map_x, x.map_y,
             coalesce(x.phone_digests, '{}')
        from ${recordset(
          chunk.map(({ id, input: e }) => ({
            id,
            name: e.name,
            credit_code: e.creditCode,
            address: e.address,
            area: e.area,
            site_type: e.siteType,
            landlord_enterprise_id: e.landlordEnterpriseId,
            legal_representative: e.legalRepresentative,
            principal_name: e.principalName,
            principal_phone: seal(e.principalPhone),
            actual_controller_name: e.actualControllerName,
            actual_controller_phone: seal(e.actualControllerPhone),
            safety_manager_name: e.safetyManagerName,
            safety_manager_phone: seal(e.safetyManagerPhone),
            extra_safety_managers: sealJsonPhones(e.extraSafetyManagers),
            phone_digests: enterprisePhoneDigests([
              e.principalPhone,
              e.actualControllerPhone,
              e.safetyManagerPhone,
              ...e.extraSafetyManagers.map((m) => m.phone),
            ]),
            employees: e.employees,
            industry_code: e.industryCode,
            scale: e.scale,
            status: e.status,
            production_start_date: e.productionStartDate,
            supervision_tags: e.supervisionTags,
            map_x: e.mapX,
            map_y: e.mapY,
          })),
        )} as x(id uuid, name text, credit_code text, address text, area text, site_type text,
                 landlord_enterprise_id uuid, legal_representative text, principal_name text, principal_phone text,
                 actual_controller_name text, actual_controller_phone text, safety_manager_name text,
                 safety_manager_phone text, extra_safety_managers jsonb, employees integer, industry_code text,
                 scale text, status text, production_start_date date, supervision_tags text[], map_x real,
                 map_y real, phone_digests text[])`);
  }
}

export type PatchKey = Exclude<keyof EnterpriseInput, 'creditCode' | 'extraSafetyManagers' | 'mapX' | 'mapY'>;

const PATCH_COLUMNS: Record<PatchKey, { column: string; type: string; keepWhenNull?: boolean }> = {
  name: { column: 'name', type: 'text' },
  address: { column: 'address', type: 'text' },
  area: { column: 'area', type: 'text' },
  siteType: { column: 'site_type', type: 'text' },
  landlordEnterpriseId: { column: 'landlord_enterprise_id', type: 'uuid' },
  legalRepresentative: { column: 'legal_representative', type: 'text' },
  principalName: { column: 'principal_name', type: 'text' },
  principalPhone: { column: 'principal_phone', type: 'text' },
  actualControllerName: { column: 'actual_controller_name', type: 'text' },
  actualControllerPhone: { column: 'actual_controller_phone', type: 'text' },
  safetyManagerName: { column: 'safety_manager_name', type: 'text' },
  safetyManagerPhone: { column: 'safety_manager_phone', type: 'text' },
  employees: { column: 'employees', type: 'integer' },
  industryCode: { column: 'industry_code', type: 'text' },
  scale: { column: 'scale', type: 'text', keepWhenNull: true },
  status: { column: 'status', type: 'text', keepWhenNull: true },
  productionStartDate: { column: 'production_start_date', type: 'date' },
  supervisionTags: { column: 'supervision_tags', type: 'text[]' },
};

const SEALED_KEYS = new Set<PatchKey>(['principalPhone', 'actualControllerPhone', 'safetyManagerPhone']);

/** Recomputes the phone digests of these enterprises from what is stored (after the import changed phones). */
async function refreshPhoneDigestsMany(tx: Db, parkId: string, ids: string[]) {
  const found = await rows<{ id: string; p: string | null; a: string | null; s: string | null; x: unknown }>(
    tx,
    sql`select id, principal_phone as p, actual_controller_phone as a, safety_manager_phone as s,
               extra_safety_managers as x
          from enterprises where park_id = ${parkId} and id in (select x.id from ${recordset(ids.map((id) => ({ id })))} as x(id uuid))`,
  );
  const data = found.map((r) => {
    const extra = (Array.isArray(r.x) ? r.x : []) as { phone: string | null }[];
    return { id: r.id, d: enterprisePhoneDigests([r.p, r.a, r.s, ...extra.map((m) => m.phone)]) };
  });
  if (data.length === 0) return;
  await tx.execute(sql`update enterprises e set phone_digests = v.d from ${recordset(data)} as v(id uuid, d text[])
                        where e.park_id = ${parkId} and e.id = v.id`);
}

/**
 * Updates many enterprises with one statement per chunk. Every row sets the same columns (those the file has);
 * scale and status given as null keep the stored value. Bumps row_version.
 */
export async function updateMany(
  tx: Db,
  parkId: string,
  keys: readonly PatchKey[],
  rows: { id: string; patch: Partial<Record<PatchKey, unknown>> }[],
): Promise<void> {
  if (keys.length === 0 || rows.length === 0) return;
  const cols = keys.map((k) => PATCH_COLUMNS[k]);
  const assignments = cols.map((c) =>
    c.keepWhenNull ? `${c.column} = coalesce(v.${c.column}, e.${c.column})` : `${c.column} = v.${c.column}`,
  );
  // An enterprise switched to own site loses its landlord link, also when the file has no landlord column.
  if (keys.includes('siteType') && !keys.includes('landlordEnterpriseId')) {
    assignments.push(
      `landlord_enterprise_id = case when v.site_type = 'ownSite' then null else e.landlord_enterprise_id end`,
    );
  }
  const sets = sql.raw(assignments.join(', '));
  const shape = sql.raw(['id uuid', ...cols.map((c) => `${c.column} ${c.type}`)].join(', '));
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    const data = chunk.map((r) => {
      const o: Record<string, unknown> = { id: r.id };
      keys.forEach((k, j) => {
        // Phones are stored sealed (platform/personal-data.ts).
        o[cols[j]!.column] = SEALED_KEYS.has(k) ? seal(r.patch[k] as string | null) : (r.patch[k] ?? null);
      });
      return o;
    });
    await tx.execute(sql`update enterprises e set ${sets}, row_version = e.row_version + 1, updated_at = now()
                          from ${recordset(data)} as v(${shape})
                         where e.park_id = ${parkId} and e.id = v.id`);
    if (keys.some((k) => SEALED_KEYS.has(k)))
      await refreshPhoneDigestsMany(
        tx,
        parkId,
        chunk.map((r) => r.id),
      );
    if (keys.includes('name')) {
      await tx.execute(sql`update organisations o set name = e.name, updated_at = now()
                             from enterprises e
                            where e.park_id = ${parkId} and e.id = o.id and o.name <> e.name
                              and e.id in (select x.id from ${recordset(chunk.map((r) => ({ id: r.id })))} as x(id uuid))`);
    }
  }
}

export async function countWhere(db: Db, where: SQL): Promise<number> {
  const [r] = await db.select({ n: count() }).from(enterprises).where(where);
  return Number(r?.n ?? 0);
}

/** One exported row, as the export writes it (dates already text: no Date objects for 100,000 rows). */
export interface ExportRow {
  id: string;
  name: string;
  credit_code: string;
  site_type: string;
  landlord_credit_code: string | null;
  landlord_name: string | null;
  area: string | null;
  address: string | null;
  legal_representative: string | null;
  principal_name: string | null;
  principal_phone: string | null;
  actual_controller_name: string | null;
  actual_controller_phone: string | null;
  safety_manager_name: string | null;
  safety_manager_phone: string | null;
  employees: number | null;
  industry_code: string | null;
  scale: string;
  status: string;
  production_start_date: string | null;
  supervision_tags: string[];
  /** Asia/Shanghai, "YYYY-MM-DD HH:MI". */
  updated_at: string;
}

/**
 * One batch of the export in name order, after the (name, id) of the previous batch's last row. `where` is the
 * list's scoped condition over the unaliased enterprises table. The redundant `name >= last` lets the
 * (park_id, name) index start the scan at the cursor instead of at the park's first row. Plain SQL rows, no ORM
 * mapping: at 100,000 rows the mapping cost more than the query.
 */
export async function exportBatch(
  db: Db,
  where: SQL,
  after: { name: string; id: string } | null,
  limit: number,
): Promise<ExportRow[]> {
  const cursor = after
    ? sql`and enterprises.name >= ${after.name} and (enterprises.name, enterprises.id) > (${after.name}, ${after.id}::uuid)`
    : sql``;
  return rows<ExportRow>(
    db,
    sql`select enterprises.id, enterprises.name, enterprises.credit_code, enterprises.site_type,
               landlord.credit_code as landlord_credit_code, landlord.name as landlord_name, enterprises.area,
               enterprises.address, enterprises.legal_representative, enterprises.principal_name,
               enterprises.principal_phone, enterprises.actual_controller_name, enterprises.actual_controller_phone,
               enterprises.safety_manager_name, enterprises.safety_manager_phone, enterprises.employees,
               enterprises.industry_code, enterprises.scale, enterprises.status,
               to_char(enterprises.production_start_date, 'YYYY-MM-DD') as production_start_date,
               enterprises.supervision_tags,
               to_char((enterprises.updated_at at time zone 'UTC') + interval '8 hours', 'YYYY-MM-DD HH24:MI') as updated_at
          from enterprises
          left join enterprises landlord
            on landlord.park_id = enterprises.park_id and landlord.id = enterprises.landlord_enterprise_id
         where ${where} ${cursor}
         order by enterprises.name, enterprises.id
         limit ${limit}`,
  );
}

/** The park areas in use (for the template's list of valid values). */
export async function parkAreas(db: Db, parkId: string): Promise<string[]> {
  const found = await db
    .selectDistinct({ area: enterprises.area })
    .from(enterprises)
    .where(and(eq(enterprises.parkId, parkId), isNotNull(enterprises.area)))
    .orderBy(asc(enterprises.area))
    .limit(200);
  return found.map((r) => r.area!).filter(Boolean);
}
