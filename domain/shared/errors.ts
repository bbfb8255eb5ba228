import { DomainError, type DomainErrorKind } from './domain-error.js';

/**
 * A context's error list (issue #13): every stable code it raises, with its kind (which the HTTP
 * adapter turns into a status: invalid → 422, not_found → 404, conflict → 409, forbidden → 403,
 * unauthenticated → 401). `codes.X` is the code `CTX.X`; `raise('X', …)` makes the DomainError with
 * the listed kind, so a code is always raised as the kind its list says.
 */
export interface ErrorCatalogue<C extends string, K extends Readonly<Record<string, DomainErrorKind>>> {
  readonly context: C;
  readonly codes: { readonly [N in keyof K & string]: `${C}.${N}` };
  readonly kinds: Readonly<Record<`${C}.${keyof K & string}`, DomainErrorKind>>;
  raise(name: keyof K & string, message: string, details?: Readonly<Record<string, unknown>>): DomainError;
}

/** The codes of a catalogue, as a union type. */
export type CodeOf<E> = E extends ErrorCatalogue<infer C, infer K> ? `${C}.${keyof K & string}` : never;

export function errorCatalogue<const C extends string, const K extends Readonly<Record<string, DomainErrorKind>>>(context: C, kinds: K): ErrorCatalogue<C, K> {
  const names = Object.keys(kinds) as (keyof K & string)[];
  const codes = Object.fromEntries(names.map((n) => [n, `${context}.${n}`])) as ErrorCatalogue<C, K>['codes'];
  const byCode = Object.fromEntries(names.map((n) => [`${context}.${n}`, kinds[n]])) as unknown as ErrorCatalogue<C, K>['kinds'];
  return {
    context,
    codes,
    kinds: byCode,
    raise: (name, message, details = {}) => new DomainError(`${context}.${name}`, message, kinds[name], details),
  };
}
