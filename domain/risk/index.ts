export * from './errors.js';
export * from './risk.js';
export * from './ports.js';
