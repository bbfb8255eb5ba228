import { reconciliationSuite } from './reconciliation-world.js';

reconciliationSuite('memory', async () => undefined, { runs: 25, size: 300, big: 10_000 });
