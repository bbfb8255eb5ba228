import { fileDatabase } from '../support/postgres.js';
import { reconciliationFlowsSuite } from './reconciliation-flows-world.js';

const db = fileDatabase();
reconciliationFlowsSuite(db.name, () => db.fresh(), 8);
