import { checkAmount, checkReference, type LedgerResult } from '../../domain/membership/ledger.js';
import { checkAudit } from '../../domain/membership/member.js';
import { businessDay, checkoutDeduction, endOfYear, expiryOf, previousDay, signInPoints, topUpPoints, type PointsSource } from '../../domain/membership/points.js';
import { DomainError } from '../../domain/shared/domain-error.js';
import { Money } from '../../domain/shared/money.js';
import type { UnitOfWork } from '../shared/unit-of-work.js';
import { changeGrowth, changePoints, rules, type Deps } from './support.js';

/**
 * Daily sign-in (签到): once per business day; the streak counts consecutive days and every
 * `streakEvery`-th day earns the bonus. A sign-in is also the day's first manual login for growth.
 */
export class SignIn {
  constructor(private readonly uow: UnitOfWork, private readonly d: Deps) {}
  execute(cmd: { memberId: string }): Promise<{ points: number; streak: number; balance: number; replayed: boolean }> {
    return this.uow.run(async (tx) => {
      const now = this.d.clock.now();
      const day = businessDay(now);
      // Signed in today already: the first sign-in's answer, whatever the rules say now (they may have
      // changed since, and re-applying today's entries with other amounts would be a reference reuse).
      const today = await tx.pointsLedger.entry(cmd.memberId, 'sign_in', day);
      if (today) return { points: today.delta, streak: Number(today.detail.streak ?? 1), balance: await tx.pointsLedger.balance(cmd.memberId), replayed: true };
      const r = await rules(tx);
      const yesterday = await tx.pointsLedger.entry(cmd.memberId, 'sign_in', previousDay(day));
      const streak = yesterday ? Number(yesterday.detail.streak ?? 1) + 1 : 1;
      const res = await changePoints(tx, this.d, { memberId: cmd.memberId, source: 'sign_in', reference: day, delta: signInPoints(r.points, streak), expiresAt: expiryOf(r.points, now), detail: { streak } });
      if (r.growth.dailyLogin > 0) await changeGrowth(tx, this.d, { memberId: cmd.memberId, source: 'login', reference: day, delta: r.growth.dailyLogin }, r.levels);
      return { points: res.entry.delta, streak: Number(res.entry.detail.streak ?? streak), balance: res.balance, replayed: res.replayed };
    });
  }
}

/** Points for sharing (fixed) or a top-up (per yuan), once per reference. */
export class EarnPoints {
  constructor(private readonly uow: UnitOfWork, private readonly d: Deps) {}
  execute(cmd: { memberId: string; source: 'share' | 'top_up'; reference: string; amount?: string }): Promise<LedgerResult<PointsSource>> {
    checkReference(cmd.reference);
    if (cmd.source !== 'share' && cmd.source !== 'top_up') throw DomainError.invalid('MEMBERSHIP.INVALID_SOURCE', 'earn from share or top_up', { source: cmd.source });
    const topUp = cmd.source === 'top_up' ? Money.parse(cmd.amount ?? '') : null;
    if (topUp && !topUp.amount.greaterThan(0)) throw DomainError.invalid('MONEY.INVALID_AMOUNT', 'a top-up is above zero');
    return this.uow.run(async (tx) => {
      const r = await rules(tx);
      const points = topUp ? topUpPoints(r.points, topUp) : r.points.share;
      if (points === 0) throw DomainError.invalid('MEMBERSHIP.NOTHING_TO_EARN', 'the rule grants no points for this');
      return changePoints(tx, this.d, { memberId: cmd.memberId, source: cmd.source, reference: cmd.reference, delta: points, expiresAt: expiryOf(r.points, this.d.clock.now()) });
    });
  }
}

export interface CheckoutDeduction {
  readonly points: number;
  readonly value: string;
  readonly perLine: Readonly<Record<string, number>>;
  readonly balance: number;
  readonly replayed: boolean;
}

/**
 * Checkout deduction (积分抵扣): `points` pay `points × ratio` off the payable, at most `maxPercent` %;
 * the points split over the lines by their payable, so a refund returns exactly the refunded lines'
 * share. The balance never goes negative: the debit is one guarded step. Once per order.
 */
