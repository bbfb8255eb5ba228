import { AggregateRoot } from '../shared/domain-event.js';
import { DEFAULT_CURRENCY, Money } from '../shared/money.js';
import { stateMachine } from '../shared/state-machine.js';
import type { Activity } from './activity.js';
import { amount, type BargainRule } from './definition.js';
import { PROMOTION_ERROR, rejectionOf, toError } from './errors.js';

/** FNV-1a over the seed's UTF-16 units: the PRNG's 32-bit starting state. */
function hash32(seed: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) {
    h ^= seed.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32: a small, fast, well-mixed 32-bit generator; the same seed always gives the same stream. */
function generator(seed: string): () => number {
  let a = hash32(seed);
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return (t ^ (t >>> 14)) >>> 0;
  };
}

/**
 * 砍价 cuts (spec §5), in cents, one per helper, reproducible from `seed`: a pure function. Each cut is
 * random within [0.01, twice the mean of what is left] (二倍均值), and never so large that a later helper
 * could not cut 0.01 — so every cut is ≥ 0.01, the cuts of `helpers` helpers sum exactly to `total`
 * (original − floor), and the price never passes the floor. Needs `total ≥ helpers` cents.
 */
export function bargainCuts(total: bigint, helpers: number, seed: string): bigint[] {
  if (!Number.isSafeInteger(helpers) || helpers < 1) throw new RangeError(`helpers must be a whole number ≥ 1: ${helpers}`);
  if (total < BigInt(helpers)) throw new RangeError(`${total} cents cannot give ${helpers} helpers 1 cent each`);
  const next = generator(seed);
  const cuts: bigint[] = [];
  let remaining = total;
  for (let left = BigInt(helpers); left > 1n; left--) {
    const twiceMean = (2n * remaining) / left;
    const keepForOthers = remaining - (left - 1n);
    const max = twiceMean < keepForOthers ? twiceMean : keepForOthers; // ≥ 1 since remaining ≥ left
    const random = (BigInt(next()) << 32n) | BigInt(next());
    const cut = 1n + (random % max);
    cuts.push(cut);
    remaining -= cut;
  }
  cuts.push(remaining);
  return cuts;
}

export interface BargainHelp {
  readonly helperId: string;
  readonly cut: Money;
  readonly at: Date;
}

export const BARGAIN_STATUSES = ['open', 'complete'] as const;
/** Open while helpers may cut; complete when the last allowed helper brought the price to the floor. */
export type BargainStatus = (typeof BARGAIN_STATUSES)[number];

/** A bargain's statuses as data: open until the last allowed helper brings the price to the floor. */
export const BARGAIN_TRANSITIONS = {
  open: ['complete'],
  complete: [],
} as const satisfies Record<BargainStatus, readonly BargainStatus[]>;

/** The bargain's machine: its one move goes through it (`PROMOTION.INVALID_TRANSITION` with `from` and `to` otherwise). */
export const BARGAIN = stateMachine<BargainStatus>(
  BARGAIN_TRANSITIONS,
  PROMOTION_ERROR.INVALID_TRANSITION,
  (from, to) => `a ${from} bargain cannot become ${to}`,
);

export interface BargainSnapshot {
  readonly id: string;
  readonly activityId: string;
  readonly activityVersion: number;
  /** Who bargains (发起人). */
  readonly memberId: string;
  readonly skuId: string;
  readonly originalPrice: Money;
  readonly floorPrice: Money;
  readonly maxHelpers: number;
  /** The cuts are `bargainCuts(original − floor, maxHelpers, seed)`, in helping order. */
  readonly seed: string;
  readonly helps: readonly BargainHelp[];
  readonly status: BargainStatus;
  readonly startedAt: Date;
  readonly deadline: Date;
  readonly version: number;
}

/**
 * A member's bargain (砍价) on an activity: friends help, each cut is the next of the seeded schedule;
 * the last allowed helper brings the price exactly to the floor. One help per helper (asking again gives
 * the same cut back); nothing after the deadline.
 */
export class Bargain extends AggregateRoot {
  private constructor(private state: BargainSnapshot) {
    super();
  }

