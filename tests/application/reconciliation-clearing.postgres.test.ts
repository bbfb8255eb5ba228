import { fileDatabase } from '../support/postgres.js';
import { reconciliationClearingSuite } from './reconciliation-clearing-world.js';

const db = fileDatabase();
reconciliationClearingSuite(db.name, () => db.fresh());
