import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Dec } from '../../../domain/shared/decimal.js';
import { Money } from '../../../domain/shared/money.js';
import { crossBorderTax } from '../../../domain/crossborder/tax.js';
import { crossBorderLimitViolations, TRANSACTION_LIMIT, YEARLY_LIMIT } from '../../../domain/crossborder/limits.js';
import { checkFourDocuments } from '../../../domain/crossborder/documents.js';

const cents = (max: number) => fc.integer({ min: 0, max }).map((c) => Money.fromMinor(c));
const percent = (max: number) => fc.integer({ min: 0, max }).map((p) => new Dec(p).div(100).toString());
const lineArb = fc.record({ price: cents(500_000), consumptionRate: percent(60), vatRate: percent(17) });

describe('cross-border properties (spec §18)', () => {
  it('each line tax is within half a cent of the exact formula; the total is the sum of the lines', () => {
    fc.assert(
      fc.property(fc.array(lineArb, { minLength: 1, maxLength: 8 }), (lines) => {
        const t = crossBorderTax(lines);
        t.lines.forEach((l, i) => {
          const { price, consumptionRate: c, vatRate: v } = lines[i]!;
          // Divided last, so the reference is exact whenever the true tax has a finite decimal form.
          const exact = price.amount.times(new Dec(c).plus(v)).times('0.7').div(new Dec(1).minus(c));
          expect(l.tax.amount.minus(exact).abs().lte('0.005')).toBe(true);
          expect(l.tax.isWholeMinorUnits()).toBe(true);
        });
        expect(t.total.equals(Money.sum(t.lines.map((l) => l.tax)))).toBe(true);
      }),
    );
  });

  it('more tax for a higher price at the same rates', () => {
    fc.assert(
      fc.property(lineArb, cents(100_000), (l, more) => {
        const a = crossBorderTax([l]).total;
        const b = crossBorderTax([{ ...l, price: l.price.add(more) }]).total;
        expect(b.compare(a)).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  it('a transaction is blocked exactly when it passes 2,000.00 or brings the year past 20,000.00', () => {
    fc.assert(
      fc.property(cents(400_000), cents(2_500_000), (amount, paid) => {
        const codes = crossBorderLimitViolations({ amount, paidThisYear: paid }).map((v) => v.code);
        expect(codes.includes('CROSSBORDER.TRANSACTION_LIMIT')).toBe(amount.greaterThan(TRANSACTION_LIMIT));
        expect(codes.includes('CROSSBORDER.YEARLY_LIMIT')).toBe(paid.add(amount).greaterThan(YEARLY_LIMIT));
      }),
    );
  });

  it('the payment may differ from the declared amount but a payment above it is always reported', () => {
    fc.assert(
      fc.property(cents(300_000), cents(300_000), (declared, paid) => {
        const buyer = { name: 'a', idNumber: '1' };
        const consignee = { name: 'b', phone: '1', address: 'x' };
        const r = checkFourDocuments({
          order: { orderNo: 'o', buyer, consignee, items: [], total: declared },
          payment: { orderNo: 'o', payer: buyer, amount: paid },
          waybill: { waybillNo: 'w', orderNo: 'o', consignee },
          declaration: { orderNo: 'o', waybillNo: 'w', buyer, consignee, items: [], declaredAmount: declared },
        });
        expect(r.consistent).toBe(!paid.greaterThan(declared));
      }),
    );
  });
});
