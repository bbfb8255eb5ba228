export * from './errors.js';
export * from './breakdown.js';
