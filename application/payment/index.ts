export * from './channels.js';
export * from './payment-use-cases.js';
