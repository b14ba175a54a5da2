// Sends the outbox when the phone is online: each photo first, in 64 KB parts under the id made on the device
// (resumed where a dropped signal left it; a retry after a lost answer stores nothing twice), then the record with
// its idempotency key. A refusal (4xx) stays on the device with the server's reason; a network failure, a server
// error or an expired session leave the record waiting for the next try. One sync at a time across the tabs of the
// browser (Web Locks).
import type { Me, SessionStatus } from '../../../../shared/src/auth';
import { type DevicePartsStatus, type FileView, PHOTO_PART_BYTES } from '../../../../shared/src/files';
import type { SyncResult } from '../../../../shared/src/sync';
import { ApiError, api, setCsrfToken } from '../../app/api';
import {
  type DevicePhoto,
  type InspectionDraft,
  markPhotoUploaded,
  type OutboxRecord,
  photosOf,
  type RecordError,
  type RectificationDraft,
  recordSynced,
  records,
  updateRecord,
} from './store';

/** Fired on window when the outbox changed (saved, synced, refused, discarded): lists and counts re-read it. */
export const OUTBOX_EVENT = 'parksafe-outbox';
export const outboxChanged = () => window.dispatchEvent(new Event(OUTBOX_EVENT));

export function inspectionBody(r: OutboxRecord & { kind: 'inspection' }, me: Me) {
  const d: InspectionDraft = r.draft;
  const signature = (s: InspectionDraft['inspectorSignature']) =>
    s ? { signerName: s.signerName, fileId: s.photoId, signedAt: r.capturedAt } : null;
  return {
    deviceRecordId: r.id,
    idempotencyKey: r.idempotencyKey,
    capturedBy: r.capturedBy,
    capturedAt: r.capturedAt,
    inspection: {
      campaignId: d.campaignId,
      enterpriseId: d.enterpriseId,
      inspectedOn: d.inspectedOn,
      kind: d.kind,
      domains: ['production'],
      inspectorIds: [me.id],
      externalInspectors: [],
      summary: d.summary,
      enterpriseSigner: d.enterpriseSignature?.signerName ?? null,
      checklistTemplateId: d.checklistTemplateId,
      items: d.items.map((i) => ({ itemId: i.itemId, result: i.result, note: i.note, photoIds: [] })),
      hazards: d.hazards.map((h) => ({
        description: h.description,
        location: h.location,
        category: h.category,
        source: 'routine',
        deadline: h.deadline,
        requirement: h.requirement,
        beforePhotoIds: h.photoIds,
      })),
      inspectorSignature: signature(d.inspectorSignature),
      enterpriseSignature: signature(d.enterpriseSignature),
    },
  };
}

export function rectificationBody(r: OutboxRecord & { kind: 'rectification' }) {
  const d: RectificationDraft = r.draft;
  return {
    deviceRecordId: r.id,
    idempotencyKey: r.idempotencyKey,
    capturedBy: r.capturedBy,
    capturedAt: r.capturedAt,
    hazardId: d.hazardId,
    note: d.note,
    evidenceIds: d.photoIds,
  };
}

