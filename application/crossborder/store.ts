import type { CrossBorderPurchases } from '../../domain/crossborder/ports.js';
import { storeKey } from '../shared/store.js';

/** The cross-border context's repositories in one transaction (never exported from the context's index). */
export interface CrossBorderStore {
  /** What each person paid for cross-border orders per (China-time) calendar year. */
  readonly purchases: CrossBorderPurchases;
}

export const CROSSBORDER_STORE = storeKey<CrossBorderStore>('crossborder');
