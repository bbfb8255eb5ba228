import { audienceAdmits } from '../pricing/index.js';
import { AggregateRoot, type DomainEvent } from '../shared/domain-event.js';
import { stateMachine } from '../shared/state-machine.js';
import type { Activity } from './activity.js';
import { groupSizes, groupTierRule, type GroupType, type ItemPriceRule } from './definition.js';
import { PROMOTION_ERROR, rejectionOf, toError, type PromotionRejection } from './errors.js';

export const GROUP_STATUSES = ['pending', 'open', 'succeeded', 'failed'] as const;
/**
 * 拼团 group: pending (opened, the leader has not paid) → open (the leader paid: others may join) →
 * succeeded (paid members reached the size) or failed (the deadline passed first).
 */
export type GroupStatus = (typeof GROUP_STATUSES)[number];

export const GROUP_TRANSITIONS = {
  pending: ['open', 'failed'],
  open: ['succeeded', 'failed'],
  succeeded: [],
  failed: [],
} as const satisfies Record<GroupStatus, readonly GroupStatus[]>;

/** The group's machine: every status change goes through it (`PROMOTION.INVALID_TRANSITION` with `from` and `to` otherwise). */
export const GROUP = stateMachine<GroupStatus>(GROUP_TRANSITIONS, PROMOTION_ERROR.INVALID_TRANSITION, (from, to) => `a ${from} group cannot become ${to}`);

/** `to`, once the table allows the move from the group's status (staying put is no move). */
function moved(s: GroupBuySnapshot, to: GroupStatus): GroupStatus {
  if (to !== s.status) GROUP.assert(s.status, to, { groupId: s.id });
  return to;
}

/** A group keeps at most this many join attempts (paid or not), so an unpaid crowd cannot grow it without bound. */
export const MAX_GROUP_ENTRIES = 1000;

export interface GroupMember {
  readonly memberId: string;
  readonly orderId: string;
  readonly leader: boolean;
  /** Joining is confirmed only on payment. */
  readonly status: 'pending' | 'paid';
  readonly joinedAt: Date;
  readonly paidAt: Date | null;
}

export interface GroupBuySnapshot {
  readonly id: string;
  readonly activityId: string;
  /** The activity version the group was opened under: its price and terms hold for the group's life. */
  readonly activityVersion: number;
  readonly type: GroupType;
  /** Paid members needed (the leader included): a size of the activity's ladder. */
  readonly size: number;
  /** Paid members so far, never above `size` (a guarded counter in PostgreSQL). */
  readonly paid: number;
  /** The item price a member of this group pays (pricing's `group_buy` rule for `size`). */
  readonly tier: ItemPriceRule;
  readonly status: GroupStatus;
  readonly leaderId: string;
  readonly openedAt: Date;
  readonly deadline: Date;
  /** When it succeeded or failed. */
  readonly closedAt: Date | null;
  /** In joining order, the leader first. */
  readonly members: readonly GroupMember[];
  readonly version: number;
}

/** Who joins, as far as eligibility goes (audience, new-member groups). */
export interface Joiner {
  readonly memberId: string;
  readonly isNew?: boolean;
  readonly level?: string;
}

/**
 * Whether the payment of a member's order may be confirmed now, by the group's state alone. The one rule
 * both adapters apply: memory on the aggregate, PostgreSQL as the WHERE of one guarded UPDATE, whose
 * refusal is explained by this function on the row read afterwards.
 */
export function paymentRejection(s: GroupBuySnapshot, now: Date): PromotionRejection | null {
  if (s.status === 'failed') return rejectionOf(PROMOTION_ERROR.GROUP_CLOSED, `group ${s.id} failed`, { groupId: s.id });
  if (s.status === 'succeeded' || s.paid >= s.size) {
    return rejectionOf(PROMOTION_ERROR.GROUP_FULL, `group ${s.id} already has its ${s.size} paid members: refund this order`, {
      groupId: s.id,
      size: s.size,
    });
  }
  if (now.getTime() >= s.deadline.getTime()) {
    return rejectionOf(PROMOTION_ERROR.GROUP_CLOSED, `group ${s.id} closed at ${s.deadline.toISOString()}`, {
      groupId: s.id,
      deadline: s.deadline.toISOString(),
    });
  }
  return null;
}

