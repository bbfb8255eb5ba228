export * from './risk.js';
export * from './ports.js';
