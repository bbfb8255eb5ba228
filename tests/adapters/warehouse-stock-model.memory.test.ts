import { memoryPersistence } from '../../adapters/persistence/memory/index.js';
import { warehouseStockModelSuite } from './warehouse-stock-model.js';

warehouseStockModelSuite('memory', async () => memoryPersistence(), 300);
