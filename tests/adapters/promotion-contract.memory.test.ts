import { memoryPersistence } from '../../adapters/persistence/memory/index.js';
import { promotionContract } from './promotion-contract.js';

promotionContract('memory', async () => ({ fresh: async () => memoryPersistence() }));
