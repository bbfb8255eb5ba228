import { afterSalesStaffSuite } from './after-sales-staff-world.js';

afterSalesStaffSuite('memory', async () => undefined);
