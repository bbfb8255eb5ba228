import type { Decimal } from 'decimal.js';
import type { RegionCode } from '../dispatch/index.js';
import { Dec, toDec, type DecimalInput } from '../shared/decimal.js';
import { Money } from '../shared/money.js';
import { quantity as wholeQuantity } from '../shared/quantity.js';
import { FREIGHT_ERROR, freightInvalid } from './errors.js';
import { charge, freightAddress, price, rateFor, type ChargeMode } from './rates.js';
import { shopRateFor, type FreightCombination, type ShopFreightSettingsSnapshot } from './shop-settings.js';
import { freeRuleFor, freeRuleMet, type FreightTemplateSnapshot } from './template.js';
import type { FreightLineInput, FreightQuoteInput, FreightQuoteLine, MatchedRate, FreeCheck, FreightGroup, ShopCheck, FreightQuote } from './quote-types.js';

export type { FreightLineInput, FreightQuoteInput, FreightQuoteLine, MatchedRate, FreeCheck, FreightGroup, ShopCheck, FreightQuote } from './quote-types.js';

interface Line extends FreightQuoteLine {
  readonly weight: Decimal | null;
  readonly volume: Decimal | null;
  readonly templateId: string | null;
}

/**
 * Freight of one shop's order (spec §7), pure. Steps:
 *
 * 1. **shop** mode: the shop template charges the whole order (its rate for the address; free when the
 *    order amount reaches its "free over"). Per-item templates are not used.
 * 2. **per_item** mode: lines sharing a template are charged together (units by the template's charge
 *    mode; the region rule covering the address, else the default; free when its free-shipping rule is
 *    met); lines without a template ship free (`unassigned`). Groups combine by the shop's choice:
 *    `sum` charges every fee, `max` only the largest (ties: the first group).
 * 3. **mixed** mode (FRT-1): the shop template is checked first, against the whole order. If the order
 *    reaches its "free over", the order ships free at shop level except the templates flagged
 *    `overridesShop`, always charged on their own (combined among themselves). Otherwise freight
 *    follows the per-item templates; lines without one are charged the shop fee as one more group.
 * 4. A shipping coupon deducts after all that, capped by the freight.
 *
 * Every price is whole cents and no step divides money, so no rounding happens.
 */
export function quoteFreight(input: FreightQuoteInput): FreightQuote {
  const address = freightAddress(input.address);
  const { settings } = input;
  const lines = checkedLines(input.lines);
  const currency = 'CNY';
  const zero = Money.zero(currency);
  const deductionAsked = input.shippingDeduction === undefined ? zero : price(input.shippingDeduction, 'shippingDeduction');
  const templates = new Map(input.templates.map((t) => [t.id, t]));
  const orderAmount = Money.sum(
    lines.map((l) => l.amount),
    currency,
  );

  const shopCheck: ShopCheck | null =
    settings.mode !== 'per_item' && settings.shopTemplate
      ? (() => {
          const found = shopRateFor(settings.shopTemplate, address);
          const free = found.rate.freeOver !== null && orderAmount.compare(found.rate.freeOver) >= 0;
          return { matched: matched(found), rate: found.rate, orderAmount, free };
        })()
      : null;
  if (settings.mode !== 'per_item' && !shopCheck) {
    throw freightInvalid(FREIGHT_ERROR.SHOP_TEMPLATE_REQUIRED, `${settings.mode} mode needs a shop template`, { shopId: settings.id });
  }

  let groups: FreightGroup[];
  if (settings.mode === 'shop') {
    groups = [shopGroup(lines, shopCheck!, shopCheck!.free)];
  } else {
    const byTemplate = groupLines(lines, (l) => {
      if (l.templateId === null) return null;
      const t = templates.get(l.templateId);
      if (!t || t.shopId !== settings.id) {
        throw freightInvalid(FREIGHT_ERROR.UNKNOWN_TEMPLATE, `template ${l.templateId} is not a template of shop ${settings.id}`, {
          templateId: l.templateId,
          skuId: l.skuId,
        });
      }
      return t.id;
    });
    const shopFree = settings.mode === 'mixed' && shopCheck!.free;
    // Each group with the position of its first line (groups are listed in that order) and whether it
    // takes part in the combination (waived groups, free at shop level or without a template, do not).
    const built: { group: FreightGroup; at: number; combined: boolean }[] = [];
    const at = (members: readonly Line[]) => lines.indexOf(members[0]!);
    const atShopLevel: Line[] = [];
    for (const [templateId, members] of byTemplate) {
      const t = templateId === null ? null : templates.get(templateId)!;
      if (settings.mode === 'mixed' && (t === null || (shopFree && !t.overridesShop))) {
        atShopLevel.push(...members); // FRT-1: the shop template charges them (free when the order reached its amount)
      } else if (t === null) {
        built.push({ group: unassignedGroup(members, zero), at: at(members), combined: false });
      } else {
        built.push({ group: templateGroup(t, members, address), at: at(members), combined: true });
      }
    }
    if (atShopLevel.length > 0) {
      atShopLevel.sort((a, b) => lines.indexOf(a) - lines.indexOf(b));
      built.push({ group: shopGroup(atShopLevel, shopCheck!, shopFree), at: at(atShopLevel), combined: !shopFree });
    }
    built.sort((a, b) => a.at - b.at);
    const combined = combine(
      built.filter((b) => b.combined).map((b) => b.group),
      settings.combination,
      zero,
    );
    let next = 0;
    groups = built.map((b) => (b.combined ? combined[next++]! : b.group));
  }

  const subtotal = Money.sum(
    groups.map((g) => g.charged),
    currency,
  );
  const deduction = Money.min(deductionAsked, subtotal);
  return {
    address,
    mode: settings.mode,
    combination: settings.combination,
    shopCheck,
    groups,
    subtotal,
    deduction,
    total: subtotal.subtract(deduction),
    carrierCost: carrierCost(settings, lines, address),
  };
}

