import { z } from 'zod';
import type {
  AssignFreightTemplate,
  CreateFreightTemplate,
  GetFreightTemplate,
  GetShopFreightSettings,
  ListFreightTemplates,
  ListTemplateSkus,
  QuoteFreight,
  SetShopFreightSettings,
  UpdateFreightTemplate,
} from '../../../../application/freight/index.js';
import { CHARGE_MODES } from '../../../../domain/freight/rates.js';
import { FREIGHT_COMBINATIONS, FREIGHT_MODES } from '../../../../domain/freight/shop-settings.js';
import { FREE_RULE_COMBINATIONS } from '../../../../domain/freight/template.js';
import { component, count, decimal, int, money, wireId, wireObject, type Check, type Json, type Same } from '../wire/shared.js';

/** Freight's answers (spec §7): templates, shop settings, SKU assignments, and the quote as it explains itself (also the checkout preview's). */

export const freightRate = wireObject({ firstUnits: decimal, firstPrice: money, additionalUnits: decimal, additionalPrice: money });
export const shopRate = wireObject({ fee: money, freeOver: money.nullable() });
const regions = z.array(z.string());
/** A rate table: the charge mode, a default rate, rates by region (no overlaps). Per-item templates and carrier costs. */
const rateTable = {
  chargeBy: z.enum(CHARGE_MODES),
  defaultRate: freightRate,
  regionRates: z.array(wireObject({ regions, rate: freightRate })),
};

export const freightTemplate = component(
  'FreightTemplate',
  wireObject({
    id: wireId,
    shopId: wireId,
    name: z.string(),
    ...rateTable,
    freeRules: z.array(wireObject({ regions, minAmount: money.nullable(), minQuantity: int.nullable(), combine: z.enum(FREE_RULE_COMBINATIONS) })),
    overridesShop: z.boolean(),
    version: count,
  }),
);
export const freightTemplates = z.array(freightTemplate);

export const shopFreightSettings = component(
  'ShopFreightSettings',
  wireObject({
    id: wireId,
    mode: z.enum(FREIGHT_MODES),
    combination: z.enum(FREIGHT_COMBINATIONS),
    shopTemplate: wireObject({ defaultRate: shopRate, regionRates: z.array(wireObject({ regions, rate: shopRate })) }).nullable(),
    carrierCost: wireObject(rateTable).nullable(),
    version: count,
  }),
);

/** The SKUs that use a template. */
export const templateSkus = component('FreightTemplateSkus', wireObject({ templateId: wireId, skuIds: z.array(wireId) }));
/** The SKUs given a template (null: taken away), each once. */
export const skuTemplateAssignment = component('FreightTemplateAssignment', wireObject({ templateId: wireId.nullable(), skuIds: z.array(wireId) }));

const matchedRate = wireObject({ source: z.enum(['region', 'default']), index: int.nullable(), regions: z.array(z.string()) });

export const freightQuote = component(
  'FreightQuote',
  wireObject({
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
  }),
);

/** What a use case's `execute` resolves to. */
type Result<U extends { execute(...args: never[]): Promise<unknown> }> = Awaited<ReturnType<U['execute']>>;

export type FreightWireChecks = [
  Check<Same<z.output<typeof freightQuote>, Json<Result<QuoteFreight>>>>,
  Check<Same<z.output<typeof freightTemplate>, Json<Result<CreateFreightTemplate>>>>,
  Check<Same<z.output<typeof freightTemplate>, Json<Result<GetFreightTemplate>>>>,
  Check<Same<z.output<typeof freightTemplate>, Json<Result<UpdateFreightTemplate>>>>,
  Check<Same<z.output<typeof freightTemplates>, Json<Result<ListFreightTemplates>>>>,
  Check<Same<z.output<typeof shopFreightSettings>, Json<Result<GetShopFreightSettings>>>>,
  Check<Same<z.output<typeof shopFreightSettings>, Json<Result<SetShopFreightSettings>>>>,
  Check<Same<z.output<typeof templateSkus>, Json<Result<ListTemplateSkus>>>>,
  Check<Same<z.output<typeof skuTemplateAssignment>, Json<Result<AssignFreightTemplate>>>>,
];
