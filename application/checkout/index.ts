export * from './preview-checkout.js';
