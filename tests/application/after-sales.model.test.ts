import { afterSalesModelSuite } from './after-sales-model.js';

afterSalesModelSuite('memory', async () => undefined, 150);
