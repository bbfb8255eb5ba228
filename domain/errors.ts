import type { CodeOf, ErrorCatalogue } from './shared/errors.js';
import type { DomainErrorKind } from './shared/domain-error.js';
import { COUPON_ERRORS } from './coupon/errors.js';
import { FREIGHT_ERRORS } from './freight/errors.js';

/**
 * Every context's error list (issue #13). A context moved into its module adds its catalogue here; the
 * HTTP layer's code → status table is checked against these kinds by a test.
 */
export const ERROR_CATALOGUES: readonly ErrorCatalogue<string, Readonly<Record<string, DomainErrorKind>>>[] = [COUPON_ERRORS, FREIGHT_ERRORS];

/** Every stable business code of zhongtai. */
export type ErrorCode = CodeOf<typeof COUPON_ERRORS> | CodeOf<typeof FREIGHT_ERRORS>;

/** The kind of a listed code, or undefined for a code no catalogue lists. */
export function kindOfCode(code: string): DomainErrorKind | undefined {
  for (const c of ERROR_CATALOGUES) {
    const kind = (c.kinds as Readonly<Record<string, DomainErrorKind>>)[code];
    if (kind) return kind;
  }
  return undefined;
}
