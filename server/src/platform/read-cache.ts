// Short-lived in-process copies of what nearly every request reads (the session behind a cookie, a park's hazard
// settings), so a request does not spend a round trip on them. A copy is only used while the process hears of every
// change: migration 0020's triggers NOTIFY parksafe_cache on any change of sessions, users, organisations or hazard
// settings, which every process LISTENs to (PostgreSQL: a connection of its own; PGlite: in-process, delivered before
// the writing statement returns). Any notification drops every copy; so does every write request of this process,
// before its answer goes out. While the listener is down nothing is cached, and a copy lives at most TTL_MS anyway.
// A read that started before a drop is not kept (the generation moved on), so it cannot bring back what was dropped.
import type { Db } from './db';

export const CACHE_CHANNEL = 'parksafe_cache';
const TTL_MS = 60_000;

export class ReadCache {
  private entries = new Map<string, { value: unknown; until: number }>();
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

const caches = new WeakMap<Db, ReadCache>();

/** The cache of a database handle (undefined inside a transaction, or where no server listens: read it fresh). */
export function cacheOf(db: Db): ReadCache | undefined {
  return caches.get(db);
}

export function registerCache(db: Db, cache: ReadCache): boolean {
  if (caches.has(db)) return false;
  caches.set(db, cache);
  return true;
}

export function unregisterCache(db: Db, cache: ReadCache): void {
  if (caches.get(db) === cache) caches.delete(db);
}
