// Generated over the OpenAPI document: every string a route accepts (body fields at any depth, query parameters) is
// sent a NUL byte, a lone surrogate and — for dates — year 0. Each must be refused by the schema with 400 naming the
// field: never a 500 from the database, never stored with U+FFFD in place of the bad character.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestEnv, signedIn, type TestEnv } from '../testing/harness';

interface Schema {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  additionalProperties?: Schema | boolean;
  propertyNames?: Schema;
  enum?: unknown[];
  const?: unknown;
  format?: string;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  minLength?: number;
  minItems?: number;
  minimum?: number;
  default?: unknown;
}
type Operation = {
  parameters?: { in: string; name: string; schema: Schema }[];
  requestBody?: { content?: Record<string, { schema: Schema }> };
};
type Path = (string | number)[];

const NUL = 'ab\u0000cd';
const SURROGATE = 'ab\ud800cd';

const branches = (s: Schema): Schema[] => s.anyOf ?? s.oneOf ?? (s.allOf?.length === 1 ? s.allOf : []);
const typeOf = (s: Schema) => (Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type);

/** A value the schema accepts, as far as a schema alone can tell (ids are random, so references may not resolve). */
function sample(s: Schema): unknown {
  if (s.const !== undefined) return s.const;
  if (s.enum) return s.enum[0];
  const alt = branches(s).find((b) => typeOf(b) !== 'null');
  if (alt) return sample(alt);
  switch (typeOf(s)) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(s.properties ?? {})) out[k] = sample(v);
      return out;
    }
    case 'array': {
      // Lists of ids get one (unknown) id, so the reference checks behind them are reached too.
      const n = Math.max(s.minItems ?? 0, s.items?.format === 'uuid' ? 1 : 0);
      return Array.from({ length: n }, () => sample(s.items ?? {}));
    }
    case 'integer':
    case 'number':
      return Math.max(s.minimum ?? 1, 1);
    case 'boolean':
      return false;
    case 'string':
      if (s.format === 'uuid') return randomUUID();
      if (s.format === 'date') return '2025-06-01';
      if (s.format === 'date-time') return '2025-06-01T02:00:00.000Z';
      return '测试文本内容'.padEnd(Math.max(6, s.minLength ?? 0), '测');
    default:
      return s.default ?? null;
  }
}

/** Every string leaf of the schema, with its path (array items at index 0, record values under a sample key). */
function stringLeaves(s: Schema, path: Path = [], depth = 0): { path: Path; format?: string }[] {
  if (depth > 8) return [];
  const alts = branches(s);
  if (alts.length) return alts.flatMap((b) => stringLeaves(b, path, depth + 1));
  switch (typeOf(s)) {
    case 'string':
      return [{ path, format: s.format }];
    case 'array':
      return s.items ? stringLeaves(s.items, [...path, 0], depth + 1) : [];
    case 'object': {
      const own = Object.entries(s.properties ?? {}).flatMap(([k, v]) => stringLeaves(v, [...path, k], depth + 1));
      if (typeof s.additionalProperties === 'object' && !s.properties) {
        // Records of request bodies are keyed by ids (answers by question id).
        const key = String(sample(s.propertyNames ?? { type: 'string', format: 'uuid' }));
        return [...own, ...stringLeaves(s.additionalProperties, [...path, key], depth + 1)];
      }
      return own;
    }
    default:
      return [];
  }
}

/** The sample body with value placed at path (containers on the way are created from the schema). */
function withValue(s: Schema, body: unknown, path: Path, value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path as [string | number, ...Path];
  const alt = branches(s).find((b) => typeOf(b) === (typeof head === 'number' ? 'array' : 'object'));
  const here = alt ?? s;
  if (typeof head === 'number') {
    const items = here.items ?? {};
    const arr = Array.isArray(body) ? [...body] : [];
    arr[head] = withValue(items, arr[head] ?? sample(items), rest, value);
    return arr;
  }
  const child =
    here.properties?.[head] ?? (typeof here.additionalProperties === 'object' ? here.additionalProperties : {});
  const obj = body && typeof body === 'object' && !Array.isArray(body) ? { ...(body as object) } : {};
  (obj as Record<string, unknown>)[head] = withValue(
    child,
    (obj as Record<string, unknown>)[head] ?? sample(child),
    rest,
    value,
  );
  return obj;
}

const oddValues = (format?: string): [string, string, unknown][] => [
  ['NUL', NUL, NUL],
  ['lone surrogate', SURROGATE, SURROGATE],
  ...(format === 'date' ? ([['year 0', '0000-01-01', '0000-01-01']] as [string, string, unknown][]) : []),
  ...(format === 'date-time'
    ? ([['year 0', '0000-01-01T00:00:00Z', '0000-01-01T00:00:00Z']] as [string, string, unknown][])
    : []),
];

/** The named fields of an error answer (a refused download may answer with its file, not JSON). */
function fieldsOf(body: string): Record<string, string> {
  try {
    return (JSON.parse(body) as { error?: { fields?: Record<string, string> } }).error?.fields ?? {};
  } catch {
    return {};
  }
}

