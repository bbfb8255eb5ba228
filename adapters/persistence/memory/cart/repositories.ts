import type { CartStore } from '../../../../application/cart/store.js';
import { Cart, type CartSnapshot } from '../../../../domain/cart/cart.js';
import type { Carts } from '../../../../domain/cart/ports.js';
import type { MemoryTransactionState } from '../memory-transaction.js';

/** The cart context's table in the memory database: snapshots keyed by `cartIdOf(owner)`. */
const CARTS = 'carts';

/** The cart store of one memory transaction. */
export const memoryCartStore = (tx: MemoryTransactionState): CartStore => ({ carts: new MemoryCarts(tx) });

/** Carts in memory (table `carts`): the snapshots themselves, saved with the optimistic version check. */
export class MemoryCarts implements Carts {
  constructor(private readonly tx: MemoryTransactionState) {}

  async get(id: string): Promise<Cart | null> {
    const s = this.tx.read<CartSnapshot>(CARTS, id);
    return s ? Cart.restore(s) : null;
  }

  async save(cart: Cart): Promise<void> {
    cart.markSaved(this.tx.write(CARTS, cart.toSnapshot()));
    this.tx.record(cart.pullEvents());
  }
}
