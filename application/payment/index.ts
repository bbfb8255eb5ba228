// The payment context's public edge (支付中心, spec §10): its use cases, deps, channels and job kinds, and
// what ordering and fulfilment ask of payments inside their own transaction (services.ts). Its store
// (store.ts) is never exported.
export type { PaymentDeps } from './deps.js';
export { PAYMENT_JOB } from './jobs.js';
export * from './channels.js';
export * from './services.js';
export * from './reconciliation-services.js';
export * from './pay-orders.js';
export * from './handle-payment-callback.js';
export * from './expire-payment.js';
export * from './refund-late-callback.js';
export * from './find-payment.js';
export * from './ledger-services.js';
export * from './refund-through-channel.js';
export * from './handle-refund-callback.js';
export * from './staff-queries.js';
export * from './close-at-channel.js';
