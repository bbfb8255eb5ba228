import type { Cart, CartOwner, CartSnapshot } from '../../domain/cart/cart.js';
import type { Transaction } from '../shared/unit-of-work.js';
import type { CartDeps } from './deps.js';
import { cartOf } from './lookups.js';
import { CART_STORE } from './store.js';

/** Saves the cart only when the use case changed it (a no-op keeps its version). */
export async function saveIfChanged(tx: Transaction, cart: Cart, before: CartSnapshot): Promise<CartSnapshot> {
  if (cart.toSnapshot() !== before) await tx.use(CART_STORE).carts.save(cart);
  return cart.toSnapshot();
}

/** Base of the use cases that change one owner's cart in one unit of work. */
export abstract class CartChange<C extends { readonly owner: CartOwner }> {
  constructor(protected readonly d: CartDeps) {}

  execute(cmd: C): Promise<CartSnapshot> {
    return this.d.uow.run(async (tx) => {
      const now = this.d.clock.now();
      const cart = await cartOf(tx, cmd.owner, now);
      const before = cart.toSnapshot();
      await this.change(tx, cart, cmd, now);
      return saveIfChanged(tx, cart, before);
    });
  }

  protected abstract change(tx: Transaction, cart: Cart, cmd: C, now: Date): Promise<void>;
}
