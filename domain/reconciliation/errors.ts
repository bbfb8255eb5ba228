import { type CodeOf, errorCatalogue } from '../shared/errors.js';

/** The reconciliation context's error list (对账, spec §10 PAY-3, issue #16): each stable code with its kind. */
export const RECONCILIATION_ERRORS = errorCatalogue('RECONCILIATION', {
  /** No such reconciliation run (404). */
  RUN_NOT_FOUND: 'not_found',
  /** No such discrepancy case (404). */
  CASE_NOT_FOUND: 'not_found',
  /** A day that is not a calendar day `YYYY-MM-DD`, or one that has not begun yet in the channel's time zone (422). */
  INVALID_DAY: 'invalid',
  /** The channel cannot download its statement (no `statement`) and none was uploaded for the day (422). */
  NO_STATEMENT: 'invalid',
  /** The channel reads no statement files (no `parseStatement`), or the file is not one of its statements (422). */
  INVALID_STATEMENT: 'invalid',
  /** `accept` is only for a payment the channel took that the platform does not know (payment_missing_here), and only for a payment number the platform has (422). */
  NOT_ACCEPTABLE: 'invalid',
  /** Resolving or writing off a case needs a note saying how (422). */
  NOTE_REQUIRED: 'invalid',
  /** A move the case's state table does not allow: a resolved or written-off case is closed (409). */
  INVALID_TRANSITION: 'conflict',
});

export type ReconciliationErrorCode = CodeOf<typeof RECONCILIATION_ERRORS>;
