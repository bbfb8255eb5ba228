import { memoryPersistence } from '../../adapters/persistence/memory/index.js';
import { inventoryModelSuite } from './inventory-model.js';

inventoryModelSuite('memory', async () => memoryPersistence(), 300);
