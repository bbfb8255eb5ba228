// The freight context over HTTP: its routes, and the answer schemas other contexts' answers embed (the quote).
export { freightRoutes } from './routes.js';
export { freightQuote } from './wire.js';
