import { z } from 'zod';
import { CHARGE_MODES } from '../../../../domain/freight/rates.js';
import { FREIGHT_COMBINATIONS, FREIGHT_MODES } from '../../../../domain/freight/shop-settings.js';
import { FREE_RULE_COMBINATIONS } from '../../../../domain/freight/template.js';
import { amount, type ErrorCodes, errorsOf, id, int32, number32, route, type Route } from '../route.js';
import { freightQuote, freightTemplate, freightTemplates, shopFreightSettings, skuTemplateAssignment, templateSkus } from './wire.js';

// Types and sizes are checked here; region codes, overlaps, units, prices (sign, cents) and measures are
// the domain's to judge, with their own FREIGHT.* codes.
const region = z.string().max(12);
const regions = z.array(region).max(500);
const units = z.union([number32, z.string().max(32)]);
const rate = z.object({ firstUnits: units, firstPrice: amount, additionalUnits: units, additionalPrice: amount }).strict();
const regionRate = z.object({ regions, rate }).strict();
const freeRule = z
  .object({
    regions: regions.optional(),
    minAmount: amount.nullable().optional(),
    minQuantity: int32.nullable().optional(),
    combine: z.enum(FREE_RULE_COMBINATIONS).optional(),
  })
  .strict();
const templateFields = {
  name: z.string().max(200),
  chargeBy: z.enum(CHARGE_MODES),
  defaultRate: rate,
  regionRates: z.array(regionRate).max(100),
  freeRules: z.array(freeRule).max(100),
  overridesShop: z.boolean(),
};
const shopRate = z.object({ fee: amount, freeOver: amount.nullable().optional() }).strict();
const shopTemplate = z
  .object({
    defaultRate: shopRate,
    regionRates: z
      .array(z.object({ regions, rate: shopRate }).strict())
      .max(100)
      .optional(),
  })
  .strict();
const rateTable = z.object({ chargeBy: z.enum(CHARGE_MODES), defaultRate: rate, regionRates: z.array(regionRate).max(100).optional() }).strict();
const line = z
  .object({
    lineId: z.string().max(64).optional(),
    skuId: id,
    quantity: int32,
    amount,
    weight: units.nullable().optional(),
    volume: units.nullable().optional(),
    templateId: id.nullable().optional(),
  })
  .strict();
const templateParams = z.object({ templateId: id });
const shopParams = z.object({ shopId: id });
const R = ['logistics'] as const;

// The codes each use case answers through its route (docs/contexts/freight.md § Error codes). Modes,
// combinations and charge modes outside their enums never reach the domain (400 VALIDATION.FAILED).
const RATE_ERRORS: ErrorCodes = { 422: ['FREIGHT.INVALID_REGION', 'FREIGHT.OVERLAPPING_REGIONS', 'FREIGHT.INVALID_PRICE', 'FREIGHT.INVALID_UNITS'] };
const TEMPLATE_ERRORS = errorsOf(RATE_ERRORS, { 422: ['FREIGHT.INVALID_TEMPLATE', 'FREIGHT.INVALID_FREE_RULE'] });
const TEMPLATE_NOT_FOUND: ErrorCodes = { 404: ['FREIGHT.TEMPLATE_NOT_FOUND'] };
const QUOTE_ERRORS: ErrorCodes = {
  422: [
    'FREIGHT.INVALID_ADDRESS',
    'FREIGHT.NO_LINES',
    'QUANTITY.INVALID',
    'FREIGHT.INVALID_PRICE',
    'FREIGHT.INVALID_MEASURE',
    'FREIGHT.MISSING_WEIGHT',
    'FREIGHT.MISSING_VOLUME',
    'FREIGHT.UNKNOWN_TEMPLATE',
  ],
};

