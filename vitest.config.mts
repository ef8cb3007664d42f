import { defineConfig } from 'vitest/config';

// Two projects: unit (pure logic, fakes allowed) and integration (real HTTPS,
// real keychain, real SQLite). Forks keep native modules (better-sqlite3,
// keytar) in their own processes.
export default defineConfig({
  test: {
    pool: 'forks',
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
    ],
  },
});
