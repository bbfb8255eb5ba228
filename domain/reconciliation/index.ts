// The reconciliation context's public domain (对账, spec §10 PAY-3, issue #16): channel days, runs and
// their reports, discrepancy cases and their state table, and its ports. The matcher itself is the
// payment context's pure `reconcile`.
export * from './errors.js';
export * from './day.js';
export * from './case.js';
export * from './report.js';
export * from './clearing.js';
export * from './run.js';
export * from './ports.js';
