/**
 * What kind of rejection a business error is. Adapters map kinds to their own vocabulary
 * (HTTP: invalid → 422, not_found → 404, conflict → 409, forbidden → 403, unauthenticated → 401).
 */
export type DomainErrorKind = 'invalid' | 'not_found' | 'conflict' | 'forbidden' | 'unauthenticated';

/**
 * An expected business rejection: a stable `code` (e.g. `CATALOG.CATEGORY_HAS_PRODUCTS`) that
 * clients may branch on, a human message, and data. Programming errors are thrown as plain Errors.
 */
export class DomainError extends Error {
  override readonly name = 'DomainError';
  constructor(
    readonly code: string,
    message: string,
    readonly kind: DomainErrorKind = 'invalid',
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
  }

  static invalid(code: string, message: string, details?: Record<string, unknown>): DomainError {
    return new DomainError(code, message, 'invalid', details);
  }
  static notFound(code: string, message: string, details?: Record<string, unknown>): DomainError {
    return new DomainError(code, message, 'not_found', details);
  }
  static conflict(code: string, message: string, details?: Record<string, unknown>): DomainError {
    return new DomainError(code, message, 'conflict', details);
  }
}

export function isDomainError(e: unknown): e is DomainError {
  return e instanceof DomainError;
}
