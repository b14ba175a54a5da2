// /metrics: Prometheus text with requests by route, latency histogram, errors, job queue and event-loop lag; open to
// loopback only, or with the token from elsewhere.
import type { FastifyRequest } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../testing/harness';
import { metricsAllowed } from './metrics';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv({ seed: false });
});
afterAll(async () => {
  await env?.close();
});

const fakeReq = (remoteAddress: string, headers: Record<string, string> = {}) =>
  ({ raw: { socket: { remoteAddress } }, headers }) as unknown as FastifyRequest;

describe('metrics', () => {
  it('counts requests by route pattern and answers in Prometheus format to localhost', async () => {
    await env.app.inject({ method: 'GET', url: '/api/health/live' });
    await env.app.inject({ method: 'GET', url: '/api/hazards/00000000-0000-4000-8000-000000000000' });
    const res = await env.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '127.0.0.1' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    const text = res.body;
    expect(text).toMatch(/http_requests_total\{method="GET",route="\/api\/health\/live",status="200"\} 1/);
    // The pattern, not the id: one series per route.
    expect(text).toContain('route="/api/hazards/:id",status="401"');
    expect(text).toMatch(/http_request_duration_seconds_bucket\{le="0.005",method="GET",route="\/api\/health\/live"/);
    expect(text).toContain('jobs_queue_depth{status="queued"} 0');
    expect(text).toContain('nodejs_eventloop_lag_seconds');
    expect(text).toContain('parksafe_ready 1');
    if (env.database.kind === 'postgres') expect(text).toMatch(/db_pool_connections\{state="total"\} \d+/);
  });

  it('refuses other addresses unless they bring the token', async () => {
    const res = await env.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '10.1.2.3' });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('METRICS_FORBIDDEN');
    expect(metricsAllowed(fakeReq('10.1.2.3'), undefined)).toBe(false);
    expect(metricsAllowed(fakeReq('10.1.2.3', { authorization: 'Bearer s3cret-token' }), 's3cret-token')).toBe(true);
    expect(metricsAllowed(fakeReq('10.1.2.3', { authorization: 'Bearer wrong-token!' }), 's3cret-token')).toBe(false);
    // A proxied request is not local even though nginx connects from loopback.
    expect(metricsAllowed(fakeReq('127.0.0.1', { 'x-forwarded-for': '8.8.8.8' }), undefined)).toBe(false);
    expect(metricsAllowed(fakeReq('::1'), undefined)).toBe(true);
  });
});