/** The group after `orderId`'s payment was accepted: one more paid member; at `size`, it succeeded. */
export function afterPayment(s: GroupBuySnapshot, orderId: string, now: Date): GroupBuySnapshot {
  const paid = s.paid + 1;
  const succeeded = paid >= s.size;
  return {
    ...s,
    paid,
    status: moved(s, succeeded ? 'succeeded' : 'open'),
    closedAt: succeeded ? now : s.closedAt,
    members: s.members.map((m) => (m.orderId === orderId ? { ...m, status: 'paid' as const, paidAt: now } : m)),
  };
}

/** The events of an accepted payment, read off the group after it (the same for both adapters). */
export function paymentEvents(after: GroupBuySnapshot, orderId: string, now: Date): DomainEvent[] {
  const member = after.members.find((m) => m.orderId === orderId)!;
  const event = (what: string, payload: Record<string, unknown>): DomainEvent => ({
    type: `promotion.group.${what}`,
    aggregateId: after.id,
    occurredAt: now,
    payload: { activityId: after.activityId, ...payload },
  });
  const events = [event('member-paid', { orderId, memberId: member.memberId, paid: after.paid, size: after.size })];
  if (member.leader) events.push(event('opened', { leaderId: after.leaderId, deadline: after.deadline.toISOString() }));
  if (after.status === 'succeeded') events.push(event('succeeded', outcome(after)));
  return events;
}

/** The orders to move on (paid) and to cancel (never paid) when a group closes. */
function outcome(s: GroupBuySnapshot): Record<string, unknown> {
  return {
    size: s.size,
    tier: s.tier,
    paidOrderIds: s.members.filter((m) => m.status === 'paid').map((m) => m.orderId),
    unpaidOrderIds: s.members.filter((m) => m.status === 'pending').map((m) => m.orderId),
  };
}

/**
 * A group of a group-buy activity (拼团, spec §5): a member opens it with an order (pending until that
 * order is paid), others join with theirs; a join is confirmed only on payment, and the payment is checked
 * against the group again, so a group never over-fills (超团). It succeeds when paid members reach the
 * size (its orders move on) and fails at the deadline otherwise (its paid orders are cancelled and refunded).
 */
export class GroupBuy extends AggregateRoot {
  private constructor(private state: GroupBuySnapshot) {
    super();
  }

  /** The leader opens a group of `size` (default: the smallest) under the activity's live version. */
  static open(c: { id: string; activity: Activity; leader: Joiner; orderId: string; size?: number; now: Date }): GroupBuy {
    const live = c.activity.liveAt(c.now);
    const terms = live?.definition.groupBuy;
    if (!live || !terms) {
      throw toError(rejectionOf(PROMOTION_ERROR.NOT_ACTIVE, `activity ${c.activity.id} is not a group buy running now`, { activityId: c.activity.id }));
    }
    const size = c.size ?? terms.size;
    const tier = groupTierRule(live.definition, size);
    if (!tier) {
      throw toError(
        rejectionOf(PROMOTION_ERROR.INVALID_GROUP_SIZE, `activity ${c.activity.id} offers groups of ${groupSizes(terms).join(', ')}`, {
          size,
          sizes: groupSizes(terms),
        }),
      );
    }
    eligible(live.definition.audience, c.leader, c.activity.id);
    const deadline = new Date(Math.min(c.now.getTime() + terms.hours * 3_600_000, live.definition.endsAt.getTime()));
    const g = new GroupBuy({
      id: c.id,
      activityId: c.activity.id,
      activityVersion: live.number,
      type: terms.type,
      size,
      paid: 0,
      tier,
      status: 'pending',
      leaderId: c.leader.memberId,
      openedAt: c.now,
      deadline,
      closedAt: null,
      members: [{ memberId: c.leader.memberId, orderId: c.orderId, leader: true, status: 'pending', joinedAt: c.now, paidAt: null }],
      version: 0,
    });
    g.emit('created', c.now, { leaderId: c.leader.memberId, orderId: c.orderId, size, deadline: deadline.toISOString() });
    return g;
  }

  static restore(snapshot: GroupBuySnapshot): GroupBuy {
    return new GroupBuy(snapshot);
  }

  get id(): string {
    return this.state.id;
  }
  get status(): GroupStatus {
    return this.state.status;
  }
  get version(): number {
    return this.state.version;
  }

