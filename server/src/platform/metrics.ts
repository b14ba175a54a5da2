// GET /metrics in Prometheus' text format (prom-client): requests by route and status, a latency histogram by route,
// server errors, the PostgreSQL pool, the job queue, and Node's own figures (event-loop lag, heap, GC, handles).
// Open to requests from this machine (a Prometheus agent beside the server); from anywhere else only with
// `Authorization: Bearer <METRICS_TOKEN>`, and not at all when no token is set. Behind nginx, /metrics is not proxied
// (deploy/nginx.conf): scrape each process on its own loopback port.
import { timingSafeEqual } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { rows } from './db';
import type { AppDeps } from './http';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/** Whether this request may read the metrics: from loopback, or with the token. */
export function metricsAllowed(req: FastifyRequest, token: string | undefined): boolean {
  // The socket's own address: X-Forwarded-For (TRUST_PROXY) must not make a remote caller look local.
  const peer = req.raw.socket.remoteAddress ?? '';
  const forwarded = req.headers['x-forwarded-for'];
  if (LOOPBACK.has(peer) && !forwarded) return true;
  if (!token) return false;
  const given = Buffer.from(String(req.headers.authorization ?? '').replace(/^Bearer\s+/i, ''));
  const want = Buffer.from(token);
  return given.length === want.length && timingSafeEqual(given, want);
}

export function registerMetrics(app: FastifyInstance, deps: AppDeps, env: NodeJS.ProcessEnv = process.env): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 20 });
  const labelNames = ['method', 'route', 'status'] as const;
  const requests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests answered',
    labelNames,
    registers: [registry],
  });
  const errors = new Counter({
    name: 'http_request_errors_total',
    help: 'HTTP requests answered with a 5xx status',
    labelNames,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time from request to answer, by route',
    labelNames,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const inflight = new Gauge({
    name: 'http_requests_in_flight',
    help: 'Requests being handled',
    registers: [registry],
    collect() {
      this.set(app.lifecycle.inflight.size);
    },
  });
  void inflight;
  const { database } = deps;
  new Gauge({
    name: 'db_pool_connections',
    help: 'PostgreSQL pool connections by state (total, idle, waiting clients); absent on the embedded database',
    labelNames: ['state'],
    registers: [registry],
    collect() {
      const s = database.poolStats?.();
      if (!s) return;
      this.set({ state: 'total' }, s.total);
      this.set({ state: 'idle' }, s.idle);
      this.set({ state: 'waiting' }, s.waiting);
    },
  });
  new Gauge({
    name: 'jobs_queue_depth',
    help: 'Background jobs queued or running (all processes)',
    labelNames: ['status'],
    registers: [registry],
    async collect() {
      const counts = await rows<{ status: string; n: string | number }>(
        database.db,
        sql`select status, count(*) as n from jobs where status in ('queued', 'running') group by status`,
      );
      this.set({ status: 'queued' }, 0);
      this.set({ status: 'running' }, 0);
      for (const c of counts) this.set({ status: c.status }, Number(c.n));
    },
  });
  new Gauge({
    name: 'parksafe_ready',
    help: '1 when this process takes requests (started, not stopping)',
    registers: [registry],
    collect() {
      this.set(app.lifecycle.state === 'ready' ? 1 : 0);
    },
  });

  app.addHook('onResponse', async (req, reply) => {
    // The route's pattern (/api/hazards/:id), never the raw URL: one series per route, not per id.
    const route = req.routeOptions.url ?? 'unmatched';
    if (route === '/metrics') return;
    const labels = { method: req.method, route, status: String(reply.statusCode) };
    requests.inc(labels);
    if (reply.statusCode >= 500) errors.inc(labels);
    duration.observe(labels, reply.elapsedTime / 1000);
  });

  const token = env.METRICS_TOKEN || undefined;
  app.get('/metrics', { config: { public: true }, schema: { hide: true } }, async (req, reply) => {
    if (!metricsAllowed(req, token)) {
      return reply
        .status(403)
        .send({ error: { code: 'METRICS_FORBIDDEN', message: '指标仅对本机或持有令牌的请求开放', requestId: req.id } });
    }
    return reply.header('content-type', registry.contentType).send(await registry.metrics());
  });
  return registry;
}
