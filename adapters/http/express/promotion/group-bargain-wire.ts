import { z } from 'zod';
import type { BargainView, CloseExpiredGroups } from '../../../../application/promotion/index.js';
import type { BargainHelp } from '../../../../domain/promotion/bargain.js';
import { GROUP_TYPES } from '../../../../domain/promotion/definition.js';
import { GROUP_STATUSES, type GroupBuySnapshot } from '../../../../domain/promotion/group-buy.js';
import { component, count, int, money, timestamp, wireId, wireObject, type Check, type Json, type Same } from '../wire/shared.js';
import { itemPriceRule } from './activity-wire.js';

/** The promotion routes' answers about group buys (the staff's full view, a member's own view) and bargains. */

// ---- group buys (拼团) ----

const memberStatus = z.enum(['pending', 'paid']);
const groupFields = {
  id: wireId,
  activityId: wireId,
  type: z.enum(GROUP_TYPES),
  size: int,
  paid: count,
  tier: itemPriceRule,
  status: z.enum(GROUP_STATUSES),
  openedAt: timestamp,
  deadline: timestamp,
  closedAt: timestamp.nullable(),
};

/** A group as staff see it: every member with their order. */
export const groupBuyView = component(
  'GroupBuy',
  wireObject({
    ...groupFields,
    activityVersion: int,
    leaderId: wireId,
    members: z.array(
      wireObject({ memberId: wireId, orderId: z.string(), leader: z.boolean(), status: memberStatus, joinedAt: timestamp, paidAt: timestamp.nullable() }),
    ),
    version: int,
  }),
);

/** A group payment confirmed (or a replay of one: `replayed`). */
export const groupPayment = component('GroupPayment', wireObject({ ...groupBuyView.shape, replayed: z.boolean() }));

export const expiredGroups = wireObject({ failed: z.array(wireId) });

/** What a member sees of a group: its progress, and their own place in it — not the others' orders. */
export function memberGroupView(g: GroupBuySnapshot, memberId: string) {
  const mine = g.members.find((m) => m.memberId === memberId);
  return {
    id: g.id,
    activityId: g.activityId,
    type: g.type,
    size: g.size,
    paid: g.paid,
    tier: g.tier,
    status: g.status,
    openedAt: g.openedAt,
    deadline: g.deadline,
    closedAt: g.closedAt,
    members: g.members.length,
    mine: mine ? { orderId: mine.orderId, leader: mine.leader, status: mine.status } : null,
  };
}

export const memberGroup = component(
  'MemberGroup',
  wireObject({
    ...groupFields,
    members: count,
    mine: wireObject({ orderId: z.string(), leader: z.boolean(), status: memberStatus }).nullable(),
  }),
);

// ---- bargains (砍价) ----

/** What a member sees of a bargain: the prices and how many helped — not who, nor the seed that decides the cuts. */
export function memberBargainView(b: BargainView, memberId: string) {
  const mine = b.helps.find((h) => h.helperId === memberId);
  return {
    id: b.id,
    activityId: b.activityId,
    skuId: b.skuId,
    originalPrice: b.originalPrice,
    floorPrice: b.floorPrice,
    currentPrice: b.currentPrice,
    maxHelpers: b.maxHelpers,
    helpers: b.helps.length,
    status: b.status,
    startedAt: b.startedAt,
    deadline: b.deadline,
    mine: b.memberId === memberId,
    myCut: mine?.cut ?? null,
  };
}

export const memberBargain = component(
  'MemberBargain',
  wireObject({
    id: wireId,
    activityId: wireId,
    skuId: wireId,
    originalPrice: money,
    floorPrice: money,
    currentPrice: money,
    maxHelpers: int,
    helpers: count,
    status: z.enum(['open', 'complete']),
    startedAt: timestamp,
    deadline: timestamp,
    mine: z.boolean(),
    myCut: money.nullable(),
  }),
);

/** 帮砍's answer: the bargain as the helper sees it, their cut, and whether they had cut already (`replayed`). */
export function memberHelpView(r: BargainView & { readonly help: BargainHelp; readonly replayed: boolean }, helperId: string) {
  return { ...memberBargainView(r, helperId), cut: r.help.cut, replayed: r.replayed };
}

export const bargainHelp = component('BargainHelp', wireObject({ ...memberBargain.shape, cut: money, replayed: z.boolean() }));

export type GroupBargainWireChecks = [
  Check<Same<z.output<typeof groupBuyView>, Json<GroupBuySnapshot>>>,
  Check<Same<z.output<typeof groupPayment>, Json<GroupBuySnapshot & { readonly replayed: boolean }>>>,
  Check<Same<z.output<typeof expiredGroups>, Json<Awaited<ReturnType<CloseExpiredGroups['execute']>>>>>,
  Check<Same<z.output<typeof memberGroup>, Json<ReturnType<typeof memberGroupView>>>>,
  Check<Same<z.output<typeof memberBargain>, Json<ReturnType<typeof memberBargainView>>>>,
  Check<Same<z.output<typeof bargainHelp>, Json<ReturnType<typeof memberHelpView>>>>,
];
