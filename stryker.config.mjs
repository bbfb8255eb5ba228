// @ts-check
/**
 * Mutation testing of the rule files (issue #13, decision 0027). Not in CI: it takes a while.
 *
 *   npm run mutation                                   every rule file, then the per-file scores
 *   npx stryker run --mutate domain/shared/money.ts    one file while working on its tests
 *
 * Reports go to reports/mutation/ (gitignored): index.html, mutation.json; `node scripts/mutation-scores.mjs`
 * prints the score of each file and fails when one is below 85 %.
 */

/** The rule files, each of which must reach 85 % of its mutants killed (see scripts/mutation-scores.mjs). */
export const RULE_FILES = [
  'domain/shared/money.ts',
  'domain/shared/allocation.ts',
  'domain/freight/rates.ts',
  'domain/pricing/coupon.ts',
  'domain/ordering/amounts.ts',
  'domain/ordering/split.ts',
  'domain/ordering/status.ts',
  'domain/inventory/sales-stock.ts',
];

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: {
    // Domain tests only (vitest.mutation.config.ts); `related` runs, in the dry run, only the test files
    // that import a mutated file.
    configFile: 'vitest.mutation.config.ts',
    related: true,
  },
  coverageAnalysis: 'perTest',
  // The machine is shared: one test runner.
  concurrency: 1,
  mutate: RULE_FILES,
  // TypeScript 7 (the native compiler) has no JavaScript API, so Stryker's rewriting of the tsconfig in the
  // sandbox (`ts.parseConfigFileTextToJson`) fails on it. Ours needs no rewriting (no `extends`, no
  // `references`): name a file that does not exist, and Stryker leaves tsconfig.json alone. No checker
  // either (the TypeScript checker needs the same API); vitest strips the types.
  tsconfigFile: 'stryker-no-tsconfig-rewrite.json',
  checkers: [],
  // docs/ stays: tests/domain/*/docs.test.ts keep the drawn state machines true.
  ignorePatterns: ['/bench', '/dist', '/coverage', '/reports', '/.zhongtai', '*.tgz'],
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  incrementalFile: 'reports/mutation/stryker-incremental.json',
  thresholds: { high: 90, low: 85, break: null },
  // Property tests run hundreds of cases per test: allow a busy machine some slack.
  timeoutMS: 20_000,
  tempDirName: '.stryker-tmp',
};
