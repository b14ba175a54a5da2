// The server log's stream: pino's asynchronous writer to stdout, made here so the shutdown can bound its last flush.
//
// Why: pino flushes its buffer synchronously when the process exits, and when stdout is a pipe nobody reads any
// more (a supervisor or test that stopped reading) each write fails with EAGAIN and sonic-boom sleeps in
// Atomics.wait and retries — for ever. That is the hang once seen in a test: database closed, process.exit called,
// main thread in Atomics.wait. The shutdown now flushes with a deadline and, if stdout is not draining, gives the
// rest of the buffer up (saying so on stderr) instead of waiting on a reader that is not there.
import pino from 'pino';

type Destination = ReturnType<typeof pino.destination>;
let stream: Destination | null = null;

/** The one stdout log stream of this process (several apps in one test process share it). */
export function logDestination(): Destination {
  stream ??= pino.destination({ dest: 1, sync: false });
  return stream;
}

/**
 * Waits up to ms for the log buffer to reach stdout. Returns true when it did; otherwise the pending lines are
 * dropped (the exit-time synchronous flush becomes a no-op) and false is returned.
 */
export function flushLogs(ms: number): Promise<boolean> {
  const s = stream as (Destination & { _len?: number; _writing?: boolean }) | null;
  if (!s) return Promise.resolve(true);
  // sonic-boom's own flush(cb) answers at once for an unbuffered stream, so the pending bytes are watched instead.
  const pending = () => (s._len ?? 0) > 0 || s._writing === true;
  const until = Date.now() + ms;
  return new Promise<boolean>((resolve) => {
    const check = () => {
      if (!pending()) return resolve(true);
      if (Date.now() >= until) {
        // What pino calls on exit: a no-op now, so exit does not spin on a full pipe.
        s.flushSync = () => {};
        return resolve(false);
      }
      setTimeout(check, 20);
    };
    check();
  });
}
