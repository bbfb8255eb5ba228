import { z } from 'zod';
import type { Zhongtai } from '../../container/create-zhongtai.js';
import { INT32_MAX, INT32_MIN } from '../../../domain/shared/integers.js';
import type { Identity } from './auth.js';

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
  /** Staff roles allowed (any of them; `admin` is always allowed). Empty: any staff. */
  readonly roles?: readonly string[];
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
/** A whole number an `int` column can hold (decision 0020); its meaning (sign, zero, range) is the domain's to judge. */
export const int32 = z.number().int().min(INT32_MIN).max(INT32_MAX);
/**
 * A JSON number within the range of an `int` column, whole or not: whether it must be whole or positive
 * is the domain's to judge with its own codes (QUANTITY.INVALID, MEMBERSHIP.INVALID_AMOUNT …).
 */
export const number32 = z.number().min(INT32_MIN).max(INT32_MAX);
/** Points or growth, an amount or a signed change of a balance: at most INT32_MAX either way; whole and non-zero is the domain's to judge (MEMBERSHIP.INVALID_AMOUNT). */
export const points = z.number().min(-INT32_MAX).max(INT32_MAX);
export const pageQuery = {
  page: z.coerce.number().int().min(1).max(1_000_000).default(1),
  /** Capped: a larger size is answered with the maximum (100). */
  size: z.coerce.number().int().min(1).default(20),
};
