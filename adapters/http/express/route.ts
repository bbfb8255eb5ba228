import { z } from 'zod';
import type { Zhongtai } from '../../container/create-zhongtai.js';
import { IDEMPOTENCY_KEY_RULE, INVALID_IDEMPOTENCY_KEY, isIdempotencyKey } from '../../../application/shared/idempotency.js';
import type { Identity } from './auth.js';
import type { Role } from './roles.js';

export type Access = 'public' | 'member' | 'staff';

export interface RouteContext<P, Q, B> {
  readonly params: P;
  readonly query: Q;
  readonly body: B;
  /** The request headers the route declares (names in lower case). */
  readonly headers: Record<string, unknown>;
  /** Null only on public routes called without a token. */
  readonly identity: Identity | null;
  readonly zt: Zhongtai;
}

type Obj = z.ZodObject<z.ZodRawShape>;

/**
 * One HTTP route: its schemas validate the request and also generate the OpenAPI document, so the
 * two cannot drift apart.
 */
export interface Route<P extends Obj = Obj, Q extends Obj = Obj, B extends z.ZodType = z.ZodType> {
  readonly method: 'get' | 'post' | 'patch' | 'put' | 'delete';
  /** Express path syntax: `/catalog/spus/:spuId`. */
  readonly path: string;
  readonly summary: string;
  readonly tag: string;
  readonly access: Access;
  /** Staff roles admitted (any of them; `admin` always), from the role catalogue. Required on staff routes. */
  readonly roles?: readonly Role[];
  readonly params?: P;
  readonly query?: Q;
  /** Request headers the route reads (lower-case names, e.g. `idempotency-key`), validated like the query. */
  readonly headers?: Obj;
  readonly body?: B;
  /** Status of a successful answer; 204 sends no body. */
  readonly status?: 200 | 201 | 204;
  readonly response?: z.ZodType;
  readonly handler: (ctx: RouteContext<z.infer<P>, z.infer<Q>, z.infer<B>>) => Promise<unknown>;
}

export function route<P extends Obj = Obj, Q extends Obj = Obj, B extends z.ZodType = z.ZodType>(r: Route<P, Q, B>): Route {
  return r as unknown as Route;
}

// Shared schema pieces.
export const id = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, 'an id has letters, digits, - and _');
/** A decimal amount as a string ("199.00"). Scale and sign are the domain's to judge, with precise codes. */
export const amount = z.string().regex(/^-?\d{1,12}(\.\d+)?$/, 'an amount is a decimal string such as "199.00"');
export const pageQuery = {
  page: z.coerce.number().int().min(1).max(1_000_000).default(1),
  /** Capped: a larger size is answered with the maximum (100). */
  size: z.coerce.number().int().min(1).default(20),
};
/** The `Idempotency-Key` header: the application's rule, refused with 400 IDEMPOTENCY.INVALID_KEY (not VALIDATION.FAILED). */
export const idempotencyKey = z
  .string()
  .refine(isIdempotencyKey, { message: IDEMPOTENCY_KEY_RULE.description, params: { code: INVALID_IDEMPOTENCY_KEY } })
  .meta({ minLength: IDEMPOTENCY_KEY_RULE.minLength, maxLength: IDEMPOTENCY_KEY_RULE.maxLength, pattern: '^[!-~]+$' });
