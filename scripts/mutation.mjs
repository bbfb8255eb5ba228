#!/usr/bin/env node
// `npm run mutation [rule file …]` (decision 0027): StrykerJS on each rule file in turn, against the tests of
// its own rules (RULES in stryker.config.mjs, through MUTATION_TESTS and vitest.mutation.config.ts), each into
// its own report directory; then the per-file scores (scripts/mutation-scores.mjs), whose exit code it returns.
import { spawnSync } from 'node:child_process';
import { RULES } from '../stryker.config.mjs';

const asked = process.argv.slice(2);
const unknown = asked.filter((f) => !RULES.some((r) => r.file === f));
if (unknown.length > 0) {
  console.error(`not a rule file: ${unknown.join(', ')} (the rule files: ${RULES.map((r) => r.file).join(', ')})`);
  process.exit(2);
}
const rules = asked.length > 0 ? RULES.filter((r) => asked.includes(r.file)) : RULES;

for (const r of rules) {
  const dir = `reports/mutation/${r.file.replace(/\.ts$/, '').replaceAll('/', '_')}`;
  console.log(`\n== ${r.file} (tests: ${r.tests.join(', ')}) → ${dir}`);
  const run = spawnSync('npx', ['stryker', 'run', '--mutate', r.file], {
    stdio: 'inherit',
    env: { ...process.env, MUTATION_TESTS: r.tests.join(','), MUTATION_REPORT_DIR: dir },
  });
  if (run.status !== 0) {
    console.error(`stryker failed on ${r.file} (exit ${run.status ?? run.signal})`);
    process.exit(run.status ?? 1);
  }
}
const scores = spawnSync(process.execPath, ['scripts/mutation-scores.mjs'], { stdio: 'inherit' });
process.exit(scores.status ?? 1);
