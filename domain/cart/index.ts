export * from './errors.js';
export * from './cart.js';
export * from './ports.js';
export * from './view.js';
