// The fulfilment context's public edge (履约, issue #6 item 5): shipping, receipt (by the member or
// automatic), redemption of service orders, cancellation after payment by stage (ORD-6). The Order
// aggregate stays ordering's: these use cases move it through ordering's published services, and refund
// through payment's.
export { DEFAULT_AUTO_CONFIRM_AFTER_DAYS, type FulfilmentDeps } from './deps.js';
export { FULFILMENT_JOB } from './jobs.js';
export * from './ship-order.js';
export * from './confirm-receipt.js';
export * from './auto-confirm-receipt.js';
export * from './redeem-verification-code.js';
export * from './cancel-paid-order.js';
