import { describe, expect, it } from 'vitest';
import { Order } from '../../../domain/ordering/order.js';
import { splitOrder, splitLineAmounts, type SplitGroup } from '../../../domain/ordering/split.js';
import { domainErrorOf } from '../../support/mothers.js';
import { aGoodsOrder, aLine, at, fixedCodes, m, newOrder } from './order-mothers.js';

const ids = (i: number) => ({ id: `c${i + 1}`, number: `SO-1-${i + 1}` });
const text = (x: { toString(): string }) => x.toString();

/** Two shops; shop A's first line ships from two warehouses. */
function parent(): Order {
  const o = Order.place(
    newOrder({
      lines: [
        aLine('L1', '100.00', 2, { discounts: { activityDiscount: '10.00', couponDiscount: '5.00' } }),
        aLine('L2', '30.00', 1),
        aLine('L3', '45.00', 3, { shopId: 'shop-b', discounts: { couponDiscount: '10.00' } }),
      ],
      freight: m('10.00'),
      freightCouponDiscount: m('5.00'),
    }),
  );
  o.pullEvents();
  return o;
}

const GROUPS: SplitGroup[] = [
  {
    warehouseId: 'wh-1',
    lines: [
      { lineId: 'L1', quantity: 1 },
      { lineId: 'L2', quantity: 1 },
    ],
  },
  { warehouseId: 'wh-2', lines: [{ lineId: 'L1', quantity: 1 }] },
  { warehouseId: 'wh-9', lines: [{ lineId: 'L3', quantity: 3 }] },
];

