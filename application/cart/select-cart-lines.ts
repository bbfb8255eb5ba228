import type { Cart, CartOwner } from '../../domain/cart/cart.js';
import { CartChange } from './cart-change.js';
import type { CartSources } from './sources.js';

/** Which lines a selection acts on: one line, a shop's lines, or every line. */
export type CartSelectionScope =
  | { readonly kind: 'line'; readonly skuId: string }
  | { readonly kind: 'shop'; readonly shopId: string }
  | { readonly kind: 'all' };

export interface SelectCartLinesCommand {
  readonly owner: CartOwner;
  readonly scope: CartSelectionScope;
  readonly selected: boolean;
}

/** 勾选 / 取消勾选: one line, a shop's lines (the shop as the catalog says now), or all lines. */
export class SelectCartLines extends CartChange<SelectCartLinesCommand> {
  protected async change(cart: Cart, cmd: SelectCartLinesCommand, now: Date, sources: CartSources): Promise<void> {
    const scope = cmd.scope;
    if (scope.kind === 'line') return cart.selectLine(scope.skuId, cmd.selected, now);
    if (scope.kind === 'all') return cart.selectLines(null, cmd.selected, now);
    const products = await sources.catalog.products(cart.lines.map((l) => l.skuId));
    const ofShop = [...products.values()].filter((p) => p.shopId === scope.shopId).map((p) => p.skuId);
    cart.selectLines(ofShop, cmd.selected, now);
  }
}
