export * from './channels.js';
export * from './payment-queries.js';
export * from './payment-use-cases.js';
