import { defineConfig } from 'vitest/config';

/**
 * The tests StrykerJS runs (`npm run mutation`, decision 0027): the domain tests only — the rule files
 * it mutates are pinned there, and the adapter and HTTP suites (PGlite, minutes) would only slow every
 * mutant down. `MUTATION_TESTS` narrows it further while working on one file, e.g.
 * `MUTATION_TESTS=tests/domain/shared npx stryker run --mutate domain/shared/money.ts`.
 */
const only = process.env.MUTATION_TESTS?.split(',').filter(Boolean);

export default defineConfig({
  test: {
    include: only?.length ? only.map((p) => (p.endsWith('.ts') ? p : `${p.replace(/\/$/, '')}/**/*.test.ts`)) : ['tests/domain/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
