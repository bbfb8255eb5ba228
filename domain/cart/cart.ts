import { AggregateRoot } from '../shared/domain-event.js';
import type { Money } from '../shared/money.js';
import { CART_ERRORS } from './errors.js';

/** The most lines a cart holds (a new SKU beyond it is `CART.FULL`). */
export const MAX_CART_LINES = 120;
/** The most units of one SKU in a cart, whatever the stock and purchase limit allow. */
export const MAX_LINE_QUANTITY = 999;

export const CART_OWNER_KINDS = ['member', 'guest'] as const;
export type CartOwnerKind = (typeof CART_OWNER_KINDS)[number];

/** Whose cart: a member (their id), or a guest (the anonymous id the server handed out, 离线购物车). */
export interface CartOwner {
  readonly kind: CartOwnerKind;
  readonly id: string;
}

/** One cart per owner: its id is the owner's kind and id. */
export function cartIdOf(owner: CartOwner): string {
  return `${owner.kind}:${owner.id}`;
}

export interface CartLineSnapshot {
  /** One line per SKU; the line's id in pricing too. */
  readonly skuId: string;
  readonly quantity: number;
  /** When the SKU was last added (adding it again brings it to the top). */
  readonly addedAt: Date;
  /** 勾选: selected lines are what the cart total and checkout take. */
  readonly selected: boolean;
  /** The sale price the shopper saw when adding it, to flag a price change on read; null = not known. */
  readonly priceWhenAdded: Money | null;
}

export interface CartSnapshot {
  readonly id: string;
  readonly owner: CartOwner;
  /** Newest first (`addedAt` descending, then SKU id). */
  readonly lines: readonly CartLineSnapshot[];
  /** A guest cart: the member it was last merged into (it is emptied by the merge). */
  readonly mergedInto: string | null;
  readonly updatedAt: Date;
  readonly version: number;
}

export type LineLimitReason = 'line' | 'purchase_limit' | 'stock';

/** How many units of a SKU one line may hold, and what sets that bound. */
export interface LineLimit {
  readonly max: number;
  readonly reason: LineLimitReason;
}

/**
 * The bound of a line: the smallest of 999 per line, the SKU's purchase limit (null = none) and what
 * the sales layer can sell (null = no bound: a virtual SKU). Never negative.
 */
export function lineLimit(input: { readonly purchaseLimit: number | null; readonly sellable: number | null }): LineLimit {
  let limit: LineLimit = { max: MAX_LINE_QUANTITY, reason: 'line' };
  if (input.purchaseLimit !== null && input.purchaseLimit < limit.max) limit = { max: Math.max(0, input.purchaseLimit), reason: 'purchase_limit' };
  if (input.sellable !== null && input.sellable < limit.max) limit = { max: Math.max(0, input.sellable), reason: 'stock' };
  return limit;
}

/** What a merge did with each guest line. */
export interface MergeReport {
  /** Lines now in the member's cart: the resulting quantity, and whether a limit cut the sum. */
  readonly merged: readonly { readonly skuId: string; readonly quantity: number; readonly capped: boolean }[];
  /** Guest lines not carried over: nothing can be sold (unknown, unlisted, out of stock), or the cart is full. */
  readonly skipped: readonly { readonly skuId: string; readonly reason: 'unavailable' | 'full' }[];
}

const newestFirst = (a: CartLineSnapshot, b: CartLineSnapshot): number =>
  b.addedAt.getTime() - a.addedAt.getTime() || (a.skuId < b.skuId ? -1 : a.skuId > b.skuId ? 1 : 0);

/**
 * A shopper's cart (购物车, spec §4): lines of SKUs with quantities and a selected flag, at most
 * MAX_CART_LINES lines, each within its `LineLimit`. Prices and stock are not kept here: they are
 * read fresh every time the cart is shown (the cart view), except the price seen when a line was
 * added, kept to flag a change.
 */
export class Cart extends AggregateRoot {
  private constructor(private state: CartSnapshot) {
    super();
  }

