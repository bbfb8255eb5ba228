import { EntitySchema } from '@mikro-orm/core';
import type { BargainSnapshot, BargainStatus } from '../../../../domain/promotion/bargain.js';
import type { GroupType, ItemPriceRule } from '../../../../domain/promotion/definition.js';
import type { GroupBuySnapshot, GroupMember, GroupStatus } from '../../../../domain/promotion/group-buy.js';
import { Money } from '../../../../domain/shared/money.js';
import { MoneyType } from '../types/money-type.js';
import { requiredTimestamp, timestamp } from '../records/timestamp.js';

/** The activity (PRM-2) row: its own file. */
export * from './activity-record.js';

const timestamptz = { type: 'datetime', columnType: 'timestamptz' } as const;

// ---- budgets ----

/** One row of `activity_budget`: what an activity has given away; only guarded UPDATEs move it. */
export class ActivityBudgetRecord {
  activityId!: string;
  spent!: Money;
}

export const ActivityBudgetSchema = new EntitySchema<ActivityBudgetRecord>({
  class: ActivityBudgetRecord,
  tableName: 'activity_budget',
  properties: {
    activityId: { type: 'text', primary: true },
    spent: { type: MoneyType },
  },
  checks: [{ name: 'activity_budget_spent_check', expression: 'spent >= 0' }],
});

/** One row of `activity_budget_charge`: a charge by business reference (replays are no-ops), and whether it was given back. */
export class ActivityBudgetChargeRecord {
  activityId!: string;
  reference!: string;
  amount!: Money;
  released!: boolean;
  at!: Date;
}

export const ActivityBudgetChargeSchema = new EntitySchema<ActivityBudgetChargeRecord>({
  class: ActivityBudgetChargeRecord,
  tableName: 'activity_budget_charge',
  properties: {
    activityId: { type: 'text', primary: true },
    reference: { type: 'text', primary: true },
    amount: { type: MoneyType },
    released: { type: 'boolean' },
    at: { ...timestamptz },
  },
  checks: [{ name: 'activity_budget_charge_amount_check', expression: 'amount > 0' }],
});

// ---- group buy ----

/**
 * One row of `group_buy`: a group of a group-buy activity. `paid` is the capacity counter: only the
 * guarded payment UPDATE (`paid < size`) raises it; the CHECK is the last line of defence against over-filling.
 */
export class GroupBuyRecord {
  id!: string;
  activityId!: string;
  activityVersion!: number;
  type!: GroupType;
  size!: number;
  paid!: number;
  tier!: ItemPriceRule;
  status!: GroupStatus;
  leaderId!: string;
  openedAt!: Date;
  deadline!: Date;
  closedAt!: Date | null;
  version!: number;
}

export const GroupBuySchema = new EntitySchema<GroupBuyRecord>({
  class: GroupBuyRecord,
  tableName: 'group_buy',
  properties: {
    id: { type: 'text', primary: true },
    activityId: { type: 'text' },
    activityVersion: { type: 'integer' },
    type: { type: 'text' },
    size: { type: 'integer' },
    paid: { type: 'integer' },
    tier: { type: 'json' },
    status: { type: 'text' },
    leaderId: { type: 'text' },
    openedAt: { ...timestamptz },
    deadline: { ...timestamptz },
    closedAt: { ...timestamptz, nullable: true },
    version: { type: 'integer' },
  },
  indexes: [
    { name: 'group_buy_activity_index', properties: ['activityId'] },
    { name: 'group_buy_forming_deadline_index', properties: ['deadline'], where: `status in ('pending', 'open')` },
  ],
  checks: [
    { name: 'group_buy_paid_check', expression: 'paid >= 0 and paid <= size' },
    { name: 'group_buy_status_check', expression: `status in ('pending', 'open', 'succeeded', 'failed')` },
    { name: 'group_buy_version_check', expression: 'version >= 0' },
  ],
});

/** One row of `group_member`: a member's order in a group, in joining order; an order is in one group at most. */
export class GroupMemberRecord {
  groupId!: string;
  orderId!: string;
  position!: number;
  memberId!: string;
  leader!: boolean;
  status!: GroupMember['status'];
  joinedAt!: Date;
  paidAt!: Date | null;
}

export const GroupMemberSchema = new EntitySchema<GroupMemberRecord>({
  class: GroupMemberRecord,
  tableName: 'group_member',
  properties: {
    groupId: { type: 'text', primary: true },
    orderId: { type: 'text', primary: true },
    position: { type: 'integer' },
    memberId: { type: 'text' },
    leader: { type: 'boolean' },
    status: { type: 'text' },
    joinedAt: { ...timestamptz },
    paidAt: { ...timestamptz, nullable: true },
  },
  uniques: [
    { name: 'group_member_order_unique', properties: ['orderId'] },
    { name: 'group_member_member_unique', properties: ['groupId', 'memberId'] },
  ],
  checks: [{ name: 'group_member_status_check', expression: `status in ('pending', 'paid')` }],
});

export function groupBuyRecord(s: GroupBuySnapshot, version: number): GroupBuyRecord {
  return {
    id: s.id,
    activityId: s.activityId,
    activityVersion: s.activityVersion,
    type: s.type,
    size: s.size,
    paid: s.paid,
    tier: s.tier,
    status: s.status,
    leaderId: s.leaderId,
    openedAt: s.openedAt,
    deadline: s.deadline,
    closedAt: s.closedAt,
    version,
  };
}

