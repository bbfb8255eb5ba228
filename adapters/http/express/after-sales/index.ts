// The after-sales context over HTTP: members' requests and staff's review, receipt, adjustments and refunds.
export { afterSalesRoutes } from './routes.js';
