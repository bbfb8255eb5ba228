import type { z } from 'zod';
import { HttpProblem } from './problem.js';

/** Validates one part of a request; failures are 400 VALIDATION.FAILED (or a schema's own code) listing every issue by path. */
export function validate<T extends z.ZodType>(schema: T | undefined, value: unknown, where: 'params' | 'query' | 'headers' | 'body'): z.infer<T> {
  if (!schema) return (where === 'body' ? undefined : {}) as z.infer<T>;
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const errors = result.error.issues.map((i) => ({ path: [where, ...i.path.map(String)].join('.'), message: i.message }));
  // A schema may name its own stable code (a refinement's `params.code`, e.g. IDEMPOTENCY.INVALID_KEY).
  const coded = result.error.issues.find((i): i is z.core.$ZodIssueCustom => i.code === 'custom' && typeof i.params?.code === 'string');
  throw new HttpProblem(
    400,
    coded ? String(coded.params?.code) : 'VALIDATION.FAILED',
    `the request ${where} is not valid: ${errors[0]?.path}: ${errors[0]?.message}`,
    {
      errors,
    },
  );
}

/**
 * The one string rule of the edge, applied to every request part before any schema sees it (decision
 * 0020): no string — value or object key, at any depth, `z.unknown()` bodies included — may hold NUL
 * (U+0000) or ill-formed UTF-16 (a lone surrogate). Neither can be stored as PostgreSQL text, and
 * neither has a meaning in any field. 400 VALIDATION.INVALID_TEXT with the path of each such string.
 */
export function rejectInvalidText(parts: Readonly<Record<string, unknown>>): void {
  // Most requests hold neither a NUL nor any surrogate: one regex test per string, no paths built.
  if (!holdsSuspectText(parts)) return;
  const errors: { path: string; message: string }[] = [];
  // Iterative, so that a deeply nested body cannot overflow the stack.
  const stack: [unknown, string][] = Object.entries(parts).map(([where, value]) => [value, where]);
  while (stack.length > 0 && errors.length < 20) {
    const [value, path] = stack.pop()!;
    if (typeof value === 'string') {
      const why = textFault(value);
      if (why) errors.push({ path, message: `a string may not hold ${why}` });
    } else if (Array.isArray(value)) {
      value.forEach((v, i) => {
        stack.push([v, `${path}.${i}`]);
      });
    } else if (value !== null && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        const why = textFault(k);
        if (why) errors.push({ path: `${path}.${printable(k)}`, message: `a key may not hold ${why}` });
        stack.push([v, `${path}.${printable(k)}`]);
      }
    }
  }
  if (errors.length > 0) {
    throw new HttpProblem(400, 'VALIDATION.INVALID_TEXT', `the request holds text that cannot be stored: ${errors[0]!.path}: ${errors[0]!.message}`, {
      errors,
    });
  }
}

/** A high surrogate not followed by a low one, or a low one not preceded by a high one (code units: no `u` flag). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** What makes a string unstorable, or null. */
export function textFault(s: string): string | null {
  if (s.includes('\u0000')) return 'the NUL character (U+0000)';
  if (LONE_SURROGATE.test(s)) return 'ill-formed UTF-16 (a lone surrogate)';
  return null;
}

const LONE_SURROGATES = new RegExp(LONE_SURROGATE, 'g');

/** A key as it can be shown in a path (its faults replaced). */
const printable = (k: string): string => k.replace(LONE_SURROGATES, '\uFFFD').replaceAll('\u0000', '\\u0000');

/** A NUL or any surrogate code unit (paired or not): the only strings `textFault` needs to look at. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is exactly what this looks for
const SUSPECT = /[\u0000\uD800-\uDFFF]/;

/** Whether any string or key at any depth holds a suspect code unit (iterative, like the walk it spares). */
function holdsSuspectText(parts: Readonly<Record<string, unknown>>): boolean {
  const stack: unknown[] = Object.values(parts);
  while (stack.length > 0) {
    const value = stack.pop();
    if (typeof value === 'string') {
      if (SUSPECT.test(value)) return true;
    } else if (Array.isArray(value)) {
      for (const v of value) stack.push(v);
    } else if (value !== null && typeof value === 'object') {
      for (const k in value) {
        if (!Object.hasOwn(value, k)) continue;
        if (SUSPECT.test(k)) return true;
        stack.push((value as Record<string, unknown>)[k]);
      }
    }
  }
  return false;
}
