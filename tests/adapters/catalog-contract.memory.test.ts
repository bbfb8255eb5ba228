import { memoryPersistence } from '../../adapters/persistence/memory/index.js';
import { catalogContract } from './catalog-contract.js';

catalogContract('memory', async () => ({ fresh: async () => memoryPersistence() }));
