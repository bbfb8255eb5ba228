import { cartIdOf, type CartLineSnapshot, type CartOwner } from '../../domain/cart/cart.js';
import type { Transaction } from '../shared/unit-of-work.js';
import { CART_STORE } from './store.js';

/**
 * The cart's published in-transaction services (issue #13): what other contexts ask of the cart inside
 * their own transaction, without reaching its store. With `cartSources` and `resolveCart` (the cart's
 * lines as the catalog and the sales layer see them now) and `readCart`, they are what checkout and
 * placing an order use.
 */

/** An owner's cart lines as stored, newest first; none when the cart was never saved. */
export async function cartLinesOf(tx: Transaction, owner: CartOwner): Promise<readonly CartLineSnapshot[]> {
  return (await tx.use(CART_STORE).carts.get(cartIdOf(owner)))?.lines ?? [];
}

/**
 * 下单: the ordered SKUs' lines leave the member's cart, in the caller's transaction. The cart is saved
 * (with its events) only when a line went; SKUs without a line, or a member without a cart, change nothing.
 */
export async function removeOrderedLines(tx: Transaction, memberId: string, skuIds: readonly string[], now: Date): Promise<void> {
  const carts = tx.use(CART_STORE).carts;
  const cart = await carts.get(cartIdOf({ kind: 'member', id: memberId }));
  if (cart && cart.removeLines(skuIds, now) > 0) await carts.save(cart);
}
