import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importSpecifiers, layerViolations, tsFilesUnder } from './layer-rules.js';

const projectRoot = fileURLToPath(new URL('../..', import.meta.url));
const fixture = (name: string): string => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

describe('layer rules (domain and application import no framework)', () => {
  it('domain/ imports only decimal.js and domain/; application/ imports no adapters, frameworks, drivers or Node built-ins', () => {
    expect(tsFilesUnder(`${projectRoot}/domain`).length).toBeGreaterThan(0);
    expect(tsFilesUnder(`${projectRoot}/application`).length).toBeGreaterThan(0);
    expect(layerViolations(projectRoot)).toEqual([]);
  });

  it('the rule reports a domain file importing express and an application file importing adapters', () => {
    const violations = layerViolations(fixture('bad'));
    expect(violations).toContainEqual({
      file: 'domain/x.ts',
      specifier: 'express',
      rule: "domain must not import the package 'express'",
    });
    expect(violations).toContainEqual({
      file: 'application/y.ts',
      specifier: '../../adapters/z.js',
      rule: 'application must not import adapters',
    });
  });

  it('the rule sees every import syntax: multi-line type imports, re-exports, side effects, node:, dynamic import', () => {
    const byFile = (file: string) =>
      layerViolations(fixture('bad'))
        .filter((v) => v.file === file)
        .map((v) => v.specifier);
    expect(byFile('domain/sneaky.ts')).toEqual(['express', '../application/y.js', '@mikro-orm/core', 'reflect-metadata', 'node:fs', 'pg']);
    expect(byFile('application/catalog/w.ts')).toEqual([
      'inversify',
      '@electric-sql/pglite',
      '../../adapters/persistence/memory/index.js',
      'crypto',
      '../../index.js',
      'zod',
      'node:path',
    ]);
  });

  it('a clean fixture reports nothing: comments, strings, templates and regexes that mention imports are not imports', () => {
    expect(layerViolations(fixture('clean'))).toEqual([]);
  });

  it('importSpecifiers finds what the clean fixture really imports, and nothing else', () => {
    const source = [
      "import { Decimal } from 'decimal.js';",
      "import type { Id } from './ids.js';",
      "export { a } from './a.js';",
      "export * as b from './b.js';",
      "import './side-effect.js';",
      "const lazy = () => import('./lazy.js');",
      "import fs = require('./legacy.js');",
      "// import x from 'express'",
      "/* export * from 'pg' */",
      'const s = "import y from \'inversify\'";',
      "const r = /from 'pg'/;",
      "const list = Array.from('abc');",
    ].join('\n');
    expect(importSpecifiers(source)).toEqual(['decimal.js', './ids.js', './a.js', './b.js', './side-effect.js', './lazy.js', './legacy.js']);
  });
});
