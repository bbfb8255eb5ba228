import { memoryPersistence } from '../../adapters/persistence/memory/index.js';
import { jobContract } from './job-contract.js';

jobContract('memory', async () => ({ fresh: async () => memoryPersistence() }));
