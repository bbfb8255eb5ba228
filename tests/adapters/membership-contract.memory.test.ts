import { memoryPersistence } from '../../adapters/persistence/memory/index.js';
import { membershipContract } from './membership-contract.js';

membershipContract('memory', async () => memoryPersistence(), { runs: 40, rfmRuns: 30 });
