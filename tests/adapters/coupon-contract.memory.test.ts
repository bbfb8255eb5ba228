import { memoryPersistence } from '../../adapters/persistence/memory/index.js';
import { couponContractSuite } from './coupon-contract.js';

couponContractSuite('memory', async () => memoryPersistence(), 100);
