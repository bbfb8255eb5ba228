import { Cart } from '../../../domain/cart/cart.js';
import type { Carts } from '../../../domain/cart/ports.js';
import type { MemoryTransactionState } from './memory-unit-of-work.js';

/** Carts in memory: the snapshots themselves, saved with the optimistic version check. */
export class MemoryCarts implements Carts {
  constructor(private readonly tx: MemoryTransactionState) {}

  async get(id: string): Promise<Cart | null> {
    const s = this.tx.read('carts', id);
    return s ? Cart.restore(s) : null;
  }

  async save(cart: Cart): Promise<void> {
    cart.markSaved(this.tx.write('carts', cart.toSnapshot()));
  }
}
