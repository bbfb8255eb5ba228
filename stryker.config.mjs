// @ts-check
/**
 * Mutation testing of the rule files (issue #13, decision 0027). Not in CI: it takes a while.
 *
 *   npm run mutation                                   each rule file with its own tests, then the scores
 *   npm run mutation -- domain/shared/money.ts         one rule file (or a few) the same way
 *   npx stryker run --mutate domain/shared/money.ts    one file against every domain test
 *
 * Reports go to reports/mutation/ (gitignored): index.html and mutation.json, one directory per rule file
 * under `npm run mutation`; `npm run mutation:scores` prints the score of each file and fails when one is
 * below 85 %.
 */

/**
 * The rule files, each held to 85 % of its mutants killed, and the tests that pin its rules (the directories
 * `npm run mutation` gives each file: a mutant is judged by the tests of its own rules, and a mutant reached
 * while test files load runs only those files, not the whole domain suite).
 */
export const RULES = [
  { file: 'domain/shared/money.ts', tests: ['tests/domain/shared'] },
  { file: 'domain/shared/allocation.ts', tests: ['tests/domain/shared'] },
  { file: 'domain/freight/rates.ts', tests: ['tests/domain/freight'] },
  { file: 'domain/pricing/coupon.ts', tests: ['tests/domain/pricing', 'tests/domain/coupon'] },
  { file: 'domain/ordering/amounts.ts', tests: ['tests/domain/ordering'] },
  { file: 'domain/ordering/split.ts', tests: ['tests/domain/ordering'] },
  { file: 'domain/ordering/status.ts', tests: ['tests/domain/ordering'] },
  { file: 'domain/inventory/sales-stock.ts', tests: ['tests/domain/inventory'] },
];
export const RULE_FILES = RULES.map((r) => r.file);

/** Where this run reports: scripts/mutation.mjs gives each file its own directory under reports/mutation. */
const reportDir = process.env.MUTATION_REPORT_DIR ?? 'reports/mutation';

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
  htmlReporter: { fileName: `${reportDir}/index.html` },
  jsonReporter: { fileName: `${reportDir}/mutation.json` },
  incrementalFile: `${reportDir}/stryker-incremental.json`,
  thresholds: { high: 90, low: 85, break: null },
  // Property tests run hundreds of cases per test: allow a busy machine some slack.
  timeoutMS: 20_000,
  tempDirName: '.stryker-tmp',
};
