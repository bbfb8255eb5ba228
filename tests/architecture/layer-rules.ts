/**
 * Layer rules of the hexagon, checked on the source text (no compiler needed):
 *
 * - domain/ imports only 'decimal.js' and relative paths that stay inside domain/;
 * - application/ imports nothing from adapters/, no framework or driver (express, @mikro-orm/*,
 *   inversify, pg, @electric-sql/*, or any package but decimal.js) and no Node built-in; its relative imports stay inside
 *   application/ and domain/ (anything else, e.g. the root index, could pull adapters in).
 *
 * Specifiers are found by a small tokenizer in `import … from '…'`, `import '…'`, `export … from '…'`,
 * `import('…')`, `require('…')` and `import x = require('…')`; comments and the insides of string,
 * template and regex literals are not code. Type-only imports count: they tie the layer to the package
 * all the same.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';

export interface LayerViolation {
  /** Path of the importing file, relative to the root, with forward slashes. */
  readonly file: string;
  readonly specifier: string;
  readonly rule: string;
}

/** Every .ts file below `dir` (none if `dir` does not exist). */
export function tsFilesUnder(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : tsFilesUnder(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

export interface Token {
  readonly kind: 'word' | 'string' | 'template' | 'regex' | 'punct';
  readonly value: string;
}

const REGEX_AFTER_WORDS = new Set(['return', 'typeof', 'case', 'do', 'else', 'in', 'of', 'new', 'delete', 'void', 'throw', 'instanceof', 'yield', 'await']);

/**
 * A small TypeScript tokenizer, enough to find module specifiers: it skips comments and keeps string,
 * template and regex literals whole, so text inside them (`"import x from 'express'"`) is never code.
 */
export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const n = source.length;
  /** Index just past the literal that starts at `start` with `quote`, honouring escapes. */
  const skipQuoted = (start: number, quote: string): number => {
    let j = start + 1;
    while (j < n && source[j] !== quote) j += source[j] === '\\' ? 2 : 1;
    return j + 1;
  };
  /** Index just past a template literal, skipping `${ … }` expressions (with nested literals). */
  const skipTemplate = (start: number): number => {
    let j = start + 1;
    while (j < n && source[j] !== '`') {
      if (source[j] === '\\') j += 2;
      else if (source[j] === '$' && source[j + 1] === '{') {
        let depth = 1;
        j += 2;
        while (j < n && depth > 0) {
          const c = source[j]!;
          if (c === "'" || c === '"') j = skipQuoted(j, c);
          else if (c === '`') j = skipTemplate(j);
          else {
            if (c === '{') depth++;
            else if (c === '}') depth--;
            j++;
          }
        }
      } else j++;
    }
    return j + 1;
  };
  const regexAllowed = (): boolean => {
    const prev = tokens[tokens.length - 1];
    if (!prev) return true;
    if (prev.kind === 'punct') return ![')', ']', '}'].includes(prev.value);
    return prev.kind === 'word' && REGEX_AFTER_WORDS.has(prev.value);
  };
  while (i < n) {
    const c = source[i]!;
    const next = source[i + 1];
    if (/\s/.test(c)) {
      i++;
    } else if (c === '/' && next === '/') {
      while (i < n && source[i] !== '\n') i++;
    } else if (c === '/' && next === '*') {
      const end = source.indexOf('*/', i + 2);
      i = end === -1 ? n : end + 2;
    } else if (c === "'" || c === '"') {
      const end = skipQuoted(i, c);
      tokens.push({ kind: 'string', value: source.slice(i + 1, end - 1) });
      i = end;
    } else if (c === '`') {
      const end = skipTemplate(i);
      const body = source.slice(i + 1, end - 1);
      tokens.push({ kind: body.includes('${') ? 'template' : 'string', value: body });
      i = end;
    } else if (c === '/' && regexAllowed()) {
      let j = i + 1;
      let inClass = false;
      while (j < n && (inClass || source[j] !== '/') && source[j] !== '\n') {
        if (source[j] === '\\') j++;
        else if (source[j] === '[') inClass = true;
        else if (source[j] === ']') inClass = false;
        j++;
      }
      j++;
      while (j < n && /[a-z]/i.test(source[j]!)) j++;
      tokens.push({ kind: 'regex', value: source.slice(i, j) });
      i = j;
    } else if (/[A-Za-z_$0-9]/.test(c)) {
      let j = i + 1;
      while (j < n && /[\w$]/.test(source[j]!)) j++;
      tokens.push({ kind: 'word', value: source.slice(i, j) });
      i = j;
    } else {
      tokens.push({ kind: 'punct', value: c });
      i++;
    }
  }
  return tokens;
}

/**
 * The module specifiers a TypeScript source imports or re-exports, in order of appearance:
 * `… from '…'` (import and export clauses), `import '…'`, `import('…')` and `require('…')`.
 */
export function importSpecifiers(source: string): string[] {
  const t = tokenize(source);
  const found: string[] = [];
  for (let i = 0; i < t.length; i++) {
    const tok = t[i]!;
    if (tok.kind !== 'word' || t[i - 1]?.value === '.') continue;
    const a = t[i + 1];
    if ((tok.value === 'from' || tok.value === 'import') && a?.kind === 'string') {
      found.push(a.value);
    } else if ((tok.value === 'import' || tok.value === 'require') && a?.value === '(' && t[i + 2]?.kind === 'string' && t[i + 3]?.value === ')') {
      found.push(t[i + 2]!.value);
    }
  }
  return found;
}

const isRelative = (s: string): boolean => s.startsWith('./') || s.startsWith('../') || s === '.' || s === '..';
const packageName = (s: string): string => (s.startsWith('@') ? s.split('/').slice(0, 2).join('/') : s.split('/')[0]!);
const inside = (path: string, dir: string): boolean => path === dir || path.startsWith(dir + sep);

const FORBIDDEN_IN_APPLICATION: readonly { test: (pkg: string) => boolean; rule: string }[] = [
  { test: (p) => p === 'express', rule: 'application must not import express' },
  { test: (p) => p.startsWith('@mikro-orm/'), rule: 'application must not import @mikro-orm/*' },
  { test: (p) => p === 'inversify', rule: 'application must not import inversify' },
  { test: (p) => p === 'pg', rule: 'application must not import pg' },
  { test: (p) => p.startsWith('@electric-sql/'), rule: 'application must not import @electric-sql/*' },
  {
    test: (p) => p.startsWith('node:') || builtinModules.includes(p),
    rule: 'application must not import Node built-ins',
  },
];

function domainRule(root: string, file: string, specifier: string): string | null {
  if (isRelative(specifier)) {
    return inside(resolve(dirname(file), specifier), join(root, 'domain')) ? null : 'domain imports only from inside domain/';
  }
  return specifier === 'decimal.js' ? null : `domain must not import the package '${packageName(specifier)}'`;
}

function applicationRule(root: string, file: string, specifier: string): string | null {
  if (isRelative(specifier)) {
    const target = resolve(dirname(file), specifier);
    if (inside(target, join(root, 'adapters')) || specifier.split('/').includes('adapters')) {
      return 'application must not import adapters';
    }
    return inside(target, join(root, 'application')) || inside(target, join(root, 'domain')) ? null : 'application imports only from application/ and domain/';
  }
  const pkg = packageName(specifier);
  const named = FORBIDDEN_IN_APPLICATION.find((f) => f.test(pkg) || f.test(specifier))?.rule;
  if (named) return named;
  // An allow list, not only a deny list: a package not named above (zod, kysely …) is still a framework here.
  return pkg === 'decimal.js' ? null : `application must not import the package '${pkg}'`;
}

/** Every import in `root`/domain and `root`/application that breaks a layer rule. */
export function layerViolations(rootDir: string): LayerViolation[] {
  const root = resolve(rootDir);
  const layers = [
    { dir: join(root, 'domain'), rule: domainRule },
    { dir: join(root, 'application'), rule: applicationRule },
  ];
  const violations: LayerViolation[] = [];
  for (const layer of layers) {
    for (const file of tsFilesUnder(layer.dir)) {
      for (const specifier of importSpecifiers(readFileSync(file, 'utf8'))) {
        const rule = layer.rule(root, file, specifier);
        if (rule) violations.push({ file: relative(root, file).split(sep).join('/'), specifier, rule });
      }
    }
  }
  return violations;
}
