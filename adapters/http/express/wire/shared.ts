import { z } from 'zod';

/**
 * The pieces every response schema is made of (decision 0023). A response schema describes the JSON
 * wire form of what a handler returns — what `JSON.stringify` makes of it: `Money` and `Date` through
 * their `toJSON` (decimal strings, ISO timestamps), `undefined` fields left out. Objects are strict, so
 * the router's check (`HttpOptions.checkResponses`) reports a field the schema does not describe.
 *
 * Pattern for a route file: the context's schemas live in `wire/<context>.ts`, built from these; each
 * is held to the domain type it describes by `Same<z.output<typeof schema>, Json<DomainType>>` (a
 * compile error when either drifts); the route says `response: thatSchema`.
 */

/**
 * The named schemas of the answers: the document lists each once under `components/schemas` and refers
 * to it (`$ref`), so a generated client gets one type per name (`CartView`, `Money` …).
 */
export const wireComponents = z.registry<{ id: string; description?: string }>();

/** Registers `schema` as the component `id` (one name per schema, once). */
export function component<T extends z.ZodType>(id: string, schema: T, description?: string): T {
  wireComponents.add(schema, { id, ...(description ? { description } : {}) });
  return schema;
}

/** A JSON object with exactly these fields (strict: an undescribed field fails the response check). */
export const wireObject = z.strictObject;

/** A decimal amount of money as `Money.toJSON` writes it: "199.00", "-5.00", exact amounts with more decimals. */
export const money = component(
  'Money',
  z.string().regex(/^-?\d+(\.\d+)?$/, 'a decimal amount such as "199.00"'),
  'An amount of money as a decimal string: "199.00"',
);
/** A decimal number as a string (a rate "0.119", units "1.5"). */
export const decimal = z.string().regex(/^-?\d+(\.\d+)?$/, 'a decimal number as a string');
/** A point in time as `Date.toJSON` writes it: ISO 8601 in UTC, "2026-11-22T10:00:00.000Z". */
export const timestamp = component('Timestamp', z.iso.datetime(), 'A point in time, ISO 8601 in UTC: "2026-11-22T10:00:00.000Z"');
/** A whole number (quantities, counts, versions, points). */
export const int = z.int();
/** A whole number from 0. */
export const count = z.int().min(0);
/** An id as the service hands it out. */
export const wireId = z.string().min(1);
/** String fields keyed by name (SKU specs, timeline details). */
export const stringMap = z.record(z.string(), z.string());

/** The page envelope of the catalog-style lists: `{ items, page, size, total }`. */
export const pageOf = <T extends z.ZodType>(item: T) => wireObject({ items: z.array(item), page: int.min(1), size: int.min(1), total: count });
/** The page envelope of the order lists: `{ items, total, page, pageSize }`. */
export const orderPageOf = <T extends z.ZodType>(item: T) => wireObject({ items: z.array(item), total: count, page: int.min(1), pageSize: int.min(1) });

/** A JSON object whose fields are not described (e.g. the OpenAPI document itself). */
export const jsonObject = z.record(z.string(), z.unknown());

type Fn = (...args: never[]) => unknown;

/**
 * The JSON wire form of a TypeScript type: what `JSON.stringify` makes of a value of it — `toJSON`
 * results (Money, Date → string), arrays and objects field by field (readonly dropped, methods gone),
 * branded strings as plain strings.
 */
export type Json<T> = T extends { toJSON(): infer J }
  ? J
  : T extends string
    ? // biome-ignore lint/complexity/noBannedTypes: `{}` here asks whether T adds nothing to string (a plain string, not a branded one)
      {} extends Omit<T, keyof string>
      ? T
      : string
    : T extends readonly (infer E)[]
      ? Json<E>[]
      : T extends object
        ? { -readonly [K in keyof T as T[K] extends Fn ? never : K]: Json<T[K]> }
        : T;

/** True when A and B are the same type (every field, optionality and nullability): a response schema's output against `Json<DomainType>`. */
export type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

/** Compile-time check: `type Checks = [Check<Same<…>>, …]` fails to compile when a schema drifts from its type. */
export type Check<T extends true> = T;
