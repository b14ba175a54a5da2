// Runs Vitest and closes with one plain line "<label>: N passed, N failed" for CI logs.
// Usage: node scripts/vitest.mjs <label> [vitest args...]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const [label = 'tests', ...rest] = process.argv.slice(2);
const out = path.resolve('test-output', `${label}.json`);
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.rmSync(out, { force: true });
const run = spawnSync(
  process.execPath,
  ['node_modules/vitest/vitest.mjs', 'run', '--reporter=default', '--reporter=json', `--outputFile=${out}`, ...rest],
  { stdio: 'inherit', env: process.env },
);
let passed = 0;
let failed = 0;
try {
  const report = JSON.parse(fs.readFileSync(out, 'utf8'));
  passed = report.numPassedTests;
  failed = report.numFailedTests + (report.numRuntimeErrors ?? 0);
  if (!report.success && failed === 0) failed = 1; // a suite that failed to load counts as a failure
} catch {
  failed = Math.max(failed, 1);
}
console.log(`${label}: ${passed} passed, ${failed} failed`);
process.exit(run.status === 0 && failed === 0 && passed > 0 ? 0 : 1);
