import type { Cart, CartOwner } from '../../domain/cart/cart.js';
import { CartChange } from './cart-change.js';
import { resolveCart } from './lookups.js';
import type { CartSources } from './sources.js';

export interface ClearInvalidLinesCommand {
  readonly owner: CartOwner;
}

/** 清空失效商品: removes every line that is invalid now (unknown SKU, not listed, out of stock). */
export class ClearInvalidLines extends CartChange<ClearInvalidLinesCommand> {
  protected async change(cart: Cart, _cmd: ClearInvalidLinesCommand, now: Date, sources: CartSources): Promise<void> {
    const resolved = await resolveCart(sources, cart.lines);
    cart.removeLines(
      resolved.filter((r) => r.invalid !== null).map((r) => r.line.skuId),
      now,
    );
  }
}
