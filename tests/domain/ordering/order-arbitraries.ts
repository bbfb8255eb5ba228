/** fast-check arbitraries of orders (ORD-1) and of their split into groups by shop and warehouse (ORD-5). */
import fc from 'fast-check';
import { LINE_DISCOUNTS, type LineAmounts } from '../../../domain/ordering/amounts.js';
import { Order, type OrderLine } from '../../../domain/ordering/order.js';
import type { SplitGroup } from '../../../domain/ordering/split.js';
import { Money } from '../../../domain/shared/money.js';
import { newOrder } from './order-mothers.js';

const cents = (n: number | bigint) => Money.fromMinor(n);

/** Four discounts that together take at most `goods` cents (fractions per mille of what is left; 1000 takes all of it). */
export const discountsWithin = (goods: number) =>
  fc.tuple(...LINE_DISCOUNTS.map(() => fc.oneof(fc.constant(0), fc.constant(1000), fc.integer({ min: 0, max: 1000 })))).map((fs) => {
    let left = goods;
    return fs.map((f) => {
      const d = Math.floor((left * f) / 1000);
      left -= d;
      return d;
    });
  });

const lineArb = (i: number) =>
  fc
    .record({
      unit: fc.oneof(fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: 1, max: 9 })),
      quantity: fc.integer({ min: 1, max: 12 }),
      shop: fc.integer({ min: 0, max: 2 }),
    })
    .chain(({ unit, quantity, shop }) =>
      discountsWithin(unit * quantity).map((d): OrderLine => {
        const amounts = { goods: cents(unit * quantity), ...Object.fromEntries(LINE_DISCOUNTS.map((k, j) => [k, cents(d[j]!)])) } as unknown as LineAmounts;
        return {
          lineId: `L${i}`,
          skuId: `sku-${i}`,
          spuId: `spu-${i}`,
          title: `t${i}`,
          specs: {},
          image: null,
          shopId: `shop-${shop}`,
          quantity,
          unitPrice: cents(unit),
          amounts,
        };
      }),
    );

export const orderArb = fc
  .integer({ min: 1, max: 6 })
  .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => lineArb(i))))
  .chain((lines) =>
    fc.record({
      lines: fc.constant(lines),
      freight: fc.integer({ min: 0, max: 5_000 }),
      couponPerMille: fc.oneof(fc.constant(1000), fc.integer({ min: 0, max: 1000 })),
    }),
  )
  .map(({ lines, freight, couponPerMille }) =>
    Order.place(newOrder({ lines, freight: cents(freight), freightCouponDiscount: cents(Math.floor((freight * couponPerMille) / 1000)) })),
  );

/** An order and groups by (shop, warehouse): every unit of a line goes to one of up to 3 warehouses of its shop. */
export const splitCase = orderArb.chain((o) =>
  fc.tuple(...o.lines.map((l) => fc.array(fc.integer({ min: 0, max: 2 }), { minLength: l.quantity, maxLength: l.quantity }))).map((units) => {
    const byGroup = new Map<string, { lineId: string; quantity: number }[]>();
    o.lines.forEach((l, i) => {
      const counts = new Map<number, number>();
      for (const w of units[i]!) counts.set(w, (counts.get(w) ?? 0) + 1);
      for (const [w, q] of counts) {
        const k = `${l.shopId}|wh-${w}`;
        byGroup.set(k, [...(byGroup.get(k) ?? []), { lineId: l.lineId, quantity: q }]);
      }
    });
    const groups: SplitGroup[] = [...byGroup.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, lines]) => ({ warehouseId: k.split('|')[1]!, lines }));
    return { order: o, groups };
  }),
);
