import type { Warehouses } from '../../domain/dispatch/ports.js';
import { storeKey } from '../shared/store.js';

/** The dispatch context's repositories in one transaction (never exported from the context's index). */
export interface DispatchStore {
  /** The warehouses (仓库) and their delivery tiers. */
  readonly warehouses: Warehouses;
}

export const DISPATCH_STORE = storeKey<DispatchStore>('dispatch');
