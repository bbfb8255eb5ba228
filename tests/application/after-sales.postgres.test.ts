import { fileDatabase } from '../support/postgres.js';
import { afterSalesSuite } from './after-sales-world.js';

const db = fileDatabase();
afterSalesSuite(db.name, () => db.fresh());
