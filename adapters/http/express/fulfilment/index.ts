// The fulfilment context over HTTP: shipping, cancelling paid orders (ORD-6), redemption, receipt; and the
// answer a member's cancel after payment shares with it.
export { fulfilmentRoutes } from './routes.js';
export { cancelPaidResult } from './wire.js';
