import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aGoodsOrder, aLine, at, fixedCodes } from './order-mothers.js';

/** An order of L1 × 3 and L2 × 1, paid: awaiting shipment. */
function paid() {
  const order = aGoodsOrder({ lines: [aLine('L1', '10.00', 3), aLine('L2', '5.00', 1)] });
  order.pay({ paymentId: 'p1', at: at(1), codes: fixedCodes() });
  return order;
}

describe('units withheld from the parcel (after-sales refunds before shipping)', () => {
  it('adds up per line, only while awaiting shipment (ORDER.INVALID_TRANSITION otherwise)', () => {
    const order = paid();
    order.withhold({ L1: 1 }, at(2));
    order.withhold({ L1: 1, L2: 1 }, at(3));
    expect(order.toSnapshot().withheld).toEqual({ L1: 2, L2: 1 });
    order.ship({ carrier: 'SF', trackingNumber: 'SF1', at: at(4), autoConfirmAt: at(10_000) });
    expect(() => order.withhold({ L1: 1 }, at(5))).toThrow(expect.objectContaining({ code: 'ORDER.INVALID_TRANSITION' }));
    const unpaid = aGoodsOrder();
    expect(() => unpaid.withhold({ [unpaid.lines[0]!.lineId]: 1 }, at(2))).toThrow(expect.objectContaining({ code: 'ORDER.INVALID_TRANSITION' }));
  });

  it('property: however the units are withheld, a line never withholds more than it has; a step past it changes nothing', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ line: fc.constantFrom('L1', 'L2'), n: fc.integer({ min: 1, max: 3 }) }), { maxLength: 8 }), (steps) => {
        const order = paid();
        const has = { L1: 3, L2: 1 } as const;
        const held = { L1: 0, L2: 0 };
        for (const s of steps) {
          const before = order.toSnapshot().withheld;
          if (held[s.line] + s.n <= has[s.line]) {
            order.withhold({ [s.line]: s.n }, at(2));
            held[s.line] += s.n;
          } else {
            expect(() => order.withhold({ [s.line]: s.n }, at(2))).toThrow();
            expect(order.toSnapshot().withheld).toEqual(before);
          }
        }
        expect(order.toSnapshot().withheld ?? {}).toEqual(Object.fromEntries(Object.entries(held).filter(([, n]) => n > 0)));
      }),
    );
  });
});