  static start(c: { id: string; activity: Activity; memberId: string; seed: string; now: Date }): Bargain {
    const live = c.activity.liveAt(c.now);
    const rule = live?.definition.rule;
    if (!live || rule?.kind !== 'bargain') {
      throw toError(rejectionOf(PROMOTION_ERROR.NOT_ACTIVE, `activity ${c.activity.id} is not a bargain running now`, { activityId: c.activity.id }));
    }
    const r: BargainRule = rule;
    const cents = (v: BargainRule['originalPrice']) =>
      Money.fromMinor(
        amount(v, () => new RangeError('checked at setup')),
        DEFAULT_CURRENCY,
      );
    const deadline = new Date(Math.min(c.now.getTime() + r.hours * 3_600_000, live.definition.endsAt.getTime()));
    const b = new Bargain({
      id: c.id,
      activityId: c.activity.id,
      activityVersion: live.number,
      memberId: c.memberId,
      skuId: r.skuId,
      originalPrice: cents(r.originalPrice),
      floorPrice: cents(r.floorPrice),
      maxHelpers: r.maxHelpers,
      seed: c.seed,
      helps: [],
      status: 'open',
      startedAt: c.now,
      deadline,
      version: 0,
    });
    b.emit('started', c.now, {
      memberId: c.memberId,
      skuId: r.skuId,
      originalPrice: b.state.originalPrice.toString(),
      floorPrice: b.state.floorPrice.toString(),
    });
    return b;
  }

  static restore(snapshot: BargainSnapshot): Bargain {
    return new Bargain(snapshot);
  }

  get id(): string {
    return this.state.id;
  }
  get version(): number {
    return this.state.version;
  }
  /** Original price minus every cut so far; never below the floor. */
  get currentPrice(): Money {
    return this.state.helps.reduce((p, h) => p.subtract(h.cut), this.state.originalPrice);
  }

  /** The whole cut schedule (pure: the seed and the terms decide it). */
  schedule(): bigint[] {
    const s = this.state;
    return bargainCuts(s.originalPrice.toMinor() - s.floorPrice.toMinor(), s.maxHelpers, s.seed);
  }

  /** A helper cuts; the same helper again gets their first help back and changes nothing. */
  help(helperId: string, now: Date): { help: BargainHelp; replayed: boolean } {
    const s = this.state;
    const before = s.helps.find((h) => h.helperId === helperId);
    if (before) return { help: before, replayed: true };
    if (s.status === 'complete') {
      throw toError(rejectionOf(PROMOTION_ERROR.BARGAIN_COMPLETE, `bargain ${s.id} is at its floor price`, { bargainId: s.id }));
    }
    if (now.getTime() >= s.deadline.getTime()) {
      throw toError(rejectionOf(PROMOTION_ERROR.BARGAIN_EXPIRED, `bargain ${s.id} ended at ${s.deadline.toISOString()}`, { bargainId: s.id }));
    }
    const help: BargainHelp = { helperId, cut: Money.fromMinor(this.schedule()[s.helps.length]!, s.originalPrice.currency), at: now };
    const helps = [...s.helps, help];
    const status: BargainStatus = helps.length === s.maxHelpers ? 'complete' : 'open';
    if (status !== s.status) BARGAIN.assert(s.status, status, { bargainId: s.id });
    this.state = { ...s, helps, status };
    this.emit('helped', now, { helperId, cut: help.cut.toString(), price: this.currentPrice.toString(), helpers: helps.length });
    if (this.state.status === 'complete') this.emit('floor-reached', now, { memberId: s.memberId, price: this.currentPrice.toString() });
    return { help, replayed: false };
  }

  toSnapshot(): BargainSnapshot {
    return this.state;
  }

  markSaved(version: number): void {
    this.state = { ...this.state, version };
  }

  private emit(what: string, now: Date, payload: Record<string, unknown>): void {
    this.record({ type: `promotion.bargain.${what}`, aggregateId: this.id, occurredAt: now, payload: { activityId: this.state.activityId, ...payload } });
  }
}
