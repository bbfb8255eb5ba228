// The after-sales context's public edge (售后, spec §11, issue #15 in progress): opening a request, its
// steps, the refund with its consequences in the owning contexts, and its reaction to the channel's
// acknowledgement. Its store (store.ts) is never exported.
export * from './open-request.js';
export * from './move-request.js';
export * from './refund-request.js';
export * from './queries.js';
export * from './expire-unshipped-return.js';
export * from './subscriptions.js';
export * from './services.js';
export { AFTER_SALES_JOB } from './jobs.js';
