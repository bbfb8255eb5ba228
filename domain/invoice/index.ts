// The invoice context's public domain (发票, spec §14): the invoice and its red reversal, tax per line
// (decision 0033), the buyer's fields, and its ports (repositories, settings, the invoicing channel).
export * from './errors.js';
export * from './tax.js';
export * from './buyer.js';
export * from './lines.js';
export * from './invoice.js';
export * from './ports.js';
