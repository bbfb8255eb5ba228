#!/usr/bin/env node
// Per-file mutation scores of the last `npm run mutation` (decision 0027): every reports/mutation/**/mutation.json
// (one per rule file under `npm run mutation`, or the one of a plain `npx stryker run`), the newest report of
// each file winning; or only the report given as argument.
// Score = killed (or timed out) / (killed + timed out + survived + no coverage), in %; mutants that do not
// compile or fail at run time outside the tests, and ignored ones, do not count (Stryker's own mutation score).
// The last line is one JSON object {file: score, …, met}: met when every rule file reaches 85 %.
// A rule file missing from the reports scores null and is not met. Exit code 1 when not met.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { RULE_FILES } from '../stryker.config.mjs';

export const REQUIRED_SCORE = 85;
const ROOT = 'reports/mutation';

function reportPaths() {
  if (process.argv[2]) return [resolve(process.argv[2])];
  const found = [];
  const walk = (dir) => {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name === 'mutation.json') found.push(path);
    }
  };
  walk(ROOT);
  return found.sort((a, b) => statSync(a).mtimeMs - statSync(b).mtimeMs);
}

const normal = (p) => p.replaceAll('\\', '/').replace(/^\.\//, '');
const files = {};
const paths = reportPaths();
if (paths.length === 0) {
  console.error(`no mutation report under ${ROOT} (run npm run mutation first)`);
  process.exit(2);
}
for (const path of paths) {
  let report;
  try {
    report = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    console.error(`cannot read ${path}: ${e.message}`);
    process.exit(2);
  }
  // oldest first: a newer report of the same file replaces an older one
  for (const [file, f] of Object.entries(report.files ?? {})) files[normal(file)] = f;
}

const DETECTED = new Set(['Killed', 'Timeout']);
const UNDETECTED = new Set(['Survived', 'NoCoverage']);

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
  console.log(
    `${pad(r.file, 36)} ${pad(r.killed, 7)} ${pad(r.timeout, 8)} ${pad(r.survived, 9)} ${pad(r.noCoverage, 8)} ${r.score === null ? 'not run' : `${r.score.toFixed(2)} %`}${flag}`,
  );
}
const met = RULE_FILES.every((f) => f in exactOf && exactOf[f] >= REQUIRED_SCORE);
console.log(JSON.stringify({ ...result, met }));
process.exit(met ? 0 : 1);
