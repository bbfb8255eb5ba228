import { memoryPersistence } from '../../adapters/persistence/memory/index.js';
import { layerStockContract } from './layer-stock-contract.js';

layerStockContract('memory', async () => ({ fresh: async () => memoryPersistence() }));
