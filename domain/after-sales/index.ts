// The after-sales context's public domain (售后, spec §11): AFS-1 eligibility, AFS-2 amounts, the request.
export * from './errors.js';
export * from './eligibility.js';
export * from './amounts.js';
export * from './request.js';
export * from './refunded.js';
export * from './statistics.js';
export * from './ports.js';
