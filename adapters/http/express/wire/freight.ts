import { z } from 'zod';
import type { FreightQuote } from '../../../../domain/freight/quote.js';
import { CHARGE_MODES } from '../../../../domain/freight/rates.js';
import { FREIGHT_COMBINATIONS, FREIGHT_MODES } from '../../../../domain/freight/shop-settings.js';
import { FREE_RULE_COMBINATIONS } from '../../../../domain/freight/template.js';
import { component, decimal, int, money, wireId, wireObject, type Check, type Json, type Same } from './shared.js';

/** A freight quote as it explains itself (spec §7): the checkout preview's shops and the freight routes' quote. */

export const freightRate = wireObject({ firstUnits: decimal, firstPrice: money, additionalUnits: decimal, additionalPrice: money });
export const shopRate = wireObject({ fee: money, freeOver: money.nullable() });
const matchedRate = wireObject({ source: z.enum(['region', 'default']), index: int.nullable(), regions: z.array(z.string()) });

export const freightQuote = component('FreightQuote', wireObject({
  address: z.string(),
  mode: z.enum(FREIGHT_MODES),
  combination: z.enum(FREIGHT_COMBINATIONS),
  shopCheck: wireObject({ matched: matchedRate, rate: shopRate, orderAmount: money, free: z.boolean() }).nullable(),
  groups: z.array(
    wireObject({
      kind: z.enum(['template', 'shop', 'unassigned']),
      templateId: wireId.nullable(),
      name: z.string().nullable(),
      chargeBy: z.enum(CHARGE_MODES).nullable(),
      overridesShop: z.boolean(),
      lines: z.array(wireObject({ lineId: z.string(), skuId: wireId, quantity: int, amount: money, units: decimal })),
      quantity: int,
      units: decimal,
      amount: money,
      rate: wireObject({ matched: matchedRate, template: freightRate.nullable(), shop: shopRate.nullable() }).nullable(),
      free: wireObject({
        source: z.enum(['template', 'shop']),
        index: int.nullable(),
        regions: z.array(z.string()),
        minAmount: money.nullable(),
        minQuantity: int.nullable(),
        combine: z.enum(FREE_RULE_COMBINATIONS),
        met: z.boolean(),
      }).nullable(),
      fee: money,
      charged: money,
    }),
  ),
  subtotal: money,
  deduction: money,
  total: money,
  carrierCost: money.nullable(),
}));

export type FreightWireChecks = [Check<Same<z.output<typeof freightQuote>, Json<FreightQuote>>>];