  /**
   * A member joins with an order, pending until it is paid. The same member and order again is a no-op
   * (returns false). Refused when the group is not open, closed, full, or the member not eligible: with
   * `activity` given, also when it was voided, or the member is outside the audience of the group's version.
   */
  join(joiner: Joiner, orderId: string, now: Date, activity?: Activity): boolean {
    const s = this.state;
    const mine = s.members.find((m) => m.memberId === joiner.memberId);
    if (mine?.orderId === orderId) return false;
    if (mine)
      throw toError(
        rejectionOf(PROMOTION_ERROR.ALREADY_JOINED, `member ${joiner.memberId} is in group ${s.id} already`, { groupId: s.id, orderId: mine.orderId }),
      );
    if (s.members.some((m) => m.orderId === orderId)) {
      throw toError(rejectionOf(PROMOTION_ERROR.ORDER_IN_ANOTHER_GROUP, `order ${orderId} is another member's`, { orderId }));
    }
    if (s.status === 'pending') throw toError(rejectionOf(PROMOTION_ERROR.GROUP_NOT_OPEN, `group ${s.id} opens when its leader has paid`, { groupId: s.id }));
    const closed = paymentRejection(s, now);
    if (closed) throw toError(closed);
    if (s.members.length >= MAX_GROUP_ENTRIES) {
      throw toError(rejectionOf(PROMOTION_ERROR.GROUP_FULL, `group ${s.id} takes no more join attempts`, { groupId: s.id, size: s.size }));
    }
    if (s.type === 'new_member' && !joiner.isNew) {
      throw toError(rejectionOf(PROMOTION_ERROR.NOT_ELIGIBLE, 'only new members join a new-member group', { groupId: s.id }));
    }
    if (activity) {
      if (activity.voided) {
        throw toError(rejectionOf(PROMOTION_ERROR.NOT_ACTIVE, `activity ${activity.id} was voided`, { activityId: activity.id }));
      }
      const audience = activity.versionNumbered(s.activityVersion)?.definition.audience;
      if (audience) eligible(audience, joiner, s.activityId);
    }
    this.state = { ...s, members: [...s.members, { memberId: joiner.memberId, orderId, leader: false, status: 'pending', joinedAt: now, paidAt: null }] };
    this.emit('joined', now, { memberId: joiner.memberId, orderId });
    return true;
  }

  /**
   * The order's payment arrived: confirmed if the group still has room (GROUP_FULL otherwise: the caller
   * refunds), and the group succeeds when it reaches its size. A payment confirmed before is a no-op.
   */
  confirmPayment(orderId: string, now: Date): { replayed: boolean } {
    const member = this.state.members.find((m) => m.orderId === orderId);
    if (!member) {
      throw toError(
        rejectionOf(PROMOTION_ERROR.ORDER_NOT_IN_GROUP, `no member of group ${this.id} joined with order ${orderId}`, { groupId: this.id, orderId }),
      );
    }
    if (member.status === 'paid') return { replayed: true };
    const r = paymentRejection(this.state, now);
    if (r) throw toError(r);
    this.state = afterPayment(this.state, orderId, now);
    for (const e of paymentEvents(this.state, orderId, now)) this.record(e);
    return { replayed: false };
  }

  /** At or after the deadline, a group still short of its size fails; returns whether it did. */
  expire(now: Date): boolean {
    const s = this.state;
    if (!GROUP.can(s.status, 'failed') || now.getTime() < s.deadline.getTime()) return false;
    this.state = { ...s, status: moved(s, 'failed'), closedAt: now };
    this.emit('failed', now, outcome(this.state));
    return true;
  }

  toSnapshot(): GroupBuySnapshot {
    return this.state;
  }

  markSaved(version: number): void {
    this.state = { ...this.state, version };
  }

  private emit(what: string, now: Date, payload: Record<string, unknown>): void {
    this.record({ type: `promotion.group.${what}`, aggregateId: this.id, occurredAt: now, payload: { activityId: this.state.activityId, ...payload } });
  }
}

function eligible(audience: Parameters<typeof audienceAdmits>[0], j: Joiner, activityId: string): void {
  const member = { memberId: j.memberId, isNew: j.isNew ?? false, ...(j.level !== undefined ? { level: j.level } : {}), channel: 'app' as const };
  if (!audienceAdmits(audience, member)) {
    throw toError(rejectionOf(PROMOTION_ERROR.NOT_ELIGIBLE, `member ${j.memberId} is outside the audience of activity ${activityId}`, { activityId }));
  }
}
