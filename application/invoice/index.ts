// The invoice context's public edge (发票, spec §14, issue #15): requesting, issuing through the
// invoicing channel, editing the buyer's fields, following refunds (red flush and reissue), settings and
// queries. Its store (store.ts) is never exported.
export type { InvoiceDeps } from './deps.js';
export { INVOICE_JOB } from './jobs.js';
export * from './request-invoice.js';
export * from './issue-invoice.js';
export * from './edit-invoice.js';
export * from './follow-refunds.js';
export * from './settings.js';
export * from './queries.js';
export * from './subscriptions.js';
