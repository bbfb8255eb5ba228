import { allocate } from '../shared/allocation.js';
import { Money } from '../shared/money.js';
import { agentAmount, type RequestSnapshot } from './request-state.js';

/** What one issued refund took back of its order: units and cash per line, and freight. */
export interface RefundedParts {
  readonly lines: readonly { readonly lineId: string; readonly quantity: number; readonly cash: Money }[];
  readonly freight: Money;
}

/**
 * The parts of the order a request's issued refund paid back (for the invoice that follows it): the
 * quote's lines and freight as quoted; when an agent set another amount (AFS-2: never above the quote),
 * that amount split over the quote's parts in proportion to them (largest remainder), so no part is
 * above its quote. Freight compensation is not a part of the order (the seller's cost of the return):
 * it is left out. Null when no refund was issued.
 */
export function refundedParts(s: RequestSnapshot): RefundedParts | null {
  if (s.refundNumber === null) return null;
  const set = agentAmount(s);
  const quoted = [...s.quote.lines.map((l) => l.cash), s.quote.freight];
  const parts =
    set === null
      ? quoted
      : allocate(
          set,
          quoted.map((m) => m.toMinor().toString()),
        );
  return {
    lines: s.quote.lines.map((l, i) => ({ lineId: l.lineId, quantity: l.quantity, cash: parts[i]! })),
    freight: parts[parts.length - 1] ?? Money.zero(s.quote.refundable.currency),
  };
}
