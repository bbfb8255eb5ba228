import type { z } from 'zod';
import { HttpProblem, type Problem } from './problem.js';
import type { Access, ErrorCodes, RejectionStatus, Route } from './route.js';

/**
 * The codes any route may answer besides its own (`Route.errors`): request validation, the HTTP layer
 * itself (malformed JSON or URL, sizes, media types …), authentication and authorization,
 * optimistic concurrency (retry), and the database's refusal of a value it cannot store (decision 0020).
 * A trailing `*` stands for every code of that prefix.
 */
export const GENERIC_ERROR_CODES: readonly string[] = ['VALIDATION.*', 'HTTP.*', 'AUTH.*', 'CONCURRENCY.*', 'VALUE.*'];

/** The generic codes by the status they come with, as the document describes each operation's answers. */
export function genericCodesByStatus(access: Access, hasBody: boolean): Partial<Record<number, readonly string[]>> {
  return {
    400: ['VALIDATION.FAILED', 'VALIDATION.INVALID_TEXT', 'HTTP.MALFORMED_JSON', 'HTTP.MALFORMED_URL', 'HTTP.BAD_REQUEST'],
    401: access === 'public' ? ['AUTH.INVALID_TOKEN'] : ['AUTH.MISSING_TOKEN', 'AUTH.INVALID_TOKEN'],
    ...(access === 'public' ? {} : { 403: ['AUTH.FORBIDDEN'] }),
    409: ['CONCURRENCY.STALE_AGGREGATE', 'CONCURRENCY.BUSY'],
    422: ['VALUE.INVALID_TEXT', 'VALUE.OUT_OF_RANGE'],
    ...(hasBody ? { 413: ['HTTP.PAYLOAD_TOO_LARGE'], 415: ['HTTP.UNSUPPORTED_MEDIA_TYPE', 'HTTP.UNSUPPORTED_ENCODING', 'HTTP.UNSUPPORTED_CHARSET'] } : {}),
  };
}

export function isGenericCode(code: string): boolean {
  return GENERIC_ERROR_CODES.some((g) => (g.endsWith('*') ? code.startsWith(g.slice(0, -1)) : code === g));
}

/** Every code a route declares, once, sorted. */
export function declaredCodes(errors: ErrorCodes | undefined): string[] {
  return [...new Set(Object.values(errors ?? {}).flat())].sort();
}

const RESPONSE_CONTRACT = 'HTTP.RESPONSE_CONTRACT';
const where = (r: Route) => `${r.method.toUpperCase()} ${r.path}`;

/**
 * The check mode's look at a successful answer: its wire form (the handler's result after a JSON round
 * trip) must parse with the route's response schema, and carry no field the schema does not describe.
 * Throws a 500 `HTTP.RESPONSE_CONTRACT` listing the issues.
 */
export function checkAnswer(r: Route, result: unknown): void {
  if (!r.response) return;
  const wire: unknown = result === undefined ? undefined : JSON.parse(JSON.stringify(result));
  const parsed = r.response.safeParse(wire);
  const errors = parsed.success
    ? undescribed(wire, parsed.data, '')
    : parsed.error.issues.map((i: z.core.$ZodIssue) => ({ path: i.path.map(String).join('.'), message: i.message }));
  if (errors.length === 0) return;
  throw new HttpProblem(
    500,
    RESPONSE_CONTRACT,
    `the answer of ${where(r)} breaks its documented schema: ${errors.map((e) => `${e.path || '(root)'}: ${e.message}`).join('; ')}`,
    { errors },
  );
}

/** Fields of `wire` that parsing dropped (a non-strict object schema strips what it does not describe). */
function undescribed(wire: unknown, data: unknown, path: string): { path: string; message: string }[] {
  if (Array.isArray(wire) && Array.isArray(data)) return wire.flatMap((w, i) => undescribed(w, data[i], path ? `${path}.${i}` : String(i)));
  if (!isObject(wire) || !isObject(data)) return [];
  return Object.entries(wire).flatMap(([k, v]) => {
    const at = path ? `${path}.${k}` : k;
    return Object.hasOwn(data, k) ? undescribed(v, data[k], at) : [{ path: at, message: `the field ${k} is not in the schema` }];
  });
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The check mode's look at a 4xx answer of a route that declares its errors: the code must be generic
 * or declared for that status. Throws a 500 `HTTP.RESPONSE_CONTRACT` naming the code.
 */
export function checkRejection(r: Route, p: Problem): void {
  if (!r.errors || p.status < 400 || p.status >= 500 || isGenericCode(p.code)) return;
  if (r.errors[p.status as RejectionStatus]?.includes(p.code)) return;
  const message = `${where(r)} answered ${p.status} ${p.code}, which its errors do not declare for ${p.status}`;
  throw new HttpProblem(500, RESPONSE_CONTRACT, message, { errors: [{ path: 'code', message }] });
}
