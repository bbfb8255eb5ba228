#!/usr/bin/env node
// Per-file mutation scores of the last `npm run mutation` (decision 0027), from reports/mutation/mutation.json.
// Score = killed (or timed out) / (killed + timed out + survived + no coverage), in %; mutants that do not
// compile or fail at run time outside the tests, and ignored ones, do not count (Stryker's own mutation score).
// The last line is one JSON object {file: score, …, met}: met when every rule file reaches 85 %.
// A rule file missing from the report (a run with --mutate on other files) scores null and is not met.
// Exit code 1 when not met.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { RULE_FILES } from '../stryker.config.mjs';

export const REQUIRED_SCORE = 85;
const reportPath = resolve(process.argv[2] ?? 'reports/mutation/mutation.json');

let report;
try {
  report = JSON.parse(readFileSync(reportPath, 'utf8'));
} catch (e) {
  console.error(`no mutation report at ${reportPath} (run npm run mutation first): ${e.message}`);
  process.exit(2);
}

const DETECTED = new Set(['Killed', 'Timeout']);
const UNDETECTED = new Set(['Survived', 'NoCoverage']);
const normal = (p) => p.replaceAll('\\', '/').replace(/^\.\//, '');
const files = Object.fromEntries(Object.entries(report.files ?? {}).map(([path, f]) => [normal(path), f]));

const rows = [];
const result = {};
const exactOf = {};
for (const file of [...new Set([...RULE_FILES, ...Object.keys(files)])]) {
  const f = files[file];
  if (!f) {
    rows.push({ file, killed: '-', survived: '-', noCoverage: '-', timeout: '-', score: null });
    result[file] = null;
    continue;
  }
  const count = (status) => f.mutants.filter((m) => m.status === status).length;
  const detected = f.mutants.filter((m) => DETECTED.has(m.status)).length;
  const undetected = f.mutants.filter((m) => UNDETECTED.has(m.status)).length;
  const exact = detected + undetected === 0 ? 100 : (100 * detected) / (detected + undetected);
  // Shown to 2 decimals as Stryker shows it; judged on the exact ratio (84.996 % is not 85 %).
  const score = Math.round(exact * 100) / 100;
  rows.push({ file, killed: count('Killed'), timeout: count('Timeout'), survived: count('Survived'), noCoverage: count('NoCoverage'), score, exact });
  result[file] = score;
  exactOf[file] = exact;
}

const pad = (s, n) => String(s).padEnd(n);
console.log(`${pad('file', 36)} ${pad('killed', 7)} ${pad('timeout', 8)} ${pad('survived', 9)} ${pad('no cov.', 8)} score`);
for (const r of rows) {
  const flag = RULE_FILES.includes(r.file) && (r.score === null || r.exact < REQUIRED_SCORE) ? '  < 85 %' : '';
  console.log(`${pad(r.file, 36)} ${pad(r.killed, 7)} ${pad(r.timeout, 8)} ${pad(r.survived, 9)} ${pad(r.noCoverage, 8)} ${r.score === null ? 'not run' : `${r.score.toFixed(2)} %`}${flag}`);
}
const met = RULE_FILES.every((f) => f in exactOf && exactOf[f] >= REQUIRED_SCORE);
console.log(JSON.stringify({ ...result, met }));
process.exit(met ? 0 : 1);