export class DeductPointsAtCheckout {
  constructor(private readonly uow: UnitOfWork, private readonly d: Deps) {}
  execute(cmd: { memberId: string; orderId: string; points: number; payable: string; lines: readonly { lineId: string; payable: string }[] }): Promise<CheckoutDeduction> {
    checkAmount(cmd.points);
    checkReference(cmd.orderId);
    const payable = Money.parse(cmd.payable);
    const lines = (cmd.lines ?? []).map((l) => ({ lineId: l.lineId, payable: Money.parse(l.payable) }));
    return this.uow.run(async (tx) => {
      const r = await rules(tx);
      const { value, perLine } = checkoutDeduction(r.points, cmd.points, payable, lines);
      const res = await changePoints(tx, this.d, { memberId: cmd.memberId, source: 'checkout', reference: cmd.orderId, delta: -cmd.points, detail: { value: value.toString(), perLine } });
      const detail = res.entry.detail as { value: string; perLine: Record<string, number> };
      return { points: -res.entry.delta, value: detail.value, perLine: detail.perLine, balance: res.balance, replayed: res.replayed };
    });
  }
}

/** Spending in the points mall (积分商城) or for a member right (权益), once per reference; guarded. */
export class SpendPoints {
  constructor(private readonly uow: UnitOfWork, private readonly d: Deps) {}
  execute(cmd: { memberId: string; purpose: 'mall' | 'right'; reference: string; points: number }): Promise<LedgerResult<PointsSource>> {
    checkAmount(cmd.points);
    checkReference(cmd.reference);
    if (cmd.purpose !== 'mall' && cmd.purpose !== 'right') throw DomainError.invalid('MEMBERSHIP.INVALID_SOURCE', 'spend in the mall or for a right', { purpose: cmd.purpose });
    return this.uow.run((tx) => changePoints(tx, this.d, { memberId: cmd.memberId, source: cmd.purpose, reference: cmd.reference, delta: -cmd.points }));
  }
}

/** Staff change a member's points by hand: audited; a debit is guarded like any other. */
export class AdjustPoints {
  constructor(private readonly uow: UnitOfWork, private readonly d: Deps) {}
  execute(cmd: { memberId: string; delta: number; operator: string; reason: string; reference?: string }): Promise<LedgerResult<PointsSource>> {
    checkAudit(cmd.operator, cmd.reason);
    checkAmount(typeof cmd.delta === 'number' ? Math.abs(cmd.delta) : cmd.delta);
    return this.uow.run(async (tx) => {
      const r = await rules(tx);
      const reference = cmd.reference ?? this.d.ids.next();
      const at = this.d.clock.now();
      const res = await changePoints(tx, this.d, { memberId: cmd.memberId, source: 'manual', reference, delta: cmd.delta, expiresAt: cmd.delta > 0 ? expiryOf(r.points, at) : null });
      if (!res.replayed) await tx.members.recordAudit({ id: this.d.ids.next(), memberId: cmd.memberId, action: 'points', operator: cmd.operator, reason: cmd.reason, detail: { delta: cmd.delta, reference }, at });
      return res;
    });
  }
}

/**
 * The expiry sweep: points earned in `year` (expiring at the end of year + 1) that debits have not
 * used by then expire, for every member at once. Refused before the cutoff; idempotent per year.
 */
export class ExpirePoints {
  constructor(private readonly uow: UnitOfWork, private readonly d: Deps) {}
  execute(cmd: { earnedInYear: number }): Promise<{ members: number; points: number }> {
    const y = cmd.earnedInYear;
    if (!Number.isSafeInteger(y) || y < 2000 || y > 9000) throw DomainError.invalid('MEMBERSHIP.INVALID_YEAR', 'a year such as 2025', { year: y });
    const cutoff = endOfYear(y + 1);
    const now = this.d.clock.now();
    if (now < cutoff) throw DomainError.conflict('MEMBERSHIP.NOT_YET_EXPIRED', `points earned in ${y} expire at ${cutoff.toISOString()}`, { cutoff: cutoff.toISOString() });
    return this.uow.run(async (tx) => {
      const r = await tx.pointsLedger.expire(cutoff, `expiry:${y}`, now, () => this.d.ids.next());
      if (r.members > 0) tx.recordEvents([{ type: 'membership.points.expired', aggregateId: `expiry:${y}`, occurredAt: now, payload: { ...r, earnedInYear: y } }]);
      return r;
    });
  }
}
