import { fileDatabase } from '../support/postgres.js';
import { reconciliationSuite } from './reconciliation-world.js';

const db = fileDatabase();
reconciliationSuite(db.name, () => db.fresh(), { runs: 6, size: 200, big: process.env.DATABASE_URL ? 10_000 : 0 });
