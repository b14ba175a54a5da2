// The device store of field work (issue 17): one IndexedDB database per signed-in user, through idb (a small,
// well-kept wrapper). It holds the day's data fetched before going out (assigned enterprises, campaigns, checklists,
// open hazards — each from the existing APIs, so within the user's data scope), the outbox of records captured
// offline, and their photos as resized JPEG blobs. Logging out deletes the database; an expired session does not.
import { type DBSchema, deleteDB, type IDBPDatabase, openDB } from 'idb';
import type { SyncResult } from '../../../../shared/src/sync';

export interface DayEnterprise {
  id: string;
  name: string;
  address: string | null;
}
export interface DayCampaign {
  id: string;
  name: string;
  startsOn: string;
  endsOn: string;
}
export interface DayChecklistItem {
  id: string;
  seq: number;
  content: string;
  domain: string;
}
export interface DayChecklist {
  id: string;
  name: string;
  version: number;
  items: DayChecklistItem[];
}
export interface DayHazard {
  id: string;
  serial: string;
  enterpriseId: string;
  enterpriseName: string;
  description: string;
  status: string;
  grade: string;
  deadline: string | null;
}
export interface DayData {
  enterprises: DayEnterprise[];
  campaigns: DayCampaign[];
  checklists: DayChecklist[];
  hazards: DayHazard[];
  /** When the day's data was fetched (ISO). */
  fetchedAt: string;
}

/** A photo waiting on the device: its id is the file id it will have on the server. */
export interface DevicePhoto {
  id: string;
  recordId: string;
  enterpriseId: string;
  purpose: 'hazardBefore' | 'hazardAfter' | 'evidence' | 'signature';
  blob: Blob;
  uploaded: boolean;
}

export type RecordStatus = 'pending' | 'failed' | 'synced';
export interface RecordError {
  status: number;
  code: string;
  message: string;
  fields?: Record<string, string>;
}

/** What the inspection form saved, as the form's values: the body is built from it when sending (so a fix re-edits it). */
export interface InspectionDraft {
  enterpriseId: string;
  campaignId: string | null;
  inspectedOn: string;
  kind: 'supervision' | 'selfInspection';
  checklistTemplateId: string | null;
  items: { itemId: string; result: 'pass' | 'fail' | 'na'; note: string | null }[];
  hazards: {
    description: string;
    location: string | null;
    category: string;
    deadline: string | null;
    requirement: string | null;
    photoIds: string[];
  }[];
  summary: string | null;
  inspectorSignature: { signerName: string; photoId: string } | null;
  enterpriseSignature: { signerName: string; photoId: string } | null;
}
export interface RectificationDraft {
  hazardId: string;
  enterpriseId: string;
  note: string | null;
  photoIds: string[];
}

interface Base {
  /** The device record id (sent as deviceRecordId). */
  id: string;
  idempotencyKey: string;
  capturedBy: string;
  capturedAt: string;
  /** A line for the lists: enterprise and date, or the hazard's serial. */
  title: string;
  status: RecordStatus;
  attempts: number;
  error: RecordError | null;
  result: SyncResult | null;
}
export type OutboxRecord =
  | (Base & { kind: 'inspection'; draft: InspectionDraft })
  | (Base & { kind: 'rectification'; draft: RectificationDraft });

interface FieldDb extends DBSchema {
  day: { key: 'day'; value: DayData };
  outbox: { key: string; value: OutboxRecord; indexes: { status: RecordStatus } };
  photos: { key: string; value: DevicePhoto; indexes: { recordId: string } };
}

const dbName = (userId: string) => `parksafe-field-${userId}`;
const opened = new Map<string, Promise<IDBPDatabase<FieldDb>>>();