/** Staff routes of freight (运费模板, spec §7): templates, shop settings, SKU assignments, quotes. Role `logistics` (or admin). */
export const freightRoutes: Route[] = [
  route({
    method: 'get',
    path: '/admin/freight/templates',
    tag: 'freight-admin',
    access: 'staff',
    roles: R,
    response: freightTemplates,
    errors: {},
    summary: "A shop's per-item freight templates (or every template), by name",
    query: z.object({ shopId: id.optional() }),
    handler: ({ zt, query }) => zt.freight.listTemplates(query),
  }),
  route({
    method: 'post',
    path: '/admin/freight/templates',
    tag: 'freight-admin',
    access: 'staff',
    roles: R,
    status: 201,
    response: freightTemplate,
    errors: TEMPLATE_ERRORS,
    summary: 'Create a per-item template: by piece, weight or volume; first and additional units; region rules (no overlaps); free-shipping rules',
    body: z
      .object({
        shopId: id,
        ...templateFields,
        regionRates: templateFields.regionRates.optional(),
        freeRules: templateFields.freeRules.optional(),
        overridesShop: templateFields.overridesShop.optional(),
      })
      .strict(),
    handler: ({ zt, body }) => zt.freight.createTemplate(body),
  }),
  route({
    method: 'get',
    path: '/admin/freight/templates/:templateId',
    tag: 'freight-admin',
    access: 'staff',
    roles: R,
    response: freightTemplate,
    errors: TEMPLATE_NOT_FOUND,
    summary: 'One per-item template',
    params: templateParams,
    handler: ({ zt, params }) => zt.freight.getTemplate(params),
  }),
  route({
    method: 'patch',
    path: '/admin/freight/templates/:templateId',
    tag: 'freight-admin',
    access: 'staff',
    roles: R,
    response: freightTemplate,
    errors: errorsOf(TEMPLATE_NOT_FOUND, TEMPLATE_ERRORS),
    summary: "Change a template's fields; given lists replace the old ones; the shop never changes",
    params: templateParams,
    body: z.object(templateFields).partial().strict(),
    handler: ({ zt, params, body }) => zt.freight.updateTemplate({ templateId: params.templateId, ...body }),
  }),
  route({
    method: 'get',
    path: '/admin/freight/templates/:templateId/skus',
    tag: 'freight-admin',
    access: 'staff',
    roles: R,
    response: templateSkus,
    errors: TEMPLATE_NOT_FOUND,
    summary: 'The SKUs that use a template',
    params: templateParams,
    handler: ({ zt, params }) => zt.freight.templateSkus(params),
  }),
  route({
    method: 'put',
    path: '/admin/freight/sku-templates',
    tag: 'freight-admin',
    access: 'staff',
    roles: R,
    response: skuTemplateAssignment,
    errors: { 404: ['FREIGHT.TEMPLATE_NOT_FOUND', 'FREIGHT.UNKNOWN_SKU'], 422: ['FREIGHT.INVALID_TEMPLATE'] },
    summary: 'Give SKUs a per-item template (templateId null: take it away); every SKU must be in the catalog',
    body: z.object({ templateId: id.nullable(), skuIds: z.array(id).max(500) }).strict(),
    handler: ({ zt, body }) => zt.freight.assignTemplate(body),
  }),
  route({
    method: 'get',
    path: '/admin/freight/shops/:shopId/settings',
    tag: 'freight-admin',
    access: 'staff',
    roles: R,
    response: shopFreightSettings,
    errors: {},
    summary: "A shop's freight settings (defaults: per-item templates combined by sum)",
    params: shopParams,
    handler: ({ zt, params }) => zt.freight.getShopSettings(params),
  }),
  route({
    method: 'put',
    path: '/admin/freight/shops/:shopId/settings',
    tag: 'freight-admin',
    access: 'staff',
    roles: R,
    response: shopFreightSettings,
    errors: errorsOf(RATE_ERRORS, { 422: ['FREIGHT.SHOP_TEMPLATE_REQUIRED'] }),
    summary: "Set a shop's freight mode (per_item, shop, mixed — FRT-1), the combination of templates (sum, max), its shop template and carrier cost table",
    params: shopParams,
    body: z
      .object({
        mode: z.enum(FREIGHT_MODES),
        combination: z.enum(FREIGHT_COMBINATIONS).optional(),
        shopTemplate: shopTemplate.nullable().optional(),
        carrierCost: rateTable.nullable().optional(),
      })
      .strict(),
    handler: ({ zt, params, body }) => zt.freight.setShopSettings({ shopId: params.shopId, ...body }),
  }),
  route({
    method: 'post',
    path: '/admin/freight/quote',
    tag: 'freight-admin',
    access: 'staff',
    roles: R,
    response: freightQuote,
    errors: QUOTE_ERRORS,
    summary: "Quote one shop's lines to a district: the groups, the rule that matched each, their fees, the total (spec §7, FRT-1)",
    body: z.object({ shopId: id, address: z.string().max(12), lines: z.array(line).max(200), shippingDeduction: amount.optional() }).strict(),
    handler: ({ zt, body }) => zt.freight.quote(body),
  }),
];
