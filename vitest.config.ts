import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    pool: 'forks',
    // Vitest's default for a run is one worker fewer than the cores: one on a 2-core machine, which left
    // the PostgreSQL-bound files waiting in line (14 min in CI). On a server most files wait on the
    // database, a child process or a timer, so three share two cores well; PGlite runs inside each
    // worker and keeps its core busy, so there two.
    maxWorkers: process.env.DATABASE_URL ? 3 : 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
