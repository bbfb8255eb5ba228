import { reconciliationFlowsSuite } from './reconciliation-flows-world.js';

reconciliationFlowsSuite('memory', async () => undefined, 100);
