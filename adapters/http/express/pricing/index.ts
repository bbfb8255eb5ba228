// The pricing engine's figures as answers carry them (the cart view, the checkout preview, the price preview):
// the edge other contexts' answer schemas import them through (issue #13).
export * from '../wire/pricing.js';
