import type { Orders } from '../../domain/ordering/ports.js';
import type { OrderQueries } from '../../domain/ordering/queries.js';
import { storeKey } from '../shared/store.js';

/** The ordering context's repositories in one transaction (never exported from the context's index). */
export interface OrderingStore {
  /** Orders (订单), parents and children of a split alike. Saving records the order's events. */
  readonly orders: Orders;
  /** The read side of orders: members' lists, details with timelines, staff search, period statistics. */
  readonly orderQueries: OrderQueries;
}

export const ORDERING_STORE = storeKey<OrderingStore>('ordering');
