import { Cart, cartIdOf, type CartOwner, type CartSnapshot } from '../../domain/cart/cart.js';
import { cartView, pricingLinesOf, type CartView, type ResolvedCartLine } from '../../domain/cart/view.js';
import { priceOrder, type Channel, type PricingResult } from '../../domain/pricing/index.js';
import type { Transaction } from '../shared/unit-of-work.js';
import type { CartDeps } from './deps.js';
import { guestCartNotFound, resolveCart } from './lookups.js';
import { cartSources, type CartSources } from './sources.js';
import { CART_STORE } from './store.js';

/** How a cart is shown: the shopper's channel and audience (a cart change given them answers the view). */
export interface CartViewOptions {
  /** The shopper's channel: activities limited to channels are judged on it (default `app`). */
  readonly channel?: Channel;
  /** Member level and new-customer flag for activity audiences (until membership, #7, supplies them). */
  readonly level?: string;
  readonly isNew?: boolean;
}

export interface ViewCartCommand extends CartViewOptions {
  readonly owner: CartOwner;
}

/** A cart's lines as they stand now, and the engine's result over the selected valid ones (CRT-1: no coupons). */
export interface CartContents {
  readonly cart: ReturnType<Cart['toSnapshot']>;
  readonly lines: readonly ResolvedCartLine[];
  /** Null when no valid line is selected. */
  readonly pricing: PricingResult | null;
}

/** The cart as a transaction already holds it (a change just saved it: not read again), and the sources it read with. */
export interface HeldCart {
  readonly cart: CartSnapshot;
  readonly sources: CartSources;
}

/**
 * Reads a cart inside a transaction with prices and stock refreshed: what the cart view shows and what
 * checkout starts from (`lines` filtered by `line.selected && invalid === null` are the lines to buy;
 * `pricingLinesOf(lines)` is their engine input, to price again with coupons, points and freight).
 */
export async function readCart(tx: Transaction, deps: Pick<CartDeps, 'shops'>, cmd: ViewCartCommand, now: Date, held?: HeldCart): Promise<CartContents> {
  const cart = held?.cart ?? (await storedCart(tx, cmd.owner, now));
  const sources = held?.sources ?? cartSources(tx, deps.shops);
  const lines = await resolveCart(sources, cart.lines);
  const toPrice = pricingLinesOf(lines);
  const pricing =
    toPrice.length === 0
      ? null
      : priceOrder({
          now,
          member: {
            ...(cmd.owner.kind === 'member' ? { memberId: cmd.owner.id } : {}),
            ...(cmd.level ? { level: cmd.level } : {}),
            isNew: cmd.isNew ?? false,
            channel: cmd.channel ?? 'app',
          },
          lines: toPrice,
          activities: await sources.activities.serving(now),
          // CRT-1: the cart total takes activity discounts, never coupons (none given), nor points or freight.
        });
  return { cart, lines, pricing };
}

async function storedCart(tx: Transaction, owner: CartOwner, now: Date): Promise<CartSnapshot> {
  const stored = await tx.use(CART_STORE).carts.get(cartIdOf(owner));
  if (!stored && owner.kind === 'guest') throw guestCartNotFound(owner.id);
  return (stored ?? Cart.open(owner, now)).toSnapshot();
}

/** The cart view (`ViewCart`'s answer), read inside `tx`; `held` as for `readCart`. */
export async function viewCart(tx: Transaction, deps: Pick<CartDeps, 'shops'>, cmd: ViewCartCommand, now: Date, held?: HeldCart): Promise<CartView> {
  const { cart, lines, pricing } = await readCart(tx, deps, cmd, now, held);
  return cartView({ cart, resolved: lines, pricing, now });
}

/**
 * 购物车: lines newest first, grouped by shop and by shared promotion, invalid lines apart, prices and
 * stock read now, and the total of the selected lines after activity discounts but before coupons (CRT-1).
 */
export class ViewCart {
  constructor(private readonly d: CartDeps) {}

  execute(cmd: ViewCartCommand): Promise<CartView> {
    return this.d.uow.run((tx) => viewCart(tx, this.d, cmd, this.d.clock.now()));
  }
}
