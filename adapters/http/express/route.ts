import { z } from 'zod';
import type { Zhongtai } from '../../container/create-zhongtai.js';
import { IDEMPOTENCY_KEY_RULE, INVALID_IDEMPOTENCY_KEY, isIdempotencyKey } from '../../../application/shared/idempotency.js';
import { INT32_MAX, INT32_MIN } from '../../../domain/shared/integers.js';
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
  /** The router serving the request: where it is mounted, and its OpenAPI document (with a `servers` entry for that prefix). */
  readonly service: {
    readonly baseUrl: string;
    document(): Record<string, unknown>;
    /** Resolves when the database answers within the readiness timeout and no shutdown began; throws the 503 otherwise. */
    ready(): Promise<void>;
  };
  /** The caller's address as Express reads it (its `trust proxy` setting decides whether forwarded headers count). */
  readonly clientIp: string | undefined;
  /** On a `notification` route: the body's exact text and every header (lower-case names), for the channel's signature. */
  readonly raw?: { readonly body: string; readonly headers: Readonly<Record<string, string | undefined>> };
}

/** The 4xx statuses a business rejection answers with (a `DomainError`'s kind, or an `HttpProblem` a handler throws). */
export type RejectionStatus = 400 | 401 | 403 | 404 | 409 | 422;

/**
 * The business error codes a route may answer, by status: `{ 404: ['ORDER.NOT_FOUND'], 409: ['ORDER.PRICE_CHANGED'] }`.
 * The generic codes every route may answer (`GENERIC_ERROR_CODES`: validation, authentication, HTTP.*,
 * CONCURRENCY.*) are implied. Documented per operation; with `HttpOptions.checkResponses` a 4xx answer
 * with a code not declared for its status fails loudly.
 */
export type ErrorCodes = Partial<Record<RejectionStatus, readonly string[]>>;

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
  /**
   * The success answer's JSON wire form (Money and Date as strings …), built from `wire/shared.ts`. It is
   * documented, and checked against every answer under `HttpOptions.checkResponses`. Without it the
   * answer is documented as any JSON.
   */
  readonly response?: z.ZodType;
  /** The business error codes it may answer (see `ErrorCodes`); without it, any code passes the check. */
  readonly errors?: ErrorCodes;
  /**
   * The handler answers objects shared between requests and never changed (a product detail from the
   * read cache): the JSON of each is made once and sent again as it is, where `res.json` would
   * stringify it for every request.
   */
  readonly sharedAnswers?: boolean;
  /**
   * A payment channel's notification: the body is read whatever its content type (form fields become an
   * object of strings), the handler gets `ctx.raw`, and may answer a `TextAnswer` (notification.ts).
   */
  readonly notification?: boolean;
  readonly handler: (ctx: RouteContext<z.infer<P>, z.infer<Q>, z.infer<B>>) => Promise<unknown>;
}

/** The codes of several lists together, by status (e.g. what placing an order adds to the checkout preview's). */
export function errorsOf(...lists: readonly ErrorCodes[]): ErrorCodes {
  const out: Partial<Record<RejectionStatus, string[]>> = {};
  for (const list of lists) {
    for (const [key, codes] of Object.entries(list) as [string, readonly string[]][]) {
      const status = Number(key) as RejectionStatus;
      out[status] = [...new Set([...(out[status] ?? []), ...codes])];
    }
  }
  return out;
}

export function route<P extends Obj = Obj, Q extends Obj = Obj, B extends z.ZodType = z.ZodType>(r: Route<P, Q, B>): Route {
  return r as unknown as Route;
}

// Shared schema pieces.
export const id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'an id has letters, digits, - and _');
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
/** The `Idempotency-Key` header: the application's rule, refused with 400 IDEMPOTENCY.INVALID_KEY (not VALIDATION.FAILED). */
export const idempotencyKey = z
  .string()
  .refine(isIdempotencyKey, { message: IDEMPOTENCY_KEY_RULE.description, params: { code: INVALID_IDEMPOTENCY_KEY } })
  .meta({ minLength: IDEMPOTENCY_KEY_RULE.minLength, maxLength: IDEMPOTENCY_KEY_RULE.maxLength, pattern: '^[!-~]+$' });

const searchTime = z.iso.datetime({ offset: true }).transform((s) => new Date(s));
/** The query fields of a staff search over one context's records: shop, order, a time window [from, to), and at most `limit` (500). */
export const searchQuery = {
  shopId: id.optional(),
  orderId: id.optional(),
  from: searchTime.optional(),
  to: searchTime.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
};

/** The fields of `q` that are given: an absent filter is left out, never passed as `undefined`. */
export function givenFields<T extends Record<string, unknown>>(
  q: T,
): { [K in keyof T as undefined extends T[K] ? never : K]: T[K] } & { [K in keyof T as undefined extends T[K] ? K : never]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined)) as never;
}
