export * from './errors.js';
export * from './status.js';
export * from './amounts.js';
export * from './order.js';
export * from './split.js';
export * from './cancellation.js';
export * from './ports.js';
export * from './queries.js';
