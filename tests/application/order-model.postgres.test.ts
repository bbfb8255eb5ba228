import { fileDatabase } from '../support/postgres.js';
import { orderModelSuite } from './order-model.js';

const db = fileDatabase();

orderModelSuite(db.name, db.fresh, 10, 25);
