// The invoice context over HTTP: members' invoices and staff's search, retries and settings.
export { invoiceRoutes } from './routes.js';