describe('ORD-5: splitting a parent order', () => {
  it('ORD-5 worked example: lines follow their groups, a spread line and the freight are allocated by largest remainder (decision 0003)', () => {
    const p = parent();
    expect(text(p.payable)).toBe('345.00'); // 365 + 10 − (10 + 5 + 10 + 5)
    const { children } = splitOrder(p, GROUPS, ids, at(1));
    // L1 (2 units) spread 1 + 1: goods 100 + 100, activity 5 + 5, coupon 2.50 + 2.50.
    expect(
      children.map((c) => c.lines.map((l) => [l.lineId, l.quantity, text(l.amounts.goods), text(l.amounts.activityDiscount), text(l.amounts.couponDiscount)])),
    ).toEqual([
      [
        ['L1', 1, '100.00', '5.00', '2.50'],
        ['L2', 1, '30.00', '0.00', '0.00'],
      ],
      [['L1', 1, '100.00', '5.00', '2.50']],
      [['L3', 3, '135.00', '0.00', '10.00']],
    ]);
    // Freight 10.00 by goods 130 : 100 : 135 → exact 3.5616, 2.7397, 3.6986 → floors 3.56, 2.73, 3.69 and the
    // two cents left go to the largest remainders (.97, .86): 3.56, 2.74, 3.70. Not "the last child takes the rest".
    expect(children.map((c) => text(c.amounts.freight))).toEqual(['3.56', '2.74', '3.70']);
    // The shipping coupon 5.00 over the freight parts 356 : 274 : 370.
    expect(children.map((c) => text(c.amounts.freightCouponDiscount))).toEqual(['1.78', '1.37', '1.85']);
    expect(children.map((c) => text(c.payable))).toEqual(['124.28', '93.87', '126.85']);
    expect(children.map((c) => c.toSnapshot().shopId)).toEqual(['shop-a', 'shop-a', 'shop-b']);
    expect(children.map((c) => c.toSnapshot().warehouseId)).toEqual(['wh-1', 'wh-2', 'wh-9']);
    expect(p.pullEvents()).toEqual([expect.objectContaining({ type: 'order.split', payload: expect.objectContaining({ childIds: ['c1', 'c2', 'c3'] }) })]);
  });

  it('ORD-4: a line spread by quantity never gives a part more discount than its goods (the room rule)', () => {
    // 0.07 × 2 with 0.01 activity and 0.13 coupon: by quantity alone the coupon would be 0.07 + 0.06 and the
    // first part would carry 0.08 of discounts on 0.07 of goods.
    const parts = splitLineAmounts(aLine('L', '0.07', 2, { discounts: { activityDiscount: '0.01', couponDiscount: '0.13' } }), [1, 1]);
    expect(parts.map((p) => [text(p.goods), text(p.activityDiscount), text(p.couponDiscount)])).toEqual([
      ['0.07', '0.01', '0.06'],
      ['0.07', '0.00', '0.07'],
    ]);
  });

  it('ORD-5: children are paid, shipped and cancelled on their own; the split parent refuses with ORDER.SPLIT_PARENT', () => {
    const p = parent();
    const { children } = splitOrder(p, GROUPS, ids, at(1));
    children[0]!.pay({ paymentId: 'pay-1', at: at(2), codes: fixedCodes() });
    expect(children.map((c) => c.status)).toEqual(['pending_shipment', 'pending_payment', 'pending_payment']);
    for (const act of [
      () => p.pay({ paymentId: 'pay-9', at: at(3), codes: fixedCodes() }),
      () => p.cancel({ by: 'member', memberId: 'member-1', at: at(3) }),
      () => p.ship({ carrier: 'SF', trackingNumber: '1', at: at(3), autoConfirmAt: at(9999) }),
      () => p.close({ reason: 'fully_refunded', at: at(3) }),
    ]) {
      expect(domainErrorOf(act)).toMatchObject({ code: 'ORDER.SPLIT_PARENT', kind: 'conflict', details: { childIds: ['c1', 'c2', 'c3'] } });
    }
    expect(p.expireIfUnpaid(at(60))).toBe(false); // the children time out, each on its own
    expect(children[1]!.expireIfUnpaid(at(60))).toBe(true);
  });

  it('ORD-5: the parent follows its children (least advanced still in the sale)', () => {
    const p = parent();
    const { children } = splitOrder(p, GROUPS, ids, at(1));
    const follow = () =>
      p.followChildren(
        children.map((c) => c.status),
        at(5),
      );
    expect(follow()).toBe(false);
    expect(p.status).toBe('pending_payment');
    for (const c of children) c.pay({ paymentId: 'pay-all', at: at(2), codes: fixedCodes() });
    expect(follow()).toBe(true);
    expect(p.status).toBe('pending_shipment');
    children[2]!.close({ reason: 'cancelled_after_payment', at: at(3) });
    children[0]!.ship({ carrier: 'SF', trackingNumber: '1', at: at(3), autoConfirmAt: at(9999) });
    children[1]!.ship({ carrier: 'SF', trackingNumber: '2', at: at(3), autoConfirmAt: at(9999) });
    follow();
    expect(p.status).toBe('shipped');
    expect(p.pullEvents().map((e) => e.type)).toEqual(['order.split']);
  });

  it('ORDER.INVALID_SPLIT: groups must cover every line and unit exactly, one shop each, at least two; only an unsplit unpaid parent', () => {
    const reason = (groups: SplitGroup[], o: Order = parent()) => domainErrorOf(() => splitOrder(o, groups, ids, at(1))).details.reason;
    expect(reason([GROUPS[0]!])).toBe('FEWER_THAN_TWO_GROUPS');
    expect(reason([GROUPS[0]!, { warehouseId: null, lines: [] }])).toBe('EMPTY_GROUP');
    expect(reason([...GROUPS, { warehouseId: null, lines: [{ lineId: 'L9', quantity: 1 }] }])).toBe('UNKNOWN_LINE');
    expect(
      reason([
        {
          warehouseId: null,
          lines: [
            { lineId: 'L1', quantity: 1 },
            { lineId: 'L1', quantity: 1 },
          ],
        },
        ...GROUPS.slice(1),
      ]),
    ).toBe('DUPLICATE_LINE');
    expect(reason([{ warehouseId: null, lines: [{ lineId: 'L1', quantity: 0 }] }, ...GROUPS])).toBe('INVALID_QUANTITY');
    expect(reason([GROUPS[0]!, GROUPS[2]!])).toBe('QUANTITIES_DO_NOT_ADD_UP'); // L1 takes 1 of 2
    expect(
      reason([
        {
          warehouseId: null,
          lines: [
            { lineId: 'L1', quantity: 2 },
            { lineId: 'L3', quantity: 3 },
          ],
        },
        { warehouseId: null, lines: [{ lineId: 'L2', quantity: 1 }] },
      ]),
    ).toBe('MIXED_SHOPS');
    const paid = parent();
    paid.pay({ paymentId: 'p', at: at(1), codes: fixedCodes() });
    expect(reason(GROUPS, paid)).toBe('NOT_PENDING_PAYMENT');
    const split = parent();
    const { children } = splitOrder(split, GROUPS, ids, at(1));
    expect(reason(GROUPS, split)).toBe('ALREADY_SPLIT');
    expect(reason(GROUPS, children[0]!)).toBe('ALREADY_A_CHILD');
    expect(domainErrorOf(() => splitOrder(aGoodsOrder(), [GROUPS[0]!], ids, at(1))).code).toBe('ORDER.INVALID_SPLIT');
  });

  it('a rejected split changes nothing: the parent is not marked, no event', () => {
    const p = parent();
    const before = p.toSnapshot();
    domainErrorOf(() => splitOrder(p, [GROUPS[0]!, GROUPS[2]!], ids, at(1)));
    expect(p.toSnapshot()).toBe(before);
    expect(p.pullEvents()).toEqual([]);
  });
});
