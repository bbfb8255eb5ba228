export * from './errors.js';
export * from './coupon-template.js';
export * from './owned-coupon.js';
export * from './terms.js';
export * from './statistics.js';
export * from './ports.js';
