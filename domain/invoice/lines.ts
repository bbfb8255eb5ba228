import { Money } from '../shared/money.js';
import { splitTax, type VatRate } from './tax.js';
import type { InvoiceLine } from './invoice-state.js';

/** What the order still holds of one line after refunds: its units and their paid amount. */
export interface KeptLine {
  readonly lineId: string;
  readonly title: string;
  readonly quantity: number;
  /** The allocated actual paid amount (ORD-4) of its units not refunded (AFS-2). */
  readonly kept: Money;
  readonly rate: VatRate;
}

/**
 * The lines of a blue invoice for what the order keeps: each line with an amount left (and the freight,
 * `lineId` `freight`, when some of it is kept), taxed by decision 0033. Lines with nothing kept are left out.
 */
export function invoiceLines(kept: readonly KeptLine[], freight: { readonly kept: Money; readonly rate: VatRate; readonly title: string }): InvoiceLine[] {
  const all = [...kept, { lineId: 'freight', title: freight.title, quantity: 1, kept: freight.kept, rate: freight.rate }];
  return all
    .filter((l) => l.kept.isPositive())
    .map((l) => ({ lineId: l.lineId, title: l.title, quantity: l.quantity, amount: l.kept, rate: l.rate, ...splitTax(l.kept, l.rate) }));
}

/** Σ of the lines' amounts and taxes. */
export function totalsOf(lines: readonly InvoiceLine[], currency: string): { amount: Money; tax: Money } {
  return {
    amount: Money.sum(
      lines.map((l) => l.amount),
      currency,
    ),
    tax: Money.sum(
      lines.map((l) => l.tax),
      currency,
    ),
  };
}

/** Whether two sets of lines invoice the same (same lines, units and amounts). */
export function sameLines(a: readonly InvoiceLine[], b: readonly InvoiceLine[]): boolean {
  return (
    a.length === b.length && a.every((l) => b.some((m) => m.lineId === l.lineId && m.quantity === l.quantity && m.amount.equals(l.amount) && m.rate === l.rate))
  );
}
