import { type CodeOf, errorCatalogue } from '../shared/errors.js';

/** The cross-border context's error list (跨境, spec §18): each stable code with its kind (invalid → 422). */
export const CROSSBORDER_ERRORS = errorCatalogue('CROSSBORDER', {
  /** A consumption rate outside [0, 1), or a VAT rate outside [0, 1] (422). */
  INVALID_RATE: 'invalid',
  /** A price or amount that is negative or not whole cents (422). */
  INVALID_AMOUNT: 'invalid',
  /** The transaction is above the per-transaction limit (单次交易限值, 2,000.00) (422). */
  TRANSACTION_LIMIT: 'invalid',
  /** The person's paid cross-border orders this year plus this one pass the yearly limit (年度交易限值, 20,000.00) (422). */
  YEARLY_LIMIT: 'invalid',
  /** The order, payment, waybill and customs declaration (四单) do not agree (422). */
  DOCUMENTS_MISMATCH: 'invalid',
});

/** The cross-border codes by name (`CROSSBORDER_ERROR.YEARLY_LIMIT` is `'CROSSBORDER.YEARLY_LIMIT'`). */
export const CROSSBORDER_ERROR = CROSSBORDER_ERRORS.codes;
export type CrossBorderErrorCode = CodeOf<typeof CROSSBORDER_ERRORS>;
