import { memoryPersistence } from '../../adapters/persistence/memory/index.js';
import { orderQueryContract } from './order-query-contract.js';

orderQueryContract('memory', async () => ({ fresh: async () => memoryPersistence() }), { runs: 100 });
