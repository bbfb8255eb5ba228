import type { Activity as PricingActivity, ActivityScope, AmountInput, Audience, Channel, ItemPriceActivity, Stacking } from '../pricing/index.js';
import type { Money } from '../shared/money.js';
import type { DepositPresaleRule } from './presale.js';
import type { LimitPeriod } from './purchase-limit.js';

// What an activity is defined by (PRM-2): its setup fields and its rule, with the limits they are held to;
// `checkedDefinition` (definition.ts) validates them.

/** The fields of a pricing activity that setup owns (PRM-2); the rest of the pricing type is the rule. */
type SetupKey = 'id' | 'name' | 'priority' | 'stacking' | 'shopId' | 'scope' | 'audience' | 'channels' | 'startsAt' | 'endsAt';
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** A rule of the pricing engine's types (满减, 满折, 单品, 秒杀, 拼团 price …): its kind and its kind's fields. */
export type PricingRule = DistributiveOmit<PricingActivity, SetupKey>;
export type ItemPriceRule = DistributiveOmit<ItemPriceActivity, SetupKey>;

/**
 * 砍价 (spec §5): helpers cut a product's price from `originalPrice` down to `floorPrice`; the cuts of
 * `maxHelpers` helpers sum exactly to the difference. A started bargain stays open `hours` (capped by
 * the activity's end).
 */
export interface BargainRule {
  readonly kind: 'bargain';
  readonly skuId: string;
  readonly originalPrice: AmountInput;
  readonly floorPrice: AmountInput;
  readonly maxHelpers: number;
  readonly hours: number;
}

export type PromotionRule = PricingRule | BargainRule | DepositPresaleRule;
export type PromotionKind = PromotionRule['kind'];
export const PROMOTION_KINDS = [
  'single_item',
  'flash_sale',
  'group_buy',
  'full_reduction',
  'full_discount',
  'multi_buy',
  'bundle',
  'add_on',
  'gift',
  'bargain',
  'deposit_presale',
] as const satisfies readonly PromotionKind[];

export const GROUP_TYPES = ['normal', 'new_member', 'super'] as const;
/** 普通团, 新人团 (joiners must be new members), 超级团 (big groups, usually with a ladder). */
export type GroupType = (typeof GROUP_TYPES)[number];

/** One step of a group-buy ladder (阶梯团): a group of `size` members pays this item price (pricing's `group_buy` fields). */
export interface GroupTier {
  readonly size: number;
  readonly prices?: ItemPriceActivity['prices'];
  readonly percentOff?: ItemPriceActivity['percentOff'];
}

/**
 * 拼团 terms beside the `group_buy` rule: the rule is the price of a group of `size` members (the leader
 * included); `ladder` offers bigger groups at lower prices; a group stays open `hours` after it is opened
 * (capped by the activity's end).
 */
export interface GroupBuyTerms {
  readonly type: GroupType;
  readonly size: number;
  readonly hours: number;
  readonly ladder: readonly GroupTier[];
}

export const MAX_GROUP_SIZE = 100;
export const MAX_HELPERS = 100;
export const MAX_HOURS = 24 * 30;
export const MAX_PRIORITY = 9999;
export const MAX_PER_MEMBER_LIMIT = 1_000_000;

/** Everything one version of an activity says (PRM-2 setup). Amounts in rules are kept as decimal strings. */
export interface ActivityDefinition {
  readonly name: string;
  readonly rule: PromotionRule;
  /** The window [startsAt, endsAt). */
  readonly startsAt: Date;
  readonly endsAt: Date;
  /** Empty: every channel. */
  readonly channels: readonly Channel[];
  readonly audience: Audience;
  /** The products it covers. */
  readonly scope: ActivityScope;
  /** A shop's own activity; null: the platform's. */
  readonly shopId: string | null;
  /**
   * 限购, per member and `limitPeriod`: the units one member may buy at the activity's price (price kinds —
   * single-item, flash sale, group buy — and deposit presale), or the orders that may take part (set-level
   * kinds); null: no limit (the spec's default). Counted by `PurchaseLimits`.
   */
  readonly perMemberLimit: number | null;
  /** Over what the per-member limit counts: the whole activity (default), or each calendar day, week or month. */
  readonly limitPeriod: LimitPeriod;
  /** What the activity may give away in all; null: no budget. Spending is counted by `ActivityBudgets`. */
  readonly budget: Money | null;
  /** PRM-4: shared (共享) or exclusive (互斥), and the priority among activities. */
  readonly stacking: Stacking;
  readonly priority: number;
  /** The `group_buy` kind's terms; null for every other kind. */
  readonly groupBuy: GroupBuyTerms | null;
  /** The sales-layer carve-out pool (`stock_pool`) the activity sells from (a flash sale's stock), if any. */
  readonly stockPool: string | null;
}

type Required_ = 'name' | 'rule' | 'startsAt' | 'endsAt';
/** What setup and revisions give: the four required fields, the rest defaulted. */
export type ActivityInput = Pick<ActivityDefinition, Required_> & Partial<Omit<ActivityDefinition, Required_>>;