function matched(found: { ruleIndex: number | null; regions: readonly RegionCode[] }): MatchedRate {
  return found.ruleIndex === null ? { source: 'default', index: null, regions: [] } : { source: 'region', index: found.ruleIndex, regions: found.regions };
}

function checkedLines(input: readonly FreightLineInput[]): Line[] {
  if (!Array.isArray(input) || input.length === 0) throw freightInvalid(FREIGHT_ERROR.NO_LINES, 'a freight quote needs at least one line');
  return input.map((l, i) => {
    const q = wholeQuantity(l.quantity);
    return {
      lineId: l.lineId ?? String(i),
      skuId: l.skuId,
      quantity: q,
      amount: price(l.amount, `lines[${i}].amount`),
      units: String(q),
      weight: measure(l.weight, 'weight', l.skuId),
      volume: measure(l.volume, 'volume', l.skuId),
      templateId: l.templateId ?? null,
    };
  });
}

function measure(value: DecimalInput | null | undefined, what: 'weight' | 'volume', skuId: string): Decimal | null {
  if (value === undefined || value === null || value === '') return null;
  let d: Decimal | undefined;
  try {
    d = toDec(value);
  } catch {
    d = undefined;
  }
  if (!d || d.lte(0)) throw freightInvalid(FREIGHT_ERROR.INVALID_MEASURE, `the ${what} of SKU ${skuId} is a positive number`, { skuId, [what]: String(value) });
  return d;
}

function groupLines(lines: readonly Line[], key: (l: Line) => string | null): Map<string | null, Line[]> {
  const groups = new Map<string | null, Line[]>();
  for (const l of lines) {
    const k = key(l);
    const members = groups.get(k);
    if (members) members.push(l);
    else groups.set(k, [l]);
  }
  return groups;
}

/** The units a line adds under a charge mode; a weight or volume template needs the SKU's measure. */
function unitsOf(l: Line, chargeBy: ChargeMode): Decimal {
  if (chargeBy === 'piece') return new Dec(l.quantity);
  const m = chargeBy === 'weight' ? l.weight : l.volume;
  if (m === null) {
    const code = chargeBy === 'weight' ? FREIGHT_ERROR.MISSING_WEIGHT : FREIGHT_ERROR.MISSING_VOLUME;
    throw freightInvalid(code, `SKU ${l.skuId} has no ${chargeBy} and its template charges by ${chargeBy}`, { skuId: l.skuId });
  }
  return m.times(l.quantity);
}

