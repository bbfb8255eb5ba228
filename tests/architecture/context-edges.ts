/**
 * The edges between bounded contexts (issue #13): a file that belongs to a context — it lies in a folder
 * named after the context anywhere under domain/, application/ or adapters/ (`application/ordering/…`,
 * `adapters/persistence/memory/ordering/…`), or is a file named after it (`adapters/container/ordering.ts`)
 * — may import from another context only that context's `index.ts` in the same technology folder
 * (`domain/<ctx>/index.ts`, `application/<ctx>/index.ts`, `adapters/http/express/<ctx>/index.ts` …).
 * Never its repositories, store key, use-case files or adapters' internals.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { importSpecifiers, tsFilesUnder } from './layer-rules.js';

/** The bounded contexts (the names of their folders in every layer). */
export const CONTEXT_NAMES = [
  'catalog',
  'inventory',
  'dispatch',
  'pricing',
  'promotion',
  'coupon',
  'freight',
  'cart',
  'checkout',
  'crossborder',
  'ordering',
  'payment',
  'fulfilment',
  'membership',
  'risk',
] as const;

const NAMES = new Set<string>(CONTEXT_NAMES);

export interface EdgeViolation {
  readonly file: string;
  readonly target: string;
}

/** The context a file belongs to and the folder its context part starts in (`application/`, `adapters/http/express/` …), or null. */
export function contextOf(path: string): { context: string; base: string } | null {
  const parts = path.split('/');
  for (let i = 0; i < parts.length; i++) {
    const name = i === parts.length - 1 ? parts[i]!.replace(/\.ts$/, '') : parts[i]!;
    if (NAMES.has(name)) return { context: name, base: parts.slice(0, i).join('/') };
  }
  return null;
}

/** Every import of a file of one context into another context's files other than its index, under `root`. */
export function contextEdgeViolations(root: string): EdgeViolation[] {
  const out: EdgeViolation[] = [];
  for (const top of ['domain', 'application', 'adapters']) {
    for (const abs of tsFilesUnder(join(root, top))) {
      const file = relative(root, abs).split(sep).join('/');
      const me = contextOf(file);
      if (!me) continue;
      for (const spec of importSpecifiers(readFileSync(abs, 'utf8'))) {
        if (!spec.startsWith('.')) continue;
        const target = relative(root, resolve(dirname(abs), spec))
          .split(sep)
          .join('/')
          .replace(/\.js$/, '.ts');
        const them = contextOf(target);
        if (!them || them.context === me.context) continue;
        const isIndex = target === `${them.base}/${them.context}/index.ts`;
        if (!isIndex) out.push({ file, target });
      }
    }
  }
  return out;
}
