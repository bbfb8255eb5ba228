import type { Cart, CartOwner } from '../../domain/cart/cart.js';
import { CartChange } from './cart-change.js';
import { limitOf, requireProduct } from './lookups.js';
import type { CartSources } from './sources.js';

export interface AddToCartCommand {
  readonly owner: CartOwner;
  readonly skuId: string;
  readonly quantity: number;
}

/**
 * 加入购物车: a listed SKU (CART.UNKNOWN_SKU, CART.SKU_NOT_LISTED), the quantity added to its line
 * within 999, the purchase limit and the stock (CART.QUANTITY_LIMIT, CART.OUT_OF_STOCK), at most 120
 * lines (CART.FULL).
 */
export class AddToCart extends CartChange<AddToCartCommand> {
  protected async change(cart: Cart, cmd: AddToCartCommand, now: Date, sources: CartSources): Promise<void> {
    const product = await requireProduct(sources, cmd.skuId);
    cart.add(cmd.skuId, cmd.quantity, { limit: await limitOf(sources, product), price: product.salePrice, now });
  }
}