export interface GroupBuyRow {
  id: string;
  activity_id: string;
  activity_version: number;
  type: GroupType;
  size: number;
  paid: number;
  tier: ItemPriceRule;
  status: GroupStatus;
  leader_id: string;
  opened_at: string;
  deadline: string;
  closed_at: string | null;
  version: number;
}

export interface GroupMemberRow {
  group_id: string;
  order_id: string;
  position: number;
  member_id: string;
  leader: boolean;
  status: GroupMember['status'];
  joined_at: string;
  paid_at: string | null;
}

export function groupBuyFromRows(r: GroupBuyRow, members: readonly GroupMemberRow[]): GroupBuySnapshot {
  const { kind, prices, percentOff } = r.tier as { kind: 'group_buy'; prices?: ItemPriceRule['prices']; percentOff?: ItemPriceRule['percentOff'] };
  return {
    id: r.id,
    activityId: r.activity_id,
    activityVersion: r.activity_version,
    type: r.type,
    size: r.size,
    paid: r.paid,
    tier: { kind, ...(prices ? { prices: prices.map((p) => ({ skuId: p.skuId, price: p.price })) } : {}), ...(percentOff !== undefined ? { percentOff } : {}) },
    status: r.status,
    leaderId: r.leader_id,
    openedAt: requiredTimestamp(r.opened_at),
    deadline: requiredTimestamp(r.deadline),
    closedAt: timestamp(r.closed_at),
    members: [...members]
      .sort((a, b) => a.position - b.position)
      .map((m) => ({
        memberId: m.member_id,
        orderId: m.order_id,
        leader: m.leader,
        status: m.status,
        joinedAt: requiredTimestamp(m.joined_at),
        paidAt: timestamp(m.paid_at),
      })),
    version: r.version,
  };
}

// ---- bargain ----

/** One row of `bargain`: a member's bargain; its helps (at most 100) as jsonb, in helping order. */
export class BargainRecord {
  id!: string;
  activityId!: string;
  activityVersion!: number;
  memberId!: string;
  skuId!: string;
  originalPrice!: Money;
  floorPrice!: Money;
  maxHelpers!: number;
  seed!: string;
  helps!: { helperId: string; cut: string; at: string }[];
  status!: BargainStatus;
  startedAt!: Date;
  deadline!: Date;
  version!: number;
}

export const BargainSchema = new EntitySchema<BargainRecord>({
  class: BargainRecord,
  tableName: 'bargain',
  properties: {
    id: { type: 'text', primary: true },
    activityId: { type: 'text' },
    activityVersion: { type: 'integer' },
    memberId: { type: 'text' },
    skuId: { type: 'text' },
    originalPrice: { type: MoneyType },
    floorPrice: { type: MoneyType },
    maxHelpers: { type: 'integer' },
    seed: { type: 'text' },
    helps: { type: 'json' },
    status: { type: 'text' },
    startedAt: { ...timestamptz },
    deadline: { ...timestamptz },
    version: { type: 'integer' },
  },
  uniques: [{ name: 'bargain_member_unique', properties: ['activityId', 'memberId'] }],
  checks: [
    { name: 'bargain_prices_check', expression: 'floor_price >= 0 and floor_price < original_price' },
    { name: 'bargain_status_check', expression: `status in ('open', 'complete')` },
    { name: 'bargain_version_check', expression: 'version >= 0' },
  ],
});

export function bargainRecord(s: BargainSnapshot, version: number): BargainRecord {
  return {
    id: s.id,
    activityId: s.activityId,
    activityVersion: s.activityVersion,
    memberId: s.memberId,
    skuId: s.skuId,
    originalPrice: s.originalPrice,
    floorPrice: s.floorPrice,
    maxHelpers: s.maxHelpers,
    seed: s.seed,
    helps: s.helps.map((h) => ({ helperId: h.helperId, cut: h.cut.toString(), at: h.at.toISOString() })),
    status: s.status,
    startedAt: s.startedAt,
    deadline: s.deadline,
    version,
  };
}

export interface BargainRow {
  id: string;
  activity_id: string;
  activity_version: number;
  member_id: string;
  sku_id: string;
  original_price: string;
  floor_price: string;
  max_helpers: number;
  seed: string;
  helps: { helperId: string; cut: string; at: string }[];
  status: BargainStatus;
  started_at: string;
  deadline: string;
  version: number;
}

export function bargainFromRow(r: BargainRow): BargainSnapshot {
  return {
    id: r.id,
    activityId: r.activity_id,
    activityVersion: r.activity_version,
    memberId: r.member_id,
    skuId: r.sku_id,
    originalPrice: Money.of(r.original_price),
    floorPrice: Money.of(r.floor_price),
    maxHelpers: r.max_helpers,
    seed: r.seed,
    helps: r.helps.map((h) => ({ helperId: h.helperId, cut: Money.of(h.cut), at: requiredTimestamp(h.at) })),
    status: r.status,
    startedAt: requiredTimestamp(r.started_at),
    deadline: requiredTimestamp(r.deadline),
    version: r.version,
  };
}
