export * from './stock-use-cases.js';
