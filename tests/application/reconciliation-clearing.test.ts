import { reconciliationClearingSuite } from './reconciliation-clearing-world.js';

reconciliationClearingSuite('memory', async () => undefined);
