import { Money } from '../shared/money.js';
import type { MatchOutcome } from './report.js';

/** One currency of a channel day: what the statement says moved through the channel, what the ledger's clearing account moved, and the gap. */
export interface ClearingCheck {
  readonly statement: string;
  readonly ledger: string;
  /** statement − ledger: 0.00 when the books follow the channel. */
  readonly difference: string;
}

/**
 * What the channel's statement says moved through it on the day, per currency: payments in, refunds
 * out, fees kept — Σ payments − Σ refunds − Σ fees. Every statement line is either matched (its amount
 * is the platform's) or the channel side of a discrepancy, so the outcome says it exactly.
 */
export function statementNet(o: MatchOutcome): Record<string, Money> {
  const net: Record<string, Money> = {};
  const add = (m: Money) => {
    net[m.currency] = (net[m.currency] ?? Money.zero(m.currency)).add(m);
  };
  for (const [currency, amount] of Object.entries(o.matched.payment.amounts)) add(Money.of(amount, currency));
  for (const [currency, amount] of Object.entries(o.matched.refund.amounts)) add(Money.of(amount, currency).negate());
  for (const d of o.discrepancies) if (d.channel) add(d.channel.kind === 'payment' ? d.channel.amount : d.channel.amount.negate());
  for (const [currency, fee] of Object.entries(o.fees)) add(Money.of(fee, currency).negate());
  return net;
}

/** The check of each currency: the statement's net against the ledger's clearing movement of the day (absent: none). */
export function clearingChecks(statement: Readonly<Record<string, Money>>, ledger: Readonly<Record<string, Money>>): Record<string, ClearingCheck> {
  const out: Record<string, ClearingCheck> = {};
  for (const currency of [...new Set([...Object.keys(statement), ...Object.keys(ledger)])].sort()) {
    const s = statement[currency] ?? Money.zero(currency);
    const l = ledger[currency] ?? Money.zero(currency);
    out[currency] = { statement: s.toString(), ledger: l.toString(), difference: s.subtract(l).toString() };
  }
  return out;
}
