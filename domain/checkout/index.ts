export * from './errors.js';
export * from './breakdown.js';
export * from './preview.js';
export * from './address.js';
export * from './quote-parts.js';
export * from './quote.js';
