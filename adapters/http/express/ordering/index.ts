// The ordering context over HTTP: placing and cancelling orders, members' and staff's reads.
export { orderingRoutes } from './routes.js';
