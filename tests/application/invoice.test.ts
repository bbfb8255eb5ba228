import { invoiceSuite } from './invoice-world.js';

invoiceSuite('memory', async () => undefined);
