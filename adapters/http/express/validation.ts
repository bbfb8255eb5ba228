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
  throw new HttpProblem(400, coded ? String(coded.params?.code) : 'VALIDATION.FAILED', `the request ${where} is not valid: ${errors[0]?.path}: ${errors[0]?.message}`, {
    errors,
  });
}
