import { fileDatabase } from '../support/postgres.js';
import { refundNotificationSuite } from './refund-notifications-world.js';

const db = fileDatabase();
refundNotificationSuite(db.name, () => db.fresh());
