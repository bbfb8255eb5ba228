import { memoryPersistence } from '../../adapters/persistence/memory/index.js';
import { orderContract } from './order-contract.js';

orderContract('memory', async () => ({ fresh: async () => memoryPersistence() }));
