import type { RegionCode } from '../dispatch/index.js';
import { AggregateRoot } from '../shared/domain-event.js';
import type { Money } from '../shared/money.js';
import { FREIGHT_ERROR, freightInvalid } from './errors.js';
import {
  checkedRateTable,
  checkNoOverlap,
  price,
  ruleFor,
  ruleRegions,
  type AmountInput,
  type ChargeMode,
  type FreightRate,
  type RateTableInput,
  type RegionRate,
} from './rates.js';

export const FREE_RULE_COMBINATIONS = ['and', 'or'] as const;
/** Both conditions (AND) or either (OR) of a free-shipping rule that names two. */
export type FreeRuleCombination = (typeof FREE_RULE_COMBINATIONS)[number];

/** The most pieces a free-shipping rule may ask for. */
export const MAX_FREE_QUANTITY = 1_000_000;

/**
 * 指定条件包邮: the template's lines ship free when their amount is at least `minAmount`, their pieces
 * at least `minQuantity`, or both (`combine`: AND or OR). `regions` limits the rule to addresses
 * inside them; no regions = every address not covered by a regional rule (at most one such rule).
 * Pieces are counted whatever the template charges by.
 */
export interface FreeShippingRule {
  readonly regions: readonly RegionCode[];
  readonly minAmount: Money | null;
  readonly minQuantity: number | null;
  readonly combine: FreeRuleCombination;
}

export interface FreeShippingRuleInput {
  readonly regions?: readonly string[];
  readonly minAmount?: AmountInput | null;
  readonly minQuantity?: number | null;
  readonly combine?: FreeRuleCombination;
}

export interface FreightTemplateSnapshot {
  readonly id: string;
  /** The shop that owns the template; its shop settings say how templates combine. */
  readonly shopId: string;
  readonly name: string;
  readonly chargeBy: ChargeMode;
  readonly defaultRate: FreightRate;
  /** Rates by region; no two regions of them overlap. */
  readonly regionRates: readonly RegionRate[];
  readonly freeRules: readonly FreeShippingRule[];
  /** FRT-1: charged on its own in mixed mode, even when the order ships free at shop level. */
  readonly overridesShop: boolean;
  readonly version: number;
}

export interface FreightTemplateFields extends RateTableInput {
  readonly shopId: string;
  readonly name: string;
  readonly freeRules?: readonly FreeShippingRuleInput[];
  readonly overridesShop?: boolean;
}

/** A per-item freight template (单品运费模板) of a shop. */
export class FreightTemplate extends AggregateRoot {
  private constructor(private state: FreightTemplateSnapshot) {
    super();
  }

  static create(id: string, fields: FreightTemplateFields): FreightTemplate {
    return new FreightTemplate(checkedTemplate(id, 0, fields));
  }

  static restore(snapshot: FreightTemplateSnapshot): FreightTemplate {
    return new FreightTemplate(snapshot);
  }

  get id(): string {
    return this.state.id;
  }
  get shopId(): string {
    return this.state.shopId;
  }
  get version(): number {
    return this.state.version;
  }

  /** Changes the given fields; the whole template is checked again (overlaps, prices, units). The shop never changes. */
  update(fields: Partial<Omit<FreightTemplateFields, 'shopId'>>): void {
    const given = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
    this.state = checkedTemplate(this.state.id, this.state.version, { ...this.state, ...given, shopId: this.state.shopId });
  }

  toSnapshot(): FreightTemplateSnapshot {
    return this.state;
  }

  markSaved(version: number): void {
    this.state = { ...this.state, version };
  }
}

/** The free-shipping rule that applies at an address: the regional one covering it, else the one for everywhere, else none. */
export function freeRuleFor(rules: readonly FreeShippingRule[], address: RegionCode): { rule: FreeShippingRule; index: number } | null {
  const regional = ruleFor(rules, address);
  if (regional) return regional;
  const index = rules.findIndex((r) => r.regions.length === 0);
  return index < 0 ? null : { rule: rules[index]!, index };
}

