import { fileDatabase } from '../support/postgres.js';
import { membershipOrderEventsSuite } from './membership-order-events.js';

const db = fileDatabase();
membershipOrderEventsSuite(db.name, () => db.fresh(), 60_000);