const pieces = (lines: readonly Line[]) => lines.reduce((n, l) => n + l.quantity, 0);
const amountOf = (lines: readonly Line[]) => Money.sum(lines.map((l) => l.amount));
const view = (l: Line, units: Decimal): FreightQuoteLine => ({
  lineId: l.lineId,
  skuId: l.skuId,
  quantity: l.quantity,
  amount: l.amount,
  units: units.toString(),
});

function templateGroup(t: FreightTemplateSnapshot, members: readonly Line[], address: RegionCode): FreightGroup {
  const lineUnits = members.map((l) => unitsOf(l, t.chargeBy));
  const units = lineUnits.reduce((a, u) => a.plus(u), new Dec(0));
  const found = rateFor(t, address);
  const amount = amountOf(members);
  const quantity = pieces(members);
  const rule = freeRuleFor(t.freeRules, address);
  const free: FreeCheck | null = rule && {
    source: 'template',
    index: rule.index,
    regions: rule.rule.regions,
    minAmount: rule.rule.minAmount,
    minQuantity: rule.rule.minQuantity,
    combine: rule.rule.combine,
    met: freeRuleMet(rule.rule, amount, quantity),
  };
  const fee = free?.met ? Money.zero(amount.currency) : charge(found.rate, units);
  return {
    kind: 'template',
    templateId: t.id,
    name: t.name,
    chargeBy: t.chargeBy,
    overridesShop: t.overridesShop,
    lines: members.map((l, i) => view(l, lineUnits[i]!)),
    quantity,
    units: units.toString(),
    amount,
    rate: { matched: matched(found), template: found.rate, shop: null },
    free,
    fee,
    charged: fee,
  };
}

function shopGroup(members: readonly Line[], check: ShopCheck, free: boolean): FreightGroup {
  const amount = amountOf(members);
  const fee = free ? Money.zero(amount.currency) : check.rate.fee;
  const quantity = pieces(members);
  return {
    kind: 'shop',
    templateId: null,
    name: null,
    chargeBy: null,
    overridesShop: false,
    lines: members.map((l) => view(l, new Dec(l.quantity))),
    quantity,
    units: String(quantity),
    amount,
    rate: { matched: check.matched, template: null, shop: check.rate },
    free: {
      source: 'shop',
      index: check.matched.index,
      regions: check.matched.regions,
      minAmount: check.rate.freeOver,
      minQuantity: null,
      combine: 'and',
      met: free,
    },
    fee,
    charged: fee,
  };
}

function unassignedGroup(members: readonly Line[], zero: Money): FreightGroup {
  const quantity = pieces(members);
  return {
    kind: 'unassigned',
    templateId: null,
    name: null,
    chargeBy: null,
    overridesShop: false,
    lines: members.map((l) => view(l, new Dec(l.quantity))),
    quantity,
    units: String(quantity),
    amount: amountOf(members),
    rate: null,
    free: null,
    fee: zero,
    charged: zero,
  };
}

/** `sum` charges every fee; `max` only the largest (the first of equal largest), the others 0. */
function combine(groups: readonly FreightGroup[], how: FreightCombination, zero: Money): FreightGroup[] {
  if (how === 'sum' || groups.length <= 1) return [...groups];
  let top = 0;
  groups.forEach((g, i) => {
    if (g.fee.greaterThan(groups[top]!.fee)) top = i;
  });
  return groups.map((g, i) => (i === top ? g : { ...g, charged: zero }));
}

/** The whole order as one parcel by the carrier cost table; null without a table or a needed measure. */
function carrierCost(settings: ShopFreightSettingsSnapshot, lines: readonly Line[], address: RegionCode): Money | null {
  const table = settings.carrierCost;
  if (!table) return null;
  let units = new Dec(0);
  for (const l of lines) {
    const m = table.chargeBy === 'piece' ? new Dec(1) : table.chargeBy === 'weight' ? l.weight : l.volume;
    if (m === null) return null;
    units = units.plus(m.times(l.quantity));
  }
  return charge(rateFor(table, address).rate, units);
}
