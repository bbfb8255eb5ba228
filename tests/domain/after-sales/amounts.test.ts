import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { quoteRefund, unitsRefund, type HeldByRequests, type PaidLine, type RefundableOrder, type RequestedLine } from '../../../domain/after-sales/index.js';
import { isDomainError } from '../../../domain/shared/domain-error.js';
import { Money } from '../../../domain/shared/money.js';

const m = (s: string) => Money.of(s);
const held = (entries: Record<string, [number, string, number]>) =>
  new Map<string, HeldByRequests>(Object.entries(entries).map(([id, [units, cash, points]]) => [id, { units, cash: m(cash), points }]));
const codeOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (e) {
    if (isDomainError(e)) return e.code;
    throw e;
  }
  return undefined;
};

/**
 * The AFS-2 worked example (docs/contexts/after-sales.md): line A, 3 × 100.00 = 300.00 less 30.00 of an
 * activity, 20.00 of a coupon and 10.00 of points (1,000 points) → paid 240.00; line B, 1 × 59.90 less a
 * 5.00 coupon → paid 54.90; freight paid 10.00; nothing shipped yet.
 */
const example: RefundableOrder = {
  currency: 'CNY',
  lines: [
    { lineId: 'A', quantity: 3, paid: m('240.00'), points: 1000 },
    { lineId: 'B', quantity: 1, paid: m('54.90'), points: 0 },
  ],
  freightPaid: m('10.00'),
  shipped: false,
};

