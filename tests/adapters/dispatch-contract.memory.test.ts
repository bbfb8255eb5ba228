import { memoryPersistence } from '../../adapters/persistence/memory/index.js';
import { dispatchContract } from './dispatch-contract.js';

dispatchContract('memory', async () => ({ fresh: async () => memoryPersistence() }));