let env: TestEnv;
let doc: { paths: Record<string, Record<string, Operation>> };
beforeAll(async () => {
  env = await createTestEnv();
  doc = (await env.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
});
afterAll(async () => {
  await env?.close();
});

describe('odd text on every route', () => {
  for (const username of ['supervisor', 'enterprise1']) {
    it(`is refused with 400 naming the field, as ${username}`, async () => {
      const client: Client = await signedIn(env.app, username);
      const failures: string[] = [];
      let sent = 0;
      for (const [template, methods] of Object.entries(doc.paths)) {
        for (const [method, op] of Object.entries(methods)) {
          const url = template.replace(/\{[^}]+\}/g, () => randomUUID());
          const bodySchema = op.requestBody?.content?.['application/json']?.schema;
          if (bodySchema) {
            const base = sample(bodySchema);
            // The sample itself references ids that exist nowhere: refused (400/403/404/409/422), never a 500.
            const plain = await client.request(method.toUpperCase() as 'POST', url, base);
            if (plain.statusCode >= 500) {
              failures.push(
                `${method.toUpperCase()} ${template} unknown ids: ${plain.statusCode} ${plain.body.slice(0, 160)}`,
              );
            }
            for (const leaf of stringLeaves(bodySchema)) {
              for (const [name, , value] of oddValues(leaf.format)) {
                const res = await client.request(
                  method.toUpperCase() as 'POST',
                  url,
                  withValue(bodySchema, base, leaf.path, value),
                );
                sent++;
                const field = leaf.path.join('.');
                const fields = fieldsOf(res.body);
                if (res.statusCode !== 400 || !(field in fields)) {
                  failures.push(
                    `${method.toUpperCase()} ${template} body ${field} ${name}: ${res.statusCode} ${res.body.slice(0, 160)}`,
                  );
                }
              }
            }
          }
          for (const p of (op.parameters ?? []).filter((x) => x.in === 'query')) {
            for (const leaf of stringLeaves(p.schema)) {
              // A lone surrogate cannot travel in a URL as UTF-8; its CESU-8 bytes are what a client could send.
              const encoded = (v: string) => (v === SURROGATE ? 'ab%ED%A0%80cd' : encodeURIComponent(v));
              for (const [name, raw] of oddValues(leaf.format)) {
                const res = await client.request(
                  method.toUpperCase() as 'GET',
                  `${url}?${p.name}=${encoded(raw)}`,
                  method === 'get' || method === 'delete' ? undefined : {},
                );
                sent++;
                const fields = fieldsOf(res.body);
                // A surrogate's bytes arrive as U+FFFD (the URL decoder's replacement): refused or harmless, never 500.
                const ok =
                  name === 'lone surrogate' ? res.statusCode < 500 : res.statusCode === 400 && p.name in fields;
                if (!ok)
                  failures.push(
                    `${method.toUpperCase()} ${template} ?${p.name} ${name}: ${res.statusCode} ${res.body.slice(0, 160)}`,
                  );
              }
            }
          }
        }
      }
      expect(sent).toBeGreaterThan(500);
      expect(failures).toEqual([]);
    });
  }
});

describe('odd input, one by one', () => {
  it('refuses a TOTP secret that is not base32 at the schema (never reaching the authenticator library)', async () => {
    const sup = await signedIn(env.app, 'supervisor');
    const res = await sup.post('/api/auth/totp/confirm', { secret: "' OR '1'='1' --", code: '000000' });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.fields).toHaveProperty('secret');
    expect(res.json().error.message).toContain('密钥');
  });

  it('names the field of a NUL, a lone surrogate or year 0, and stores nothing', async () => {
    const sup = await signedIn(env.app, 'supervisor');
    const enterpriseId = ((await sup.get('/api/enterprises?pageSize=1')).json() as { items: { id: string }[] })
      .items[0]!.id;
    const base = { enterpriseId, category: 'unsafeCondition', source: 'routine', deadline: '2099-12-31' };
    const before = ((await sup.get(`/api/hazards/counts?enterpriseId=${enterpriseId}`)).json() as { total: number })
      .total;
    for (const [body, field] of [
      [{ ...base, description: '消防通道\u0000堵塞' }, 'description'],
      [{ ...base, description: '消防通道堵塞\ud800' }, 'description'],
      [{ ...base, description: '消防通道堵塞', deadline: '0000-01-01' }, 'deadline'],
      [{ ...base, description: '消防通道堵塞', location: '\udc00仓库' }, 'location'],
    ] as const) {
      const res = await sup.post('/api/hazards', body);
      expect(res.statusCode, res.body).toBe(400);
      expect(Object.keys(res.json().error.fields)).toEqual([field]);
    }
    const q = await sup.get(`/api/hazards?q=${encodeURIComponent('ab\u0000cd')}`);
    expect(q.statusCode).toBe(400);
    expect(q.json().error.fields).toHaveProperty('q');
    const after = ((await sup.get(`/api/hazards/counts?enterpriseId=${enterpriseId}`)).json() as { total: number })
      .total;
    expect(after).toBe(before);
  });

  it('refuses a body whose bytes are not UTF-8 instead of storing U+FFFD', async () => {
    const sup = await signedIn(env.app, 'supervisor');
    const raw = Buffer.concat([
      Buffer.from('{"name":"高新'),
      Buffer.from([0xed, 0xa0, 0x80]),
      Buffer.from('区应急站","kind":"department"}'),
    ]);
    const res = await env.app.inject({
      method: 'POST',
      url: '/api/organisations',
      headers: { cookie: sup.cookie, 'x-csrf-token': sup.csrf, 'content-type': 'application/json' },
      payload: raw,
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.code).toBe('BODY_NOT_UTF8');
  });
});
