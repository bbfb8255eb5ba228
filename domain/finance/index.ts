// The finance context's public domain (财务, spec §13): the chart of accounts by the spec's classes,
// postings that balance (FIN-1) and are never changed (reversed instead), the posting rules of business
// events, and the ledger's totals, trial balance and period report.
export * from './errors.js';
export * from './accounts.js';
export * from './posting.js';
export * from './rules.js';
export * from './ledger.js';
export * from './ports.js';
