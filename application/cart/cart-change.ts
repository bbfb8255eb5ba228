import type { Cart, CartOwner, CartSnapshot } from '../../domain/cart/cart.js';
import type { CartView } from '../../domain/cart/view.js';
import type { Transaction } from '../shared/unit-of-work.js';
import type { CartDeps } from './deps.js';
import { cartOf } from './lookups.js';
import { CART_STORE } from './store.js';
import { cartSources, rememberingSources, type CartSources } from './sources.js';
import { viewCart, type CartViewOptions } from './view-cart.js';

/** Saves the cart only when the use case changed it (a no-op keeps its version). */
export async function saveIfChanged(tx: Transaction, cart: Cart, before: CartSnapshot): Promise<CartSnapshot> {
  if (cart.toSnapshot() !== before) await tx.use(CART_STORE).carts.save(cart);
  return cart.toSnapshot();
}

/**
 * Base of the use cases that change one owner's cart in one unit of work. Given `view`, the answer is
 * the cart view after the change, read in the same transaction (what a shopper's app shows next: one
 * transaction instead of a change and a view).
 */
export abstract class CartChange<C extends { readonly owner: CartOwner }> {
  constructor(protected readonly d: CartDeps) {}

  execute(cmd: C): Promise<CartSnapshot>;
  execute(cmd: C & { readonly view: CartViewOptions }): Promise<CartView>;
  execute(cmd: C & { readonly view?: CartViewOptions }): Promise<CartSnapshot | CartView> {
    return this.d.uow.run(async (tx) => {
      const now = this.d.clock.now();
      const cart = await cartOf(tx, cmd.owner, now);
      const before = cart.toSnapshot();
      const sources = rememberingSources(cartSources(tx, this.d.shops));
      if (cmd.view) {
        // The view reads every line's product and stock: read them with the SKU the command names, in one go each.
        const named = (cmd as { readonly skuId?: unknown }).skuId;
        const products = await sources.catalog.products([...cart.lines.map((l) => l.skuId), ...(typeof named === 'string' ? [named] : [])]);
        await sources.stock.availability([...products.values()]);
      }
      await this.change(cart, cmd, now, sources);
      const saved = await saveIfChanged(tx, cart, before);
      if (!cmd.view) return saved;
      return viewCart(tx, this.d, { ...cmd.view, owner: cmd.owner }, now, { cart: saved, sources });
    });
  }

  /** The change itself; `sources` are the cart's reads of other contexts in this transaction. */
  protected abstract change(cart: Cart, cmd: C, now: Date, sources: CartSources): Promise<void>;
}
