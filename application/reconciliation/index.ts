// The reconciliation context's public edge (对账, spec §10 PAY-3, issue #16): runs of a channel day
// (downloaded, uploaded or stored statements), discrepancy cases and their resolution, the daily job,
// queries. Its store (store.ts) is never exported.
export { DEFAULT_TIME_ZONES, type ReconciliationDeps } from './deps.js';
export { RECONCILIATION_JOB } from './jobs.js';
export * from './reconcile-day.js';
export * from './resolve-case.js';
export * from './daily.js';
export * from './queries.js';