  /** An empty cart for an owner (stored on its first save). */
  static open(owner: CartOwner, now: Date): Cart {
    if (!CART_OWNER_KINDS.includes(owner.kind) || typeof owner.id !== 'string' || owner.id.length === 0 || owner.id.length > 128) {
      throw CART_ERRORS.raise('INVALID_OWNER', 'a cart belongs to a member or a guest, named by an id of 1 to 128 characters', { owner });
    }
    return new Cart({ id: cartIdOf(owner), owner: { kind: owner.kind, id: owner.id }, lines: [], mergedInto: null, updatedAt: now, version: 0 });
  }

  static restore(snapshot: CartSnapshot): Cart {
    return new Cart(snapshot);
  }

  get id(): string {
    return this.state.id;
  }
  get owner(): CartOwner {
    return this.state.owner;
  }
  get lines(): readonly CartLineSnapshot[] {
    return this.state.lines;
  }
  get version(): number {
    return this.state.version;
  }

  line(skuId: string): CartLineSnapshot | undefined {
    return this.state.lines.find((l) => l.skuId === skuId);
  }

  /**
   * 加入购物车: a new line, or more of a SKU already in the cart (the quantities add). The line goes to
   * the top, selected, noting the price seen now. The sum must stay within `limit`.
   */
  add(skuId: string, quantity: number, at: { readonly limit: LineLimit; readonly price: Money | null; readonly now: Date }): CartLineSnapshot {
    checkQuantity(skuId, quantity);
    const existing = this.line(skuId);
    if (!existing && this.state.lines.length >= MAX_CART_LINES) {
      throw CART_ERRORS.raise('FULL', `a cart holds at most ${MAX_CART_LINES} lines; remove some first`, { max: MAX_CART_LINES });
    }
    const total = (existing?.quantity ?? 0) + quantity;
    checkLimit(skuId, total, at.limit);
    const line: CartLineSnapshot = { skuId, quantity: total, addedAt: at.now, selected: true, priceWhenAdded: at.price ?? existing?.priceWhenAdded ?? null };
    this.put([line], at.now);
    return line;
  }

  /** Sets a line's quantity. Raising it must stay within `limit`; lowering it is always allowed. */
  changeQuantity(skuId: string, quantity: number, limit: LineLimit, now: Date): void {
    checkQuantity(skuId, quantity);
    const line = this.required(skuId);
    if (quantity === line.quantity) return;
    if (quantity > line.quantity) checkLimit(skuId, quantity, limit);
    this.put([{ ...line, quantity }], now);
  }

  remove(skuId: string, now: Date): void {
    this.required(skuId);
    this.drop([skuId], now);
  }

  /** Removes the given lines where present (清空失效商品); returns how many went. */
  removeLines(skuIds: readonly string[], now: Date): number {
    const before = this.state.lines.length;
    this.drop(skuIds, now);
    return before - this.state.lines.length;
  }

  /** Selects or unselects one line. */
  selectLine(skuId: string, selected: boolean, now: Date): void {
    this.required(skuId);
    this.selectLines([skuId], selected, now);
  }

  /** Selects or unselects the given lines where present (a shop's), or every line (`null`). */
  selectLines(skuIds: readonly string[] | null, selected: boolean, now: Date): void {
    const wanted = skuIds === null ? null : new Set(skuIds);
    const changed = this.state.lines.filter((l) => (wanted === null || wanted.has(l.skuId)) && l.selected !== selected);
    if (changed.length > 0)
      this.put(
        changed.map((l) => ({ ...l, selected })),
        now,
      );
  }

