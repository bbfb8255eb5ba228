import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Money } from '../../../domain/shared/money.js';
import { quoteFreight, type FreightLineInput } from '../../../domain/freight/quote.js';
import type { FreightTemplateSnapshot } from '../../../domain/freight/template.js';
import type { ShopFreightSettingsSnapshot } from '../../../domain/freight/shop-settings.js';
import { aTemplate, R, settings, SHOP } from './freight-mothers.js';

const cents = (max: number) => fc.integer({ min: 0, max }).map((c) => Money.fromMinor(c).toString());
const rateArb = fc.record({
  firstUnits: fc.integer({ min: 1, max: 20 }),
  firstPrice: cents(5000),
  additionalUnits: fc.integer({ min: 1, max: 20 }),
  additionalPrice: cents(3000),
});
const templateArb = (id: string, withFree: boolean) =>
  fc
    .record({
      chargeBy: fc.constantFrom('piece', 'weight', 'volume' as const),
      defaultRate: rateArb,
      remote: fc.option(rateArb, { nil: undefined }),
      overridesShop: fc.boolean(),
      free: withFree
        ? fc.option(fc.record({ minAmount: cents(20000), minQuantity: fc.integer({ min: 1, max: 30 }), combine: fc.constantFrom('and', 'or' as const) }), {
            nil: undefined,
          })
        : fc.constant(undefined),
    })
    .map((t) =>
      aTemplate(id, {
        chargeBy: t.chargeBy,
        defaultRate: t.defaultRate,
        overridesShop: t.overridesShop,
        ...(t.remote ? { regionRates: [{ regions: [R.xinjiang], rate: t.remote }] } : {}),
        ...(t.free ? { freeRules: [t.free] } : {}),
      }),
    );
const templatesArb = (withFree: boolean) => fc.tuple(templateArb('t0', withFree), templateArb('t1', withFree), templateArb('t2', withFree));
const lineArb = fc.record({
  skuId: fc.constantFrom('a', 'b', 'c', 'd'),
  quantity: fc.integer({ min: 1, max: 40 }),
  amount: cents(10000),
  weight: fc.integer({ min: 1, max: 5000 }).map((g) => (g / 1000).toString()),
  volume: fc.integer({ min: 1, max: 500 }).map((l) => (l / 1000).toString()),
  templateId: fc.constantFrom('t0', 't1', 't2', null),
});
const linesArb = fc.array(lineArb, { minLength: 1, maxLength: 6 });
const settingsArb = fc
  .record({
    mode: fc.constantFrom('per_item', 'shop', 'mixed' as const),
    combination: fc.constantFrom('sum', 'max' as const),
    fee: cents(3000),
    freeOver: fc.option(cents(30000), { nil: null }),
  })
  .map((s) => settings({ mode: s.mode, combination: s.combination, shopTemplate: { defaultRate: { fee: s.fee, freeOver: s.freeOver } } }));
const addressArb = fc.constantFrom(R.xihu, R.urumqi, R.lhasa);

const quote = (
  s: ShopFreightSettingsSnapshot,
  templates: readonly FreightTemplateSnapshot[],
  lines: FreightLineInput[],
  address: string,
  shippingDeduction?: string,
) => quoteFreight({ address, settings: s, templates, lines, ...(shippingDeduction ? { shippingDeduction } : {}) });

describe('freight quote properties (spec §7)', () => {
  it("the total equals the sum of the groups' charges minus the deduction, to the cent, and is never negative", () => {
    fc.assert(
      fc.property(settingsArb, templatesArb(true), linesArb, addressArb, cents(5000), (s, ts, lines, address, deduction) => {
        const q = quote(s, ts, lines, address, deduction);
        const sum = Money.sum(q.groups.map((g) => g.charged));
        expect(q.subtotal.equals(sum)).toBe(true);
        expect(q.total.equals(sum.subtract(q.deduction))).toBe(true);
        expect(q.total.isNegative()).toBe(false);
        expect(q.total.isWholeMinorUnits()).toBe(true);
        expect(q.deduction.compare(Money.parse(deduction)) <= 0 && q.deduction.compare(q.subtotal) <= 0).toBe(true);
        // every line is in exactly one group
        expect(q.groups.flatMap((g) => g.lines.map((l) => l.lineId)).sort()).toEqual(lines.map((_, i) => String(i)).sort());
      }),
      { numRuns: 300 },
    );
  });

  it('with no free rule, freight never decreases when units are added (per-item mode)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('sum', 'max' as const),
        templatesArb(false),
        linesArb,
        addressArb,
        fc.nat(),
        fc.integer({ min: 1, max: 20 }),
        (combination, ts, lines, address, which, more) => {
          const s = settings({ mode: 'per_item', combination });
          const before = quote(s, ts, lines, address).total;
          const i = which % lines.length;
          const grown = lines.map((l, j) => (j === i ? { ...l, quantity: l.quantity + more } : l));
          const withNewLine = [...lines, { ...lines[i]!, skuId: 'extra', quantity: more }];
          expect(quote(s, ts, grown, address).total.compare(before)).toBeGreaterThanOrEqual(0);
          expect(quote(s, ts, withNewLine, address).total.compare(before)).toBeGreaterThanOrEqual(0);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('the max combination never exceeds the sum, and is at least the largest group fee', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('per_item', 'mixed' as const),
        templatesArb(true),
        linesArb,
        addressArb,
        cents(3000),
        fc.option(cents(30000), { nil: null }),
        (mode, ts, lines, address, fee, freeOver) => {
          const shopTemplate = { defaultRate: { fee, freeOver } };
          const max = quote(settings({ mode, combination: 'max', shopTemplate }), ts, lines, address);
          const sum = quote(settings({ mode, combination: 'sum', shopTemplate }), ts, lines, address);
          expect(max.total.compare(sum.total)).toBeLessThanOrEqual(0);
          const charged = max.groups.filter((g) => !(g.kind === 'shop' && g.free?.met) && g.kind !== 'unassigned');
          for (const g of charged) expect(max.total.compare(g.fee)).toBeGreaterThanOrEqual(0);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('FRT-1: in mixed mode an order at or above the shop amount pays only its overriding templates', () => {
    fc.assert(
      fc.property(templatesArb(true), linesArb, addressArb, (ts, lines, address) => {
        const s = settings({ mode: 'mixed', shopTemplate: { defaultRate: { fee: '10.00', freeOver: '0.00' } } });
        const q = quote(s, ts, lines, address);
        expect(q.shopCheck!.free).toBe(true);
        for (const g of q.groups) if (!g.overridesShop) expect(g.charged.isZero()).toBe(true);
        const overriding = q.groups.filter((g) => g.overridesShop).map((g) => g.templateId);
        const expected = [...new Set(lines.filter((l) => l.templateId && ts.find((t) => t.id === l.templateId)!.overridesShop).map((l) => l.templateId))];
        expect(overriding.sort()).toEqual(expected.sort());
      }),
      { numRuns: 200 },
    );
  });
});

void SHOP;
