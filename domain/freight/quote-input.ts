import type { AmountInput } from './rates.js';
import type { FreightLineInput, FreightQuoteInput } from './quote.js';
import type { ShopFreightSettingsSnapshot } from './shop-settings.js';
import type { FreightTemplateSnapshot } from './template.js';

/**
 * What freight has stored for one shop's quote, loaded before any amount is known (the published
 * `shopFreightRules` of application/freight): the shop's settings, which template each SKU is assigned,
 * and those templates.
 */
export interface ShopFreightRules {
  /** The shop's settings, or `defaultShopFreightSettings(shopId)` when it has none. */
  readonly settings: ShopFreightSettingsSnapshot;
  /** `{ skuId: templateId }` for the SKUs asked about that have a template. */
  readonly assignments: Readonly<Record<string, string>>;
  /** The templates among the assigned (and the asked) ones that exist. */
  readonly templates: readonly FreightTemplateSnapshot[];
}

/** One line to quote: as `FreightLineInput`, its template omitted to take the SKU's assignment. */
export interface FreightRequestLine extends Omit<FreightLineInput, 'templateId'> {
  /** The SKU's template; omitted: the SKU's assignment; null: none. */
  readonly templateId?: string | null;
}

/** The amounts side of a quote: the address, the lines with their goods amounts, the shipping deduction. */
export interface FreightQuoteRequest {
  /** A district code (GB/T 2260). */
  readonly address: string;
  readonly lines: readonly FreightRequestLine[];
  /** A shipping coupon's deduction, capped by the freight. */
  readonly shippingDeduction?: AmountInput;
}

/**
 * `quoteFreight`'s input from a shop's loaded rules and the amounts (pure): each line takes its own
 * template, else its SKU's assignment, else none; the quote is given the templates the lines name, in
 * the order they first name them.
 */
export function freightQuoteInputOf(rules: ShopFreightRules, request: FreightQuoteRequest): FreightQuoteInput {
  const requested = Array.isArray(request.lines) ? request.lines : [];
  const lines: FreightLineInput[] = requested.map((l) => ({
    ...l,
    templateId: l.templateId === undefined ? (rules.assignments[l.skuId] ?? null) : l.templateId,
  }));
  const byId = new Map(rules.templates.map((t) => [t.id, t]));
  const ids = [...new Set(lines.flatMap((l) => (l.templateId === null ? [] : [l.templateId])))];
  return {
    address: request.address,
    settings: rules.settings,
    templates: ids.flatMap((id) => byId.get(id) ?? []),
    lines,
    ...(request.shippingDeduction !== undefined ? { shippingDeduction: request.shippingDeduction } : {}),
  };
}
