// The audit log shows every action and record type in Chinese: each literal the server writes must have a label, so a
// new module cannot land with raw codes like "accident.create" in the console (they did, before this test).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AUDIT_ACTION_LABELS, ENTITY_TYPE_LABELS } from '../../../../shared/src/labels';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.ts$/.test(name) && !/\.test\.ts$/.test(name) ? [path] : [];
  });
}

const root = new URL('../..', import.meta.url).pathname;
const code = sources(root).map((f) => readFileSync(f, 'utf8'));
const literals = (key: string) => [
  ...new Set(
    code.flatMap((c) => [...c.matchAll(new RegExp(`\\b${key}: '([A-Za-z][\\w.-]*)'`, 'g'))].map((m) => m[1]!)),
  ),
];

describe('audit labels', () => {
  it('labels every audit action the server writes', () => {
    const actions = literals('action').filter((a) => a.includes('.'));
    expect(actions.length).toBeGreaterThan(50);
    expect(actions.filter((a) => !AUDIT_ACTION_LABELS[a])).toEqual([]);
  });
  it('labels every record type the audit log names', () => {
    const types = literals('entityType').filter((t) => t !== 'test');
    expect(types.length).toBeGreaterThan(20);
    expect(types.filter((t) => !ENTITY_TYPE_LABELS[t])).toEqual([]);
  });
});
