export * from './fulfilment-use-cases.js';
export * from './place-order.js';
export * from './cancel-order.js';
export * from './order-resources.js';
export * from './order-queries.js';
export * from './order-facts.js';
