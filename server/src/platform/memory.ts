// The embedded database's start leaves a lot of garbage behind: PGlite's file-system bundle, the WebAssembly
// modules' bytes, initdb's whole instance on a first start, the migration scripts and the demo seed. An idle server
// allocates too little to trigger a full collection, so without one that garbage stays resident for hours
// (measured: ~700 MB resident after opening an existing database, ~310 MB after one collection). One full
// collection right after each of those phases costs tens of milliseconds, once.
import v8 from 'node:v8';
import vm from 'node:vm';

let collect: (() => void) | null | undefined;

/** Runs one full garbage collection (node started without --expose-gc included); false where none is available. */
export function collectGarbage(): boolean {
  if (collect === undefined) {
    const exposed = (globalThis as { gc?: () => void }).gc;
    if (typeof exposed === 'function') collect = exposed;
    else {
      try {
        // A context made after the flag is set gets `gc`; the flag changes nothing else of this process.
        v8.setFlagsFromString('--expose-gc');
        collect = (vm.runInNewContext('gc') as (() => void) | undefined) ?? null;
      } catch {
        collect = null;
      }
    }
  }
  if (!collect) return false;
  collect();
  return true;
}
