// The reconciliation context over HTTP: staff's runs, statement uploads, reports and cases.
export { reconciliationRoutes } from './routes.js';
