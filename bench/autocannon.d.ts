// The part of autocannon's API the HTTP bench uses (the package ships no types).
declare module 'autocannon' {
  interface Options {
    url: string;
    connections?: number;
    duration?: number;
    headers?: Record<string, string>;
  }
  interface Histogram {
    average: number;
    p50: number;
    p99: number;
    max: number;
    total: number;
  }
  interface Result {
    requests: Histogram;
    latency: Histogram;
    throughput: Histogram;
    non2xx: number;
    errors: number;
    timeouts: number;
  }
  /** The running load: a promise of its result that can also be stopped early. */
  interface Instance extends Promise<Result> {
    stop(): void;
    /** Each request that failed without an answer (a reset, a refused connection). */
    on(event: 'reqError', listener: (err: Error) => void): this;
  }
  export default function autocannon(opts: Options): Instance;
}
