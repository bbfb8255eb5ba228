import { financeLedgerSuite } from './finance-ledger-world.js';

financeLedgerSuite('memory', async () => undefined);
