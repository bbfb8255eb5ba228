import type { DomainError } from '../shared/domain-error.js';
import { MEMBERSHIP_ERRORS } from './errors.js';
import { INT32_MAX, isWholeIn } from '../shared/integers.js';

/**
 * A line of a member's growth or points ledger. `(member, source, reference)` is the idempotency key:
 * the source event (an order, a review, a day's sign-in …) is applied at most once. The balance is the
 * sum of the ledger and never goes below zero.
 */
export interface LedgerEntry<S extends string = string> {
  readonly id: string;
  readonly memberId: string;
  readonly source: S;
  readonly reference: string;
  /** Signed, whole. */
  readonly delta: number;
  readonly at: Date;
  /** Points only: when an earning expires (null: never, or not an earning). */
  readonly expiresAt: Date | null;
  /** What the entry was computed from (the factor of an order's growth, a checkout's split over lines …). */
  readonly detail: Readonly<Record<string, unknown>>;
}

/**
 * A change to apply. A debit (negative delta) is guarded: it is refused when the balance does not cover
 * it, unless `clamp` is set, which takes at most the balance (a rollback never drives it below zero).
 */
export interface LedgerChange<S extends string = string> {
  readonly entryId: string;
  readonly memberId: string;
  readonly source: S;
  readonly reference: string;
  readonly delta: number;
  readonly at: Date;
  readonly expiresAt?: Date | null;
  readonly detail?: Readonly<Record<string, unknown>>;
  readonly clamp?: boolean;
}

export interface LedgerResult<S extends string = string> {
  readonly entry: LedgerEntry<S>;
  readonly replayed: boolean;
  /** The balance after the change (after the first application, for a replay). */
  readonly balance: number;
}

/** The whole, positive amount a grant, spend or rollback takes, at most what a balance holds (int32): fractional, negative or larger amounts are refused. */
export function checkAmount(n: unknown, what = 'points'): number {
  if (!isWholeIn(n, 1, INT32_MAX)) {
    throw MEMBERSHIP_ERRORS.raise('INVALID_AMOUNT', `${what} are a whole number from 1 to ${INT32_MAX}`, { [what]: n });
  }
  return n;
}

/** The reference of a source event: a short non-empty string. */
export function checkReference(reference: unknown): string {
  if (typeof reference !== 'string' || reference.length === 0 || reference.length > 200) {
    throw MEMBERSHIP_ERRORS.raise('INVALID_REFERENCE', 'a reference has 1 to 200 characters');
  }
  return reference;
}

/** A replay is the same change; the same key with another amount is a mistake (clamped rollbacks compare what they asked). */
export function assertReplay<S extends string>(earlier: LedgerEntry<S>, change: LedgerChange<S>): LedgerEntry<S> {
  if (!change.clamp && earlier.delta !== change.delta) {
    throw MEMBERSHIP_ERRORS.raise('REFERENCE_REUSED', `reference ${change.reference} was used for another ${change.source}`, {
      source: change.source,
      reference: change.reference,
    });
  }
  return earlier;
}

/** What a debit takes: all of it, or (clamped) at most the balance; null when refused. */
export function debitOf(balance: number, change: Pick<LedgerChange, 'delta' | 'clamp'>): number | null {
  if (change.delta >= 0) return change.delta;
  if (change.clamp) return -Math.min(-change.delta, balance);
  return balance + change.delta >= 0 ? change.delta : null;
}

/** Whether a credit would carry the balance past what is stored (int32). */
export function overflows(balance: number, delta: number): boolean {
  return delta > 0 && balance + delta > INT32_MAX;
}

/** A change that would carry a balance past what is stored: refused before anything is written. */
export function balanceOverflow(kind: 'points' | 'growth', memberId: string, balance: number | null, delta: number): DomainError {
  return MEMBERSHIP_ERRORS.raise('BALANCE_OVERFLOW', `a change of ${delta} would carry the ${kind} balance past ${INT32_MAX}`, {
    memberId,
    kind,
    balance,
    delta,
    max: INT32_MAX,
  });
}

export function insufficient(kind: 'points' | 'growth', memberId: string, balance: number, wanted: number): DomainError {
  const message = `the member has ${balance} ${kind}, not ${wanted}`;
  const details = { memberId, balance, wanted };
  return kind === 'points'
    ? MEMBERSHIP_ERRORS.raise('INSUFFICIENT_POINTS', message, details)
    : MEMBERSHIP_ERRORS.raise('INSUFFICIENT_GROWTH', message, details);
}
