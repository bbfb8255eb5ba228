// The checkout context over HTTP: the preview route, its answer schema, and what placing an order shares
// with it (the cross-border rates' shape, the codes pricing the member's lines can refuse).
export { checkoutRoutes, crossBorderRates, PRICING_ERRORS } from './routes.js';
export { checkoutAmounts, checkoutPreview } from './wire.js';
