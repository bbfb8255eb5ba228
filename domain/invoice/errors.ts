import { type CodeOf, errorCatalogue } from '../shared/errors.js';

/** The invoice context's error list (发票, spec §14): each stable code with its kind. */
export const INVOICE_ERRORS = errorCatalogue('INVOICE', {
  /** No such order, or another member's (404). */
  ORDER_NOT_FOUND: 'not_found',
  /** No such invoice, or another member's (404). */
  INVOICE_NOT_FOUND: 'not_found',
  /** The order is not invoiceable now: not paid (or, per the shop's setting, not received), a split parent, or nothing of it kept (422). */
  NOT_INVOICEABLE: 'invalid',
  /** The order has a blue invoice already (requested, being issued or issued): never two (409). */
  ALREADY_INVOICED: 'conflict',
  /** A buyer's title, tax number, email or address that is not valid (422). */
  INVALID_BUYER: 'invalid',
  /** The shop has no invoice settings (issuer) and no default is set (422). */
  NOT_CONFIGURED: 'invalid',
  /** Settings with a tax rate outside the VAT rates, or an issuer without name or tax number (422). */
  INVALID_SETTINGS: 'invalid',
  /** The buyer's fields change only until the invoice is issued, and not while the channel is issuing it (409). */
  NOT_EDITABLE: 'conflict',
  /** A move the invoice's status table does not allow (409). */
  INVALID_TRANSITION: 'conflict',
});

export type InvoiceErrorCode = CodeOf<typeof INVOICE_ERRORS>;
