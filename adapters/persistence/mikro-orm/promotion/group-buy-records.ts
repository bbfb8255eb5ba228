import { EntitySchema } from '@mikro-orm/core';
import type { GroupType, ItemPriceRule } from '../../../../domain/promotion/definition.js';
import type { GroupBuySnapshot, GroupMember, GroupStatus } from '../../../../domain/promotion/group-buy.js';
import { requiredTimestamp, timestamp } from '../records/timestamp.js';

const timestamptz = { type: 'datetime', columnType: 'timestamptz' } as const;

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
