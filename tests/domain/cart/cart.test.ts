import { describe, expect, it } from 'vitest';
import { Cart, lineLimit, MAX_CART_LINES, MAX_LINE_QUANTITY } from '../../../domain/cart/cart.js';
import { Money } from '../../../domain/shared/money.js';

const t = (s: number) => new Date(Date.UTC(2026, 10, 22, 8, 0, s));
const free = { max: MAX_LINE_QUANTITY, reason: 'line' as const };
const codeOf = (fn: () => unknown): string => {
  try {
    fn();
  } catch (e) {
    return (e as { code: string }).code;
  }
  throw new Error('expected a rejection');
};

describe('Cart (spec §4)', () => {
  it('lineLimit: the smallest of 999, the purchase limit and the stock; a virtual SKU has no stock bound', () => {
    expect(lineLimit({ purchaseLimit: null, sellable: null })).toEqual({ max: 999, reason: 'line' });
    expect(lineLimit({ purchaseLimit: 5, sellable: 1000 })).toEqual({ max: 5, reason: 'purchase_limit' });
    expect(lineLimit({ purchaseLimit: 5, sellable: 3 })).toEqual({ max: 3, reason: 'stock' });
    expect(lineLimit({ purchaseLimit: null, sellable: -2 })).toEqual({ max: 0, reason: 'stock' });
  });

  it('adding a SKU again adds the quantities, moves the line to the top and selects it; the sum is bounded', () => {
    const cart = Cart.open({ kind: 'member', id: 'm1' }, t(0));
    cart.add('a', 2, { limit: free, price: Money.parse('10.00'), now: t(1) });
    cart.add('b', 1, { limit: free, price: null, now: t(2) });
    cart.selectLine('a', false, t(3));
    cart.add('a', 3, { limit: free, price: Money.parse('9.00'), now: t(4) });
    expect(cart.lines.map((l) => [l.skuId, l.quantity, l.selected, l.priceWhenAdded?.toString() ?? null])).toEqual([
      ['a', 5, true, '9.00'],
      ['b', 1, true, null],
    ]);
    expect(codeOf(() => cart.add('a', 995, { limit: free, price: null, now: t(5) }))).toBe('CART.QUANTITY_LIMIT');
    expect(codeOf(() => cart.add('c', 1, { limit: { max: 0, reason: 'stock' }, price: null, now: t(5) }))).toBe('CART.OUT_OF_STOCK');
    for (const q of [0, -1, 1.5, Number.NaN]) expect(codeOf(() => cart.add('a', q, { limit: free, price: null, now: t(5) }))).toBe('CART.INVALID_QUANTITY');
    expect(cart.line('a')!.quantity).toBe(5);
  });

  it('lowering a quantity is always allowed, raising it is bounded; the stored state does not change on a no-op', () => {
    const cart = Cart.open({ kind: 'guest', id: 'g'.repeat(32) }, t(0));
    cart.add('a', 3, { limit: free, price: null, now: t(1) });
    const before = cart.toSnapshot();
    cart.changeQuantity('a', 3, { max: 1, reason: 'stock' }, t(2));
    cart.selectLines(null, true, t(2));
    expect(cart.toSnapshot()).toBe(before);
    cart.changeQuantity('a', 2, { max: 1, reason: 'stock' }, t(3));
    expect(codeOf(() => cart.changeQuantity('a', 3, { max: 2, reason: 'purchase_limit' }, t(4)))).toBe('CART.QUANTITY_LIMIT');
    expect(codeOf(() => cart.changeQuantity('x', 1, free, t(4)))).toBe('CART.LINE_NOT_FOUND');
    expect(cart.line('a')!.quantity).toBe(2);
  });

  it(`CART.FULL: at most ${MAX_CART_LINES} lines; more of a SKU already there still fits`, () => {
    const cart = Cart.open({ kind: 'member', id: 'm1' }, t(0));
    for (let i = 0; i < MAX_CART_LINES; i++) cart.add(`s${i}`, 1, { limit: free, price: null, now: t(i) });
    expect(codeOf(() => cart.add('one-more', 1, { limit: free, price: null, now: t(200) }))).toBe('CART.FULL');
    cart.add('s0', 1, { limit: free, price: null, now: t(201) });
    expect(cart.lines).toHaveLength(MAX_CART_LINES);
  });

  it('merge: quantities add up to the limit, never below what the member had; unavailable lines stay out; a second merge changes nothing', () => {
    const member = Cart.open({ kind: 'member', id: 'm1' }, t(0));
    const guest = Cart.open({ kind: 'guest', id: 'g1' }, t(0));
    member.add('a', 4, { limit: free, price: null, now: t(1) });
    member.add('b', 1, { limit: free, price: null, now: t(2) });
    guest.add('a', 3, { limit: free, price: null, now: t(3) });
    guest.add('b', 2, { limit: free, price: null, now: t(4) });
    guest.add('gone', 1, { limit: free, price: null, now: t(5) });
    const limits: Record<string, number> = { a: 2, b: 999, gone: 0 }; // the stock of A fell to 2 since the member added 4
    const report = member.mergeFrom(guest, (s) => ({ max: limits[s]!, reason: 'stock' }), t(6));
    expect(report).toEqual({
      merged: [
        { skuId: 'b', quantity: 3, capped: false },
        { skuId: 'a', quantity: 4, capped: true },
      ],
      skipped: [{ skuId: 'gone', reason: 'unavailable' }],
    });
    expect(member.lines.map((l) => [l.skuId, l.quantity])).toEqual([
      ['b', 3],
      ['a', 4],
    ]);
    expect([guest.lines.length, guest.toSnapshot().mergedInto]).toEqual([0, 'm1']);
    const [m, g] = [member.toSnapshot(), guest.toSnapshot()];
    expect(member.mergeFrom(guest, () => free, t(7))).toEqual({ merged: [], skipped: [] });
    expect(member.toSnapshot()).toBe(m);
    expect(guest.toSnapshot().lines).toEqual(g.lines);
  });
});
