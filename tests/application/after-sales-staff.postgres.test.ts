import { fileDatabase } from '../support/postgres.js';
import { afterSalesStaffSuite } from './after-sales-staff-world.js';

const db = fileDatabase();
afterSalesStaffSuite(db.name, () => db.fresh());
