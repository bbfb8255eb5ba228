import { Cart, type CartSnapshot } from '../../domain/cart/cart.js';
import type { CartDeps } from './deps.js';
import { CART_STORE } from './store.js';

/** A new, empty guest cart under an unguessable id made by the server (≥ 128 random bits). */
export class OpenGuestCart {
  constructor(private readonly d: CartDeps) {}

  execute(): Promise<{ readonly guestId: string; readonly cart: CartSnapshot }> {
    return this.d.uow.run(async (tx) => {
      const guestId = this.d.guestIds.next();
      const cart = Cart.open({ kind: 'guest', id: guestId }, this.d.clock.now());
      await tx.use(CART_STORE).carts.save(cart);
      return { guestId, cart: cart.toSnapshot() };
    });
  }
}