  /**
   * Merges a guest's cart into this member's cart at login (spec §4): for a SKU in both, the
   * quantities add, capped by `limitOf` (stock and purchase limit) but never below what the member
   * already had; a SKU only the guest had comes over capped the same way, with its time, selection
   * and noted price. A SKU that cannot be sold at all, or that would not fit in a full cart, is left
   * out. The guest cart is emptied and marks this member, so merging it again changes nothing.
   */
  mergeFrom(guest: Cart, limitOf: (skuId: string) => LineLimit, now: Date): MergeReport {
    if (this.owner.kind !== 'member' || guest.owner.kind !== 'guest') throw new Error('only a guest cart merges into a member cart');
    const merged: { skuId: string; quantity: number; capped: boolean }[] = [];
    const skipped: { skuId: string; reason: 'unavailable' | 'full' }[] = [];
    for (const g of guest.lines) {
      const { max } = limitOf(g.skuId);
      const mine = this.line(g.skuId);
      if (mine) {
        const sum = mine.quantity + g.quantity;
        const quantity = Math.max(mine.quantity, Math.min(sum, max));
        const newer = g.addedAt > mine.addedAt ? g : mine;
        this.put(
          [
            {
              skuId: g.skuId,
              quantity,
              addedAt: newer.addedAt,
              selected: mine.selected || g.selected,
              priceWhenAdded: newer.priceWhenAdded ?? mine.priceWhenAdded,
            },
          ],
          now,
        );
        merged.push({ skuId: g.skuId, quantity, capped: quantity < sum });
      } else if (max <= 0) {
        skipped.push({ skuId: g.skuId, reason: 'unavailable' });
      } else if (this.state.lines.length >= MAX_CART_LINES) {
        skipped.push({ skuId: g.skuId, reason: 'full' });
      } else {
        const quantity = Math.min(g.quantity, max);
        this.put([{ ...g, quantity }], now);
        merged.push({ skuId: g.skuId, quantity, capped: quantity < g.quantity });
      }
    }
    guest.state = { ...guest.state, lines: [], mergedInto: this.owner.id, updatedAt: now };
    return { merged, skipped };
  }

  toSnapshot(): CartSnapshot {
    return this.state;
  }

  markSaved(version: number): void {
    this.state = { ...this.state, version };
  }

  private required(skuId: string): CartLineSnapshot {
    const line = this.line(skuId);
    if (!line) throw CART_ERRORS.raise('LINE_NOT_FOUND', `the cart has no line for SKU ${skuId}`, { skuId });
    return line;
  }

  private put(lines: readonly CartLineSnapshot[], now: Date): void {
    const replaced = new Set(lines.map((l) => l.skuId));
    const next = [...this.state.lines.filter((l) => !replaced.has(l.skuId)), ...lines].sort(newestFirst);
    this.state = { ...this.state, lines: next, updatedAt: now };
  }

  private drop(skuIds: readonly string[], now: Date): void {
    const gone = new Set(skuIds);
    if (!this.state.lines.some((l) => gone.has(l.skuId))) return;
    this.state = { ...this.state, lines: this.state.lines.filter((l) => !gone.has(l.skuId)), updatedAt: now };
  }
}

/** CART.INVALID_QUANTITY: a line holds a whole number of units, at least 1. */
function checkQuantity(skuId: string, quantity: number): void {
  if (typeof quantity !== 'number' || !Number.isInteger(quantity) || quantity < 1) {
    throw CART_ERRORS.raise('INVALID_QUANTITY', 'a quantity is a whole number of at least 1', { skuId, quantity });
  }
}

/** CART.QUANTITY_LIMIT above the line's bound; CART.OUT_OF_STOCK when nothing can be sold at all. */
function checkLimit(skuId: string, quantity: number, limit: LineLimit): void {
  if (quantity <= limit.max) return;
  if (limit.reason === 'stock' && limit.max <= 0) {
    throw CART_ERRORS.raise('OUT_OF_STOCK', `SKU ${skuId} is out of stock`, { skuId });
  }
  throw CART_ERRORS.raise('QUANTITY_LIMIT', `at most ${limit.max} of SKU ${skuId} fit in the cart (${limit.reason.replace('_', ' ')})`, {
    skuId,
    quantity,
    max: limit.max,
    reason: limit.reason,
  });
}
