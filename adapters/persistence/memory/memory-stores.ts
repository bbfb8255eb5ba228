import { StoreRegistry, type StoreFactory } from '../../../application/shared/store.js';
import type { MemoryTransactionState } from './memory-transaction.js';

/** How the memory adapter builds one context's store inside a transaction. */
export type MemoryStoreFactory<S> = StoreFactory<MemoryTransactionState, S>;

/** The contexts' memory stores by key (issue #13), registered by the composition root from each context's module. */
export class MemoryStores extends StoreRegistry<MemoryTransactionState> {}
