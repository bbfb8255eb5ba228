export * from './errors.js';
export * from './payment.js';
export * from './reconciliation.js';
export * from './ports.js';
export * from './ledger.js';
