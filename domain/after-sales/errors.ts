import { type CodeOf, errorCatalogue } from '../shared/errors.js';

/** The after-sales context's error list (售后, spec §11): each stable code with its kind. */
export const AFTER_SALES_ERRORS = errorCatalogue('AFTER_SALES', {
  /** AFS-1: the order's status does not allow this type of request (422). */
  TYPE_NOT_ALLOWED: 'invalid',
  /** AFS-1: a completed order past its shop's after-sales window (422). */
  WINDOW_CLOSED: 'invalid',
  /** A request that names no line, a quantity that is not a whole number of at least 1, or a line twice (422). */
  INVALID_LINES: 'invalid',
  /** A line that is not the order's (422). */
  UNKNOWN_LINE: 'invalid',
  /** More units than were bought minus those already requested (422). */
  QUANTITY_EXCEEDS: 'invalid',
  /** A reason outside the list (422). */
  INVALID_REASON: 'invalid',
  /** An agent's amount above what is refundable, negative, or not whole cents (422). */
  AMOUNT_ABOVE_REFUNDABLE: 'invalid',
  /** An agent's change without who or why (422). */
  ADJUSTMENT_UNEXPLAINED: 'invalid',
  /** A window other than 7 or 15 days (422). */
  INVALID_WINDOW: 'invalid',
  /** A statistics period that does not end after it starts, or is longer than 366 days (422). */
  INVALID_PERIOD: 'invalid',
  /** No such order, or another member's (404). */
  ORDER_NOT_FOUND: 'not_found',
  /** No such request, or another member's (404). */
  REQUEST_NOT_FOUND: 'not_found',
  /** A split parent order: requests are made on its child orders (422). */
  SPLIT_ORDER: 'invalid',
  /** A move the request's status table does not allow (409). */
  INVALID_TRANSITION: 'conflict',
});

export type AfterSalesErrorCode = CodeOf<typeof AFTER_SALES_ERRORS>;
