// The ordering context's public edge (订单中心, spec §8): its use cases and queries, its deps and job kinds,
// and what other contexts ask of orders inside their own transaction — payment (the orders a payment
// covers, paying them), fulfilment (shipping, receipt, redemption, closing a paid order) and anyone (the
// facts of an order). Its store (store.ts) is never exported.
export type { OrderingDeps } from './deps.js';
export { ORDERING_JOB } from './jobs.js';
export * from './place-order.js';
export * from './cancel-unpaid-order.js';
export * from './expire-unpaid-order.js';
export * from './list-member-orders.js';
export * from './get-member-order.js';
export * from './search-orders.js';
export * from './get-order.js';
export * from './order-statistics.js';
export * from './facts.js';
export * from './payment-services.js';
export * from './fulfilment-services.js';
export * from './after-sales-services.js';
export * from './invoice-services.js';
export * from './exchange-services.js';
