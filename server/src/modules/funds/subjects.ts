// What a payment of the special funds paid for: (subjectKind, subjectId), checked by the kind's registered provider.
// Modules register their kinds (publicity activities and meetings here; training sessions, drills and fire-service
// contracts at their merge) in a file imported by app.ts, so the funds module imports none of them.
import type { Actor } from '../../platform/actor';
import type { Db } from '../../platform/db';

export interface FundSubjectProvider {
  /** The kind's name in the ledger (宣传活动, 会议, 培训 …). */
  label: string;
  /** The record's title when the id is a record of this kind in the actor's park and scope; null otherwise. */
  check(tx: Db, id: string, actor: Actor): Promise<string | null>;
  /** Titles of many records at once, for a page of the ledger (falls back to check one by one). */
  titles?(db: Db, actor: Actor, ids: readonly string[]): Promise<Map<string, string>>;
  /** Records to offer in the form's picker, newest first. */
  search?(db: Db, actor: Actor, q: string | null): Promise<{ id: string; title: string }[]>;
}

const providers = new Map<string, FundSubjectProvider>();

export function registerFundSubject(kind: string, provider: FundSubjectProvider): void {
  providers.set(kind, provider);
}

export const fundSubjectProvider = (kind: string): FundSubjectProvider | undefined => providers.get(kind);

export const fundSubjectKinds = (): { kind: string; label: string }[] =>
  [...providers.entries()].map(([kind, p]) => ({ kind, label: p.label }));

/** A provider from one lookup of a kind's records (by ids or a search), already scoped to the actor. */
export function fundSubjectFrom(
  label: string,
  lookup: (
    db: Db,
    actor: Actor,
    by: { ids?: readonly string[]; q?: string | null },
  ) => Promise<{ id: string; title: string }[]>,
): FundSubjectProvider {
  return {
    label,
    check: async (tx, id, actor) => (await lookup(tx, actor, { ids: [id] }))[0]?.title ?? null,
    titles: async (db, actor, ids) => new Map((await lookup(db, actor, { ids })).map((r) => [r.id, r.title])),
    search: (db, actor, q) => lookup(db, actor, { q }),
  };
}