export function fieldDb(userId: string): Promise<IDBPDatabase<FieldDb>> {
  let db = opened.get(userId);
  if (!db) {
    db = openDB<FieldDb>(dbName(userId), 1, {
      upgrade(d) {
        d.createObjectStore('day');
        d.createObjectStore('outbox', { keyPath: 'id' }).createIndex('status', 'status');
        d.createObjectStore('photos', { keyPath: 'id' }).createIndex('recordId', 'recordId');
      },
    });
    opened.set(userId, db);
  }
  return db;
}

/** At logout: the user's whole device store goes (the console asks first when records still wait to sync). */
export async function clearDevice(userId: string): Promise<void> {
  const db = opened.get(userId);
  opened.delete(userId);
  if (db) (await db).close();
  await deleteDB(dbName(userId));
}

export async function saveDay(userId: string, day: DayData) {
  await (await fieldDb(userId)).put('day', day, 'day');
}
export async function loadDay(userId: string): Promise<DayData | null> {
  return (await (await fieldDb(userId)).get('day', 'day')) ?? null;
}

/** Saves a record and its photos in one IndexedDB transaction: either all of it is on the device or none. */
export async function saveRecord(userId: string, record: OutboxRecord, photos: DevicePhoto[]) {
  const db = await fieldDb(userId);
  const tx = db.transaction(['outbox', 'photos'], 'readwrite');
  // Photos the record no longer uses (a fixed record dropped one) go with it.
  const keep = new Set(photos.map((p) => p.id));
  for (const key of await tx.objectStore('photos').index('recordId').getAllKeys(record.id)) {
    if (!keep.has(key)) await tx.objectStore('photos').delete(key);
  }
  await Promise.all([tx.objectStore('outbox').put(record), ...photos.map((p) => tx.objectStore('photos').put(p))]);
  await tx.done;
}

export async function records(userId: string): Promise<OutboxRecord[]> {
  const all = await (await fieldDb(userId)).getAll('outbox');
  return all.sort((a, b) => a.capturedAt.localeCompare(b.capturedAt));
}

export async function updateRecord(userId: string, id: string, change: Partial<OutboxRecord>) {
  const db = await fieldDb(userId);
  const tx = db.transaction('outbox', 'readwrite');
  const current = await tx.store.get(id);
  if (current) await tx.store.put({ ...current, ...change } as OutboxRecord);
  await tx.done;
}

export async function photosOf(userId: string, recordId: string): Promise<DevicePhoto[]> {
  return (await fieldDb(userId)).getAllFromIndex('photos', 'recordId', recordId);
}
export async function markPhotoUploaded(userId: string, id: string) {
  const db = await fieldDb(userId);
  const p = await db.get('photos', id);
  if (p) await db.put('photos', { ...p, uploaded: true });
}

/** After a record is on the server its photos leave the device; the record stays listed as 已同步. */
export async function recordSynced(userId: string, id: string, result: SyncResult) {
  const db = await fieldDb(userId);
  const tx = db.transaction(['outbox', 'photos'], 'readwrite');
  const current = await tx.objectStore('outbox').get(id);
  if (current) await tx.objectStore('outbox').put({ ...current, status: 'synced', error: null, result });
  for (const key of await tx.objectStore('photos').index('recordId').getAllKeys(id)) {
    await tx.objectStore('photos').delete(key);
  }
  await tx.done;
}

/** 放弃: the record and its photos leave the device (the user confirmed). */
export async function discardRecord(userId: string, id: string) {
  const db = await fieldDb(userId);
  const tx = db.transaction(['outbox', 'photos'], 'readwrite');
  await tx.objectStore('outbox').delete(id);
  for (const key of await tx.objectStore('photos').index('recordId').getAllKeys(id)) {
    await tx.objectStore('photos').delete(key);
  }
  await tx.done;
}

/** Bytes of photos waiting on the device (the figure "storage per photo"). */
export async function photoBytes(userId: string): Promise<{ count: number; bytes: number }> {
  const all = await (await fieldDb(userId)).getAll('photos');
  return { count: all.length, bytes: all.reduce((n, p) => n + p.blob.size, 0) };
}
