// The finance context over HTTP: the ledger's accounts, postings, balances, reports and reversals (staff `finance`).
export { financeRoutes } from './routes.js';
