// The finance context's public edge (财务, spec §13, issue #16 item 4): the ledger's postings from business
// events (subscriptions), channel fees (for reconciliation), reversals, and its queries — trial balance,
// balances at a date, period reports, postings, and `clearingBalanceOf` for reconciliation. Its store
// (store.ts) is never exported.
export type { FinanceDeps } from './deps.js';
export type { PostResult } from './post.js';
export * from './follow-orders.js';
export * from './follow-payments.js';
export * from './fees.js';
export * from './reverse.js';
export * from './queries.js';
export * from './subscriptions.js';
