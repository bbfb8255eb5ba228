import { fileDatabase } from '../support/postgres.js';
import { afterSalesModelSuite } from './after-sales-model.js';

// The same model on PostgreSQL (PGlite, or the server in CI): fewer runs, each a fresh database state.
const db = fileDatabase();
afterSalesModelSuite(db.name, () => db.fresh(), 40);
