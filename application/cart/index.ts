// The cart context's public edge (购物车, spec §4): its use cases, and what checkout and placing an order ask
// of it inside their own transaction (the shop policy's default, the lines as they stand now, ordered lines removed).
export * from './deps.js';
export * from './add-to-cart.js';
export * from './change-cart-quantity.js';
export * from './remove-from-cart.js';
export * from './select-cart-lines.js';
export * from './clear-invalid-lines.js';
export * from './open-guest-cart.js';
export * from './merge-guest-cart.js';
export * from './view-cart.js';
export * from './services.js';
export { brandShops, cartSources, PLATFORM_SHOP_ID, type CartSources } from './sources.js';
export { resolveCart } from './lookups.js';
