import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { STATUS_BY_KIND } from '../../adapters/http/express/problem.js';
import { allRoutes } from '../../adapters/http/express/router.js';
import { ERROR_CATALOGUES, kindOfCode, type ErrorCode } from '../../domain/errors.js';
import { DomainError } from '../../domain/shared/domain-error.js';
import { errorCatalogue } from '../../domain/shared/errors.js';

/** Every `'AREA.CODE'` literal in the sources of domain/, application/ and adapters/. */
function codeLiterals(): Set<string> {
  const codes = new Set<string>();
  for (const dir of ['domain', 'application', 'adapters']) {
    for (const f of readdirSync(dir, { recursive: true }) as string[]) {
      if (!f.endsWith('.ts')) continue;
      for (const m of readFileSync(join(dir, f), 'utf8').matchAll(/'([A-Z]+\.[A-Z_]+)'/g)) codes.add(m[1]!);
    }
  }
  return codes;
}

/** The code (comments left out) of every source file that may raise a code: all but the route files, which only declare codes. */
function raisingSources(): string[] {
  const out: string[] = [];
  for (const dir of ['domain', 'application', 'adapters']) {
    for (const f of readdirSync(dir, { recursive: true }) as string[]) {
      if (!f.endsWith('.ts') || /(^|[\\/-])routes\.ts$/.test(f)) continue;
      out.push(
        readFileSync(join(dir, f), 'utf8')
          .replace(/\/\*[\s\S]*?\*\//g, '')
          .replace(/^\s*\/\/.*$/gm, ''),
      );
    }
  }
  return out;
}

describe('error lists per context (issue #13)', () => {
  it('a catalogue names each code with its kind and raises it as that kind', () => {
    const E = errorCatalogue('NOTE', { EMPTY: 'invalid', GONE: 'not_found' });
    expect(E.codes).toEqual({ EMPTY: 'NOTE.EMPTY', GONE: 'NOTE.GONE' });
    const e = E.raise('GONE', 'no such note', { id: 'n1' });
    expect([e instanceof DomainError, e.code, e.kind, e.details]).toEqual([true, 'NOTE.GONE', 'not_found', { id: 'n1' }]);
    const code: ErrorCode = 'FREIGHT.UNKNOWN_SKU';
    expect(kindOfCode(code)).toBe('not_found');
    expect(kindOfCode('NOBODY.KNOWS')).toBeUndefined();
  });

  it('every code a route declares under a status is listed with the kind of that status', () => {
    const wrong: string[] = [];
    for (const r of allRoutes) {
      for (const [status, codes] of Object.entries(r.errors ?? {})) {
        for (const code of codes as string[]) {
          const kind = kindOfCode(code);
          if (kind && STATUS_BY_KIND[kind] !== Number(status))
            wrong.push(`${r.method} ${r.path}: ${code} under ${status}, listed as ${kind} (${STATUS_BY_KIND[kind]})`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it("every code a catalogue lists is raised somewhere (a literal, `CTX_ERRORS.raise('NAME'` or `CTX_ERROR.NAME` in code, not in a route file)", () => {
    const sources = raisingSources();
    for (const c of ERROR_CATALOGUES) {
      const names = Object.keys(c.codes);
      const forms = (n: string) => [`'${c.context}.${n}'`, `${c.context}_ERRORS.raise('${n}'`, `${c.context}_ERRORS.codes.${n}`, `${c.context}_ERROR.${n}`];
      // The formatter may break a call after its parenthesis: `X_ERRORS.raise(\n  'NAME',`.
      const flat = sources.map((t) => t.replace(/\(\s+/g, '('));
      const unraised = names.filter((n) => !forms(n).some((form) => flat.some((t) => t.includes(form))));
      expect(unraised, c.context).toEqual([]);
    }
  });

  it('a context with a catalogue lists every code of its prefix that the code base names', () => {
    const literals = codeLiterals();
    for (const c of ERROR_CATALOGUES) {
      const unlisted = [...literals].filter((code) => code.startsWith(`${c.context}.`) && kindOfCode(code) === undefined);
      expect(unlisted, c.context).toEqual([]);
    }
  });
});
