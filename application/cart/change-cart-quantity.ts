import type { Cart, CartOwner, LineLimit } from '../../domain/cart/cart.js';
import { CartChange } from './cart-change.js';
import { limitOf, requireProduct } from './lookups.js';
import type { CartSources } from './sources.js';

export interface ChangeCartQuantityCommand {
  readonly owner: CartOwner;
  readonly skuId: string;
  readonly quantity: number;
}

/** Sets a line's quantity; raising it needs the SKU listed and within its limit, lowering it never fails. */
export class ChangeCartQuantity extends CartChange<ChangeCartQuantityCommand> {
  protected async change(cart: Cart, cmd: ChangeCartQuantityCommand, now: Date, sources: CartSources): Promise<void> {
    const current = cart.line(cmd.skuId)?.quantity ?? 0;
    let limit: LineLimit = { max: current, reason: 'line' };
    if (typeof cmd.quantity === 'number' && cmd.quantity > current && current > 0) {
      limit = await limitOf(sources, await requireProduct(sources, cmd.skuId));
    }
    cart.changeQuantity(cmd.skuId, cmd.quantity, limit, now);
  }
}
