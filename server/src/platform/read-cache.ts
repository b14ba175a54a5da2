// Short-lived in-process copies of what nearly every request reads (the session behind a cookie, a park's hazard
// settings), so a request does not spend a round trip on them. A copy is only used while the process hears of every
// change: migration 0020's triggers NOTIFY parksafe_cache on any change of sessions, users, organisations or hazard
// settings, which every process LISTENs to (PostgreSQL: a connection of its own; PGlite: in-process, delivered before
// the writing statement returns). Any notification drops every copy; so does every write request of this process,
// before its answer goes out. While the listener is down nothing is cached, and a copy lives at most TTL_MS anyway.
// A read that started before a drop is not kept (the generation moved on), so it cannot bring back what was dropped.
// A second cache holds the costlier figures of the whole park (the dashboard's coverage, inspections and grades):
// migration 0051 notifies the same channel, naming the table, on any change of inspections, enterprises or credit
// scores; those drop the figures only, anything else drops both.
import type { Db } from './db';

export const CACHE_CHANNEL = 'parksafe_cache';
/** Tables whose notifications drop the figures cache only (the sessions and settings do not read them). */
export const FIGURE_TABLES: ReadonlySet<string> = new Set(['inspections', 'enterprises', 'credit_scores']);
const TTL_MS = 60_000;

export class ReadCache {
  private entries = new Map<string, { value: unknown; until: number }>();
  /** Reads in progress, by key: callers arriving meanwhile in the same generation wait for the same one. */
  private inFlight = new Map<string, { gen: number; read: Promise<unknown> }>();
  private gen = 0;
  /** False while the process may miss notifications (not yet listening, or the connection was lost). */
  private live = false;

  generation(): number {
    return this.gen;
  }

  get<T>(key: string): T | undefined {
    if (!this.live) return undefined;
    const e = this.entries.get(key);
    if (!e) return undefined;
    if (e.until <= Date.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return e.value as T;
  }

  /** Keeps a value read when the generation was `gen`, unless something was dropped since. */
  set(key: string, value: unknown, gen: number): void {
    if (this.live && gen === this.gen) this.entries.set(key, { value, until: Date.now() + TTL_MS });
  }

  /**
   * The value of a key, read once however many callers ask while it is being read (single flight): a cold dashboard
   * opened by ten leaders at once after a change runs its grouping once, not ten times on two cores. A caller that
   * arrives after a drop starts a read of its own (the one in progress may have missed the change).
   */
  async getOrRead<T>(key: string, read: () => Promise<T>): Promise<T> {
    const hit = this.get<T>(key);
    if (hit !== undefined) return hit;
    const gen = this.gen;
    const pending = this.inFlight.get(key);
    if (pending && pending.gen === gen) return pending.read as Promise<T>;
    const p = read();
    this.inFlight.set(key, { gen, read: p });
    try {
      const value = await p;
      this.set(key, value, gen);
      return value;
    } finally {
      if (this.inFlight.get(key)?.read === p) this.inFlight.delete(key);
    }
  }

  /** The keys held now (tests and diagnostics). */
  keys(): string[] {
    return [...this.entries.keys()];
  }

  drop(key: string): void {
    this.entries.delete(key);
  }

  clear(): void {
    this.gen++;
    this.entries.clear();
  }

  setLive(live: boolean): void {
    this.clear();
    this.live = live;
  }
}

interface Caches {
  reads: ReadCache;
  figures: ReadCache;
}
const caches = new WeakMap<Db, Caches>();

/** The cache of a database handle (undefined inside a transaction, or where no server listens: read it fresh). */
export function cacheOf(db: Db): ReadCache | undefined {
  return caches.get(db)?.reads;
}

/** The figures cache of a database handle (undefined inside a transaction, or where no server listens). */
export function figuresCacheOf(db: Db): ReadCache | undefined {
  return caches.get(db)?.figures;
}

/**
 * A figure from the figures cache, or read and kept (unless something changed while it was read). Without a cache
 * (a transaction, no listener) it is read every time.
 */
export async function cachedFigure<T>(db: Db, key: string, read: () => Promise<T>): Promise<T> {
  const cache = figuresCacheOf(db);
  if (!cache) return read();
  // Copies out: a caller that sorts or extends its answer must not change the kept (or shared) one.
  return structuredClone(await cache.getOrRead(key, read));
}

export function registerCache(db: Db, reads: ReadCache, figures: ReadCache): boolean {
  if (caches.has(db)) return false;
  caches.set(db, { reads, figures });
  return true;
}

export function unregisterCache(db: Db, reads: ReadCache): void {
  if (caches.get(db)?.reads === reads) caches.delete(db);
}
