import type { Activities, ActivityBudgets, Bargains, GroupBuys, PurchaseLimits } from '../../domain/promotion/ports.js';
import { storeKey } from '../shared/store.js';

/** The promotion context's repositories in one transaction (never exported from the context's index). */
export interface PromotionStore {
  readonly activities: Activities;
  readonly activityBudgets: ActivityBudgets;
  readonly purchaseLimits: PurchaseLimits;
  readonly groupBuys: GroupBuys;
  readonly bargains: Bargains;
}

export const PROMOTION_STORE = storeKey<PromotionStore>('promotion');
