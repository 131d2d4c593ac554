import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/setup/temp-dir.ts'],
    // End-to-end files share one engine and registry; running them one file at a
    // time keeps their timings honest on a 2-core machine.
    fileParallelism: false,
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // The suite's last sweep removes the images its tests left in the engine (test/setup).
    teardownTimeout: 300_000,
  },
});
