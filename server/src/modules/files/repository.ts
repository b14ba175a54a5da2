// Queries over the files table; no rules here (who may upload or see a file is decided in service.ts).
import { and, eq, inArray, isNotNull, isNull, or, type SQL, sql } from 'drizzle-orm';
import { bigint, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { FilePurpose, Gps, ParkFileKind, StoredMime } from '../../../../shared/src/files';
import type { Actor } from '../../platform/actor';
import type { Db } from '../../platform/db';
import { enterpriseScope, seesParkFigures } from '../../platform/scope';
import { readableByKind } from './kinds';

const tz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** Drizzle's view of migrations/0006_files.sql (kept beside its only writer; move to db/schema.ts when shared). */
export const files = pgTable(
  'files',
  {
    parkId: uuid('park_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    // null: a file of the committee's own records (migrations/0029), read by PARK_FILE_READERS.
    enterpriseId: uuid('enterprise_id'),
    // A park file of one kind of record (migrations/0041), read per record of that kind (kinds.ts); null otherwise.
    recordKind: text('record_kind').$type<ParkFileKind>(),
    purpose: text('purpose').$type<FilePurpose>().notNull(),
    originalName: text('original_name').notNull(),
    mime: text('mime').$type<StoredMime>().notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    sha256: text('sha256').notNull(),
    storageKey: text('storage_key').notNull(),
    thumbKey: text('thumb_key'),
    width: integer('width'),
    height: integer('height'),
    capturedAt: tz('captured_at'),
    gps: jsonb('gps').$type<Gps>(),
    uploadedBy: uuid('uploaded_by').notNull(),
    createdAt: tz('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.parkId, t.id] })],
);

export type FileRow = typeof files.$inferSelect;
export type NewFileRow = typeof files.$inferInsert;

export async function insert(db: Db, row: NewFileRow): Promise<FileRow> {
  const [created] = await db.insert(files).values(row).returning();
  return created!;
}

/**
 * An enterprise's file within the actor's data scope; a park file (no enterprise: the committee's publicity photos,
 * meeting minutes, fund receipts) for those who read the park's own records — the committee and member units; a park
 * file of one kind of record (a committee training session's, a contract's) for whoever reads a record of that kind
 * listing it, and for its uploader (between the upload and the record's save).
 */
const inScope = (actor: Actor): SQL => {
  // An enterprise's file (for the whole park's readers the scope is the park, so the enterprise is asked for).
  const own = and(
    isNotNull(files.enterpriseId),
    enterpriseScope(actor, { parkId: files.parkId, enterpriseId: files.enterpriseId }),
  ) as SQL;
  const park = and(eq(files.parkId, actor.parkId), isNull(files.enterpriseId)) as SQL;
  const byKind = and(
    park,
    isNotNull(files.recordKind),
    or(
      eq(files.uploadedBy, actor.userId),
      readableByKind(actor, {
        parkId: sql`${files.parkId}`,
        id: sql`${files.id}`,
        recordKind: sql`${files.recordKind}`,
      }),
    ),
  ) as SQL;
  if (!seesParkFigures(actor)) return or(own, byKind) as SQL;
  return or(own, and(park, isNull(files.recordKind)), byKind) as SQL;
};

/** One file whose enterprise is within the actor's data scope, or null. */
export async function getInScope(db: Db, actor: Actor, id: string): Promise<FileRow | null> {
  const [row] = await db
    .select()
    .from(files)
    .where(and(inScope(actor), eq(files.id, id)));
  return row ?? null;
}

/**
 * Those of the ids that are files of this enterprise (null: park files, of this record kind or of none), visible to
 * the actor (and of one of the purposes, if given).
 */
export async function usableIds(
  db: Db,
  actor: Actor,
  enterpriseId: string | null,
  ids: readonly string[],
  purposes: readonly FilePurpose[] | null,
  recordKind: ParkFileKind | null = null,
): Promise<string[]> {
  if (ids.length === 0) return [];
  const owner: SQL =
    enterpriseId !== null
      ? eq(files.enterpriseId, enterpriseId)
      : and(
          isNull(files.enterpriseId),
          recordKind === null ? isNull(files.recordKind) : eq(files.recordKind, recordKind),
        )!;
  const conds: SQL[] = [inScope(actor), owner, inArray(files.id, [...ids])];
  if (purposes) conds.push(inArray(files.purpose, [...purposes]));
  const found = await db
    .select({ id: files.id })
    .from(files)
    .where(and(...conds));
  return found.map((r) => r.id);
}

/** Files by id, without a scope check: for modules showing files of a record they have already checked. */
export async function byIds(db: Db, ids: readonly string[]): Promise<FileRow[]> {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(files)
    .where(inArray(files.id, [...ids]));
}
