// Response serialisation from the routes' zod schemas, compiled once per route into a fast-json-stringify function
// (the JSON Schema of the schema's output side) instead of a zod encode plus JSON.stringify on every response: the
// profile of the ledger put zod and its type provider at ~5 % of the server's time. Outside production every answer
// is also encoded through zod and compared with what was sent, so the tests catch a handler drifting from its schema
// or a schema the JSON Schema compiler reads differently; in production a mismatch fast-json-stringify cannot write
// (a missing required field) is still a 500, never a malformed answer.
import { isDeepStrictEqual } from 'node:util';
import fastJson from 'fast-json-stringify';
import { createSerializerCompiler, ResponseSerializationError } from 'fastify-type-provider-zod';
import { safeEncode, type ZodType, z } from 'zod';

type JsonSchema = Record<string, unknown>;
const PRIMITIVE = new Set(['string', 'number', 'integer', 'boolean']);

/** anyOf [X, null] → X with type [X.type, 'null']: fast-json-stringify otherwise tries each branch with ajv. */
function simplify(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(simplify);
  if (!node || typeof node !== 'object') return node;
  const out: JsonSchema = {};
  for (const [k, v] of Object.entries(node)) out[k] = simplify(v);
  const any = out.anyOf as JsonSchema[] | undefined;
  if (Array.isArray(any) && any.length === 2) {
    const nullIdx = any.findIndex((s) => s.type === 'null' && Object.keys(s).length === 1);
    const other = any[1 - nullIdx];
    if (nullIdx >= 0 && other && typeof other.type === 'string' && PRIMITIVE.has(other.type) && !other.anyOf) {
      const { anyOf: _drop, ...rest } = out;
      return { ...rest, ...other, type: [other.type, 'null'] };
    }
  }
  return out;
}

/** The JSON Schema fast-json-stringify compiles for a response schema (its output side). */
export function responseJsonSchema(schema: ZodType): JsonSchema {
  const json = z.toJSONSchema(schema, { io: 'output', target: 'draft-7', unrepresentable: 'any' }) as JsonSchema;
  delete json.$schema;
  return simplify(json) as JsonSchema;
}

const zodSerializer = createSerializerCompiler({});

export function serializerCompiler(opts: { checkAgainstZod: boolean }) {
  return (route: { schema: unknown; method: string; url: string; httpStatus?: string }) => {
    const schema = route.schema as ZodType;
    let stringify: (data: unknown) => string;
    try {
      stringify = fastJson(responseJsonSchema(schema) as unknown as Parameters<typeof fastJson>[0]);
    } catch {
      // A schema the JSON Schema compiler cannot take: that route keeps the zod serialiser.
      return zodSerializer(route as Parameters<typeof zodSerializer>[0]);
    }
    if (!opts.checkAgainstZod) return stringify;
    return (data: unknown) => {
      const encoded = safeEncode(schema, data);
      if (encoded.error) throw new ResponseSerializationError(route.method, route.url, { cause: encoded.error });
      const text = stringify(data);
      if (!isDeepStrictEqual(JSON.parse(text), JSON.parse(JSON.stringify(encoded.data)))) {
        throw new Error(`${route.method} ${route.url}: fast-json-stringify wrote ${text.slice(0, 300)}`);
      }
      return text;
    };
  };
}
