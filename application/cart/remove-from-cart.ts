import type { Cart, CartOwner } from '../../domain/cart/cart.js';
import { CartChange } from './cart-change.js';

export interface RemoveFromCartCommand {
  readonly owner: CartOwner;
  readonly skuId: string;
}

/** Removes one line (CART.LINE_NOT_FOUND when there is none). */
export class RemoveFromCart extends CartChange<RemoveFromCartCommand> {
  protected async change(cart: Cart, cmd: RemoveFromCartCommand, now: Date): Promise<void> {
    cart.remove(cmd.skuId, now);
  }
}
