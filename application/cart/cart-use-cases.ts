import { Cart, cartIdOf, type CartOwner, type CartSnapshot, type LineLimit, type MergeReport } from '../../domain/cart/cart.js';
import type { GuestCartIds, ProductShops } from '../../domain/cart/ports.js';
import type { Clock } from '../../domain/shared/ports.js';
import type { Transaction, UnitOfWork } from '../shared/unit-of-work.js';
import { cartOf, guestCartNotFound, limitOf, requireProduct, resolveCart } from './lookups.js';
import { cartSources } from './sources.js';

/** What every cart use case runs on. */
export interface CartDependencies {
  readonly uow: UnitOfWork;
  readonly clock: Clock;
  /** Which shop sells a product, and purchase limits (decision 0014). */
  readonly shops: ProductShops;
}

/** Saves the cart only when the use case changed it (a no-op keeps its version). */
async function saveIfChanged(tx: Transaction, cart: Cart, before: CartSnapshot): Promise<CartSnapshot> {
  if (cart.toSnapshot() !== before) await tx.carts.save(cart);
  return cart.toSnapshot();
}

/** Base of the use cases that change one owner's cart in one unit of work. */
abstract class CartChange<C extends { readonly owner: CartOwner }> {
  constructor(protected readonly deps: CartDependencies) {}

  execute(cmd: C): Promise<CartSnapshot> {
    return this.deps.uow.run(async (tx) => {
      const now = this.deps.clock.now();
      const cart = await cartOf(tx, cmd.owner, now);
      const before = cart.toSnapshot();
      await this.change(tx, cart, cmd, now);
      return saveIfChanged(tx, cart, before);
    });
  }

  protected abstract change(tx: Transaction, cart: Cart, cmd: C, now: Date): Promise<void>;
}

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
  protected async change(tx: Transaction, cart: Cart, cmd: AddToCartCommand, now: Date): Promise<void> {
    const sources = cartSources(tx, this.deps.shops);
    const product = await requireProduct(sources, cmd.skuId);
    cart.add(cmd.skuId, cmd.quantity, { limit: await limitOf(sources, product), price: product.salePrice, now });
  }
}

export interface ChangeCartQuantityCommand {
  readonly owner: CartOwner;
  readonly skuId: string;
  readonly quantity: number;
}

/** Sets a line's quantity; raising it needs the SKU listed and within its limit, lowering it never fails. */
export class ChangeCartQuantity extends CartChange<ChangeCartQuantityCommand> {
  protected async change(tx: Transaction, cart: Cart, cmd: ChangeCartQuantityCommand, now: Date): Promise<void> {
    const current = cart.line(cmd.skuId)?.quantity ?? 0;
    let limit: LineLimit = { max: current, reason: 'line' };
    if (typeof cmd.quantity === 'number' && cmd.quantity > current && current > 0) {
      const sources = cartSources(tx, this.deps.shops);
      limit = await limitOf(sources, await requireProduct(sources, cmd.skuId));
    }
    cart.changeQuantity(cmd.skuId, cmd.quantity, limit, now);
  }
}

/** Removes one line (CART.LINE_NOT_FOUND when there is none). */
export class RemoveFromCart extends CartChange<{ readonly owner: CartOwner; readonly skuId: string }> {
  protected async change(_tx: Transaction, cart: Cart, cmd: { readonly skuId: string }, now: Date): Promise<void> {
    cart.remove(cmd.skuId, now);
  }
}

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
  protected async change(tx: Transaction, cart: Cart, cmd: SelectCartLinesCommand, now: Date): Promise<void> {
    const scope = cmd.scope;
    if (scope.kind === 'line') return cart.selectLine(scope.skuId, cmd.selected, now);
    if (scope.kind === 'all') return cart.selectLines(null, cmd.selected, now);
    const products = await cartSources(tx, this.deps.shops).catalog.products(cart.lines.map((l) => l.skuId));
    const ofShop = [...products.values()].filter((p) => p.shopId === scope.shopId).map((p) => p.skuId);
    cart.selectLines(ofShop, cmd.selected, now);
  }
}

/** 清空失效商品: removes every line that is invalid now (unknown SKU, not listed, out of stock). */
export class ClearInvalidLines extends CartChange<{ readonly owner: CartOwner }> {
  protected async change(tx: Transaction, cart: Cart, _cmd: unknown, now: Date): Promise<void> {
    const resolved = await resolveCart(cartSources(tx, this.deps.shops), cart.lines);
    cart.removeLines(resolved.filter((r) => r.invalid !== null).map((r) => r.line.skuId), now);
  }
}

/** A new, empty guest cart under an unguessable id made by the server (≥ 128 random bits). */
export class OpenGuestCart {
  constructor(
    private readonly deps: CartDependencies,
    private readonly guestIds: GuestCartIds,
  ) {}

  execute(): Promise<{ readonly guestId: string; readonly cart: CartSnapshot }> {
    return this.deps.uow.run(async (tx) => {
      const guestId = this.guestIds.next();
      const cart = Cart.open({ kind: 'guest', id: guestId }, this.deps.clock.now());
      await tx.carts.save(cart);
      return { guestId, cart: cart.toSnapshot() };
    });
  }
}

export interface MergeGuestCartCommand {
  readonly memberId: string;
  readonly guestId: string;
}

/**
 * 登录合并: the guest's cart into the member's, in one transaction (spec §4): quantities add, capped
 * by stock and purchase limits; the guest cart is emptied in the same transaction, so merging it again
 * changes nothing (neither cart is saved when the guest cart is empty).
 */
export class MergeGuestCart {
  constructor(private readonly deps: CartDependencies) {}

  execute(cmd: MergeGuestCartCommand): Promise<MergeReport & { readonly cart: CartSnapshot }> {
    return this.deps.uow.run(async (tx) => {
      const now = this.deps.clock.now();
      const guest = await tx.carts.get(cartIdOf({ kind: 'guest', id: cmd.guestId }));
      if (!guest) throw guestCartNotFound(cmd.guestId);
      const member = await cartOf(tx, { kind: 'member', id: cmd.memberId }, now);
      if (guest.lines.length === 0) return { merged: [], skipped: [], cart: member.toSnapshot() };
      const resolved = await resolveCart(cartSources(tx, this.deps.shops), guest.lines);
      const limits = new Map(resolved.map((r) => [r.line.skuId, r.limit]));
      const report = member.mergeFrom(guest, (skuId) => limits.get(skuId) ?? { max: 0, reason: 'stock' }, now);
      await tx.carts.save(member);
      await tx.carts.save(guest);
      return { ...report, cart: member.toSnapshot() };
    });
  }
}
