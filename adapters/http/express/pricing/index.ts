// The pricing engine's figures over HTTP (the engine is domain only): the answer schemas the cart, checkout,
// coupon and promotion answers embed, and the vocabulary they share (channels, stacking).
export * from './wire.js';