/** SHA-256 of the photo, hex; null where Web Crypto is missing (a console served over plain http). */
async function digestOf(blob: Blob): Promise<string | null> {
  if (!globalThis.crypto?.subtle) return null;
  const hash = await crypto.subtle.digest('SHA-256', await blob.arrayBuffer());
  return Array.from(new Uint8Array(hash), (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Uploads a photo in parts, resuming: asks which parts the server holds (after a dropped signal, a reload or a lost
 * answer) and sends only the others, then asks the server to put them together. Parts and completion are both
 * idempotent on the photo's device id, so any step can be repeated.
 */
async function uploadPhoto(p: DevicePhoto) {
  const status = await api.get<DevicePartsStatus>('/files/device/parts', { id: p.id });
  if (status.complete) return;
  const held = new Set(status.received);
  const parts = Math.max(1, Math.ceil(p.blob.size / PHOTO_PART_BYTES));
  for (let i = 0; i < parts; i++) {
    if (held.has(i)) continue;
    const form = new FormData();
    form.set('id', p.id);
    form.set('index', String(i));
    form.set('file', p.blob.slice(i * PHOTO_PART_BYTES, (i + 1) * PHOTO_PART_BYTES), `${p.id}.part`);
    await api.upload<DevicePartsStatus>('/files/device/parts', form, { tooLarge: '照片过大，请重新拍摄' });
  }
  await api.post<FileView>('/files/device/complete', {
    id: p.id,
    purpose: p.purpose,
    enterpriseId: p.enterpriseId,
    parts,
    size: p.blob.size,
    sha256: await digestOf(p.blob),
  });
}

/** A refusal the user must act on (fix or discard), as opposed to a try to repeat later. */
const refused = (e: ApiError) =>
  e.status >= 400 && e.status < 500 && e.status !== 401 && e.status !== 408 && e.status !== 429;

export interface SyncOutcome {
  synced: number;
  failed: number;
  /** Stopped before the end: offline, server unavailable, or signed out. */
  stopped: 'offline' | 'server' | 'session' | null;
}

async function sendOne(userId: string, r: OutboxRecord, me: Me): Promise<SyncResult> {
  for (const p of await photosOf(userId, r.id)) {
    if (p.uploaded) continue;
    await uploadPhoto(p);
    await markPhotoUploaded(userId, p.id);
  }
  return r.kind === 'inspection'
    ? api.post<SyncResult>('/sync/inspections', inspectionBody(r, me))
    : api.post<SyncResult>('/sync/rectifications', rectificationBody(r));
}

/**
 * The session the records go out under: signed in, as the user who captured them (a console opened offline from the
 * device's copy has no CSRF token yet). false when signed out or signed in as someone else.
 */
async function sameUserSession(me: Me): Promise<boolean> {
  const s = await api.get<SessionStatus>('/auth/status');
  if (!s.signedIn || s.me.id !== me.id) return false;
  setCsrfToken(s.csrfToken);
  return true;
}

async function run(me: Me): Promise<SyncOutcome> {
  const out: SyncOutcome = { synced: 0, failed: 0, stopped: null };
  if (!navigator.onLine) return { ...out, stopped: 'offline' };
  try {
    if (!(await sameUserSession(me))) return { ...out, stopped: 'session' };
  } catch (err) {
    return { ...out, stopped: err instanceof ApiError && err.status === 0 ? 'offline' : 'server' };
  }
  // Only this user's own records are in this database; capturedBy is checked again by the server.
  for (const r of await records(me.id)) {
    if (r.status !== 'pending' || r.capturedBy !== me.id) continue;
    if (!navigator.onLine) {
      out.stopped = 'offline';
      break;
    }
    try {
      const result = await sendOne(me.id, r, me);
      await recordSynced(me.id, r.id, result);
      out.synced += 1;
    } catch (err) {
      const e = err instanceof ApiError ? err : new ApiError(0, 'NETWORK_ERROR', String(err));
      if (refused(e)) {
        const error: RecordError = { status: e.status, code: e.code, message: e.message, fields: e.fields };
        await updateRecord(me.id, r.id, { status: 'failed', error, attempts: r.attempts + 1 });
        out.failed += 1;
      } else {
        await updateRecord(me.id, r.id, { attempts: r.attempts + 1 });
        out.stopped = e.status === 401 ? 'session' : e.status === 0 ? 'offline' : 'server';
        break;
      }
    } finally {
      outboxChanged();
    }
  }
  return out;
}

let running: Promise<SyncOutcome> | null = null;

/** Syncs the signed-in user's waiting records; a call while one runs gets that run's outcome. */
export function syncNow(me: Me): Promise<SyncOutcome> {
  if (!running) {
    const locked: Promise<SyncOutcome> = navigator.locks
      ? navigator.locks.request(`parksafe-sync-${me.id}`, () => run(me)).then((o) => o as unknown as SyncOutcome)
      : run(me);
    const current = locked.finally(() => {
      running = null;
    });
    running = current;
    return current;
  }
  return running;
}
