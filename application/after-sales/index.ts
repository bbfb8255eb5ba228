// The after-sales context's public edge (售后, spec §11, issue #15 in progress): opening a request and
// its steps up to the refund; the refund itself and its consequences are not built yet. Its store
// (store.ts) is never exported.
export * from './open-request.js';
export * from './move-request.js';
export * from './queries.js';
export * from './expire-unshipped-return.js';
export { AFTER_SALES_JOB } from './jobs.js';
