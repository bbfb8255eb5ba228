export * from './errors.js';
export * from './rates.js';
export * from './template.js';
export * from './shop-settings.js';
export * from './quote.js';
export * from './ports.js';
export * from './quote-input.js';
