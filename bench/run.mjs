// `npm run bench -- <name>`: runs bench/<name>.mjs (after the build). Each bench prints, as its last
// line, one JSON object with its figures and its ratio to the floor or peer it is compared with.
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const available = readdirSync(here)
  .filter((f) => f.endsWith('.mjs') && f !== 'run.mjs')
  .map((f) => f.replace(/\.mjs$/, ''));
const [name, ...args] = process.argv.slice(2);
if (!name || !available.includes(name)) {
  console.error(`usage: npm run bench -- <name> [options]\nbenches: ${available.join(', ')}`);
  process.exit(2);
}
const bench = await import(join(here, `${name}.mjs`));
await bench.main(args);
