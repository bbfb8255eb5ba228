import { AggregateRoot } from '../shared/domain-event.js';
import { Money } from '../shared/money.js';
import { accountOf, type Side } from './accounts.js';
import { FINANCE_ERRORS } from './errors.js';

/** What a posting records (its source's kind): the business event it comes from, or a reversal. */
export const POSTING_KINDS = [
  'order-paid',
  'order-completed',
  'refund-issued',
  'refund-paid-out',
  'late-payment',
  'late-refund',
  'channel-fees',
  'reversal',
] as const;
export type PostingKind = (typeof POSTING_KINDS)[number];

/** One line: an amount (positive, whole cents) on one side of an account, for an order (分户: the sub-ledger's holder) or none. */
export interface PostingLine {
  readonly account: string;
  readonly side: Side;
  readonly amount: Money;
  readonly orderId: string | null;
}

export interface PostingSnapshot {
  readonly id: string;
  /** What it was posted from, unique in the ledger (`order.paid:<order>` …): a source posts once. */
  readonly source: string;
  readonly kind: PostingKind;
  /** When the business event happened: what balances at a date and periods count by. */
  readonly at: Date;
  /** When the ledger recorded it. */
  readonly recordedAt: Date;
  readonly memo: string;
  readonly lines: readonly PostingLine[];
  /** A reversal: the posting it reverses. */
  readonly reverses: string | null;
  /** The staff member who asked for it (reversals), or null for postings from business events. */
  readonly by: string | null;
}

/** The source key of the reversal of a posting: one reversal per posting. */
export const reversalSource = (postingId: string): string => `reversal:${postingId}`;

/** Debits − credits per currency (zero in every currency: FIN-1). */
export function imbalance(lines: readonly PostingLine[]): Map<string, Money> {
  const out = new Map<string, Money>();
  for (const l of lines) {
    const signed = l.side === 'debit' ? l.amount : l.amount.negate();
    out.set(l.amount.currency, (out.get(l.amount.currency) ?? Money.zero(l.amount.currency)).add(signed));
  }
  return out;
}

/** FINANCE.INVALID_POSTING for lines that are not a posting's; FINANCE.UNBALANCED when they do not balance (FIN-1). */
export function checkLines(lines: readonly PostingLine[]): void {
  if (lines.length < 2) throw FINANCE_ERRORS.raise('INVALID_POSTING', 'a posting has at least two lines', { lines: lines.length });
  for (const l of lines) {
    if (!accountOf(l.account)) throw FINANCE_ERRORS.raise('INVALID_POSTING', `no account ${l.account} in the chart`, { account: l.account });
    if (!(l.amount instanceof Money) || !l.amount.isPositive() || !l.amount.isWholeMinorUnits()) {
      throw FINANCE_ERRORS.raise('INVALID_POSTING', `a line's amount is positive, in whole cents: ${String(l.amount)}`, { account: l.account });
    }
  }
  for (const [currency, diff] of imbalance(lines)) {
    if (!diff.isZero()) {
      throw FINANCE_ERRORS.raise('UNBALANCED', `debits and credits differ by ${diff.toString()} ${currency} (FIN-1)`, {
        currency,
        difference: diff.toString(),
      });
    }
  }
}

/**
 * 记账凭证: a balanced set of lines (FIN-1), posted once from its source and never changed after — a
 * mistake is corrected by its reversal, a posting of its own with every line on the other side.
 * Recording one records `finance.posting.posted`.
 */
export class Posting extends AggregateRoot {
  private constructor(private readonly s: PostingSnapshot) {
    super();
  }

  static post(c: Omit<PostingSnapshot, 'reverses' | 'by'> & { readonly by?: string | null }): Posting {
    return Posting.create({ ...c, reverses: null, by: c.by ?? null });
  }

  /** The reversal of `original`: its lines on the other side, at `at`, with the reason and who asked for it. */
  static reverse(original: PostingSnapshot, c: { readonly id: string; readonly at: Date; readonly reason: string; readonly by: string }): Posting {
    const flip = (side: Side): Side => (side === 'debit' ? 'credit' : 'debit');
    return Posting.create({
      id: c.id,
      source: reversalSource(original.id),
      kind: 'reversal',
      at: c.at,
      recordedAt: c.at,
      memo: `reverses ${original.id} (${original.memo}): ${c.reason}`,
      lines: original.lines.map((l) => ({ ...l, side: flip(l.side) })),
      reverses: original.id,
      by: c.by,
    });
  }

  static restore(s: PostingSnapshot): Posting {
    return new Posting(s);
  }

  private static create(s: PostingSnapshot): Posting {
    checkLines(s.lines);
    const p = new Posting(s);
    p.record({
      type: 'finance.posting.posted',
      aggregateId: s.id,
      occurredAt: s.recordedAt,
      payload: { source: s.source, kind: s.kind, at: s.at.toISOString(), reverses: s.reverses },
    });
    return p;
  }

  get id(): string {
    return this.s.id;
  }

  toSnapshot(): PostingSnapshot {
    return this.s;
  }
}
