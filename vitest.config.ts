import { defineConfig } from 'vitest/config';

// Unit tests (pure code) run in parallel threads. Integration tests talk to
// a real Temporal dev server, SQLite, PostgreSQL and SMTP on loopback: they
// run in forked processes, one file at a time (the worker's native bridge
// crashes under threads), sharing one dev server started in globalSetup.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          pool: 'threads',
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          pool: 'forks',
          fileParallelism: false,
          maxWorkers: 1,
          globalSetup: ['test/integration/globalSetup.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
