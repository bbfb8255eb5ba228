import { DomainError } from '../shared/domain-error.js';

/** Stable codes of the freight context (运费模板). */
export const FREIGHT_ERROR = {
  /** Two region rules of one template (or of the shop template, or two free-shipping rules) overlap (422). */
  OVERLAPPING_REGIONS: 'FREIGHT.OVERLAPPING_REGIONS',
  /** A region rule or a free-shipping rule names an invalid region code, or no region at all (422). */
  INVALID_REGION: 'FREIGHT.INVALID_REGION',
  /** A price (first, additional, fixed fee, free-over threshold, a line amount, a deduction) that is negative or not whole cents (422). */
  INVALID_PRICE: 'FREIGHT.INVALID_PRICE',
  /** First or additional units that are not positive, or not whole pieces for a per-piece table (422). */
  INVALID_UNITS: 'FREIGHT.INVALID_UNITS',
  /** A free-shipping rule without a condition, with a bad count, or with two conditions and no AND/OR (422). */
  INVALID_FREE_RULE: 'FREIGHT.INVALID_FREE_RULE',
  /** A template name, charge mode, mode or combination out of shape (422). */
  INVALID_TEMPLATE: 'FREIGHT.INVALID_TEMPLATE',
  /** Shop or mixed mode without a shop template (422). */
  SHOP_TEMPLATE_REQUIRED: 'FREIGHT.SHOP_TEMPLATE_REQUIRED',
  /** The address has no region, or not a district code (422). */
  INVALID_ADDRESS: 'FREIGHT.INVALID_ADDRESS',
  /** A weight template on a SKU without a weight (422). */
  MISSING_WEIGHT: 'FREIGHT.MISSING_WEIGHT',
  /** A volume template on a SKU without a volume (422). */
  MISSING_VOLUME: 'FREIGHT.MISSING_VOLUME',
  /** A weight or volume that is not a positive decimal (422). */
  INVALID_MEASURE: 'FREIGHT.INVALID_MEASURE',
  /** Nothing to quote (422). */
  NO_LINES: 'FREIGHT.NO_LINES',
  /** A line names a template the quote was not given, or a template of another shop (422). */
  UNKNOWN_TEMPLATE: 'FREIGHT.UNKNOWN_TEMPLATE',
  TEMPLATE_NOT_FOUND: 'FREIGHT.TEMPLATE_NOT_FOUND',
  /** SKU ids the catalog does not know (404). */
  UNKNOWN_SKU: 'FREIGHT.UNKNOWN_SKU',
} as const;

export function freightInvalid(code: string, message: string, details?: Record<string, unknown>): DomainError {
  return DomainError.invalid(code, message, details);
}
