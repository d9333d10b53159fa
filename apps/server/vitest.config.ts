import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    globalSetup: ['./test/global-setup.ts'],
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Each file gets its own database; files run in parallel processes, tests inside a file in order.
    pool: 'forks',
    fileParallelism: true,
    // One module graph per worker, not per file: every file imports the whole app, and evaluating it again for each
    // of 130 files was half of the suite's CPU. Safe because each file builds its own app and database
    // (createTestApp) and the app keeps its state in deps, not in module-level variables.
    isolate: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
