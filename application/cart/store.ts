import type { Carts } from '../../domain/cart/ports.js';
import { storeKey } from '../shared/store.js';

/** The cart context's repositories in one transaction (never exported from the context's index). */
export interface CartStore {
  /** Shoppers' carts, one per member or guest (购物车). */
  readonly carts: Carts;
}

export const CART_STORE = storeKey<CartStore>('cart');
