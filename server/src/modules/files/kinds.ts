// Park files of one kind of the committee's records (migrations/0041): the module that owns the records says who
// may upload such a file and, as SQL over the files table, who may read one — whoever may read a record of that kind
// that lists the file. Modules register their kind in their register.ts; a kind nobody registered is read by none
// but the uploader.
import { type SQL, sql } from 'drizzle-orm';
import type { ParkFileKind } from '../../../../shared/src/files';
import type { Role } from '../../../../shared/src/roles';
import type { Actor } from '../../platform/actor';

export interface ParkFileKindRule {
  /** Who may upload a file for this kind of record (the record's writers). */
  uploaders: readonly Role[];
  /**
   * The files (columns given as SQL: the file's park and id) this actor may read: those listed by a record of the
   * kind the actor may read. Return null when the actor reads none of them.
   */
  readable(actor: Actor, file: { parkId: SQL; id: SQL }): SQL | null;
}

const rules = new Map<ParkFileKind, ParkFileKindRule>();

export function registerParkFileKind(kind: ParkFileKind, rule: ParkFileKindRule): void {
  rules.set(kind, rule);
}

export const parkFileKindRule = (kind: ParkFileKind): ParkFileKindRule | undefined => rules.get(kind);

/** SQL true for the park files of a kind (record_kind column given) the actor may read through their records. */
export function readableByKind(actor: Actor, file: { parkId: SQL; id: SQL; recordKind: SQL }): SQL {
  const parts: SQL[] = [];
  for (const [kind, rule] of rules) {
    const cond = rule.readable(actor, file);
    if (cond) parts.push(sql`(${file.recordKind} = ${kind} and ${cond})`);
  }
  return parts.length === 0 ? sql`false` : sql`(${sql.join(parts, sql` or `)})`;
}
