import { refundNotificationSuite } from './refund-notifications-world.js';

refundNotificationSuite('memory', async () => undefined);
