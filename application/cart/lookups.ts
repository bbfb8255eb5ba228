import { Cart, cartIdOf, type CartLineSnapshot, type CartOwner, type LineLimit } from '../../domain/cart/cart.js';
import { CART_ERRORS } from '../../domain/cart/errors.js';
import type { CartProduct } from '../../domain/cart/ports.js';
import { resolveLines, type ResolvedCartLine } from '../../domain/cart/view.js';
import type { Transaction } from '../shared/unit-of-work.js';
import type { CartSources } from './sources.js';
import { CART_STORE } from './store.js';

/**
 * The owner's cart: a member's is opened on first use; a guest's must exist, because guest ids are
 * handed out by the server (OpenGuestCart) and never chosen by clients (CART.GUEST_CART_NOT_FOUND).
 */
export async function cartOf(tx: Transaction, owner: CartOwner, now: Date): Promise<Cart> {
  const cart = await tx.use(CART_STORE).carts.get(cartIdOf(owner));
  if (cart) return cart;
  if (owner.kind === 'guest') throw guestCartNotFound(owner.id);
  return Cart.open(owner, now);
}

export function guestCartNotFound(guestId: string) {
  return CART_ERRORS.raise('GUEST_CART_NOT_FOUND', 'no guest cart has this id; open one first', { guestId: `${guestId.slice(0, 6)}…` });
}

/** A SKU the shopper may put in a cart: known to the catalog (CART.UNKNOWN_SKU) and listed (CART.SKU_NOT_LISTED). */
export async function requireProduct(sources: CartSources, skuId: string): Promise<CartProduct> {
  const product = (await sources.catalog.products([skuId])).get(skuId);
  if (!product) throw CART_ERRORS.raise('UNKNOWN_SKU', `no SKU ${skuId} in the catalog`, { skuId });
  if (!product.listed) throw CART_ERRORS.raise('SKU_NOT_LISTED', `SKU ${skuId} is not on sale (its product is not listed)`, { skuId, spuId: product.spuId });
  return product;
}

/** Lines with what the catalog and the sales layer say of them now (the cart view, checkout). */
export async function resolveCart(sources: CartSources, lines: readonly CartLineSnapshot[]): Promise<ResolvedCartLine[]> {
  const products = await sources.catalog.products(lines.map((l) => l.skuId));
  const availability = await sources.stock.availability([...products.values()]);
  return resolveLines(lines, products, availability);
}

/** The bound of a line of this SKU now: 999, its purchase limit, its stock. */
export async function limitOf(sources: CartSources, product: CartProduct): Promise<LineLimit> {
  const probe: CartLineSnapshot = { skuId: product.skuId, quantity: 1, addedAt: new Date(0), selected: true, priceWhenAdded: null };
  const [resolved] = resolveLines([probe], new Map([[product.skuId, product]]), await sources.stock.availability([product]));
  return resolved!.limit;
}
