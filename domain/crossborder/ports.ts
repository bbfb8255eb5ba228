import type { Money } from '../shared/money.js';

/**
 * Port: what a person has paid for cross-border orders in a calendar year (China time), for the yearly
 * limit (spec §18). The orders context implements it from paid orders (issue #6). Until then the
 * composition root binds `MemoryCrossBorderPurchases` (adapters/persistence/memory), which counts only
 * what is recorded into it and so answers zero for everybody: the yearly limit then only stops a
 * single transaction above 20,000.00, which the per-transaction limit already stops.
 */
export interface CrossBorderPurchases {
  /** `personId`: the buyer's identity (订购人, the ID number customs checks), not a login. */
  paidInYear(personId: string, year: number): Promise<Money>;
}