/** Whether a free-shipping rule is met by an amount and a count of pieces. */
export function freeRuleMet(rule: FreeShippingRule, amount: Money, pieces: number): boolean {
  const byAmount = rule.minAmount === null ? null : amount.compare(rule.minAmount) >= 0;
  const byCount = rule.minQuantity === null ? null : pieces >= rule.minQuantity;
  if (byAmount === null) return byCount!;
  if (byCount === null) return byAmount;
  return rule.combine === 'and' ? byAmount && byCount : byAmount || byCount;
}

type TemplateInput = FreightTemplateFields | (Omit<FreightTemplateSnapshot, 'id' | 'version'> & Partial<FreightTemplateFields>);

function checkedTemplate(id: string, version: number, f: TemplateInput): FreightTemplateSnapshot {
  const shopId = typeof f.shopId === 'string' ? f.shopId.trim() : '';
  if (shopId.length === 0 || shopId.length > 64)
    throw freightInvalid(FREIGHT_ERROR.INVALID_TEMPLATE, 'a template belongs to a shop (an id of 1 to 64 characters)', { field: 'shopId' });
  const name = typeof f.name === 'string' ? f.name.trim() : '';
  if (name.length === 0 || name.length > 60) throw freightInvalid(FREIGHT_ERROR.INVALID_TEMPLATE, 'a template name has 1 to 60 characters', { field: 'name' });
  const table = checkedRateTable(f as RateTableInput, `template ${name}`);
  const freeRules = (f.freeRules ?? []).map((r, i) => checkedFreeRule(r as FreeShippingRuleInput, i));
  if (freeRules.filter((r) => r.regions.length === 0).length > 1) {
    throw freightInvalid(FREIGHT_ERROR.OVERLAPPING_REGIONS, 'at most one free-shipping rule covers every region', { rules: 'freeRules' });
  }
  checkNoOverlap(freeRules, `free-shipping rules of template ${name}`);
  return {
    id,
    shopId,
    name,
    chargeBy: table.chargeBy,
    defaultRate: table.defaultRate,
    regionRates: table.regionRates,
    freeRules,
    overridesShop: f.overridesShop === true,
    version,
  };
}

function checkedFreeRule(r: FreeShippingRuleInput, i: number): FreeShippingRule {
  const field = `freeRules[${i}]`;
  const regions = r.regions === undefined || r.regions.length === 0 ? [] : ruleRegions(r.regions, `${field}.regions`);
  const minAmount = r.minAmount === undefined || r.minAmount === null ? null : price(r.minAmount, `${field}.minAmount`);
  const q = r.minQuantity ?? null;
  if (q !== null && (!Number.isSafeInteger(q) || q < 1 || q > MAX_FREE_QUANTITY)) {
    throw freightInvalid(FREIGHT_ERROR.INVALID_FREE_RULE, `${field}.minQuantity is a whole number of pieces from 1 to ${MAX_FREE_QUANTITY}`, {
      field,
      minQuantity: q,
    });
  }
  if (minAmount === null && q === null) {
    throw freightInvalid(FREIGHT_ERROR.INVALID_FREE_RULE, `${field} needs an amount, a count, or both`, { field });
  }
  const combine = r.combine ?? 'and';
  if (!FREE_RULE_COMBINATIONS.includes(combine)) {
    throw freightInvalid(FREIGHT_ERROR.INVALID_FREE_RULE, `${field}.combine is "and" or "or"`, { field, combine });
  }
  if (minAmount !== null && q !== null && r.combine === undefined) {
    throw freightInvalid(FREIGHT_ERROR.INVALID_FREE_RULE, `${field} names an amount and a count: say "and" or "or"`, { field });
  }
  return { regions, minAmount, minQuantity: q, combine: minAmount !== null && q !== null ? combine : 'and' };
}
