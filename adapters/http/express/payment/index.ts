// The payment context over HTTP: paying orders, channel callbacks, and the fake channel's page (demo mode, tests).
export { paymentRoutes, CALLBACK_ERRORS } from './routes.js';
export { fakePaymentRoutes } from './fake-routes.js';
