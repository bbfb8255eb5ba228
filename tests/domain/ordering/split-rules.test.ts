// ORD-5 split (拆单) and ORD-4 allocation on domain/ordering/split.ts, beyond the worked example of
// split.test.ts (decision 0027): freight as quoted per child (FRT-1 quotes it per shop), what each
// refusal names, what a child copies, and the room rule of a spread line.
import { describe, expect, it } from 'vitest';
import { Order } from '../../../domain/ordering/order.js';
import { splitLineAmounts, splitOrder, type SplitGroup } from '../../../domain/ordering/split.js';
import { domainErrorOf } from '../../support/mothers.js';
import { aLine, at, COMMON, fixedCodes, m, newOrder } from './order-mothers.js';

const ids = (i: number) => ({ id: `c${i + 1}`, number: `SO-1-${i + 1}` });
const text = (x: { toString(): string }) => x.toString();

/** Shop A: L1 2 × 100.00 (10.00 activity, 5.00 coupon), L2 30.00; shop B: L3 3 × 45.00 (10.00 coupon). Freight 10.00, shipping coupon 5.00. */
function parent(id = 'order-1'): Order {
  const o = Order.place(
    newOrder({
      id,
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
const BY_SHOP: SplitGroup[] = [
  {
    warehouseId: 'wh-1',
    lines: [
      { lineId: 'L1', quantity: 2 },
      { lineId: 'L2', quantity: 1 },
    ],
  },
  { warehouseId: null, lines: [{ lineId: 'L3', quantity: 3 }] },
];
const quoted = (a: [string, string], b: [string, string]): SplitGroup[] => [
  { ...BY_SHOP[0]!, freight: { freight: m(a[0]), freightCouponDiscount: m(a[1]) } },
  { ...BY_SHOP[1]!, freight: { freight: m(b[0]), freightCouponDiscount: m(b[1]) } },
];

describe('ORD-5: freight of the children', () => {
  it('FRT-1 quoted per shop: when every group gives its freight, the children keep it as given (8.00 − 5.00 and 2.00 − 0.00)', () => {
    const { children } = splitOrder(parent(), quoted(['8.00', '5.00'], ['2.00', '0.00']), ids, at(1));
    expect(children.map((c) => [text(c.amounts.freight), text(c.amounts.freightCouponDiscount)])).toEqual([
      ['8.00', '5.00'],
      ['2.00', '0.00'],
    ]);
    expect(children.map((c) => text(c.payable))).toEqual(['218.00', '127.00']); // 230 − 15 + 8 − 5; 135 − 10 + 2
  });

  it('quoted freight must add up to the parent’s, and so must the shipping coupon: else FREIGHT_DOES_NOT_ADD_UP', () => {
    for (const groups of [quoted(['8.00', '5.00'], ['2.01', '0.00']), quoted(['8.00', '4.00'], ['2.00', '0.00'])]) {
      const e = domainErrorOf(() => splitOrder(parent(), groups, ids, at(1)));
      expect(e).toMatchObject({ code: 'ORDER.INVALID_SPLIT', details: { reason: 'FREIGHT_DOES_NOT_ADD_UP', freight: '10.00' } });
      expect(e.message).toBe("the groups' freight does not add up to order order-1's");
    }
  });

  it('when one group gives no freight, all freight is allocated by goods total (230.00 : 135.00 → 6.30, 3.70), the coupon over those parts', () => {
    const groups = [{ ...BY_SHOP[0]!, freight: { freight: m('10.00'), freightCouponDiscount: m('5.00') } }, BY_SHOP[1]!];
    const { children } = splitOrder(parent(), groups, ids, at(1));
    // goods 230.00 and 135.00: 10.00 × 230/365 = 6.30…, × 135/365 = 3.69… → 6.30, 3.70 (largest remainder)
    expect(children.map((c) => text(c.amounts.freight))).toEqual(['6.30', '3.70']);
    expect(children.map((c) => text(c.amounts.freightCouponDiscount))).toEqual(['3.15', '1.85']);
  });
});

describe('ORD-5: what a child is', () => {
  it('a child copies the common data, kind and time to pay; it takes its group’s lines, its warehouse, a new id and number, no benefits', () => {
    const p = parent();
    const { parent: same, children } = splitOrder(p, BY_SHOP, ids, at(1));
    expect(same).toBe(p);
    const [a, b] = children.map((c) => c.toSnapshot());
    const ps = p.toSnapshot();
    expect(a).toMatchObject({
      id: 'c1',
      number: 'SO-1-1',
      parentId: 'order-1',
      childIds: [],
      warehouseId: 'wh-1',
      kind: ps.kind,
      common: COMMON,
      currency: 'CNY',
      placedAt: ps.placedAt,
      payBy: ps.payBy,
      status: 'pending_payment',
      version: 0,
    });
    expect(b).toMatchObject({ id: 'c2', number: 'SO-1-2', warehouseId: null });
    expect(a!.lines.map((l) => [l.lineId, l.quantity])).toEqual([
      ['L1', 2],
      ['L2', 1],
    ]);
    expect(b!.lines.map((l) => [l.lineId, l.quantity])).toEqual([['L3', 3]]);
    expect(a!.benefits).toEqual(b!.benefits);
    expect(ps.childIds).toEqual(['c1', 'c2']);
  });

  it('a line that goes whole to one child keeps its amounts as they are', () => {
    const p = parent();
    const { children } = splitOrder(p, BY_SHOP, ids, at(1));
    expect(children[0]!.lines[0]!.amounts).toBe(p.lines[0]!.amounts);
  });

  it('child ids are new and distinct (a programming error otherwise)', () => {
    expect(() => splitOrder(parent(), BY_SHOP, () => ({ id: 'same', number: 'N' }), at(1))).toThrow('child order ids are new and distinct');
    expect(() => splitOrder(parent(), BY_SHOP, (i) => ({ id: i === 0 ? 'order-1' : 'c2', number: 'N' }), at(1))).toThrow(
      'child order ids are new and distinct',
    );
  });
});

describe('ORDER.INVALID_SPLIT: each refusal names what is wrong', () => {
  const refusal = (groups: SplitGroup[], o: Order = parent()) => domainErrorOf(() => splitOrder(o, groups, ids, at(1)));

  it('the group and line at fault', () => {
    expect(refusal([BY_SHOP[0]!, { warehouseId: null, lines: [] }])).toMatchObject({
      details: { reason: 'EMPTY_GROUP', group: 1 },
      message: 'group 1 has no lines',
    });
    expect(refusal([BY_SHOP[0]!, { warehouseId: null, lines: 'L3' as never }]).details).toMatchObject({ reason: 'EMPTY_GROUP', group: 1 });
    expect(refusal([...BY_SHOP, { warehouseId: null, lines: [{ lineId: 'L9', quantity: 1 }] }])).toMatchObject({
      details: { reason: 'UNKNOWN_LINE', group: 2, lineId: 'L9' },
      message: 'order order-1 has no line L9',
    });
    expect(
      refusal([
        BY_SHOP[0]!,
        {
          warehouseId: null,
          lines: [
            { lineId: 'L3', quantity: 1 },
            { lineId: 'L3', quantity: 2 },
          ],
        },
      ]),
    ).toMatchObject({
      details: { reason: 'DUPLICATE_LINE', group: 1, lineId: 'L3' },
      message: 'group 1 names line L3 twice',
    });
    for (const quantity of [0, 1.5, -1]) {
      expect(refusal([BY_SHOP[0]!, { warehouseId: null, lines: [{ lineId: 'L3', quantity }] }])).toMatchObject({
        details: { reason: 'INVALID_QUANTITY', group: 1, lineId: 'L3' },
        message: 'group 1: a quantity is a whole number ≥ 1',
      });
    }
  });

  it('quantities that do not add up name the line, what was expected and what was given', () => {
    const e = refusal([BY_SHOP[0]!, { warehouseId: null, lines: [{ lineId: 'L3', quantity: 2 }] }]);
    expect(e).toMatchObject({
      details: { reason: 'QUANTITIES_DO_NOT_ADD_UP', lineId: 'L3', expected: 3, given: 2 },
      message: 'line L3: the groups take 2 of 3',
    });
    expect(refusal([BY_SHOP[0]!, { warehouseId: null, lines: [{ lineId: 'L3', quantity: 4 }] }]).details).toMatchObject({ expected: 3, given: 4 });
  });

  it('a group of two shops names the shops', () => {
    const e = refusal([
      {
        warehouseId: null,
        lines: [
          { lineId: 'L1', quantity: 2 },
          { lineId: 'L3', quantity: 3 },
        ],
      },
      { warehouseId: null, lines: [{ lineId: 'L2', quantity: 1 }] },
    ]);
    expect(e).toMatchObject({
      details: { reason: 'MIXED_SHOPS', group: 0, shopIds: ['shop-a', 'shop-b'] },
      message: 'group 0 mixes shops; a child order belongs to one shop',
    });
  });

  it('fewer than two groups, or groups that are no list', () => {
    expect(refusal([BY_SHOP[0]!])).toMatchObject({ details: { reason: 'FEWER_THAN_TWO_GROUPS' }, message: 'a split makes at least two child orders' });
    expect(refusal('groups' as never).details).toMatchObject({ reason: 'FEWER_THAN_TWO_GROUPS' });
  });

  it('the parent: only an unsplit, unpaid parent is split', () => {
    const p = parent();
    const { children } = splitOrder(p, BY_SHOP, ids, at(1));
    expect(refusal(BY_SHOP, p)).toMatchObject({ details: { reason: 'ALREADY_SPLIT' }, message: 'order order-1 was split already' });
    expect(refusal(BY_SHOP, children[0]!)).toMatchObject({
      details: { reason: 'ALREADY_A_CHILD' },
      message: 'order c1 is a child order; split the parent by shop and warehouse at once',
    });
    const paid = parent('order-2');
    paid.pay({ paymentId: 'p', at: at(1), codes: fixedCodes() });
    expect(refusal(BY_SHOP, paid)).toMatchObject({
      details: { reason: 'NOT_PENDING_PAYMENT' },
      message: 'order order-2 is pending_shipment; orders are split before payment',
    });
  });
});

describe('ORD-4: a line spread over parts by quantity (the room rule)', () => {
  it('goods exactly unit price × quantity; each discount by the room each part still has, in ORD-1 order', () => {
    // 3 × 10.00 split 1 + 2: activity 3.00 → 1.00 + 2.00; coupon 0.10 over room 9.00 : 18.00 → 0.03 + 0.07;
    // points 0.05 over 8.97 : 17.93 → 0.02 + 0.03; member 0.01 over 8.95 : 17.90 → 0.00 + 0.01.
    const parts = splitLineAmounts(
      aLine('L', '10.00', 3, { discounts: { activityDiscount: '3.00', couponDiscount: '0.10', pointsDeduction: '0.05', memberDiscount: '0.01' } }),
      [1, 2],
    );
    expect(parts.map((p) => [p.goods, p.activityDiscount, p.couponDiscount, p.pointsDeduction, p.memberDiscount].map(text))).toEqual([
      ['10.00', '1.00', '0.03', '0.02', '0.00'],
      ['20.00', '2.00', '0.07', '0.03', '0.01'],
    ]);
  });

  it('a later discount sees the room the earlier ones left: 2 × 1.00 with 1.00 activity and 1.00 coupon → 0.50 + 0.50 each; 3 × 1.00 split 1 + 2 with 1.01 and 0.99', () => {
    // by quantity alone the coupon would be 0.50 + 0.50; after the activity 1.00 → 0.50 + 0.50 the room is 0.50 each.
    const parts = splitLineAmounts(aLine('L', '1.00', 2, { discounts: { activityDiscount: '1.00', couponDiscount: '1.00' } }), [1, 1]);
    expect(parts.map((p) => [p.activityDiscount, p.couponDiscount].map(text))).toEqual([
      ['0.50', '0.50'],
      ['0.50', '0.50'],
    ]);
    const skewed = splitLineAmounts(aLine('L', '1.00', 3, { discounts: { activityDiscount: '1.01', couponDiscount: '0.99' } }), [1, 2]);
    // activity 1.01 over 100 : 200 → 0.34 + 0.67; coupon 0.99 over the room 66 : 133 → 0.33 + 0.66
    expect(skewed.map((p) => [p.activityDiscount, p.couponDiscount].map(text))).toEqual([
      ['0.34', '0.33'],
      ['0.67', '0.66'],
    ]);
  });
});