describe('AFS-2: the refund is what the units really cost, never a discount paid out (spec §11)', () => {
  it('worked example: one unit of A, then the other two, then B with the freight — 80.00 + 160.00 + 64.90 = 304.90, every cent paid', () => {
    const first = quoteRefund(example, new Map(), [{ lineId: 'A', quantity: 1 }]);
    expect([first.goods.toString(), first.freight.toString(), first.points]).toEqual(['80.00', '0.00', 333]);
    const second = quoteRefund(example, held({ A: [1, '80.00', 333] }), [{ lineId: 'A', quantity: 2 }]);
    expect([second.goods.toString(), second.freight.toString(), second.points]).toEqual(['160.00', '0.00', 667]);
    const last = quoteRefund(example, held({ A: [3, '240.00', 1000] }), [{ lineId: 'B', quantity: 1 }]);
    expect([last.goods.toString(), last.freight.toString(), last.refundable.toString(), last.points]).toEqual(['54.90', '10.00', '64.90', 0]);
  });

  it('100.00 over three units refunded one by one: 33.33, 33.33, 33.34', () => {
    const line: PaidLine = { lineId: 'x', quantity: 3, paid: m('100.00'), points: 0 };
    expect(
      [
        unitsRefund(line, undefined, 1),
        unitsRefund(line, { units: 1, cash: m('33.33'), points: 0 }, 1),
        unitsRefund(line, { units: 2, cash: m('66.66'), points: 0 }, 1),
      ].map((r) => r.cash.toString()),
    ).toEqual(['33.33', '33.33', '33.34']);
  });

  it('a request that closes gives its units back without a cent paid twice: 1.00 over 3 units, the first request closed after the others — 0.33 + 0.34 + 0.33 = 1.00', () => {
    const line: PaidLine = { lineId: 'x', quantity: 3, paid: m('1.00'), points: 0 };
    const r1 = unitsRefund(line, undefined, 1); // 0.33, closed later
    const r2 = unitsRefund(line, { units: 1, cash: r1.cash, points: 0 }, 1); // 0.33
    const r3 = unitsRefund(line, { units: 2, cash: r1.cash.add(r2.cash), points: 0 }, 1); // 0.34
    expect([r1, r2, r3].map((r) => r.cash.toString())).toEqual(['0.33', '0.33', '0.34']);
    const again = unitsRefund(line, { units: 2, cash: r2.cash.add(r3.cash), points: 0 }, 1); // r1 closed: its unit requested again
    expect(again.cash.toString()).toBe('0.33');
    expect(r2.cash.add(r3.cash).add(again.cash).toString()).toBe('1.00');
  });

  it('once anything shipped, freight is never refunded — not even with the last units', () => {
    const shipped = { ...example, shipped: true };
    expect(
      quoteRefund(shipped, new Map(), [
        { lineId: 'A', quantity: 3 },
        { lineId: 'B', quantity: 1 },
      ]).freight.toString(),
    ).toBe('0.00');
  });

  it('refuses what is not there: no line, a line twice, a quantity below 1 or not whole, another order’s line, more than is left', () => {
    expect(codeOf(() => quoteRefund(example, new Map(), []))).toBe('AFTER_SALES.INVALID_LINES');
    expect(
      codeOf(() =>
        quoteRefund(example, new Map(), [
          { lineId: 'A', quantity: 1 },
          { lineId: 'A', quantity: 1 },
        ]),
      ),
    ).toBe('AFTER_SALES.INVALID_LINES');
    expect(codeOf(() => quoteRefund(example, new Map(), [{ lineId: 'A', quantity: 0 }]))).toBe('AFTER_SALES.INVALID_LINES');
    expect(codeOf(() => quoteRefund(example, new Map(), [{ lineId: 'A', quantity: 1.5 }]))).toBe('AFTER_SALES.INVALID_LINES');
    expect(codeOf(() => quoteRefund(example, new Map(), [{ lineId: 'C', quantity: 1 }]))).toBe('AFTER_SALES.UNKNOWN_LINE');
    expect(codeOf(() => quoteRefund(example, held({ A: [2, '160.00', 666] }), [{ lineId: 'A', quantity: 2 }]))).toBe('AFTER_SALES.QUANTITY_EXCEEDS');
  });

  const lineArb = fc.record({
    quantity: fc.integer({ min: 1, max: 12 }),
    cents: fc.bigInt({ min: 0n, max: 10_000_000n }),
    points: fc.integer({ min: 0, max: 100_000 }),
  });
  const orderArb = fc.record({
    lines: fc.array(lineArb, { minLength: 1, maxLength: 5 }),
    freightCents: fc.bigInt({ min: 0n, max: 5_000n }),
    shipped: fc.boolean(),
  });

  it('property: however requests come, succeed and close, the live ones never hold more than was paid (cash, points, freight); once they hold every unit they hold exactly what was paid — plus freight once if nothing shipped', () => {
    const step = fc.record({ close: fc.boolean(), pick: fc.nat(), units: fc.array(fc.nat({ max: 12 }), { minLength: 5, maxLength: 5 }) });
    fc.assert(
      fc.property(orderArb, fc.array(step, { maxLength: 30 }), ({ lines, freightCents, shipped }, steps) => {
        const order: RefundableOrder = {
          currency: 'CNY',
          lines: lines.map((l, i) => ({ lineId: `l${i}`, quantity: l.quantity, paid: Money.fromMinor(l.cents), points: l.points })),
          freightPaid: Money.fromMinor(freightCents),
          shipped,
        };
        type Live = { lines: { lineId: string; quantity: number; cash: bigint; points: number }[]; freight: bigint };
        const live: Live[] = [];
        const heldNow = () => {
          const h = new Map<string, HeldByRequests>();
          for (const r of live)
            for (const l of r.lines) {
              const was = h.get(l.lineId);
              h.set(l.lineId, {
                units: (was?.units ?? 0) + l.quantity,
                cash: Money.fromMinor((was?.cash.toMinor() ?? 0n) + l.cash),
                points: (was?.points ?? 0) + l.points,
              });
            }
          return h;
        };
        const check = () => {
          const h = heldNow();
          const all = order.lines.every((l) => (h.get(l.lineId)?.units ?? 0) === l.quantity);
          for (const [i, l] of lines.entries()) {
            const got = h.get(`l${i}`);
            expect((got?.cash.toMinor() ?? 0n) <= l.cents).toBe(true);
            expect((got?.points ?? 0) <= l.points).toBe(true);
            if (all) expect([got?.cash.toMinor(), got?.points]).toEqual([l.cents, l.points]);
          }
          const freight = live.reduce((n, r) => n + r.freight, 0n);
          expect(freight <= (shipped ? 0n : freightCents)).toBe(true);
          if (all) expect(freight).toBe(shipped ? 0n : freightCents);
        };
        const fill = () => {
          const h = heldNow();
          const requested = order.lines.flatMap((l) =>
            l.quantity > (h.get(l.lineId)?.units ?? 0) ? [{ lineId: l.lineId, quantity: l.quantity - (h.get(l.lineId)?.units ?? 0) }] : [],
          );
          if (requested.length > 0) open(requested);
        };
        const open = (requested: RequestedLine[]) => {
          const q = quoteRefund({ ...order, freightHeld: Money.fromMinor(live.reduce((n, r) => n + r.freight, 0n)) }, heldNow(), requested);
          live.push({
            lines: q.lines.map((l) => ({ lineId: l.lineId, quantity: l.quantity, cash: l.cash.toMinor(), points: l.points })),
            freight: q.freight.toMinor(),
          });
        };
        for (const s of steps) {
          if (s.close && live.length > 0) live.splice(s.pick % live.length, 1);
          else {
            const h = heldNow();
            const requested = order.lines.flatMap((l, i) => {
              const left = l.quantity - (h.get(l.lineId)?.units ?? 0);
              const n = left === 0 ? 0 : s.units[i % 5]! % (left + 1);
              return n > 0 ? [{ lineId: l.lineId, quantity: n }] : [];
            });
            if (requested.length > 0) open(requested);
          }
          check();
        }
        fill();
        check();
      }),
    );
  });
});
