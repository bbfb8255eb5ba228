/** Stable codes of cross-border trade (跨境, spec §18). */
export const CROSSBORDER_ERROR = {
  /** A consumption rate outside [0, 1), or a VAT rate outside [0, 1] (422). */
  INVALID_RATE: 'CROSSBORDER.INVALID_RATE',
  /** A price or amount that is negative or not whole cents (422). */
  INVALID_AMOUNT: 'CROSSBORDER.INVALID_AMOUNT',
  /** The transaction is above the per-transaction limit (单次交易限值, 2,000.00) (422). */
  TRANSACTION_LIMIT: 'CROSSBORDER.TRANSACTION_LIMIT',
  /** The person's paid cross-border orders this year plus this one pass the yearly limit (年度交易限值, 20,000.00) (422). */
  YEARLY_LIMIT: 'CROSSBORDER.YEARLY_LIMIT',
  /** The order, payment, waybill and customs declaration (四单) do not agree (422). */
  DOCUMENTS_MISMATCH: 'CROSSBORDER.DOCUMENTS_MISMATCH',
} as const;
