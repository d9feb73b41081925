import { defineConfig } from 'vitest/config';
import { LongestFirstSequencer } from './tests/support/sequencer.js';

// A run with CLOCK_START (e.g. CI's public-holiday-at-23:59 run) shares one clock across all its processes:
// the clock shows CLOCK_START now, when the run starts, and runs on from there.
if (process.env.CLOCK_START && !process.env.CLOCK_STARTED_AT)
  process.env.CLOCK_STARTED_AT = String(Date.now());

/**
 * Three tiers, run in parallel on every core: `unit` (pure functions beside the code), `api` (the app through
 * `app.inject` on a copy of a seeded template database) and `e2e` (the real server and headless Chromium).
 * `vitest run --project api` runs one tier.
 */
export default defineConfig({
  test: {
    pool: 'forks',
    poolOptions: { forks: { minForks: 1, maxForks: Number(process.env.TEST_WORKERS) || 3 } },
    sequence: { sequencer: LongestFirstSequencer },
    setupFiles: ['tests/support/worker-priority.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    projects: [
      { extends: true, test: { name: 'unit', include: ['src/**/*.test.ts'] } },
      {
        extends: true,
        test: {
          name: 'api',
          include: ['tests/*.test.ts'],
          globalSetup: ['tests/support/global-setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/e2e/*.test.ts'],
          globalSetup: ['tests/support/global-setup.ts', 'tests/support/web-build.ts'],
        },
      },
    ],
  },
});
