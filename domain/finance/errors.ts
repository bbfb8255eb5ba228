import { type CodeOf, errorCatalogue } from '../shared/errors.js';

/** The finance context's error list (财务, spec §13): each stable code with its kind. */
export const FINANCE_ERRORS = errorCatalogue('FINANCE', {
  /** No such posting (404). */
  POSTING_NOT_FOUND: 'not_found',
  /** No such account in the chart (404). */
  ACCOUNT_NOT_FOUND: 'not_found',
  /** FIN-1: a posting whose debits and credits differ in some currency (422). */
  UNBALANCED: 'invalid',
  /** A posting without two lines, with a line of no positive whole-cent amount or of an account outside the chart (422). */
  INVALID_POSTING: 'invalid',
  /** A channel fee that is negative, of fractions of a cent, or of a day or channel that is not one (422). */
  INVALID_FEE: 'invalid',
  /** A reversal without a reason (1–500 characters) or without the staff member who asks for it (422). */
  INVALID_REASON: 'invalid',
  /** A period that ends before it starts, or a date outside what the ledger keeps (422). */
  INVALID_PERIOD: 'invalid',
  /** The posting was reversed already: a posting is reversed once (409). */
  ALREADY_REVERSED: 'conflict',
  /** A posting of this source exists already; the day's fees of a channel were posted for another amount (409). */
  ALREADY_POSTED: 'conflict',
});

export type FinanceErrorCode = CodeOf<typeof FINANCE_ERRORS>;
