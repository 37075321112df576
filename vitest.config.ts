import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // chdb is one embedded engine per process; forks keep each test file in its own process.
    pool: 'forks',
    reporters: ['default'],
  },
});
