export * from './errors.js';
export * from './member.js';
export * from './ledger.js';
export * from './growth.js';
export * from './levels.js';
export * from './points.js';
export * from './rfm.js';
export * from './ports.js';
