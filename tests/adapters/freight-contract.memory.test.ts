import { memoryPersistence } from '../../adapters/persistence/memory/index.js';
import { freightContract } from './freight-contract.js';

freightContract('memory', async () => ({ fresh: async () => memoryPersistence() }));
