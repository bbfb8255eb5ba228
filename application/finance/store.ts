import type { Postings } from '../../domain/finance/index.js';
import { storeKey } from '../shared/store.js';

/** The finance context's repositories in one transaction (never exported from the context's index). */
export interface FinanceStore {
  readonly postings: Postings;
}

export const FINANCE_STORE = storeKey<FinanceStore>('finance');
