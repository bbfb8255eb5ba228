import type { z } from 'zod';
import { HttpProblem } from './problem.js';

/** Validates one part of a request; failures are 400 VALIDATION.FAILED listing every issue by path. */
export function validate<T extends z.ZodType>(schema: T | undefined, value: unknown, where: 'params' | 'query' | 'headers' | 'body'): z.infer<T> {
  if (!schema) return (where === 'body' ? undefined : {}) as z.infer<T>;
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const errors = result.error.issues.map((i) => ({ path: [where, ...i.path.map(String)].join('.'), message: i.message }));
  throw new HttpProblem(400, 'VALIDATION.FAILED', `the request ${where} is not valid: ${errors[0]?.path}: ${errors[0]?.message}`, {
    errors,
  });
}
