import os from 'node:os';
import path from 'node:path';
import { defineConfig } from 'vitest/config';

// Where the test files of this run share their seeded database (server/src/testing/harness.ts); global-setup.ts
// removes it at the end. Set here, in the main process, so the workers and the global setup see the same values.
process.env.PARKSAFE_TEST_RUN ??= `${process.pid}`;
process.env.PARKSAFE_TEST_TEMPLATES ??= path.join(
  os.tmpdir(),
  `parksafe-test-templates-${process.env.PARKSAFE_TEST_RUN}`,
);

export default defineConfig({
  test: {
    include: ['server/src/**/*.test.ts', 'shared/src/**/*.test.ts'],
    pool: 'forks',
    // Vitest's default in a run is one worker fewer than the CPUs: one on this 2-core machine, leaving a core idle
    // while each file's PGlite (in the worker) computes; at least two. TEST_WORKERS overrides.
    maxWorkers: Number(process.env.TEST_WORKERS ?? Math.max(2, os.availableParallelism() - 1)),
    testTimeout: 60_000,
    hookTimeout: 300_000, // a beforeAll that makes the run's seeded copy on a loaded machine
    globalSetup: ['server/src/testing/global-setup.ts'],
    env: {
      LOG_LEVEL: 'silent',
      NODE_ENV: 'test',
      PARKSAFE_TEST_RUN: process.env.PARKSAFE_TEST_RUN,
      PARKSAFE_TEST_TEMPLATES: process.env.PARKSAFE_TEST_TEMPLATES,
    },
  },
});
