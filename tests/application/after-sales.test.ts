import { afterSalesSuite } from './after-sales-world.js';

afterSalesSuite('memory', async () => undefined);
