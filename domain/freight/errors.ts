import { DomainError } from '../shared/domain-error.js';
import { type CodeOf, errorCatalogue } from '../shared/errors.js';

/** The freight context's error list (运费模板): each stable code with its kind (invalid → 422, not_found → 404). */
export const FREIGHT_ERRORS = errorCatalogue('FREIGHT', {
  /** Two region rules of one template (or of the shop template, or two free-shipping rules) overlap (422). */
  OVERLAPPING_REGIONS: 'invalid',
  /** A region rule or a free-shipping rule names an invalid region code, or no region at all (422). */
  INVALID_REGION: 'invalid',
  /** A price (first, additional, fixed fee, free-over threshold, a line amount, a deduction) that is negative or not whole cents (422). */
  INVALID_PRICE: 'invalid',
  /** First or additional units that are not positive, or not whole pieces for a per-piece table (422). */
  INVALID_UNITS: 'invalid',
  /** A free-shipping rule without a condition, with a bad count, or with two conditions and no AND/OR (422). */
  INVALID_FREE_RULE: 'invalid',
  /** A template name, charge mode, mode or combination out of shape (422). */
  INVALID_TEMPLATE: 'invalid',
  /** Shop or mixed mode without a shop template (422). */
  SHOP_TEMPLATE_REQUIRED: 'invalid',
  /** The address has no region, or not a district code (422). */
  INVALID_ADDRESS: 'invalid',
  /** A weight template on a SKU without a weight (422). */
  MISSING_WEIGHT: 'invalid',
  /** A volume template on a SKU without a volume (422). */
  MISSING_VOLUME: 'invalid',
  /** A weight or volume that is not a positive decimal (422). */
  INVALID_MEASURE: 'invalid',
  /** Nothing to quote (422). */
  NO_LINES: 'invalid',
  /** A line names a template the quote was not given, or a template of another shop (422). */
  UNKNOWN_TEMPLATE: 'invalid',
  TEMPLATE_NOT_FOUND: 'not_found',
  /** SKU ids the catalog does not know (404). */
  UNKNOWN_SKU: 'not_found',
});

/** The freight codes by name (`FREIGHT_ERROR.UNKNOWN_SKU` is `'FREIGHT.UNKNOWN_SKU'`). */
export const FREIGHT_ERROR = FREIGHT_ERRORS.codes;
export type FreightErrorCode = CodeOf<typeof FREIGHT_ERRORS>;

/** An invalid-kind freight rejection (the domain's validation). */
export function freightInvalid(code: string, message: string, details?: Record<string, unknown>): DomainError {
  return DomainError.invalid(code, message, details);
}
