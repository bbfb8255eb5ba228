import type { AfterSalesRequests, AfterSalesSettings } from '../../domain/after-sales/index.js';
import { storeKey } from '../shared/store.js';

/** The after-sales context's repositories in one transaction (never exported from the context's index). */
export interface AfterSalesStore {
  readonly requests: AfterSalesRequests;
  readonly settings: AfterSalesSettings;
}

export const AFTER_SALES_STORE = storeKey<AfterSalesStore>('after-sales');
